// What the fuzzer feeds the project: study notes mutated and corrupted, hostile text, Markdown
// notes with fences and markers in every arrangement, captures (real ones damaged, synthetic
// ones, tcpdump text) and, now and then, the large inputs that once broke it (issue 16).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bulkTransfer, manyConnections, pcapOf, tcpdumpTextOf, F, type SynthSegment } from '../captureSynth';
import type { Rng } from './rng';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
const CAPTURES_DIR = join(ROOT, 'test', 'fixtures', 'captures');
const CAPTURES = readdirSync(CAPTURES_DIR)
  .filter((f) => /\.(pcap|pcapng|txt)$/.test(f))
  .map((f) => new Uint8Array(readFileSync(join(CAPTURES_DIR, f))));

const TOKENS = ['A', 'B', '클라이언트', '->', '→', '-x', ':', 'SYN', 'ACK', 'FIN', 'RST', 'PSH', 'SYN,ACK', 'seq=', 'ack=', 'len=', 'win=', 'x+1', '4294967296', '0', '100', '(', ')', 'CLOSED', 'LISTEN', 'TIME-WAIT', 'par', 'and', 'end', 'note over A:', 'wait 2MSL', 'state A: CLOSED', 'title', 'participant', 'as', '"', '\\', '#', '//', ',', '+', '/', '=', '@', '\t', ' ', '\n', '\r\n', '\r'];
const HOSTILE = ['%%{init: {"theme":"dark"}}%%', '<script>alert(1)</script>', '"</pre><img src=x onerror=1>', '\u202e\u2066\u200b\u0000\u001b[31m', '#;%:{}|$`', '\ud800', '😀', 'A'.repeat(300), 'end', 'Note over A: x', '-->>', '<!-- tcpflow:mermaid:end -->'];

/** A .tcpflow text: an example mutated, tokens at random, or hostile text; rarely a large one. */
export function flowText(r: Rng): string {
  if (r.chance(0.01)) return largeFlow(r);
  switch (r.int(3)) {
    case 0:
      return mutateText(r, r.pick(EXAMPLES));
    case 1: {
      const parts: string[] = [];
      for (let i = r.int(80); i > 0; i--) parts.push(r.chance(0.1) ? r.pick(HOSTILE) : r.pick(TOKENS), r.chance(0.6) ? ' ' : '');
      return parts.join('');
    }
    default:
      return r.pick(EXAMPLES).replace(/"[^"\n]*"/g, () => JSON.stringify(r.pick(HOSTILE)).slice(0, -1) + '"');
  }
}

/** The shapes that overflowed the stack or took seconds before issue 16 was fixed. */
function largeFlow(r: Rng): string {
  switch (r.int(4)) {
    case 0:
      return 'A -> B: SYN\n'.repeat(80_000);
    case 1:
      return '@@@\n'.repeat(150_000);
    case 2:
      return `note over ${Array.from({ length: 150_000 }, (_, i) => `P${i}`).join(', ')}: x\n`;
    default:
      return 'A -> B: ' + 'SYN,'.repeat(200_000) + 'ACK\n';
  }
}

/** A few edits of the kinds that break text: characters dropped, doubled, swapped, inserted; lines shuffled. */
export function mutateText(r: Rng, text: string): string {
  let t = text;
  for (let k = 1 + r.int(6); k > 0 && t.length; k--) {
    const at = r.int(t.length);
    switch (r.int(5)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + 1 + r.int(8));
        break;
      case 1:
        t = t.slice(0, at) + t.slice(at, at + 1 + r.int(20)).repeat(2 + r.int(3)) + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + (r.chance(0.3) ? r.pick(HOSTILE) : r.pick(TOKENS)) + t.slice(at);
        break;
      case 3: {
        const lines = t.split('\n');
        const i = r.int(lines.length);
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('\n');
        break;
      }
      default:
        t = t.slice(0, at) + String(r.pick([0, 1, 4294967295, 4294967296, 99999999999, -1])) + t.slice(at);
    }
  }
  return t;
}

const NOTE_LINES = ['```tcpflow', '~~~tcpflow', '````tcpflow', '```', '~~~', '````', '~~~text', '```mermaid', '  ```tcpflow', '   ~~~', '\t```', '    ```', '<!-- tcpflow:mermaid:begin -->', '<!-- tcpflow:mermaid:begin lang=ko -->', '<!-- tcpflow:mermaid:begin hash=00000000 -->', '<!-- tcpflow:mermaid:end -->', ' <!-- tcpflow:mermaid:end -->', '<!--', '-->', '<!-- c -->', 'x <!-- y', '', '   ', '# Title', '- item', '> quote', 'A -> B: SYN', 'sequenceDiagram', '<div class="tcpflow-diagram"><pre class="tcpflow-mermaid">%%{init: {"theme":"dark"}}%%'];

/** A Markdown note: lines and blocks of every kind, with the note's own line ends. */
export function noteText(r: Rng): string {
  const parts: string[] = [];
  for (let i = r.int(30); i > 0; i--) {
    // Small flows: every run renders each block a few times (large ones are the core's and the CLI's).
    if (r.chance(0.25)) parts.push(`${r.pick(['```', '~~~', '````'])}tcpflow\n${r.chance(0.5) ? mutateText(r, r.pick(EXAMPLES)) : r.pick(EXAMPLES)}\n${r.pick(['```', '~~~', '````'])}`);
    else parts.push(r.chance(0.9) ? r.pick(NOTE_LINES) : r.pick(HOSTILE));
  }
  const eol = r.pick(['\n', '\r\n', '\r']);
  return parts.join('\n').replace(/\r\n|\r|\n/g, eol) + (r.chance(0.5) ? eol : '');
}

/** Capture bytes: a real capture damaged, a synthetic one, tcpdump text; rarely a large one. */
export function captureBytes(r: Rng): Uint8Array {
  if (r.chance(0.01)) return largeCapture(r);
  switch (r.int(4)) {
    case 0:
      return damage(r, r.pick(CAPTURES));
    case 1:
      return pcapOf(randomSegments(r));
    case 2:
      return new TextEncoder().encode(mutateText(r, tcpdumpTextOf(randomSegments(r))));
    default:
      return new TextEncoder().encode(tcpdumpLines(r));
  }
}

function largeCapture(r: Rng): Uint8Array {
  switch (r.int(4)) {
    case 0:
      return pcapOf(manyConnections(200_000));
    case 1:
      return pcapOf(bulkTransfer(100_000));
    case 2:
      return pcapOf(bulkTransfer(40_000));
    default:
      return new TextEncoder().encode('12:00:00.000001 IP ' + 'a.1'.repeat(33_000) + '\n');
  }
}

/** Bit flips, truncation, a run of bytes overwritten with extreme values. */
function damage(r: Rng, bytes: Uint8Array): Uint8Array {
  let out = bytes.slice(0, r.chance(0.3) ? r.int(bytes.length + 1) : bytes.length);
  for (let k = r.int(8); k > 0 && out.length; k--) out[r.int(out.length)] ^= 1 << r.int(8);
  if (r.chance(0.3) && out.length > 4) {
    const at = r.int(out.length - 4);
    out.fill(r.pick([0, 0xff, 0x7f]), at, at + 1 + r.int(8));
  }
  if (r.chance(0.2)) out = Uint8Array.from([...out, ...out.slice(0, r.int(out.length))]);
  return out;
}

function randomSegments(r: Rng): SynthSegment[] {
  const ends = ['10.0.0.1:1000', '10.0.0.2:80', '10.0.0.3:1000'];
  const out: SynthSegment[] = [];
  let t = 1_700_000_000;
  for (let i = r.int(120); i > 0; i--) {
    const src = r.pick(ends);
    const dst = r.pick(ends.filter((e) => e !== src));
    const flags = r.pick([F.SYN, F.SYN | F.ACK, F.ACK, F.ACK | F.PSH, F.FIN | F.ACK, F.RST, F.RST | F.ACK, 0]);
    out.push({ src, dst, flags, seq: r.chance(0.1) ? r.next() : 1000 + r.int(500), ack: r.chance(0.1) ? r.next() : 1000 + r.int(500), len: r.pick([0, 0, 10, 100, 1460]), time: (t += r.int(3) ? 0.0001 : 5) });
  }
  return out;
}

function tcpdumpLines(r: Rng): string {
  const num = () => String(r.pick([0, 1, 65535, 65536, 4294967295, 4294967296, 99999999999, '1e3', '-1', '']));
  const lines: string[] = [];
  for (let i = r.int(20); i > 0; i--) {
    const head = `12:00:0${r.int(10)}.00000${r.int(10)} IP 10.0.0.${r.int(3)}.${num()} > 10.0.0.9.${num()}: Flags [${r.pick(['S', 'S.', '.', 'P.', 'F.', 'R', 'none', 'SEW'])}]`;
    const fields = [`seq ${num()}:${num()}`, `ack ${num()}`, `win ${num()}`, `options [mss ${num()},sackOK,TS val ${num()} ecr ${num()},wscale ${num()},sack 1 {${num()}:${num()}}]`, `length ${num()}`];
    lines.push(head + fields.filter(() => r.chance(0.7)).map((f) => `, ${f}`).join(''));
  }
  return lines.join('\n') + '\n';
}
