// Inlay hints: at the end of each message (and `wait 2MSL`) line, the states it leads to for the
// participants it changed; right after a segment, the seq/ack the checker inferred where the
// note left them out. Each kind follows its `tcpflow.inlayHints.*` setting.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Pos } from '../../core/syntax/ast';
import type { MessageInfo, ShownValue } from '../../core/tcp/analysis';
import type { AnalyzedDocument, ServerSettings } from '../document';
import { effectsOnLines, messagesOnLines } from './analysisIndex';
import { docs, type Docs as TcpDocs } from '../../core/i18n';

export function inlayHints(doc: AnalyzedDocument, range: Range, settings: ServerSettings): InlayHint[] {
  const { states, inferredNumbers } = settings.inlayHints;
  if (!states && !inferredNumbers) return [];
  const a = doc.analysis;
  const d = docs(doc.lang);
  const hints: InlayHint[] = [];
  if (inferredNumbers) for (const m of messagesOnLines(a, range.start.line, range.end.line)) hints.push(...numberHints(m, d));
  if (states) {
    for (const { stmt, transitions } of effectsOnLines(a, range.start.line, range.end.line).values()) {
      // At the end of the statement, before any comment or trailing white space.
      const end = stmt.range.end;
      // One hint per participant, in the order the line affected them (sender, then receiver).
      const net = new Map<string, { from: string; to: string }>();
      for (const t of transitions) {
        if (t.lost) continue;
        const seen = net.get(t.name);
        net.set(t.name, { from: seen?.from ?? t.from, to: t.to });
      }
      for (const [name, { from, to }] of net) {
        if (from === to) continue;
        hints.push({ position: end, label: `${name}: ${to}`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: `${d.words.stateAfter}: ${name}: ${from} → ${to}` });
      }
    }
  }
  return hints.filter((h) => inRange(h.position, range)).sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
}

/** `seq=101`, `ack=301` right after the segment, only for values the note omitted and the checker knows. */
function numberHints(m: MessageInfo, d: TcpDocs): InlayHint[] {
  const at = m.stmt.segment.range.end;
  const out: InlayHint[] = [];
  const add = (key: string, v: ShownValue | undefined, what: string) => {
    if (v === undefined) return;
    out.push({ position: at, label: `${key}=${v}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: d.words.inferredValue(what) });
  };
  if (m.seqInferred) add('seq', m.seq, d.words.sndNxt(m.from));
  if (m.ackInferred && m.flags.includes('ACK')) add('ack', m.ack, d.words.rcvNxt(m.from));
  return out;
}

function inRange(p: Pos, r: Range): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
