// The real Qwen tokenizer for the tests that count with it.
import { LineTokenCounter } from '../../../../../src/core/platform/tokenizer/lineTokenCounter';
import { loadQwenTokenizer, QwenTokenizer } from '../../../../../src/core/platform/tokenizer/qwenTokenizer';
import { WorkerTokenEncoder } from '../../../../../src/core/platform/tokenizer/tokenEncoder';

let sharedEncoder: WorkerTokenEncoder | undefined;
let sharedQwen: LineTokenCounter | undefined;

/** The real Qwen tokenizer (worker thread), loaded once for all test files. */
export function qwenEncoder(): WorkerTokenEncoder {
  sharedEncoder ??= new WorkerTokenEncoder();
  return sharedEncoder;
}

export function qwenCounter(): LineTokenCounter {
  sharedQwen ??= new LineTokenCounter(qwenEncoder());
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

