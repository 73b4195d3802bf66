// Where the slices are: stacked in the scrolling viewport, each as tall as its height (SVG units)
// times the zoom. Finds the slices in or near the view, and keeps the slice at the top of the view
// where it is on screen while heights change above it or the zoom changes.
import type { Slot } from './slots';

/** The last index in [0, n) whose value is at most `x`, for values that never decrease (0 when none is). */
export function lastAtMost(n: number, valueAt: (i: number) => number, x: number): number {
  let [lo, hi] = [0, n - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (valueAt(mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export class Stack {
  slots: Slot[] = [];
  zoom = 1;
  private tops: number[] | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly viewport: HTMLElement,
  ) {}

  /** Heights or the order of the slices changed. */
  changed(): void {
    this.tops = undefined;
  }

  /** The view in the stack's coordinates (CSS px from the top of the first slice). */
  window(): { top: number; bottom: number } {
    const top = this.viewport.scrollTop - this.stackTop();
    return { top, bottom: top + this.viewport.clientHeight };
  }

  /** Indices of the first and last slice overlapping the view widened by `screens` screens each way. */
  around(screens: number): [number, number] {
    const { top, bottom } = this.window();
    const margin = screens * Math.max(1, bottom - top);
    return this.range(top - margin, bottom + margin);
  }

  /** Indices of the first and last slice overlapping [top, bottom] (clamped to the stack). */
  range(top: number, bottom: number): [number, number] {
    const n = this.slots.length;
    if (n === 0) return [0, -1];
    return [lastAtMost(n, (i) => this.topOf(i), top), lastAtMost(n, (i) => this.topOf(i), bottom)];
  }

  topOf(i: number): number {
    if (!this.tops) {
      let y = 0;
      this.tops = this.slots.map((s) => {
        const at = y;
        y += s.height * this.zoom;
        return at;
      });
    }
    return this.tops[i] ?? 0;
  }

  /** The viewport's scroll position that puts stack coordinate `y` at its top. */
  scrollFor(y: number): number {
    return this.stackTop() + y;
  }

  /**
   * Runs `change`, then scrolls so the slice at the top of the view stays where it was on screen,
   * the same share of it above the view (it may have been drawn, or the zoom changed, meanwhile).
   */
  anchored(change: () => void): void {
    const v = this.viewport;
    const y = v.scrollTop - this.stackTop();
    const [i] = this.range(y, y);
    const anchor = this.slots[i];
    const share = anchor ? (y - this.topOf(i)) / Math.max(1, anchor.height * this.zoom) : 0;
    change();
    this.changed();
    const j = anchor ? this.slots.indexOf(anchor) : -1;
    if (j < 0 || y <= 0) return;
    const target = this.scrollFor(this.topOf(j) + Math.min(1, share) * anchor.height * this.zoom);
    if (Math.abs(v.scrollTop - target) >= 1) v.scrollTop = target;
  }

  private stackTop(): number {
    return this.container.getBoundingClientRect().top - this.viewport.getBoundingClientRect().top + this.viewport.scrollTop;
  }
}
