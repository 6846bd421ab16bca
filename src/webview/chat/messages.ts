// Validates what arrives from the extension. Anything that is not a well-formed ExtensionToView is dropped.
import type {
  ChatErrorInfo,
  ChatTurn,
  ExtensionToView,
  FixAction,
  TokenUsage,
  TurnStatus,
  ViewConfig,
  ViewStrings,
} from '../../core/chat/protocol/messages';
import { isCost, parsePanelMessage } from './panelMessages';
import { isAttachmentState, isChipList } from './contextMessages';

// A Record, so adding an action to the protocol fails typechecking here until it is listed.
const FIX_ACTIONS: Record<FixAction, true> = { setApiKey: true, openSettings: true, showLog: true, retry: true, switchMode: true, pickModel: true };
const STATUSES: Record<TurnStatus, true> = { streaming: true, done: true, stopped: true, error: true };
const STRING_KEYS: Record<keyof ViewStrings, true> = {
  placeholder: true,
  send: true,
  stop: true,
  thinking: true,
  stopped: true,
  emptyTitle: true,
  emptyHint: true,
  setApiKey: true,
  you: true,
  usage: true,
  regenerate: true,
  edit: true,
  cancel: true,
  newChat: true,
  history: true,
  historyEmpty: true,
  deleteConversation: true,
  confirmDelete: true,
  close: true,
  pickModel: true,
  modelsLoading: true,
  groupMaas: true,
  groupInstance: true,
  notListed: true,
  trimmed: true,
  costEstimate: true,
  instanceCost: true,
  unpriced: true,
  usageSummary: true,
  usageButton: true,
  usageEmpty: true,
  usageColumns: true,
  usageNote: true,
  stepKey: true,
  stepKeyDone: true,
  stepModel: true,
};

type Rec = Record<string, unknown>;

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): value is string | undefined => value === undefined || isString(value);
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function isFixAction(value: unknown): value is FixAction {
  return isString(value) && Object.prototype.hasOwnProperty.call(FIX_ACTIONS, value);
}

function isStatus(value: unknown): value is TurnStatus {
  return isString(value) && Object.prototype.hasOwnProperty.call(STATUSES, value);
}

function isError(value: unknown): value is ChatErrorInfo {
  return (
    isRecord(value) &&
    isString(value.message) &&
    (value.action === undefined || isFixAction(value.action)) &&
    isOptionalString(value.actionLabel)
  );
}

function isUsage(value: unknown): value is TokenUsage {
  return isRecord(value) && isCount(value.promptTokens) && isCount(value.completionTokens) && isCount(value.totalTokens);
}

function isStrings(value: unknown): value is ViewStrings {
  return isRecord(value) && Object.keys(STRING_KEYS).every((key) => isString(value[key]));
}

function isConfig(value: unknown): value is ViewConfig {
  return (
    isRecord(value) &&
    isString(value.model) &&
    isString(value.endpointLabel) &&
    typeof value.hasApiKey === 'boolean' &&
    isStrings(value.strings)
  );
}

function isTurn(value: unknown): value is ChatTurn {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.question) &&
    isString(value.model) &&
    isString(value.answer) &&
    isString(value.reasoning) &&
    isStatus(value.status) &&
    (value.error === undefined || isError(value.error)) &&
    (value.usage === undefined || isUsage(value.usage)) &&
    (value.cost === undefined || isCost(value.cost)) &&
    (value.omittedTurns === undefined || isCount(value.omittedTurns)) &&
    (value.attachments === undefined || isChipList(value.attachments))
  );
}

export function parseExtensionMessage(raw: unknown): ExtensionToView | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  switch (raw.type) {
    case 'config':
      return isConfig(raw.config) ? { type: 'config', config: raw.config } : undefined;
    case 'transcript':
      return Array.isArray(raw.turns) && raw.turns.every(isTurn) ? { type: 'transcript', turns: raw.turns } : undefined;
    case 'turnStarted':
      return isTurn(raw.turn) ? { type: 'turnStarted', turn: raw.turn } : undefined;
    case 'delta':
      return isString(raw.turnId) && isOptionalString(raw.content) && isOptionalString(raw.reasoning)
        ? { type: 'delta', turnId: raw.turnId, content: raw.content, reasoning: raw.reasoning }
        : undefined;
    case 'turnEnded':
      return isString(raw.turnId) &&
        isStatus(raw.status) &&
        raw.status !== 'streaming' &&
        (raw.error === undefined || isError(raw.error)) &&
        (raw.usage === undefined || isUsage(raw.usage)) &&
        (raw.cost === undefined || isCost(raw.cost))
        ? { type: 'turnEnded', turnId: raw.turnId, status: raw.status, error: raw.error, usage: raw.usage, cost: raw.cost }
        : undefined;
    case 'notice':
      return isString(raw.message) ? { type: 'notice', message: raw.message } : undefined;
    case 'attachments':
      return isAttachmentState(raw.state) ? { type: 'attachments', state: raw.state } : undefined;
    default:
      return parsePanelMessage(raw);
  }
}
