// `npm run bench`: how long parse, check and both renderers take on valid flows of 1,000,
// 10,000 and 100,000 lines, warm, and the analysis (parse + check) against a minimal single-pass
// check of the same text (minimalCheck.ts) in the same run. Prints a table of medians; asserts nothing.
import { performance } from 'node:perf_hooks';
import { parse } from '../../server/src/core/syntax/parse';
import { check } from '../../server/src/core/tcp/checker';
import type { Analysis } from '../../server/src/core/tcp/analysis';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { PAIRS, generateFlow } from './flows';
import { minimalCheck } from './minimalCheck';

const SIZES = [1_000, 10_000, 100_000];
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

interface Row {
  lines: number;
  runs: number;
  parse: number;
  check: number;
  mermaid: number;
  markdown: number;
  minimal: number;
  errors: number;
}

function measure(lines: number): Row {
  const text = generateFlow(lines);
  const runs = lines >= 100_000 ? 3 : lines >= 10_000 ? 11 : 15;
  const t = { parse: [] as number[], check: [] as number[], mermaid: [] as number[], markdown: [] as number[], minimal: [] as number[] };
  let errors = 0;
  // One warm-up run, not counted, so the JIT has seen every path.
  for (let i = 0; i <= runs; i++) {
    const [parsed, tp] = time(() => parse(text));
    const [checked, tc] = time(() => check(parsed.doc));
    const a: Analysis = { doc: parsed.doc, ...checked, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
    const [, tm] = time(() => renderMermaid(a));
    const [, tk] = time(() => renderMarkdown(a, { title: 'bench' }));
    const [wrong, tb] = time(() => minimalCheck(text));
    if (i === 0) {
      if (wrong !== 0) throw new Error(`the minimal check found ${wrong} wrong seq in a valid flow`);
      errors = a.diagnostics.filter((d) => d.severity === 'error').length;
      continue;
    }
    t.parse.push(tp);
    t.check.push(tc);
    t.mermaid.push(tm);
    t.markdown.push(tk);
    t.minimal.push(tb);
  }
  return {
    lines: text.split('\n').length - 1,
    runs,
    parse: median(t.parse),
    check: median(t.check),
    mermaid: median(t.mermaid),
    markdown: median(t.markdown),
    minimal: median(t.minimal),
    errors,
  };
}

const fmt = (ms: number): string => ms.toFixed(1).padStart(9);

function main(): void {
  console.log(`node ${process.version}, ${PAIRS} connections per flow; medians in ms`);
  // markdown includes its own mermaid render, so "all" is parse + check + markdown.
  console.log('    lines  runs     parse     check   mermaid  markdown  lines/s (parse+check)  lines/s (all)  errors   minimal  (parse+check) ÷ minimal');
  for (const size of SIZES) {
    const r = measure(size);
    const perSecond = (ms: number): string => String(Math.round(r.lines / (ms / 1000)));
    console.log(
      `${String(r.lines).padStart(9)}  ${String(r.runs).padStart(4)}${fmt(r.parse)}${fmt(r.check)}${fmt(r.mermaid)}${fmt(r.markdown)}` +
        `  ${perSecond(r.parse + r.check).padStart(21)}  ${perSecond(r.parse + r.check + r.markdown).padStart(13)}  ${String(r.errors).padStart(6)}` +
        `${fmt(r.minimal)}  ${`${((r.parse + r.check) / r.minimal).toFixed(0)}×`.padStart(23)}`,
    );
  }
}

main();
