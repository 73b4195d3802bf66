// Memory follows the open documents (issue 15): closing a document frees what it held — its line
// memo, tree, analysis, checker checkpoints, semantic tokens — so after every document is closed
// the server's heap is back where it was idle, round after round; and an open document holds at
// most HEAP_PER_LINE bytes of heap a line. (RSS is printed, not asserted: V8 keeps pages it may use
// again; the heap is what the server holds.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSession, type Session } from './harness';

/** A valid flow of `n` data exchanges after a handshake: 2n + 3 lines. */
function flow(n: number, tag: number): string {
  const out = [`title flow ${tag}`, 'A -> B: SYN seq=100', 'B -> A: SYN,ACK seq=300 ack=101', 'A -> B: ACK seq=101 ack=301'];
  for (let i = 0; i < n; i++) out.push(`A -> B: PSH,ACK seq=${101 + 10 * i} ack=301 len=10 "chunk ${i} of ${tag}"`, `B -> A: ACK seq=301 ack=${111 + 10 * i}`);
  return out.join('\n') + '\n';
}

const MB = 1024 * 1024;
const DOCS = 40;
const EXCHANGES = 250;
/**
 * Heap per open line these documents may hold (measured ~1,055 B on Node 20, 2026-12-07; 1,346 B
 * before the trace, flags, fields and line memo kept less, 2,243 B before the tree kept its ranges
 * as packed columns, syntax/nodes.ts). Issue 15's target is 1 KB, which the breakdown's documents
 * reach (docs/limits.md, "Memory (language server)"); this bound keeps what was won.
 */
const HEAP_PER_LINE = 1_200;

describe('language server: memory follows the open documents', () => {
  let s: Session;
  before(async () => (s = await startSession({ memoryProbe: true })));
  after(async () => s.close());

  it('closing every document gives the heap back, round after round', async (t) => {
    const warm = await s.open(flow(5, -1));
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: warm.uri } });
    const idle = await s.memory();
    const lines = DOCS * (2 * EXCHANGES + 5);
    for (let round = 1; round <= 3; round++) {
      const uris: string[] = [];
      for (let d = 0; d < DOCS; d++) {
        const { uri } = await s.open(flow(EXCHANGES, d), `memory-${round}-${d}.tcpflow`);
        // What an editor asks of an open document: its tokens and outline are kept by the server too.
        await s.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
        await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        uris.push(uri);
      }
      const open = await s.memory();
      for (const uri of uris) {
        const cleared = s.nextDiagnostics(uri);
        s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        assert.deepEqual((await cleared).diagnostics, []);
      }
      const closed = await s.memory();
      const held = (open.heapUsed - idle.heapUsed) / lines;
      t.diagnostic(
        `round ${round}: ${lines} lines open: heap ${(idle.heapUsed / MB).toFixed(1)} → ${(open.heapUsed / MB).toFixed(1)} MB ` +
          `(${held.toFixed(0)} B per line), all closed: ${(closed.heapUsed / MB).toFixed(1)} MB; RSS ${(idle.rss / MB).toFixed(0)} → ${(open.rss / MB).toFixed(0)} → ${(closed.rss / MB).toFixed(0)} MB`,
      );
      assert.ok(open.heapUsed - idle.heapUsed > 10 * MB, 'the open documents hold their analyses');
      assert.ok(held <= HEAP_PER_LINE, `round ${round}: ${held.toFixed(0)} B of heap per open line (bound ${HEAP_PER_LINE})`);
      assert.ok(closed.heapUsed - idle.heapUsed < 2 * MB, `round ${round}: ${((closed.heapUsed - idle.heapUsed) / MB).toFixed(1)} MB left after closing everything`);
    }
  });
});
