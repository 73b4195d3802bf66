// The tcpflow-cli executable: loads the process's program (entry.ts, bundled beside this file as
// entry.js) through the V8 code cache the build made of it (entry.cache, scripts/cliBuild.mjs).
// Compiling the bundle and each function a check runs cost more than the check of a short note
// (issue 13); with the cache V8 reads them compiled. A cache this Node cannot use (another V8,
// other V8 flags such as --max-old-space-size) is rejected by V8 and the bundle compiled as usual;
// one older than the bundle (a rebuild in --watch) is not offered. TCPFLOW_WRITE_CODE_CACHE=1
// (the build, once) writes the cache after a run instead.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

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

// As Node wraps a CommonJS module; the bundle's `#!` line goes (only the file's first line may have one).
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8').replace(/^#!.*/, '')}\n})`;
const script = new Script(source, { filename: file, cachedData: writing ? undefined : cache() });
if (writing) process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const entry = { exports: {} };
// This module's own require: the bundle requires only Node's built-in modules (node:module's
// createRequire would cost a module evaluation more at every start).
script.runInThisContext()(entry.exports, require, entry, file, __dirname);
