// Shared pieces of the prompt-context unit tests.
import type { TokenEncoder } from '../../../../../src/core/platform/tokenizer/tokenEncoder';

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
