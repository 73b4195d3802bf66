// tcpflow-cli as built for Node: a small loader (the bin, dist/cli/main.js) and the process's
// program (dist/cli/entry.js), and the V8 code cache of the program (entry.cache), made by running
// the built CLI once on the examples (server/src/cli/main.ts says why and when V8 uses it).
// Shared by scripts/build.mjs and the CLI bench (test/bench/cli.bench.ts), which measures the CLI
// as it is shipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The bin: built with the other Node entries (a `#!` line). */
export const cliBin = { in: 'server/src/cli/main.ts', out: 'cli/main' };

/**
 * The program's esbuild options (with the build's own): its text written as the function main.ts
 * calls, as Node wraps a CommonJS module, so that V8 compiles the file's text as it is read.
 * Wrapping it when the bin starts made a copy of the whole bundle at every start (issue 13).
 * The file does nothing run on its own: a worker runs the bin too (memoryGuard.ts).
 */
export const cliProgram = {
  entryPoints: [{ in: 'server/src/cli/entry.ts', out: 'cli/entry' }],
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
};

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
