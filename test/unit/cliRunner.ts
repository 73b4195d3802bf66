// The built CLI as users run it, for the CLI tests: the bundle spawned with Node, its exit code
// and both streams, and the shape every refusal has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}): CliResult {
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
