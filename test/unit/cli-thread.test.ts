// Where tcpflow-cli runs a command (server/src/cli/memoryGuard.ts, issue 13): in the main thread
// when the input cannot come near the heap limit — a worker is a second start-up —, otherwise in
// a worker thread, so that running out of memory stays one line (cli-load.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { fitsInThisThread } from '../../server/src/cli/memoryGuard';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-cli-thread-'));
  fs.writeFileSync(path.join(dir, 'note.tcpflow'), 'A -> B: SYN seq=100\n');
  fs.mkdirSync(path.join(dir, 'notes'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const fits = (...argv: string[]): boolean => fitsInThisThread(argv, { cwd: dir });

describe('the thread a command runs in', () => {
  it('the main thread for named files that are small, and for help, version and bad usage', () => {
    assert.equal(fits('check', 'note.tcpflow'), true);
    assert.equal(fits('render', 'note.tcpflow', '--format', 'markdown'), true);
    assert.equal(fits('--help'), true);
    assert.equal(fits('--version'), true);
    assert.equal(fits('check', '--format', 'yaml', 'note.tcpflow'), true);
    assert.equal(fits('check', 'missing.tcpflow'), true, 'the program says it cannot be read');
  });

  it('a worker for standard input and folders, whose size is not known', () => {
    assert.equal(fits('check', '-'), false);
    assert.equal(fits('check', 'note.tcpflow', '-'), false);
    assert.equal(fits('sync', 'notes'), false);
  });

  it('a worker once the files together pass the heap limit at 4,096 bytes of heap a byte', () => {
    const limit = Math.floor(getHeapStatistics().heap_size_limit / 4096);
    fs.writeFileSync(path.join(dir, 'half.tcpflow'), '#'.repeat(Math.floor(limit / 2)));
    assert.equal(fits('check', 'half.tcpflow'), true);
    assert.equal(fits('check', 'half.tcpflow', 'half.tcpflow', 'note.tcpflow'), false);
  });
});
