// What the inline engine calls to stream a completion: the prepared D.run client for the
// completion model, in FIM or chat form, with each real failure reported. Server health is
// measured by the engine, which knows which streams it ended itself.
import type { CompletionResult } from '../../../core/platform/drunClient';
import { codeFromChatReply } from '../../../core/completion/modelText';
import { asDrunError } from '../../../core/platform/classifyError';
import { DrunError } from '../../../core/platform/errors';
import type { StreamCompletion } from '../../../core/completion/inline/contract';
import { FILL_GAP_SYSTEM_MESSAGE } from '../../../core/completion/fillGapPrompt';
import { ClientProvider, PreparedClient } from '../../platform/clientProvider';

export interface TransportObserver {
  /** Any failure but a cancelled stream. */
  failed(error: DrunError): void;
}

/**
 * Prepares the client once per configuration (key, settings, approvals are read then), not per
 * keystroke; `reset()` drops it when any of them change.
 */
export class InlineTransport {
  private prepared: Promise<PreparedClient> | undefined;

  constructor(
    private readonly clients: ClientProvider,
    private readonly observer: TransportObserver,
  ) {}

  reset(): void {
    this.prepared = undefined;
  }

  readonly stream: StreamCompletion = async (request, signal, onText) => {
    try {
      const prepared = await this.prepare();
      return await send(prepared, request, signal, onText);
    } catch (thrown) {
      const error = asDrunError(thrown);
      if (error.kind !== 'cancelled') {
        this.observer.failed(error);
      }
      throw error;
    }
  };

  private prepare(): Promise<PreparedClient> {
    const prepared = (this.prepared ??= this.clients.prepare('completion'));
    // A failed preparation (no key yet, say) is retried on the next request.
    prepared.catch(() => this.prepared === prepared && this.reset());
    return prepared;
  }
}

async function send(prepared: PreparedClient, request: Parameters<StreamCompletion>[0], signal: AbortSignal, onText: (text: string) => void): Promise<CompletionResult> {
  if (prepared.template === 'qwen-fim') {
    return prepared.client.streamCompletion({ ...request, model: prepared.model }, signal, onText);
  }
  // A chat model fences its code, so its text is passed on once the fence can come off.
  const result = await prepared.client.streamChat(
    { model: prepared.model, messages: [FILL_GAP_SYSTEM_MESSAGE, { role: 'user', content: request.prompt }], maxTokens: request.maxTokens, temperature: request.temperature },
    signal,
    () => undefined,
  );
  const text = codeFromChatReply(result.content);
  onText(text);
  return { text, usage: result.usage, finishReason: result.finishReason };
}
