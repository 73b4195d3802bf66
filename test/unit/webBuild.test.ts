// What the web extension rests on: file names taken from URIs without node:path (client/src/uriNames.ts,
// as path.posix would give them), base64 decoded without Buffer, and the build check that fails a
// browser bundle importing a Node built-in (scripts/noNodeBuiltins.mjs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { bytesOfBase64, fileNameOf, stemOf } from '../../client/src/uriNames';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { isNodeBuiltin, noNodeBuiltins } from '../../scripts/noNodeBuiltins.mjs';

describe('file names from URIs (no node:path)', () => {
  const paths = ['/notes/flow.tcpflow', '/a/b/handshake.md', '/x/.hidden', '/x/archive.tar.gz', '/x/name.', '/x/noext', '/x/dir/', '/flow.tcpflow', 'Untitled-1', '/x/한글 노트.tcpflow'];
  for (const p of paths) {
    it(`${p}: as path.posix.basename and extname`, () => {
      assert.equal(fileNameOf({ path: p }), path.posix.basename(p));
      const name = path.posix.basename(p);
      assert.equal(stemOf({ path: p }), path.posix.basename(name, path.posix.extname(name)));
    });
  }
});

describe('base64 (no Buffer)', () => {
  it('decodes every byte value as Buffer does', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = Buffer.from(bytes).toString('base64');
    assert.deepEqual(bytesOfBase64(text), bytes);
    assert.deepEqual(bytesOfBase64(''), new Uint8Array(0));
  });
});

describe('no Node built-in in a browser bundle', () => {
  const bundle = (contents: string) =>
    esbuild.build({ stdin: { contents, resolveDir: process.cwd(), sourcefile: 'entry.ts', loader: 'ts' }, bundle: true, platform: 'browser', write: false, logLevel: 'silent', plugins: [noNodeBuiltins] });

  it('knows the built-ins, with and without node:, and their subpaths', () => {
    for (const s of ['fs', 'node:fs', 'fs/promises', 'path', 'node:test', 'child_process', 'worker_threads']) assert.equal(isNodeBuiltin(s), true, s);
    for (const s of ['vscode', 'vscode-languageserver/browser', 'mermaid', '@scope/fs', 'pathe']) assert.equal(isNodeBuiltin(s), false, s);
  });

  for (const [what, code] of [
    ['import', "import { readFileSync } from 'node:fs'; console.log(readFileSync);"],
    ['require', "const p = require('path'); console.log(p.sep);"],
    ['subpath', "import { readFile } from 'fs/promises'; console.log(readFile);"],
  ]) {
    it(`fails the build on a built-in (${what}), naming it and who imported it`, async () => {
      await assert.rejects(bundle(code), (e: { errors: { text: string }[] }) => {
        assert.equal(e.errors.length, 1);
        assert.match(e.errors[0].text, /^Node built-in "(node:fs|path|fs\/promises)" imported by entry\.ts: not allowed in a browser bundle$/);
        return true;
      });
    });
  }

  it('lets a bundle without one through', async () => {
    const r = await bundle("import { TextDocument } from 'vscode-languageserver-textdocument'; console.log(TextDocument.create('a', 'b', 1, 'c').getText());");
    assert.equal(r.errors.length, 0);
  });
});
