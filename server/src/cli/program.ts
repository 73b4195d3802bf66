// tcpflow-cli (SPEC §7) as a function: the arguments and where to read and write in, the exit code
// out. entry.ts runs it for the process (or checkProgram.ts, for `check`); the tests run it
// in-process with their own Io. Whatever goes wrong ends as one line on stderr and exit code 2.
import { runCommandLine } from './commandLine';
import { run } from './commands';
import { processIo, type Io } from './io';

export function main(argv: string[], io: Io = processIo()): number {
  return runCommandLine(argv, io, run);
}
