// The tcpflow-cli executable: runs the program (program.ts) for this process.
import { fail, main } from './program';
import { processIo, reason } from './io';
import { runInWorker } from './memoryGuard';

const io = processIo();

// A reader that goes away (`tcpflow-cli trace f | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : fail(`cannot write output: ${reason(err)}`, io));
});
process.on('uncaughtException', (err) => process.exit(fail(`internal error: ${reason(err)}`, io)));

// exitCode, not exit(): output still being flushed to a pipe must not be cut off. The command runs
// in a worker thread, so that running out of memory is one line, not V8's trace (memoryGuard.ts).
if (!runInWorker(__filename, (message) => fail(message, io))) process.exitCode = main(process.argv.slice(2), io);
