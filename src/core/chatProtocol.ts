// The one message protocol between the extension and the chat webview.
// Both sides import these types; the extension validates everything the webview sends.
import type { AttachmentChip } from './attachments';
import { AttachmentState, ContextViewMessage, parseContextViewMessage } from './chatContextProtocol';

/** Something the user can do to fix an error, offered as a button. */
export type FixAction = 'setApiKey' | 'openSettings' | 'showLog' | 'retry' | 'switchMode';

export interface ChatErrorInfo {
  /** One sentence that says what went wrong and how to fix it (already localised). */
  message: string;
  action?: FixAction;
  /** Localised label for the action button. */
  actionLabel?: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
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
  /** What was attached to the question, shown as chips above it. */
  attachments?: AttachmentChip[];
}

/** Labels the webview shows; localised by the extension so the webview needs no l10n of its own. */
export interface ViewStrings {
  placeholder: string;
  send: string;
  stop: string;
  thinking: string;
  stopped: string;
  emptyTitle: string;
  emptyHint: string;
  setApiKey: string;
  you: string;
  /** A template: {0} prompt, {1} completion and {2} total tokens. */
  usage: string;
}

export interface ViewConfig {
  model: string;
  /** Where chat requests go, e.g. "chat.d.run" or "local stand-in". */
  endpointLabel: string;
  hasApiKey: boolean;
  strings: ViewStrings;
}

export type ExtensionToView =
  | { type: 'config'; config: ViewConfig }
  | { type: 'transcript'; turns: ChatTurn[] }
  | { type: 'turnStarted'; turn: ChatTurn }
  | { type: 'delta'; turnId: string; content?: string; reasoning?: string }
  | { type: 'turnEnded'; turnId: string; status: Exclude<TurnStatus, 'streaming'>; error?: ChatErrorInfo; usage?: TokenUsage }
  | { type: 'notice'; message: string }
  | { type: 'attachments'; state: AttachmentState };

export type ViewToExtension =
  | { type: 'ready' }
  | { type: 'ask'; text: string }
  | { type: 'stop' }
  | { type: 'runAction'; action: FixAction }
  | ContextViewMessage;

const FIX_ACTIONS: readonly FixAction[] = ['setApiKey', 'openSettings', 'showLog', 'retry', 'switchMode'];
/** Longest question the view may send; protects the extension from a runaway webview. */
export const MAX_QUESTION_LENGTH = 200_000;

/**
 * Accepts only well-formed messages the protocol allows; anything else is `undefined`
 * and the caller drops it.
 */
export function parseViewMessage(raw: unknown): ViewToExtension | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  const keys = Object.keys(message);
  switch (message.type) {
    case 'ready':
    case 'stop':
      return keys.length === 1 ? { type: message.type } : undefined;
    case 'ask': {
      const text = message.text;
      if (keys.length !== 2 || typeof text !== 'string') {
        return undefined;
      }
      const trimmed = text.trim();
      return trimmed.length > 0 && text.length <= MAX_QUESTION_LENGTH ? { type: 'ask', text: trimmed } : undefined;
    }
    case 'runAction': {
      const action = message.action;
      if (keys.length !== 2 || !FIX_ACTIONS.includes(action as FixAction)) {
        return undefined;
      }
      return { type: 'runAction', action: action as FixAction };
    }
    default:
      return parseContextViewMessage(message);
  }
}
