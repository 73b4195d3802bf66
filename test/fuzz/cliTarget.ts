// The CLI's commands in process, as the bin runs them (main.ts: parse, run, a usage or input
// error is one line and exit 2), on generated files and argument lists. Standard input is never
// named (in process it would be the fuzzer's own). Output is captured, not printed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { run } from '../../server/src/cli/commands';
import { CliError } from '../../server/src/cli/io';
import { captureBytes, flowText, noteText } from './generators';
import type { Rng } from './rng';

export interface CliCase {
  /** Arguments; `{dir}` stands for the case's own temporary folder. */
  argv: string[];
  files: { name: string; text?: string; base64?: string }[];
}

const COMMANDS = ['check', 'render', 'trace', 'import', 'sync', 'bogus'];
const OPTIONS: string[][] = [['--format', 'json'], ['--format', 'text'], ['--format', 'markdown'], ['--format', 'mermaid'], ['--format', 'tcpflow'], ['--format', 'x'], ['--lang', 'ko'], ['--lang', 'en'], ['--lang', 'xx'], ['-o', '{dir}/out.md'], ['--force'], ['--check'], ['--stream', '0'], ['--stream', '1'], ['--stream', 'x'], ['--relative'], ['--absolute'], ['--symbolic'], ['--window'], ['--list'], ['--bogus'], ['--format=json'], ['--']];

export function cliCase(r: Rng): CliCase {
  const files: CliCase['files'] = [];
  const args: string[] = [];
  for (let i = 1 + r.int(3); i > 0; i--) {
    const kind = r.int(4);
    if (kind === 0) files.push({ name: `f${i}.tcpflow`, text: flowText(r) });
    else if (kind === 1) files.push({ name: `n${i}.md`, text: noteText(r) });
    else if (kind === 2) files.push({ name: `c${i}.pcap`, base64: Buffer.from(captureBytes(r)).toString('base64') });
    else {
      args.push(r.pick(['{dir}/missing.tcpflow', '{dir}']));
      continue;
    }
    args.push(`{dir}/${files[files.length - 1].name}`);
  }
  if (r.chance(0.3)) files.push({ name: 'out.md', text: 'the user’s own file\n' });
  const options = Array.from({ length: r.int(4) }, () => r.pick(OPTIONS)).flat();
  return { argv: [r.pick(COMMANDS), ...options, ...args], files };
}

/** Runs one case; throws when a rule of the CLI is broken. */
export function runCliInProcess(c: CliCase): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-fuzz-'));
  const out = { stdout: '', stderr: '' };
  const write = { stdout: process.stdout.write, stderr: process.stderr.write };
  try {
    for (const f of c.files) fs.writeFileSync(path.join(dir, f.name), f.base64 !== undefined ? Buffer.from(f.base64, 'base64') : f.text ?? '');
    const argv = c.argv.map((a) => a.replace('{dir}', dir));
    process.stdout.write = ((chunk: string) => ((out.stdout += chunk), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => ((out.stderr += chunk), true)) as typeof process.stderr.write;
    const code = exitCode(argv);
    process.stdout.write = write.stdout;
    process.stderr.write = write.stderr;
    assert.ok([0, 1, 2].includes(code), `exit code ${code}`);
    assert.doesNotMatch(out.stderr, /internal error|\n\s+at /, 'no internal error, no stack trace');
    const json = argv[0] === 'check' && argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
    if (json && code !== 2) assert.ok(Array.isArray(JSON.parse(out.stdout)), 'check --format json prints one JSON array');
  } finally {
    process.stdout.write = write.stdout;
    process.stderr.write = write.stderr;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What main.ts does with the arguments, without its process-wide handlers. */
function exitCode(argv: string[]): number {
  try {
    const parsed = parseArgs(argv);
    return parsed.kind === 'run' ? run(parsed.options) : 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof CliError) return 2;
    throw err;
  }
}
