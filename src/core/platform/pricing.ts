// Per-token prices and the cost of one answer. Prices change: the defaults are a starting point and
// the user's `drun.prices` (user settings only) overrides them model by model.
import type { TokenUsage, TurnCost } from './usage';
import type { Mode } from './endpoint';

/** CNY per million tokens. */
export interface Price {
  input: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, Price>>;

/**
 * DeepSeek's prices are D.run's published ones; the others are estimates from comparable providers.
 * Keep in step with the README's table.
 */
export const DEFAULT_PRICES: PriceTable = {
  'public/deepseek-r1': { input: 4, output: 16 },
  'public/deepseek-v3': { input: 2, output: 8 },
  'public/minimax-text-01': { input: 1, output: 8 },
  'public/qwen2.5-7b-instruct': { input: 0.5, output: 1 },
  'public/qwen2.5-72b-instruct-awq': { input: 4, output: 12 },
  'public/llama-3.2-11b-vision-instruct': { input: 1, output: 1 },
  'public/glm-4-9b-chat': { input: 0.5, output: 0.5 },
};

const isPrice = (value: unknown): value is Price => {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { input, output } = value as Record<string, unknown>;
  const isAmount = (amount: unknown) => typeof amount === 'number' && Number.isFinite(amount) && amount >= 0;
  return isAmount(input) && isAmount(output);
};

/** The defaults with the user's entries on top; malformed entries are ignored, not guessed at. */
export function resolvePrices(userTable: unknown): PriceTable {
  const table: Record<string, Price> = { ...DEFAULT_PRICES };
  if (typeof userTable === 'object' && userTable !== null && !Array.isArray(userTable)) {
    for (const [model, price] of Object.entries(userTable)) {
      if (isPrice(price)) {
        table[model.trim().toLowerCase()] = { input: price.input, output: price.output };
      }
    }
  }
  return table;
}

/** What one answer cost: an estimate in MaaS mode, nothing per token on an instance, unknown elsewhere. */
export function costOfTurn(mode: Mode, model: string, usage: TokenUsage | undefined, prices: PriceTable): TurnCost | undefined {
  if (mode === 'instance') {
    return { kind: 'instance' };
  }
  if (mode !== 'maas' || !usage) {
    return undefined;
  }
  const price = prices[model.trim().toLowerCase()];
  if (!price) {
    return { kind: 'unpriced' };
  }
  const cny = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  return { kind: 'maas', cny };
}
