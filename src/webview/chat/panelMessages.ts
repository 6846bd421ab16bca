// Validates the conversation, model and usage messages from the extension (see messages.ts).
import type { ConversationSummary, DailyUsage, ExtensionToView, ModelChoice, PanelName, TurnCost } from '../../core/chat/protocol/messages';
import { isCount, isRecord, isString } from './messages';

const PANELS: Record<PanelName, true> = { history: true, models: true, usage: true };

export function isCost(value: unknown): value is TurnCost {
  if (!isRecord(value)) {
    return false;
  }
  return value.kind === 'maas' ? isCount(value.cny) : value.kind === 'instance' || value.kind === 'unpriced';
}

function isSummary(value: unknown): value is ConversationSummary {
  return isRecord(value) && isString(value.id) && isString(value.title) && isCount(value.updatedAt) && isCount(value.turnCount);
}

function isChoice(value: unknown): value is ModelChoice {
  return isRecord(value) && isString(value.id) && (value.group === 'maas' || value.group === 'instance') && typeof value.listed === 'boolean';
}

function isDay(value: unknown): value is DailyUsage {
  return (
    isRecord(value) &&
    isString(value.day) &&
    [value.requests, value.promptTokens, value.completionTokens, value.totalTokens, value.costCny, value.unpricedRequests].every(isCount)
  );
}

export function parsePanelMessage(raw: Record<string, unknown>): ExtensionToView | undefined {
  switch (raw.type) {
    case 'historyTrimmed':
      return isString(raw.turnId) && isCount(raw.omittedTurns) ? { type: 'historyTrimmed', turnId: raw.turnId, omittedTurns: raw.omittedTurns } : undefined;
    case 'conversations':
      return Array.isArray(raw.items) && raw.items.every(isSummary) && (raw.currentId === undefined || isString(raw.currentId))
        ? { type: 'conversations', items: raw.items, currentId: raw.currentId }
        : undefined;
    case 'models':
      return Array.isArray(raw.options) && raw.options.every(isChoice) && isString(raw.current) && typeof raw.loading === 'boolean'
        ? { type: 'models', options: raw.options, current: raw.current, loading: raw.loading }
        : undefined;
    case 'usageSummary':
      return Array.isArray(raw.days) && raw.days.every(isDay) ? { type: 'usageSummary', days: raw.days } : undefined;
    case 'showPanel':
      return isString(raw.panel) && Object.prototype.hasOwnProperty.call(PANELS, raw.panel) ? { type: 'showPanel', panel: raw.panel as PanelName } : undefined;
    default:
      return undefined;
  }
}
