// Zoom (in, out, fit to width, 100%) by sizing the drawings themselves, so the panel scrolls
// natively and the scroll position survives a redraw. 'fit' follows the panel's width, never above
// 100%. The factor is rounded so the drawings' width is a whole number of pixels.

export type Zoom = number | 'fit';

/** What is zoomed: drawings of one natural width (SVG units), sized by a factor. */
export interface Zoomable {
  readonly naturalWidth: number | undefined;
  setZoom(factor: number): void;
}

const STEP = 1.25;
const MIN = 0.1;
const MAX = 5;
const PADDING = 16;

export class ZoomController {
  private mode: Zoom;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly target: Zoomable,
    initial: Zoom | undefined,
    private readonly onChange: (zoom: Zoom) => void,
  ) {
    this.mode = initial ?? 'fit';
    new ResizeObserver(() => {
      if (this.mode === 'fit') this.refresh();
    }).observe(viewport);
    viewport.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey) return;
        e.preventDefault();
        this.set(this.scale() * (e.deltaY < 0 ? STEP : 1 / STEP));
      },
      { passive: false },
    );
  }

  get zoom(): Zoom {
    return this.mode;
  }

  /** The scale in use now (fit resolved against the panel's width). */
  factor(): number {
    const width = this.target.naturalWidth;
    const wanted = typeof this.mode === 'number' ? this.mode : width ? Math.max(MIN, Math.min(1, (this.viewport.clientWidth - 2 * PADDING) / width)) : 1;
    return width ? Math.round(width * wanted) / width : wanted;
  }

  /** Sizes the drawings for the zoom in use (after their natural width changed, too). */
  refresh(): void {
    this.target.setZoom(this.factor());
  }

  zoomIn(): void {
    this.set(this.scale() * STEP);
  }

  zoomOut(): void {
    this.set(this.scale() / STEP);
  }

  /** The zoom asked for (unrounded), or the fit's factor. */
  private scale(): number {
    return typeof this.mode === 'number' ? this.mode : this.factor();
  }

  fit(): void {
    this.set('fit');
  }

  reset(): void {
    this.set(1);
  }

  /** Changes the zoom keeping the point at the centre of the panel where it was. */
  private set(zoom: Zoom): void {
    const v = this.viewport;
    const before = this.factor();
    this.mode = typeof zoom === 'number' ? Math.min(MAX, Math.max(MIN, zoom)) : zoom;
    const cx = (v.scrollLeft + v.clientWidth / 2) / before;
    const cy = (v.scrollTop + v.clientHeight / 2) / before;
    this.refresh();
    const after = this.factor();
    v.scrollLeft = cx * after - v.clientWidth / 2;
    v.scrollTop = cy * after - v.clientHeight / 2;
    this.onChange(this.mode);
  }

}
