// The getting-started walkthrough's files, as shipped: every %key% of the manifest has its English
// and Korean string, every page named exists, and the example and the note in both languages have
// exactly the mistakes the pages promise (the VS Code host suite clicks through it: test/suite).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { tcpflowBlocks } from '../../server/src/core/markdown/blocks';

const ROOT = join(__dirname, '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const manifest = read('package.json');
const nls = { en: JSON.parse(read('package.nls.json')) as Record<string, string>, ko: JSON.parse(read('package.nls.ko.json')) as Record<string, string> };

describe('walkthrough: what ships', () => {
  it('every %key% of the manifest has an English and a Korean string', () => {
    const keys = [...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.some((k) => k.startsWith('walkthrough.')));
    for (const lang of ['en', 'ko'] as const) assert.deepEqual(keys.filter((k) => !(k in nls[lang])), [], `missing in ${lang}`);
  });

  it('each step’s page exists in its language', () => {
    for (const lang of ['en', 'ko'] as const) {
      const pages = Object.entries(nls[lang]).filter(([k]) => /^walkthrough\.\w+\.media$/.test(k));
      assert.equal(pages.length, 6);
      for (const [, page] of pages) {
        assert.ok(page.startsWith(`walkthrough/${lang}/`) && existsSync(join(ROOT, page)), `${lang}: ${page}`);
      }
    }
  });

  it('the example has its three mistakes, in both languages', () => {
    const found = (file: string) => analyze(read(file)).diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`);
    assert.deepEqual(found('walkthrough/mistakes.tcpflow'), ['TF200:8', 'TF202:8', 'TF200:9']);
    assert.deepEqual(found('walkthrough/mistakes.ko.tcpflow'), ['TF200:7', 'TF202:7', 'TF200:8']);
  });

  it('the note has one block with one mistake, in both languages', () => {
    for (const file of ['walkthrough/note.md', 'walkthrough/note.ko.md']) {
      const blocks = tcpflowBlocks(read(file));
      assert.equal(blocks.length, 1, file);
      assert.deepEqual(analyze(blocks[0].text).diagnostics.map((d) => d.code), ['TF202'], file);
    }
  });
});
