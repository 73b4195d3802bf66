// The CLI on large inputs, as users ran it (issue 16): each of these ended in "internal error:
// Maximum call stack size exceeded" when an array of a few hundred thousand items was spread into
// push(...) or Math.max(...). Now each finishes with its ordinary output and exit code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { bulkTransfer, manyConnections, pcapOf } from '../captureSynth';
import { spawnSync } from 'node:child_process';
import { CLI, type CliResult } from './cliRunner';

let dir = '';

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-cli-load-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return name;
};
/** As runCli, with room for outputs of many megabytes. */
function cli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI on large inputs', () => {
  it("render --format markdown of 80,000 lines 'A -> B: SYN' (yes | head -80000)", () => {
    const r = cli(['render', '--format', 'markdown', write('syn.tcpflow', 'A -> B: SYN\n'.repeat(80_000))]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^\| 80000 \| A → B \| SYN \[retransmission\] \| SYN_SENT \| SYN_RECEIVED \|$/m);
  });

  it('check --format json of 150,000 lines of @@@ exits 1 with the JSON', () => {
    const r = cli(['check', '--format', 'json', write('at.tcpflow', '@@@\n'.repeat(150_000))]);
    assert.equal(r.code, 1, r.stderr);
    const list = JSON.parse(r.stdout) as { line: number; code: string }[];
    assert.equal(list.length, 150_000);
    assert.deepEqual([list[0].code, list[149_999].line], ['TF100', 150_000]);
  });

  it('import --list of a capture of 200,000 connections', () => {
    const r = cli(['import', '--list', write('many.pcap', pcapOf(manyConnections(200_000)))]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 200_000);
    assert.match(lines[199_999], /^199999 {2}10\.3\.13\.63:21023 → 10\.255\.0\.1:80 {4}1 packet {2}/);
  });

  it('import of one connection of 200,000 packets', () => {
    const r = cli(['import', write('long.pcap', pcapOf(bulkTransfer(100_000)))]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^C -> S: ACK seq=10000002 ack=2 +# packet 200006, /m);
  });
});
