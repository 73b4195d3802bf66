// What the diagrams mark on the lines with errors (issue 14: honest error arrows). An arrow shows
// what the note wrote beside what was due (`ack=100 ✗ 101`); a wrong state assertion is marked on
// a state note of that participant, not on the arrow; a root cause (TF221, SPEC §8.6) is marked on
// the root line's arrow, with what was written there and what the flow says it meant, and not on
// the later line where the mistake became certain (that line is right as written).
import type { Diagnostic } from '../diagnostics';
import type { TcpState } from '../syntax/ast';
import type { Analysis } from '../tcp/analysis';

/** What the note wrote, and what was due (both as text, not escaped yet). */
export interface Correction {
  written: string;
  due: string;
}

/** The corrections an arrow shows, where the checker knows what was due. */
export interface ArrowMark {
  seq?: Correction;
  ack?: Correction;
  len?: Correction;
  /** The flags (a FIN left out: `ACK ✗ FIN,ACK`). */
  flags?: Correction;
  /** The arrow as written (`-x ✗ ->`: lost, though it arrived). */
  route?: Correction;
  /** Sender and receiver (`B → A ✗ A → B`: swapped). */
  ends?: Correction;
}

/** A wrong `(STATE)` or `state` assertion: the state written and the state computed. */
export interface StateMark {
  name: string;
  written: TcpState;
  due: TcpState;
}

export interface LineMark {
  /** The line's arrow carries `⚠` (with its corrections); absent when only assertions are wrong. */
  arrow?: ArrowMark;
  /** Wrong assertions on the line, in the order they are written. */
  states: StateMark[];
}

/** By 0-based source line. */
export type ErrorMarks = ReadonlyMap<number, LineMark>;

export const NO_MARKS: ErrorMarks = new Map();

/** What each line with an error marks, from the analysis' error diagnostics (as `present` gave them). */
export function errorMarksOf(a: Analysis): ErrorMarks {
  const marks = new Map<number, LineMark>();
  const at = (line: number): LineMark => {
    let m = marks.get(line);
    if (!m) marks.set(line, (m = { states: [] }));
    return m;
  };
  for (const d of a.diagnostics) {
    if (d.severity !== 'error') continue;
    const line = d.range.start.line;
    const args = d.args;
    switch (d.code) {
      case 'TF200':
        at(line).states.push({ name: String(args.name), written: args.asserted as TcpState, due: args.actual as TcpState });
        break;
      case 'TF201':
      case 'TF208':
        correct(at(line), { seq: { written: String(args.written), due: String(args.expected) } });
        break;
      case 'TF202':
        correct(at(line), { ack: { written: String(args.written), due: String(args.expected) } });
        break;
      case 'TF221':
        markRoot(a, d, at);
        break;
      default:
        correct(at(line), {});
    }
  }
  return marks;
}

function correct(m: LineMark, c: ArrowMark): void {
  m.arrow = { ...m.arrow, ...c };
}

/** TF221: the root line's arrow, with what was written there and what was meant. */
function markRoot(a: Analysis, d: Diagnostic, at: (line: number) => LineMark): void {
  const args = d.args;
  const line = d.related?.[0]?.range.start.line ?? d.range.start.line;
  const written = String(args.written);
  const meant = String(args.meant);
  switch (args.root) {
    case 'length':
      return correct(at(line), { len: { written, due: meant } });
    case 'seq':
      return correct(at(line), { seq: { written, due: meant } });
    case 'ack':
      return correct(at(line), { ack: { written, due: meant } });
    case 'lost':
      return correct(at(line), { route: { written: '-x', due: '->' } });
    case 'delivered':
      return correct(at(line), { route: { written: '->', due: '-x' } });
    case 'fin': {
      // The checker read it with the FIN (its flags as meant); the note wrote them without.
      const flags = a.messages.find((m) => m.stmt.line === line)?.flags ?? [];
      return correct(at(line), { flags: { written: flags.filter((f) => f !== 'FIN').join(','), due: flags.join(',') } });
    }
    case 'swap':
      return correct(at(line), { ends: { written: `${args.from} → ${args.to}`, due: `${args.to} → ${args.from}` } });
    default:
      return correct(at(line), {});
  }
}

/** Whether two lines are marked alike (the preview copies a statement's drawing only then). */
export function sameMark(x: LineMark | undefined, y: LineMark | undefined): boolean {
  if (!x || !y) return x === y;
  return JSON.stringify(x) === JSON.stringify(y);
}
