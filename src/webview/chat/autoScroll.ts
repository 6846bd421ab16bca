// Keeps the transcript pinned to the bottom while it grows, unless the reader has scrolled up.

const SLACK_PX = 24;

export class AutoScroll {
  private pinned = true;

  constructor(private readonly scroller: HTMLElement) {
    scroller.addEventListener('scroll', () => {
      this.pinned = this.distanceFromBottom() <= SLACK_PX;
    }, { passive: true });
    // The visible height changes too (a notice appears, the input grows): stay at the bottom then as well.
    new ResizeObserver(() => this.follow()).observe(scroller);
  }

  /** Call after content changed. */
  follow(): void {
    if (this.pinned) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
  }

  /** Pins to the bottom again, e.g. when the user asks something new. */
  pin(): void {
    this.pinned = true;
    this.follow();
  }

  private distanceFromBottom(): number {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight;
  }
}
