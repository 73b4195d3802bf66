// `npm run bench:all`: every bench, one after the other, each through its own npm script (so each
// builds what it measures), under a header with the date, Node, the machine and the load average
// before and after each. Together they print every row of issue 13's table as medians and as
// ratios against a baseline measured in the same run: the CLI's start-up and cold checks against
// `node -e ''` (bench:cli); warm analysis against a minimal single-pass check (bench); each kind
// of edit at 1k, 10k and 100k lines, semantic tokens, symbols and resident memory (bench:lsp); the
// preview's first paint and keystroke at 10 to 10,000 segments against plain Mermaid
// (bench:preview); the readers on pathological lines (bench:readers); documents far over the budget (bench:big). Asserts nothing; not run in
// CI (it takes some minutes). `npm run bench:all -- bench:cli bench` runs only those.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const ALL = ['bench:cli', 'bench', 'bench:lsp', 'bench:preview', 'bench:readers', 'bench:big'];
const chosen = process.argv.slice(2).filter((a) => ALL.includes(a));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`# TCP Flow benches, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${load()}`);
let failed = false;
for (const script of chosen.length ? chosen : ALL) {
  console.log(`\n## npm run ${script}  (load average ${load()})\n`);
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  const took = ((performance.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) failed = true;
  console.log(`\n(${script}: ${r.status === 0 ? 'done' : `failed, exit ${r.status ?? r.signal}`} in ${took} s; load average ${load()})`);
}
process.exitCode = failed ? 1 : 0;
