// What the inline engine calls to stream a completion: the prepared D.run client for the
// completion model, in FIM or chat form, with each outcome recorded for health and spend.
import type { CompletionResult } from '../core/drunClient';
import { DrunError, isDrunError } from '../core/errors';
import type { StreamCompletion } from '../core/inline/contract';
import { estimateTokens, isPerToken, RequestOutcome } from '../core/inline/availability';
import { stripCodeFence } from '../core/completionText';
import { FILL_GAP_SYSTEM_MESSAGE } from '../core/prompts';
import { ClientProvider, PreparedClient } from './clientProvider';

const CHAT_MAX_TOKENS = 256;

export interface TransportObserver {
  started(): void;
  /** A request ended; `perToken` requests report what they cost. */
  finished(outcome: RequestOutcome | { kind: 'cancelled' }, spentTokens: number, perToken: boolean): void;
  failed(error: DrunError): void;
}

/**
 * Prepares the client once per configuration (the key and settings are read then), not per
 * keystroke; `reset()` drops it when settings or the key change.
 */
export class InlineTransport {
  private prepared: Promise<PreparedClient> | undefined;

  constructor(
    private readonly clients: ClientProvider,
    private readonly observer: TransportObserver,
    private readonly now: () => number = () => performance.now(),
  ) {}

  reset(): void {
    this.prepared = undefined;
  }

  readonly stream: StreamCompletion = async (request, signal, onText) => {
    const started = this.now();
    this.observer.started();
    let prepared: PreparedClient | undefined;
    let streamedChars = 0;
    const countingOnText = (text: string) => {
      streamedChars += text.length;
      onText(text);
    };
    try {
      prepared = await this.prepare();
      const result = await this.send(prepared, request, signal, countingOnText);
      this.observer.finished({ kind: 'ok', latencyMs: this.now() - started }, spentTokens(result, request.prompt.length, streamedChars), isPerToken(prepared.endpoint));
      return result;
    } catch (thrown) {
      const error = isDrunError(thrown) ? thrown : new DrunError('network', String(thrown));
      // An aborted request is still billed for its prompt and whatever was generated.
      const spent = prepared ? estimateTokens(request.prompt.length + streamedChars) : 0;
      const perToken = prepared !== undefined && isPerToken(prepared.endpoint);
      if (error.kind === 'cancelled') {
        this.observer.finished({ kind: 'cancelled' }, spent, perToken);
      } else {
        if (!prepared) {
          this.reset();
        }
        this.observer.finished({ kind: error.kind === 'timeout' ? 'timeout' : 'error' }, spent, perToken);
        this.observer.failed(error);
      }
      throw error;
    }
  };

  private prepare(): Promise<PreparedClient> {
    this.prepared ??= this.clients.prepare('completion');
    return this.prepared;
  }

  private async send(prepared: PreparedClient, request: Parameters<StreamCompletion>[0], signal: AbortSignal, onText: (text: string) => void): Promise<CompletionResult> {
    if (prepared.template === 'qwen-fim') {
      return prepared.client.streamCompletion({ ...request, model: prepared.model }, signal, onText);
    }
    // A chat model fences its code; it is shown only once the fence can be taken off.
    const result = await prepared.client.streamChat(
      { model: prepared.model, messages: [FILL_GAP_SYSTEM_MESSAGE, { role: 'user', content: request.prompt }], maxTokens: Math.min(request.maxTokens, CHAT_MAX_TOKENS), temperature: request.temperature },
      signal,
      () => undefined,
    );
    const text = stripCodeFence(result.content);
    onText(text);
    return { text, usage: result.usage, finishReason: result.finishReason };
  }
}

function spentTokens(result: CompletionResult, promptChars: number, streamedChars: number): number {
  return result.usage?.totalTokens ?? estimateTokens(promptChars + streamedChars);
}
