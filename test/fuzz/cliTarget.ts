// The CLI's commands in process (program.ts main(argv, io), as the bin runs them), on generated
// files, standard input and argument lists. Output is captured, not printed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/program';
import { captureBytes, flowText, noteText } from './generators';
import type { Rng } from './rng';

export interface CliCase {
  /** Arguments; `{dir}` stands for the case's own temporary folder. */
  argv: string[];
  files: { name: string; text?: string; base64?: string }[];
  /** What `-` reads. */
  stdin?: string;
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
      args.push(r.pick(['{dir}/missing.tcpflow', '{dir}', '-']));
      continue;
    }
    args.push(`{dir}/${files[files.length - 1].name}`);
  }
  if (r.chance(0.3)) files.push({ name: 'out.md', text: 'the user’s own file\n' });
  const options = Array.from({ length: r.int(4) }, () => r.pick(OPTIONS)).flat();
  return { argv: [r.pick(COMMANDS), ...options, ...args], files, stdin: r.chance(0.5) ? flowText(r) : noteText(r) };
}

/** Runs one case; throws when a rule of the CLI is broken. */
export function runCliInProcess(c: CliCase): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-fuzz-'));
  const out = { stdout: '', stderr: '' };
  try {
    for (const f of c.files) fs.writeFileSync(path.join(dir, f.name), f.base64 !== undefined ? Buffer.from(f.base64, 'base64') : f.text ?? '');
    const argv = c.argv.map((a) => a.replace('{dir}', dir));
    const code = main(argv, {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      stdin: () => new TextEncoder().encode(c.stdin ?? ''),
      cwd: dir,
    });
    assert.ok([0, 1, 2].includes(code), `exit code ${code}`);
    assert.doesNotMatch(out.stderr, /internal error|\n\s+at /, 'no internal error, no stack trace');
    const json = argv[0] === 'check' && argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
    if (json && code !== 2) assert.ok(Array.isArray(JSON.parse(out.stdout)), 'check --format json prints one JSON array');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
