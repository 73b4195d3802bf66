// The LSP base protocol read from a byte stream (stdin, a socket, a pipe): `Content-Length: N`,
// an empty line, N bytes of UTF-8 JSON. vscode-jsonrpc's own reader stops for good at a header
// without a valid Content-Length (issue 16: the server stayed alive and deaf); this one drops what
// it cannot read, says so in the log, and reads on from the next header. A body that is not JSON is
// answered with -32700 (JSON-RPC's "Parse error", id null). A header announcing more than
// MAX_MESSAGE_BYTES is refused the same way, never waited for: that is more than any document a
// client syncs (VS Code syncs files up to 50 MB) and well below the longest string V8 can make of
// the body (~512 MB).
import { AbstractMessageReader, ErrorCodes, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';
import type { Refuse } from './guard';

export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A header longer than this has no end in sight: it is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = 'content-length:';


interface ByteStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export class FramedStreamReader extends AbstractMessageReader {
  /** Bytes read and not yet used: a header being read, or a body being collected. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The body's length once its header is read; -1 while reading a header. */
  private bodyLength = -1;
  private callback: DataCallback | undefined;
  private closed = false;

  constructor(
    private readonly stream: ByteStream,
    private readonly refuse: Refuse,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.read(chunk);
    this.stream.on('data', onData);
    this.stream.on('error', (err) => this.fireError(err));
    const close = () => {
      if (this.closed) return;
      this.closed = true;
      this.fireClose();
    };
    this.stream.on('end', close);
    this.stream.on('close', close);
    return { dispose: () => void this.stream.off('data', onData) };
  }

  /** Takes in one chunk and delivers every message it completes. */
  read(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.step());
  }

  /** One step: a header read, a body delivered or skipped; false when more bytes are needed. */
  private step(): boolean {
    if (this.bodyLength < 0) return this.readHeader();
    if (this.pendingBytes < this.bodyLength) return false;
    const all = this.take(this.pendingBytes);
    const body = all.subarray(0, this.bodyLength);
    this.putBack(all.subarray(this.bodyLength));
    this.bodyLength = -1;
    this.deliver(body);
    return true;
  }

  private readHeader(): boolean {
    if (this.pendingBytes === 0) return false;
    const buf = this.take(this.pendingBytes);
    const end = buf.subarray(0, MAX_HEADER_BYTES + HEADER_END.length).indexOf(HEADER_END);
    if (end < 0 && buf.length <= MAX_HEADER_BYTES) {
      this.putBack(buf);
      return false;
    }
    const length = end < 0 ? `with no end in its first ${MAX_HEADER_BYTES} bytes` : contentLength(buf.subarray(0, end).toString('latin1'));
    if (typeof length === 'string') {
      this.refuse(`a message header ${length}: skipped to the next Content-Length`);
      this.putBack(resync(buf));
      return true;
    }
    if (length > MAX_MESSAGE_BYTES) {
      // Skipping that many bytes would leave the server deaf until they came: read on from the next header.
      this.refuse(`a message header announcing ${length} bytes (a message may have at most ${MAX_MESSAGE_BYTES}): skipped to the next Content-Length`);
      this.putBack(resync(buf));
      return true;
    }
    this.bodyLength = length;
    this.putBack(buf.subarray(end + HEADER_END.length));
    return true;
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (err) {
      this.refuse(`a message body that is not JSON (${err instanceof Error ? err.message : String(err)})`, {
        id: null,
        code: ErrorCodes.ParseError,
        message: 'The message body is not JSON.',
      });
      // A Content-Length longer than its body swallows the messages after it: read them again.
      const next = resync(body);
      if (startsHeader(next, 0)) {
        this.pending.unshift(next);
        this.pendingBytes += next.length;
      }
      return;
    }
    this.callback?.(message as Message);
  }

  /** All pending bytes as one buffer (emptying the list). */
  private take(bytes: number): Buffer {
    const buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, bytes);
    this.pending = [];
    this.pendingBytes = 0;
    return buf;
  }

  private putBack(buf: Buffer): void {
    if (buf.length === 0) return;
    this.pending = [buf];
    this.pendingBytes = buf.length;
  }
}

/**
 * The Content-Length a header gives, or what is wrong with it. Every line must be `Name: value`;
 * the length must be written in decimal digits only (`-5`, `abc`, `1e3` are refused).
 */
function contentLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `with a line that is not 'Name: value' (${quote(line)})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `whose Content-Length is not a number of bytes (${quote(value)})`;
    length = Number(value);
  }
  return length ?? `without a Content-Length (${quote(header)})`;
}

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * The bytes from the next `Content-Length:` (any case) after the first byte — anywhere, as the
 * next header follows the unreadable message's body with no line break — or, with none, the last
 * few bytes (a `Content-Length:` may be cut between two chunks).
 */
function resync(buf: Buffer): Buffer {
  for (let at = 1; at + CONTENT_LENGTH.length <= buf.length; at++) if (startsHeader(buf, at)) return buf.subarray(at);
  return buf.subarray(Math.max(1, buf.length - CONTENT_LENGTH.length + 1));
}

/** `Content-Length:` in any case at `at`. */
function startsHeader(buf: Buffer, at: number): boolean {
  for (let k = 0; k < CONTENT_LENGTH.length; k++) {
    const b = buf[at + k];
    if ((b >= 65 && b <= 90 ? b | 0x20 : b) !== CONTENT_LENGTH.charCodeAt(k)) return false;
  }
  return true;
}
