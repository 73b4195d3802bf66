// One preview webview showing one document: sends it the diagram (numbered, so the webview can
// drop stale ones), the cursor's line (or, in step mode, the cursor's step: stepMode.ts), and
// export requests; hands its answers back. The diagram
// of the document's current version is built at once, while the page loads, and sent on `ready`;
// edits that arrive faster than they are built are built once, as their last version.
import * as vscode from 'vscode';
import { previewHtml, makeNonce } from './html';
import { diagramPayload, PreviewMemory, type DiagramPayload, type PayloadOptions } from './payload';
import { SliceEncoder } from './sliceWire';
import { StepMode } from './stepMode';
import { isWebviewMessage, type ExportRequest, type HostMessage, type RenderedMessage, type StepShownMessage, type WebviewMessage, type WebviewStrings } from './protocol';

export const VIEW_TYPE = 'tcpflow.preview';
const EXPORT_TIMEOUT_MS = 120_000;

export interface PanelHost {
  extensionUri: vscode.Uri;
  payloadOptions: PayloadOptions;
  strings: () => WebviewStrings;
  /** The page's language (`<html lang>`), asked when a panel is made. */
  lang: () => string;
  reveal(panel: PreviewPanel, line: number): void;
  /** Selects `line` in the editor showing the panel's document, the focus left where it is; false if nothing changed. */
  select(panel: PreviewPanel, line: number): boolean;
  rendered(panel: PreviewPanel, msg: RenderedMessage): void;
  stepShown(panel: PreviewPanel, msg: StepShownMessage): void;
  disposed(panel: PreviewPanel): void;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

export class PreviewPanel implements vscode.Disposable {
  private seq = 0;
  private ready = false;
  private drawnSeq = 0;
  /** Why the newest handled update could not be drawn (exports refuse then). */
  private drawError: Error | undefined;
  private highlightLine: number | null = null;
  /** The language the page was made in, and the one the page said it shows (when it said `ready`). */
  private pageLang = '';
  shownLang: string | undefined;
  /** Step mode asked for before the page was ready (the Step Through command on a new preview). */
  private pendingStepMode: boolean | undefined;
  private memory = new PreviewMemory();
  /** What the webview was sent last (a slice it has goes as a reference). */
  private readonly encoder = new SliceEncoder();
  /** The diagram of one version of the document, built ahead of `ready`. */
  private built: { version: number; uri: string; lang: string | undefined; payload: DiagramPayload } | undefined;
  private building: ReturnType<typeof setTimeout> | undefined;
  private nextRequest = 1;
  private readonly exports = new Map<number, (r: { data?: string; error?: string }) => void>();
  private waiters: Waiter[] = [];
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly stepMode = new StepMode({
    steps: () => this.memory.steps(),
    seq: () => this.seq,
    post: (msg) => this.post(msg),
    select: (line) => this.host.select(this, line),
  });

  constructor(
    readonly panel: vscode.WebviewPanel,
    private doc: vscode.TextDocument,
    private readonly host: PanelHost,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(host.extensionUri);
    this.loadPage();
    this.setTitle();
    this.schedule();
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => isWebviewMessage(m) && this.onMessage(m)),
      // Hidden webviews are torn down (no retainContextWhenHidden): they say `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The page in the learner's language (its words are in the HTML): a new page says `ready` when up. */
  private loadPage(): void {
    const webview = this.panel.webview;
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview', name)).toString();
    this.pageLang = this.host.lang();
    this.ready = false;
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => crypto.getRandomValues(new Uint8Array(n))),
      scriptUri: asset('preview.js'),
      styleUri: asset('preview.css'),
      strings: this.host.strings(),
      lang: this.pageLang,
    });
  }

  /** `tcpflow.language` changed: a page in another language is loaded again (step mode's words, the toolbar's), else the diagram redrawn. */
  relocalize(): void {
    if (this.host.lang() !== this.pageLang) this.loadPage();
    this.update();
  }

  get document(): vscode.TextDocument {
    return this.doc;
  }

  shows(uri: vscode.Uri): boolean {
    return this.doc.uri.toString() === uri.toString();
  }

  /** Points the preview at another document (follow the active editor). */
  retarget(doc: vscode.TextDocument): void {
    this.doc = doc;
    this.memory = new PreviewMemory();
    this.highlightLine = null;
    this.setTitle();
    this.update();
  }

  /** Sends the document's current text as a new numbered update (built now, sent once the webview is up). */
  update(doc: vscode.TextDocument = this.doc): void {
    this.doc = doc;
    this.seq++;
    this.schedule();
  }

  /** Builds (once per burst of edits) the current version's diagram, and sends it if the webview is up. */
  private schedule(): void {
    if (this.building !== undefined || this.disposed) return;
    this.building = setTimeout(() => {
      this.building = undefined;
      if (this.disposed) return;
      this.build();
      if (this.ready) this.send();
    }, 0);
  }

  private build(): DiagramPayload {
    const uri = this.doc.uri.toString();
    const lang = this.host.payloadOptions.lang; // `tcpflow.language` may have changed since
    if (this.built?.version === this.doc.version && this.built.uri === uri && this.built.lang === lang) return this.built.payload;
    const payload = diagramPayload(this.doc.getText(), this.host.payloadOptions, this.memory);
    this.built = { version: this.doc.version, uri, lang, payload };
    return payload;
  }

  private send(): void {
    const payload = this.build();
    this.post({ type: 'update', seq: this.seq, uri: this.doc.uri.toString(), ...payload, diagram: this.encoder.encode(payload.diagram) });
    this.stepMode.updated(this.highlightLine);
  }

  /** The editor's cursor is on `line`: its arrow is highlighted, or in step mode its step shown. */
  highlight(line: number | null): void {
    this.highlightLine = line;
    if (this.stepMode.active) this.stepMode.cursor(line);
    else if (this.ready) this.post({ type: 'highlight', line });
  }

  /** Opens or closes step mode in the webview (as its toolbar button does); a page still loading is told when ready. */
  setStepMode(on: boolean): void {
    if (this.ready) this.post({ type: 'stepMode', on });
    else this.pendingStepMode = on;
  }

  /** Shows step `index` (as the webview's step controls ask for it): the editor selects its line. */
  step(index: number): void {
    this.stepMode.request({ index });
  }

  /** Resolves once the newest update is on screen; rejects if the webview could not draw it. */
  whenDrawn(): Promise<void> {
    if (this.ready && this.drawnSeq >= this.seq) return this.drawError ? Promise.reject(this.drawError) : Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq: this.seq, resolve, reject }));
  }

  /** The drawn diagram as SVG text or base64 PNG, from the webview. */
  async requestExport(req: Omit<ExportRequest, 'type' | 'requestId'>): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the preview did not draw the diagram')), EXPORT_TIMEOUT_MS);
    });
    await Promise.race([this.whenDrawn(), late]).finally(() => clearTimeout(timer));
    const requestId = this.nextRequest++;
    const answer = new Promise<{ data?: string; error?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ error: 'the preview did not answer' }), EXPORT_TIMEOUT_MS);
      this.exports.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.post({ type: 'export', requestId, ...req });
    const { data, error } = await answer;
    this.exports.delete(requestId);
    if (data === undefined) throw new Error(error ?? 'no data');
    return data;
  }

  private onMessage(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        // A new page, or one that could not follow the slices sent: it gets them whole.
        this.ready = true;
        this.shownLang = m.lang;
        this.encoder.reset();
        this.stepMode.toggle(false, null); // the new page says so if it steps
        this.seq++;
        this.send();
        if (this.highlightLine !== null) this.post({ type: 'highlight', line: this.highlightLine });
        if (this.pendingStepMode !== undefined) this.post({ type: 'stepMode', on: this.pendingStepMode });
        this.pendingStepMode = undefined;
        return;
      case 'rendered':
        this.settle(m.seq);
        this.host.rendered(this, m);
        return;
      case 'renderFailed':
        this.settle(m.seq, new Error(m.message));
        return;
      case 'reveal':
        this.host.reveal(this, m.line);
        return;
      case 'exported':
        this.exports.get(m.requestId)?.(m);
        return;
      case 'stepMode':
        this.stepMode.toggle(m.on, this.highlightLine);
        if (!m.on) this.post({ type: 'highlight', line: this.highlightLine });
        return;
      case 'stepTo':
        this.stepMode.request(m);
        return;
      case 'stepShown':
        this.host.stepShown(this, m);
        return;
    }
  }

  /** Update `seq` was handled: waiters for it (or an older one) learn how it went. */
  private settle(seq: number, error?: Error): void {
    if (seq >= this.drawnSeq) this.drawError = error;
    this.drawnSeq = Math.max(this.drawnSeq, seq);
    const [done, rest] = [this.waiters.filter((w) => w.seq <= seq), this.waiters.filter((w) => w.seq > seq)];
    this.waiters = rest;
    for (const w of done) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private post(msg: HostMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  private setTitle(): void {
    const name = this.doc.uri.path.split('/').pop() ?? '';
    this.panel.title = vscode.l10n.t('Preview {0}', name);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.building);
    for (const w of this.waiters) w.reject(new Error('the preview was closed'));
    this.waiters = [];
    for (const resolve of this.exports.values()) resolve({ error: 'the preview was closed' });
    this.exports.clear();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.host.disposed(this);
    this.panel.dispose();
  }
}
