// The outline and folding. The outline lists the title, the participants and the flow's phases
// (establishment, data transfer, termination) with their messages; phases come from the
// checker's computed states, not from what the notes assert.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { Lang } from '../../core/i18n';
import type { Flag, MessageStmt, ParBlock, Range, Statement, TcpState } from '../../core/syntax/ast';
import type { Analysis, MessageInfo, ParticipantInfo } from '../../core/tcp/analysis';
import { isCommentOnly, type MemoLine } from '../../core/syntax/lineMemo';
import type { AnalyzedDocument } from '../document';
import { ui, words } from '../../core/i18n';
import { isSynchronized } from '../../core/tcp/endpoint';
import { messagesOf } from '../../core/tcp/events';
import { FLAG_DISPLAY_ORDER } from '../../core/syntax/vocabulary';
import { lastStepUpTo } from './analysisIndex';

type Phase = 'establishment' | 'data' | 'termination';

/** The outline's words: the phases, and "lost" as the diagrams and tables say it. */
function outlineWords(lang: Lang): Record<Phase | 'title' | 'lost' | 'par', string> {
  const e = ui(lang).editor;
  return { ...e.phases, title: e.title, lost: words(lang).lost, par: e.inFlightTogether };
}
type OutlineWords = ReturnType<typeof outlineWords>;

const byStart = (a: { range: Range }, b: { range: Range }) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export function documentSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  const a = doc.analysis;
  const w = outlineWords(doc.lang);
  const out: DocumentSymbol[] = [];
  for (const s of a.doc.statements) {
    if (s.kind !== 'title') continue;
    // An empty name is refused by VS Code.
    out.push({ name: s.text.text.trim() || w.title, detail: w.title, kind: SymbolKind.String, range: s.range, selectionRange: s.text.range });
  }
  for (const p of a.participants) {
    const sym = participantSymbol(p, a);
    if (sym) out.push(sym);
  }
  out.push(...phaseSymbols(a, doc.lang));
  return out.sort(byStart);
}

function participantSymbol(p: ParticipantInfo, a: Analysis): DocumentSymbol | undefined {
  const detail = p.label !== undefined ? `${p.label} (${p.initial})` : p.initial;
  if (p.declaration) {
    return { name: p.name, detail, kind: SymbolKind.Object, range: p.declaration.range, selectionRange: p.declaration.nameRange };
  }
  // Never declared: the symbol sits on its first use in the flow.
  for (const { stmt: m } of a.messages) {
    const end = m.from.name === p.name ? m.from : m.to.name === p.name ? m.to : undefined;
    if (end) return { name: p.name, detail, kind: SymbolKind.Object, range: end.range, selectionRange: end.range };
  }
  return undefined;
}


interface PhaseRun {
  phase: Phase;
  statements: Statement[];
}

/**
 * A message statement's facts, for statements asked in line order: one walk along the analysis's
 * messages (they are in line order), no map of them all (the outline is asked after every edit).
 * Undefined for a message the flow leaves out (to oneself, TF108).
 */
type Infos = (m: MessageStmt) => MessageInfo | undefined;

/** Makes a new walk (an Infos) each time it is called; whether the messages are in line order is looked at once. */
function infoWalks(a: Analysis): () => Infos {
  const list = a.messages;
  // Messages are sent in line order (a `par` block's too); were they not, a map answers.
  if (list.some((m, k) => k > 0 && m.stmt.line < list[k - 1].stmt.line)) {
    const byStmt = new Map(list.map((m) => [m.stmt, m]));
    return () => (m) => byStmt.get(m);
  }
  return () => {
    let i = 0;
    return (m) => {
      while (i < list.length && list[i].stmt.line < m.line) i++;
      return i < list.length && list[i].stmt === m ? list[i] : undefined;
    };
  };
}

/** Splits the flow statements into phases, in order; statements before the first message belong to none. */
function phaseRuns(a: Analysis, info: Infos): PhaseRun[] {
  // Statements come in source order and steps in execution order, which agree between statements.
  let stepIndex = 0;
  const stateBefore = (line: number, name: string): TcpState | undefined => {
    for (; stepIndex < a.steps.length && a.steps[stepIndex].line < line; stepIndex++);
    return stepIndex === 0 ? a.participants.find((p) => p.name === name)?.initial : a.steps[stepIndex - 1].stateOf(name);
  };
  const runs: PhaseRun[] = [];
  let current: PhaseRun | undefined;
  let pair: string[] = [];
  for (const s of a.doc.statements) {
    // A message the flow leaves out (to oneself, TF108) belongs to no phase.
    if (s.kind === 'title' || s.kind === 'participant') continue;
    const one = s.kind === 'message' ? info(s) : undefined;
    if (s.kind === 'message' && !one) continue;
    const infos = one ? [one] : s.kind === 'par' ? messagesOf([s]).flatMap((m) => info(m) ?? []) : [];
    let phase = current?.phase;
    if (infos.length > 0) {
      const has = (f: Flag) => infos.some((m) => m.flags.includes(f));
      if (phase === 'termination' || has('FIN') || has('RST')) phase = 'termination';
      else if (phase === undefined) {
        const syn = infos.find((m) => m.flags.includes('SYN'));
        phase = syn ? 'establishment' : 'data';
        if (syn) pair = [syn.from, syn.to];
      } else if (phase === 'establishment') {
        // Both ends past the handshake: synchronized (RFC 9293 §3.5.2).
        if (pair.every((n) => { const st = stateBefore(s.range.start.line, n); return st && isSynchronized(st); })) phase = 'data';
      }
    }
    if (phase === undefined) continue;
    if (phase !== current?.phase) runs.push((current = { phase, statements: [] }));
    current.statements.push(s);
  }
  return runs;
}

/**
 * How many messages the outline lists, at most (in the text's order). VS Code asks for the outline
 * after every edit and it has no delta: a capture of 10,000 segments would send 2.4 MB each time,
 * and 2,000 messages were still 480 KB and some 4 ms of a keystroke's 25 (issue 13). The first
 * 1,000 still make an outline one can read; the phases span the whole flow, and a phase whose
 * messages are cut ends with one entry saying how many more it has (as VS Code's own JSON outline
 * stops at `json.maxItemsComputed`).
 */
export const MAX_OUTLINE_MESSAGES = 1000;

function phaseSymbols(a: Analysis, lang: Lang): DocumentSymbol[] {
  const w = outlineWords(lang);
  const walk = infoWalks(a);
  const info = walk();
  let listed = 0;
  return phaseRuns(a, walk()).map((run) => {
    const first = run.statements[0];
    const last = run.statements[run.statements.length - 1];
    const range = { start: first.range.start, end: last.range.end };
    const after = lastStepUpTo(a, last.range.end.line)?.states ?? {};
    const detail = Object.entries(after).map(([n, st]) => `${n}: ${st}`).join(', ');
    const children: DocumentSymbol[] = [];
    let left: { from: Statement; messages: number } | undefined;
    for (const s of run.statements) {
      if (s.kind !== 'message' && s.kind !== 'par') continue;
      if (listed >= MAX_OUTLINE_MESSAGES) {
        left ??= { from: s, messages: 0 };
        left.messages += s.kind === 'message' ? 1 : messagesOf([s]).filter((m) => info(m)).length;
        continue;
      }
      const sym = s.kind === 'message' ? messageSymbol(s, info(s), w.lost) : parSymbol(s, info, w);
      listed += sym.children?.length ?? 1;
      children.push(sym);
    }
    if (left) children.push(moreSymbol(left.from, last, left.messages, lang));
    const selectionRange = first.kind === 'par' ? first.parRange : first.range;
    return { name: w[run.phase], detail, kind: SymbolKind.Namespace, range, selectionRange, children };
  });
}

/** The entry that ends a phase whose messages the outline does not list all of. */
function moreSymbol(from: Statement, last: Statement, messages: number, lang: Lang): DocumentSymbol {
  const selectionRange = from.kind === 'par' ? from.parRange : from.range;
  const name = ui(lang).editor.moreMessages(messages, MAX_OUTLINE_MESSAGES);
  return { name, kind: SymbolKind.Event, range: { start: from.range.start, end: last.range.end }, selectionRange };
}

function parSymbol(p: ParBlock, info: Infos, w: OutlineWords): DocumentSymbol {
  const children = messagesOf([p]).flatMap((m) => {
    const mi = info(m);
    return mi ? [messageSymbol(m, mi, w.lost)] : [];
  });
  return { name: 'par', detail: w.par, kind: SymbolKind.Struct, range: p.range, selectionRange: p.parRange, children };
}

/** `A → B: SYN,ACK`, with the flags as written (an ACK the checker added is left out). */
function messageSymbol(m: MessageStmt, mi: MessageInfo | undefined, lost: string): DocumentSymbol {
  const written = new Set(m.segment.flags.map((f) => f.flag));
  const flags = mi ? mi.flags.filter((f) => !(f === 'ACK' && mi.ackFlagAdded)) : FLAG_DISPLAY_ORDER.filter((f) => written.has(f));
  const name = `${m.from.name} → ${m.to.name}${flags.length ? `: ${flags.join(',')}` : ''}`;
  const parts: string[] = [];
  if (mi) {
    if (mi.seq !== undefined) parts.push(`seq=${mi.seq}`);
    if (mi.ack !== undefined) parts.push(`ack=${mi.ack}`);
    if (mi.len > 0) parts.push(`len=${mi.len}`);
  }
  if (m.arrow === '-x') parts.push(`(${lost})`);
  return { name, detail: parts.join(' '), kind: SymbolKind.Event, range: m.range, selectionRange: m.range };
}

export function foldingRanges(doc: AnalyzedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of doc.analysis.doc.statements) {
    if (s.kind !== 'par') continue;
    const end = s.endLine ?? s.range.end.line;
    if (end > s.line) out.push({ startLine: s.line, endLine: end });
  }
  let runStart = -1;
  // A line holding only a comment, as the lexer found it.
  const isComment = (l: MemoLine | undefined) => l !== undefined && isCommentOnly(l);
  for (let i = 0; i <= doc.lines.length; i++) {
    if (isComment(doc.parsed[i])) {
      if (runStart < 0) runStart = i;
    } else {
      if (runStart >= 0 && i - 1 > runStart) out.push({ startLine: runStart, endLine: i - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}
