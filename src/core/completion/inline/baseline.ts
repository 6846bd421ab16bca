// The pipeline peers ship (Continue's fixed 350 ms debounce; Twinny's stream that ignores the
// editor's cancellation), with no cache and no reuse. Same prompt, client and post-processing as
// ours, so the benchmarks compare only the strategy. It lives here, not in bench/, because
// `npm run bench:editor` runs it inside the extension too (see the controller's BENCH_PIPELINE_ENV).
import type { InlineRequest, InlineSuggestion } from './contract';
import type { InlineEngineOptions } from './engine';
import { shapeCompletion } from './postProcess';
import { QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../qwenFim';

export type BaselineOptions = Pick<InlineEngineOptions, 'buildPrompt' | 'streamCompletion' | 'clock' | 'model' | 'maxLines' | 'maxTokens'> & {
  debounceMs?: number;
};

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;

export class BaselinePipeline {
  private nextId = 1;

  constructor(private readonly options: BaselineOptions) {}

  async provide(request: InlineRequest, signal: AbortSignal): Promise<InlineSuggestion | undefined> {
    if (IDENTIFIER_CHAR.test(request.text.charAt(request.offset)) || !(await this.sleep(this.options.debounceMs ?? 350, signal))) {
      return undefined;
    }
    // The stream runs to its end whatever the editor does; the answer is dropped if it came too late.
    const detached = new AbortController().signal;
    try {
      const prompt = await this.options.buildPrompt(request, detached);
      const result = await this.options.streamCompletion(
        { model: this.options.model, prompt, stop: QWEN_SERVER_STOPS, clientStops: QWEN_CLIENT_STOPS, maxTokens: this.options.maxTokens, temperature: 0.2 },
        detached,
        () => undefined,
      );
      const context = { prefix: request.text.slice(0, request.offset), suffix: request.text.slice(request.offset) };
      const text = shapeCompletion(result.text, context, this.options.maxLines, result.finishReason === 'stop').text;
      if (signal.aborted || !text) {
        return undefined;
      }
      return { id: `b${this.nextId++}`, insertText: text, replaceStart: request.offset, replaceEnd: request.offset, source: 'network' };
    } catch {
      return undefined;
    }
  }

  dispose(): void {}

  private sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const handle = this.options.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(!signal.aborted);
      }, ms);
      const onAbort = () => {
        this.options.clock.clearTimeout(handle);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
