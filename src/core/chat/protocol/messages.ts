// The one message protocol between the extension and the chat webview. Each message has one schema
// here; the types are derived from the schemas, and both sides parse what they receive with them:
// the extension with parseViewMessage, the view with parseExtensionMessage.
import { ATTACHMENT_CHIP, ATTACHMENT_STATE, CONTEXT_VIEW_MESSAGES } from './contextMessages';
import { VIEW_STRINGS } from './labels';
import type { ChatErrorInfo, ChatTurn, ConversationSummary, FixAction, TurnStatus } from '../turns';
import type { ModelChoice, ModelGroup } from '../../platform/modelCatalogue';
import type { DailyUsage, TokenUsage, TurnCost } from '../../platform/usage';
import { array, boolean, count, Infer, INVALID, map, object, oneOf, optional, refine, Schema, string, variant } from './schema';

// The domain types live in core/chat; each schema below is checked against its type.
export type { ChatErrorInfo, ChatTurn, ConversationSummary, DailyUsage, FixAction, ModelChoice, ModelGroup, TokenUsage, TurnCost, TurnStatus };
export type { ViewStrings } from './labels';

export const FIX_ACTIONS = ['setApiKey', 'openSettings', 'showLog', 'retry', 'switchMode', 'pickModel', 'useChatTemplate'] as const satisfies readonly FixAction[];

const CHAT_ERROR_INFO = object({
  /** One sentence that says what went wrong and how to fix it (already localised). */
  message: string(),
  action: optional(oneOf(FIX_ACTIONS)),
  /** Localised label for the action button. */
  actionLabel: optional(string()),
}) satisfies Schema<ChatErrorInfo>;

const TOKEN_USAGE = object({ promptTokens: count, completionTokens: count, totalTokens: count, estimated: optional(boolean) }) satisfies Schema<TokenUsage>;

const TURN_STATUSES = ['streaming', 'done', 'stopped', 'error'] as const satisfies readonly TurnStatus[];
const ENDED_STATUSES = ['done', 'stopped', 'error'] as const satisfies readonly TurnStatus[];

/** What one answer cost: an estimate in CNY on MaaS, nothing per token on an instance. */
const TURN_COST = variant('kind', { maas: { cny: count }, instance: {}, unpriced: {} }) satisfies Schema<TurnCost>;

const CHAT_TURN = object({
  id: string(),
  /** What the user asked, as shown to them (markdown). */
  question: string(),
  model: string(),
  answer: string(),
  reasoning: string(),
  status: oneOf(TURN_STATUSES),
  error: optional(CHAT_ERROR_INFO),
  usage: optional(TOKEN_USAGE),
  cost: optional(TURN_COST),
  /** Earlier turns left out of this turn's request to fit the model's context. */
  omittedTurns: optional(count),
  /** What was attached to the question, shown as chips above it. */
  attachments: optional(array(ATTACHMENT_CHIP)),
}) satisfies Schema<ChatTurn>;

const VIEW_CONFIG = object({
  model: string(),
  /** Where chat requests go, e.g. "chat.d.run" or "local stand-in". */
  endpointLabel: string(),
  hasApiKey: boolean,
  strings: VIEW_STRINGS,
});
export type ViewConfig = Infer<typeof VIEW_CONFIG>;

const CONVERSATION_SUMMARY = object({
  id: string(),
  title: string(),
  /** Milliseconds since the epoch. */
  updatedAt: count,
  turnCount: count,
}) satisfies Schema<ConversationSummary>;

const MODEL_GROUPS = ['maas', 'instance'] as const satisfies readonly ModelGroup[];

const MODEL_CHOICE = object({
  id: string(),
  group: oneOf(MODEL_GROUPS),
  /** Whether an endpoint's /v1/models listed it (otherwise it comes from the catalogue or the settings). */
  listed: boolean,
}) satisfies Schema<ModelChoice>;

const DAILY_USAGE = object({
  /** Local day, YYYY-MM-DD. */
  day: string(),
  requests: count,
  promptTokens: count,
  completionTokens: count,
  totalTokens: count,
  /** Estimated MaaS cost in CNY. */
  costCny: count,
  /** MaaS answers from models without a price. */
  unpricedRequests: count,
  /** Tokens on per-token models, toward the daily cap. */
  perTokenTokens: count,
  /** Requests the server sent no usage for, counted by the extension. */
  estimatedRequests: count,
}) satisfies Schema<DailyUsage>;

const PANEL_NAMES = ['history', 'models', 'usage'] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

/** Everything the extension posts to the view. Unknown properties are dropped from the copy. */
export const EXTENSION_TO_VIEW = variant('type', {
  config: { config: VIEW_CONFIG },
  transcript: { turns: array(CHAT_TURN) },
  turnStarted: { turn: CHAT_TURN },
  delta: { turnId: string(), content: optional(string()), reasoning: optional(string()) },
  turnEnded: {
    turnId: string(),
    status: oneOf(ENDED_STATUSES),
    error: optional(CHAT_ERROR_INFO),
    usage: optional(TOKEN_USAGE),
    cost: optional(TURN_COST),
    /** The model that answered; absent when the turn failed before one was asked. */
    model: optional(string()),
  },
  notice: { message: string() },
  historyTrimmed: { turnId: string(), omittedTurns: count },
  conversations: { items: array(CONVERSATION_SUMMARY), currentId: optional(string()) },
  models: { options: array(MODEL_CHOICE), current: string(), loading: boolean },
  usageSummary: { days: array(DAILY_USAGE) },
  showPanel: { panel: oneOf(PANEL_NAMES) },
  attachments: { state: ATTACHMENT_STATE },
});
export type ExtensionToView = Infer<typeof EXTENSION_TO_VIEW>;

/** Longest question the view may send; protects the extension from a runaway webview. */
export const MAX_QUESTION_LENGTH = 200_000;
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

/** A question as the extension takes it: trimmed, not empty. */
const QUESTION = refine(map(string({ max: MAX_QUESTION_LENGTH }), (text) => text.trim()), (text) => text.length > 0);
/** Conversation ids are made by the extension: letters, digits and dashes. */
const CONVERSATION_ID = string({ pattern: /^[A-Za-z0-9-]{1,64}$/ });

/** Everything the view may send. The extension trusts none of it: unknown properties reject the message. */
export const VIEW_TO_EXTENSION = variant(
  'type',
  {
    ready: {},
    ask: { text: QUESTION },
    stop: {},
    runAction: { action: oneOf(FIX_ACTIONS) },
    openLink: { href: refine(string(), isOpenableLink) },
    regenerate: {},
    editLast: { text: QUESTION },
    newChat: {},
    openConversation: { id: CONVERSATION_ID },
    deleteConversation: { id: CONVERSATION_ID },
    listModels: {},
    /** The picker closed: its listing may stop. */
    stopListingModels: {},
    /** Model names as D.run writes them (`public/deepseek-r1`, `u-1100a15812cc/qwen2`). */
    pickModel: { model: string({ pattern: /^[\w.:@/-]{1,200}$/ }) },
    ...CONTEXT_VIEW_MESSAGES,
  },
  'reject',
);
export type ViewToExtension = Infer<typeof VIEW_TO_EXTENSION>;

/** A well-formed message from the view, or `undefined`: the caller drops it. */
export function parseViewMessage(raw: unknown): ViewToExtension | undefined {
  const message = VIEW_TO_EXTENSION.parse(raw);
  return message === INVALID ? undefined : message;
}

/** A well-formed message from the extension, or `undefined`: the view drops it. */
export function parseExtensionMessage(raw: unknown): ExtensionToView | undefined {
  const message = EXTENSION_TO_VIEW.parse(raw);
  return message === INVALID ? undefined : message;
}
