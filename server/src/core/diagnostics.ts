// Diagnostics: stable codes, severities, ranges and machine-readable fixes (SPEC §5).
// The text of a message lives in i18n/, keyed by code, so every message exists in English and Korean.
import type { Range } from './syntax/ast';
import { plainRange } from './syntax/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Key into the fix-title catalogue (i18n), e.g. `setSeq`. */
  kind: FixKind;
  args: MessageArgs;
  edits: TextEdit[];
}

export type FixKind =
  | 'setSeq'
  | 'setAck'
  | 'setState'
  | 'addAck'
  | 'replaceState'
  | 'declareState'
  | 'mendRoot';

export type MessageArgs = Record<string, string | number | undefined>;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  range: Range;
  /** Arguments of the message; the text is made by i18n `formatMessage`. */
  args: MessageArgs;
  fix?: Fix;
  /** Other ways to resolve it, offered after `fix` (e.g. declare the state the note assumed). */
  alternatives?: Fix[];
  /** Other places that explain it: the line whose mistake became certain here (SPEC §8.6). */
  related?: RelatedInfo[];
}

/** A place a diagnostic points at; its text is made by i18n, like the diagnostic's own. */
export interface RelatedInfo {
  range: Range;
  args: MessageArgs;
}

/** A diagnostic with its text in one language, as the CLI and the language server show it. */
export interface LocalizedDiagnostic extends Diagnostic {
  message: string;
  fixTitle?: string;
  /** `related`, each with its text. */
  relatedInformation?: { range: Range; message: string }[];
}

/**
 * Stable codes. TF1xx come from the parser, TF2xx from the TCP checker.
 * Never renumber: users and CI scripts match on them.
 */
export const CODES = {
  // --- syntax (parser) ---
  TF100: 'error', // syntax error: unexpected or missing token
  TF101: 'error', // unknown state name
  TF102: 'error', // number out of range (above 4294967295)
  TF103: 'warning', // unknown field key=value (kept and shown)
  TF104: 'error', // participant declared twice
  TF105: 'error', // par/and/end misuse: `and`/`end` outside par, nested par, unterminated par
  TF106: 'error', // statement not allowed inside a par block
  TF107: 'error', // unterminated string
  TF108: 'error', // a message from a participant to itself
  TF109: 'warning', // field written twice (the first is used)
  TF110: 'error', // a line longer than limits.ts MAX_LINE_CHARS: not read
  TF111: 'error', // the document is over limits.ts DOCUMENT_BUDGET: only its first part is checked
  // --- TCP checker (RFC 9293 §3.10) ---
  TF200: 'error', // state assertion differs from the computed state
  TF201: 'error', // seq is not SND.NXT (nor a retransmission / keep-alive)
  TF202: 'error', // ack is not RCV.NXT
  TF203: 'error', // this state may not send this segment
  TF204: 'warning', // missing ACK flag
  TF205: 'warning', // ack= written without the ACK flag
  TF206: 'error', // never-valid flag combination (SYN+FIN, SYN+RST)
  TF207: 'error', // new data or FIN after the sender's own FIN
  TF208: 'error', // wrong RST sequence number
  TF209: 'error', // a note or state line names no participant of the flow
  TF210: 'information', // retransmission
  TF211: 'information', // duplicate segment received
  TF212: 'information', // keep-alive probe
  TF213: 'information', // segment to a CLOSED endpoint: answered with RST
  TF214: 'information', // unacceptable SYN,ACK in SYN_SENT (old duplicate): answered with RST
  TF215: 'information', // challenge ACK (RFC 5961): RST with wrong seq, SYN in a synchronized state
  TF216: 'information', // out-of-order segment kept until the gap is filled
  TF217: 'information', // segment in LISTEN that is not a SYN: answered with RST or dropped
  TF218: 'information', // segment ignored (RST in LISTEN, RST without acceptable ACK in SYN_SENT, …)
  TF219: 'information', // unacceptable ACK in SYN_RECEIVED: answered with RST
  TF220: 'information', // SYN in TIME_WAIT opens a new connection (RFC 9293 §3.10.7.4)
  TF221: 'error', // an earlier line's mistake (length, lost, FIN left out, swapped ends) became certain here (SPEC §8.6)
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof CODES;

/** A diagnostic is plain data: the tree's ranges (syntax/span.ts LineRange) are copied out. */
export function diag(code: DiagnosticCode, range: Range, args: MessageArgs = {}, fix?: Fix): Diagnostic {
  const r = plainRange(range);
  return fix ? { code, severity: CODES[code], range: r, args, fix: plainFix(fix) } : { code, severity: CODES[code], range: r, args };
}

/** The fix with plain copies of its edits' ranges. */
export function plainFix(fix: Fix): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ range: plainRange(e.range), newText: e.newText })) };
}
