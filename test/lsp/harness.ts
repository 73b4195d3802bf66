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
} from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server', 'main.js');


export interface Session {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Opens a document and resolves with its first published diagnostics. */
  open(text: string, name?: string, languageId?: string): Promise<{ uri: string; diagnostics: PublishDiagnosticsParams }>;
  /** Replaces the whole text (as an incremental change over the full range) and awaits the new diagnostics. */
  change(uri: string, text: string): Promise<PublishDiagnosticsParams>;
  /** Resolves with the next diagnostics published for `uri` (any version): e.g. the empty list on close. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  /** Sends an incremental edit and awaits the new diagnostics. */
  edit(uri: string, range: Range, text: string): Promise<PublishDiagnosticsParams>;
  /** Changes the `tcpflow` settings the client answers with and tells the server (as VS Code does when the user edits them). */
  configure(settings: unknown): void;
  close(): Promise<void>;
}

export async function startSession(opts: { locale?: string; settings?: unknown } = {}): Promise<Session> {
  ensureBuilt();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, { version?: number; resolve: (p: PublishDiagnosticsParams) => void }[]>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const list = waiting.get(p.uri) ?? [];
    const i = list.findIndex((w) => w.version === undefined || w.version === p.version);
    if (i >= 0) list.splice(i, 1)[0].resolve(p);
  });
  let settings = opts.settings;
  conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => settings ?? null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
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
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      texts.set(uri, applyEdit(texts.get(uri) ?? '', range, text));
      const diagnostics = nextDiagnostics(uri, version);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
      return diagnostics;
    },
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
