// `tcpflow-cli import` as users run it: the built bundle, spawned, with its exit codes, the
// stream listing, -o/--force, and one clear line for every bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBuilt } from '../ensureBuilt';
import { assertOneLineError, runCli, type CliResult } from './cliRunner';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { CAPTURES } from './capture-fixtures';

let dir = '';

const cli = (args: string[], input?: Buffer): CliResult => runCli(args, { cwd: CAPTURES, input });

const LISTING = [
  '0  127.0.0.1:40001 → 127.0.0.1:5003  9 packets  06:12:41.384307 – 06:12:41.585754',
  '1  127.0.0.1:40001 → 127.0.0.1:5003  9 packets  06:12:41.889009 – 06:12:42.089310',
  '2  127.0.0.1:40002 → 127.0.0.1:5003  9 packets  06:12:42.392552 – 06:12:42.592878',
].join('\n');

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-import-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tcpflow-cli import', () => {
  it('prints the note of a one-connection capture and exits 0; the note checks clean', () => {
    const r = cli(['import', 'client-close.pcap']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# Imported from client-close\.pcap: stream 0 of 1 /);
    assert.deepEqual(
      analyze(r.stdout).diagnostics.map((d) => d.code),
      [],
    );
  });

  it('several connections and no --stream: the list on stderr, then the message; exit 2', () => {
    const r = cli(['import', 'reuse.pcap']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${LISTING}\ntcpflow-cli: 'reuse.pcap' holds 3 TCP connections (listed above): choose one with --stream N\n`);
  });

  it('--stream N imports that one; --list prints the list on stdout and exits 0', () => {
    const r = cli(['import', 'reuse.pcap', '--stream', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^title reuse\.pcap, stream 2$/m);
    assert.match(r.stdout, /^participant C as "127\.0\.0\.1:40002"$/m);
    assert.equal(cli(['import', '--stream=1', 'reuse.pcap']).code, 0);
    const list = cli(['import', '--list', 'reuse.pcap']);
    assert.deepEqual([list.code, list.stdout, list.stderr], [0, `${LISTING}\n`, '']);
  });

  it('--relative (default), --absolute and --symbolic', () => {
    const first = (args: string[]) => cli(['import', 'client-close.pcap', ...args]).stdout.match(/^C -> S: SYN seq=\S+/m)?.[0];
    assert.equal(first([]), 'C -> S: SYN seq=0');
    assert.equal(first(['--relative']), 'C -> S: SYN seq=0');
    assert.equal(first(['--absolute']), 'C -> S: SYN seq=1243103214');
    assert.equal(first(['--symbolic']), 'C -> S: SYN seq=x');
    assert.match(cli(['import', 'client-close.pcap', '--window']).stdout, /^C -> S: SYN seq=0 win=65495 /m);
  });

  it('reads tcpdump text and standard input', () => {
    const text = cli(['import', 'half-close.S.txt']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^title half-close\.S\.txt, stream 0$/m);
    const stdin = cli(['import', '-'], fs.readFileSync(path.join(CAPTURES, 'client-close.pcap')));
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.match(stdin.stdout, /^# Imported from <stdin>: stream 0 of 1 /);
  });

  it('-o writes the note and never overwrites without --force', () => {
    const out = path.join(dir, 'note.tcpflow');
    const first = cli(['import', 'client-close.pcap', '-o', out]);
    assert.deepEqual([first.code, first.stdout], [0, '']);
    assert.match(fs.readFileSync(out, 'utf8'), /^# Imported from client-close\.pcap/);
    assertOneLineError(cli(['import', 'server-close.pcap', '-o', out]), /^tcpflow-cli: '.*note\.tcpflow' already exists; use --force to overwrite it\n$/);
    assert.match(fs.readFileSync(out, 'utf8'), /client-close/);
    assert.equal(cli(['import', 'server-close.pcap', '-o', out, '--force']).code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /server-close/);
  });

  it('bad, truncated and non-TCP files: one clear line, exit 2, never a stack trace', () => {
    assertOneLineError(cli(['import', 'truncated.pcap']), /^tcpflow-cli: cannot import 'truncated\.pcap': the file is cut short: packet 10 at byte 803 needs 66 bytes, only 56 left\n$/);
    assertOneLineError(cli(['import', 'truncated.pcapng']), /^tcpflow-cli: cannot import 'truncated\.pcapng': the file is cut short: /);
    assertOneLineError(cli(['import', 'wrong-magic.pcap']), /^tcpflow-cli: cannot import 'wrong-magic\.pcap': not a capture file \(it starts with 0xdeadbeef\)/);
    assertOneLineError(cli(['import', 'not-a-capture.txt']), /^tcpflow-cli: cannot import 'not-a-capture\.txt': not a capture file/);
    assertOneLineError(cli(['import', 'udp-only.pcap']), /^tcpflow-cli: cannot import 'udp-only\.pcap': no TCP segments in its 2 packets\n$/);
    assertOneLineError(cli(['import', 'header-only.pcap']), /^tcpflow-cli: cannot import 'header-only\.pcap': it holds no packets\n$/);
    assertOneLineError(cli(['import', 'no-such.pcap']), /^tcpflow-cli: cannot read 'no-such\.pcap': no such file or directory\n$/);
    assertOneLineError(cli(['import', 'reuse.pcap', '--stream', '3']), /^tcpflow-cli: 'reuse\.pcap' has no stream 3: it holds streams 0 to 2\n$/);
    assertOneLineError(cli(['import', 'client-close.pcap', '--stream', '1']), /has no stream 1: it holds only stream 0\n$/);
  });

  it('a number out of range in tcpdump text: one line naming the line, exit 2', () => {
    const text = '12:00:00.000001 IP 10.0.0.1.99999999999 > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0\n';
    assertOneLineError(cli(['import', '-'], Buffer.from(text)), /^tcpflow-cli: cannot import '<stdin>': line 1: port 99999999999 is out of range \(0 to 65535\)\n$/);
  });

  it('usage mistakes: exit 2 with the reason', () => {
    assertOneLineError(cli(['import']), /'import' needs a FILE/);
    assertOneLineError(cli(['import', 'a.pcap', 'b.pcap']), /'import' takes one FILE, not 2/);
    assertOneLineError(cli(['import', 'client-close.pcap', '--absolute', '--symbolic']), /give one of --relative, --absolute and --symbolic, not --absolute and --symbolic/);
    assertOneLineError(cli(['import', 'reuse.pcap', '--stream', 'two']), /'--stream' takes a stream number \(0, 1, …\), not 'two'/);
    assertOneLineError(cli(['check', 'x.tcpflow', '--stream', '1']), /'--stream' belongs to 'import', not 'check'/);
    assertOneLineError(cli(['trace', 'x.tcpflow', '--symbolic']), /'--symbolic' belongs to 'import', not 'trace'/);
    assertOneLineError(cli(['check', '-o', 'out.md', 'x']), /belong to 'render' and 'import', not 'check'/);
  });

  it('--help describes import', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /tcpflow-cli import CAPTURE \[--stream N\] \[--relative\|--absolute\|--symbolic\]/);
    assert.match(help.stdout, /^import {2}turn one TCP connection of a capture/m);
  });
});
