// Shared by the inline-engine unit tests: a virtual clock and a model stream the test feeds by hand.
import type { CompletionRequest, CompletionResult } from '../../../../../src/core/platform/drunClient';
import { DrunError } from '../../../../../src/core/platform/errors';
import type { Clock, InlineRequest } from '../../../../../src/core/completion/inline/contract';

export class VirtualClock implements Clock {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) {
        break;
      }
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every pending promise continuation run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await Promise.resolve();
  }
}

interface OpenStream {
  request: CompletionRequest;
  signal: AbortSignal;
  onText: (text: string) => void;
  resolve: (result: CompletionResult) => void;
  reject: (error: unknown) => void;
  text: string;
}

/** A StreamCompletion whose pieces the test sends; records every request and whether it was aborted. */
export class HandFedModel {
  readonly streams: OpenStream[] = [];

  readonly streamCompletion = (request: CompletionRequest, signal: AbortSignal, onText: (text: string) => void): Promise<CompletionResult> =>
    new Promise((resolve, reject) => {
      const stream: OpenStream = { request, signal, onText, resolve, reject, text: '' };
      this.streams.push(stream);
      signal.addEventListener('abort', () => reject(new DrunError('cancelled', 'cancelled by the caller')), { once: true });
    });

  get last(): OpenStream {
    const stream = this.streams[this.streams.length - 1];
    if (!stream) {
      throw new Error('no request was sent');
    }
    return stream;
  }

  async send(...pieces: string[]): Promise<void> {
    await settle();
    for (const piece of pieces) {
      if (this.last.signal.aborted) {
        throw new Error(`the stream was aborted before "${piece}"`);
      }
      this.last.text += piece;
      this.last.onText(piece);
      await settle();
    }
  }

  async finish(finishReason = 'stop'): Promise<void> {
    this.last.resolve({ text: this.last.text, finishReason, usage: { promptTokens: 10, completionTokens: 3, totalTokens: 13 } });
    await settle();
  }
}

/** A request with the cursor at `|` in `marked`. */
export function requestAt(marked: string, overrides: Partial<InlineRequest> = {}): InlineRequest {
  const offset = marked.indexOf('|');
  if (offset === -1) {
    throw new Error('no cursor marker');
  }
  return { documentKey: 'file:///a.py', languageId: 'python', text: marked.slice(0, offset) + marked.slice(offset + 1), offset, explicit: false, ...overrides };
}
