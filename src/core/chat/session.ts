// One conversation: runs turns against the chat model and reports every change as a protocol
// message. It owns the transcript, so a failed or stopped turn never loses what came before.
import { Attachment, toChip } from './attachments';
import type { ChatErrorInfo, ChatTurn, ExtensionToView, TokenUsage, TurnCost } from './protocol/messages';
import { fitToContext } from './historyBudget';
import type { ChatMessage, DrunClient } from '../platform/drunClient';
import { asDrunError } from '../platform/classifyError';
import { DrunError, isDrunError } from '../platform/errors';
import { contextTokensFor } from '../platform/modelCatalogue';
import { userMessageContent, userMessageText } from './prompts';
import { SplitDelta, stripThinkBlocks, ThinkTagSplitter } from '../platform/thinkTags';

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
  /** What an answer cost, shown under it; unknown when absent. */
  costOf?(model: string, usage: TokenUsage | undefined): TurnCost | undefined;
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
    const thinkTags = new ThinkTagSplitter();
    try {
      const target = await this.deps.prepare();
      turn.model = target.model;
      const { messages, omittedTurns } = fitToContext(
        { role: 'system', content: this.deps.systemPrompt() },
        history,
        { role: 'user', content: userMessageContent(question, attachments) },
        contextTokensFor(target.model),
      );
      if (omittedTurns > 0) {
        turn.omittedTurns = omittedTurns;
        this.deps.post({ type: 'historyTrimmed', turnId: turn.id, omittedTurns });
      }
      const result = await target.client.streamChat({ model: target.model, messages }, controller.signal, (delta) => {
        const split = thinkTags.push(delta.content ?? '');
        this.append(turn, { content: split.content, reasoning: (delta.reasoning ?? '') + split.reasoning });
      });
      this.append(turn, thinkTags.flush());
      turn.usage = result.usage;
      turn.cost = this.deps.costOf?.(turn.model, turn.usage);
      this.finish(turn, 'done');
    } catch (error) {
      this.append(turn, thinkTags.flush());
      if (isDrunError(error, 'cancelled') || controller.signal.aborted) {
        this.finish(turn, 'stopped');
      } else {
        const drunError = asDrunError(error);
        this.deps.log?.(`chat turn failed: ${drunError.kind}: ${drunError.detail}`);
        turn.error = this.deps.describeError(drunError);
        this.finish(turn, 'error');
      }
    }
    return turn;
  }

  private append(turn: ChatTurn, { content, reasoning }: SplitDelta): void {
    if (!content && !reasoning) {
      return;
    }
    turn.answer += content;
    turn.reasoning += reasoning;
    this.deps.post({ type: 'delta', turnId: turn.id, ...(content ? { content } : {}), ...(reasoning ? { reasoning } : {}) });
  }

  stop(): void {
    this.active?.controller.abort();
  }

  /** Asks the last question again in place of its answer; nothing happens while an answer streams. */
  async regenerate(): Promise<ChatTurn | undefined> {
    const last = this.turns.at(-1);
    return last ? this.replaceLast(last.question, this.attached.get(last) ?? []) : undefined;
  }

  /** Replaces the last question with an edited one and asks it. */
  async editLast(question: string): Promise<ChatTurn | undefined> {
    const last = this.turns.at(-1);
    return last ? this.replaceLast(question, this.attached.get(last) ?? []) : undefined;
  }

  /** Shows another conversation (or none): stops the current answer and tells the view. */
  replaceTranscript(turns: readonly ChatTurn[]): void {
    this.stop();
    this.attached.clear();
    this.turns.splice(0, this.turns.length, ...turns.map((turn) => ({ ...turn })));
    const numbers = this.turns.map((turn) => Number(/^turn-(\d+)$/.exec(turn.id)?.[1] ?? 0));
    this.nextId = Math.max(0, ...numbers) + 1;
    this.postTranscript();
  }

  /** The replaced question's attachments go with the new one. */
  private async replaceLast(question: string, attachments: readonly Attachment[]): Promise<ChatTurn | undefined> {
    if (this.busy) {
      return undefined;
    }
    const replaced = this.turns.pop();
    if (replaced) {
      this.attached.delete(replaced);
    }
    this.postTranscript();
    return this.ask(question, attachments);
  }

  private postTranscript(): void {
    this.deps.post({ type: 'transcript', turns: this.turns.map((turn) => ({ ...turn })) });
  }

  private finish(turn: ChatTurn, status: 'done' | 'stopped' | 'error'): void {
    turn.status = status;
    if (this.active?.turn === turn) {
      this.active = undefined;
      this.deps.onBusyChanged?.(false);
    }
    this.deps.post({ type: 'turnEnded', turnId: turn.id, status, error: turn.error, usage: turn.usage, ...(turn.cost ? { cost: turn.cost } : {}) });
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
