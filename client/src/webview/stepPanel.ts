// Step mode in the preview: a bar (first, previous, a slider, next, last; ←/→, Home/End) that walks
// the flow one step of its trace at a time, the step's arrow highlighted in the diagram; a card per
// endpoint with its state and TCB before → after the step (RFC 9293 §3.3.1), what changed marked;
// and the TCP state diagram with each endpoint's state and transition lit. The host computes each
// step when asked (stepDetail.ts) and moves the editor's selection with it; the editor's cursor
// moves the step. Everything the panel shows is set as text (no markup from the host).
import type { EndpointStep, StepDetail, StepMessage, WebviewMessage } from '../preview/protocol';
import type { StepStrings, TcbField } from '../preview/stepStrings';
import type { ShownValue } from '../../../server/src/core/tcp/analysis';
import type { TcbView } from '../../../server/src/core/tcp/tcb';
import { format } from './banner';
import type { DiagramView } from './diagram';
import { COLOURS, StateFigure } from './stateDiagram';

export interface StepElements {
  toggle: HTMLButtonElement;
  panel: HTMLElement;
  first: HTMLButtonElement;
  previous: HTMLButtonElement;
  slider: HTMLInputElement;
  next: HTMLButtonElement;
  last: HTMLButtonElement;
  label: HTMLElement;
  error: HTMLElement;
  cards: HTMLElement;
  figure: HTMLElement;
}

const ROWS: readonly TcbField[] = ['state', 'iss', 'sndUna', 'sndNxt', 'irs', 'rcvNxt', 'unacked', 'outOfOrder'];

export class StepPanel {
  private isOpen = false;
  private count = 0;
  private detail: StepDetail | undefined;
  private requests = 0;
  private readonly figure: StateFigure;

  constructor(
    private readonly el: StepElements,
    private readonly s: StepStrings,
    private readonly view: DiagramView,
    private readonly post: (m: WebviewMessage) => void,
    /** Keeps step mode open across a reload of the page. */
    private readonly remember: (open: boolean) => void,
  ) {
    this.figure = new StateFigure({ caption: s.figure, notInFigure: s.notInFigure });
    el.figure.prepend(this.figure.svg);
    el.toggle.textContent = s.toggle;
    el.toggle.addEventListener('click', () => this.setOpen(!this.isOpen));
    el.panel.setAttribute('aria-label', s.panel);
    for (const [button, label, to] of [
      [el.first, s.first, () => 0],
      [el.previous, s.previous, () => this.at() - 1],
      [el.next, s.next, () => this.at() + 1],
      [el.last, s.last, () => this.count - 1],
    ] as const) {
      button.title = label;
      button.setAttribute('aria-label', label);
      button.addEventListener('click', () => this.go(to()));
    }
    el.slider.setAttribute('aria-label', s.slider);
    el.slider.addEventListener('input', () => this.go(Number(el.slider.value)));
    document.addEventListener('keydown', (e) => this.key(e));
    this.setCount(0);
  }

  get open(): boolean {
    return this.isOpen;
  }

  setOpen(open: boolean): void {
    if (open === this.isOpen) return;
    this.isOpen = open;
    this.el.panel.hidden = !open;
    this.el.toggle.setAttribute('aria-pressed', String(open));
    this.remember(open);
    this.post({ type: 'stepMode', on: open });
    if (open) this.view.highlight(null, false); // the step is highlighted now, not the cursor's line
    else {
      this.detail = undefined;
      this.view.showStep(null);
    }
  }

  /** A new update: the trace has `count` steps. */
  setCount(count: number): void {
    this.count = count;
    this.el.slider.max = String(Math.max(0, count - 1));
    this.el.slider.disabled = count === 0;
    if (count === 0) this.render(undefined);
  }

  /** The host's step (an answer to the newest request, or the cursor's or the new flow's step). */
  show(m: StepMessage): void {
    if (!this.isOpen || (m.request !== undefined && m.request < this.requests)) return;
    this.render(m.detail);
  }

  /** Asks the host for step `index` (clamped to the trace). */
  go(index: number): void {
    if (!this.isOpen || this.count === 0) return;
    const to = Math.min(Math.max(0, index), this.count - 1);
    this.el.slider.value = String(to);
    this.post({ type: 'stepTo', index: to, request: ++this.requests });
  }

  /** An arrow was clicked or Entered in step mode: its send becomes the step. */
  goToArrow(arrow: number): void {
    if (this.isOpen) this.post({ type: 'stepTo', arrow, request: ++this.requests });
  }

  private at(): number {
    return this.detail?.index ?? Number(this.el.slider.value);
  }

  private key(e: KeyboardEvent): void {
    if (!this.isOpen || e.altKey || e.ctrlKey || e.metaKey || e.target === this.el.slider) return;
    const to = { ArrowLeft: this.at() - 1, ArrowRight: this.at() + 1, Home: 0, End: this.count - 1 }[e.key];
    if (to !== undefined) this.go(to);
    else if (e.key === 'Escape') this.setOpen(false);
    else return;
    e.preventDefault();
  }

  private render(d: StepDetail | undefined): void {
    this.detail = d;
    const el = this.el;
    if (!d) {
      el.label.textContent = this.s.none;
      el.error.hidden = true;
      el.cards.replaceChildren();
      this.figure.show([]);
      this.view.showStep(null);
      return;
    }
    el.slider.value = String(d.index);
    el.slider.setAttribute('aria-valuetext', format(this.s.position, d.index + 1, d.count));
    el.label.textContent = [format(this.s.position, d.index + 1, d.count), format(this.s.line, d.line + 1), this.s.events[d.event], d.text].join(' · ');
    el.error.textContent = d.error ?? '';
    el.error.hidden = !d.error;
    el.cards.replaceChildren(...d.endpoints.map((ep) => this.card(ep)));
    this.figure.show(d.endpoints);
    this.view.showStep(d.arrow ?? null);
    this.post({ type: 'stepShown', index: d.index, ...(d.arrow !== undefined ? { arrow: d.arrow } : {}) });
  }

  /** One endpoint: its name and state, then a row per TCB variable, before → after. */
  private card(ep: EndpointStep): HTMLElement {
    const section = h('section', { class: `tf-tcb tf-ep-${ep.column % COLOURS}`, 'data-endpoint': ep.name, 'aria-label': ep.label });
    const title = h('h3', {}, section);
    h('span', { class: 'tf-swatch', 'aria-hidden': 'true' }, title);
    title.append(ep.label);
    const table = h('table', {}, section);
    const head = h('tr', {}, h('thead', {}, table));
    for (const [i, text] of ['', this.s.before, this.s.after].entries()) h('th', { scope: 'col' }, head).textContent = i === 0 ? '' : text;
    const body = h('tbody', {}, table);
    for (const field of ROWS) {
      const changed = ep.changed.includes(field);
      const row = h('tr', { 'data-field': field, ...(changed ? { class: 'tf-changed' } : {}) }, body);
      h('th', { scope: 'row' }, row).textContent = this.s.fields[field];
      for (const when of ['before', 'after'] as const) {
        const cell = h('td', { 'data-when': when }, row);
        this.value(cell, field, ep[when], ep.more?.[when]);
        if (field === 'state' && when === 'before' && ep.asserted) cell.prepend(h('span', { class: 'tf-asserted' }, undefined, `⚠ ${ep.asserted} ✗ `));
        if (changed && when === 'after') h('span', { class: 'tf-sr' }, cell, ` (${this.s.changed})`);
      }
    }
    return section;
  }

  private value(cell: HTMLElement, field: TcbField, v: TcbView, more: [number, number] | undefined): void {
    if (field === 'unacked' || field === 'outOfOrder') {
      const items = field === 'unacked' ? v.unacked.map((u) => `${shown(u.seq)} ${u.what}`) : v.outOfOrder.map((q) => `${shown(q.seq)}${q.len ? ` len=${q.len}` : ''}${q.fin ? ' FIN' : ''}`);
      const lines = (field === 'unacked' ? v.unacked : v.outOfOrder).map((x, i) => `seq=${items[i]} ${format(this.s.fromLine, x.line + 1)}`);
      const hidden = more?.[field === 'unacked' ? 0 : 1] ?? 0;
      if (hidden) lines.push(format(this.s.more, hidden));
      if (lines.length === 0) {
        cell.textContent = this.s.empty;
        cell.classList.add('tf-none');
        return;
      }
      const list = h('ul', {}, cell);
      for (const line of lines) h('li', {}, list).textContent = line;
      return;
    }
    const value = v[field];
    cell.textContent = value === undefined ? '?' : String(value);
    if (value !== undefined) return;
    cell.classList.add('tf-none');
    cell.title = this.s.unknown;
    h('span', { class: 'tf-sr' }, cell, ` (${this.s.unknown})`);
  }
}

/** A queued segment's seq: `?` when unknown (a note that begins mid-connection). */
function shown(v: ShownValue | undefined): string {
  return v === undefined ? '?' : String(v);
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, parent?: Element, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  parent?.appendChild(e);
  return e;
}
