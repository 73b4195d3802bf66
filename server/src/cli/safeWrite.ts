// Writing a file the user may already own, so that a failure half-way (a full disk, a file size
// limit, a crash) never leaves it damaged: the new text goes to a temporary file in the same
// folder, is flushed to disk, takes the old file's permission bits, and is renamed over the old
// one (rename is atomic within a file system). A symbolic link stays a link: its target is
// replaced. A file that did not exist is created with `wx` (never over a file that appeared
// meanwhile) and removed again if its writing fails.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WriteOptions {
  /** Replace an existing file; without it, an existing file is an EEXIST error. */
  overwrite: boolean;
}

/** Writes `text` (UTF-8) to `file`; throws the system error (EEXIST, ENOSPC, EFBIG, …) untouched. */
export function writeFileSafely(file: string, text: string, o: WriteOptions): void {
  const existing = o.overwrite ? existingTarget(file) : undefined;
  if (!existing) {
    createNew(file, text);
    return;
  }
  const tmp = path.join(path.dirname(existing.path), `.${path.basename(existing.path)}.${process.pid}-${Date.now().toString(36)}.tcpflow-tmp`);
  try {
    writeAndFlush(tmp, text, existing.mode);
    fs.chmodSync(tmp, existing.mode); // the umask may have narrowed what `open` gave it
    fs.renameSync(tmp, existing.path);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
}

/** The file a path names after following links, with its permission bits; undefined when it does not exist. */
function existingTarget(file: string): { path: string; mode: number } | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return { path: real, mode: fs.statSync(real).mode & 0o7777 };
}

function createNew(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    writeAll(fd, text);
  } catch (err) {
    fs.closeSync(fd);
    removeQuietly(file);
    throw err;
  }
  fs.closeSync(fd);
}

function writeAndFlush(file: string, text: string, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    writeAll(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone, or never made: nothing to clean up.
  }
}
