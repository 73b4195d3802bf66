// Where the language server's heap goes per open line at rest (issue 15): one valid flow is
// analysed as the server does (analyzeDocument, then its semantic tokens), a heap snapshot is
// taken before and after, and what the document holds is printed by constructor, in bytes per line.
// Run: node --expose-gc --conditions=import --import tsx test/bench/heapBreakdown.ts [lines]
import { readFileSync, rmSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/lsp/document';
import { semanticTokens } from '../../server/src/lsp/features/tokenState';

/** A valid flow of `n` data exchanges after a handshake (the memory test's): 2n + 3 lines. */
function flow(n: number): string {
  const out = ['title flow', 'A -> B: SYN seq=100', 'B -> A: SYN,ACK seq=300 ack=101', 'A -> B: ACK seq=101 ack=301'];
  for (let i = 0; i < n; i++) out.push(`A -> B: PSH,ACK seq=${101 + 10 * i} ack=301 len=10 "chunk ${i}"`, `B -> A: ACK seq=301 ack=${111 + 10 * i}`);
  return out.join('\n') + '\n';
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => { throw new Error('run with --expose-gc'); });

interface Row { count: number; size: number }
function byConstructor(file: string): Map<string, Row> {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  const f: string[] = snap.snapshot.meta.node_fields;
  const types: string[] = snap.snapshot.meta.node_types[0];
  const [ti, ni, si, ei] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('self_size'), f.indexOf('edge_count')];
  const ef: string[] = snap.snapshot.meta.edge_fields;
  const edgeTypes: string[] = snap.snapshot.meta.edge_types[0];
  const [eti, eni] = [ef.indexOf('type'), ef.indexOf('name_or_index')];
  const out = new Map<string, Row>();
  let edge = 0;
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + ti]];
    const edges = snap.nodes[i + ei];
    let key = type === 'object' || type === 'native' || type === 'hidden' || type === 'array' ? (type === 'object' || type === 'native' ? '' : type + ':') + snap.strings[snap.nodes[i + ni]] : `(${type})`;
    if (key === 'Object') {
      // Plain objects by their property names (their shape).
      const names: string[] = [];
      for (let e = edge; e < edge + edges * ef.length; e += ef.length) if (edgeTypes[snap.edges[e + eti]] === 'property') names.push(snap.strings[snap.edges[e + eni]]);
      key = `{${names.filter((n) => n !== '__proto__').join(',')}}`;
    }
    edge += edges * ef.length;
    const r = out.get(key) ?? { count: 0, size: 0 };
    r.count++;
    r.size += snap.nodes[i + si];
    out.set(key, r);
  }
  return out;
}

function snapshot(): Map<string, Row> {
  for (let i = 0; i < 3; i++) gc();
  return byConstructor(writeHeapSnapshot());
}

const exchanges = Math.floor((Number(process.argv[2]) || 20_000) / 2);
const text = flow(exchanges);
const lines = 2 * exchanges + 4;
const before = snapshot();
for (let i = 0; i < 3; i++) gc();
const heap0 = process.memoryUsage().heapUsed;
const held = { text: TextDocument.create('file:///x.tcpflow', 'tcpflow', 1, text), doc: analyzeDocument('file:///x.tcpflow', 1, text, 'en') };
semanticTokens(held.doc);
for (let i = 0; i < 3; i++) gc();
const heap1 = process.memoryUsage().heapUsed;
const after = snapshot();
const rows = [...after].map(([k, r]) => ({ k, count: r.count - (before.get(k)?.count ?? 0), size: r.size - (before.get(k)?.size ?? 0) }));
rows.sort((a, b) => b.size - a.size);
console.log(`${lines} lines: heapUsed ${((heap1 - heap0) / lines).toFixed(0)} B per line`);
for (const r of rows.slice(0, 40)) console.log(`${(r.size / lines).toFixed(1).padStart(8)} B/line ${(r.count / lines).toFixed(2).padStart(7)} per line  ${r.k}`);
console.log(held.doc.version);
