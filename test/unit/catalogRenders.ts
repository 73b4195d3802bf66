// Every text of a catalogue rendered with realistic arguments, for the particle tests: each
// diagnostic message (every branch its arguments choose), fix title, related text, and the docs'
// and UI's texts, once per set of arguments. Each set's words all end alike when read aloud (on a
// vowel, on a consonant, on ㄹ), so a particle after any of them has one right form.
import type { Catalog } from '../../server/src/core/i18n';
import type { DiagnosticCode, FixKind, MessageArgs } from '../../server/src/core/diagnostics';
import { CODES } from '../../server/src/core/diagnostics';
import { STATE_NAMES } from '../../server/src/core/syntax/vocabulary';

export type Ending = 'vowel' | 'consonant' | 'rieul';

/** The words a set passes as arguments; every one ends as `ending` says (read aloud: see reading.ts). */
export interface WordSet {
  ending: Ending;
  args: MessageArgs;
}

export const WORD_SETS: WordSet[] = [
  {
    ending: 'vowel',
    args: {
      name: '클라이언트', peer: 'B', from: 'A', to: '서버', what: 'SYN,ACK len=2', evWhat: 'RST', evName: 'Client',
      written: 'x+2', expected: 102, meant: 'b+2', evWritten: 99, value: 'a+9', got: 9,
      state: 'TIME_WAIT', asserted: 'CLOSED', actual: 'SYN_SENT', evAsserted: 'FIN_WAIT_2', evState: 'CLOSE_WAIT', nearest: 'SYN_RECEIVED',
      flag: 'RST', dropped: 'RST', text: '4294967299', key: 'seq', found: '<',
    },
  },
  {
    ending: 'consonant',
    args: {
      name: '손님', peer: 'N', from: 'M', to: '상대방', what: 'SYN', evWhat: 'FIN,ACK', evName: '손님',
      written: 'x+3', expected: 100, meant: 'a+6', evWritten: 10, value: 300, got: 1000,
      state: 'LISTEN', asserted: 'CLOSING', actual: 'LAST_ACK', evAsserted: 'LISTEN', evState: 'CLOSING', nearest: 'LISTEN',
      flag: 'FIN', dropped: 'FIN', text: '4294967296', key: 'ack', found: ':',
    },
  },
  {
    ending: 'rieul',
    args: {
      name: '서울', peer: 'L', from: 'R', to: '물', what: 'SYN len=1', evWhat: 'ACK len=7', evName: 'L',
      written: 'x+1', expected: 101, meant: 'b+7', evWritten: 8, value: 'x+1', got: 1,
      state: 'FIN_WAIT_1', asserted: 'FIN_WAIT_1', actual: 'FIN_WAIT_1', evAsserted: 'FIN_WAIT_1', evState: 'FIN_WAIT_1', nearest: 'FIN_WAIT_1',
      flag: 'CWR', dropped: 'CWR', text: '4294967298', key: 'wscale', found: '_',
    },
  },
];

/** Numbers that are not words of the set (line numbers, counts) and the flags that choose branches. */
const COMMON: MessageArgs = { line: 3, firstLine: 2, rcvLine: 2, count: 2, since: 0, sameLine: 0, syn: 1, rst: 0, allowed: 'syn,rst',
  length: 12_345, max: 10_000, checkedLines: 100_000, totalLines: 1_234_567, checkedChars: 4_999_980, totalChars: 55_000_000 };

/** The values that choose a message's branch, by argument: every branch is rendered. */
const BRANCHES: Record<string, (string | number)[]> = {
  cause: ['sent', 'received', 'wait', 'declared', 'activeOpen', 'passiveOpen', 'midConnection'],
  variant: ['minusOne', 'forgotLength', 'retransmit', 'next', 'rstAnswersAck', 'rstAnswersNoAck', 'rstConnection'],
  root: ['length', 'seq', 'ack', 'lost', 'delivered', 'fin', 'swap'],
  evidence: ['TF202', 'TF201', 'TF200', 'TF203', 'TF207', 'TF221'],
  reason: ['rst', 'syn', 'ack', 'other', 'rstInListen', 'rstBadAck', 'rstNoAck', 'noSyn'],
  kind: ['andOutside', 'endOutside', 'nested', 'unterminated', 'wait'],
  since: [0, 1],
  sameLine: [0, 1],
  syn: [0, 1],
  rst: [0, 1],
};
/** TF100's `expected` is what the parser wanted, not a number. */
const PARSER_EXPECTED = ['statement', 'arrow', 'participant', 'colon', 'segment', 'state', 'closeParen', 'value', 'endOfLine', 'noteTarget', 'noteText', 'waitAmount', 'label', 'as'];

/** Each set's arguments, once per value of every branch argument (the others keep their first value). */
function argVariants(set: WordSet, code?: DiagnosticCode): MessageArgs[] {
  const base: MessageArgs = { ...COMMON, ...set.args, ...Object.fromEntries(Object.entries(BRANCHES).map(([k, v]) => [k, v[0]])) };
  const out: MessageArgs[] = [base];
  for (const [k, values] of Object.entries(BRANCHES)) for (const v of values.slice(1)) out.push({ ...base, [k]: v });
  if (code === 'TF100') for (const e of PARSER_EXPECTED) for (const found of [set.args.found, undefined]) out.push({ ...base, expected: e, found });
  // TF203's hint depends on the state: every state, each with the set's other words.
  if (code === 'TF203') for (const state of STATE_NAMES) out.push({ ...base, state });
  return out;
}

export interface Rendered {
  where: string;
  set: WordSet;
  text: string;
}

/** Every text of `catalog` with every set of words. */
export function renderAll(catalog: Catalog): Rendered[] {
  const out: Rendered[] = [];
  for (const set of WORD_SETS) {
    const push = (where: string, text: string) => out.push({ where, set, text });
    for (const code of Object.keys(CODES) as DiagnosticCode[]) for (const a of argVariants(set, code)) push(code, catalog.messages[code](a));
    for (const kind of Object.keys(catalog.fixes) as FixKind[]) for (const a of argVariants(set)) push(`fix ${kind}`, catalog.fixes[kind](a));
    for (const a of argVariants(set)) {
      push('related', catalog.related(a));
      push('causedBy', catalog.causedBy(a));
    }
    const w = (k: string) => String(set.args[k]);
    const d = catalog.docs;
    for (const text of strings(d)) push('docs', text);
    for (const f of Object.values(d.initial)) push('docs.initial', f(w('state') as never));
    push('docs.aliasOf', d.words.aliasOf(w('state') as never));
    push('docs.sndNxt', d.words.sndNxt(w('name')));
    push('docs.rcvNxt', d.words.rcvNxt(w('name')));
    push('docs.inferredValue', d.words.inferredValue(d.words.sndNxt(w('name'))));
    push('docs.expectedValue', d.words.expectedValue(w('written')));
    const st = d.story;
    push('story.heading', st.heading(w('name')));
    push('story.howGotHere', st.howGotHere(w('name')));
    push('story.sent', st.sent(3, w('what')));
    push('story.received', st.received(3, w('evWhat')));
    push('story.waited', st.waited(3, '2MSL'));
    for (const f of [st.wroteEarlier, st.wroteLater]) push('story.wrote', f(w('asserted') as never, w('name'), 3));
    push('story.wroteNever', st.wroteNever(w('asserted') as never, w('name')));
    const ui = catalog.ui;
    for (const text of strings(ui)) push('ui', text);
    for (const f of [ui.editor.renameInvalid, ui.editor.renameReserved, ui.editor.renameTaken]) push('ui.rename', f(w('name')));
    push('ui.summary', ui.cli.summary({ errors: 3, warnings: 1, infos: 0, files: 2 }));
    push('ui.mermaidBlocks', ui.cli.mermaidBlocks(2, 1));
    for (const check of [false, true]) for (const changed of [0, 2]) push('ui.syncSummary', ui.cli.syncSummary(changed, 3, check));
    push('ui.errors', ui.preview.errors(1, 3, catalog.messages.TF200(argVariants(set)[0])));
    push('ui.errors', ui.preview.errors(2, 3, catalog.messages.TF202(argVariants(set)[0])));
    push('ui.tooLarge', ui.preview.tooLarge(12000, 10000));
    push('ui.renderFailed', ui.preview.renderFailed('Parse error'));
    push('ui.pngTooLarge', ui.preview.pngTooLarge(40000, 32767));
  }
  return out;
}

/** Every string in a nested object of texts. */
function strings(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  if (o && typeof o === 'object') return Object.values(o).flatMap(strings);
  return [];
}
