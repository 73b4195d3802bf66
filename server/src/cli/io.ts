// File input and output for tcpflow-cli: UTF-8 in (BOM stripped, `-` = stdin), output to stdout
// or to `-o OUT` without ever overwriting an existing file unless --force. Failures become one
// clear line (CliError), never a stack trace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visible } from '../core/text/visible';
import { writeFileSafely } from './safeWrite';

/** An expected failure: printed as `tcpflow-cli: <message>`, exit code 2. */
export class CliError extends Error {}

/** Where a command writes what it prints. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Everything the CLI reads and writes outside files: the process's, or a test's (it runs in-process). */
export interface Io extends Output {
  /** Standard input, for `-`. */
  stdin(): Uint8Array;
  /** The directory relative paths are read and written from. */
  cwd: string;
}

/** Says what went wrong in one line on stderr; returns exit code 2. */
export function fail(message: string, out: Output): number {
  out.stderr(`tcpflow-cli: ${oneLine(message)}\n`);
  return 2;
}

export function processIo(): Io {
  return {
    stdout: directStdout(),
    stderr: (t) => process.stderr.write(t),
    stdin: () => fs.readFileSync(0),
    cwd: process.cwd(),
  };
}

/**
 * Standard output written with write(2) itself. Making `process.stdout` loads Node's stream and
 * socket modules (a pipe or a terminal), ~4 ms of a 3-line check's CPU (issue 13), and every
 * write to it is synchronous here anyway (a file, a terminal, a pipe on Linux). A write the system
 * does not take now (EAGAIN: a non-blocking pipe that is full) goes to `process.stdout`, which
 * waits for the reader, and so does all later output, in order. A reader that went away (EPIPE,
 * `tcpflow-cli trace f | head`) is not an error: the rest of the output is dropped and the command
 * ends with its own exit code. Any other failure is a CliError (exit 2). On Windows the stream is
 * used throughout: a console takes UTF-16 from it, not UTF-8 bytes.
 */
function directStdout(): (text: string) => void {
  let mode: 'direct' | 'stream' | 'gone' = process.platform === 'win32' ? 'stream' : 'direct';
  let listening = false;
  const toStream = (text: string | Uint8Array): void => {
    if (!listening) process.stdout.on('error', stdoutFailed);
    listening = true;
    process.stdout.write(text);
  };
  return (text) => {
    if (mode === 'stream') toStream(text);
    if (mode !== 'direct') return;
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += fs.writeSync(1, bytes, done);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') mode = 'gone';
      else if (code === 'EAGAIN') {
        mode = 'stream';
        toStream(bytes.subarray(done));
      } else throw new CliError(`cannot write output: ${reason(err)}`);
    }
  };
}

/**
 * `process.stdout`'s failure, once output goes through it (and in a process whose worker writes
 * through it): as a direct write's, but the command may have ended.
 */
export function stdoutFailed(err: NodeJS.ErrnoException): void {
  const stderr = { stdout: () => undefined, stderr: (t: string) => process.stderr.write(t) };
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : fail(`cannot write output: ${reason(err)}`, stderr));
}

/** The file a path names, from the directory the command runs in. */
export const inCwd = (io: { cwd?: string }, file: string): string => (io.cwd === undefined ? file : path.resolve(io.cwd, file));

export const STDIN = '-';

export interface Input {
  /** The name shown in diagnostics: the path as given, or `<stdin>`. */
  name: string;
  /** A fallback title for the Markdown heading: the base name without extension. */
  baseName?: string;
  text: string;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'file already exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EFBIG: 'file too large (over the file size limit)',
  EDQUOT: 'disk quota exceeded',
};

/** `no such file or directory` for ENOENT, and so on; the system's text for anything else. */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code && REASONS[e.code]) return REASONS[e.code];
  return oneLine(e instanceof Error ? e.message : String(err));
}

export function readInput(file: string, io: Io): Input {
  let bytes: Uint8Array;
  try {
    bytes = file === STDIN ? io.stdin() : fs.readFileSync(inCwd(io, file));
  } catch (err) {
    throw new CliError(`cannot read '${oneLine(file)}': ${reason(err)}`);
  }
  let text = Buffer.from(bytes).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (file === STDIN) return { name: '<stdin>', text };
  return { name: file, baseName: path.basename(file, path.extname(file)), text };
}

/** The raw bytes of a file (or of stdin for `-`), for binary inputs such as captures. */
export function readBytes(file: string, io: Io): { name: string; bytes: Uint8Array } {
  try {
    return { name: file === STDIN ? '<stdin>' : file, bytes: file === STDIN ? io.stdin() : fs.readFileSync(inCwd(io, file)) };
  } catch (err) {
    throw new CliError(`cannot read '${oneLine(file)}': ${reason(err)}`);
  }
}

/** Writes the whole output to stdout, or to `out`; an existing `out` only with `force`, and then via a temporary file (safeWrite.ts). */
export function writeOutput(text: string, out: string | undefined, force: boolean, io: Io): void {
  if (out === undefined || out === STDIN) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSafely(inCwd(io, out), text, { overwrite: force });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`'${oneLine(out)}' already exists; use --force to overwrite it`);
    }
    throw new CliError(`cannot write '${oneLine(out)}': ${reason(err)}`);
  }
}

/**
 * One line, every control, format and bidi character from the input shown escaped (`\u202e`,
 * core/text/visible.ts): what goes to a terminal cannot move the cursor, recolour it, or make a
 * message read differently from what it says.
 */
export function oneLine(s: string): string {
  return visible(s);
}
