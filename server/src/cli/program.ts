// tcpflow-cli (SPEC §7) as a function: the arguments and where to read and write in, the exit code
// out. main.ts runs it for the process; the tests run it in-process with their own Io.
// Whatever goes wrong ends as one line on stderr and exit code 2, never a stack trace.
import { version } from '../../../package.json';
import { parseArgs, UsageError, USAGE } from './args';
import { run } from './commands';
import { CliError, fail, processIo, reason, type Io } from './io';

export function main(argv: string[], io: Io = processIo()): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${version}\n`);
      return 0;
    }
    return run(parsed.options, io);
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message} (see 'tcpflow-cli --help')`, io);
    if (err instanceof CliError) return fail(err.message, io);
    return fail(`internal error: ${reason(err)}`, io);
  }
}
