// A conversation's turns: one question, its answer and how it ended, as the user sees them.
import type { Attachment, AttachmentChip } from './attachments';
import type { TokenUsage, TurnCost } from './usage';

/** Something the user can do to fix an error, offered as a button. */
export type FixAction = 'setApiKey' | 'openSettings' | 'showLog' | 'retry' | 'switchMode' | 'pickModel';

export interface ChatErrorInfo {
  /** One sentence that says what went wrong and how to fix it (already localised). */
  message: string;
  action?: FixAction;
  /** Localised label for the action button. */
  actionLabel?: string;
}

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatTurn {
  id: string;
  /** What the user asked, as shown to them (markdown). */
  question: string;
  model: string;
  answer: string;
  reasoning: string;
  status: TurnStatus;
  error?: ChatErrorInfo;
  usage?: TokenUsage;
  cost?: TurnCost;
  /** Earlier turns left out of this turn's request to fit the model's context. */
  omittedTurns?: number;
  /** What was attached to the question, shown as chips above it. */
  attachments?: AttachmentChip[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  turnCount: number;
}

/** A turn with the content attached to its question, so it can be asked again faithfully. */
export interface SavedTurn {
  turn: ChatTurn;
  attached: readonly Attachment[];
}
