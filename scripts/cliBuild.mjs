// tcpflow-cli as built for Node: a small loader (the bin, dist/cli/main.js) and the process's
// program (dist/cli/entry.js), and the V8 code cache of the program (entry.cache), made by running
// the built CLI once on the examples (server/src/cli/main.ts says why and when V8 uses it).
// Shared by scripts/build.mjs and the CLI bench (test/bench/cli.bench.ts), which measures the CLI
// as it is shipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const cliEntryPoints = [
  { in: 'server/src/cli/main.ts', out: 'cli/main' },
  { in: 'server/src/cli/entry.ts', out: 'cli/entry' },
];

/** Writes `dir`/entry.cache from a `check` of every example, in a Node with no extra V8 flags. */
export function writeCodeCache(dir) {
  const cache = join(dir, 'entry.cache');
  rmSync(cache, { force: true });
  const examples = readdirSync('examples')
    .filter((f) => f.endsWith('.tcpflow'))
    .map((f) => join('examples', f));
  const env = { ...process.env, NODE_OPTIONS: '', TCPFLOW_WRITE_CODE_CACHE: '1' };
  const r = spawnSync(process.execPath, [join(dir, 'main.js'), 'check', ...examples], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status === null || r.status > 1 || !existsSync(cache)) throw new Error(`the CLI's code cache was not written (exit ${r.status}): ${r.stderr}`);
}
