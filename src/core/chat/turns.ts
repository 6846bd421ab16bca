// A conversation's turns: one question, its answer and how it ended, as the user sees them.
import type { Attachment, AttachmentChip } from './attachments';
import type { ErrorInfo } from '../platform/errors';
import type { TokenUsage, TurnCost } from '../platform/usage';

export type { FixAction } from '../platform/errors';
/** How a failed answer is shown: one sentence and the fix. */
export type ChatErrorInfo = ErrorInfo;

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatTurn {
  id: string;
  /** What the user asked, as shown to them (markdown). */
  question: string;
  /** What the model is asked instead, where it differs: an editor command's full instruction. */
  prompt?: string;
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
