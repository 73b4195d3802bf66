// Lines that once made a reader super-linear, or could: each is a prefix and a unit repeated to
// the size wanted (10 KB, 100 KB, 1 MB). Shared by `npm run bench:readers` and the linear-reader
// tests (test/unit/readers-linear.test.ts), with the way each reader is run.
import { readCapture } from '../../server/src/core/capture/readCapture';
import { looksLikeTcpdumpText } from '../../server/src/core/capture/tcpdumpText';
import { CaptureError } from '../../server/src/core/capture/types';
import { scanNote } from '../../server/src/core/markdown/blocks';
import { planMermaidSync } from '../../server/src/core/markdown/sync';
import { lexLines } from '../../server/src/core/syntax/scanner';

export type ReaderName = 'tcpdump text' | 'lexer' | 'fence scanner' | 'note sync';

const encoder = new TextEncoder();

/** Each reader of user text as the tests and the bench run it: all of its work on one text. */
export const READERS: Record<ReaderName, (text: string) => unknown> = {
  // Sniffing, then reading; a refusal (CaptureError) is an answer too.
  'tcpdump text': (text) => {
    const bytes = encoder.encode(text);
    looksLikeTcpdumpText(bytes);
    try {
      return readCapture(bytes);
    } catch (err) {
      if (!(err instanceof CaptureError)) throw err;
      return err;
    }
  },
  lexer: (text) => lexLines(text, () => undefined),
  'fence scanner': (text) => scanNote(text),
  'note sync': (text) => planMermaidSync(text),
};

export interface Pathological {
  reader: ReaderName;
  name: string;
  prefix: string;
  unit: string;
}

const PACKET = '12:00:00.000001 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S]';

export const PATHOLOGICAL: Pathological[] = [
  // issue 16: `a.1` × 33,000 took 12.6 s (`(\S+)\.(\d+) > …` backtracking from every start).
  { reader: 'tcpdump text', name: "'a.1' repeated", prefix: '12:00:00.000001 IP ', unit: 'a.1' },
  { reader: 'tcpdump text', name: "'a.1 > ' repeated", prefix: '12:00:00.000001 IP ', unit: 'a.1 > ' },
  { reader: 'tcpdump text', name: "': Flags [' repeated", prefix: '12:00:00.000001 IP a.1 > b.2', unit: ': Flags [' },
  { reader: 'tcpdump text', name: "', options [' without ']'", prefix: PACKET, unit: ', options [' },
  { reader: 'tcpdump text', name: 'SACK blocks', prefix: `${PACKET}, ack 1, options [sack 1 `, unit: '{1:2}' },
  { reader: 'tcpdump text', name: 'digits (a timestamp that never ends)', prefix: '', unit: '1' },
  { reader: 'lexer', name: 'quotes', prefix: 'A -> B: SYN ', unit: '"' },
  { reader: 'lexer', name: 'an unterminated string of escapes', prefix: 'note over A: "', unit: '\\"' },
  { reader: 'lexer', name: 'Korean name', prefix: '', unit: '가' },
  { reader: 'lexer', name: 'combining marks', prefix: 'a', unit: '\u0301' },
  { reader: 'lexer', name: 'non-ASCII spaces', prefix: 'A', unit: '\u00a0' },
  { reader: 'lexer', name: 'arrows', prefix: '', unit: 'A->' },
  { reader: 'fence scanner', name: 'a fence of backticks', prefix: '', unit: '`' },
  { reader: 'fence scanner', name: 'comment starts', prefix: '', unit: '<!--' },
  { reader: 'fence scanner', name: 'fence lines', prefix: '', unit: '```\n' },
  { reader: 'note sync', name: 'a begin marker with many ends', prefix: '```tcpflow\n```\n<!-- tcpflow:mermaid:begin ', unit: '--> x' },
  { reader: 'note sync', name: 'begin markers without end', prefix: '```tcpflow\n```\n', unit: '<!-- tcpflow:mermaid:begin -->\n' },
];
