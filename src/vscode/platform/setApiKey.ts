// "Set API Key": a password box, SecretStorage, then one request that says whether the key works.
import * as vscode from 'vscode';
import { KeyKind, MAAS_HOST } from '../../core/platform/endpoint';
import { asDrunError } from '../../core/platform/classifyError';
import { DrunError, isDrunError } from '../../core/platform/errors';
import { isMaasModel } from '../../core/platform/modelFit';
import { MAAS_DEFAULT_CHAT_MODEL, modelForMode } from '../../core/platform/modelForMode';
import { ApiKeyStore } from './apiKeys';
import { ClientProvider } from './clientProvider';
import { describeError } from './errorMessages';
import { Log } from './log';
import { showDrunError } from './notifications';
import { readDrunSettings } from './settings';

export type KeyCheck = { ok: true; host: string } | { ok: false; error: DrunError };

export async function setApiKeyCommand(kind: KeyKind, keys: ApiKeyStore, clients: ClientProvider, log: Log): Promise<KeyCheck | undefined> {
  const key = await vscode.window.showInputBox({
    title: kind === 'drun' ? vscode.l10n.t('D.run API Key') : vscode.l10n.t('Custom Server API Key'),
    prompt:
      kind === 'drun'
        ? vscode.l10n.t('Paste the API key from the D.run console. It is kept in VS Code\'s secret storage.')
        : vscode.l10n.t('Paste the API key of the server in drun.customBaseUrl.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
  });
  if (key === undefined) {
    return undefined;
  }
  await keys.set(kind, key.trim());
  const check = await checkKey(kind, clients, log);
  if (check.ok) {
    vscode.window.showInformationMessage(vscode.l10n.t('API key saved. {0} accepted it.', check.host));
  } else if (check.error.kind === 'unauthorized' || check.error.kind === 'keyExpired' || check.error.kind === 'forbidden') {
    await showDrunError(check.error, log);
  } else {
    log.warn(`Key check failed: ${check.error.kind}: ${check.error.detail}`);
    vscode.window.showWarningMessage(vscode.l10n.t('API key saved, but it could not be checked: {0}', describeError(check.error).message));
  }
  return check;
}

/** GET /v1/models; where a host lacks that route (404), a one-token chat request instead. */
async function checkKey(kind: KeyKind, clients: ClientProvider, log: Log): Promise<KeyCheck> {
  const settings = readDrunSettings();
  const mode = kind === 'custom' ? 'custom' : settings.mode === 'instance' ? 'instance' : 'maas';
  const signal = AbortSignal.timeout(settings.requestTimeoutSeconds * 1000);
  try {
    const endpoint = clients.endpointFor(mode, settings);
    const client = await clients.clientFor(endpoint, settings);
    try {
      const models = await client.listModels(signal);
      log.info(`Key check: ${endpoint.host} lists ${models.length} models.`);
    } catch (error) {
      if (!isDrunError(error, 'routeNotFound')) {
        throw error;
      }
      const model = mode === 'maas' && !isMaasModel(settings.chatModel) ? MAAS_DEFAULT_CHAT_MODEL : modelForMode('chat', settings.chatModel, mode);
      if (!model) {
        throw new DrunError('noModel', `${endpoint.host} has no /v1/models and no chat model is set`, { host: endpoint.host, purpose: 'chat', serverListsNone: true });
      }
      await client.streamChat({ model, messages: [{ role: 'user', content: 'ping' }], maxTokens: 1 }, signal, () => undefined);
      log.info(`Key check: ${endpoint.host} has no /v1/models; a one-token chat with ${model} succeeded.`);
    }
    return { ok: true, host: endpoint.host };
  } catch (error) {
    return { ok: false, error: asDrunError(error, { host: MAAS_HOST }) };
  }
}
