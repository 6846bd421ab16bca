// The language-models feature's one entry point: D.run's models in VS Code's own chat, where the
// running VS Code has the provider API; elsewhere nothing is registered and nothing is said.
import * as vscode from 'vscode';
import type { PlatformServices } from '../platform/services';
import { detectLanguageModelApi, LanguageModelApi } from './lmApi';
import { DrunLanguageModelProvider } from './provider';

export const DRUN_VENDOR = 'drun';

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
  const provider = new DrunLanguageModelProvider(services, api.parts);
  const registration = api.register(DRUN_VENDOR, provider);
  return {
    refresh: () => void provider.refresh(),
    dispose: () => {
      registration.dispose();
      provider.dispose();
    },
  };
}
