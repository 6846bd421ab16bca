// Counts Qwen tokens in a worker thread: the vocabulary loads there on first use (never at
// activation) and long texts are tokenised without blocking the extension host.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface TokenEncoder {
  /** The token count of each text, in order. */
  countTokens(texts: readonly string[]): Promise<number[]>;
  dispose(): void;
}

export interface EncoderRequest {
  id: number;
  texts: readonly string[];
}

export type EncoderReply = { id: number; counts: number[] } | { id: number; error: string };

/** Beside this file both in the bundle (dist/) and in the compiled tests (out/src/core/context/). */
export const QWEN_TOKENIZER_WORKER = join(__dirname, 'qwenTokenizerWorker.js');

interface Pending {
  resolve(counts: number[]): void;
  reject(error: Error): void;
}

export class WorkerTokenEncoder implements TokenEncoder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly scriptPath: string = QWEN_TOKENIZER_WORKER) {}

  countTokens(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) {
      return Promise.resolve([]);
    }
    const worker = this.startWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) {
        worker.ref(); // keep a script's process alive while an answer is due
      }
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts } satisfies EncoderRequest);
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('The tokenizer was disposed.'));
    void worker?.terminate();
  }

  private startWorker(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = new Worker(this.scriptPath);
    worker.unref();
    worker.on('message', (reply: EncoderReply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined; // the next call starts a fresh one
        this.failAll(new Error(`The tokenizer worker stopped (exit code ${code}).`));
      }
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: EncoderReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) {
      return;
    }
    this.pending.delete(reply.id);
    if (this.pending.size === 0) {
      this.worker?.unref();
    }
    if ('error' in reply) {
      pending.reject(new Error(`The Qwen tokenizer failed: ${reply.error}`));
    } else {
      pending.resolve(reply.counts);
    }
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.worker?.unref();
    for (const pending of waiting) {
      pending.reject(error);
    }
  }
}
