// The per-day usage summary: pure aggregation over a small list that the extension persists.
import type { DailyUsage, TokenUsage, TurnCost } from './usage';

/** Days kept; older days are dropped when a new one starts. */
export const LEDGER_DAYS = 90;

/** The local calendar day of `date`, as YYYY-MM-DD. */
export function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Adds one answer's usage to its day. Newest day first. */
export function recordUsage(ledger: readonly DailyUsage[], day: string, usage: TokenUsage, cost: TurnCost | undefined): DailyUsage[] {
  const existing = ledger.find((entry) => entry.day === day);
  const base: DailyUsage = existing ?? { day, requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costCny: 0, unpricedRequests: 0 };
  const updated: DailyUsage = {
    day,
    requests: base.requests + 1,
    promptTokens: base.promptTokens + usage.promptTokens,
    completionTokens: base.completionTokens + usage.completionTokens,
    totalTokens: base.totalTokens + usage.totalTokens,
    costCny: base.costCny + (cost?.kind === 'maas' ? cost.cny : 0),
    unpricedRequests: base.unpricedRequests + (cost?.kind === 'unpriced' ? 1 : 0),
  };
  return [updated, ...ledger.filter((entry) => entry.day !== day)]
    .sort((a, b) => b.day.localeCompare(a.day))
    .slice(0, LEDGER_DAYS);
}

const isCount = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Reads a stored ledger, dropping anything malformed (an older version or a hand edit). */
export function parseLedger(raw: unknown): DailyUsage[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw.filter(
    (entry): entry is DailyUsage =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.day === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(entry.day) &&
      ['requests', 'promptTokens', 'completionTokens', 'totalTokens', 'costCny', 'unpricedRequests'].every((key) => isCount(entry[key])),
  );
}
