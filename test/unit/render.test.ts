// The renderers (SPEC §6): exact Mermaid and Markdown for typical notes, and user text that can
// never change the diagram's structure or configuration.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { escapeMarkdownCell, escapeMermaidText, safeId } from '../../server/src/core/render/escape';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { segmentText } from '../../server/src/core/render/segmentText';
import { flow } from './helpers';

const mermaid = (text: string): string => {
  const a = analyze(text);
  return renderMermaid(a, { marks: errorMarksOf(a) });
};
const diagram = (...lines: string[]): string => ['sequenceDiagram', ...lines].join('\n') + '\n';

describe('renderMermaid', () => {
  it('draws a 3-way handshake with numbers, title, labels and a state note per change', () => {
    const text = flow`
      title TCP 3-way handshake
      participant A as "Client"
      participant B as Server (LISTEN)
      A -> B: SYN seq=100 mss=1460
      B -> A: SYN,ACK seq=300 ack=101 win=65535 mss=1460 sackOK
      A -> B: ACK seq=101 ack=301
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    title TCP 3-way handshake',
        '    accTitle: TCP 3-way handshake',
        '    accDescr: Client and Server exchange 3 segments. Final states — Client ESTABLISHED, Server ESTABLISHED.',
        '    participant A as Client',
        '    participant B as Server',
        '    Note left of A: CLOSED',
        '    Note right of B: LISTEN',
        '    A->>B: SYN seq=100 mss=1460',
        '    Note left of A: SYN_SENT',
        '    Note right of B: SYN_RECEIVED',
        '    B->>A: SYN,ACK seq=300 ack=101 win=65535 mss=1460 sackOK',
        '    Note left of A: ESTABLISHED',
        '    A->>B: ACK seq=101 ack=301',
        '    Note right of B: ESTABLISHED',
      ),
    );
  });

  it('draws notes written with symbols and seed notation, inferred values in parentheses', () => {
    const text = flow`
      A(CLOSED) → B(LISTEN) : SYN(a)
      B(SYN_RCV) → A(SYN_SENT) : ACK(a+1), SYN(b)
      A(ESTABLISHED) → B(SYN_RCV) : ACK(b+1)
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    accTitle: TCP flow between A and B',
        '    accDescr: A and B exchange 3 segments. Final states — A ESTABLISHED, B ESTABLISHED.',
        '    participant A as A',
        '    participant B as B',
        '    Note left of A: CLOSED',
        '    Note right of B: LISTEN',
        '    A->>B: SYN seq=a',
        '    Note left of A: SYN_SENT',
        '    Note right of B: SYN_RECEIVED',
        '    B->>A: SYN,ACK seq=b ack=a+1',
        '    Note left of A: ESTABLISHED',
        '    A->>B: ACK (seq=a+1) ack=b+1',
        '    Note right of B: ESTABLISHED',
      ),
    );
  });

  it('draws a lost segment with -x, the wait, and the retransmission marked', () => {
    const text = flow`
      A -> B: SYN seq=100
      B -> A: SYN,ACK seq=300 ack=101
      A -> B: ACK seq=101 ack=301
      A -x B: PSH,ACK seq=101 ack=301 len=50
      wait RTO
      A -> B: PSH,ACK seq=101 ack=301 len=50
      B -> A: ACK ack=151
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    accTitle: TCP flow between A and B',
        '    accDescr: A and B exchange 6 segments (1 lost). Final states — A ESTABLISHED, B ESTABLISHED.',
        '    participant A as A',
        '    participant B as B',
        '    Note left of A: CLOSED',
        '    Note right of B: LISTEN',
        '    A->>B: SYN seq=100',
        '    Note left of A: SYN_SENT',
        '    Note right of B: SYN_RECEIVED',
        '    B->>A: SYN,ACK seq=300 ack=101',
        '    Note left of A: ESTABLISHED',
        '    A->>B: ACK seq=101 ack=301',
        '    Note right of B: ESTABLISHED',
        '    A-xB: PSH,ACK seq=101 ack=301 len=50',
        '    Note over A,B: wait RTO',
        '    A->>B: PSH,ACK seq=101 ack=301 len=50 [retransmission]',
        '    B->>A: ACK (seq=301) ack=151',
      ),
    );
  });

  it('draws a par block: sends with their changes inside, delivery changes after end', () => {
    const text = flow`
      participant A (ESTABLISHED)
      participant B (ESTABLISHED)
      par
        A -> B: FIN,ACK seq=100 ack=300
      and
        B -> A: FIN,ACK seq=300 ack=100
      end
      A -> B: ACK seq=101 ack=301
      B -> A: ACK seq=301 ack=101
      wait 2MSL
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    accTitle: TCP flow between A and B',
        '    accDescr: A and B exchange 4 segments. Final states — A CLOSED, B CLOSED.',
        '    participant A as A',
        '    participant B as B',
        '    Note left of A: ESTABLISHED',
        '    Note right of B: ESTABLISHED',
        '    par',
        '        A->>B: FIN,ACK seq=100 ack=300',
        '        Note left of A: FIN_WAIT_1',
        '    and',
        '        B->>A: FIN,ACK seq=300 ack=100',
        '        Note right of B: FIN_WAIT_1',
        '    end',
        '    Note right of B: CLOSING',
        '    Note left of A: CLOSING',
        '    A->>B: ACK seq=101 ack=301',
        '    Note right of B: TIME_WAIT',
        '    B->>A: ACK seq=301 ack=101',
        '    Note left of A: TIME_WAIT',
        '    Note over A,B: wait 2MSL',
        '    Note left of A: CLOSED',
        '    Note right of B: CLOSED',
      ),
    );
  });

  it('draws notes, waits, a Korean title and Korean participants (generated ids)', () => {
    const text = flow`
      title 4-way 연결 종료
      participant 클라 as "클라이언트" (ESTABLISHED)
      participant Server as 서버 (ESTABLISHED)
      note over 클라, Server: 종료 시작
      클라 -> Server: FIN,ACK seq=1000 ack=2000 "close()"
      Server -> 클라: ACK seq=2000 ack=1001
      note right of Server: 남은 데이터 전송
      Server -> 클라: FIN,ACK seq=2000 ack=1001
      클라 -> Server: ACK seq=1001 ack=2001
      note left of 클라: 2MSL 대기
      wait 2MSL
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    title 4-way 연결 종료',
        '    accTitle: 4-way 연결 종료',
        '    accDescr: 클라이언트 and 서버 exchange 4 segments. Final states — 클라이언트 CLOSED, 서버 CLOSED.',
        '    participant p1 as 클라이언트',
        '    participant Server as 서버',
        '    Note left of p1: ESTABLISHED',
        '    Note right of Server: ESTABLISHED',
        '    Note over p1,Server: 종료 시작',
        '    p1->>Server: FIN,ACK seq=1000 ack=2000 — close()',
        '    Note left of p1: FIN_WAIT_1',
        '    Note right of Server: CLOSE_WAIT',
        '    Server->>p1: ACK seq=2000 ack=1001',
        '    Note left of p1: FIN_WAIT_2',
        '    Note right of Server: 남은 데이터 전송',
        '    Server->>p1: FIN,ACK seq=2000 ack=1001',
        '    Note right of Server: LAST_ACK',
        '    Note left of p1: TIME_WAIT',
        '    p1->>Server: ACK seq=1001 ack=2001',
        '    Note right of Server: CLOSED',
        '    Note left of p1: 2MSL 대기',
        '    Note over p1,Server: wait 2MSL',
        '    Note left of p1: CLOSED',
      ),
    );
  });

  it('puts middle columns under `over`, marks error lines with ⚠ and what was written ✗ due', () => {
    const text = flow`
      A(CLOSED) -> B(LISTEN): SYN seq=100
      B -> A: SYN,ACK seq=300 ack=100
      C -> B: SYN seq=7
    `;
    assert.equal(
      mermaid(text),
      diagram(
        '    accTitle: TCP flow between A, B and C',
        '    accDescr: A, B and C exchange 3 segments. Final states — A ESTABLISHED, B SYN_RECEIVED, C SYN_SENT. 1 error.',
        '    participant A as A',
        '    participant B as B',
        '    participant C as C',
        '    Note left of A: CLOSED',
        '    Note over B: LISTEN',
        '    Note right of C: CLOSED',
        '    A->>B: SYN seq=100',
        '    Note left of A: SYN_SENT',
        '    Note over B: SYN_RECEIVED',
        '    B->>A: ⚠ SYN,ACK seq=300 ack=100 ✗ 101',
        '    Note left of A: ESTABLISHED',
        '    C->>B: SYN seq=7',
        '    Note right of C: SYN_SENT',
      ),
    );
    // Without marks nothing is marked, and the summary counts no error.
    const plain = renderMermaid(analyze(text));
    assert.ok(!plain.includes('⚠') && plain.includes('    B->>A: SYN,ACK seq=300 ack=101\n'), plain);
    assert.ok(plain.includes('C SYN_SENT.\n'), plain);
  });

  it('is one line per statement with \\n line ends and a trailing newline', () => {
    const out = mermaid('A -> B: SYN seq=1\r\nB -> A: SYN,ACK seq=9 ack=2\r\n');
    assert.ok(out.endsWith('\n') && !out.includes('\r'));
  });
});

describe('segmentText', () => {
  const messages = (text: string) => analyze(text).messages;

  it('shows written values plainly and inferred ones in parentheses; ack only with ACK; len only when > 0', () => {
    const m = messages('A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK\nA -> B: PSH,ACK len=10 win=512 foo=bar\n');
    assert.deepEqual(
      m.map((x) => segmentText(x)),
      ['SYN seq=100', 'SYN,ACK seq=300 ack=101', 'ACK (seq=101) (ack=301)', 'PSH,ACK (seq=101) (ack=301) len=10 win=512 foo=bar'],
    );
  });

  it('leaves unknown values out, adds the ACK the note owed, and shows the label', () => {
    const m = messages(flow`
      participant A (ESTABLISHED)
      participant B (ESTABLISHED)
      A -> B: FIN,ACK seq=u ack=v "close()"
      B -> A: ACK
      B -> A: FIN
    `);
    assert.deepEqual(
      m.map((x) => segmentText(x)),
      ['FIN,ACK seq=u ack=v — close()', 'ACK (ack=u+1)', 'FIN,ACK (ack=u+1)'],
    );
  });

  it('marks a retransmission in the language asked for, and escapes with the function given', () => {
    const m = messages('A -> B: SYN seq=1\nA -> B: SYN seq=1 "a|b"\n')[1];
    assert.equal(segmentText(m, { lang: 'ko' }), 'SYN seq=1 [재전송] — a#124;b');
    assert.equal(segmentText(m, { escape: escapeMarkdownCell }), 'SYN seq=1 [retransmission] — a\\|b');
  });
});

describe('escaping', () => {
  it('writes structural characters as Mermaid entity codes and keeps readable text', () => {
    assert.equal(escapeMermaidText('a;b'), 'a#59;b');
    assert.equal(escapeMermaidText('#'), '#35;');
    assert.equal(escapeMermaidText('%%{init}%%'), '#37;#37;#123;init#125;#37;#37;');
    assert.equal(escapeMermaidText('<br> "q" & \\ ` | : $'), '#60;br#62; #34;q#34; #38; #92; #96; #124; #58; #36;');
    assert.equal(escapeMermaidText('클라이언트 seq=100, (x+1) — ok!'), '클라이언트 seq=100, (x+1) — ok!');
    assert.equal(escapeMermaidText('  two\n\tlines\u2028here  '), 'two lines here');
    assert.equal(escapeMermaidText('bell\u0007 rlo\u202e'), 'bell#7; rlo#8238;');
    assert.equal(escapeMermaidText('ﬂ°59¶ß'), 'ﬂ#176;59#182;ß');
  });

  it('keeps plain names as ids and gives keywords, look-alikes and non-ASCII names p1, p2, …', () => {
    const used = new Set<string>();
    const ids = ['A', 'Server', 'end', 'Endpoint', 'PARTICIPANT', 'note', '클라', 'as', 'Parser', 'p1', 'x', 'B_2'].map((n) => safeId(n, used));
    assert.deepEqual(ids, ['A', 'Server', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'B_2']);
  });

  it('escapes Markdown so user text cannot carry HTML or break a table row', () => {
    assert.equal(escapeMarkdownCell('a|b'), 'a\\|b');
    assert.equal(escapeMarkdownCell('<script>alert(1)</script> & co'), '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    assert.equal(escapeMarkdownCell('*b* _i_ [l](u) `c` \\ # $x$'), '\\*b\\* \\_i\\_ \\[l\\](u) \\`c\\` \\\\ \\# \\$x\\$');
    assert.equal(escapeMarkdownCell('one\ntwo'), 'one two');
    assert.equal(escapeMarkdownCell('연결 종료: ok'), '연결 종료: ok');
  });
});

describe('user text never reaches Mermaid raw', () => {
  const PAYLOADS = [
    ';',
    '%%{init: {"theme":"dark"}}%%',
    'end',
    '<script>alert(1)</script>',
    '#',
    '"double" and \'single\' quotes',
    '-->>B: x',
    'x; end; A->>B: injected',
    '<br/>new line',
    '$$\\href{javascript:alert(1)}{x}$$',
    '`code` {braces} | pipe \\ back',
    'ﬂ°59¶ß',
    '#59; already an entity',
  ];
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const source = (p: string) =>
    [
      `title ${quote(p)}`,
      `participant A as ${quote(p)}`,
      `participant B as ${quote(p)} (LISTEN)`,
      `note over A, B: ${quote(p)}`,
      `A -> B: SYN seq=100 ${quote(p)}`,
      `wait ${quote(p)}`,
    ].join('\n') + '\n';
  // Every line the renderer may write; the user's part is the text after `as `, `: ` or `title `.
  const SHAPES = [
    /^sequenceDiagram$/,
    /^ {4}title (?<text>.+)$/,
    /^ {4}accTitle: (?<text>.+)$/,
    /^ {4}accDescr: (?<text>.+)$/,
    /^ {4}participant [A-Za-z][A-Za-z0-9_]* as (?<text>.+)$/,
    /^ {4}Note (?:left of|right of|over) [A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)?: (?<text>.+)$/,
    /^ {4}[A-Za-z][A-Za-z0-9_]*(?:->>|-x)[A-Za-z][A-Za-z0-9_]*: (?<text>.+)$/,
  ];
  const benign = mermaid(source('hello')).split('\n').length;

  for (const p of PAYLOADS) {
    it(`neutralises ${JSON.stringify(p)}`, () => {
      const out = mermaid(source(p));
      const lines = out.split('\n');
      assert.equal(lines.length, benign, 'no extra line');
      assert.equal(lines.pop(), '');
      for (const line of lines) {
        const shape = SHAPES.map((re) => re.exec(line)).find(Boolean);
        assert.ok(shape, `unexpected line ${JSON.stringify(line)}`);
        const text = (shape.groups?.text ?? '').replace(/#\d+;/g, '');
        assert.doesNotMatch(text, /[#;%:<>"'&{}\\`|$°¶\n\r]/, `raw structural character in ${JSON.stringify(line)}`);
      }
      for (const raw of ['%%', '<script', '-->>', '{', '"', '$$', '\\']) assert.ok(!out.includes(raw), `raw ${raw}`);
    });
  }
});

describe('renderMarkdown', () => {
  const text = flow`
    title Handshake with a mistake
    participant A as "Client"
    participant B as "Server"
    A -> B: SYN seq=100
    B -> A: SYN,ACK seq=300 ack=100
    A -x B: ACK
    A -> B: ACK
  `;

  it('writes the heading, the Mermaid block, the segment table (by source line, errors marked) and the diagnostics', () => {
    assert.equal(
      renderMarkdown(analyze(text), { title: 'fallback' }),
      [
        '# Handshake with a mistake',
        '',
        '```mermaid',
        'sequenceDiagram',
        '    title Handshake with a mistake',
        '    accTitle: Handshake with a mistake',
        '    accDescr: Client and Server exchange 4 segments (1 lost). Final states — Client ESTABLISHED, Server ESTABLISHED. 1 error.',
        '    participant A as Client',
        '    participant B as Server',
        '    Note left of A: CLOSED',
        '    Note right of B: LISTEN',
        '    A->>B: SYN seq=100',
        '    Note left of A: SYN_SENT',
        '    Note right of B: SYN_RECEIVED',
        '    B->>A: ⚠ SYN,ACK seq=300 ack=100 ✗ 101',
        '    Note left of A: ESTABLISHED',
        '    A-xB: ACK (seq=101) (ack=301)',
        '    A->>B: ACK (seq=101) (ack=301)',
        '    Note right of B: ESTABLISHED',
        '```',
        '',
        '| Line | Sender → Receiver | Segment | A | B |',
        '| --- | --- | --- | --- | --- |',
        '| 4 | A → B | SYN seq=100 | SYN_SENT | SYN_RECEIVED |',
        '| 5 | B → A | ⚠ SYN,ACK seq=300 ack=100 ✗ 101 | ESTABLISHED | SYN_RECEIVED |',
        '| 6 | A → B ✕ (lost) | ACK (seq=101) (ack=301) | ESTABLISHED | SYN_RECEIVED |',
        '| 7 | A → B | ACK (seq=101) (ack=301) | ESTABLISHED | ESTABLISHED |',
        '',
        '## Diagnostics',
        '',
        "- Line 5, error TF202: B's ack must be 101 here, not 100: an ACK carries RCV.NXT, the next sequence number B expects after what it received on line 4 (RFC 9293 §3.10.7.4).",
        '',
      ].join('\n'),
    );
  });

  it('localises the table and the diagnostics, falls back to the given title, escapes names', () => {
    const out = renderMarkdown(analyze('클라 -> 서버: SYN seq=1 "a|b <i>"\n'), { title: 'my_notes', lang: 'ko' });
    assert.ok(out.startsWith('# my\\_notes\n'));
    assert.ok(out.includes('| 줄 | 송신 → 수신 | 세그먼트 | 클라 | 서버 |'));
    assert.ok(out.includes('| 1 | 클라 → 서버 | SYN seq=1 — a\\|b &lt;i&gt; | SYN_SENT | SYN_RECEIVED |'));
    assert.ok(!out.includes('## '), 'no diagnostics heading without diagnostics');
    assert.ok(renderMarkdown(analyze('A -> B: SYN seq=1\n')).startsWith('# TCP flow\n'));
  });
});
