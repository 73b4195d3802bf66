// Every write of a file the user already owns (`sync`, `render -o --force`, `import -o --force`)
// goes through a temporary file renamed over it: a write that fails half-way (here: a file size
// limit, as a full disk would) leaves the file exactly as it was (issue 16). The file keeps its
// permission bits, a link stays a link, and no temporary file is left behind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { CAPTURES } from './capture-fixtures';
import { CLI, assertOneLineError, runCli, type CliResult } from './cliRunner';

let dir = '';

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-safe-write-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CLI under a file size limit of `kb` KiB (bash's `ulimit -f`): a write past it fails with EFBIG. */
function cliLimited(kb: number, args: string[]): CliResult {
  const quoted = [CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `ulimit -f ${kb}; exec '${process.execPath}' ${quoted}`], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A note whose Mermaid block makes it grow well past 10 KiB, with a last paragraph to lose. */
function bigNote(): string {
  const flow = Array.from({ length: 300 }, (_, i) => `A -> B: SYN seq=${i}`).join('\n');
  return `# Note\n\n\`\`\`tcpflow\n${flow}\n\`\`\`\n\nLast paragraph that must survive.\n`;
}

const leftovers = () => fs.readdirSync(dir).filter((f) => f.includes('tcpflow-tmp'));

describe('writing a file the user owns', () => {
  it('sync: a write that fails leaves the note exactly as it was', () => {
    const note = path.join(dir, 'big.md');
    fs.writeFileSync(note, bigNote());
    const r = cliLimited(10, ['sync', 'big.md']);
    assertOneLineError(r, /^tcpflow-cli: cannot write 'big\.md': file too large \(over the file size limit\)\n$/, /^0 notes updated, 0 up to date\n$/);
    assert.equal(fs.readFileSync(note, 'utf8'), bigNote());
    assert.deepEqual(leftovers(), []);
  });

  it('render -o --force and import -o --force: a failed write leaves the old file', () => {
    const flow = Array.from({ length: 400 }, (_, i) => `A -> B: SYN seq=${i}`).join('\n');
    fs.writeFileSync(path.join(dir, 'flow.tcpflow'), flow);
    fs.writeFileSync(path.join(dir, 'out.md'), 'my own file\n');
    assertOneLineError(cliLimited(10, ['render', 'flow.tcpflow', '--format', 'markdown', '-o', 'out.md', '--force']), /^tcpflow-cli: cannot write 'out\.md': file too large/);
    assert.equal(fs.readFileSync(path.join(dir, 'out.md'), 'utf8'), 'my own file\n');
    fs.copyFileSync(path.join(CAPTURES, 'bulk.pcap'), path.join(dir, 'bulk.pcap'));
    assertOneLineError(cliLimited(1, ['import', 'bulk.pcap', '-o', 'out.md', '--force']), /^tcpflow-cli: cannot write 'out\.md': file too large/);
    assert.equal(fs.readFileSync(path.join(dir, 'out.md'), 'utf8'), 'my own file\n');
    assert.deepEqual(leftovers(), []);
  });

  it('a new file whose write fails is not left half-written', () => {
    const flow = Array.from({ length: 400 }, (_, i) => `A -> B: SYN seq=${i}`).join('\n');
    fs.writeFileSync(path.join(dir, 'flow2.tcpflow'), flow);
    assertOneLineError(cliLimited(10, ['render', 'flow2.tcpflow', '-o', 'fresh.mmd']), /^tcpflow-cli: cannot write 'fresh\.mmd': file too large/);
    assert.equal(fs.existsSync(path.join(dir, 'fresh.mmd')), false);
  });

  it('keeps the permission bits and the line ends; a link stays a link and its target is updated', () => {
    const real = path.join(dir, 'real');
    fs.mkdirSync(real);
    const target = path.join(real, 'note.md');
    fs.writeFileSync(target, '# N\r\n\r\n```tcpflow\r\nA -> B: SYN\r\n```\r\n');
    fs.chmodSync(target, 0o640);
    fs.symlinkSync(target, path.join(dir, 'link.md'));
    const r = runCli(['sync', 'link.md'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink());
    assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    const text = fs.readFileSync(target, 'utf8');
    assert.match(text, /<!-- tcpflow:mermaid:end -->\r\n$/);
    assert.doesNotMatch(text, /[^\r]\n/, 'CRLF everywhere');
    assert.deepEqual(fs.readdirSync(real), ['note.md']);
  });
});

describe('sync and text edited by hand between the markers', () => {
  const NOTE = '```tcpflow\nA -> B: SYN\n```\n<!-- tcpflow:mermaid:begin -->\nMy explanation.\n<!-- tcpflow:mermaid:end -->\n';

  it('leaves it, says where, and exits 1; --force replaces it and says so', () => {
    const note = path.join(dir, 'hand.md');
    fs.writeFileSync(note, NOTE);
    const kept = runCli(['sync', 'hand.md'], { cwd: dir });
    assert.equal(kept.code, 1);
    assert.equal(kept.stderr, 'hand.md:4: the text between the markers was edited by hand: left as it is (use --force to replace it)\n');
    assert.equal(kept.stdout, '0 notes updated, 0 up to date, 1 with text edited by hand left as it is\n');
    assert.equal(fs.readFileSync(note, 'utf8'), NOTE);
    const check = runCli(['sync', '--check', 'hand.md'], { cwd: dir });
    assert.equal(check.code, 1);
    const forced = runCli(['sync', '--force', 'hand.md'], { cwd: dir });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stderr, 'hand.md:4: replaced the text edited by hand between the markers with the new Mermaid block (--force)\n');
    assert.doesNotMatch(fs.readFileSync(note, 'utf8'), /My explanation/);
    assert.equal(runCli(['sync', 'hand.md'], { cwd: dir }).code, 0);
  });
});
