// The TextMate grammar (syntaxes/tcpflow.tmLanguage.json), tokenized by VS Code's own engine: the
// vscode-textmate and vscode-oniguruma that ship with the VS Code running this suite (under
// vscode.env.appRoot), so the regexes are checked by the Oniguruma that will run them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown };
}
/** The part of vscode-textmate's API used here (it ships inside VS Code, not in this repository's node_modules). */
interface TextMate {
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
  Registry: new (options: {
    onigLib: Promise<{ createOnigScanner(patterns: string[]): unknown; createOnigString(s: string): unknown }>;
    loadGrammar(scopeName: string): Promise<unknown>;
  }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

let grammar: Grammar | undefined;
let INITIAL: unknown;

/** The scopes of the token at the n-th occurrence of `needle` in `line` (tokenized after `before`, if given). */
function scopesOf(line: string, needle: string, nth = 0, before: string[] = []): string[] {
  let state = INITIAL;
  for (const l of before) state = grammar!.tokenizeLine(l, state).ruleStack;
  const { tokens } = grammar!.tokenizeLine(line, state);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in ${line}`);
  const t = tokens.find((x) => x.startIndex <= at && at < x.endIndex)!;
  return t.scopes;
}

/** Asserts that the token where `needle` starts has the scope `scope` (or one under it: `scope.tcpflow`). */
function expectScope(line: string, needle: string, scope: string, nth = 0, before: string[] = []): void {
  const scopes = scopesOf(line, needle, nth, before);
  assert.ok(
    scopes.some((s) => s === scope || s.startsWith(`${scope}.`)),
    `${JSON.stringify(needle)} in ${JSON.stringify(line)}: expected ${scope}, got ${scopes.join(' ')}`,
  );
}

function expectNoScope(line: string, needle: string, scope: string, nth = 0): void {
  const scopes = scopesOf(line, needle, nth);
  assert.ok(!scopes.some((s) => s.startsWith(scope)), `${JSON.stringify(needle)} in ${JSON.stringify(line)}: not ${scope}, got ${scopes.join(' ')}`);
}

suite('Grammar (VS Code TextMate engine)', () => {
  suiteSetup(async function () {
    const ext = await activateExtension();
    const fromVSCode = createRequire(path.join(vscode.env.appRoot, 'package.json'));
    let tm: TextMate;
    let onig: Oniguruma;
    try {
      tm = fromVSCode('vscode-textmate');
      onig = fromVSCode('vscode-oniguruma');
    } catch {
      this.skip(); // a VS Code build without them unpacked (not the case for code-server or desktop VS Code today)
      return;
    }
    const wasm = fs.readFileSync(path.join(path.dirname(fromVSCode.resolve('vscode-oniguruma')), 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const file = path.join(ext.extensionPath, 'syntaxes', 'tcpflow.tmLanguage.json');
    const registry = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
      loadGrammar: async (scope) => (scope === 'source.tcpflow' ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
    });
    grammar = (await registry.loadGrammar('source.tcpflow')) ?? undefined;
    INITIAL = tm.INITIAL;
    assert.ok(grammar, 'source.tcpflow loads');
  });

  test('comments: # and //, not inside strings', () => {
    expectScope('# a note', '# a note', 'comment.line.number-sign');
    expectScope('// a note', '// a note', 'comment.line.double-slash');
    expectScope('A -> B: SYN seq=1 # why', 'why', 'comment.line.number-sign');
    expectScope('A -> B: ACK "a # b"', '#', 'string.quoted.double');
    expectNoScope('A -> B: ACK "a # b" x', 'x', 'comment');
    expectNoScope('title 3-way / 4-way', '4-way', 'comment');
  });

  test('statements: keywords in any case, labels, placements', () => {
    expectScope('title TCP 3-way handshake', 'title', 'keyword.other.title');
    expectScope('TITLE TCP 3-way handshake', 'TITLE', 'keyword.other.title');
    expectScope('title TCP 3-way handshake // c', 'handshake', 'entity.name.section.title');
    expectScope('title TCP 3-way handshake // c', '// c', 'comment.line.double-slash');
    expectScope('participant A as "Client"', 'participant', 'keyword.other.participant');
    expectScope('participant A as "Client"', 'A', 'entity.name.type.participant');
    expectScope('participant A as "Client"', 'as', 'keyword.other.as');
    expectScope('participant A as "Client"', 'Client', 'string.quoted.double');
    expectScope('Participant B AS Server (LISTEN)', 'Server', 'string.unquoted.label');
    expectScope('Participant B AS Server (LISTEN)', 'LISTEN', 'entity.name.type.state');
    expectScope('participant S as "127.0.0.1:5003" (CLOSED)', 'CLOSED', 'entity.name.type.state');
    for (const kw of ['par', 'AND', 'End']) expectScope(`${kw}`, kw, 'keyword.control');
    expectScope('note over A, B: "text"', 'note', 'keyword.other.note');
    expectScope('note over A, B: "text"', 'over', 'keyword.other.placement');
    expectScope('note over A, B: "text"', 'B', 'variable.other.participant');
    expectScope('note left of A: some text', 'left of', 'keyword.other.placement');
    expectScope('note left of A: some text', 'some text', 'string.unquoted.note');
    expectScope('wait 2MSL', '2MSL', 'constant.language.2msl');
    expectScope('WAIT 2msl', '2msl', 'constant.language.2msl');
    expectScope('wait 200ms', '200', 'constant.numeric');
    expectScope('wait RTO', 'RTO', 'constant.language.timer');
    expectScope('state A: time-wait, B: FIN_WAIT2', 'state', 'keyword.other.state');
    expectScope('state A: time-wait, B: FIN_WAIT2', 'A', 'variable.other.participant');
    expectScope('state A: time-wait, B: FIN_WAIT2', 'time-wait', 'entity.name.type.state');
    expectScope('state A: time-wait, B: FIN_WAIT2', 'FIN_WAIT2', 'entity.name.type.state');
  });

  test('messages: participants, states, arrows', () => {
    const line = '클라이언트(CLOSED) → 서버(syn_rcvd) : SYN(x)';
    expectScope(line, '클라이언트', 'variable.other.participant');
    expectScope(line, 'CLOSED', 'entity.name.type.state');
    expectScope(line, '→', 'keyword.operator.arrow');
    expectScope(line, '서버', 'variable.other.participant');
    expectScope(line, 'syn_rcvd', 'entity.name.type.state');
    expectScope(line, 'SYN', 'constant.language.flag');
    expectScope(line, 'x', 'variable.other.symbol');
    expectScope('A -> B: SYN', '->', 'keyword.operator.arrow');
    expectScope('A -x B: SYN', '-x', 'keyword.operator.arrow.lost');
    // Every alias the checker accepts, SYN-RECV as ss and netstat print it (the grammar is made from the vocabulary).
    expectScope('A(SYN-RECV) -> B(SYN_RECV): ACK', 'SYN-RECV', 'entity.name.type.state');
    expectScope('A(SYN-RECV) -> B(SYN_RECV): ACK', 'SYN_RECV', 'entity.name.type.state');
    expectScope('  A(ESTABLISHED) -> B: FIN', 'A', 'variable.other.participant', 0, ['par']);
  });

  test('segments: flags in any case and their aliases, fields, values, options, label', () => {
    const line = 'B -> A: syn-ack, Ack(a+1) win=65535 MSS=1460 wscale=7 sackOK ts=12 foo=bar "label \\"q\\""';
    expectScope(line, 'syn-ack', 'constant.language.flag');
    expectScope(line, 'Ack', 'constant.language.flag');
    expectScope(line, 'a', 'variable.other.symbol', 1);
    expectScope(line, '+', 'keyword.operator.arithmetic');
    expectScope(line, '1', 'constant.numeric', 0);
    expectScope(line, 'win', 'variable.parameter.field');
    expectScope(line, '65535', 'constant.numeric');
    expectScope(line, 'MSS', 'variable.parameter.field');
    expectScope(line, 'wscale', 'variable.parameter.field');
    expectScope(line, 'sackOK', 'constant.language.option');
    expectScope(line, 'ts', 'variable.parameter.field');
    expectScope(line, 'foo', 'variable.parameter.field.unknown');
    expectScope(line, 'label', 'string.quoted.double');
    expectScope(line, '\\"', 'constant.character.escape');
    const flags = 'A -> B: FIN/ACK SYN + ACK synack PSH,URG ECE CWR RST seq=u+1 ack=x-1 len=100';
    for (const f of ['FIN', 'SYN', 'synack', 'PSH', 'URG', 'ECE', 'CWR', 'RST']) expectScope(flags, f, 'constant.language.flag');
    expectScope(flags, 'ACK', 'constant.language.flag', 0);
    expectScope(flags, '/', 'punctuation.separator.flags');
    expectScope(flags, 'seq', 'variable.parameter.field');
    expectScope(flags, 'ack', 'variable.parameter.field', 1);
    expectNoScope(flags, 'ack', 'constant.language.flag', 1);
    expectScope(flags, 'u', 'variable.other.symbol');
    expectScope(flags, '100', 'constant.numeric');
  });
});
