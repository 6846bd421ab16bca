// What requests cost: the tokens one request used, its price, and the per-day totals of every feature.

export type { TokenUsage } from './drunClient';

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
  /** Tokens on per-token (MaaS) models: what `drun.completion.maxTokensPerDay` caps. */
  perTokenTokens: number;
  /** Requests the server sent no usage for, counted here. */
  estimatedRequests: number;
}
