// A language-server client for the benchmarks: the real bundled server over stdio, the document's
// text kept as lines on this side, and the server's CPU time (every thread) and resident memory read
// from /proc. Diagnostics are awaited by version, never by sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

const SERVER = join(__dirname, '..', '..', 'dist', 'server', 'main.js');

/** Nanoseconds the process has run on a CPU, all its threads (the JS thread, GC helpers, I/O). */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a helper thread that just ended
    }
  }
  return total;
}

/** A field of /proc/PID/status in MB: VmRSS now, VmHWM the peak so far. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export interface OpenDoc {
  uri: string;
  lines: string[];
  version: number;
  /** The last semantic tokens answer (its resultId for the next delta request). */
  tokens?: { resultId?: string; data: number[] };
}

export class BenchClient {
  readonly conn: ProtocolConnection;
  capabilities: ServerCapabilities = {};
  private readonly waiting = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();

  private constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const w = this.waiting.get(p.uri);
      if (w && p.version !== undefined && p.version >= w.version) {
        this.waiting.delete(p.uri);
        w.resolve(p);
      }
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.listen();
  }

  /** `execArgv`: Node options for the server (e.g. `--expose-gc`; else BENCH_SERVER_ARGS, e.g. `--cpu-prof`); `script`: another entry than the bundle. */
  static async start(opts: { execArgv?: string[]; script?: string; ipc?: boolean } = {}): Promise<BenchClient> {
    const stdio: ('pipe' | 'inherit' | 'ipc')[] = ['pipe', 'pipe', 'inherit'];
    if (opts.ipc) stdio.push('ipc');
    const proc = spawn(process.execPath, [...(opts.execArgv ?? process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []), opts.script ?? SERVER, '--stdio'], { stdio });
    const c = new BenchClient(proc);
    const init = (await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: 'en',
      capabilities: { textDocument: { semanticTokens: { requests: { full: { delta: true } } } } },
    })) as { capabilities: ServerCapabilities };
    c.capabilities = init.capabilities;
    c.conn.sendNotification('initialized', {});
    return c;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** Resolves with the diagnostics of `version` or a later one. */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiting.set(uri, { version, resolve }));
  }

  async open(name: string, text: string): Promise<OpenDoc> {
    const uri = `file:///tmp/tcpflow-bench/${name}`;
    const published = this.diagnostics(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version: 1, text } });
    await published;
    return { uri, lines: text.split('\n'), version: 1 };
  }

  close(doc: OpenDoc): void {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  }

  /** Sends one incremental change (applied to `doc.lines` too); returns the new version. */
  change(doc: OpenDoc, range: Range, text: string): number {
    const { start, end } = range;
    const head = doc.lines[start.line].slice(0, start.character);
    const tail = doc.lines[end.line].slice(end.character);
    doc.lines.splice(start.line, end.line - start.line + 1, ...(head + text + tail).split('\n'));
    doc.version++;
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ range, text }] });
    return doc.version;
  }

  /** What VS Code asks after an edit: semantic tokens (a delta when it can), the outline, folding, the visible inlay hints. */
  async afterEdit(doc: OpenDoc, visible: Range): Promise<void> {
    await Promise.all([this.semanticTokens(doc), this.symbols(doc), this.folding(doc), this.inlayHints(doc, visible)]);
  }

  async semanticTokens(doc: OpenDoc, full = false): Promise<void> {
    const provider = this.capabilities.semanticTokensProvider;
    const delta = !full && provider && typeof provider.full === 'object' && provider.full.delta && doc.tokens?.resultId;
    const textDocument = { uri: doc.uri };
    if (delta) {
      const r = (await this.conn.sendRequest('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: doc.tokens!.resultId })) as
        | { resultId?: string; data?: number[]; edits?: { start: number; deleteCount: number; data?: number[] }[] }
        | null;
      if (r && 'edits' in r && r.edits) {
        let data = doc.tokens!.data;
        // concat, not splice(...e.data): an edit can hold millions of numbers (past the document budget, everything after a paste moves out).
        for (const e of [...r.edits].sort((a, b) => b.start - a.start)) data = data.slice(0, e.start).concat(e.data ?? [], data.slice(e.start + e.deleteCount));
        doc.tokens = { resultId: r.resultId, data };
      } else if (r?.data) doc.tokens = { resultId: r.resultId, data: r.data };
      return;
    }
    const r = (await this.conn.sendRequest('textDocument/semanticTokens/full', { textDocument })) as { resultId?: string; data: number[] };
    doc.tokens = { resultId: r.resultId, data: r.data };
  }

  symbols(doc: OpenDoc): Promise<unknown> {
    return this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
  }

  folding(doc: OpenDoc): Promise<unknown> {
    return this.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: doc.uri } });
  }

  inlayHints(doc: OpenDoc, range: Range): Promise<unknown> {
    return this.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range });
  }

  async stop(): Promise<void> {
    await this.conn.sendRequest('shutdown');
    this.conn.sendNotification('exit');
    this.conn.dispose();
    await new Promise((r) => (this.proc.exitCode !== null ? r(null) : this.proc.once('exit', r)));
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}
