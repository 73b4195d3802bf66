// The words of the .tcpflow language, written once (SPEC §2, §3): flags, statement and note
// keywords, field keys, state names and aliases, wait amounts, arrows, comments and the identifier
// pattern. Everything that knows a word derives it from here: the lexer's keyword tokens, the
// parser, the checker's flag bits, the capture reader's wire bits, completion, semantic tokens,
// formatting, rename, the catalogues' types and the TextMate grammar (scripts/tmLanguage.ts, which
// test/unit/tmLanguage.test.ts holds to the committed syntaxes/tcpflow.tmLanguage.json).

const keysOf = <T extends object>(o: T): (keyof T & string)[] => Object.keys(o) as (keyof T & string)[];

// --- flags ---------------------------------------------------------------------------------------

/**
 * The TCP flags (RFC 9293 §3.1; ECE and CWR from RFC 3168 §6.1), in the order SPEC §3.3 lists them
 * (completion offers them so):
 * - `shown`: the place in display order, as packet tools list flags (SYN,ACK · FIN,ACK · PSH,ACK);
 * - `wire`: the bit in the TCP header's control bits;
 * - `seed`: the field that seed notation `FLAG(V)` writes (`SYN(x)` is `SYN seq=x`, SPEC §3.3).
 */
const FLAG_FACTS = {
  SYN: { shown: 0, wire: 0x02, seed: 'seq' },
  ACK: { shown: 4, wire: 0x10, seed: 'ack' },
  FIN: { shown: 1, wire: 0x01, seed: 'seq' },
  RST: { shown: 2, wire: 0x04 },
  PSH: { shown: 3, wire: 0x08 },
  URG: { shown: 5, wire: 0x20 },
  ECE: { shown: 6, wire: 0x40 },
  CWR: { shown: 7, wire: 0x80 },
} as const satisfies Record<string, { shown: number; wire: number; seed?: 'seq' | 'ack' }>;

export type Flag = keyof typeof FLAG_FACTS;
export const FLAGS: readonly Flag[] = keysOf(FLAG_FACTS);

/** Flags in display order: SYN FIN RST PSH ACK URG ECE CWR. */
export const FLAG_DISPLAY_ORDER: readonly Flag[] = [...FLAGS].sort((a, b) => FLAG_FACTS[a].shown - FLAG_FACTS[b].shown);

const bits = (bit: (f: Flag) => number): Record<Flag, number> => Object.fromEntries(FLAGS.map((f) => [f, bit(f)])) as Record<Flag, number>;

/** The checker's flag bits: one per flag in display order, so listing a segment's flags walks them upwards. */
export const FLAG_BIT: Readonly<Record<Flag, number>> = bits((f) => 1 << FLAG_FACTS[f].shown);

/** The control bits of a TCP header (RFC 9293 §3.1), as captures carry them. */
export const WIRE_BIT: Readonly<Record<Flag, number>> = bits((f) => FLAG_FACTS[f].wire);

/** The field `FLAG(V)` stands for: `seq` for SYN and FIN, `ack` for ACK, none for the others. */
export function seedField(f: Flag): 'seq' | 'ack' | undefined {
  const facts = FLAG_FACTS[f];
  return 'seed' in facts ? facts.seed : undefined;
}

/** Flags that never go together in one segment (RFC 9293 §3.1; TF206): SYN with FIN, SYN with RST. */
export const NEVER_TOGETHER: readonly (readonly [Flag, Flag])[] = [
  ['SYN', 'FIN'],
  ['SYN', 'RST'],
];

/** The flags that never go with `f` in one segment. */
export function neverWith(f: Flag): Flag[] {
  return NEVER_TOGETHER.flatMap(([a, b]) => (a === f ? [b] : b === f ? [a] : []));
}

/** One word for two flags: `SYNACK` is `SYN,ACK` (and, like any two flags joined by `-`, `SYN-ACK`). */
export const FLAG_PAIR_WORD = { word: 'synack', flags: ['SYN', 'ACK'] } as const satisfies { word: string; flags: readonly [Flag, Flag] };

/** The flag pairs completion offers as one item: the handshake's SYN,ACK and the close's FIN,ACK. */
export const OFFERED_PAIRS: readonly (readonly [Flag, Flag])[] = [FLAG_PAIR_WORD.flags, ['FIN', 'ACK']];

// --- keywords ------------------------------------------------------------------------------------

/**
 * The words that start a statement (SPEC §3), in the order completion offers them. `alone`: the
 * word is the whole statement; `inPar`: it may stand inside a `par` block (SPEC §3.4: notes, and
 * messages, which start with a name); `parOnly`: it means something only there.
 */
const STATEMENT_FACTS = {
  participant: {},
  title: {},
  par: { alone: true },
  and: { alone: true, inPar: true, parOnly: true },
  end: { alone: true, inPar: true, parOnly: true },
  note: { inPar: true },
  wait: {},
  state: {},
} as const satisfies Record<string, { alone?: true; inPar?: true; parOnly?: true }>;

export type StatementKeyword = keyof typeof STATEMENT_FACTS;
export const STATEMENT_KEYWORDS: readonly StatementKeyword[] = keysOf(STATEMENT_FACTS);

type Facts = { alone?: true; inPar?: true; parOnly?: true };
const facts = (k: StatementKeyword): Facts => STATEMENT_FACTS[k];
/** The keyword makes the whole line (`par`, `and`, `end`). */
export const standsAlone = (k: StatementKeyword): boolean => !!facts(k).alone;
/** The statement may stand inside a `par` block. */
export const allowedInPar = (k: StatementKeyword): boolean => !!facts(k).inPar;
/** The keyword means something only inside a `par` block (`and`, `end`). */
export const onlyInPar = (k: StatementKeyword): boolean => !!facts(k).parOnly;

/** Where a note goes (SPEC §3.5, as Mermaid writes it). */
export const NOTE_POSITIONS = ['over', 'left of', 'right of'] as const;
export type NotePosition = (typeof NOTE_POSITIONS)[number];

/** The words note positions are made of: `over`, `left`, `of`, `right`. */
export type NoteWord = 'over' | 'left' | 'right' | 'of';
export const NOTE_WORDS: readonly NoteWord[] = [...new Set(NOTE_POSITIONS.flatMap((p) => p.split(' ') as NoteWord[]))];

/** `participant A as "Client"`: the word before a participant's label. */
export const LABEL_WORD = 'as';

// --- fields --------------------------------------------------------------------------------------

/**
 * Field keys as the language spells them (SPEC §3.3; read in any case) and the value each takes:
 * `sequence` a number, a symbol or a symbol ± a number (`x+1`); `number` a plain number. `bare`: it
 * may also be written alone (`sackOK`). `effective`: the checker settles it (written or inferred),
 * so renderers show the checker's value rather than the written one.
 */
const FIELD_FACTS = {
  seq: { value: 'sequence', effective: true },
  ack: { value: 'sequence', effective: true },
  len: { value: 'number', effective: true },
  win: { value: 'number' },
  mss: { value: 'number' },
  wscale: { value: 'number' },
  sackOK: { value: 'number', bare: true },
  ts: { value: 'number' },
} as const satisfies Record<string, { value: 'sequence' | 'number'; bare?: true; effective?: true }>;

export type FieldKey = keyof typeof FIELD_FACTS;
export const FIELD_KEYS: readonly FieldKey[] = keysOf(FIELD_FACTS);

/** The keys as the tree stores them (lower case: `sackok`). */
export const KNOWN_FIELDS: readonly string[] = FIELD_KEYS.map((k) => k.toLowerCase());

const BY_LOWER = new Map<string, FieldKey>(FIELD_KEYS.map((k) => [k.toLowerCase(), k]));
type FieldFacts = { value: 'sequence' | 'number'; bare?: true; effective?: true };
// Sets of lower-case keys: the parser asks for every field it reads.
const lowerKeysWhere = (has: (f: FieldFacts) => boolean): ReadonlySet<string> =>
  new Set(FIELD_KEYS.filter((k) => has(FIELD_FACTS[k])).map((k) => k.toLowerCase()));
const NUMERIC = lowerKeysWhere((f) => f.value === 'number');
const BARE = lowerKeysWhere((f) => !!f.bare);
const EFFECTIVE = lowerKeysWhere((f) => !!f.effective);

/** A key as written (any case) → its spelling, if the language knows it (`SACKOK` → `sackOK`). */
export const fieldKey = (written: string): FieldKey | undefined => BY_LOWER.get(written.toLowerCase());
/** The known (lower-case) key takes a plain number, not a symbol. */
export const isNumericField = (lowerKey: string): boolean => NUMERIC.has(lowerKey);
/** The known (lower-case) key may stand alone, without `=`. */
export const isBareField = (lowerKey: string): boolean => BARE.has(lowerKey);
/** The checker settles the (lower-case) key's value: seq, ack, len. */
export const isEffectiveField = (lowerKey: string): boolean => EFFECTIVE.has(lowerKey);

// --- states --------------------------------------------------------------------------------------

/** RFC 9293 state names (§3.3.2), canonical, in the RFC's order (SPEC §3.8). */
export const STATE_NAMES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;
export type TcpState = (typeof STATE_NAMES)[number];

/**
 * Other names notes give a state (SPEC §3.8; SYN-RECV as `ss` and `netstat` print it). The
 * spelling rules (any case, `-` for `_`, `FIN_WAIT1`) apply to these too: syntax/states.ts.
 */
export const STATE_ALIASES: Readonly<Record<string, TcpState>> = {
  SYN_RCVD: 'SYN_RECEIVED',
  SYN_RCV: 'SYN_RECEIVED',
  SYN_RECV: 'SYN_RECEIVED',
};

// --- wait amounts, arrows, comments, names -------------------------------------------------------

/** Wait amounts with a meaning (SPEC §3.6); any other amount (`200ms`) is drawn and changes nothing. */
export const WAIT_AMOUNTS = ['2MSL', 'RTO'] as const;
export type WaitAmount = (typeof WAIT_AMOUNTS)[number];
/** The wait that ends TIME_WAIT (RFC 9293 §3.10.8), in any case. */
export const ENDS_TIME_WAIT: WaitAmount = '2MSL';

/** SPEC §3.3: `->` or `→` delivers the segment; `-x` (or `-X`) loses it in the network. */
export const ARROWS = { delivered: ['->', '→'], lost: ['-x', '-X'] } as const;

/** SPEC §2: a comment runs from either of these to the end of the line (outside strings). */
export const COMMENT_STARTS = ['#', '//'] as const;

/**
 * A participant name or symbol (SPEC §2): a Unicode letter, then letters, combining marks, digits
 * or `_` (`클라이언트`, `isn_a`). Regular-expression source, for the `u` flag (and Oniguruma).
 */
export const NAME_START = String.raw`\p{L}`;
export const NAME_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
export const NAME = `${NAME_START}${NAME_CHAR}*`;

let wholeName: RegExp | undefined;
/** The text is one name (what rename accepts). The expression is made on first use (issue 13: start-up). */
export const isName = (text: string): boolean => (wholeName ??= new RegExp(`^${NAME}$`, 'u')).test(text);
