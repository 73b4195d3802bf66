// Zoom (in, out, fit to width, 100%) by sizing the SVG itself, so the panel scrolls natively and
// the scroll position survives a redraw. 'fit' follows the panel's width, never above 100%.
import { naturalSize } from './svgDom';

export type Zoom = number | 'fit';

const STEP = 1.25;
const MIN = 0.1;
const MAX = 5;
const PADDING = 16;

export class ZoomController {
  private mode: Zoom;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly current: () => SVGSVGElement | undefined,
    initial: Zoom | undefined,
    private readonly onChange: (zoom: Zoom) => void,
  ) {
    this.mode = initial ?? 'fit';
    new ResizeObserver(() => {
      if (this.mode === 'fit') this.resize();
    }).observe(viewport);
    viewport.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey) return;
        e.preventDefault();
        this.set(this.factor() * (e.deltaY < 0 ? STEP : 1 / STEP));
      },
      { passive: false },
    );
  }

  get zoom(): Zoom {
    return this.mode;
  }

  /** The scale in use now (fit resolved against the panel's width). */
  factor(svg = this.current()): number {
    if (typeof this.mode === 'number') return this.mode;
    if (!svg) return 1;
    const room = this.viewport.clientWidth - 2 * PADDING;
    return Math.max(MIN, Math.min(1, room / naturalSize(svg).width));
  }

  /** Gives a (new) SVG its on-screen size. */
  apply(svg: SVGSVGElement): void {
    const { width, height } = naturalSize(svg);
    const f = this.factor(svg);
    svg.removeAttribute('style');
    svg.setAttribute('width', String(Math.round(width * f)));
    svg.setAttribute('height', String(Math.round(height * f)));
  }

  zoomIn(): void {
    this.set(this.factor() * STEP);
  }

  zoomOut(): void {
    this.set(this.factor() / STEP);
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
    this.resize();
    const after = this.factor();
    v.scrollLeft = cx * after - v.clientWidth / 2;
    v.scrollTop = cy * after - v.clientHeight / 2;
    this.onChange(this.mode);
  }

  private resize(): void {
    const svg = this.current();
    if (svg) this.apply(svg);
  }
}
