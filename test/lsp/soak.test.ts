// The soak test of issue 15 (point 6), bounded to about a minute: the built server, over stdio,
// takes 1,000 edits to a 10,000-line flow sent without waiting, with requests and malformed
// messages between them; then 500 documents opened and closed, three rounds. It must stay alive,
// answer every request, publish for the final text the diagnostics a fresh analysis gives, and end
// within a stated resident memory. The figures (edits/s held, RSS before, peak, after) are printed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { NotificationMessage } from 'vscode-languageserver-protocol';
import { analyzeDocument } from '../../server/src/lsp/document';
import { publishedDiagnostics } from '../../server/src/lsp/diagnostics';
import { generateFlow } from '../bench/flows';
import { startRawServer } from './rawServer';

const EDITS = 1_000;
const DOCS = 500;
const ROUNDS = 3;
/** The resident memory the server must stay under, start to end (it idles at about 60 MB). */
const MAX_RSS_MB = 600;

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Malformed traffic, one kind after another: a header without Content-Length, a body not JSON, a request without params. */
const MALFORMED = ['Content-Type: x\r\n\r\n{}', 'Content-Length: 3\r\n\r\n{{{', 'Content-Length: 41\r\n\r\n{"jsonrpc":"2.0","id":"bad","method":"a"}'];

describe('language server: soak', () => {
  it(`${EDITS} edits to a 10,000-line flow, ${DOCS} documents opened and closed ${ROUNDS} times, malformed messages between`, async (t) => {
    const s = startRawServer();
    await s.initialize();
    const pid = s.proc.pid!;
    const before = rssMb(pid, 'VmRSS');
    const uri = 'file:///soak.tcpflow';
    let doc = TextDocument.create(uri, 'tcpflow', 1, generateFlow(10_000));
    const opened = s.notification('textDocument/publishDiagnostics', uri);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version: 1, text: doc.getText() } });
    await opened;

    // Typing: each edit inserts or deletes a character on a line chosen through the document; every
    // 50th edit asks for a hover and a completion, every 100th sends malformed bytes.
    const answers: Promise<unknown>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < EDITS; i++) {
      const line = (i * 7919) % doc.lineCount;
      const change = i % 2 === 0 ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' } : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      s.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
      if (i % 50 === 0) {
        const position = { line, character: 3 };
        answers.push(s.request('textDocument/hover', { textDocument: { uri }, position }), s.request('textDocument/completion', { textDocument: { uri }, position }));
      }
      if (i % 100 === 99) s.raw(MALFORMED[(i / 100) % MALFORMED.length | 0]);
    }
    const finalVersion = doc.version;
    const published = await new Promise<NotificationMessage>((resolve) => {
      const wait = (): Promise<void> => s.notification('textDocument/publishDiagnostics', uri).then((n) => ((n.params as { version?: number }).version === finalVersion ? resolve(n) : wait()));
      void wait();
    });
    const editsPerSecond = EDITS / ((performance.now() - t0) / 1000);
    const responses = (await Promise.all(answers)) as { error?: unknown }[];
    assert.equal(responses.length, (EDITS / 50) * 2);
    assert.deepEqual(responses.filter((r) => r.error !== undefined), [], 'every request answered with a result');
    const expected = publishedDiagnostics(analyzeDocument(uri, finalVersion, doc.getText(), 'en'));
    assert.deepEqual((published.params as { diagnostics: unknown }).diagnostics, JSON.parse(JSON.stringify(expected)), 'the diagnostics of the final text');
    s.notify('textDocument/didClose', { textDocument: { uri } });

    // Opening and closing: DOCS small flows, three rounds, malformed messages between the rounds.
    for (let round = 0; round < ROUNDS; round++) {
      const uris = Array.from({ length: DOCS }, (_, k) => `file:///soak-${round}-${k}.tcpflow`);
      const all = Promise.all(uris.map((u) => s.notification('textDocument/publishDiagnostics', u)));
      for (const [k, u] of uris.entries()) s.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'tcpflow', version: 1, text: generateFlow(20 + (k % 40)) } });
      await all;
      const cleared = Promise.all(uris.map((u) => s.notification('textDocument/publishDiagnostics', u)));
      for (const u of uris) s.notify('textDocument/didClose', { textDocument: { uri: u } });
      await cleared;
      s.raw(MALFORMED[round % MALFORMED.length]);
    }

    const hover = await s.request('textDocument/hover', { textDocument: { uri: 'file:///soak-2-0.tcpflow' }, position: { line: 0, character: 0 } });
    assert.deepEqual(hover, { jsonrpc: '2.0', id: hover.id, result: null }, 'alive, and a closed document is forgotten');
    const [after, peak] = [rssMb(pid, 'VmRSS'), rssMb(pid, 'VmHWM')];
    t.diagnostic(`${editsPerSecond.toFixed(0)} edits/s held; RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    console.log(`soak: ${editsPerSecond.toFixed(0)} edits/s held; RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    assert.ok(peak < MAX_RSS_MB, `peak RSS ${peak.toFixed(0)} MB (bound ${MAX_RSS_MB} MB)`);
    assert.match(s.stderr, /refused a message header without a Content-Length/);
    assert.match(s.stderr, /refused a message body that is not JSON/);
    assert.equal(await s.stop(), 0);
  });
});
