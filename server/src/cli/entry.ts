// The tcpflow-cli process (main.ts loads it): runs the program (program.ts, or checkProgram.ts for
// `check`, which leaves out the code of the other commands). A small input is
// run in this thread; any other in a worker thread, so that running out of memory is one line,
// not V8's trace (memoryGuard.ts). The program is loaded only where it runs: a process whose
// main thread only waits for the worker does not evaluate the grammar and the checker too.
import { join } from 'node:path';
import { commandOf } from './args';
import { fail, processIo, reason, stdoutFailed, type Io } from './io';
import { fitsInThisThread, runInWorker } from './memoryGuard';
import { isCliWorker } from './workerMark';

const io = processIo();
const argv = process.argv.slice(2);

process.on('uncaughtException', (err) => process.exit(fail(`internal error: ${reason(err)}`, io)));

/** The program, with only what the command needs: `check` (the commonest) without the renderers, import and sync. */
const program = (): Promise<{ main: (argv: string[], io: Io) => number }> => (commandOf(argv) === 'check' ? import('./checkProgram') : import('./program'));

// exitCode, not exit(): output still being flushed to a pipe must not be cut off.
if (!isCliWorker() && !fitsInThisThread(argv, io)) {
  // The worker runs the bin, as this thread did; its output passes through this thread's
  // process.stdout. A reader that goes away (`tcpflow-cli trace - | head`) is not an error; the
  // program writes stdout itself (io.ts).
  process.stdout.on('error', stdoutFailed);
  runInWorker(join(__dirname, 'main.js'), (message) => fail(message, io));
} else
  void program().then(({ main }) => {
    process.exitCode = main(argv, io);
  });
