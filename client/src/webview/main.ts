// The preview webview: wires the host's messages to the renderer, the toolbar to the zoom, and
// keeps zoom and scroll in the webview state (so they survive hiding and a window reload).
import type { HostMessage, PreviewState, UpdateMessage, WebviewMessage, WebviewStrings } from '../preview/protocol';
import { Banner } from './banner';
import { DiagramView } from './diagram';
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
  tooLarge: 'This flow has {0} segments: more than the preview draws ({1}). Split it into several files, or export it to Markdown.',
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
const view = new DiagramView(byId('diagram'), (line) => post({ type: 'reveal', line }));
const zoom = new ZoomController(viewport, () => view.current, state.zoom, (z) => save({ zoom: z }));
const banner = new Banner(byId('errors'), byId('notice'));
let firstShown = true;

/** After a drawing: restores the saved scroll once, and starts at the top for another file. */
function shown(u: UpdateMessage): void {
  if (state.uri !== u.uri) {
    viewport.scrollTo(0, 0);
    save({ uri: u.uri, scrollX: 0, scrollY: 0 });
  } else if (firstShown) {
    viewport.scrollTo(state.scrollX ?? 0, state.scrollY ?? 0);
  }
  firstShown = false;
}

const renderer = new Renderer({ view, banner, staging, strings, post, fit: (svg) => zoom.apply(svg), shown });

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

let scrollSaved = 0;
viewport.addEventListener('scroll', () => {
  cancelAnimationFrame(scrollSaved);
  scrollSaved = requestAnimationFrame(() => save({ scrollX: viewport.scrollLeft, scrollY: viewport.scrollTop }));
});

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const msg = e.data;
  switch (msg?.type) {
    case 'update':
      renderer.accept(msg);
      return;
    case 'highlight':
      view.highlight(msg.line);
      return;
    case 'export':
      exportDiagram(msg, { current: view.current, mermaidText: renderer.mermaidText, kind: currentThemeKind(), staging }).then(
        (data) => post({ type: 'exported', requestId: msg.requestId, data }),
        (err: unknown) => post({ type: 'exported', requestId: msg.requestId, error: err instanceof Error ? err.message : String(err) }),
      );
      return;
  }
});

watchTheme(() => renderer.themeChanged());
post({ type: 'ready' });
