// One conversation: runs turns against the chat model and reports every change as a protocol
// message. It owns the transcript, so a failed or stopped turn never loses what came before.
import { Attachment, toChip } from './attachments';
import type { ChatErrorInfo, ChatTurn, ExtensionToView } from './chatProtocol';
import type { ChatMessage, DrunClient } from './drunClient';
import { DrunError, isDrunError } from './errors';
import { userMessageContent, userMessageText } from './prompts';

export interface ChatTarget {
  client: DrunClient;
  model: string;
}

export interface ChatSessionDependencies {
  /** Resolves endpoint, key and model; throws a DrunError the user can act on. */
  prepare(): Promise<ChatTarget>;
  systemPrompt(): string;
  describeError(error: DrunError): ChatErrorInfo;
  post(message: ExtensionToView): void;
  onBusyChanged?(busy: boolean): void;
  log?(message: string): void;
}

export class ChatSession {
  private readonly turns: ChatTurn[] = [];
  private active: { turn: ChatTurn; controller: AbortController } | undefined;
  private nextId = 1;
  /** What each question had attached; text attachments go back to the model with later turns. */
  private readonly attached = new Map<ChatTurn, readonly Attachment[]>();

  constructor(private readonly deps: ChatSessionDependencies) {}

  get transcript(): readonly ChatTurn[] {
    return this.turns;
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Asks a question and resolves when the answer has finished, stopped or failed. */
  async ask(question: string, attachments: readonly Attachment[] = []): Promise<ChatTurn> {
    this.stop();
    const turn: ChatTurn = { id: `turn-${this.nextId++}`, question, model: '', answer: '', reasoning: '', status: 'streaming' };
    if (attachments.length > 0) {
      turn.attachments = attachments.map(toChip);
      this.attached.set(turn, attachments);
    }
    const controller = new AbortController();
    const history = this.historyMessages();
    this.turns.push(turn);
    this.active = { turn, controller };
    this.deps.onBusyChanged?.(true);
    this.deps.post({ type: 'turnStarted', turn: { ...turn } });
    try {
      const target = await this.deps.prepare();
      turn.model = target.model;
      const messages: ChatMessage[] = [{ role: 'system', content: this.deps.systemPrompt() }, ...history, { role: 'user', content: userMessageContent(question, attachments) }];
      const result = await target.client.streamChat({ model: target.model, messages }, controller.signal, (delta) => {
        turn.answer += delta.content ?? '';
        turn.reasoning += delta.reasoning ?? '';
        this.deps.post({ type: 'delta', turnId: turn.id, ...delta });
      });
      turn.usage = result.usage;
      this.finish(turn, 'done');
    } catch (error) {
      if (isDrunError(error, 'cancelled') || controller.signal.aborted) {
        this.finish(turn, 'stopped');
      } else {
        const drunError = isDrunError(error) ? error : new DrunError('network', String(error));
        this.deps.log?.(`chat turn failed: ${drunError.kind}: ${drunError.detail}`);
        turn.error = this.deps.describeError(drunError);
        this.finish(turn, 'error');
      }
    }
    return turn;
  }

  stop(): void {
    this.active?.controller.abort();
  }

  private finish(turn: ChatTurn, status: 'done' | 'stopped' | 'error'): void {
    turn.status = status;
    if (this.active?.turn === turn) {
      this.active = undefined;
      this.deps.onBusyChanged?.(false);
    }
    this.deps.post({ type: 'turnEnded', turnId: turn.id, status, error: turn.error, usage: turn.usage });
  }

  /**
   * Earlier turns as alternating user/assistant messages. Turns without an answer are left out
   * (DeepSeek rejects two user messages in a row), and reasoning is never sent back. Images are sent
   * only with their own question: each costs thousands of tokens and Llama 3.2 Vision reads one per request.
   */
  private historyMessages(): ChatMessage[] {
    const messages: ChatMessage[] = [];
    for (const turn of this.turns) {
      const answer = stripThinkBlocks(turn.answer).trim();
      if (answer) {
        messages.push({ role: 'user', content: userMessageText(turn.question, this.attached.get(turn) ?? []) }, { role: 'assistant', content: answer });
      }
    }
    return messages;
  }
}

/** Reasoning models may inline their thinking as `<think>…</think>`; it must not be sent back. */
export function stripThinkBlocks(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
}
