// Shared pieces of the prompt-context unit tests.
import { LineTokenCounter } from '../../../../../src/core/completion/context/lineTokenCounter';
import { loadQwenTokenizer, QwenTokenizer } from '../../../../../src/core/completion/context/qwenTokenizer';
import { TokenEncoder, WorkerTokenEncoder } from '../../../../../src/core/completion/context/tokenEncoder';

/** One token per character: budgets become easy to reason about. Records what it was asked. */
export class CharEncoder implements TokenEncoder {
  readonly calls: string[][] = [];

  async countTokens(texts: readonly string[]): Promise<number[]> {
    this.calls.push([...texts]);
    return texts.map((text) => text.length);
  }

  get textsCounted(): number {
    return this.calls.reduce((sum, call) => sum + call.length, 0);
  }

  dispose(): void {}
}

let sharedQwen: LineTokenCounter | undefined;

/** The real Qwen tokenizer (worker thread), loaded once for all test files. */
export function qwenCounter(): LineTokenCounter {
  sharedQwen ??= new LineTokenCounter(new WorkerTokenEncoder());
  return sharedQwen;
}

let inProcess: QwenTokenizer | undefined;

/** The same tokenizer in this process, for exact counts to compare with. */
export function qwenTokenizer(): QwenTokenizer {
  inProcess ??= loadQwenTokenizer();
  return inProcess;
}

/** The tokenizer's first load takes a second or two on a busy machine; this only guards against hangs. */
export const TOKENIZER_LOAD_TIMEOUT_MS = 120_000;

