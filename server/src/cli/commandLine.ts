// tcpflow-cli's command line (SPEC §7) as a function: the arguments and where to read and write in,
// the exit code out, given the commands it may run (program.ts: all of them; checkProgram.ts:
// `check` alone, so that checking does not load the rest). Whatever goes wrong ends as one line on
// stderr and exit code 2, never a stack trace.
import { version } from '../../../package.json';
import { parseArgs, UsageError, USAGE, type Options } from './args';
import { CliError, fail, reason, type Io } from './io';

/** Runs the command the options name; returns its exit code. */
export type RunCommand = (o: Options, io: Io) => number;

export function runCommandLine(argv: string[], io: Io, run: RunCommand): number {
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
