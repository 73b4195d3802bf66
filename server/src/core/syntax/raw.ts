// What the line parser (parser.ts) recognises: the tokens of each part of a statement, before
// build.ts and segment.ts turn them into AST nodes with ranges and values.
import type { IToken } from 'chevrotain';
import type { NotePosition } from './vocabulary';

/** What a TF100 says was expected (a message key, not text). */
export type Expected =
  | 'statement'
  | 'arrow'
  | 'participant'
  | 'colon'
  | 'segment'
  | 'state'
  | 'closeParen'
  | 'value'
  | 'endOfLine'
  | 'noteTarget'
  | 'noteText'
  | 'waitAmount'
  | 'label'
  | 'as';

/** `( name )` after a participant; `toks` are the name's adjacent pieces (`TIME`, `-`, `WAIT`). */
export interface RawState {
  toks: IToken[];
}

/** `100`, `x`, `x + 1`: one token, or symbol, operator, number. */
export type RawValue = IToken[];

export interface RawFlagItem {
  t: 'flag';
  flag: IToken;
  /** `SYN(V)`. */
  seed?: { lp: IToken; value: RawValue; rp: IToken };
  /** `SYN=1`, `ack=x+1`. */
  eq?: { eq: IToken; value: RawValue };
  /** The second flag of `SYN-ACK`. */
  alias?: IToken;
}

export interface RawFieldItem {
  t: 'field';
  key: IToken;
  eq?: IToken;
  /** The value of a known key. */
  value?: RawValue;
  /** The tokens written together after an unknown key's `=`. */
  raw?: IToken[];
}

export type RawItem = RawFlagItem | { t: 'synack'; tok: IToken } | RawFieldItem;

/** Filled in as the message is recognised, so what parsed before an error can be kept. */
export interface RawMessage {
  kind: 'message';
  from?: IToken;
  fromState?: RawState;
  arrow?: IToken;
  to?: IToken;
  toState?: RawState;
  colon?: IToken;
  items: RawItem[];
  label?: IToken;
}

export type RawLine =
  | { kind: 'title' | 'wait' | 'par' | 'and' | 'end'; kw: IToken }
  | { kind: 'participant'; kw: IToken; name: IToken; label?: IToken[]; state?: RawState }
  | { kind: 'note'; kw: IToken; position: NotePosition; targets: IToken[]; colon: IToken }
  | { kind: 'state'; kw: IToken; items: { name: IToken; state: RawState }[] }
  | RawMessage;
