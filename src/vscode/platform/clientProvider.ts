// Builds a ready-to-use client for chat or completion from the current settings, key and
// approvals, or throws the DrunError that tells the user what to fix.
import * as vscode from 'vscode';
import { DrunClient, RetryNotice } from '../../core/platform/drunClient';
import { Endpoint, EndpointProblem, Mode, resolveEndpoint } from '../../core/platform/endpoint';
import { DrunError, isDrunError } from '../../core/platform/errors';
import { FetchFunction, parseStandInOrigin } from '../../core/platform/guardedFetch';
import { checkModelFitsMode } from '../../core/platform/modelFit';
import { modelForMode } from '../../core/platform/modelForMode';
import { CompletionTemplate, DrunSettings } from '../../core/platform/settings';
import { ApiKeyStore } from './apiKeys';
import { fetchWithExtraCertificates } from './extraCertificates';
import { Log } from './log';
import { readDrunSettings } from './settings';

export type Purpose = 'chat' | 'completion';

export interface PreparedClient {
  client: DrunClient;
  model: string;
  endpoint: Endpoint;
  template: CompletionTemplate;
}

const APPROVED_HOSTS_KEY = 'drun.approvedCustomHosts';

export class ClientProvider {
  private standInOrigin: string | undefined;
  private readonly baseFetch: FetchFunction | undefined;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
    standInOrigin: string | undefined,
  ) {
    this.setStandInOrigin(standInOrigin);
    this.baseFetch = fetchWithExtraCertificates(log, () => vscode.workspace.getConfiguration('http').get<boolean>('systemCertificates', true));
  }

  /** Reroutes D.run hosts to a loopback stand-in (sandbox, tests); `undefined` turns it off. */
  setStandInOrigin(origin: string | undefined): void {
    this.standInOrigin = origin ? parseStandInOrigin(origin) : undefined;
    if (origin && !this.standInOrigin) {
      this.log.warn(`Ignoring stand-in ${origin}: only loopback addresses are allowed.`);
    }
  }

  get usesStandIn(): boolean {
    return this.standInOrigin !== undefined;
  }

  async prepare(purpose: Purpose, onRetry?: (notice: RetryNotice) => void): Promise<PreparedClient> {
    const settings = readDrunSettings();
    const { model: configured, mode } = pickModel(purpose, settings);
    const endpoint = this.endpointFor(mode, settings);
    if (!configured && mode !== 'custom') {
      throw new DrunError('noModel', `no ${purpose} model is set`, { host: endpoint.host, purpose });
    }
    const fit = checkModelFitsMode(configured, mode);
    if (!fit.ok) {
      const modeSetting = purpose === 'completion' && settings.completionModel.trim() ? 'completionMode' : 'mode';
      throw new DrunError('modelModeMismatch', `${configured} does not fit mode ${mode}`, {
        host: endpoint.host,
        model: configured,
        modeSetting,
        fittingMode: fit.fittingMode === 'instance' ? 'instance' : 'maas',
      });
    }
    const client = await this.clientFor(endpoint, settings, onRetry);
    const model = configured || (await this.firstListedModel(client, endpoint, purpose));
    return { client, model, endpoint, template: settings.completionTemplate };
  }

  /** A custom server given no model answers with its own first one, never with a D.run name. */
  private async firstListedModel(client: DrunClient, endpoint: Endpoint, purpose: Purpose): Promise<string> {
    // The client's watchdog ends a listing that stalls; nobody else stops it.
    const listed = await client.listModels(new AbortController().signal).catch((error: unknown) => {
      if (isDrunError(error, 'routeNotFound')) {
        return [];
      }
      throw error;
    });
    const model = modelForMode(purpose, '', 'custom', listed);
    if (!model) {
      throw new DrunError('noModel', `no ${purpose} model is set and ${endpoint.host} lists none`, { host: endpoint.host, purpose, serverListsNone: true });
    }
    this.log.info(`No ${purpose} model is set: using ${model}, the first that ${endpoint.host} lists.`);
    return model;
  }

  endpointFor(mode: Mode, settings: DrunSettings = readDrunSettings()): Endpoint {
    const result = resolveEndpoint({ mode, region: settings.region, customBaseUrl: settings.customBaseUrl });
    if (!result.ok) {
      throw endpointError(result.problem);
    }
    return result.endpoint;
  }

  async clientFor(endpoint: Endpoint, settings: DrunSettings = readDrunSettings(), onRetry?: (notice: RetryNotice) => void): Promise<DrunClient> {
    const apiKey = await this.keys.get(endpoint.keyKind);
    if (!apiKey) {
      throw new DrunError('noApiKey', `no ${endpoint.keyKind} key`, { host: endpoint.host, keyKind: endpoint.keyKind });
    }
    if (endpoint.keyKind === 'custom') {
      await this.ensureCustomHostApproved(endpoint.host);
    }
    return new DrunClient({
      endpoint,
      apiKey,
      approvedCustomHosts: this.approvedHosts(),
      standInOrigin: this.standInOrigin,
      baseFetch: this.baseFetch,
      idleTimeoutMs: settings.requestTimeoutSeconds * 1000,
      onRetry,
    });
  }

  /** Whether the user already approved sending the custom key to this host (nothing is asked). */
  isCustomHostApproved(host: string): boolean {
    return this.approvedHosts().includes(host.toLowerCase());
  }

  private approvedHosts(): string[] {
    return this.globalState.get<string[]>(APPROVED_HOSTS_KEY, []);
  }

  /** The user names the host once, in a modal, before their custom key is sent to it. */
  private async ensureCustomHostApproved(host: string): Promise<void> {
    const normalised = host.toLowerCase();
    if (this.approvedHosts().includes(normalised)) {
      return;
    }
    const approve = vscode.l10n.t('Send Key to {0}', normalised);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your custom server API key to {0}?', normalised),
      {
        modal: true,
        detail: vscode.l10n.t('drun.customBaseUrl in your user settings points to {0}. Approve only a server you run or trust.', normalised),
      },
      approve,
    );
    if (answer !== approve) {
      throw new DrunError('customHostNotApproved', `user did not approve ${normalised}`, { host: normalised });
    }
    await this.globalState.update(APPROVED_HOSTS_KEY, [...this.approvedHosts(), normalised]);
    this.log.info(`Approved custom host ${normalised}.`);
  }
}

/**
 * Chat uses the chat model; completion falls back to it only for the chat template. '' on a custom
 * server: the first model it lists, which `prepare` asks for.
 */
export function pickModel(purpose: Purpose, settings: DrunSettings): { model: string; mode: Mode } {
  const completionModel = settings.completionModel.trim();
  if (purpose === 'completion' && (completionModel || settings.completionTemplate === 'qwen-fim')) {
    return { model: modelForMode('completion', completionModel, settings.completionMode), mode: settings.completionMode };
  }
  return { model: modelForMode('chat', settings.chatModel, settings.mode), mode: settings.mode };
}

function endpointError(problem: EndpointProblem): DrunError {
  switch (problem.kind) {
    case 'badRegion':
      return new DrunError('badRegion', `invalid region ${JSON.stringify(problem.region)}`, { region: problem.region });
    case 'noCustomBaseUrl':
      return new DrunError('noCustomBaseUrl', 'drun.customBaseUrl is empty');
    case 'badCustomBaseUrl':
      return new DrunError('badCustomBaseUrl', `drun.customBaseUrl rejected: ${problem.reason}`);
  }
}
