// `npm run bench:readers`: every reader of user text on pathological lines of 10 KB, 100 KB and
// 1 MB (test/bench/pathological.ts). Prints the fastest of a few runs and the ratio of each size
// to the one before (linear ≈ 10); asserts nothing (the linear-reader tests bound the ratio).
import { performance } from 'node:perf_hooks';
import { analyze } from '../../server/src/core/analyze';
import { PATHOLOGICAL, READERS, type Pathological } from './pathological';

const SIZES = [10_000, 100_000, 1_000_000];

function fastest(run: () => unknown, times: number): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const cell = (s: string, w: number) => s.padStart(w);

function main(): void {
  console.log(`node ${process.version}; fastest of 5 runs (3 at 1 MB), ms; ×: ratio to the size before (linear ≈ 10)`);
  console.log(`${'reader'.padEnd(14)}${'line'.padEnd(40)}${SIZES.map((s) => cell(`${s / 1000} KB`, 11) + cell('×', 6)).join('')}`);
  const rows = [...PATHOLOGICAL, { reader: 'lexer', name: 'parse + check: A -> B: SYN,SYN,…', prefix: 'A -> B: ', unit: 'SYN,' } as Pathological];
  for (const p of rows) {
    const read = p.name.startsWith('parse + check') ? (t: string) => analyze(t) : READERS[p.reader];
    let before: number | undefined;
    const cells = SIZES.map((size) => {
      const text = p.prefix + p.unit.repeat(Math.ceil(size / p.unit.length));
      read(text);
      const ms = fastest(() => read(text), size >= 1_000_000 ? 3 : 5);
      const ratio = before === undefined ? '' : (ms / Math.max(before, 0.001)).toFixed(1);
      before = ms;
      return cell(ms.toFixed(2), 11) + cell(ratio, 6);
    });
    console.log(`${p.reader.padEnd(14)}${p.name.slice(0, 38).padEnd(40)}${cells.join('')}`);
  }
}

main();
