// The chevrotain grammar of one line (SPEC §3). It only recognises the shape of a statement and
// returns its tokens (raw.ts); build.ts and segment.ts turn them into AST nodes with ranges.
// Free text (title, wait amount, note text, unquoted label) is consumed token by token here and
// taken from the source by offsets later, so any character is fine there. The segment and state
// rules are in segmentParser.ts (why the hot alternatives are fields: see there).
import type { IToken, IOrAlt, OrMethodOpts } from 'chevrotain';
import type { Expected, RawLine, RawMessage, RawState } from './raw';
import type { NotePosition } from './vocabulary';
import { E, EOF, SegmentParser, T, tokenMatcher } from './segmentParser';

/** Statement keywords and note words (tokens.ts, from vocabulary.ts). */
const KW = T.STATEMENT;
const NOTE = T.NOTE_WORD;

export type { Expected } from './raw';

class LineParser extends SegmentParser {
  /** The message being recognised (kept even when recognition fails part way). */
  partial: RawMessage | undefined;
  /** What a token left over at the end of the line should have been. */
  trailingExpect: Expected = 'endOfLine';
  /** The `(` of a participant line's trailing `(STATE)`, which ends an unquoted label. */
  trailingParen: IToken | undefined;
  private curMsg: RawMessage = { kind: 'message', items: [] };

  constructor(validate: boolean) {
    super(validate);
    this.performSelfAnalysis();
  }

  private readonly lineAlts: OrMethodOpts<RawLine> = {
    DEF: [
      {
        ALT: () => {
          const kw = this.CONSUME(KW.title);
          this.SUBRULE(this.freeText);
          return { kind: 'title', kw };
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(KW.wait);
          this.SUBRULE2(this.freeText);
          return { kind: 'wait', kw };
        },
      },
      { ALT: () => ({ kind: 'par', kw: this.CONSUME(KW.par) }) },
      { ALT: () => ({ kind: 'and', kw: this.CONSUME(KW.and) }) },
      { ALT: () => ({ kind: 'end', kw: this.CONSUME(KW.end) }) },
      { ALT: () => this.SUBRULE(this.participant) },
      { ALT: () => this.SUBRULE(this.note) },
      { ALT: () => this.SUBRULE(this.stateLine) },
      { ALT: () => this.SUBRULE(this.message) },
    ],
    ERR_MSG: 'statement',
  };

  line = this.RULE('line', (): RawLine => this.OR(this.lineAlts));

  private freeText = this.RULE('freeText', (): undefined => {
    this.MANY(() => this.CONSUME(T.AnyTok));
    return undefined;
  });

  private participant = this.RULE('participant', (): RawLine => {
    const kw = this.CONSUME(KW.participant);
    const name = this.CONSUME(T.Word, E.participant);
    const out: RawLine = { kind: 'participant', kw, name };
    this.trailingExpect = 'as';
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.trailingExpect = 'endOfLine';
      out.label = this.SUBRULE(this.label);
    });
    this.OPTION2(() => {
      this.trailingExpect = 'endOfLine';
      out.state = this.SUBRULE(this.stateParen);
    });
    return out;
  });

  /** A label is one quoted string, or any text up to the line's trailing `(STATE)`. */
  private label = this.RULE('label', (): IToken[] => {
    const toks: IToken[] = [];
    this.OR({
      DEF: [
        {
          GATE: () => tokenMatcher(this.LA(1), T.StringTok) && (this.LA(2).tokenType === EOF || this.LA(2) === this.trailingParen),
          ALT: () => toks.push(this.CONSUME(T.StringTok)),
        },
        {
          ALT: () =>
            this.AT_LEAST_ONE({
              GATE: () => this.LA(1) !== this.trailingParen,
              DEF: () => toks.push(this.CONSUME(T.AnyTok)),
              ERR_MSG: 'label',
            }),
        },
      ],
      IGNORE_AMBIGUITIES: true,
      ERR_MSG: 'label',
    });
    return toks;
  });

  private note = this.RULE('note', (): RawLine => {
    const kw = this.CONSUME(KW.note);
    const position = this.OR<NotePosition>({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(NOTE.over);
            return 'over';
          },
        },
        {
          ALT: () => {
            this.CONSUME(NOTE.left);
            this.CONSUME(NOTE.of, E.noteTarget);
            return 'left of';
          },
        },
        {
          ALT: () => {
            this.CONSUME(NOTE.right);
            this.CONSUME2(NOTE.of, E.noteTarget);
            return 'right of';
          },
        },
      ],
      ERR_MSG: 'noteTarget',
    });
    const targets = [this.CONSUME(T.Word, E.participant)];
    // Mermaid allows two participants, and only for `over`.
    this.OPTION({
      GATE: () => position === 'over',
      DEF: () => {
        this.CONSUME(T.Comma);
        targets.push(this.CONSUME2(T.Word, E.participant));
      },
    });
    const colon = this.CONSUME(T.Colon, E.colon);
    this.SUBRULE(this.freeText);
    return { kind: 'note', kw, position, targets, colon };
  });

  private stateLine = this.RULE('stateLine', (): RawLine => {
    const kw = this.CONSUME(KW.state);
    const items: { name: IToken; state: RawState }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.CONSUME(T.Word, E.participant);
        this.CONSUME(T.Colon, E.colon);
        items.push({ name, state: this.SUBRULE(this.stateName) });
      },
      ERR_MSG: 'participant',
    });
    return { kind: 'state', kw, items };
  });

  private message = this.RULE('message', (): RawMessage => {
    const m: RawMessage = { kind: 'message', items: [] };
    this.partial = this.curMsg = m;
    m.from = this.CONSUME(T.MsgStart);
    this.OPTION(this.fromState);
    m.arrow = this.CONSUME(T.ArrowTok, E.arrow);
    m.to = this.CONSUME(T.Word, E.participant);
    this.OPTION2(this.toState);
    m.colon = this.CONSUME(T.Colon, E.colon);
    this.trailingExpect = 'segment';
    m.items.push(this.SUBRULE(this.item));
    // Flags and fields in any order, separated by spaces, `,`, `+` or `/`.
    this.MANY(this.moreItems);
    this.OPTION3(this.messageLabel);
    return m;
  });

  private readonly fromState = (): void => {
    this.curMsg.fromState = this.SUBRULE(this.stateParen);
  };
  private readonly toState = (): void => {
    this.curMsg.toState = this.SUBRULE2(this.stateParen);
  };
  private readonly messageLabel = (): void => {
    this.curMsg.label = this.CONSUME(T.StringTok);
    this.trailingExpect = 'endOfLine';
  };
  private readonly separatorOrItem: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.Comma) },
    { ALT: () => this.CONSUME(T.Plus) },
    { ALT: () => this.CONSUME(T.Slash) },
    { ALT: () => this.curMsg.items.push(this.SUBRULE2(this.item)) },
  ];
  private readonly moreItems = (): unknown => this.OR(this.separatorOrItem);
}

export interface LineParse {
  /** The recognised line; undefined when recognition failed (see `partial` for messages). */
  raw: RawLine | undefined;
  /** The message recognised up to the error, when the line is a message. */
  partial: RawMessage | undefined;
  /** The first (only) syntax error: what was expected and the offending token (undefined at end of line). */
  error?: { expected: Expected; token: IToken | undefined };
  /** When the tokens make a whole statement: what a further token would have to be. */
  next?: Expected;
}

/** Made on first use: a process that never parses a line does not pay for the grammar's set-up. */
let parser: LineParser | undefined;

/**
 * The grammar's mistakes as chevrotain's validations find them (none: the unit tests say so);
 * the parser used for parsing skips them, to start faster.
 */
export function grammarErrors(): string[] {
  try {
    new LineParser(true);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

/**
 * Recognises one line's tokens (no comments, at least one token). `line`: the whole line's tokens
 * when `tokens` are only its beginning (completion asks what the parser expects where the word
 * under the cursor starts); a participant's label then still ends at the line's `(STATE)`.
 */
export function parseLineTokens(tokens: IToken[], line: IToken[] = tokens): LineParse {
  // A line no statement can start with is common in garbage input; chevrotain's own report of it
  // computes every alternative's lookahead paths, which is slow.
  if (!canStartLine(tokens[0])) return { raw: undefined, partial: undefined, error: { expected: 'statement', token: tokens[0] } };
  const p = (parser ??= new LineParser(false));
  p.input = tokens;
  p.partial = undefined;
  p.trailingExpect = 'endOfLine';
  p.trailingParen = trailingParen(line);
  const raw = p.line();
  const error = p.errors[0];
  if (!error) return { raw, partial: p.partial, next: p.trailingExpect };
  const expected = (error.name === 'NotAllInputParsedException' ? p.trailingExpect : error.message) as Expected;
  const token = error.token.tokenType === EOF ? undefined : error.token;
  return { raw: undefined, partial: p.partial, error: { expected, token } };
}

const STATEMENT_KEYWORDS = new Set(Object.values(KW));

function canStartLine(tok: IToken): boolean {
  return STATEMENT_KEYWORDS.has(tok.tokenType) || tokenMatcher(tok, T.MsgStart);
}

/** The `(` of a trailing `( … )` group on a participant line, found once per line (no rescans). */
function trailingParen(tokens: IToken[]): IToken | undefined {
  if (tokens[0].tokenType !== KW.participant || tokens[tokens.length - 1].tokenType !== T.RParen) return undefined;
  for (let i = tokens.length - 2; i > 0; i--) {
    const type = tokens[i].tokenType;
    if (type === T.LParen) return tokens[i];
    if (type === T.RParen) return undefined;
  }
  return undefined;
}
