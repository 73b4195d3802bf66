// How the built tcpflow-cli writes standard output (server/src/cli/io.ts, directStdout): with
// write(2) itself (a start-up without Node's stream modules, issue 13), falling back to
// process.stdout when a non-blocking pipe is full, as in a process whose worker writes through
// the main thread's stdout (standard input runs in the worker, memoryGuard.ts). Each case runs
// in the main thread (a named file) and in the worker (`-`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { generateFlow } from '../bench/flows';
import { CLI, runCli } from './cliRunner';

let dir = '';
let flow = '';
/** 5,000 lines, each with errors: many times what a pipe holds of diagnostics. */
const ERRORS = 'A -> B: SYN seq=100\n' + 'B -> A: SYN,ACK seq=300 ack=100\n'.repeat(5_000);

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-cli-stdout-'));
  flow = generateFlow(10_000);
  fs.writeFileSync(path.join(dir, 'flow.tcpflow'), flow);
  fs.writeFileSync(path.join(dir, 'errors.tcpflow'), ERRORS);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CLI with its stdout a pipe whose reader is gone before it starts: exit code and stderr. */
function withReaderGone(args: string[], input?: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('standard output of the built CLI', () => {
  for (const [where, args, input] of [
    ['a named file, in the main thread', ['errors.tcpflow'], undefined],
    ['standard input, in the worker', ['-'], ERRORS],
  ] as const) {
    it(`is whole and in order through a pipe (${where})`, () => {
      const r = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 28 });
      const expected = runCli(['check', 'errors.tcpflow'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.ok(expected.stdout.length > 16 * 65_536, 'many times what a pipe holds');
      assert.equal(r.stdout.replaceAll('<stdin>', 'errors.tcpflow'), expected.stdout);
    });

    it(`a reader that goes away is no error: the command keeps its exit code (${where})`, async () => {
      assert.deepEqual(await withReaderGone(['check', ...args], input), { code: 1, stderr: '' });
    });
  }

  it('a long trace through standard input is whole and in order (the worker writes through the main thread)', () => {
    const r = spawnSync(process.execPath, [CLI, 'trace', '-'], { cwd: dir, input: flow, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, runCli(['trace', 'flow.tcpflow'], { cwd: dir }).stdout);
  });

  it('a reader of a long trace that goes away is no error (exit 0)', async () => {
    assert.deepEqual(await withReaderGone(['trace', 'flow.tcpflow']), { code: 0, stderr: '' });
    assert.deepEqual(await withReaderGone(['trace', '-'], flow), { code: 0, stderr: '' });
  });

  it('a device that takes nothing is one line and exit 2', { skip: !fs.existsSync('/dev/full') && 'no /dev/full here' }, () => {
    for (const [args, input] of [
      [['check', 'flow.tcpflow'], undefined],
      [['check', '-'], flow],
    ] as const) {
      const out = fs.openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, stdio: ['pipe', out, 'pipe'], encoding: 'utf8' });
        assert.deepEqual([r.status, r.stderr], [2, 'tcpflow-cli: cannot write output: no space left on device\n'], args.join(' '));
      } finally {
        fs.closeSync(out);
      }
    }
  });
});
