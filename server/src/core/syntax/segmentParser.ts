// The chevrotain rules for the parts of a line that carry data: `(STATE)` and a message's
// segment items (flags, `key=value` fields, values). parser.ts extends this class with the
// statement rules; chevrotain supports splitting a grammar over an inheritance chain.
//
// Performance: the alternatives of the rules every message line runs through are built once
// (fields below) instead of on each call; per-call closures cost far more than the parsing,
// especially under tsx, which wraps every named closure it creates. The rules never recurse, so
// the `cur*` fields safely hold the node under construction.
import type { IToken, IParserErrorMessageProvider, IOrAlt, OrMethodOpts } from 'chevrotain';
import { KNOWN_FIELDS } from './ast';
import type { Expected, RawFieldItem, RawFlagItem, RawItem, RawState, RawValue } from './raw';
import { adjacent } from './span';
import * as Tokens from './tokens';

// A plain copy: reading a CommonJS namespace goes through a getter on every access.
export const T = { ...Tokens };
export const { EmbeddedActionsParser, EOF, tokenMatcher } = T.chevrotain;
const KNOWN = new Set<string>(KNOWN_FIELDS);

const err = (expected: Expected): { ERR_MSG: string } => ({ ERR_MSG: expected });
/** CONSUME options naming what a TF100 says was expected. */
export const E = {
  arrow: err('arrow'),
  participant: err('participant'),
  colon: err('colon'),
  segment: err('segment'),
  state: err('state'),
  closeParen: err('closeParen'),
  value: err('value'),
  noteTarget: err('noteTarget'),
  label: err('label'),
};

// The grammar passes its `Expected` key as ERR_MSG; the provider hands it back unchanged.
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: () => 'statement',
  buildNotAllInputParsedMessage: () => 'endOfLine',
  buildNoViableAltMessage: (o) => o.customUserDescription ?? 'statement',
  buildEarlyExitMessage: (o) => o.customUserDescription ?? 'segment',
};

export class SegmentParser extends EmbeddedActionsParser {
  private curFlag: RawFlagItem = { t: 'flag', flag: undefined as unknown as IToken };
  private curField: RawFieldItem = { t: 'field', key: undefined as unknown as IToken };
  private curValue: IToken[] = [];
  private curState: IToken[] = [];

  /**
   * The subclass calls `performSelfAnalysis()` once all rules exist. `validate`: check the
   * grammar as chevrotain can (ambiguities, unreachable alternatives…); that doubles the start-up
   * cost, and the grammar does not change at run time, so only a unit test asks for it.
   */
  constructor(validate: boolean) {
    // One token of lookahead: each decision is made by its first token or by a GATE. Two tokens
    // made chevrotain's start-up analysis twice as slow (an unknown key's raw value, any tokens,
    // against a known key's value expands to every pair of token types), three five times.
    super(T.PARSER_TOKENS, { errorMessageProvider: messages, maxLookahead: 1, skipValidations: !validate });
  }

  protected stateParen = this.RULE('stateParen', (): RawState => {
    this.CONSUME(T.LParen);
    const state = this.SUBRULE(this.stateName);
    this.CONSUME(T.RParen, E.closeParen);
    return state;
  });

  /** `CLOSED`, `TIME-WAIT`, `fin-wait-2`: words and numbers joined by `-` with no spaces. */
  protected stateName = this.RULE('stateName', (): RawState => {
    const toks = [this.CONSUME(T.Word, E.state)];
    this.curState = toks;
    this.MANY(this.statePiece);
    return { toks };
  });

  private readonly statePieceAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME2(T.Word) },
    { ALT: () => this.CONSUME(T.NumberTok) },
  ];

  private readonly statePiece = {
    GATE: (): boolean => {
      const minus = this.LA(1);
      const next = this.LA(2);
      return (
        minus.tokenType === T.Minus &&
        adjacent(this.LA(0), minus) &&
        adjacent(minus, next) &&
        (tokenMatcher(next, T.Word) || next.tokenType === T.NumberTok)
      );
    },
    DEF: (): void => {
      this.curState.push(this.CONSUME(T.Minus));
      this.curState.push(this.OR(this.statePieceAlts));
    },
  };

  // Flags and fields are alternatives of `item` itself rather than rules of their own: a rule
  // invocation costs more than anything else chevrotain does per token, and every message has
  // several items. The OR/OPTION/CONSUME indices below are unique within `item` for that reason.
  private readonly itemAlts: OrMethodOpts<RawItem> = {
    DEF: [
      {
        ALT: () => {
          const it: RawFlagItem = { t: 'flag', flag: this.CONSUME(T.FlagTok) };
          this.curFlag = it;
          this.OPTION(this.flagSuffix);
          return it;
        },
      },
      { ALT: () => ({ t: 'synack', tok: this.CONSUME(T.SynAck) }) },
      {
        ALT: () => {
          const it: RawFieldItem = { t: 'field', key: this.CONSUME(T.KeyTok) };
          this.curField = it;
          this.OPTION2(this.fieldValue);
          return it;
        },
      },
    ],
    ERR_MSG: 'segment',
  };

  protected item = this.RULE('item', (): RawItem => this.OR(this.itemAlts));

  private readonly flagSuffixAlts: OrMethodOpts<void> = {
    DEF: [
      {
        ALT: () => {
          const lp = this.CONSUME(T.LParen);
          const value = this.SUBRULE(this.value);
          this.curFlag.seed = { lp, value, rp: this.CONSUME(T.RParen, E.closeParen) };
        },
      },
      {
        ALT: () => {
          const eq = this.CONSUME(T.Equals);
          this.curFlag.eq = { eq, value: this.SUBRULE2(this.value) };
        },
      },
      {
        // `SYN-ACK`: only when written without spaces.
        GATE: () => adjacent(this.LA(0), this.LA(1)) && adjacent(this.LA(1), this.LA(2)),
        ALT: () => {
          this.CONSUME(T.Minus);
          this.curFlag.alias = this.CONSUME2(T.FlagTok, E.segment);
        },
      },
    ],
    ERR_MSG: 'segment',
  };
  private readonly flagSuffix = (): void => this.OR2(this.flagSuffixAlts);

  private readonly fieldValueAlts: OrMethodOpts<void> = {
    DEF: [
      {
        GATE: () => !KNOWN.has(this.curField.key.image.toLowerCase()),
        ALT: () => {
          this.curField.raw = this.SUBRULE(this.rawValue);
        },
      },
      {
        ALT: () => {
          this.curField.value = this.SUBRULE3(this.value);
        },
      },
    ],
    IGNORE_AMBIGUITIES: true,
    ERR_MSG: 'value',
  };
  private readonly fieldValue = (): void => {
    this.curField.eq = this.CONSUME2(T.Equals);
    this.OR3(this.fieldValueAlts);
  };

  private readonly valueAlts: OrMethodOpts<RawValue> = {
    DEF: [
      { ALT: () => [this.CONSUME(T.NumberTok)] },
      {
        ALT: () => {
          const toks = [this.CONSUME(T.Word)];
          this.curValue = toks;
          this.OPTION(this.valueOffset);
          return toks;
        },
      },
    ],
    ERR_MSG: 'value',
  };
  private readonly plusMinus: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }];
  private readonly valueOffset = (): void => {
    this.curValue.push(this.OR2(this.plusMinus));
    this.curValue.push(this.CONSUME2(T.NumberTok, E.value));
  };

  private value = this.RULE('value', (): RawValue => this.OR(this.valueAlts));

  /** An unknown key's value: the tokens written together after `=` (`1.5`, `on`, `a:b`). */
  private rawValue = this.RULE('rawValue', (): IToken[] => {
    const toks: IToken[] = [];
    this.AT_LEAST_ONE({
      GATE: () => {
        const next = this.LA(1);
        if (next.tokenType === EOF || next.tokenType === T.Comma) return false;
        return toks.length === 0 || adjacent(this.LA(0), next);
      },
      DEF: () => toks.push(this.CONSUME(T.AnyTok)),
      ERR_MSG: 'value',
    });
    return toks;
  });
}
