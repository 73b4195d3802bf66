// The static language assets, checked without VS Code: the TextMate grammar's shape (every regex
// compiles, every include resolves, every scope is ours), the language configuration, and the
// snippets (each expands, with its defaults, to a flow the checker accepts). Tokenizing with VS Code's
// own TextMate engine is in test/suite/grammar.test.ts (it needs the VS Code host).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';

const root = join(__dirname, '..', '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const pkg = json('package.json');

type Rule = {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  repository?: Record<string, Rule>;
};

/**
 * Compiles an Oniguruma pattern as a JavaScript RegExp, the nearest check available without
 * vscode-oniguruma: `(?i:…)` groups (not JavaScript before ES2025) become plain groups under the `i` flag.
 */
function compile(pattern: string): RegExp {
  const ci = pattern.includes('(?i:');
  return new RegExp(pattern.replaceAll('(?i:', '(?:'), ci ? 'iu' : 'u');
}

describe('TextMate grammar (syntaxes/tcpflow.tmLanguage.json)', () => {
  const grammar = json('syntaxes/tcpflow.tmLanguage.json') as Rule & { scopeName: string };
  const rules: [string, Rule][] = [];
  const walk = (where: string, r: Rule) => {
    rules.push([where, r]);
    r.patterns?.forEach((p, i) => walk(`${where}.patterns[${i}]`, p));
    for (const k of ['captures', 'beginCaptures', 'endCaptures'] as const) {
      for (const [n, c] of Object.entries(r[k] ?? {})) walk(`${where}.${k}[${n}]`, c);
    }
  };
  walk('$', { patterns: grammar.patterns });
  for (const [name, r] of Object.entries(grammar.repository ?? {})) walk(`#${name}`, r);

  it('is the grammar package.json contributes, for source.tcpflow', () => {
    assert.equal(grammar.scopeName, 'source.tcpflow');
    const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'tcpflow');
    assert.equal(contributed.scopeName, 'source.tcpflow');
    assert.equal(contributed.path, './syntaxes/tcpflow.tmLanguage.json');
  });

  it('every regex compiles', () => {
    let n = 0;
    for (const [where, r] of rules) {
      for (const k of ['match', 'begin', 'end', 'while'] as const) {
        const p = r[k];
        if (p === undefined) continue;
        n++;
        assert.doesNotThrow(() => compile(p), `${where}.${k}: ${p}`);
      }
    }
    assert.ok(n > 20, `${n} regexes`);
  });

  it('every begin has an end, every include resolves, every repository rule is used', () => {
    const used = new Set<string>();
    for (const [where, r] of rules) {
      if (r.begin !== undefined) assert.ok(r.end !== undefined || r.while !== undefined, `${where}: begin without end`);
      if (r.include !== undefined) {
        assert.match(r.include, /^#/, `${where}: only local includes`);
        assert.ok(grammar.repository?.[r.include.slice(1)], `${where}: ${r.include} is not in the repository`);
        used.add(r.include.slice(1));
      }
    }
    assert.deepEqual(Object.keys(grammar.repository ?? {}).filter((k) => !used.has(k)), []);
  });

  it('every scope name is ours (ends in .tcpflow) and every capture group exists', () => {
    for (const [where, r] of rules) {
      for (const s of [r.name, r.contentName]) if (s !== undefined) assert.match(s, /^[a-z0-9-]+(\.[a-z0-9-]+)*\.tcpflow$/, `${where}: ${s}`);
      for (const [k, src] of [['captures', r.match ?? r.begin], ['beginCaptures', r.begin], ['endCaptures', r.end]] as const) {
        const caps = r[k];
        if (!caps || src === undefined) continue;
        const groups = new RegExp(`${compile(src).source}|`, compile(src).flags).exec('')!.length - 1;
        for (const n of Object.keys(caps)) assert.ok(Number(n) <= groups, `${where}.${k}[${n}]: the regex has ${groups} groups`);
      }
    }
  });

  it('covers the language: comments, keywords, arrows, states, flags, fields, values, strings', () => {
    const text = JSON.stringify(grammar);
    for (const scope of [
      'comment.line.number-sign', 'comment.line.double-slash', 'keyword.other.title', 'keyword.other.participant', 'keyword.other.as',
      'keyword.control.block', 'keyword.other.note', 'keyword.other.placement', 'keyword.other.wait', 'keyword.other.state',
      'keyword.operator.arrow', 'keyword.operator.arrow.lost', 'variable.other.participant', 'entity.name.type.state',
      'constant.language.flag', 'variable.parameter.field', 'constant.language.option.sackok', 'constant.numeric.decimal',
      'variable.other.symbol', 'keyword.operator.arithmetic', 'string.quoted.double', 'constant.character.escape', 'constant.language.2msl',
    ]) {
      assert.ok(text.includes(`"${scope}.tcpflow"`) || text.includes(`"${scope}.`), scope);
    }
  });

  it('recognises every state name spelling of SPEC §3.8 and no other word', () => {
    const assertion = grammar.repository!['state-assertion'].match!;
    const re = compile(assertion);
    const stateOf = (s: string) => re.exec(`(${s})`)?.[2];
    for (const s of ['CLOSED', 'listen', 'SYN_SENT', 'syn-received', 'SYN_RCVD', 'SYN_RCV', 'Established', 'FIN_WAIT_1', 'fin-wait-2', 'FIN_WAIT1',
      'CLOSE_WAIT', 'CLOSING', 'LAST-ACK', 'TIME_WAIT']) {
      assert.equal(stateOf(s), s, s);
    }
    for (const s of ['CLOSE', 'SYN_SENTX', 'WAIT', 'FIN_WAIT_3']) assert.equal(stateOf(s), undefined, s);
  });
});

describe('language configuration (language-configuration.json)', () => {
  const conf = json('language-configuration.json');
  it('line comment #, brackets (), auto-closing and surrounding () and ""', () => {
    assert.equal(pkg.contributes.languages[0].configuration, './language-configuration.json');
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.brackets, [['(', ')']]);
    assert.deepEqual(conf.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close), ['()', '""']);
    assert.deepEqual(conf.surroundingPairs, [['(', ')'], ['"', '"']]);
  });
  it('indentation rules are JavaScript regexes that indent par/and blocks', () => {
    const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
    const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
    assert.ok(inc.test('par') && inc.test('  AND  # c') && !inc.test('parse'));
    assert.ok(dec.test('end') && dec.test('and') && !dec.test('endpoint -> B: SYN'));
  });
});

describe('snippets (snippets/tcpflow.json)', () => {
  const snippets = Object.entries(json('snippets/tcpflow.json') as Record<string, { prefix: string | string[]; body: string[] }>);
  /** The body as VS Code inserts it when every placeholder keeps its default: `$2` mirrors `${2:B}`. */
  const expand = (body: string[]) => {
    const text = body.join('\n');
    const defaults = new Map([...text.matchAll(/\$\{(\d+):([^}]*)\}/g)].map((m) => [m[1], m[2]]));
    return text
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '')
      .replace(/\t/g, '  ');
  };

  // The four common flows come from the language server's completion (every LSP editor gets
  // them); the extension's own snippets are the ones the server does not offer.
  it('are the structural and teaching snippets, contributed for tcpflow', () => {
    assert.deepEqual(snippets.map(([n]) => n), ['par block', 'lost SYN and retransmission', 'RST to a closed port']);
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'tcpflow', path: './snippets/tcpflow.json' }]);
  });

  for (const [name, s] of snippets) {
    it(`"${name}" expands to a flow the checker accepts`, () => {
      const text = expand(s.body);
      const bad = analyze(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(bad.map((d) => `${d.range.start.line + 1} ${d.code}`), [], text);
      assert.ok(analyze(text).messages.length >= 2, text);
    });
  }
});
