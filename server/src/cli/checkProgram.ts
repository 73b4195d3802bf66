// tcpflow-cli for a `check` command line (entry.ts loads it instead of program.ts when the
// arguments say `check`): the same program with only the check command behind it, so the process
// does not evaluate the renderers, the capture import and sync it would not run (issue 13).
import { runCommandLine } from './commandLine';
import { check } from './checkCommand';
import type { Io } from './io';

export function main(argv: string[], io: Io): number {
  return runCommandLine(argv, io, check);
}
