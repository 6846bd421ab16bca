// Coalesces work into animation frames: at most one run per frame, and never more than half the time
// spent working, so streaming a long answer stays smooth however fast deltas arrive.

export interface FrameScheduler {
  /** Asks for a run on a coming frame; repeated calls before it happens are merged. */
  schedule(): void;
}

export function createFrameScheduler(work: () => void): FrameScheduler {
  let frame: number | undefined;
  let notBefore = 0;

  const run = (): void => {
    frame = undefined;
    const start = performance.now();
    work();
    const cost = performance.now() - start;
    // Leave at least as much idle time as the last run took before running again.
    notBefore = start + 2 * cost;
  };

  const onFrame = (now: number): void => {
    if (now < notBefore) {
      frame = requestAnimationFrame(onFrame);
      return;
    }
    run();
  };

  return {
    schedule() {
      if (frame === undefined) {
        frame = requestAnimationFrame(onFrame);
      }
    },
  };
}
