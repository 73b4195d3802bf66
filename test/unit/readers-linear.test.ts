// Linear readers (issue 15 point 3): every reader of user text — tcpdump text, the lexer, the
// Markdown fence scanner and the note sync — takes time linear in its input, whatever the input
// repeats. A property test picks a unit (a known pathological one, or random characters from the
// reader's own alphabet), repeats it to 10 KB and to 100 KB on one line (the lexer: on each side of
// the line limit), and bounds the ratio of the two times (not the time itself: linear ≈ 10,
// quadratic ≈ 100). `npm run bench:readers`
// times the same readers on 1 MB lines.
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PATHOLOGICAL, READERS, type ReaderName } from '../bench/pathological';
import { MAX_LINE_CHARS } from '../../server/src/core/limits';
import { assertLinear } from './linearity';

/** A line of `size` characters: the unit repeated, after a prefix. */
const line = (prefix: string, unit: string) => (size: number) => prefix + unit.repeat(Math.ceil(size / unit.length));

/** The characters each reader's random units are drawn from. */
const ALPHABETS: Record<ReaderName, string> = {
  'tcpdump text': 'a.1 >:Flags[]S,seqack{}0123456789\t',
  lexer: 'A-x>→"\\ #/=,+()1가ñ\u0301\u00a0',
  'fence scanner': '`~ <!->tcpflow\n',
  'note sync': '`~ <!->tcpflow:mermaid:beginend\n',
};

/**
 * The sizes each reader is measured from (to ten times each). The lexer reads a statement up to
 * MAX_LINE_CHARS and past it only looks for the line's end (docs/limits.md): a size and its tenfold
 * on the same side of the limit, else the ratio compares two different paths (a run of letters
 * under the limit is one native regular-expression match, 0.01 ms for 10,000 of them).
 */
const SIZES: Record<ReaderName, number[]> = {
  'tcpdump text': [10_000],
  lexer: [Math.floor((MAX_LINE_CHARS - 20) / 10), 2 * MAX_LINE_CHARS],
  'fence scanner': [10_000],
  'note sync': [10_000],
};

function assertLinearFrom(what: string, reader: ReaderName, make: (size: number) => string): void {
  for (const size of SIZES[reader]) assertLinear(`${what} (from ${size} characters)`, make, READERS[reader], size);
}

describe('readers take linear time on pathological lines', () => {
  for (const p of PATHOLOGICAL) {
    it(`${p.reader}: ${p.name}`, () => assertLinearFrom(`${p.reader}, ${p.name}`, p.reader, line(p.prefix, p.unit)));
  }

  for (const [name, alphabet] of Object.entries(ALPHABETS) as [ReaderName, string][]) {
    it(`property: ${name} on any repeated unit`, () => {
      const unit = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(unit, fc.constantFrom('', '12:00:00.000001 IP ', '```tcpflow\n', 'A -> B: '), (u, prefix) => {
          assertLinearFrom(`${name}, ${JSON.stringify(u)} repeated`, name, line(prefix, u));
        }),
        { numRuns: 12 },
      );
    });
  }
});
