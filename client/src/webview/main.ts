// The preview webview: wires the host's messages to the renderer, the toolbar to the zoom and to
// step mode, and keeps zoom, scroll and step mode in the webview state (so they survive hiding and
// a window reload).
import type { DiagramUpdate, HostMessage, PreviewState, WebviewMessage, WebviewStrings } from '../preview/protocol';
import { SliceDecoder } from '../preview/sliceWire';
import { Banner, format } from './banner';
import { ColumnWidths } from './columns';
import { DiagramView } from './diagram';
import { prepare } from './engine';
import { exportDiagram } from './exportImage';
import { Renderer } from './renderer';
import { StepPanel } from './stepPanel';
import { STEP_STRINGS } from '../preview/stepStrings';
import { currentThemeKind, watchTheme } from './theme';
import { ZoomController } from './zoom';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const DEFAULT_STRINGS: WebviewStrings = {
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  zoomFit: 'Fit to Width',
  zoomReset: 'Actual Size',
  pngTooLarge: 'The diagram is {0} px tall: too large for one PNG (at most {1} px a side). Export it as SVG or Markdown instead.',
  renderError: 'Mermaid could not draw this diagram: {0}',
  loading: 'Drawing…',
  step: STEP_STRINGS.en,
};

const vscode = acquireVsCodeApi();
const post = (msg: WebviewMessage): void => vscode.postMessage(msg);
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the preview page`);
  return el as T;
};

function readStrings(): WebviewStrings {
  const raw = document.querySelector('meta[name="tcpflow-strings"]')?.getAttribute('content');
  try {
    return { ...DEFAULT_STRINGS, ...(raw ? (JSON.parse(raw) as Partial<WebviewStrings>) : {}) };
  } catch {
    return DEFAULT_STRINGS;
  }
}

let state: PreviewState = (vscode.getState() as PreviewState | undefined) ?? {};
const save = (patch: Partial<PreviewState>): void => {
  state = { ...state, ...patch };
  vscode.setState(state);
};

const strings = readStrings();
const viewport = byId('viewport');
const staging = byId('staging');
const diagram = byId('diagram');
const view = new DiagramView(diagram, viewport, (line, arrow) => {
  // In step mode an arrow becomes the step (the editor's selection follows, the focus stays here).
  if (steps.open) steps.goToArrow(arrow);
  else post({ type: 'reveal', line });
});
view.arrowName = (line, text) => format(strings.step.arrow, line + 1, text);
const steps = new StepPanel(
  {
    toggle: byId<HTMLButtonElement>('step-toggle'),
    panel: byId('step'),
    first: byId<HTMLButtonElement>('step-first'),
    previous: byId<HTMLButtonElement>('step-prev'),
    slider: byId<HTMLInputElement>('step-slider'),
    next: byId<HTMLButtonElement>('step-next'),
    last: byId<HTMLButtonElement>('step-last'),
    label: byId('step-label'),
    error: byId('step-error'),
    cards: byId('step-cards'),
    figure: byId('step-figure'),
  },
  strings.step,
  view,
  post,
  (stepping) => save({ stepping }),
);
const zoom = new ZoomController(viewport, view, state.zoom, (z) => {
  save({ zoom: z });
  renderer.wake();
});
const banner = new Banner(byId('errors'), byId('notice'));
/** The scroll position to bring back once the first diagram of this file is drawn. */
let restoring: { x: number; y: number } | undefined = { x: state.scrollX ?? 0, y: state.scrollY ?? 0 };

const summary = byId('summary');
/** The diagram's accessible name and description: the flow in one line (as its Mermaid accTitle and accDescr). */
function describe(u: DiagramUpdate): void {
  if (diagram.getAttribute('aria-label') !== u.summary.title) diagram.setAttribute('aria-label', u.summary.title);
  if (summary.textContent !== u.summary.description) summary.textContent = u.summary.description;
}

/** Starts at the top for another file; brings back the saved scroll for the same one. */
function shown(u: DiagramUpdate, settled: boolean): void {
  if (state.uri !== u.uri) {
    restoring = undefined;
    viewport.scrollTo(0, 0);
    save({ uri: u.uri, scrollX: 0, scrollY: 0 });
  } else if (restoring) {
    viewport.scrollTo(restoring.x, restoring.y);
    if (settled) restoring = undefined;
  }
}

const renderer = new Renderer({
  view,
  columns: new ColumnWidths(),
  banner,
  staging,
  strings,
  post,
  shown,
  busy: (busy, renders) => {
    diagram.dataset.busy = String(busy);
    diagram.dataset.renders = String(renders);
  },
});
view.onWidth = () => zoom.refresh();

for (const [id, label, act] of [
  ['zoom-out', strings.zoomOut, () => zoom.zoomOut()],
  ['zoom-in', strings.zoomIn, () => zoom.zoomIn()],
  ['zoom-fit', strings.zoomFit, () => zoom.fit()],
  ['zoom-reset', strings.zoomReset, () => zoom.reset()],
] as const) {
  const button = byId(id);
  button.title = label;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', act);
}

let frame = 0;
viewport.addEventListener('scroll', () => {
  renderer.wake();
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    if (!restoring) save({ scrollX: viewport.scrollLeft, scrollY: viewport.scrollTop });
  });
});
new ResizeObserver(() => renderer.wake()).observe(viewport);

const decoder = new SliceDecoder();
window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const msg = e.data;
  switch (msg?.type) {
    case 'update': {
      const diagram = decoder.decode(msg.diagram);
      // Slices this page was never sent (it was reloaded meanwhile): ask for all of them again.
      if (!diagram) {
        post({ type: 'ready', lang: document.documentElement.lang });
        return;
      }
      renderer.accept({ ...msg, diagram });
      describe({ ...msg, diagram });
      steps.setCount(msg.steps);
      return;
    }
    case 'highlight':
      // In step mode the cursor moves the step (the host sends it), not a highlight of its own.
      if (!steps.open) view.highlight(msg.line);
      return;
    case 'step':
      steps.show(msg);
      return;
    case 'stepMode':
      steps.setOpen(msg.on);
      return;
    case 'export':
      exportDiagram(msg, { view, kind: currentThemeKind(), staging, strings }).then(
        (data) => post({ type: 'exported', requestId: msg.requestId, data }),
        (err: unknown) => post({ type: 'exported', requestId: msg.requestId, error: err instanceof Error ? err.message : String(err) }),
      );
      return;
  }
});

prepare(currentThemeKind());
watchTheme(() => renderer.wake());
post({ type: 'ready', lang: document.documentElement.lang });
if (state.stepping) steps.setOpen(true);
