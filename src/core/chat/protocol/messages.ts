// The one message protocol between the extension and the chat webview.
// Both sides import these types; the extension validates everything the webview sends.
import type { ChatErrorInfo, ChatTurn, ConversationSummary, FixAction, TurnStatus } from '../turns';
import type { DailyUsage, TokenUsage, TurnCost } from '../usage';
import { AttachmentState, ContextViewMessage, parseContextViewMessage } from './contextMessages';

// The domain types the messages carry, for the importers that know them by the protocol's name.
export type { ChatErrorInfo, ChatTurn, ConversationSummary, DailyUsage, FixAction, TokenUsage, TurnCost, TurnStatus };

/** Labels the webview shows; localised by the extension so the webview needs no l10n of its own. */
export interface ViewStrings extends PanelStrings {
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
  | { type: 'turnEnded'; turnId: string; status: Exclude<TurnStatus, 'streaming'>; error?: ChatErrorInfo; usage?: TokenUsage; cost?: TurnCost }
  | { type: 'notice'; message: string }
  | { type: 'historyTrimmed'; turnId: string; omittedTurns: number }
  | { type: 'conversations'; items: ConversationSummary[]; currentId?: string }
  | { type: 'models'; options: ModelChoice[]; current: string; loading: boolean }
  | { type: 'usageSummary'; days: DailyUsage[] }
  | { type: 'showPanel'; panel: PanelName }
  | { type: 'attachments'; state: AttachmentState };

export type ViewToExtension =
  | { type: 'ready' }
  | { type: 'ask'; text: string }
  | { type: 'stop' }
  | { type: 'runAction'; action: FixAction }
  | { type: 'openLink'; href: string }
  | { type: 'regenerate' }
  | { type: 'editLast'; text: string }
  | { type: 'newChat' }
  | { type: 'openConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'listModels' }
  | { type: 'pickModel'; model: string }
  | ContextViewMessage;

export type ModelGroup = 'maas' | 'instance';

export interface ModelChoice {
  id: string;
  group: ModelGroup;
  /** Whether an endpoint's /v1/models listed it (otherwise it comes from the catalogue or the settings). */
  listed: boolean;
}

export type PanelName = 'history' | 'models' | 'usage';

const FIX_ACTIONS: readonly FixAction[] = ['setApiKey', 'openSettings', 'showLog', 'retry', 'switchMode', 'pickModel'];
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
    case 'openLink': {
      const href = message.href;
      return keys.length === 2 && typeof href === 'string' && isOpenableLink(href) ? { type: 'openLink', href } : undefined;
    }
    default:
      return parsePanelMessage(message, keys);
  }
}

const MAX_LINK_LENGTH = 2048;
/** What a link in an answer may open: web pages and mail, never command:, file:, vscode: or script URIs. */
const OPENABLE_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

export function isOpenableLink(href: string): boolean {
  if (href.length > MAX_LINK_LENGTH) {
    return false;
  }
  try {
    return OPENABLE_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** Conversation ids are made by the extension: letters, digits and dashes. */
const CONVERSATION_ID = /^[A-Za-z0-9-]{1,64}$/;
/** Model names as D.run writes them (`public/deepseek-r1`, `u-1100a15812cc/qwen2`). */
const MODEL_NAME = /^[\w.:@/-]{1,200}$/;

/** The conversation and model messages; same rules as above. */
function parsePanelMessage(message: Record<string, unknown>, keys: string[]): ViewToExtension | undefined {
  switch (message.type) {
    case 'regenerate':
    case 'newChat':
    case 'listModels':
      return keys.length === 1 ? { type: message.type } : undefined;
    case 'editLast': {
      const parsed = keys.length === 2 ? parseViewMessage({ type: 'ask', text: message.text }) : undefined;
      return parsed?.type === 'ask' ? { type: 'editLast', text: parsed.text } : undefined;
    }
    case 'openConversation':
    case 'deleteConversation': {
      const id = message.id;
      return keys.length === 2 && typeof id === 'string' && CONVERSATION_ID.test(id) ? { type: message.type, id } : undefined;
    }
    case 'pickModel': {
      const model = message.model;
      return keys.length === 2 && typeof model === 'string' && MODEL_NAME.test(model) ? { type: 'pickModel', model } : undefined;
    }
    default:
      return parseContextViewMessage(message);
  }
}

/** The view's labels for conversations, the model picker, usage and the first steps. */
export interface PanelStrings {
  regenerate: string;
  edit: string;
  cancel: string;
  newChat: string;
  history: string;
  historyEmpty: string;
  deleteConversation: string;
  /** The delete button's label after one click: a second click deletes. */
  confirmDelete: string;
  close: string;
  pickModel: string;
  /** The picker's heading while /v1/models is being asked. */
  modelsLoading: string;
  groupMaas: string;
  groupInstance: string;
  /** Marks a model no endpoint listed (it comes from the catalogue or the settings). */
  notListed: string;
  /** A template: {0} earlier turns were left out of the request. */
  trimmed: string;
  /** A template: {0} is the estimated cost in CNY. */
  costEstimate: string;
  instanceCost: string;
  unpriced: string;
  usageSummary: string;
  /** Short label of the header button that opens the usage summary. */
  usageButton: string;
  usageEmpty: string;
  /** Column headings: day, requests, tokens, cost. */
  usageColumns: string;
  usageNote: string;
  stepKey: string;
  stepKeyDone: string;
  /** A template: {0} is the current model. */
  stepModel: string;
}
