// How many tokens a model accepts, so the panel can warn before a question with attachments is too big.

interface ContextWindow {
  pattern: RegExp;
  tokens: number;
}

/** D.run's configured windows for the seed's models (see drun-api.md); first match wins. */
const CONTEXT_WINDOWS: ContextWindow[] = [
  { pattern: /minimax-text-01/i, tokens: 1_000_000 },
  { pattern: /deepseek-(r1|v3)/i, tokens: 64_000 },
  { pattern: /llama-3\.2-11b-vision/i, tokens: 128_000 },
  { pattern: /glm-4-9b/i, tokens: 128_000 },
  { pattern: /phi-3\.5-mini/i, tokens: 128_000 },
  { pattern: /phi-4/i, tokens: 16_000 },
  { pattern: /baichuan2/i, tokens: 4_000 },
  { pattern: /qwen/i, tokens: 32_000 },
];
/** Instance access names say nothing about the model: assume the common vLLM default. */
const UNKNOWN_MODEL_WINDOW = 32_000;
/** Room left for the answer. */
const ANSWER_RESERVE_SHARE = 0.25;
const MAX_ANSWER_RESERVE = 8_000;

export function contextWindowFor(model: string): number {
  return CONTEXT_WINDOWS.find((window) => window.pattern.test(model))?.tokens ?? UNKNOWN_MODEL_WINDOW;
}

/** Tokens a question (with its attachments) may use, leaving room for the answer. */
export function questionBudgetFor(model: string): number {
  const window = contextWindowFor(model);
  return window - Math.min(MAX_ANSWER_RESERVE, Math.floor(window * ANSWER_RESERVE_SHARE));
}
