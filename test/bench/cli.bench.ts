// `npm run bench:cli`: what `tcpflow-cli check` costs a user, against `node -e ''` measured in the
// same run (interleaved, so a busy machine slows both alike): the CPU time of the whole process
// (start-up and every thread included; cpuProbe.mjs reads it at exit) and the wall time, for a
// 3-line note and for generated 10,000- and 100,000-line flows, cold (a new process each run).
// The CLI is built here as the package ships it (minified, no source maps, its code cache). Prints medians and
// ratios; asserts nothing. `--runs N` sets how many runs each median takes (default 21).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { cliBin, cliProgram, writeCodeCache } from '../../scripts/cliBuild.mjs';
import { generateFlow } from './flows';
import { median } from './lspClient';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'bench', 'cli', 'main.js');
const PROBE = join(__dirname, 'cpuProbe.mjs');

interface Run {
  cpu: number;
  wall: number;
}

export interface CliRow {
  what: string;
  cpu: number;
  wall: number;
}

/** The CLI as scripts/build.mjs --production builds it: minified, no source maps, its code cache. */
function buildCli(): void {
  const at = (e: { in: string; out: string }): { in: string; out: string } => ({ in: join(ROOT, e.in), out: e.out });
  const outdir = join(ROOT, 'out', 'bench');
  const options = { outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' } as const;
  buildSync({ ...options, entryPoints: [at(cliBin)] });
  buildSync({ ...options, ...cliProgram, entryPoints: cliProgram.entryPoints.map(at) });
  writeCodeCache(join(outdir, 'cli'));
}

function run(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PROBE, ...args], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  // A worker thread runs the probe too: the main thread's line, the last, counts every thread.
  const m = [...r.stderr.matchAll(/@cpu ([\d.]+)/g)].at(-1);
  if (!m || r.status === null || r.status > 1) throw new Error(`no CPU time from ${args.join(' ')} (exit ${r.status}): ${r.stderr}`);
  return { cpu: Number(m[1]), wall };
}

/** Medians of `runs` cold runs each: `node -e ''` first, then each check. */
export function measureCli(runs: number): CliRow[] {
  buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'tcpflow-cli-bench-'));
  try {
    const files = {
      '3-line note': join(dir, 'three.tcpflow'),
      '10k-line flow': join(dir, 'ten-k.tcpflow'),
      '100k-line flow': join(dir, 'hundred-k.tcpflow'),
    };
    writeFileSync(files['3-line note'], 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n');
    writeFileSync(files['10k-line flow'], generateFlow(10_000));
    writeFileSync(files['100k-line flow'], generateFlow(100_000));
    const all: Record<string, Run[]> = { "node -e ''": [] };
    for (const k of Object.keys(files)) all[`tcpflow-cli check, ${k}`] = [];
    for (let i = 0; i < runs + 1; i++) {
      const n = run(['-e', '']);
      const c = Object.entries(files).map(([k, f]) => [`tcpflow-cli check, ${k}`, run([CLI, 'check', f])] as const);
      if (i === 0) continue; // the first run fills the page cache
      all["node -e ''"].push(n);
      for (const [k, r] of c) all[k].push(r);
    }
    return Object.entries(all).map(([what, rs]) => ({ what, cpu: median(rs.map((r) => r.cpu)), wall: median(rs.map((r) => r.wall)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table: each row's medians, its ratio to `node -e ''` and its CPU over it. */
export function cliTable(rows: CliRow[], runs: number): string {
  const [base] = rows;
  const out = [
    `node ${process.version}; medians of ${runs} cold runs, ms; CPU = the process's user + system (every thread), start-up included`,
    `${'command'.padEnd(34)}${'CPU'.padStart(8)}${'× node'.padStart(8)}${'over'.padStart(8)}${'wall'.padStart(8)}${'× node'.padStart(8)}`,
  ];
  for (const r of rows) {
    const over = r === base ? '' : (r.cpu - base.cpu).toFixed(0);
    out.push(
      `${r.what.padEnd(34)}${r.cpu.toFixed(1).padStart(8)}${(r.cpu / base.cpu).toFixed(2).padStart(8)}${over.padStart(8)}` +
        `${r.wall.toFixed(1).padStart(8)}${(r.wall / base.wall).toFixed(2).padStart(8)}`,
    );
  }
  return out.join('\n');
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 21;
  console.log(cliTable(measureCli(runs), runs));
}
