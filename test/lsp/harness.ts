// Drives the real language server (the built bundle) over stdio with a real LSP client
// connection. Diagnostics are awaited by notification, never by sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureBuilt } from '../ensureBuilt';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Position,
  type Range,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server', 'main.js');
const PROBE = join(__dirname, 'memoryProbe.mjs');


export interface Session {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** What the server said it offers, in its answer to `initialize`. */
  capabilities: ServerCapabilities;
  /** Opens a document and resolves with its first published diagnostics. */
  open(text: string, name?: string, languageId?: string): Promise<{ uri: string; diagnostics: PublishDiagnosticsParams }>;
  /** Replaces the whole text (as an incremental change over the full range) and awaits the new diagnostics. */
  change(uri: string, text: string): Promise<PublishDiagnosticsParams>;
  /** Resolves with the next diagnostics published for `uri` (any version): e.g. the empty list on close. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  /** Sends an incremental edit and awaits the new diagnostics. */
  edit(uri: string, range: Range, text: string): Promise<PublishDiagnosticsParams>;
  /** Sends an incremental edit without waiting for anything; returns its version. */
  send(uri: string, range: Range, text: string): number;
  /** Resolves with the diagnostics published for `version` of `uri`. */
  diagnosticsOf(uri: string, version: number): Promise<PublishDiagnosticsParams>;
  /** Every version of `uri` whose diagnostics were published, in order. */
  published(uri: string): (number | undefined)[];
  /** The document's text as this client last sent it. */
  textOf(uri: string): string;
  /** The server's heap and RSS after a full garbage collection (a session started with `memoryProbe`). */
  memory(): Promise<{ heapUsed: number; rss: number }>;
  /** Changes the `tcpflow` settings the client answers with and tells the server (as VS Code does when the user edits them). */
  configure(settings: unknown): void;
  close(): Promise<void>;
}

/** `memoryProbe`: the server runs under memoryProbe.mjs, which answers `memory()`. */
export async function startSession(opts: { locale?: string; settings?: unknown; memoryProbe?: boolean } = {}): Promise<Session> {
  ensureBuilt();
  const proc = opts.memoryProbe
    ? spawn(process.execPath, ['--expose-gc', PROBE, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'], env: { ...process.env, TCPFLOW_SERVER: SERVER } })
    : spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, { version?: number; resolve: (p: PublishDiagnosticsParams) => void }[]>();
  const published = new Map<string, (number | undefined)[]>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p.version]);
    const list = waiting.get(p.uri) ?? [];
    const i = list.findIndex((w) => w.version === undefined || w.version === p.version);
    if (i >= 0) list.splice(i, 1)[0].resolve(p);
  });
  let settings = opts.settings;
  conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => settings ?? null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.listen();
  const { capabilities } = await conn.sendRequest<{ capabilities: ServerCapabilities }>('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: opts.locale ?? 'en',
    capabilities: { workspace: { configuration: opts.settings !== undefined } },
  });
  conn.sendNotification('initialized', {});
  const versions = new Map<string, number>();
  const texts = new Map<string, string>();
  const nextDiagnostics = (uri: string, version?: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const list = waiting.get(uri) ?? [];
      list.push({ version, resolve });
      waiting.set(uri, list);
    });
  let n = 0;
  const session: Session = {
    conn,
    proc,
    capabilities,
    nextDiagnostics: (uri) => nextDiagnostics(uri),
    async open(text, name = `doc${++n}.tcpflow`, languageId = 'tcpflow') {
      const uri = `file:///tmp/tcpflow-lsp-test/${name}`;
      versions.set(uri, 1);
      texts.set(uri, text);
      const diagnostics = nextDiagnostics(uri, 1);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return { uri, diagnostics: await diagnostics };
    },
    async change(uri, text) {
      const old = texts.get(uri) ?? '';
      const lines = old.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      return session.edit(uri, { start: { line: 0, character: 0 }, end }, text);
    },
    async edit(uri, range, text) {
      const diagnostics = nextDiagnostics(uri, (versions.get(uri) ?? 1) + 1);
      session.send(uri, range, text);
      return diagnostics;
    },
    send(uri, range, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      texts.set(uri, applyEdit(texts.get(uri) ?? '', range, text));
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
      return version;
    },
    diagnosticsOf: (uri, version) => nextDiagnostics(uri, version),
    published: (uri) => published.get(uri) ?? [],
    textOf: (uri) => texts.get(uri) ?? '',
    memory: () =>
      new Promise((resolve) => {
        proc.once('message', (m) => resolve(m as { heapUsed: number; rss: number }));
        proc.send!('memory');
      }),
    configure(next) {
      settings = next;
      conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },
    async close() {
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      conn.dispose();
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    },
  };
  return session;
}

function applyEdit(text: string, range: Range, insert: string): string {
  const offset = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return text.slice(0, offset(range.start)) + insert + text.slice(offset(range.end));
}

/** `‸` marks a cursor position in a fixture; returns the text without it and the position. */
export function cursor(src: string): { text: string; position: Position } {
  const i = src.indexOf('‸');
  if (i < 0) throw new Error('fixture has no ‸ cursor marker');
  const before = src.slice(0, i);
  const line = before.split('\n').length - 1;
  const character = before.length - (before.lastIndexOf('\n') + 1);
  return { text: before + src.slice(i + 1), position: { line, character } };
}
