// Text from the input shown in a message (server/src/core/text/visible.ts): every control, format,
// bidi and zero-width character written as an escape, everything else as it is (issue 15 point 4).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasHidden, visible } from '../../server/src/core/text/visible';

describe('visible', () => {
  it('escapes C0, DEL and C1 controls, line breaks and tabs included', () => {
    assert.equal(visible('a\u0000b\u001b[31mc\td\ne\r\u007f\u0085\u009b'), 'a\\u0000b\\u001b[31mc\\u0009d\\u000ae\\u000d\\u007f\\u0085\\u009b');
  });

  it('escapes bidi embeddings, overrides, isolates and marks (Trojan Source), zero-width and other format characters', () => {
    const hidden = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u2028', '\u2029'];
    for (const ch of hidden) {
      assert.ok(hasHidden(ch), JSON.stringify(ch));
      assert.equal(visible(`x${ch}y`), `x\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}y`);
    }
    assert.equal(visible('tag\u{e0041}'), 'tag\\u{e0041}');
    assert.equal(visible('lone \ud800 surrogate \udc00'), 'lone \\ud800 surrogate \\udc00');
  });

  it('leaves letters of any script, marks, emoji and punctuation as they are', () => {
    for (const s of ['클라이언트 → 서버: SYN(a)', 'naïve café', 'e\u0301', '😀 👍🏽', 'seq=x+1, "label" #1 \\ end', '']) {
      assert.equal(visible(s), s);
      assert.equal(hasHidden(s), false);
    }
  });

  it('property: the result has no hidden character, and the text comes back when the escapes are undone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const v = visible(s);
        assert.equal(hasHidden(v), false);
        const undone = v.replace(/\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})/g, (_m, astral, bmp) => String.fromCodePoint(parseInt(astral ?? bmp, 16)));
        if (!s.includes('\\u')) assert.equal(undone, s);
      }),
      { numRuns: 2000 },
    );
  });
});
