// tcpflow-cli (SPEC §7): check, render and trace .tcpflow files from the command line.
// Whatever goes wrong ends as one line on stderr and exit code 2, never a stack trace.
import { version } from '../../../package.json';
import { parseArgs, UsageError, USAGE } from './args';
import { run } from './commands';
import { CliError, oneLine, reason } from './io';
import { runInWorker } from './memoryGuard';

function fail(message: string): number {
  process.stderr.write(`tcpflow-cli: ${oneLine(message)}\n`);
  return 2;
}

export function main(argv: string[]): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (parsed.kind === 'version') {
      process.stdout.write(`${version}\n`);
      return 0;
    }
    return run(parsed.options);
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message} (see 'tcpflow-cli --help')`);
    if (err instanceof CliError) return fail(err.message);
    return fail(`internal error: ${reason(err)}`);
  }
}

// A reader that goes away (`tcpflow-cli trace f | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : fail(`cannot write output: ${reason(err)}`));
});
process.on('uncaughtException', (err) => process.exit(fail(`internal error: ${reason(err)}`)));

// exitCode, not exit(): output still being flushed to a pipe must not be cut off. The command runs
// in a worker thread, so that running out of memory is one line, not V8's trace (memoryGuard.ts).
if (!runInWorker(__filename, fail)) process.exitCode = main(process.argv.slice(2));
