// One conversation at a time: runs turns against the chat model and announces every change as a
// domain event (the view, the history and the usage ledger each listen). It owns the transcript,
// so a failed or stopped turn never loses what came before.
import { randomBytes } from 'crypto';
import { Attachment, toChip } from './attachments';
import type { ChatErrorInfo, ChatTurn, SavedTurn } from './turns';
import type { TokenUsage, TurnCost } from '../platform/usage';
import { fitToContext } from './historyBudget';
import type { ChatMessage, DrunClient } from '../platform/drunClient';
import { asDrunError } from '../platform/classifyError';
import type { Disposable } from '../platform/disposables';
import { DrunError, isDrunError } from '../platform/errors';
import { modelFactsFor } from '../platform/modelFacts';
import { PromptLanguage, userMessageContent, userMessageText } from './prompts';
import { SplitDelta, stripThinkBlocks, ThinkTagSplitter } from '../platform/thinkTags';

export interface ChatTarget {
  client: DrunClient;
  model: string;
}

export interface ChatSessionDependencies {
  /** Resolves endpoint, key and model; throws a DrunError the user can act on. */
  prepare(): Promise<ChatTarget>;
  systemPrompt(): string;
  /** What the attachments' headings are written in, with the system prompt's; English when absent. */
  promptLanguage?(): PromptLanguage;
  describeError(error: DrunError): ChatErrorInfo;
  onBusyChanged?(busy: boolean): void;
  log?(message: string): void;
  /** What an answer cost, shown under it; unknown when absent. */
  costOf?(model: string, usage: TokenUsage | undefined): TurnCost | undefined;
  /** The model's context window with the user's facts; without them, what the listings and the catalogue say. */
  contextWindowOf?(model: string): number;
  /** An answer's usage counted here, when the server sent none or the user stopped it; `prompt` is each message's text. */
  estimateUsage?(model: string, prompt: readonly string[], answer: string): Promise<TokenUsage>;
}

/** Every event names its conversation; turns are copies, so a listener cannot change the session's. */
export type ChatSessionEvent =
  /** Another conversation is shown, or the last turn was taken back to be asked again. */
  | { type: 'transcript'; conversationId: string; turns: ChatTurn[] }
  | { type: 'turnStarted'; conversationId: string; turn: ChatTurn }
  | { type: 'delta'; conversationId: string; turnId: string; content?: string; reasoning?: string }
  | { type: 'historyTrimmed'; conversationId: string; turnId: string; omittedTurns: number }
  /** An answer's token count, once per answer: the server's, or counted here (`usage.estimated`). */
  | { type: 'usage'; conversationId: string; turnId: string; model: string; usage: TokenUsage; cost?: TurnCost }
  /** `failure` is the error behind `turn.error`, for the fixes that need its details. */
  | { type: 'turnEnded'; conversationId: string; turn: ChatTurn; failure?: DrunError }
  /** A question asked again without attachments whose content was too large to keep with the conversation. */
  | { type: 'attachmentsNotResent'; conversationId: string; turnId: string; labels: string[] };

export type ChatSessionListener = (event: ChatSessionEvent) => void;

interface ActiveTurn {
  turn: ChatTurn;
  conversationId: string;
  controller: AbortController;
}

export class ChatSession {
  private turns: ChatTurn[] = [];
  private currentConversationId: string;
  private active: ActiveTurn | undefined;
  /** Unique across conversations, so an event about one turn can never land on another. */
  private readonly turnIdPrefix = randomBytes(4).toString('hex');
  private nextId = 1;
  /** What each question had attached; text attachments go back to the model with later turns. */
  private readonly attached = new Map<ChatTurn, readonly Attachment[]>();
  private readonly listeners = new Set<ChatSessionListener>();

  constructor(
    private readonly deps: ChatSessionDependencies,
    conversationId: string,
  ) {
    this.currentConversationId = conversationId;
  }

  /** Listeners are called in the order they subscribed. */
  onDidChange(listener: ChatSessionListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get conversationId(): string {
    return this.currentConversationId;
  }

  get transcript(): readonly ChatTurn[] {
    return this.turns;
  }

  /** The transcript with what each question had attached, for storing. */
  get savedTurns(): SavedTurn[] {
    return this.turns.map((turn) => ({ turn: { ...turn }, attached: this.attached.get(turn) ?? [] }));
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /**
   * Asks a question and resolves when the answer has finished, stopped or failed. `chips` differ from
   * the attachments' own only for a stored question whose larger attachments were not kept.
   * `prompt` is what the model is asked where it differs from the `question` shown.
   */
  async ask(question: string, attachments: readonly Attachment[] = [], chips = attachments.map(toChip), prompt?: string): Promise<ChatTurn> {
    this.endActiveTurn();
    const turn: ChatTurn = { id: `turn-${this.turnIdPrefix}-${this.nextId++}`, question, model: '', answer: '', reasoning: '', status: 'streaming' };
    if (prompt !== undefined && prompt !== question) {
      turn.prompt = prompt;
    }
    if (chips.length > 0) {
      turn.attachments = chips;
    }
    if (attachments.length > 0) {
      this.attached.set(turn, attachments);
    }
    const conversationId = this.currentConversationId;
    const controller = new AbortController();
    const language = this.deps.promptLanguage?.() ?? 'en';
    const history = this.historyMessages(language);
    this.turns.push(turn);
    this.active = { turn, conversationId, controller };
    this.deps.onBusyChanged?.(true);
    this.emit({ type: 'turnStarted', conversationId, turn: { ...turn } });
    const missing = chips.filter((chip) => !attachments.some((attachment) => attachment.id === chip.id));
    if (missing.length > 0) {
      this.emit({ type: 'attachmentsNotResent', conversationId, turnId: turn.id, labels: missing.map((chip) => chip.label) });
    }
    const thinkTags = new ThinkTagSplitter();
    let sent: { model: string; prompt: string[] } | undefined;
    try {
      const target = await this.deps.prepare();
      turn.model = target.model;
      const { messages, omittedTurns } = fitToContext(
        { role: 'system', content: this.deps.systemPrompt() },
        history,
        { role: 'user', content: userMessageContent(turn.prompt ?? question, attachments, language) },
        this.deps.contextWindowOf?.(target.model) ?? modelFactsFor(target.model).contextWindow,
      );
      if (omittedTurns > 0 && this.isActive(turn)) {
        turn.omittedTurns = omittedTurns;
        this.emit({ type: 'historyTrimmed', conversationId, turnId: turn.id, omittedTurns });
      }
      sent = { model: target.model, prompt: messages.map(messageText) };
      const result = await target.client.streamChat({ model: target.model, messages }, controller.signal, (delta) => {
        const split = thinkTags.push(delta.content ?? '');
        this.append(turn, { content: split.content, reasoning: (delta.reasoning ?? '') + split.reasoning });
      });
      this.append(turn, thinkTags.flush());
      await this.bill(turn, conversationId, sent, result.usage);
      this.finish(turn, 'done');
    } catch (error) {
      this.append(turn, thinkTags.flush());
      if (isDrunError(error, 'cancelled') || controller.signal.aborted) {
        // Stopped: the server billed what it generated, and sent no usage for it.
        if (sent) {
          await this.bill(turn, conversationId, sent, undefined);
        }
        this.finish(turn, 'stopped');
      } else if (this.isActive(turn)) {
        const drunError = asDrunError(error);
        this.deps.log?.(`chat turn failed: ${drunError.kind}: ${drunError.detail}`);
        turn.error = this.deps.describeError(drunError);
        this.finish(turn, 'error', drunError);
      }
    }
    return turn;
  }

  stop(): void {
    this.active?.controller.abort();
  }

  /** Asks the last question again in place of its answer; nothing happens while an answer streams. */
  async regenerate(): Promise<ChatTurn | undefined> {
    const last = this.turns.at(-1);
    return last ? this.replaceLast(last.question, last, last.prompt) : undefined;
  }

  /** Replaces the last question with an edited one and asks it. */
  async editLast(question: string): Promise<ChatTurn | undefined> {
    const last = this.turns.at(-1);
    return last ? this.replaceLast(question, last) : undefined;
  }

  /**
   * Shows another conversation (or a new, empty one). A streaming answer is stopped first and ends
   * in its own conversation; nothing that stream does later reaches the one opened.
   */
  open(conversationId: string, turns: readonly SavedTurn[]): void {
    this.endActiveTurn();
    this.currentConversationId = conversationId;
    this.attached.clear();
    this.turns = turns.map((saved) => {
      const turn = { ...saved.turn };
      if (saved.attached.length > 0) {
        this.attached.set(turn, saved.attached);
      }
      return turn;
    });
    this.emitTranscript();
  }

  /** The replaced question's attachments go with the new one; an edited question is asked as typed. */
  private async replaceLast(question: string, replaced: ChatTurn, prompt?: string): Promise<ChatTurn | undefined> {
    if (this.busy) {
      return undefined;
    }
    const attachments = this.attached.get(replaced) ?? [];
    this.turns.pop();
    this.attached.delete(replaced);
    this.emitTranscript();
    return this.ask(question, attachments, replaced.attachments ?? attachments.map(toChip), prompt);
  }

  /**
   * Announces an answer's usage, the server's or (none came) counted here, so the ledger bills it; the
   * turn shows it unless it was already ended by what came after it.
   */
  private async bill(turn: ChatTurn, conversationId: string, sent: { model: string; prompt: string[] }, serverUsage: TokenUsage | undefined): Promise<void> {
    let usage = serverUsage;
    if (!usage && this.deps.estimateUsage) {
      try {
        usage = await this.deps.estimateUsage(sent.model, sent.prompt, turn.reasoning + turn.answer);
      } catch (error) {
        this.deps.log?.(`counting an answer's tokens failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!usage) {
      return;
    }
    const cost = this.deps.costOf?.(sent.model, usage);
    if (this.isActive(turn)) {
      turn.usage = usage;
      turn.cost = cost;
    }
    this.emit({ type: 'usage', conversationId, turnId: turn.id, model: sent.model, usage, ...(cost ? { cost } : {}) });
  }

  private isActive(turn: ChatTurn): boolean {
    return this.active?.turn === turn;
  }

  /** Stops the streaming answer and ends it at once, so what comes after it is not mixed with it. */
  private endActiveTurn(): void {
    const active = this.active;
    if (active) {
      active.controller.abort();
      this.finish(active.turn, 'stopped');
    }
  }

  /** Only the active turn changes: a stopped stream's late deltas are dropped. */
  private append(turn: ChatTurn, { content, reasoning }: SplitDelta): void {
    const active = this.active;
    if (active?.turn !== turn || (!content && !reasoning)) {
      return;
    }
    turn.answer += content;
    turn.reasoning += reasoning;
    this.emit({ type: 'delta', conversationId: active.conversationId, turnId: turn.id, ...(content ? { content } : {}), ...(reasoning ? { reasoning } : {}) });
  }

  /** A turn ends once; a stream that was already ended when its conversation was left ends nothing. */
  private finish(turn: ChatTurn, status: 'done' | 'stopped' | 'error', failure?: DrunError): void {
    const active = this.active;
    if (active?.turn !== turn) {
      return;
    }
    turn.status = status;
    this.active = undefined;
    this.deps.onBusyChanged?.(false);
    this.emit({ type: 'turnEnded', conversationId: active.conversationId, turn: { ...turn }, ...(failure ? { failure } : {}) });
  }

  private emitTranscript(): void {
    this.emit({ type: 'transcript', conversationId: this.currentConversationId, turns: this.turns.map((turn) => ({ ...turn })) });
  }

  private emit(event: ChatSessionEvent): void {
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }

  /**
   * Earlier turns as alternating user/assistant messages. Turns without an answer are left out
   * (DeepSeek rejects two user messages in a row), and reasoning is never sent back. Images are sent
   * only with their own question: each costs thousands of tokens and Llama 3.2 Vision reads one per request.
   */
  private historyMessages(language: PromptLanguage): ChatMessage[] {
    const messages: ChatMessage[] = [];
    for (const turn of this.turns) {
      const answer = stripThinkBlocks(turn.answer).trim();
      if (answer) {
        messages.push({ role: 'user', content: userMessageText(turn.prompt ?? turn.question, this.attached.get(turn) ?? [], language) }, { role: 'assistant', content: answer });
      }
    }
    return messages;
  }
}

/** A message's text, for counting its tokens; images are left out (a vision model's count is an estimate anyway). */
function messageText(message: ChatMessage): string {
  return typeof message.content === 'string' ? message.content : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
