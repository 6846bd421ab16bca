// How many tokens a text is for a given model: exact with the Qwen tokenizer for Qwen models, an
// estimate on the high side for the rest (no tokenizer ships for every D.run model). One rule for every
// feature, so VS Code's token count, the usage of answers the server did not count and the daily cap agree.
import type { TokenUsage } from '../drunClient';
import type { TokenEncoder } from './tokenEncoder';
import { estimateTokens } from './tokenEstimate';

/** Which model: its D.run name and, when known, its catalogue family (an instance's access name says little). */
export interface CountedModel {
  id: string;
  family?: string;
}

/** Qwen2, Qwen2.5 (Coder too) and Qwen3 share one vocabulary: the family or the name says Qwen. */
export function countsWithQwenTokenizer(model: CountedModel): boolean {
  return /qwen/i.test(model.family ?? '') || /qwen/i.test(model.id);
}

/** The token count of each text, in order. */
export function countModelTokens(tokenizer: TokenEncoder, model: CountedModel, texts: readonly string[]): Promise<number[]> {
  return countsWithQwenTokenizer(model) ? tokenizer.countTokens(texts) : Promise.resolve(texts.map(estimateTokens));
}

/** What the chat template adds around each message (Qwen: `<|im_start|>role\n` … `<|im_end|>\n`). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A request's usage counted here, for a server that sent none (vLLM without `stream_options`, some
 * proxies) or an answer stopped before it came. `prompt`: a completion request's prompt, or the text of
 * each chat message sent (each framed by the chat template).
 */
export async function estimateUsage(tokenizer: TokenEncoder, model: CountedModel, prompt: string | readonly string[], completion: string): Promise<TokenUsage> {
  const messages = typeof prompt === 'string' ? [prompt] : prompt;
  const counts = await countModelTokens(tokenizer, model, [...messages, completion]);
  const completionTokens = counts.pop() ?? 0;
  const framing = typeof prompt === 'string' ? 0 : messages.length * MESSAGE_OVERHEAD_TOKENS;
  const promptTokens = counts.reduce((sum, count) => sum + count, framing);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}
