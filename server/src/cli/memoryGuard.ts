// An out-of-memory abort must not reach the user as V8's native stack trace (issue 16). V8 ends
// the process on an exhausted heap, and no handler in the same thread can stop that; a worker
// thread with a resource limit, though, is stopped with ERR_WORKER_OUT_OF_MEMORY and nothing
// printed. So the bin runs the command in a worker whose heap limit is the one this process has
// (`--max-old-space-size` and the machine's memory decide it, as before), and the main thread,
// which only waits, says so in one line (exit 2). The worker's output and exit code pass through.
import { getHeapStatistics } from 'node:v8';
import { Worker, isMainThread } from 'node:worker_threads';

const MB = 1024 * 1024;

/**
 * In the main thread: runs `script` in a worker with the same arguments and returns true (the
 * exit code is set when it ends). In the worker itself: returns false, and the caller runs the command.
 */
export function runInWorker(script: string, fail: (message: string) => number): boolean {
  if (!isMainThread) return false;
  const limitMb = Math.floor(getHeapStatistics().heap_size_limit / MB);
  const worker = new Worker(script, { argv: process.argv.slice(2), resourceLimits: { maxOldGenerationSizeMb: limitMb } });
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
  return true;
}
