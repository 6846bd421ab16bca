// The per-day usage summary of every feature's requests: pure aggregation over a small list that the
// extension persists.
import type { DailyUsage, TokenUsage, TurnCost } from './usage';

/** Days kept; older days are dropped when a new one starts. */
export const LEDGER_DAYS = 90;

/** The local calendar day of `date`, as YYYY-MM-DD. */
export function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const EMPTY_DAY = { requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costCny: 0, unpricedRequests: 0, perTokenTokens: 0, estimatedRequests: 0 };

/** Adds one request's usage to its day. Newest day first. */
export function recordUsage(ledger: readonly DailyUsage[], day: string, usage: TokenUsage, cost: TurnCost | undefined): DailyUsage[] {
  const base: DailyUsage = ledger.find((entry) => entry.day === day) ?? { day, ...EMPTY_DAY };
  // Only MaaS requests are priced (or unpriced); an instance's and a custom server's are not per token.
  const perToken = cost?.kind === 'maas' || cost?.kind === 'unpriced';
  const updated: DailyUsage = {
    day,
    requests: base.requests + 1,
    promptTokens: base.promptTokens + usage.promptTokens,
    completionTokens: base.completionTokens + usage.completionTokens,
    totalTokens: base.totalTokens + usage.totalTokens,
    costCny: base.costCny + (cost?.kind === 'maas' ? cost.cny : 0),
    unpricedRequests: base.unpricedRequests + (cost?.kind === 'unpriced' ? 1 : 0),
    perTokenTokens: base.perTokenTokens + (perToken ? usage.totalTokens : 0),
    estimatedRequests: base.estimatedRequests + (usage.estimated ? 1 : 0),
  };
  return [updated, ...ledger.filter((entry) => entry.day !== day)]
    .sort((a, b) => b.day.localeCompare(a.day))
    .slice(0, LEDGER_DAYS);
}

const isCount = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Today's tokens on per-token models, for the daily cap. */
export function perTokenTokensOn(ledger: readonly DailyUsage[], day: string): number {
  return ledger.find((entry) => entry.day === day)?.perTokenTokens ?? 0;
}

/**
 * Reads a stored ledger, dropping anything malformed (a hand edit). Counts an older version did not
 * keep start at 0.
 */
export function parseLedger(raw: unknown): DailyUsage[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const counts = Object.keys(EMPTY_DAY) as (keyof typeof EMPTY_DAY)[];
  return raw.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) {
      return [];
    }
    const stored = entry as Record<string, unknown>;
    const day = { day: stored.day, ...Object.fromEntries(counts.map((key) => [key, stored[key] ?? 0])) };
    return typeof day.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day.day) && counts.every((key) => isCount(day[key as keyof typeof day])) ? [day as DailyUsage] : [];
  });
}
