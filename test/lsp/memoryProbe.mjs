// The language server (the built bundle) with a side channel for the memory tests: over the IPC
// channel its parent asks for `memory`, and it answers with its heap and RSS after full garbage
// collections (run with --expose-gc).
process.on('message', (m) => {
  if (m !== 'memory') return;
  for (let i = 0; i < 3; i++) globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heapUsed, rss });
});
await import(process.env.TCPFLOW_SERVER);
