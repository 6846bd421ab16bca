// What the inline engine calls to stream a completion: the prepared D.run client for the
// completion model, in FIM or chat form, with each real failure reported and each request on a
// per-token model billed. Server health is measured by the engine, which knows which streams it ended itself.
import type { ChatMessage, CompletionResult } from '../../../core/platform/drunClient';
import { codeFromChatReply } from '../../../core/completion/modelText';
import { asDrunError } from '../../../core/platform/classifyError';
import { DrunError } from '../../../core/platform/errors';
import { isPerToken } from '../../../core/completion/inline/availability';
import type { StreamCompletion } from '../../../core/completion/inline/contract';
import { FILL_GAP_SYSTEM_MESSAGE } from '../../../core/completion/fillGapPrompt';
import { ClientProvider, PreparedClient } from '../../platform/clientProvider';
import type { UsageTracker } from '../../platform/usageTracker';
import { completionBill } from '../billing';

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
    private readonly usage: UsageTracker,
  ) {}

  reset(): void {
    this.prepared = undefined;
  }

  readonly stream: StreamCompletion = async (request, signal, onText) => {
    let prepared: PreparedClient | undefined;
    let written = '';
    try {
      prepared = await this.prepare();
      const result = await send(prepared, request, signal, onText, (text) => (written += text));
      this.bill(prepared, request.prompt, written, result.usage);
      return result;
    } catch (thrown) {
      const error = asDrunError(thrown);
      if (error.kind !== 'cancelled') {
        this.observer.failed(error);
      } else if (prepared) {
        // The engine stopped it as the typing moved on: the server billed what it wrote so far.
        this.bill(prepared, request.prompt, written, undefined);
      }
      throw error;
    }
  };

  /** An instance is paid by the hour: only per-token requests go to the ledger (and the daily cap). */
  private bill(prepared: PreparedClient, prompt: string, written: string, usage: CompletionResult['usage']): void {
    if (isPerToken(prepared.endpoint)) {
      void this.usage.bill(completionBill(prepared, prepared.template === 'qwen-fim' ? prompt : chatMessages(prompt)), written, usage);
    }
  }

  private prepare(): Promise<PreparedClient> {
    const prepared = (this.prepared ??= this.clients.prepare('completion'));
    // A failed preparation (no key yet, say) is retried on the next request.
    prepared.catch(() => this.prepared === prepared && this.reset());
    return prepared;
  }
}

function chatMessages(prompt: string): ChatMessage[] {
  return [FILL_GAP_SYSTEM_MESSAGE, { role: 'user', content: prompt }];
}

/** `received`: every piece of text the model wrote, for billing it. */
async function send(
  prepared: PreparedClient,
  request: Parameters<StreamCompletion>[0],
  signal: AbortSignal,
  onText: (text: string) => void,
  received: (text: string) => void,
): Promise<CompletionResult> {
  if (prepared.template === 'qwen-fim') {
    return prepared.client.streamCompletion({ ...request, model: prepared.model }, signal, (text) => {
      received(text);
      onText(text);
    });
  }
  // A chat model fences its code, so its text is passed on once the fence can come off.
  const result = await prepared.client.streamChat(
    { model: prepared.model, messages: chatMessages(request.prompt), maxTokens: request.maxTokens, temperature: request.temperature },
    signal,
    (delta) => received(delta.content ?? ''),
  );
  const text = codeFromChatReply(result.content);
  onText(text);
  return { text, usage: result.usage, finishReason: result.finishReason };
}
