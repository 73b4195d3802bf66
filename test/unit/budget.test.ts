// The document budget and the line limit as the editor applies them (issue 15 point 1): a line
// whose statement runs past limits.ts MAX_LINE_CHARS is one TF110 and nothing else; a document over
// DOCUMENT_BUDGET is analysed in its first part, with one TF111 on its first line, in the language
// server's analysis (lsp/document.ts), the preview's payload and the Markdown plugin alike.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { tcpflowMarkdownIt } from '../../client/src/markdown/markdownIt';
import { diagramPayload } from '../../client/src/preview/payload';
import { analyzeWithinBudget } from '../../server/src/core/budget';
import { localize } from '../../server/src/core/i18n';
import { DOCUMENT_BUDGET, MAX_LINE_CHARS } from '../../server/src/core/limits';
import { parse } from '../../server/src/core/syntax/parse';
import { analyzeDocument } from '../../server/src/lsp/document';

const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n';
/** A document over the size bound: the handshake, then six comment lines of a million characters (6 MB), then a mistake. */
const OVER_SIZE = `${HANDSHAKE}${`# ${'x'.repeat(999_998)}\n`.repeat(6)}A -> B: ACK seq=7 ack=301\n`;

describe('the line limit (TF110)', () => {
  it(`a statement running past ${MAX_LINE_CHARS} characters is one TF110 over the whole line; the lines after it are checked`, () => {
    const long = `A -> B: SYN,${'ACK,'.repeat(2_500)}ACK`;
    const r = parse(`A -> B: SYN seq=1\n${long}\n@home -> B: SYN\n`);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.range]),
      [
        ['TF110', { start: { line: 1, character: 0 }, end: { line: 1, character: long.length } }],
        ['TF100', { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }],
      ],
    );
    assert.equal(r.doc.statements.length, 1, 'the long line holds no statement');
    assert.equal(localize(r.diagnostics[0], 'en').message, `This line is ${long.length.toLocaleString('en-US')} characters long: a line is read up to 10,000 characters, so it is not checked. Write one statement per line.`);
    assert.equal(localize(r.diagnostics[0], 'ko').message, `이 줄의 길이는 ${long.length.toLocaleString('en-US')}자입니다. 한 줄은 10,000자까지만 읽으므로 이 줄은 검사하지 않습니다. 한 줄에 문장 하나씩 쓰세요.`);
  });

  it('a line of exactly the limit is read; a comment after a statement may run on', () => {
    const exact = `A -> B: SYN seq=1 "${'x'.repeat(MAX_LINE_CHARS - 20)}"`;
    assert.equal(exact.length, MAX_LINE_CHARS);
    assert.deepEqual(parse(exact).diagnostics, []);
    assert.deepEqual(parse(`A -> B: SYN seq=1 # ${'x'.repeat(50_000)}`).diagnostics, []);
  });
});

describe('the document budget in the editor (TF111)', () => {
  const cut = analyzeWithinBudget(OVER_SIZE);

  it('analyses the first part, cut at a line end, and opens the diagnostics with TF111 on the first line', () => {
    assert.equal(cut.text, `${HANDSHAKE}${`# ${'x'.repeat(999_998)}\n`.repeat(4)}`);
    const [first, ...rest] = cut.analysis.diagnostics;
    assert.deepEqual([first.code, first.range], ['TF111', { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } }]);
    assert.deepEqual(rest, [], 'the mistake past the budget is not reported');
    assert.equal(
      localize(first, 'en').message,
      'Only the first 7 lines (4,000,084 characters) of 10 lines (6,000,112 characters) are checked: a document is read up to 100,000 lines or 5,000,000 characters. Split the flow into several files.',
    );
    assert.equal(
      localize(first, 'ko').message,
      '10줄(6,000,112자) 중 처음 7줄(4,000,084자)만 검사했습니다. 문서는 100,000줄 또는 5,000,000자까지만 읽습니다. 흐름을 여러 파일로 나누세요.',
    );
  });

  it('a document of more lines than the bound: its first 100,000 lines', () => {
    const text = 'A -> B: SYN seq=1\n'.repeat(DOCUMENT_BUDGET.lines + 5);
    const r = analyzeWithinBudget(text);
    assert.equal(r.text.split('\n').length - 1, DOCUMENT_BUDGET.lines);
    assert.equal(localize(r.analysis.diagnostics[0], 'en').message.split(':')[0], 'Only the first 100,000 lines (1,800,000 characters) of 100,005 lines (1,800,090 characters) are checked');
  });

  it('the language server analyses the same part', () => {
    const doc = analyzeDocument('file:///big.tcpflow', 1, OVER_SIZE, 'en');
    assert.equal(doc.text, cut.text);
    assert.equal(doc.lines.length, 8);
    assert.deepEqual(doc.analysis.diagnostics.map((d) => d.code), ['TF111']);
  });

  it('the preview draws the first part; its banner names TF111 first', () => {
    const p = diagramPayload(OVER_SIZE);
    assert.equal(p.steps, 6, "the handshake's six steps (each side's)");
    assert.equal(p.errors?.count, 1);
    assert.match(p.errors!.text, /line 1: Only the first 7 lines/);
  });

  it('the Markdown plugin lists TF111 under a block over the budget', () => {
    const html = tcpflowMarkdownIt(new MarkdownIt()).render(`# note\n\n\`\`\`tcpflow\n${OVER_SIZE}\`\`\`\n`);
    assert.match(html, /<li class="tcpflow-problem tcpflow-error">[^<]*Only the first 7 lines \(4,000,084 characters\) of 10 lines/);
    assert.doesNotMatch(html, /seq=7/);
  });
});
