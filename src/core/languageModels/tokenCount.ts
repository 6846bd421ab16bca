// provideTokenCount's count. No tokenizer ships for every D.run model, and the Qwen tokenizer lives
// in the completion feature's worker, which this feature may not reach: so an estimate, on the high side.

const WIDE_CHARACTER = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/** One token per CJK character, one per three other characters; overestimating only makes VS Code trim sooner. */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE_CHARACTER)?.length ?? 0;
  return wide + Math.ceil((text.length - wide) / 3);
}
