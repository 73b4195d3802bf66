// The markdown-it plugin of VS Code's Markdown preview (client/src/markdown/markdownIt.ts): the
// exact HTML of a ```tcpflow placeholder (escaped Mermaid text, problems listed under it, VS Code's
// scroll-sync attributes kept), and every other fence left to the renderer before it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';
import { escapeHtml, renderTcpflowFence, tcpflowMarkdownIt } from '../../client/src/markdown/markdownIt';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../server/src/core/render/mermaid';

const NONCE = 'n0nce';
const md = () => tcpflowMarkdownIt(new MarkdownIt({ html: true }), { nonce: () => NONCE });
/** What opens every render: the hidden marker with the render's nonce. */
const MARKER = `<div class="tcpflow-nonce" data-tcpflow-nonce="${NONCE}" hidden></div>\n`;
const GOOD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\n';
const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n';

/** What VS Code's Markdown engine adds to every block token for scroll sync (its pluginSourceMap). */
function sourceMap<M extends ReturnType<typeof md>>(m: M): M {
  m.core.ruler.push('source_map_data_attribute', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.map && token.type !== 'inline') {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
        token.attrJoin('dir', 'auto');
      }
    }
  });
  return m;
}

describe('markdown-it plugin: the ```tcpflow placeholder', () => {
  it('renders a correct flow exactly: the escaped Mermaid text, no problem list', () => {
    const html = md().render('```tcpflow\n' + GOOD + '```\n');
    assert.equal(
      html,
      MARKER +
        '<div class="tcpflow-diagram" data-lang="en" data-segments="2" data-tcpflow-nonce="n0nce">\n' +
        '<pre class="tcpflow-mermaid">sequenceDiagram\n' +
        '    accTitle: TCP flow between A and B\n' +
        '    accDescr: A and B exchange 2 segments. Final states — A ESTABLISHED, B SYN_RECEIVED.\n' +
        '    participant A as A\n' +
        '    participant B as B\n' +
        '    Note left of A: CLOSED\n' +
        '    Note right of B: LISTEN\n' +
        '    A-&gt;&gt;B: SYN seq=100\n' +
        '    Note left of A: SYN_SENT\n' +
        '    Note right of B: SYN_RECEIVED\n' +
        '    B-&gt;&gt;A: SYN,ACK seq=300 ack=101\n' +
        '    Note left of A: ESTABLISHED\n' +
        '</pre>\n' +
        '</div>\n',
    );
  });

  it('lists errors and warnings under the diagram, at the note’s lines, with VS Code’s attributes kept', () => {
    const note = '# Notes\n\nSome text.\n\n~~~TCPFlow\n' + BAD + 'A -> B: FIN seq=101\n~~~\n';
    const html = sourceMap(md()).render(note);
    const a = analyze(BAD + 'A -> B: FIN seq=101\n');
    const mermaid = escapeHtml(renderMermaid(a, { marks: errorMarksOf(a) }));
    assert.ok(
      html.includes(
        '<div class="tcpflow-diagram code-line" data-line="4" dir="auto" data-lang="en" data-segments="3" data-error-arrows="1" data-tcpflow-nonce="n0nce">\n' +
          `<pre class="tcpflow-mermaid">${mermaid}</pre>\n` +
          '<ul class="tcpflow-problems">\n' +
          '<li class="tcpflow-problem tcpflow-error">Line 7, error TF202: B&#39;s ack must be 101 here, not 100: an ACK carries RCV.NXT, the next sequence number B expects after what it received on line 6 (RFC 9293 §3.10.7.4).</li>\n' +
          '<li class="tcpflow-problem tcpflow-warning">Line 8, warning TF204: ',
      ),
      html,
    );
    assert.ok(html.startsWith(MARKER + '<h1 data-line="0" class="code-line" dir="auto">Notes</h1>'), html);
    assert.match(mermaid, /⚠ SYN,ACK seq=300 ack=100 ✗ 101/);
  });

  it('escapes user text: no markup from a title, label or note reaches the page', () => {
    const html = md().render('```tcpflow\ntitle <img src=x onerror=alert(1)> & "q"\nA -> B: SYN "</pre><script>x</script>"\n```\n');
    assert.doesNotMatch(html, /<img|<script|<\/pre><script/);
    assert.equal(html.match(/<pre /g)?.length, 1);
    assert.equal(html.match(/<\/pre>/g)?.length, 1);
  });

  it('writes Korean when asked, messages and words alike', () => {
    const html = tcpflowMarkdownIt(new MarkdownIt(), { lang: () => 'ko' }).render('```tcpflow\n' + BAD + '```\n');
    assert.match(html, /data-lang="ko"/);
    assert.match(html, /<li class="tcpflow-problem tcpflow-error">줄 3, 오류 TF202: /);
  });

  it('leaves every other fence to the renderer before it (the default, or another plugin’s)', () => {
    const text = '```js\nlet a = 1 < 2;\n```\n\n```\nplain\n```\n\n```tcpflowx\nno\n```\n';
    assert.equal(md().render(text), MARKER + new MarkdownIt({ html: true }).render(text));
    const other = new MarkdownIt();
    other.renderer.rules.fence = (tokens, idx) => `<other>${tokens[idx].info}</other>\n`;
    const both = tcpflowMarkdownIt(other, { nonce: () => NONCE }).render('```mermaid\ngraph\n```\n```tcpflow\n```\n');
    assert.ok(both.startsWith(MARKER + '<other>mermaid</other>\n<div class="tcpflow-diagram" data-lang="en" data-segments="0" data-tcpflow-nonce="n0nce">'), both);
  });

  it('renders a fence inside a list item or a quote, and one never closed', () => {
    const html = md().render('- step:\n\n  ```tcpflow\n  A -> B: SYN\n  ```\n\n> ```tcpflow\n> A -> B: SYN\n\n```tcpflow\nA -> B: SYN\n');
    assert.equal(html.match(/<div class="tcpflow-diagram"/g)?.length, 3, html);
  });

  it('renderTcpflowFence alone: block lines when the note line is unknown', () => {
    const html = renderTcpflowFence(BAD);
    assert.match(html, /Line 2, error TF202: .* after what it received on line 1 /);
  });

  it('a fresh nonce for every render opens it, and only the plugin’s placeholders carry it (issue 16)', () => {
    const plain = tcpflowMarkdownIt(new MarkdownIt({ html: true }));
    const forged = '<div class="tcpflow-diagram" data-tcpflow-nonce="guess"><pre class="tcpflow-mermaid">%%{init: {"theme":"dark"}}%%\nsequenceDiagram</pre></div>\n\n';
    const note = `${forged}\`\`\`tcpflow\n${GOOD}\`\`\`\n`;
    const nonces = [plain.render(note), plain.render(note)].map((html) => {
      const marker = /^<div class="tcpflow-nonce" data-tcpflow-nonce="([0-9a-f]{32})" hidden><\/div>\n/.exec(html);
      assert.ok(marker, html);
      // The note's own placeholder comes after the marker and keeps the value it wrote; ours carries the render's.
      assert.ok(html.indexOf(forged.trim()) > marker[0].length - 1, html);
      assert.deepEqual([...html.matchAll(/data-tcpflow-nonce="([^"]*)"/g)].map((m) => m[1]), [marker[1], 'guess', marker[1]]);
      return marker[1];
    });
    assert.notEqual(nonces[0], nonces[1]);
    // Outside a render (a fence rule called on its own) a placeholder carries no nonce: nothing to draw.
    assert.doesNotMatch(renderTcpflowFence(GOOD), /data-tcpflow-nonce/);
  });
});

