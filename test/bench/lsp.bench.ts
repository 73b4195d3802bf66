// `npm run bench:lsp`: the real language server over stdio, on generated valid flows of 1,000,
// 10,000 and 100,000 lines. For every kind of edit (lspEdits.ts) it measures, from the didChange:
// the time to its publishDiagnostics, the time until VS Code's usual follow-up requests are answered
// too (semantic tokens — a delta when the server offers one —, outline, folding, the visible inlay
// hints), and the server's CPU time over all of it (every thread, from /proc). Then the semantic
// tokens and the outline alone, the server's resident memory, and a burst of 1,000 keystrokes sent
// without waiting. Prints medians; asserts nothing.
import { performance } from 'node:perf_hooks';
import { BenchClient, cpuNs, median, memoryMb, quantile, type OpenDoc } from './lspClient';
import { EDIT_KINDS, viewport, type Edit } from './lspEdits';
import { generateFlow } from './flows';

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const RUNS = (lines: number): number => (lines >= 100_000 ? 3 : lines >= 10_000 ? 11 : 15);
const WARM_UP = 2;

interface Sample {
  diagnostics: number;
  all: number;
  cpu: number;
}

async function measureEdit(c: BenchClient, doc: OpenDoc, e: Edit): Promise<Sample> {
  const cpu0 = cpuNs(c.pid);
  const t0 = performance.now();
  const version = c.change(doc, e.range, e.text);
  let diagnostics = 0;
  const published = c.diagnostics(doc.uri, version).then(() => (diagnostics = performance.now() - t0));
  await Promise.all([published, c.afterEdit(doc, viewport(e, doc.lines.length))]);
  return { diagnostics, all: performance.now() - t0, cpu: (cpuNs(c.pid) - cpu0) / 1e6 };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(8);

function row(name: string, lines: number, s: Sample[]): void {
  const pick = (k: keyof Sample) => s.map((x) => x[k]);
  console.log(
    `${name.padEnd(40)}${String(lines).padStart(8)}${ms(median(pick('diagnostics')))}${ms(median(pick('all')))}${ms(quantile(pick('all'), 0.9))}${ms(median(pick('cpu')))}`,
  );
}

async function editKinds(c: BenchClient, doc: OpenDoc, lines: number): Promise<void> {
  const runs = RUNS(lines);
  // One unmeasured round of every kind first: the server's code is then compiled as it is after a
  // few keystrokes of any session, and the first kind measured does not pay for it alone.
  for (const kind of EDIT_KINDS) for (let i = 0; i < WARM_UP; i++) {
    await measureEdit(c, doc, kind.make(doc.lines));
    await measureEdit(c, doc, kind.undo!(doc.lines));
  }
  for (const kind of EDIT_KINDS) {
    const made: Sample[] = [];
    const undone: Sample[] = [];
    for (let i = 0; i < runs + WARM_UP; i++) {
      const a = await measureEdit(c, doc, kind.make(doc.lines));
      const b = await measureEdit(c, doc, kind.undo!(doc.lines));
      if (i < WARM_UP) continue;
      made.push(a);
      undone.push(b);
    }
    row(kind.name, lines, made);
    if (kind.undoName) row(kind.undoName, lines, undone);
  }
}

/** The semantic tokens (whole, and as a delta after a keystroke) and the outline, each on its own. */
async function featuresAlone(c: BenchClient, doc: OpenDoc, lines: number): Promise<void> {
  const runs = RUNS(lines);
  const cpuOf = async (f: () => Promise<unknown>): Promise<number> => {
    const cpu0 = cpuNs(c.pid);
    await f();
    return (cpuNs(c.pid) - cpu0) / 1e6;
  };
  const t = { full: [] as number[], delta: [] as number[], symbols: [] as number[] };
  const mid = EDIT_KINDS[1];
  // A keystroke before each, so that nothing is answered from the previous request's result.
  const keystroke = async (make: (lines: string[]) => Edit): Promise<void> => {
    const e = make(doc.lines);
    await c.diagnostics(doc.uri, c.change(doc, e.range, e.text));
  };
  for (let i = 0; i < runs + WARM_UP; i++) {
    await keystroke(mid.make);
    const full = await cpuOf(() => c.semanticTokens(doc, true));
    await keystroke(mid.undo!);
    const delta = await cpuOf(() => c.semanticTokens(doc));
    await keystroke(mid.make);
    const symbols = await cpuOf(() => c.symbols(doc));
    await keystroke(mid.undo!);
    if (i < WARM_UP) continue;
    t.full.push(full);
    t.delta.push(delta);
    t.symbols.push(symbols);
  }
  const provider = c.capabilities.semanticTokensProvider;
  const hasDelta = !!provider && typeof provider.full === 'object' && !!provider.full.delta;
  console.log(`${'semanticTokens/full alone (CPU)'.padEnd(40)}${String(lines).padStart(8)}${ms(median(t.full))}`);
  console.log(`${(hasDelta ? 'semanticTokens/full/delta alone (CPU)' : 'semanticTokens (no delta offered)').padEnd(40)}${String(lines).padStart(8)}${ms(median(t.delta))}`);
  console.log(`${'documentSymbol alone (CPU)'.padEnd(40)}${String(lines).padStart(8)}${ms(median(t.symbols))}`);
}

/** 1,000 keystrokes sent without waiting (issue 16): how long after the last one its diagnostics come. */
async function burst(c: BenchClient, doc: OpenDoc): Promise<void> {
  const line = doc.lines.findIndex((l) => l.startsWith('note over'));
  const rss0 = memoryMb(c.pid, 'VmRSS');
  let version = doc.version;
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const q = doc.lines[line].lastIndexOf('"');
    version = c.change(doc, { start: { line, character: q }, end: { line, character: q } }, i % 10 === 9 ? ' ' : 'k');
  }
  const sent = performance.now();
  await c.diagnostics(doc.uri, version);
  const done = performance.now();
  console.log(
    `1,000 keystrokes sent in ${(sent - t0).toFixed(0)} ms; the last one's diagnostics ${(done - sent).toFixed(0)} ms after the last was sent; ` +
      `server RSS ${rss0.toFixed(0)} → ${memoryMb(c.pid, 'VmRSS').toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  console.log(`node ${process.version}; ms from didChange, medians (p90 of "all"); CPU = the server's, every thread`);
  console.log(`${'edit'.padEnd(40)}${'lines'.padStart(8)}${'diags'.padStart(8)}${'all'.padStart(8)}${'p90'.padStart(8)}${'CPU'.padStart(8)}`);
  for (const size of SIZES) {
    const c = await BenchClient.start();
    const idle = memoryMb(c.pid, 'VmRSS');
    const doc = await c.open(`bench-${size}.tcpflow`, generateFlow(size));
    const lines = doc.lines.length - 1;
    const open = memoryMb(c.pid, 'VmRSS');
    await c.semanticTokens(doc, true);
    await editKinds(c, doc, lines);
    await featuresAlone(c, doc, lines);
    if (size === 10_000) await burst(c, doc);
    console.log(
      `server RSS, ${lines} lines: idle ${idle.toFixed(0)} MB, document open ${open.toFixed(0)} MB, ` +
        `after the edits ${memoryMb(c.pid, 'VmRSS').toFixed(0)} MB, peak ${memoryMb(c.pid, 'VmHWM').toFixed(0)} MB`,
    );
    await c.stop();
  }
}

void main();
