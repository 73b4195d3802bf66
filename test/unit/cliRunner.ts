// The CLI for the CLI tests: `runCli` runs the program in-process (server/src/cli/program.ts
// `main(argv, io)`, with the test's standard input, directory and output), as fast as a function
// call; `runBin` spawns the built bundle as users run it, for the few tests about the executable
// itself. Both give the exit code and both streams; `assertOneLineError` is the shape every
// refusal has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../server/src/cli/program';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The directory relative paths are read and written from (the test process's by default). */
  cwd?: string;
  /** Standard input, for `-`. */
  input?: string | Buffer;
}

/** tcpflow-cli with these arguments, run in-process. */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: () => (typeof opts.input === 'string' ? Buffer.from(opts.input, 'utf8') : (opts.input ?? Buffer.alloc(0))),
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

/** The built tcpflow-cli (dist/cli/main.js), spawned with Node. */
export function runBin(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, input: opts.input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * An expected failure: exit 2, one line on stderr (matching `pattern`), no stack trace, and on
 * stdout nothing, or what `stdout` matches when the command still did part of its work.
 */
export function assertOneLineError(r: CliResult, pattern: RegExp, stdout?: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n {4}at /);
  if (stdout) assert.match(r.stdout, stdout);
  else assert.equal(r.stdout, '');
}
