// The language-models feature's one entry point: D.run's models in VS Code's own chat, where the
// running VS Code has the provider API, with the menu's chat-setup gate and utility-model actions;
// elsewhere nothing is registered and nothing is said.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import { DisposableStore } from '../../core/platform/disposables';
import { DRUN_VENDOR, LANGUAGE_MODELS_CONTEXT_KEYS } from '../../core/languageModels/vscodeChat';
import type { PlatformServices } from '../platform/services';
import { ChatSetupGate } from './chatSetup';
import { detectLanguageModelApi, LanguageModelApi } from './lmApi';
import { DrunLanguageModelProvider } from './provider';
import { pickUtilityModel, utilityModelMenuEntries } from './utilityModel';

export interface LanguageModelsFeature extends vscode.Disposable {
  /** After a change of settings, key or trust: VS Code lists the models again. */
  refresh(): void;
}

export function registerLanguageModels(services: PlatformServices): LanguageModelsFeature {
  return registerLanguageModelsWith(services, detectLanguageModelApi());
}

/** `api`: what the running editor offers, undefined where it has no provider API. */
export function registerLanguageModelsWith(services: PlatformServices, api: LanguageModelApi | undefined): LanguageModelsFeature {
  if (!api) {
    services.log.info('This editor has no Language Model Chat Provider API: D.run models are not offered to its chat.');
    return { refresh: () => undefined, dispose: () => undefined };
  }
  const store = new DisposableStore();
  const provider = store.add(new DrunLanguageModelProvider(services, api.parts));
  const gate = store.add(new ChatSetupGate(services.log));
  store.addAll(
    api.register(DRUN_VENDOR, provider),
    vscode.commands.registerCommand(COMMAND_IDS.setUpChat, () => gate.open()),
    vscode.commands.registerCommand(COMMAND_IDS.useForCommitMessages, pickUtilityModel),
    services.menuEntries.add(() => [...gate.menuEntries(), ...utilityModelMenuEntries()]),
  );
  void vscode.commands.executeCommand('setContext', LANGUAGE_MODELS_CONTEXT_KEYS.available, true);
  return {
    refresh: () => void provider.refresh(),
    dispose: () => store.dispose(),
  };
}
