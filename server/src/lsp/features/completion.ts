// Completion: keywords, participants and flow snippets at the start of a statement; state names
// in assertions (the one the checker computes first); participants after an arrow; flags and
// fields in a segment; and after `seq=`/`ack=` the number the checker expects there.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type Command,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { STATE_NAMES, type Flag, type TcpState } from '../../core/syntax/ast';
import { otherSpellings } from '../../core/syntax/states';
import {
  FIELD_KEYS,
  FLAGS,
  NOTE_POSITIONS,
  OFFERED_PAIRS,
  STATEMENT_KEYWORDS,
  WAIT_AMOUNTS,
  allowedInPar,
  isBareField,
  neverWith,
  onlyInPar,
  standsAlone,
  type StatementKeyword,
} from '../../core/syntax/vocabulary';
import type { AnalyzedDocument } from '../document';
import { completionContext, type CompletionContext } from './completionContext';
import { parBlockAt } from './analysisIndex';
import { expectedNumber, expectedState } from './expected';
import { FLOW_SNIPPETS, expandDefaults } from './flowSnippets';
import { docs, type Docs as TcpDocs, type Keyword } from '../../core/i18n';

const SUGGEST_AGAIN: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** A statement keyword as completion offers it: `note` once per position. */
const offered = (k: StatementKeyword): Keyword[] => (k === 'note' ? NOTE_POSITIONS.map((p) => `note ${p}` as const) : [k]);
const TOP_KEYWORDS: Keyword[] = STATEMENT_KEYWORDS.filter((k) => !onlyInPar(k)).flatMap(offered);
/** Only messages and notes may stand inside a par block (SPEC §3.4). */
const PAR_KEYWORDS: Keyword[] = STATEMENT_KEYWORDS.filter(allowedInPar).flatMap(offered);
/** Keywords that make a whole line; the others are followed by a space and their arguments. */
const isAlone = (k: Keyword): boolean => (STATEMENT_KEYWORDS as readonly string[]).includes(k) && standsAlone(k as StatementKeyword);

/** Spellings notes use for the RFC names (SPEC §3.8); each inserts the canonical name. */
const STATE_ALIASES = otherSpellings();

/** Each flag alone, then the pairs notes write as one (SYN,ACK · FIN,ACK). */
const SEGMENT_FLAGS: (readonly Flag[])[] = [...FLAGS.map((f) => [f]), ...OFFERED_PAIRS];

export function completion(doc: AnalyzedDocument, position: Position): CompletionItem[] {
  const text = doc.lines[position.line] ?? '';
  const ctx = completionContext(text, position.character);
  if (!ctx) return [];
  const d = docs(doc.lang);
  const items = build(doc, ctx, d, position.line);
  const r: Range = { start: { line: position.line, character: ctx.word.start }, end: { line: position.line, character: ctx.word.end } };
  // Every item replaces the word under the cursor; sortText keeps the order given here.
  return items.map(({ newText, ...it }, i) => ({ ...it, textEdit: { range: r, newText: newText ?? it.label }, sortText: String(i).padStart(3, '0') }));
}

/** An item before it gets its range: `newText` defaults to the label. */
type Item = Omit<CompletionItem, 'textEdit'> & { newText?: string };

function build(doc: AnalyzedDocument, ctx: CompletionContext, d: TcpDocs, line: number): Item[] {
  switch (ctx.kind) {
    case 'statementStart': {
      // Only messages and notes may stand inside a par block (SPEC §3.4).
      const inPar = parBlockAt(doc.analysis, line) !== undefined;
      return [...participants(doc, d), ...keywords(inPar, d), ...(inPar ? [] : snippets(d))];
    }
    case 'participants':
      return participants(doc, d, ctx.exclude);
    case 'states':
      return states(d, ctx.checked && ctx.owner ? expectedState(doc.analysis, line, ctx.owner.name, ctx.owner.receiver) : undefined, ctx.closeParen);
    case 'segment':
      return segmentItems(d, ctx.flags, ctx.fields);
    case 'value':
      return value(doc, d, line, ctx);
    case 'notePosition':
      return NOTE_POSITIONS.map((p) => ({ label: p, kind: CompletionItemKind.Keyword, newText: `${p} `, command: SUGGEST_AGAIN }));
    case 'waitAmount':
      return WAIT_AMOUNTS.map((w) => ({ label: w, kind: CompletionItemKind.Value, detail: d.words.waitAmount[w] }));
  }
}

function participants(doc: AnalyzedDocument, d: TcpDocs, exclude?: string): Item[] {
  return doc.analysis.participants
    .filter((p) => p.name !== exclude)
    .map((p) => ({ label: p.name, kind: CompletionItemKind.Variable, detail: p.label ? `${d.words.participant} · ${p.label}` : d.words.participant }));
}

function keywords(inPar: boolean, d: TcpDocs): Item[] {
  return (inPar ? PAR_KEYWORDS : TOP_KEYWORDS).map((k) => {
    const item: Item = { label: k, kind: CompletionItemKind.Keyword, detail: d.keywords[k], newText: isAlone(k) ? k : `${k} ` };
    // After these a list follows (participants, 2MSL): show it at once.
    if (k.startsWith('note') || k === 'wait' || k === 'state') item.command = SUGGEST_AGAIN;
    return item;
  });
}

function snippets(d: TcpDocs): Item[] {
  return FLOW_SNIPPETS.map((s) => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    detail: d.snippets[s.id],
    documentation: { kind: MarkupKind.Markdown, value: '```tcpflow\n' + expandDefaults(s.body) + '\n```' },
    newText: s.body,
  }));
}

function states(d: TcpDocs, expected: TcpState | undefined, closeParen: boolean): Item[] {
  const close = closeParen ? ')' : '';
  const doc = (s: TcpState) => ({ kind: MarkupKind.Markdown, value: `${d.states[s].waits}\n\n${d.states[s].next}` });
  const order = expected ? [expected, ...STATE_NAMES.filter((s) => s !== expected)] : [...STATE_NAMES];
  const canonical: Item[] = order.map((s) => ({
    label: s,
    kind: CompletionItemKind.EnumMember,
    documentation: doc(s),
    newText: s + close,
    ...(s === expected && { preselect: true, detail: d.words.expectedState }),
  }));
  const aliases: Item[] = STATE_ALIASES.map(([alias, s]) => ({
    label: alias,
    kind: CompletionItemKind.EnumMember,
    detail: d.words.aliasOf(s),
    documentation: doc(s),
    newText: s + close,
  }));
  return [...canonical, ...aliases];
}

function segmentItems(d: TcpDocs, flags: Set<Flag>, fields: Set<string>): Item[] {
  const out: Item[] = [];
  for (const combo of SEGMENT_FLAGS) {
    if (combo.some((f) => flags.has(f) || neverWith(f).some((g) => flags.has(g)))) continue;
    const label = combo.join(',');
    const detail = combo.map((f) => d.flags[f].summary).join(' + ');
    const documentation = { kind: MarkupKind.Markdown, value: combo.map((f) => `**${f}** — ${d.flags[f].body}`).join('\n\n') };
    out.push({ label, kind: CompletionItemKind.Constant, detail, documentation });
  }
  for (const key of FIELD_KEYS) {
    if (fields.has(key.toLowerCase())) continue;
    const bare = isBareField(key.toLowerCase());
    const item: Item = {
      label: bare ? key : `${key}=`,
      kind: CompletionItemKind.Field,
      detail: d.fields[key].summary,
      documentation: { kind: MarkupKind.Markdown, value: d.fields[key].body },
    };
    if (key === 'seq' || key === 'ack') item.command = SUGGEST_AGAIN;
    out.push(item);
  }
  return out;
}

function value(doc: AnalyzedDocument, d: TcpDocs, line: number, ctx: Extract<CompletionContext, { kind: 'value' }>): Item[] {
  const expected = expectedNumber(doc, line, ctx.key, ctx.from, ctx.to);
  if (!expected) return [];
  const what = ctx.key === 'seq' ? d.words.sndNxt(expected.sender) : d.words.rcvNxt(expected.sender);
  const label = String(expected.value);
  return [{ label, kind: CompletionItemKind.Value, preselect: true, detail: d.words.expectedValue(what) }];
}
