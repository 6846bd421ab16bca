// The token estimate for models without a tokenizer here: budgets, chips, VS Code's token count and
// the usage of answers the server did not count. No imports, so the chat webview can bundle it.

/** Characters that tokenisers for Chinese-trained models usually give a token each. */
const WIDE_CHARACTER = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/**
 * A deliberately generous estimate (no tokenizer ships for every D.run model): one token per CJK
 * character, one per three other characters. Overestimating only leaves out more history.
 */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE_CHARACTER)?.length ?? 0;
  return wide + Math.ceil((text.length - wide) / 3);
}
