// The params every LSP message the server handles must have, checked before the message reaches
// a handler (guard.ts): a request whose params are missing or malformed is answered with -32602
// "Invalid params" naming what is missing, never with the -32603 of a handler that read
// `undefined`. Positions are clamped here to what LSP allows (a uinteger: 0 to 2^31 − 1, whole), so
// `{line: -1}` or `{character: 1.5}` reach no handler; clamping to the document's own lines happens
// when the handler runs (guard.ts), as the document may change before then. Only what the handlers
// read is required; anything else a client adds is passed on untouched.
import { visible } from '../core/text/visible';

/** LSP's `uinteger` bound. */
export const MAX_UINTEGER = 2 ** 31 - 1;

/** What was wrong, at which path below `params` (`['position', 'line']`). */
export interface ParamsProblem {
  path: string[];
  /** What was expected there: `a string`, `a position`. */
  expected: string;
  /** What was there instead (undefined: nothing). */
  got: unknown;
}

/** A check returns the value to use (a clamped number, or the value itself) or a problem. */
type Checked = { value: unknown } | { problem: ParamsProblem };
type Check = (value: unknown) => Checked;

const ok = (value: unknown): Checked => ({ value });
const problem = (expected: string, got: unknown, path: string[] = []): Checked => ({ problem: { path, expected, got } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v) => (typeof v === 'string' ? ok(v) : problem('a string', v));
const boolean: Check = (v) => (typeof v === 'boolean' ? ok(v) : problem('true or false', v));
const number: Check = (v) => (typeof v === 'number' ? ok(v) : problem('a number', v));
/** A whole number from 0 to 2^31 − 1; any other number is clamped into that range (JSON's 1e999 is Infinity). */
const uinteger: Check = (v) => {
  if (typeof v !== 'number' || Number.isNaN(v)) return problem('a number', v);
  return ok(Math.min(MAX_UINTEGER, Math.max(0, Math.floor(v))));
};
const id: Check = (v) => (typeof v === 'string' || typeof v === 'number' ? ok(v) : problem('a number or a string', v));

/** An object with these fields (each checked, its value replaced by the checked one), and these if present. */
function object(required: Record<string, Check>, optional: Record<string, Check> = {}, expected = 'an object'): Check {
  return (v) => {
    if (!isObject(v)) return problem(expected, v);
    for (const [key, check] of Object.entries(required)) {
      const r = check(v[key]);
      if ('problem' in r) return { problem: { ...r.problem, path: [key, ...r.problem.path] } };
      v[key] = r.value;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (v[key] === undefined || v[key] === null) continue;
      const r = check(v[key]);
      if ('problem' in r) return { problem: { ...r.problem, path: [key, ...r.problem.path] } };
      v[key] = r.value;
    }
    return ok(v);
  };
}

function array(item: Check, expected = 'a list'): Check {
  return (v) => {
    if (!Array.isArray(v)) return problem(expected, v);
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i]);
      if ('problem' in r) return { problem: { ...r.problem, path: [String(i), ...r.problem.path] } };
      v[i] = r.value;
    }
    return ok(v);
  };
}

const position = object({ line: uinteger, character: uinteger }, {}, 'a position ({line, character})');
const range = object({ start: position, end: position }, {}, 'a range ({start, end})');
const textDocument = object({ uri: string }, {}, 'a document ({uri})');
const atPosition = { textDocument, position };
const diagnostic = object({ range, message: string }, {}, 'a diagnostic ({range, message})');
const contentChange = object({ text: string }, { range, rangeLength: uinteger }, 'a change ({text} or {range, text})');

/** Params of every method the server or its connection handles; a method not listed is passed on as it is. */
const PARAMS: Record<string, Check> = {
  initialize: object({ capabilities: object({}) }, { locale: string, processId: number }),
  'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: number, text: string }, {}, 'a document ({uri, languageId, version, text})') }),
  'textDocument/didChange': object({ textDocument: object({ uri: string, version: number }, {}, 'a document ({uri, version})'), contentChanges: array(contentChange) }),
  'textDocument/didClose': object({ textDocument }),
  'textDocument/didSave': object({ textDocument }),
  'textDocument/willSave': object({ textDocument, reason: number }),
  'textDocument/willSaveWaitUntil': object({ textDocument, reason: number }),
  'textDocument/completion': object(atPosition),
  'textDocument/hover': object(atPosition),
  'textDocument/definition': object(atPosition),
  'textDocument/documentHighlight': object(atPosition),
  'textDocument/prepareRename': object(atPosition),
  'textDocument/references': object({ ...atPosition, context: object({ includeDeclaration: boolean }) }),
  'textDocument/rename': object({ ...atPosition, newName: string }),
  'textDocument/codeAction': object({ textDocument, range, context: object({ diagnostics: array(diagnostic) }, { only: array(string) }) }),
  'textDocument/inlayHint': object({ textDocument, range }),
  'textDocument/documentSymbol': object({ textDocument }),
  'textDocument/foldingRange': object({ textDocument }),
  'textDocument/semanticTokens/full': object({ textDocument }),
  'textDocument/semanticTokens/full/delta': object({ textDocument, previousResultId: string }),
  'textDocument/semanticTokens/range': object({ textDocument, range }),
  'textDocument/formatting': object({ textDocument, options: object({ tabSize: uinteger, insertSpaces: boolean }) }),
  '$/cancelRequest': object({ id }),
  '$/setTrace': object({ value: string }),
};

/**
 * Checks (and clamps, in place) the params of a message of `method`. Returns the problem with the
 * first thing that is missing or malformed, or undefined when the message may be handled.
 */
export function checkParams(method: string, params: unknown): ParamsProblem | undefined {
  const check = PARAMS[method];
  if (!check) return undefined;
  const r = check(params);
  return 'problem' in r ? r.problem : undefined;
}

/** `params.position.line is missing (a number is expected)`, `params.textDocument.uri must be a string, not 42`. */
export function describeProblem(p: ParamsProblem): string {
  const where = ['params', ...p.path].join('.');
  if (p.got === undefined) return `${where} is missing (${p.expected} is expected)`;
  return `${where} must be ${p.expected}, not ${describeValue(p.got)}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? 'a string' : visible(JSON.stringify(v));
  return String(v);
}
