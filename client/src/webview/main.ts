// The preview webview: wires the host's messages to the renderer, the toolbar to the zoom, and
// keeps zoom and scroll in the webview state (so they survive hiding and a window reload).
import type { DiagramUpdate, HostMessage, PreviewState, WebviewMessage, WebviewStrings } from '../preview/protocol';
import { SliceDecoder } from '../preview/sliceWire';
import { Banner } from './banner';
import { ColumnWidths } from './columns';
import { DiagramView } from './diagram';
import { prepare } from './engine';
import { exportDiagram } from './exportImage';
import { Renderer } from './renderer';
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
};

const vscode = acquireVsCodeApi();
const post = (msg: WebviewMessage): void => vscode.postMessage(msg);
const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the preview page`);
  return el;
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
const view = new DiagramView(diagram, viewport, (line) => post({ type: 'reveal', line }));
const zoom = new ZoomController(viewport, view, state.zoom, (z) => {
  save({ zoom: z });
  renderer.wake();
});
const banner = new Banner(byId('errors'), byId('notice'));
/** The scroll position to bring back once the first diagram of this file is drawn. */
let restoring: { x: number; y: number } | undefined = { x: state.scrollX ?? 0, y: state.scrollY ?? 0 };

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
      if (diagram) renderer.accept({ ...msg, diagram });
      else post({ type: 'ready' });
      return;
    }
    case 'highlight':
      view.highlight(msg.line);
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
post({ type: 'ready' });
