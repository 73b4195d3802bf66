// Checks over the whole tree once its lines are assembled (Langium-style: one small check per
// rule), for what no single line can know: a participant declared twice (TF104), a statement a
// `par` block cannot hold (TF106), a message to oneself (TF108). The statements stay in the tree,
// so the editor still colours, formats and renames them; the flow leaves them out: only the first
// declaration of a name counts (tcp/initialStates.ts), a message to oneself is no event
// (tcp/events.ts), and what a par block cannot hold is kept in its `misplaced`, in no branch.
import { diag, type Diagnostic } from '../diagnostics';
import type { MessageStmt, Range, Statement, TcpflowDocument } from './ast';

type Report = (d: Diagnostic) => void;
type Check = (statements: readonly Statement[], report: Report) => void;

/** A segment goes from one endpoint to the other: a message from a participant to itself is no TCP event. */
export const sendsToItself = (m: MessageStmt): boolean => m.from.name === m.to.name;

/** The keyword at the start of a statement (`participant`, `wait`…): its kind is its keyword. */
function keywordRange(s: Statement): Range {
  const start = s.range.start;
  return { start, end: { line: start.line, character: start.character + s.kind.length } };
}

/** TF104: a participant is declared once (SPEC §3.2); the first declaration is the one that counts. */
const declaredOnce: Check = (statements, report) => {
  const first = new Map<string, number>();
  for (const s of statements) {
    if (s.kind !== 'participant') continue;
    const line = first.get(s.name);
    if (line === undefined) first.set(s.name, s.line);
    else report(diag('TF104', s.nameRange, { name: s.name, firstLine: line + 1 }));
  }
};

/** TF106: a par block holds messages and notes, the segments that cross in flight (SPEC §3.4). */
const parHoldsMessagesAndNotes: Check = (statements, report) => {
  for (const s of statements) {
    if (s.kind === 'par') for (const m of s.misplaced) report(diag('TF106', keywordRange(m), { kind: m.kind }));
  }
};

/** TF108: no participant sends to itself. */
const noMessageToItself: Check = (statements, report) => {
  const check = (m: Statement): void => {
    if (m.kind === 'message' && sendsToItself(m)) report(diag('TF108', m.to.range, { name: m.to.name }));
  };
  for (const s of statements) {
    if (s.kind !== 'par') check(s);
    else for (const branch of s.branches) for (const m of branch) check(m);
  }
};

const CHECKS: readonly Check[] = [declaredOnce, parHoldsMessagesAndNotes, noMessageToItself];

/** The diagnostics of every check, by line. */
export function validate(doc: TcpflowDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of CHECKS) check(doc.statements, (d) => out.push(d));
  // Stable: at most one of them per line.
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}
