// The CLI's Markdown side: `check` on a .md note (diagnosticsOf: the blocks' diagnostics at the
// note's lines) and `sync` (syncNotes: writes only changed notes, --check exits 1 when one is out
// of date, keeps a BOM, refuses what is not UTF-8). In process; the last test runs the built CLI
// once `sync` is wired into it (args.ts / commands.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnosticsOf, isMarkdownFile } from '../../server/src/cli/markdownCheck';
import { syncNotes, type Output } from '../../server/src/cli/syncCommand';
import { syncMermaidBlocks } from '../../server/src/core/markdown/sync';
import { ensureBuilt } from '../ensureBuilt';
import { runCli } from './cliRunner';

const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n';
const NOTE = `# Handshake\n\nNotes.\n\n\`\`\`tcpflow\n${BAD}\`\`\`\n`;
let dir = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-md-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function captured(): Output & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) };
  return o;
}

function write(rel: string, text: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('check on a Markdown note', () => {
  it('reports the blocks’ diagnostics at the note’s lines and columns', () => {
    assert.ok(isMarkdownFile('notes/a.MD') && isMarkdownFile('b.markdown') && !isMarkdownFile('c.tcpflow'));
    const ds = diagnosticsOf('note.md', NOTE);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1]),
      [['TF202', 7, 29]],
    );
    assert.equal(ds[0].args.rcvLine, 6, 'the message names the note’s line');
    // The same text as a .tcpflow file is not Markdown: it is a flow (with syntax errors).
    assert.ok(diagnosticsOf('note.tcpflow', NOTE).some((d) => d.code === 'TF100'));
    assert.deepEqual(diagnosticsOf('empty.md', '# nothing here\n'), []);
  });
});

describe('sync', () => {
  it('writes only the notes that change, names them, and a second run writes nothing', () => {
    const a = write('notes/a.md', NOTE);
    const b = write('notes/sub/b.markdown', '# no flows\n');
    const c = write('notes/c.md', syncMermaidBlocks(NOTE).text);
    write('notes/node_modules/x.md', NOTE);
    write('notes/.hidden/y.md', NOTE);
    write('notes/readme.txt', NOTE);
    const mtimes = [b, c].map((f) => fs.statSync(f).mtimeMs);
    const o = captured();
    assert.equal(syncNotes({ files: [path.join(dir, 'notes')], check: false, lang: 'en' }, o), 0);
    assert.equal(o.out, `updated ${a} (1 Mermaid block added)\n1 note updated, 2 up to date\n`);
    assert.equal(o.err, '');
    assert.equal(fs.readFileSync(a, 'utf8'), syncMermaidBlocks(NOTE).text);
    assert.deepEqual([b, c].map((f) => fs.statSync(f).mtimeMs), mtimes, 'untouched files are not rewritten');
    assert.equal(fs.readFileSync(path.join(dir, 'notes/node_modules/x.md'), 'utf8'), NOTE);
    const again = captured();
    assert.equal(syncNotes({ files: [path.join(dir, 'notes')], check: false, lang: 'en' }, again), 0);
    assert.equal(again.out, '0 notes updated, 3 up to date\n');
  });

  it('--check writes nothing and exits 1 when a note is out of date, 0 when all are current', () => {
    const stale = write('check/stale.md', NOTE.replace('```\n', '```\n<!-- tcpflow:mermaid:begin -->\n```mermaid\nold\n```\n<!-- tcpflow:mermaid:end -->\n'));
    const before = fs.readFileSync(stale, 'utf8');
    const o = captured();
    assert.equal(syncNotes({ files: [stale], check: true, lang: 'en' }, o), 1);
    assert.equal(o.out, `${stale}: out of date (1 Mermaid block updated)\n1 of 1 note out of date: run 'tcpflow-cli sync' to update\n`);
    assert.equal(fs.readFileSync(stale, 'utf8'), before);
    syncNotes({ files: [stale], check: false, lang: 'en' }, captured());
    const ok = captured();
    assert.equal(syncNotes({ files: [stale], check: true, lang: 'en' }, ok), 0);
    assert.equal(ok.out, '1 note up to date\n');
  });

  it('keeps a byte order mark and CRLF line ends, byte for byte', () => {
    const crlf = NOTE.replace(/\n/g, '\r\n');
    const file = write('bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]));
    syncNotes({ files: [file], check: false, lang: 'en' }, captured());
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), syncMermaidBlocks(crlf).text);
  });

  it('leaves a note that is not UTF-8 alone, reports unreadable paths and unclosed fences, and goes on (exit 2)', () => {
    const latin1 = write('bad/latin1.md', Buffer.from([0x23, 0x20, 0xe9, 0x0a, ...Buffer.from('```tcpflow\nA -> B: SYN\n```\n')]));
    const good = write('bad/good.md', NOTE);
    const open = write('bad/open.md', 'x\n```tcpflow\nA -> B: SYN\n');
    const o = captured();
    assert.equal(syncNotes({ files: [latin1, path.join(dir, 'missing.md'), good, open], check: false, lang: 'en' }, o), 2);
    assert.equal(
      o.err,
      `tcpflow-cli: cannot read '${path.join(dir, 'missing.md')}': no such file or directory\n` +
        `tcpflow-cli: '${latin1}' is not UTF-8 text: left as it is\n` +
        `${open}:2: this \`\`\`tcpflow block is never closed: no Mermaid block can follow it\n`,
    );
    assert.equal(fs.readFileSync(latin1)[2], 0xe9);
    assert.equal(fs.readFileSync(good, 'utf8'), syncMermaidBlocks(NOTE).text);
    assert.throws(() => syncNotes({ files: ['-'], check: false, lang: 'en' }, captured()), /not '-'/);
  });

  it('speaks Korean with --lang ko and writes Korean Mermaid blocks', () => {
    const file = write('ko/a.md', NOTE);
    const o = captured();
    syncNotes({ files: [file], check: false, lang: 'ko' }, o);
    assert.equal(o.out, `갱신함 ${file} (새 Mermaid 블록 1개)\n노트 1개 갱신, 0개는 이미 최신\n`);
    assert.match(fs.readFileSync(file, 'utf8'), /<!-- tcpflow:mermaid:begin lang=ko hash=[0-9a-f]{8} -->/);
  });
});

describe('tcpflow-cli sync and check NOTE.md (the built CLI)', () => {
  before(() => ensureBuilt());

  it('sync --check exits 1, sync writes, then --check exits 0; check reports the note’s lines', () => {
    const file = write('built/note.md', NOTE);
    assert.equal(runCli(['sync', '--check', file]).code, 1);
    const r = runCli(['sync', path.dirname(file)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^updated .*note\.md/);
    assert.equal(runCli(['sync', '--check', file]).code, 0);
    const c = runCli(['check', file, '--format', 'json']);
    assert.equal(c.code, 1);
    const [d] = JSON.parse(c.stdout) as { line: number; column: number; code: string }[];
    assert.deepEqual([d.code, d.line, d.column], ['TF202', 7, 29]);
  });
});
