// `npm run bench:lsp`: how long the language server takes from a `didChange` to the
// `publishDiagnostics` it answers with, on 1,000- and 10,000-line documents. The real bundled
// server runs over stdio; each edit types one character into a label (the document stays valid),
// so the time is the server's full cycle: apply the change, parse, check, convert, send.
import { performance } from 'node:perf_hooks';
import { startSession } from '../lsp/harness';
import { generateFlow } from './flows';

const EDITS = 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const s = await startSession();
  console.log(`node ${process.version}; didChange → publishDiagnostics, ${EDITS} edits, ms`);
  console.log('    lines    median       p90       max');
  for (const size of [1_000, 10_000]) {
    const text = generateFlow(size);
    const { uri } = await s.open(text, `bench-${size}.tcpflow`);
    // The second line is `participant C1 as "Client 1"`: type into the label.
    const times: number[] = [];
    for (let i = 0; i < EDITS + 3; i++) {
      const at = { line: 1, character: 24 };
      const t0 = performance.now();
      const d = await s.edit(uri, { start: at, end: at }, 'x');
      const ms = performance.now() - t0;
      if (d.diagnostics.some((x) => x.severity === 1)) throw new Error('the benchmark flow should stay valid');
      if (i >= 3) times.push(ms); // the first edits warm the JIT up
    }
    times.sort((a, b) => a - b);
    const lines = text.split('\n').length - 1;
    const p90 = times[Math.floor(times.length * 0.9)];
    console.log(`${String(lines).padStart(9)}${median(times).toFixed(1).padStart(10)}${p90.toFixed(1).padStart(10)}${times[times.length - 1].toFixed(1).padStart(10)}`);
  }
  await s.close();
}

void main();
