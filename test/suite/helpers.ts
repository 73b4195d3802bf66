// Shared by the integration tests (bundled into each compiled *.test.js): open example notes, wait for the
// language server's answers by event, and a bounded poll where VS Code offers no event.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tcpflow.tcpflow';

/** The extension under test, activated (activation starts the language client and waits until it runs). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
  await ext.activate();
  return ext;
}

let scratch: string | undefined;
/** A folder for this run's files: the opened workspace folder if there is one (the runners make a temp one). */
function scratchDir(): string {
  if (!scratch) {
    const ws = vscode.workspace.workspaceFolders?.[0];
    const base = ws && ws.uri.scheme === 'file' ? ws.uri.fsPath : fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-suite-'));
    scratch = fs.mkdtempSync(path.join(base, 'run-'));
  }
  return scratch;
}

let counter = 0;
/** Writes `text` to a fresh file called `name` (in a folder of its own) in the scratch folder. */
export function scratchFile(name: string, text: string): vscode.Uri {
  const dir = path.join(scratchDir(), String(++counter).padStart(2, '0'));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** The repository's examples/NAME: read from the repository (this file runs from out/test/suite), as an installed extension ships none. */
export function exampleText(_ext: vscode.Extension<unknown>, name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', name), 'utf8');
}

/** Writes `text` to a fresh file named after `name` in the scratch folder, opens it and shows it. */
export async function openText(name: string, text: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = scratchFile(name, text);
  const file = uri.fsPath;
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (doc.languageId !== 'tcpflow') throw new Error(`${file} opened as ${doc.languageId}, not tcpflow`);
  return { doc, editor };
}

/** A copy of examples/NAME (so an edit never touches the repository), opened and shown. */
export async function openExample(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const ext = await activateExtension();
  return openText(name, exampleText(ext, name));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : typeof c === 'object' ? String(c.value) : String(c);
}

const SEVERITY = ['error', 'warning', 'information', 'hint'];
export const describe = (ds: readonly vscode.Diagnostic[]): string =>
  ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]} ${codeOf(d)} ${d.message}`).join('\n') || '(none)';

/**
 * Resolves with the document's diagnostics once `ready` holds for them: checks now, then on every
 * onDidChangeDiagnostics for the document. Rejects after `timeoutMs` with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ready: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const done = (f: () => void) => {
      sub.dispose();
      clearTimeout(timer);
      f();
    };
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!ready(ds)) return false;
      done(() => resolve(ds));
      return true;
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics: ${what}\nlast seen:\n${describe(vscode.languages.getDiagnostics(uri))}`))),
      timeoutMs,
    );
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    check();
  });
}

/** The diagnostics the language server publishes for a document (the first non-empty set). */
export const firstDiagnostics = (uri: vscode.Uri) => waitForDiagnostics(uri, (ds) => ds.length > 0, 'any diagnostics');

/**
 * For provider results VS Code has no event for (hover, inlay hints, completion, symbols): asks again
 * until `ok(result)` or `timeoutMs`, at most every `intervalMs`. Returns the last result either way, so
 * the test's assertion shows what the provider answered.
 */
export async function poll<T>(ask: () => Thenable<T>, ok: (r: T) => boolean, timeoutMs = 10_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await ask();
    if (ok(r) || Date.now() >= deadline) return r;
    await new Promise((res) => setTimeout(res, intervalMs));
  }
}

/** The text a hover shows, markdown and plain alike. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function inlayLabel(h: vscode.InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

/** The position of the n-th (0-based) occurrence of `needle` on a 0-based line. */
export function positionOf(doc: vscode.TextDocument, line: number, needle: string, nth = 0): vscode.Position {
  const text = doc.lineAt(line).text;
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not on line ${line + 1}: ${text}`);
  }
  return new vscode.Position(line, at);
}

/**
 * Asks the runner (test/vscode-host/run-suite.mjs, which drives the workbench page) for a screenshot of the
 * window as it is now and waits for its answer. Only available there: returns false elsewhere (runTests()).
 * Protocol: a log line `TCPFLOW_SCREENSHOT <name>`; the runner writes `<ack dir>/<name>.json` when done.
 */
export interface ScreenshotAnswer {
  ok: true;
  file: string;
  /** For `extension-page…`: the details page's README images, `width` 0 where one did not load. */
  images?: { alt: string; src: string; width: number }[];
}

export async function screenshot(name: string, timeoutMs = 60_000): Promise<ScreenshotAnswer | false> {
  const ackDir = process.env.TCPFLOW_SCREENSHOT_ACK_DIR;
  if (!ackDir) return false;
  fs.mkdirSync(ackDir, { recursive: true });
  const ack = path.join(ackDir, `${name}.json`);
  fs.rmSync(ack, { force: true });
  const answered = new Promise<ScreenshotAnswer>((resolve, reject) => {
    const done = (f: () => void) => {
      watcher.close();
      clearTimeout(timer);
      f();
    };
    const check = () => {
      if (!fs.existsSync(ack)) return;
      const r = JSON.parse(fs.readFileSync(ack, 'utf8')) as ScreenshotAnswer | { ok: false; error: string };
      done(() => (r.ok ? resolve(r) : reject(new Error(`screenshot ${name} failed: ${r.error}`))));
    };
    // The runner writes the answer atomically (rename), so a 'rename' event means it is complete.
    const watcher = fs.watch(ackDir, () => check());
    const timer = setTimeout(() => done(() => reject(new Error(`no answer to screenshot request ${name} after ${timeoutMs} ms`))), timeoutMs);
    check();
  });
  console.log(`TCPFLOW_SCREENSHOT ${name}`);
  return answered;
}
