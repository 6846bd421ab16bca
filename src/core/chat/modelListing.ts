// The model picker's listing of /v1/models: one at a time and bounded, so a server that never
// answers cannot keep a request open for the client's whole idle timeout.

/** Long enough for two endpoints across the world, short enough that a waiting picker gives up. */
export const MODEL_LISTING_TIMEOUT_MS = 15_000;

export class ModelListing {
  private current: AbortController | undefined;

  constructor(private readonly timeoutMs = MODEL_LISTING_TIMEOUT_MS) {}

  /**
   * Runs `list` with a signal that aborts after the timeout, on cancel(), or when the next listing
   * starts. Resolves with what `list` returned, or undefined when it was superseded or cancelled.
   */
  async run<T>(list: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.cancel();
    const controller = new AbortController();
    this.current = controller;
    const timer = setTimeout(() => controller.abort(new Error('model listing timed out')), this.timeoutMs);
    try {
      const result = await list(controller.signal);
      return this.current === controller ? result : undefined;
    } finally {
      clearTimeout(timer);
      if (this.current === controller) {
        this.current = undefined;
      }
    }
  }

  /** Whether a listing is under way (a view drawn meanwhile shows the list as loading). */
  get running(): boolean {
    return this.current !== undefined;
  }

  cancel(): void {
    this.current?.abort(new Error('model listing cancelled'));
    this.current = undefined;
  }
}
