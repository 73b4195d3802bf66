// The TCP connection state diagram of RFC 9293 §3.3.2 (Figure 5), drawn by hand as SVG once per
// page: the eleven states (CLOSED twice, as the RFC draws it: where a connection begins, and where
// LAST_ACK and TIME_WAIT end) and the twenty transitions with their events and actions. Step mode
// lights each endpoint's current state and the transition it just took, in the endpoint's colour,
// with its name beside the state (so the colour is never the only sign). A transition the checker
// makes that Figure 5 does not draw (an RST to CLOSED, FIN_WAIT_1 straight to TIME_WAIT, a SYN in
// TIME_WAIT, a listener's next connection) is drawn dashed between the two states.
import type { TcpState } from '../../../server/src/core/syntax/ast';
import type { EndpointStep } from '../preview/protocol';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Endpoint colours (CSS `--tf-ep-N`), by column. */
export const COLOURS = 4;

type Box = TcpState | 'CLOSED_END';

const HALF_W = 55;
const HALF_H = 15;

/** Box centres, laid out as Figure 5 lays them out. */
const BOXES: Record<Box, [number, number]> = {
  CLOSED: [300, 30],
  LISTEN: [300, 110],
  SYN_RECEIVED: [90, 200],
  SYN_SENT: [510, 200],
  ESTABLISHED: [300, 290],
  FIN_WAIT_1: [90, 380],
  CLOSE_WAIT: [510, 380],
  FIN_WAIT_2: [90, 470],
  CLOSING: [300, 470],
  LAST_ACK: [510, 470],
  TIME_WAIT: [300, 560],
  CLOSED_END: [510, 560],
};

interface Edge {
  from: Box;
  to: Box;
  d: string;
  /** Event / action, as Figure 5 writes them. */
  label: string;
  at: [number, number];
  anchor: 'start' | 'middle' | 'end';
}

const EDGES: readonly Edge[] = [
  { from: 'CLOSED', to: 'LISTEN', d: 'M285,45 V95', label: 'passive OPEN', at: [281, 62], anchor: 'end' },
  { from: 'LISTEN', to: 'CLOSED', d: 'M315,95 V45', label: 'CLOSE', at: [319, 74], anchor: 'start' },
  { from: 'CLOSED', to: 'SYN_SENT', d: 'M355,22 H540 V185', label: 'active OPEN / snd SYN', at: [447, 16], anchor: 'middle' },
  { from: 'SYN_SENT', to: 'CLOSED', d: 'M500,185 V38 H355', label: 'CLOSE', at: [504, 66], anchor: 'start' },
  { from: 'LISTEN', to: 'SYN_SENT', d: 'M355,110 H470 V185', label: 'SEND / snd SYN', at: [412, 104], anchor: 'middle' },
  { from: 'LISTEN', to: 'SYN_RECEIVED', d: 'M245,110 H110 V185', label: 'rcv SYN / snd SYN,ACK', at: [178, 104], anchor: 'middle' },
  { from: 'SYN_RECEIVED', to: 'LISTEN', d: 'M60,185 V80 H270 V95', label: 'rcv RST', at: [150, 74], anchor: 'middle' },
  { from: 'SYN_SENT', to: 'SYN_RECEIVED', d: 'M455,200 H145', label: 'rcv SYN / snd SYN,ACK', at: [300, 194], anchor: 'middle' },
  { from: 'SYN_RECEIVED', to: 'ESTABLISHED', d: 'M145,210 L245,282', label: 'rcv ACK of SYN', at: [206, 262], anchor: 'end' },
  { from: 'SYN_SENT', to: 'ESTABLISHED', d: 'M455,210 L355,282', label: 'rcv SYN,ACK / snd ACK', at: [394, 262], anchor: 'start' },
  { from: 'SYN_RECEIVED', to: 'FIN_WAIT_1', d: 'M60,215 V365', label: 'CLOSE / snd FIN', at: [64, 300], anchor: 'start' },
  { from: 'ESTABLISHED', to: 'FIN_WAIT_1', d: 'M245,298 L145,372', label: 'CLOSE / snd FIN', at: [200, 350], anchor: 'start' },
  { from: 'ESTABLISHED', to: 'CLOSE_WAIT', d: 'M355,298 L455,372', label: 'rcv FIN / snd ACK', at: [400, 350], anchor: 'end' },
  { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', d: 'M90,395 V455', label: 'rcv ACK of FIN', at: [94, 428], anchor: 'start' },
  { from: 'FIN_WAIT_1', to: 'CLOSING', d: 'M145,388 L245,462', label: 'rcv FIN / snd ACK', at: [208, 412], anchor: 'start' },
  { from: 'CLOSE_WAIT', to: 'LAST_ACK', d: 'M510,395 V455', label: 'CLOSE / snd FIN', at: [514, 428], anchor: 'start' },
  { from: 'FIN_WAIT_2', to: 'TIME_WAIT', d: 'M90,485 V560 H245', label: 'rcv FIN / snd ACK', at: [94, 530], anchor: 'start' },
  { from: 'CLOSING', to: 'TIME_WAIT', d: 'M300,485 V545', label: 'rcv ACK of FIN', at: [304, 518], anchor: 'start' },
  { from: 'LAST_ACK', to: 'CLOSED_END', d: 'M510,485 V545', label: 'rcv ACK of FIN', at: [514, 518], anchor: 'start' },
  { from: 'TIME_WAIT', to: 'CLOSED_END', d: 'M355,560 H455', label: 'Timeout=2MSL', at: [405, 553], anchor: 'middle' },
];

/** A badge's text: the endpoint's label, cut short (the whole one is its tooltip). */
const BADGE_CHARS = 10;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

const colourOf = (column: number): string => `tf-ep-${column % COLOURS}`;
const boxOf = (state: TcpState, atEnd: boolean | undefined): Box => (state === 'CLOSED' && atEnd ? 'CLOSED_END' : state);

export class StateFigure {
  readonly svg: SVGSVGElement;
  private readonly boxes = new Map<Box, SVGGElement>();
  private readonly edges: { edge: Edge; path: SVGPathElement; text: SVGTextElement }[] = [];
  /** What the last `show` added or lit, undone by the next. */
  private readonly overlay: SVGGElement;
  private lit: Element[] = [];

  constructor(private readonly texts: { caption: string; notInFigure: string }) {
    this.svg = svgEl('svg', { viewBox: '-60 0 720 590', class: 'tf-figure', role: 'img', 'aria-label': texts.caption });
    const defs = svgEl('defs', {}, this.svg);
    for (const k of ['', ...Array.from({ length: COLOURS }, (_, i) => `-${i}`)]) {
      const marker = svgEl('marker', { id: `tf-fig-head${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
      svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: k ? `tf-fig-head tf-ep${k}` : 'tf-fig-head' }, marker);
    }
    const edges = svgEl('g', { class: 'tf-fig-edges' }, this.svg);
    for (const edge of EDGES) {
      const path = svgEl('path', { d: edge.d, class: 'tf-fig-edge', 'marker-end': 'url(#tf-fig-head)' }, edges);
      const text = svgEl('text', { x: edge.at[0], y: edge.at[1], 'text-anchor': edge.anchor, class: 'tf-fig-label' }, edges);
      text.textContent = edge.label;
      this.edges.push({ edge, path, text });
    }
    for (const [box, [x, y]] of Object.entries(BOXES) as [Box, [number, number]][]) {
      const g = svgEl('g', { class: 'tf-fig-box', 'data-state': box }, this.svg);
      svgEl('rect', { x: x - HALF_W, y: y - HALF_H, width: 2 * HALF_W, height: 2 * HALF_H, rx: 4 }, g);
      const text = svgEl('text', { x, y: y + 4, 'text-anchor': 'middle' }, g);
      text.textContent = box === 'CLOSED_END' ? 'CLOSED' : box;
      this.boxes.set(box, g);
    }
    this.overlay = svgEl('g', { class: 'tf-fig-overlay' }, this.svg);
  }

  /** Lights each endpoint's state and the transition it took at this step (none: nothing lit). */
  show(endpoints: readonly EndpointStep[]): void {
    for (const e of this.lit) e.classList.remove('tf-lit', ...Array.from({ length: COLOURS }, (_, i) => `tf-ep-${i}`));
    for (const { path } of this.edges) path.setAttribute('marker-end', 'url(#tf-fig-head)');
    this.lit = [];
    this.overlay.replaceChildren();
    const inBox = new Map<Box, number>();
    const onEdge = new Set<Edge>();
    for (const ep of endpoints) {
      const colour = colourOf(ep.column);
      const box = boxOf(ep.after.state, ep.closedAtEnd);
      const g = this.boxes.get(box)!;
      if (!g.classList.contains('tf-lit')) this.light(g, colour);
      const slot = inBox.get(box) ?? 0;
      inBox.set(box, slot + 1);
      this.badge(box, slot, ep, colour);
      if (ep.transition) this.transition(ep, colour, onEdge);
    }
    const said = endpoints.map((ep) => `${ep.label} ${ep.transition ? `${ep.transition.from} → ${ep.transition.to}` : ep.after.state}`);
    this.svg.setAttribute('aria-label', said.length ? `${this.texts.caption}: ${said.join(', ')}` : this.texts.caption);
  }

  private light(e: Element, colour: string): void {
    e.classList.add('tf-lit', colour);
    this.lit.push(e);
  }

  /** The endpoint's name beside its state: left of the box, then right, then below on the left. */
  private badge(box: Box, slot: number, ep: EndpointStep, colour: string): void {
    const [x, y] = BOXES[box];
    const text = ep.label.length > BADGE_CHARS ? `${ep.label.slice(0, BADGE_CHARS - 1)}…` : ep.label;
    // Hangul and other wide letters take about twice the width of a Latin one.
    const width = 12 + [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x1100 ? 12 : 7), 0);
    const right = slot % 2 === 1;
    const left = right ? x + HALF_W + 4 : x - HALF_W - 4 - width;
    const top = y - 9 + Math.floor(slot / 2) * 20;
    const g = svgEl('g', { class: `tf-fig-badge ${colour}` }, this.overlay);
    svgEl('title', {}, g).textContent = ep.label;
    svgEl('rect', { x: left, y: top, width, height: 18, rx: 9 }, g);
    svgEl('text', { x: left + width / 2, y: top + 13, 'text-anchor': 'middle' }, g).textContent = text;
  }

  /** The figure's edge for the transition, lit; or a dashed one between the two states when Figure 5 has none. */
  private transition(ep: EndpointStep, colour: string, onEdge: Set<Edge>): void {
    const { from, to } = ep.transition!;
    const target = boxOf(to, ep.closedAtEnd);
    const found = this.edges.find(({ edge }) => edge.from === from && edge.to === target);
    const head = `url(#tf-fig-head-${ep.column % COLOURS})`;
    if (found && onEdge.has(found.edge)) {
      // A second endpoint took the same transition (a 2MSL wait closing both): a dashed copy in its colour.
      svgEl('path', { d: found.edge.d, class: `tf-fig-edge tf-lit tf-lit-again ${colour}`, 'marker-end': head }, this.overlay);
      return;
    }
    if (found) {
      onEdge.add(found.edge);
      this.light(found.path, colour);
      this.light(found.text, colour);
      found.path.setAttribute('marker-end', head);
      return;
    }
    const [a, b] = [BOXES[from], BOXES[target]];
    const [p, q] = [border(a, b), border(b, a)];
    const line = svgEl('path', { d: `M${p[0]},${p[1]} L${q[0]},${q[1]}`, class: `tf-fig-edge tf-fig-extra tf-lit ${colour}`, 'marker-end': head }, this.overlay);
    svgEl('title', {}, line).textContent = `${from} → ${to} (${this.texts.notInFigure})`;
  }
}

/** Where the segment from box centre `a` towards box centre `b` leaves the box around `a`. */
function border(a: [number, number], b: [number, number]): [number, number] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.min(dx ? HALF_W / Math.abs(dx) : Infinity, dy ? HALF_H / Math.abs(dy) : Infinity);
  return [a[0] + dx * t, a[1] + dy * t];
}

/** The figure's boxes and edges, for the tests: every state once (CLOSED twice), every transition of Figure 5. */
export const FIGURE = { boxes: Object.keys(BOXES) as Box[], edges: EDGES.map((e) => [e.from, e.to] as const) };
