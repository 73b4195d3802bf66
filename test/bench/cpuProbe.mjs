// Preloaded (`node --import`) by cli.bench.ts into each process it measures: at exit, the
// process's own CPU time (user + system, every thread, start-up included) goes to stderr, marked
// so the bench can find it among anything else the process writes there.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.cpuUsage();
  writeSync(2, `\n@cpu ${(u.user + u.system) / 1000}\n`);
});
