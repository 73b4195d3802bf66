// What the fuzzer runs and what must hold for every input (a broken rule throws):
// - core: analyze never throws, every diagnostic lies inside the document, the Mermaid text has
//   no directive, brace or markup from the input, the Markdown no raw `<`;
// - capture: reading and importing throw nothing but CaptureError, and every imported note is
//   one the parser reads without a syntax error or an out-of-range number;
// - sync: one run settles a note and keeps its ```tcpflow blocks; the markdown-it plugin renders it;
// - cli: the commands, run in process on generated files and arguments, fail only with a usage
//   or input error (exit 2), never with an internal one, and exit 0, 1 or 2;
// - lsp: the language server's requests at wild positions and its stdio reader on broken bytes
//   (lspTarget.ts).
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { tcpflowMarkdownIt } from '../../client/src/markdown/markdownIt';
import { analyze } from '../../server/src/core/analyze';
import { CaptureError, importConnection, openCapture, type Numbering } from '../../server/src/core/capture';
import { withinBudget } from '../../server/src/core/limits';
import { tcpflowBlocks } from '../../server/src/core/markdown/blocks';
import { planMermaidSync, syncMermaidBlocks } from '../../server/src/core/markdown/sync';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { traceJson } from '../../server/src/cli/trace';
import { runCliInProcess, type CliCase, cliCase } from './cliTarget';
import { checkLspCase, lspCase, type LspCase } from './lspTarget';
import { captureBytes, flowText, noteText } from './generators';
import type { Rng } from './rng';

export interface Target<I> {
  name: string;
  generate(r: Rng): I;
  check(input: I): void;
  /** The input as saved in a crash file or the corpus (JSON), and back. */
  save(input: I): unknown;
  load(saved: unknown): I;
}

const text = { save: (t: string) => ({ text: t }), load: (s: unknown) => (s as { text: string }).text };

export const core: Target<string> = {
  name: 'core',
  generate: flowText,
  check(t) {
    const a = analyze(t);
    const lines = t.split(/\r\n|\r|\n/);
    for (const d of a.diagnostics) {
      const { start, end } = d.range;
      assert.ok(start.line >= 0 && end.line < lines.length && start.character >= 0 && end.character <= lines[end.line].length, `${d.code} range inside the document`);
      assert.ok(end.line > start.line || end.character >= start.character, `${d.code} range not reversed`);
    }
    const mermaid = renderMermaid(a, { marks: errorMarksOf(a) });
    assert.doesNotMatch(mermaid, /%%|[{}<]/, 'no directive, brace or markup in the Mermaid text');
    assert.doesNotMatch(renderMarkdown(a, { title: 'fuzz' }), /</, 'no raw < in the Markdown');
    JSON.stringify(traceJson(a));
  },
  ...text,
};

const NUMBERINGS: Numbering[] = ['relative', 'absolute', 'symbolic'];
/** Syntax errors, out-of-range numbers, unknown fields, unterminated strings: an imported note has none. */
const NOT_IN_AN_IMPORT = ['TF100', 'TF102', 'TF103', 'TF107', 'TF109'];

export const capture: Target<Uint8Array> = {
  name: 'capture',
  generate: captureBytes,
  check(bytes) {
    let opened;
    try {
      opened = openCapture(bytes);
    } catch (err) {
      if (err instanceof CaptureError) return;
      throw err;
    }
    for (let i = 0; i < Math.min(3, opened.connections.length); i++) {
      // A long connection once (the import is linear; three of them only cost time).
      for (const numbering of opened.connections[i].segments.length > 10_000 ? NUMBERINGS.slice(0, 1) : NUMBERINGS) {
        const note = importConnection(opened, i, { captureName: 'fuzz.pcap', numbering, window: true });
        // Checked as the CLI checks it: within the document budget.
        const bad = analyze(withinBudget(note).text).diagnostics.filter((d) => NOT_IN_AN_IMPORT.includes(d.code));
        assert.deepEqual(bad.map((d) => `${d.code} line ${d.range.start.line + 1}`), [], `stream ${i} (${numbering}) imports as a note that parses`);
      }
    }
  },
  save: (b) => ({ base64: Buffer.from(b).toString('base64') }),
  load: (s) => new Uint8Array(Buffer.from((s as { base64: string }).base64, 'base64')),
};

const markdownIt = tcpflowMarkdownIt(new MarkdownIt({ html: true }));

export const sync: Target<string> = {
  name: 'sync',
  generate: noteText,
  check(note) {
    const blocks = (t: string) => tcpflowBlocks(t).map((b) => [b.text, b.closeLine === undefined]);
    for (const replaceHandEdited of [false, true]) {
      const once = syncMermaidBlocks(note, { replaceHandEdited }).text;
      assert.deepEqual(planMermaidSync(once, { replaceHandEdited }).edits, [], 'one run settles the note');
      assert.deepEqual(blocks(once), blocks(note), 'the ```tcpflow blocks are kept');
    }
    assert.match(markdownIt.render(note), /^<div class="tcpflow-nonce" data-tcpflow-nonce="[0-9a-f]{32}" hidden><\/div>\n/);
  },
  ...text,
};

/** A target whose input is saved as it is (it is JSON already). */
function savedAsIs<I>(name: string, generate: (r: Rng) => I, check: (input: I) => void): Target<I> {
  return { name, generate, check, save: (i) => i, load: (s) => s as I };
}

export const cli = savedAsIs<CliCase>('cli', cliCase, runCliInProcess);
export const lsp = savedAsIs<LspCase>('lsp', lspCase, checkLspCase);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TARGETS: Target<any>[] = [core, capture, sync, cli, lsp];
