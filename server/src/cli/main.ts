// The tcpflow-cli executable: loads the process's program (entry.ts, bundled beside this file as
// entry.js) through the V8 code cache the build made of it (entry.cache, scripts/cliBuild.mjs).
// Compiling the bundle and each function a check runs cost more than the check of a short note
// (issue 13); with the cache V8 reads them compiled. A cache this Node cannot use (another V8,
// other V8 flags such as --max-old-space-size) is rejected by V8 and the bundle compiled as usual;
// one older than the bundle (a rebuild in --watch) is not offered. TCPFLOW_WRITE_CODE_CACHE=1
// (the build, once) writes the cache after a run instead.
import { isAscii } from 'node:buffer';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { isCliWorker } from './workerMark';

const file = join(__dirname, 'entry.js');
const cacheFile = join(__dirname, 'entry.cache');
const writing = process.env.TCPFLOW_WRITE_CODE_CACHE === '1';

/** The cache, when it was made from this bundle (written after it). */
function cache(): Buffer | undefined {
  try {
    return statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bundle's text. esbuild writes it in ASCII (non-ASCII characters as escapes, in regular
 * expressions too: the sources write them so), and ASCII read as Latin-1 is one byte a character
 * with no decoding; as UTF-8, V8 may hold a 360 KB bundle as two bytes a character, some 500 page
 * faults more at every start (issue 13). Any other bundle is read as UTF-8.
 */
function bundleText(): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

// The bundle is written as the function to call, as Node wraps a CommonJS module (scripts/cliBuild.mjs).
const script = new Script(bundleText(), { filename: file, cachedData: writing ? undefined : cache() });
if (writing) process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
else if (!isCliWorker() && process.versions.v8.startsWith('11.')) tuneTiering(); // the worker's process has them already
// This module's own require: the bundle requires only Node's built-in modules (node:module's
// createRequire would cost a module evaluation more at every start). The module has it too, as
// Node's do: lodash (in chevrotain) asks `module.require('util')` for Node's type checks, and
// without it fell back to process.binding('util'), a deprecated API that loads modules of its own.
const entry = { exports: {}, require };
script.runInThisContext()(entry.exports, require, entry, file, __dirname);

/**
 * V8's optimising compiler (TurboFan) tuned for a process that runs one command (issue 13): a
 * cold 10,000-line check spent some 40% of its CPU on V8's background threads, mostly compiling.
 * - By default V8 optimises any function of under 81 bytes of bytecode on its first profiler tick:
 *   at start-up chevrotain's and lodash's small helpers, compiled for a set-up that runs once, and
 *   in a long check many a helper that would not have paid for it either. Without the shortcut
 *   small functions wait for the feedback the others wait for: a 3-line check ~3 ms less CPU, a
 *   10,000-line one ~18 ms less.
 * - Every function waits for twice the feedback it did: a 10,000-line check ~20 ms less again; a
 *   100,000-line one within 1% (4x took it 7% more, 8x 16%).
 * - An optimised function inlines at most 300 bytes of bytecode of the functions it calls, not
 *   920: each compilation is smaller; a 10,000-line check ~30 ms less, a 100,000-line one ~2-4%
 *   less (no inlining at all took the latter 17% more).
 * Set once the Script is made (V8 checks a code cache against the flags in force) and not when
 * writing the cache (made under the flags every run starts with). The flags are the process's: a
 * worker started later runs under them too. (Flags of the garbage collector cannot be changed
 * once V8 runs: --single-threaded-gc set here crashed it.) Only on the V8 they were measured on
 * (11.3, Node 20): another might not know one of them, and would say so on stderr.
 */
function tuneTiering(): void {
  setFlagsFromString('--max-bytecode-size-for-early-opt=0');
  setFlagsFromString('--interrupt-budget=135168');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
}
