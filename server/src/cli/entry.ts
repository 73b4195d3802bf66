// The tcpflow-cli process (main.ts loads it): runs the program (program.ts). A small input is
// run in this thread; any other in a worker thread, so that running out of memory is one line,
// not V8's trace (memoryGuard.ts). The program is loaded only where it runs: a process whose
// main thread only waits for the worker does not evaluate the grammar and the checker too.
import { isMainThread } from 'node:worker_threads';
import { fail, processIo, reason } from './io';
import { fitsInThisThread, runInWorker } from './memoryGuard';

const io = processIo();
const argv = process.argv.slice(2);

// A reader that goes away (`tcpflow-cli trace f | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : fail(`cannot write output: ${reason(err)}`, io));
});
process.on('uncaughtException', (err) => process.exit(fail(`internal error: ${reason(err)}`, io)));

// exitCode, not exit(): output still being flushed to a pipe must not be cut off.
if (isMainThread && !fitsInThisThread(argv, io)) runInWorker(__filename, (message) => fail(message, io));
else
  void import('./program').then(({ main }) => {
    process.exitCode = main(argv, io);
  });
