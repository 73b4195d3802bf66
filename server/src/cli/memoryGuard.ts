// An out-of-memory abort must not reach the user as V8's native stack trace (issue 16). V8 ends
// the process on an exhausted heap, and no handler in the same thread can stop that; a worker
// thread with a resource limit, though, is stopped with ERR_WORKER_OUT_OF_MEMORY and nothing
// printed. So the bin runs the command in a worker whose heap limit is the one this process has
// (`--max-old-space-size` and the machine's memory decide it, as before), and the main thread,
// which only waits, says so in one line (exit 2). The worker's output and exit code pass through.
//
// A worker costs a second start-up (some 30 ms CPU, half again what `node -e ''` costs), so an
// input that cannot come near the heap limit runs in the main thread (issue 13): only named
// regular files, together small enough that even the costliest text per byte fits many times.
import * as fs from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { parseArgs } from './args';
import { inCwd, STDIN } from './io';
import { WORKER_MARK } from './workerMark';

const MB = 1024 * 1024;

/**
 * Heap one byte of input may need, with a wide margin: the costliest text measured, 100,000
 * lines of `x` (every one an error, 200 KB), peaks near 190 MB, some 1,000 bytes a byte.
 */
const HEAP_PER_INPUT_BYTE = 4096;

/**
 * Whether the command can run in this thread: help, version and bad usage; or input only from
 * regular files whose sizes together, at the costliest rate, are within the heap limit. Standard
 * input and folders (sync) are of unknown size: they run in a worker.
 */
export function fitsInThisThread(argv: string[], io: { cwd?: string }): boolean {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch {
    return true; // the program says what is wrong with the arguments
  }
  if (parsed.kind !== 'run') return true;
  let bytes = 0;
  for (const file of parsed.options.files) {
    if (file === STDIN) return false;
    const stat = sizeOf(inCwd(io, file));
    if (stat === 'not a file') return false;
    bytes += stat ?? 0; // a file that cannot be read is only a message
  }
  return bytes * HEAP_PER_INPUT_BYTE <= getHeapStatistics().heap_size_limit;
}

function sizeOf(path: string): number | 'not a file' | undefined {
  try {
    const stat = fs.statSync(path);
    return stat.isFile() ? stat.size : 'not a file';
  } catch {
    return undefined;
  }
}

/**
 * Runs `script` (the bin, which loads the program as in this thread) in a worker with the same
 * arguments and the worker's mark (workerMark.ts); the exit code is set when it ends.
 */
export function runInWorker(script: string, fail: (message: string) => number): void {
  // Not import(): main.ts runs the bundle as a vm Script, which has no dynamic import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const limitMb = Math.floor(getHeapStatistics().heap_size_limit / MB);
  const env = { ...process.env, [WORKER_MARK]: '1' };
  const worker = new Worker(script, { argv: process.argv.slice(2), env, resourceLimits: { maxOldGenerationSizeMb: limitMb } });
  let failed: number | undefined;
  worker.on('error', (err: NodeJS.ErrnoException) => {
    failed =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? fail(`out of memory: this input needs more than the ${limitMb} MB of heap Node gives this process (NODE_OPTIONS=--max-old-space-size=MB raises it; see docs/limits.md)`)
        : fail(`internal error: ${err.message}`);
  });
  worker.on('exit', (code) => {
    process.exitCode = failed ?? code;
  });
}
