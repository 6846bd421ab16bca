// What answers cost: the tokens one answer used, its price, and the per-day totals.

export type { TokenUsage } from '../platform/drunClient';

/** What one answer cost: an estimate in CNY on MaaS, nothing per token on an instance. */
export type TurnCost = { kind: 'maas'; cny: number } | { kind: 'instance' } | { kind: 'unpriced' };

export interface DailyUsage {
  /** Local day, YYYY-MM-DD. */
  day: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Estimated MaaS cost in CNY. */
  costCny: number;
  /** MaaS answers from models without a price. */
  unpricedRequests: number;
}
