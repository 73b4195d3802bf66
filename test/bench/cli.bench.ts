// `npm run bench:cli`: what `tcpflow-cli check` costs a user, against `node -e ''` measured in the
// same run (interleaved, so a busy machine slows both alike): the CPU time of the whole process
// (start-up included; cpuProbe.mjs reads it at exit) and the wall time, for a 3-line note and for
// generated 10,000- and 100,000-line flows, cold (a new process each run). Prints medians and
// ratios; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateFlow } from './flows';
import { median } from './lspClient';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const PROBE = join(__dirname, 'cpuProbe.mjs');
const RUNS = 21;

interface Run {
  cpu: number;
  wall: number;
}

function run(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PROBE, ...args], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  const m = /@cpu ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`no CPU time from ${args.join(' ')}: ${r.stderr}`);
  return { cpu: Number(m[1]), wall };
}

function main(): void {
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
    const node: Run[] = [];
    const cli: Record<string, Run[]> = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
    for (let i = 0; i < RUNS + 1; i++) {
      const n = run(['-e', '']);
      const c = Object.entries(files).map(([k, f]) => [k, run([CLI, 'check', f])] as const);
      if (i === 0) continue; // the first run fills the page cache
      node.push(n);
      for (const [k, r] of c) cli[k].push(r);
    }
    const base = { cpu: median(node.map((r) => r.cpu)), wall: median(node.map((r) => r.wall)) };
    console.log(`node ${process.version}; medians of ${RUNS} runs, ms; CPU = the process's user + system, start-up included`);
    console.log(`${'command'.padEnd(34)}${'CPU'.padStart(8)}${'× node'.padStart(8)}${'over'.padStart(8)}${'wall'.padStart(8)}${'× node'.padStart(8)}`);
    console.log(`${"node -e ''".padEnd(34)}${base.cpu.toFixed(1).padStart(8)}${'1.00'.padStart(8)}${''.padStart(8)}${base.wall.toFixed(1).padStart(8)}${'1.00'.padStart(8)}`);
    for (const [k, runs] of Object.entries(cli)) {
      const cpu = median(runs.map((r) => r.cpu));
      const wall = median(runs.map((r) => r.wall));
      console.log(
        `${`tcpflow-cli check, ${k}`.padEnd(34)}${cpu.toFixed(1).padStart(8)}${(cpu / base.cpu).toFixed(2).padStart(8)}` +
          `${(cpu - base.cpu).toFixed(0).padStart(8)}${wall.toFixed(1).padStart(8)}${(wall / base.wall).toFixed(2).padStart(8)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
