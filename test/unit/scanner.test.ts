// The hand-written scanner against the lexical grammar it implements: a chevrotain Lexer built
// from the token patterns of tokens.ts (`ALL_TOKENS`), keywords re-typed and lines split the
// same way. Both must give the same tokens, lines and offsets for any text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lexLines } from '../../server/src/core/syntax/scanner';
import * as T from '../../server/src/core/syntax/tokens';

const reference = new T.chevrotain.Lexer(T.ALL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true });

/** "line:offset:type:image" for every parsable token, as the reference lexer sees the text. */
function referenceTokens(text: string): string[] {
  const { tokens, errors } = reference.tokenize(text);
  assert.deepEqual(errors, [], 'the catch-all Other token leaves nothing unmatched');
  const out: string[] = [];
  let line = 0;
  for (const tok of tokens) {
    if (tok.tokenType === T.Newline) line++;
    else if (tok.tokenType !== T.Comment) {
      const kw = /^[A-Za-z]+$/.test(tok.image) ? T.KEYWORDS.get(tok.image.toLowerCase()) : undefined;
      const type = tok.tokenType === T.Identifier && kw ? kw : tok.tokenType;
      out.push(`${line}:${tok.startOffset}:${type.name}:${tok.image}`);
    }
  }
  return out;
}

function scannedTokens(text: string): { tokens: string[]; lines: number } {
  const tokens: string[] = [];
  const lines = lexLines(text, (source, lexed) => {
    assert.equal(source, text);
    assert.ok(lexed.tokens.length > 0, 'only lines holding a token are handed on');
    for (const tok of lexed.tokens) {
      assert.equal(tok.tokenTypeIdx, tok.tokenType.tokenTypeIdx);
      assert.equal(tok.image, text.slice(tok.startOffset, tok.startOffset + tok.image.length));
      tokens.push(`${lexed.line}:${tok.startOffset}:${tok.tokenType.name}:${tok.image}`);
    }
  });
  return { tokens, lines };
}

function expectSame(text: string): void {
  const scanned = scannedTokens(text);
  assert.deepEqual(scanned.tokens, referenceTokens(text), JSON.stringify(text));
  assert.equal(scanned.lines, text.split(/\r\n|\r|\n/).length);
}

// Characters where the token patterns meet: every ASCII punctuation the grammar knows, the
// white space and line breaks it must tell apart, letters in several scripts, a combining mark,
// digits of other scripts, surrogate pairs (a letter and an emoji) and lone surrogates.
const PIECES = [
  ...'abcxXzAZ_09-+>=,:/()"\\#@.! \t\v\f\r\n',
  '\r\n',
  '→',
  '—',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\ufeff',
  '\u0085',
  '한',
  'é',
  '\u0301',
  '٣',
  'K',
  '𝒜',
  '😀',
  '\ud800',
  '\udc00',
  'SYN',
  'ack',
  'participant',
  'Synack',
  '->',
  '-x',
  '//',
];

describe('scanner (the lexical grammar of tokens.ts, by hand)', () => {
  test('every example tokenizes exactly as the reference lexer does', () => {
    const dir = join(__dirname, '../../examples');
    for (const name of readdirSync(dir)) expectSame(readFileSync(join(dir, name), 'utf8'));
  });

  test('tricky spots: quotes, escapes, comments, arrows, Unicode space and letters', () => {
    for (const text of [
      '',
      '\n',
      'A -> B: SYN "a \\" quote" # c',
      '"unterminated  \t',
      '"   ',
      'x "a\\\nb"',
      'a//b#c\r\nd/e',
      'A-xB A-XB a->b a→b a-b-c',
      '클라이언트(SYN_SENT) → 서버 : SYN(a)',
      'TIME-WAIT 1abc abc1_ _a a\u00a0b\u3000c',
      'SYN\u0301 syn\u00e9 K 𝒜b 😀 \ud800x \udc00',
    ]) {
      expectSame(text);
    }
  });

  test('any text tokenizes exactly as the reference lexer does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => expectSame(pieces.join(''))),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), expectSame), { numRuns: 1000 });
  });
});
