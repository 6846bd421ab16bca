// Counts Qwen tokens in a worker thread: the merges load there on first use (never at activation)
// and long texts are tokenised without blocking the extension host.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Clock, systemClock } from '../clock';

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

/** Beside this file both in the bundle (dist/) and in the compiled tests (out/src/core/platform/tokenizer/). */
const QWEN_TOKENIZER_WORKER = join(__dirname, 'qwenTokenizerWorker.js');

/** A worker unused this long is stopped, freeing its ~20–30 MB, and restarts on demand. */
const TOKENIZER_IDLE_MS = 10 * 60_000;

/**
 * Tokenising allocates fast and keeps little, so V8 would grow the worker's young generation to its
 * default ceiling (~48 MB); 4 MB costs no measurable speed and keeps the worker near 30 MB resident.
 */
const TOKENIZER_YOUNG_GENERATION_MB = 4;

export interface WorkerEncoderOptions {
  scriptPath?: string;
  idleMs?: number;
  clock?: Clock;
}

interface Pending {
  resolve(counts: number[]): void;
  reject(error: Error): void;
}

export class WorkerTokenEncoder implements TokenEncoder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: unknown;
  private readonly scriptPath: string;
  private readonly idleMs: number;
  private readonly clock: Clock;

  constructor(options: WorkerEncoderOptions = {}) {
    this.scriptPath = options.scriptPath ?? QWEN_TOKENIZER_WORKER;
    this.idleMs = options.idleMs ?? TOKENIZER_IDLE_MS;
    this.clock = options.clock ?? systemClock;
  }

  /** A worker is running (the vocabulary is loaded or loading). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  countTokens(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) {
      return Promise.resolve([]);
    }
    const worker = this.startWorker();
    this.stopIdleTimer();
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
    this.stopIdleTimer();
    this.failAll(new Error('The tokenizer was disposed.'));
    this.stopWorker();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer !== undefined) {
      this.clock.clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }

  private startWorker(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = new Worker(this.scriptPath, { resourceLimits: { maxYoungGenerationSizeMb: TOKENIZER_YOUNG_GENERATION_MB } });
    worker.unref();
    worker.on('message', (reply: EncoderReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`The tokenizer worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  /** The worker died (or could not start): the next call starts a fresh one. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.stopIdleTimer();
      this.failAll(error);
    }
  }

  private settle(reply: EncoderReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) {
      return;
    }
    this.pending.delete(reply.id);
    if (this.pending.size === 0) {
      this.worker?.unref();
      this.idleTimer = this.clock.setTimeout(() => {
        this.idleTimer = undefined;
        this.stopWorker();
      }, this.idleMs);
      // Node's timer would keep a script or a test run alive for the whole idle time.
      (this.idleTimer as { unref?: () => void }).unref?.();
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
