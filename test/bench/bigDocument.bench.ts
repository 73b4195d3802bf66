// `npm run bench:big`: the real language server over stdio, given documents far over the document
// budget (issue 16: a 55 MB flow used to abort the server out of memory after 70 s). For each it
// prints the time from didOpen to the first diagnostics, then to the answers VS Code asks next
// (semantic tokens, outline, folding, a hover at the top, a completion on the last line), the time
// of one keystroke on the first line and one on the last, and the server's peak resident memory
// (VmHWM, from /proc). Asserts nothing.
import { performance } from 'node:perf_hooks';
import { BenchClient, memoryMb } from './lspClient';
import { generateFlow } from './flows';

const MB = 1024 * 1024;

/** A valid flow of at least `bytes` bytes (generated flows run about 37 bytes a line). */
function flowOf(bytes: number): string {
  return generateFlow(Math.ceil(bytes / 36));
}

const DOCUMENTS: [string, () => string][] = [
  ['55 MB valid flow', () => flowOf(55 * MB)],
  ['50 MB of comments', () => `# ${'c'.repeat(78)}\n`.repeat((50 * MB) / 81)],
  ['55 MB on one line', () => `A -> B: ${'SYN,'.repeat((55 * MB) / 4)}ACK`],
];

async function measure(name: string, text: string): Promise<void> {
  const c = await BenchClient.start();
  const idle = memoryMb(c.pid, 'VmRSS');
  const t0 = performance.now();
  const doc = await c.open(`big-${name.replace(/\W+/g, '-')}.tcpflow`, text);
  const opened = performance.now() - t0;
  const last = doc.lines.length - 1;
  await Promise.all([
    c.semanticTokens(doc, true),
    c.symbols(doc),
    c.folding(doc),
    c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 0, character: 2 } }),
    c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: { line: last, character: 0 } }),
  ]);
  const answered = performance.now() - t0;
  const keystroke = async (line: number) => {
    const t = performance.now();
    const version = c.change(doc, { start: { line, character: 0 }, end: { line, character: 0 } }, ' ');
    await c.diagnostics(doc.uri, version);
    return performance.now() - t;
  };
  const [top, bottom] = [await keystroke(0), await keystroke(last)];
  const peak = memoryMb(c.pid, 'VmHWM');
  await c.stop();
  console.log(
    `${name.padEnd(20)} ${(text.length / MB).toFixed(1).padStart(5)} MB, ${String(doc.lines.length).padStart(9)} lines: ` +
      `diagnostics ${(opened / 1000).toFixed(2)} s, first answers ${(answered / 1000).toFixed(2)} s, keystroke top ${top.toFixed(0)} ms / end ${bottom.toFixed(0)} ms, ` +
      `RSS idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const only = process.env.BENCH_BIG;
  for (const [name, make] of DOCUMENTS) if (!only || name.includes(only)) await measure(name, make());
}

void main();
