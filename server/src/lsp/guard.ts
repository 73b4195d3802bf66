// What stands between a client and the server's handlers (issue 15 point 5, issue 16), for every
// transport (main.ts: stdio, IPC, socket, pipe; browserMain.ts: a Web Worker):
// - guardReader screens each message as it is read: one that is not JSON-RPC, or whose params are
//   missing or malformed (params.ts), is refused — a request is answered at once (-32600, or -32602
//   naming what is missing) — and the refusal is logged; positions are clamped to LSP's range;
// - guardConnection wraps every handler the server registers: a position or range is clamped to
//   the document it names (a request at line 2^31 − 1 is answered at the document's end), and a
//   handler that throws is logged with what it was handling (the connection then answers the
//   request with -32603, and a notification's failure is only logged); the server goes on.
import {
  ErrorCodes,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type Position,
  type ResponseMessage,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { visible } from '../core/text/visible';
import { checkParams, describeProblem } from './params';

/** Writes one line to the server's log (standard error, or the worker's console). */
export type Log = (line: string) => void;

/** Answers a refused request. */
export type Reply = (response: ResponseMessage) => void;

/** Refuses a message: logs why, and answers it when it is a request (`id` given) or cannot be read at all (`null`). */
export type Refuse = (why: string, answer?: { id: Id; code: number; message: string }) => void;

export function refuser(reply: Reply, log: Log): Refuse {
  return (why, answer) => {
    log(`refused ${why}`);
    if (answer) reply({ jsonrpc: '2.0', id: answer.id, error: { code: answer.code, message: answer.message } });
  };
}

type Id = number | string | null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number | string => typeof v === 'string' || typeof v === 'number';

/** The message as the log names it: `textDocument/hover (id 7)`. */
function named(method: string, id: unknown): string {
  const shown = visible(method.length > 80 ? `${method.slice(0, 80)}…` : method);
  return id === undefined ? shown : `${shown} (id ${visible(JSON.stringify(id) ?? String(id))})`;
}

/** A reader that passes on only messages the server can handle; everything else is refused, answered and logged. */
export class GuardedReader implements MessageReader {
  /** A `shutdown` request was read: the client meant to stop the server. */
  shutdownRequested = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly refuse: Refuse,
  ) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const passed = this.screen(message);
      if (passed) callback(passed);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  private screen(m: unknown): Message | undefined {
    if (!isObject(m)) {
      this.refuse('a message that is not a JSON object', { id: null, code: ErrorCodes.InvalidRequest, message: 'A message must be a JSON object.' });
      return undefined;
    }
    const { method, id } = m;
    if (typeof method === 'string') {
      if (id !== undefined && !isId(id)) {
        const message = `The id of a request must be a number or a string (${named(method, undefined)}).`;
        this.refuse(`${named(method, id)}: its id is neither a number nor a string`, { id: null, code: ErrorCodes.InvalidRequest, message });
        return undefined;
      }
      const problem = checkParams(method, m.params);
      if (problem) {
        const message = `Invalid params for ${named(method, undefined)}: ${describeProblem(problem)}.`;
        this.refuse(`${named(method, id)}: ${describeProblem(problem)}`, id === undefined ? undefined : { id, code: ErrorCodes.InvalidParams, message });
        return undefined;
      }
      if (method === 'shutdown') this.shutdownRequested = true;
      return m as unknown as Message;
    }
    if (method !== undefined) {
      this.refuse('a message whose method is not a string', isId(id) ? { id, code: ErrorCodes.InvalidRequest, message: 'The method of a request must be a string.' } : undefined);
      return undefined;
    }
    // A response to a request of the server's (workspace/configuration, client/registerCapability).
    if ((isId(id) || id === null) && ('result' in m || isObject(m.error))) return m as unknown as Message;
    this.refuse('a message that is neither a request, a notification nor a response', isId(id) ? { id, code: ErrorCodes.InvalidRequest, message: 'A message needs a method (or, as a response, a result or an error).' } : undefined);
    return undefined;
  }
}

/** The documents the server keeps, as far as clamping needs them. */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
}

/**
 * The connection with every handler registered through it (`on…`, also under `languages`,
 * `workspace`, …) guarded: positions clamped to the document, failures logged.
 */
export function guardConnection(connection: Connection, documents: OpenDocuments, log: Log): Connection {
  return guarded(connection, documents, log);
}

const REGISTERS_HANDLER = /^on(?:[A-Z]|$)/;

function guarded<T extends object>(target: T, documents: OpenDocuments, log: Log): T {
  return new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof prop !== 'string') return value;
      if (typeof value === 'function') {
        if (!REGISTERS_HANDLER.test(prop)) return value.bind(t);
        return (...args: unknown[]) => {
          const what = handlerName(prop, args[0]);
          return value.apply(t, args.map((a) => (typeof a === 'function' ? guardHandler(a as Handler, what, documents, log) : a)));
        };
      }
      return isObject(value) ? guarded(value, documents, log) : value;
    },
  });
}

type Handler = (...args: unknown[]) => unknown;

/** `textDocument/hover` for onRequest(type, …) and onNotification('x', …); the registration's own name otherwise (`onHover`). */
function handlerName(registration: string, first: unknown): string {
  if (typeof first === 'string') return first;
  if (isObject(first) && typeof first.method === 'string') return first.method;
  return registration;
}

function guardHandler(handler: Handler, what: string, documents: OpenDocuments, log: Log): Handler {
  const failed = (err: unknown) => log(`${what} failed (the server goes on): ${describeError(err)}`);
  return function (this: unknown, ...args: unknown[]) {
    try {
      args[0] = clampToDocument(args[0], documents);
      const result = handler.apply(this, args);
      if (result instanceof Promise) {
        return result.catch((err: unknown) => {
          failed(err);
          throw err;
        });
      }
      return result;
    } catch (err) {
      failed(err);
      throw err;
    }
  };
}

/**
 * Params with their `position` and `range` moved into the document they name (an open one). Only
 * positions params.ts let through are clamped: a field a method does not read (a `range` on a
 * hover) is passed on as it came.
 */
export function clampToDocument(params: unknown, documents: OpenDocuments): unknown {
  if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return params;
  if (params.position === undefined && params.range === undefined) return params;
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return params;
  // offsetAt clamps a line past the end to the text's end, a character past the line's end to it.
  const clamp = (p: Position): Position => doc.positionAt(doc.offsetAt(p));
  const out = { ...params };
  if (isPosition(params.position)) out.position = clamp(params.position);
  if (isObject(params.range) && isPosition(params.range.start) && isPosition(params.range.end)) out.range = { start: clamp(params.range.start), end: clamp(params.range.end) };
  return out;
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isPosition = (p: unknown): p is Position => isObject(p) && isWhole(p.line) && isWhole(p.character);

/** An error's name and message (escaped: it may quote the input) and where it was thrown. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return visible(String(err));
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 6);
  return [`${err.name}: ${visible(err.message)}`, ...frames].join('\n');
}
