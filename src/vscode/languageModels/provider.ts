// D.run as a Language Model Chat Provider: VS Code's own chat (Ask, Agent mode, inline chat, commit
// messages) lists our models and sends its requests here, through the same client and key rules as our panel.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { LanguageModelFacts, listLanguageModels } from '../../core/languageModels/modelFacts';
import { RequestMessage, RequestPart, toOpenAiMessages } from '../../core/languageModels/requestMessages';
import { forwardableModelOptions, isToolsRefusal } from '../../core/languageModels/requestOptions';
import { countRequestTokens, requestMessageText } from '../../core/languageModels/tokenCount';
import { IncompleteToolCall, ToolCallAssembler } from '../../core/languageModels/toolCalls';
import { COMMAND_IDS } from '../../core/platform/commandIds';
import type { ToolDefinition } from '../../core/platform/drunClient';
import type { Mode } from '../../core/platform/endpoint';
import { DrunError, isDrunError } from '../../core/platform/errors';
import { ThinkTagSplitter } from '../../core/platform/thinkTags';
import { describeError } from '../platform/errorMessages';
import type { PlatformServices } from '../platform/services';
import { readDrunSettings } from '../platform/settings';
import type {
  LanguageModelChatInformation,
  LanguageModelChatProvider,
  LanguageModelChatRequestMessage,
  LanguageModelParts,
  ProvideLanguageModelChatResponseOptions,
} from './lmApi';

/** A listing gives up after this long: VS Code waits for it before it shows the picker. */
const LISTING_TIMEOUT_MS = 15_000;
/** VS Code asks for the list often (each selectChatModels); an endpoint is asked again after this. */
const LISTING_REUSE_MS = 10 * 60_000;
const ROLE_ASSISTANT = 2;
const ROLE_SYSTEM = 3;

export class DrunLanguageModelProvider implements LanguageModelChatProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changes.event;
  /** Models whose server refused tools this session: offered without tool calling from then on. */
  private readonly toolsRefused = new Set<string>();
  private models = new Map<string, LanguageModelFacts>();
  private readonly listings = new Map<string, { at: number; ids: Promise<string[]> }>();
  private lastInputs: Promise<string> | undefined;

  constructor(
    private readonly services: PlatformServices,
    private readonly parts: LanguageModelParts,
  ) {}

  /** Settings, trust or a key changed: VS Code asks for the list again. */
  async refresh(): Promise<void> {
    const previous = this.lastInputs;
    const inputs = this.listInputs();
    this.lastInputs = inputs;
    if ((await previous) !== (await inputs)) {
      this.changes.fire();
    }
  }

  dispose(): void {
    this.changes.dispose();
  }

  /** `silent: false` is the user adding D.run in Manage Language Models: then a missing key is asked for. */
  async provideLanguageModelChatInformation(options: { readonly silent: boolean }, _token: vscode.CancellationToken): Promise<LanguageModelChatInformation[]> {
    const settings = readDrunSettings();
    const keyKind = settings.mode === 'custom' ? 'custom' : 'drun';
    if (!(await this.services.keys.get(keyKind)) && !options.silent) {
      await vscode.commands.executeCommand(keyKind === 'custom' ? COMMAND_IDS.setCustomServerApiKey : COMMAND_IDS.setApiKey);
    }
    if (!(await this.services.keys.get(keyKind))) {
      this.models = new Map();
      return [];
    }
    this.lastInputs ??= this.listInputs();
    const listed = await this.listedIds(settings.mode === 'custom' ? ['custom'] : ['maas', 'instance']);
    const models = listLanguageModels(listed, settings, this.toolsRefused, this.services.modelFacts.table());
    this.models = new Map(models.map((model) => [model.id, model]));
    return models.map(toInformation);
  }

  async provideLanguageModelChatResponse(
    model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const facts = this.models.get(model.id) ?? listLanguageModels([model.id], readDrunSettings(), this.toolsRefused, this.services.modelFacts.table()).find((entry) => entry.id === model.id);
    if (!facts) {
      throw new Error(vscode.l10n.t('D.run does not offer "{0}" with the current settings.', model.id));
    }
    // Also before VS Code has asked for the list again after a refusal.
    const tools = facts.toolCalling && !this.toolsRefused.has(facts.id) ? options.tools?.map(toToolDefinition) : undefined;
    const extraBody = forwardableModelOptions(options.modelOptions);
    const abort = new AbortController();
    const cancellation = token.onCancellationRequested(() => abort.abort());
    const requestMessages = messages.map((message) => this.readMessage(message));
    const billed = {
      mode: facts.mode,
      model: { id: facts.id, ...(facts.family ? { family: facts.family } : {}) },
      // The tools' schemas go into the model's prompt too (Agent mode sends about 40).
      prompt: [...requestMessages.map(requestMessageText), ...(tools?.length ? [JSON.stringify(tools)] : [])],
    };
    /** What the model wrote, for counting it when the server sends no usage. */
    let written = '';
    let sent = false;
    try {
      const client = await this.services.clients.clientFor(this.services.clients.endpointFor(facts.mode));
      const thinkTags = new ThinkTagSplitter();
      const calls = new ToolCallAssembler();
      const report = (piece: { content: string; reasoning: string }) => {
        if (piece.reasoning && this.parts.Thinking) {
          progress.report(new this.parts.Thinking(piece.reasoning));
        }
        if (piece.content) {
          progress.report(new this.parts.Text(piece.content));
        }
      };
      sent = true;
      const result = await client.streamChat(
        {
          model: facts.id,
          messages: toOpenAiMessages(requestMessages, facts.imageInput),
          ...(tools?.length ? { tools } : {}),
          extraBody,
          // Servers default to less (DeepSeek: 4096), which cuts a file an agent writes. Only where the
          // window is known: on an instance of unknown size, prompt plus this could exceed it.
          ...(facts.windowKnown && extraBody.max_tokens === undefined && extraBody.max_completion_tokens === undefined ? { maxTokens: facts.maxOutputTokens } : {}),
        },
        abort.signal,
        (delta) => {
          written += (delta.reasoning ?? '') + (delta.content ?? '') + (delta.toolCalls ?? []).map((call) => (call.name ?? '') + (call.arguments ?? '')).join('');
          report({ content: '', reasoning: delta.reasoning ?? '' });
          if (delta.content) {
            report(thinkTags.push(delta.content));
          }
          if (delta.toolCalls) {
            calls.push(delta.toolCalls);
          }
        },
      );
      report(thinkTags.flush());
      for (const call of calls.finish()) {
        progress.report(new this.parts.ToolCall(call.callId, call.name, call.input));
      }
      void this.services.usage.bill(billed, written, result.usage);
    } catch (error) {
      // Stopped: the server billed what it wrote so far.
      if (sent && (token.isCancellationRequested || isDrunError(error, 'cancelled'))) {
        void this.services.usage.bill(billed, written, undefined);
      }
      throw this.userFacingError(error, facts, tools !== undefined && tools.length > 0, token);
    } finally {
      cancellation.dispose();
    }
  }

  async provideTokenCount(model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    const facts = this.models.get(model.id);
    const counted = { id: model.id, ...(facts?.family ? { family: facts.family } : {}) };
    return countRequestTokens(this.services.tokenizer, counted, typeof text === 'string' ? text : this.readMessage(text));
  }

  /** What VS Code shows: one sentence and the fix. The details go to the log. */
  private userFacingError(error: unknown, facts: LanguageModelFacts, sentTools: boolean, token: vscode.CancellationToken): Error {
    if (token.isCancellationRequested || isDrunError(error, 'cancelled')) {
      return new vscode.CancellationError();
    }
    if (error instanceof IncompleteToolCall) {
      this.services.log.warn(error.message);
      return new Error(vscode.l10n.t('{0} sent an incomplete call of the tool {1}, so nothing was run. Try again, or ask for a smaller step.', facts.id, error.toolName));
    }
    const drunError = isDrunError(error) ? error : new DrunError('unexpected', error instanceof Error ? (error.stack ?? error.message) : String(error), { model: facts.id });
    this.services.log.warn(`VS Code chat request to ${facts.id} failed: ${drunError.kind}: ${drunError.detail}`);
    if (sentTools && isToolsRefusal(drunError)) {
      this.toolsRefused.add(facts.id);
      this.changes.fire();
      return new Error(toolsRefusedMessage(facts));
    }
    return new Error(describeError(drunError).message);
  }

  private readMessage(message: LanguageModelChatRequestMessage): RequestMessage {
    const role = message.role === ROLE_SYSTEM ? 'system' : message.role === ROLE_ASSISTANT ? 'assistant' : 'user';
    return { role, parts: message.content.flatMap((part) => this.readPart(part)) };
  }

  /** Thinking parts and anything unknown are left out: reasoning never goes back to the model. */
  private readPart(part: unknown): RequestPart[] {
    const { Text, ToolCall, ToolResult, Data } = this.parts;
    if (part instanceof Text) {
      return [{ kind: 'text', text: part.value }];
    }
    if (part instanceof ToolCall) {
      return [{ kind: 'toolCall', callId: part.callId, name: part.name, input: part.input }];
    }
    if (part instanceof ToolResult) {
      const text = part.content.flatMap((inner) => this.readPart(inner).flatMap((read) => (read.kind === 'text' ? [read.text] : []))).join('\n');
      return [{ kind: 'toolResult', callId: part.callId, text }];
    }
    if (Data && part instanceof Data) {
      if (part.mimeType.startsWith('image/')) {
        return [{ kind: 'image', mimeType: part.mimeType, base64: Buffer.from(part.data).toString('base64') }];
      }
      if (part.mimeType.startsWith('text/') || part.mimeType === 'application/json') {
        return [{ kind: 'text', text: new TextDecoder().decode(part.data) }];
      }
    }
    return [];
  }

  /**
   * Each endpoint that could serve a model; one that fails lists nothing. An endpoint's answer is kept
   * for a while per base URL and key, so VS Code's frequent asking, and changes that do not move the
   * endpoint (a model, the mode between MaaS and Instance), cost no request.
   */
  private async listedIds(modes: readonly Mode[]): Promise<string[]> {
    const settings = readDrunSettings();
    const lists = await Promise.all(
      modes.map(async (mode) => {
        try {
          const endpoint = this.services.clients.endpointFor(mode, settings);
          // The approval must not pop up while VS Code merely fills its model list.
          if (endpoint.keyKind === 'custom' && !this.services.clients.isCustomHostApproved(endpoint.host)) {
            return [];
          }
          const key = `${endpoint.baseUrl} ${fingerprint(await this.services.keys.get(endpoint.keyKind))}`;
          const kept = this.listings.get(key);
          if (kept && Date.now() - kept.at < LISTING_REUSE_MS) {
            return await kept.ids;
          }
          const ids = this.services.clients.clientFor(endpoint, settings).then((client) => client.listModels(AbortSignal.timeout(LISTING_TIMEOUT_MS)));
          this.listings.set(key, { at: Date.now(), ids });
          return await ids;
        } catch (error) {
          this.services.log.info(`VS Code chat: could not list the ${mode} models: ${isDrunError(error) ? `${error.kind}: ${error.detail}` : String(error)}`);
          return [];
        }
      }),
    );
    return lists.flat();
  }

  /** What the list is made of, short of the endpoints' answers (`drun.models` too): VS Code is told only when it changed. */
  private async listInputs(): Promise<string> {
    const settings = readDrunSettings();
    const keys = await Promise.all([this.services.keys.get('drun'), this.services.keys.get('custom')]);
    let customApproved = false;
    try {
      customApproved = this.services.clients.isCustomHostApproved(this.services.clients.endpointFor('custom', settings).host);
    } catch {
      // no usable custom URL: nothing to approve
    }
    return JSON.stringify([settings, [...this.services.modelFacts.table()], keys.map(fingerprint), customApproved]);
  }
}

/** Tells keys apart without keeping them. */
function fingerprint(key: string | undefined): string {
  return key ? createHash('sha256').update(key).digest('hex').slice(0, 16) : '';
}

function toInformation(facts: LanguageModelFacts): LanguageModelChatInformation {
  const where = facts.mode === 'maas' ? vscode.l10n.t('D.run MaaS') : facts.mode === 'instance' ? vscode.l10n.t('Your D.run instance') : vscode.l10n.t('Your custom server');
  return {
    id: facts.id,
    name: facts.family && facts.mode === 'maas' ? facts.family : facts.id,
    family: facts.family ?? facts.id,
    version: facts.id,
    detail: where,
    tooltip: facts.toolCalling ? `${facts.id} · ${where}` : vscode.l10n.t('{0} · {1} · no tool calling, so not in Agent mode', facts.id, where),
    maxInputTokens: facts.maxInputTokens,
    maxOutputTokens: facts.maxOutputTokens,
    capabilities: { imageInput: facts.imageInput, toolCalling: facts.toolCalling },
  };
}

function toToolDefinition(tool: { name: string; description: string; inputSchema?: object }): ToolDefinition {
  return { name: tool.name, description: tool.description, ...(tool.inputSchema ? { parameters: tool.inputSchema as Record<string, unknown> } : {}) };
}

function toolsRefusedMessage(facts: LanguageModelFacts): string {
  return facts.mode === 'instance'
    ? vscode.l10n.t(
        'Your instance serving {0} refused tools: vLLM needs --enable-auto-tool-choice --tool-call-parser hermes (Qwen2.5) to call them. Restart the instance with those flags, or pick public/deepseek-v3 for Agent mode. {0} is offered without tool calling until the window reloads.',
        facts.id,
      )
    : vscode.l10n.t(
        '{0} refused tools, so it cannot work in Agent mode or inline chat. Pick public/deepseek-v3 or a Qwen2.5 Instruct model. {0} is offered without tool calling until the window reloads.',
        facts.id,
      );
}
