// The built language server (dist/server/main.js --stdio) driven byte by byte, for the tests of
// what a client should never send: broken headers, bodies that are not JSON, requests with missing
// or malformed params, positions out of range. Every reply, notification and line of the server's
// standard error is an event to wait for; nothing here sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { StreamMessageReader, type Message, type NotificationMessage, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, ROOT } from '../ensureBuilt';

const SERVER = join(ROOT, 'dist', 'server', 'main.js');

export interface RawServer {
  proc: ChildProcess;
  /** Everything the server wrote to standard error so far. */
  readonly stderr: string;
  /** Writes bytes as they are: no header is added. */
  raw(bytes: string | Buffer): void;
  /** Writes one message, framed as LSP frames it (`Content-Length`, UTF-8 body). */
  send(message: unknown): void;
  /** Sends a request with the next id and resolves with its response. */
  request(method: string, params?: unknown): Promise<ResponseMessage>;
  /** The response to the request with this id (sent by hand). */
  response(id: number | string | null): Promise<ResponseMessage>;
  notify(method: string, params?: unknown): void;
  /** The next notification of this method (publishDiagnostics: for this uri, when given). */
  notification(method: string, uri?: string): Promise<NotificationMessage>;
  /** Resolves when standard error has matched `pattern`. */
  logged(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** `initialize` and `initialized`. */
  initialize(capabilities?: unknown): Promise<void>;
  /** shutdown + exit, then waits for the process to end. */
  stop(): Promise<number | string>;
}

export function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

export function startRawServer(nodeArgs: string[] = []): RawServer {
  ensureBuilt();
  const proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const stderrWaiters: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    for (let i = stderrWaiters.length - 1; i >= 0; i--) {
      const m = stderr.match(stderrWaiters[i].pattern);
      if (m) stderrWaiters.splice(i, 1)[0].resolve(m[0]);
    }
  });
  // A write after the server has gone is the test's failure to report, not an unhandled error.
  proc.stdin!.on('error', () => undefined);
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const responses = new Map<string, ResponseMessage>();
  const responseWaiters = new Map<string, (r: ResponseMessage) => void>();
  const notificationWaiters: { method: string; uri?: string; resolve: (n: NotificationMessage) => void }[] = [];
  const reader = new StreamMessageReader(proc.stdout!);
  reader.listen((msg: Message) => {
    const m = msg as Partial<ResponseMessage & NotificationMessage & { id: number | string }>;
    if (m.method !== undefined && m.id !== undefined) return answerServerRequest(m.id, m.method, m.params);
    if (m.method !== undefined) {
      const params = m.params as { uri?: string } | undefined;
      const i = notificationWaiters.findIndex((w) => w.method === m.method && (w.uri === undefined || w.uri === params?.uri));
      if (i >= 0) notificationWaiters.splice(i, 1)[0].resolve(m as NotificationMessage);
      return;
    }
    const key = JSON.stringify(m.id ?? null);
    const waiter = responseWaiters.get(key);
    if (waiter) {
      responseWaiters.delete(key);
      waiter(m as ResponseMessage);
    } else responses.set(key, m as ResponseMessage);
  });

  const write = (bytes: string | Buffer) => void proc.stdin!.write(bytes);
  const send = (message: unknown) => write(frame(JSON.stringify(message)));
  function answerServerRequest(id: number | string, method: string, params: unknown): void {
    const items = (params as { items?: unknown[] } | undefined)?.items;
    send({ jsonrpc: '2.0', id, result: method === 'workspace/configuration' ? (items ?? []).map(() => null) : null });
  }
  const response = (id: number | string | null) =>
    new Promise<ResponseMessage>((resolve) => {
      const key = JSON.stringify(id);
      const got = responses.get(key);
      if (got) {
        responses.delete(key);
        resolve(got);
      } else responseWaiters.set(key, resolve);
    });
  let nextId = 0;
  const server: RawServer = {
    proc,
    get stderr() {
      return stderr;
    },
    raw: write,
    send,
    request(method, params) {
      const id = ++nextId;
      const answer = response(id);
      send(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
      return answer;
    },
    response,
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    notification: (method, uri) => new Promise((resolve) => notificationWaiters.push({ method, uri, resolve })),
    logged: (pattern) =>
      new Promise((resolve) => {
        const m = stderr.match(pattern);
        if (m) resolve(m[0]);
        else stderrWaiters.push({ pattern, resolve });
      }),
    exited,
    async initialize(capabilities = {}) {
      const r = await server.request('initialize', { processId: null, rootUri: null, capabilities });
      if (r.error) throw new Error(`initialize failed: ${r.error.message}`);
      server.notify('initialized', {});
    },
    async stop() {
      if (proc.exitCode === null) {
        await server.request('shutdown');
        server.notify('exit');
      }
      return exited;
    },
  };
  return server;
}
