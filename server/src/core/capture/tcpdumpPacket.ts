// The packet part of a `tcpdump -nn` line, `SRC.PORT > DST.PORT: Flags [FLAGS]REST`, taken apart
// by hand in one pass (what `/(\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](.*)$/` matches, without
// its backtracking: for every start it re-scanned the rest of a long run of non-spaces).

export interface PacketMatch {
  srcIp: string;
  srcPort: string;
  dstIp: string;
  dstPort: string;
  flags: string;
  rest: string;
}

const FLAGS = ': Flags [';
/** `.` in the expression stops at these, so `(.*)$` did not match a rest holding one. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** The first `ADDR.PORT > ADDR.PORT: Flags [..]` of the line; undefined when it has none. */
export function matchPacket(line: string): PacketMatch | undefined {
  for (let at = line.indexOf(FLAGS); at >= 0; at = line.indexOf(FLAGS, at + 1)) {
    const dstStart = tokenStart(line, at);
    const dst = endpoint(line.slice(dstStart, at));
    if (!dst || dstStart < 3 || line.slice(dstStart - 3, dstStart) !== ' > ') continue;
    const srcEnd = dstStart - 3;
    const src = endpoint(line.slice(tokenStart(line, srcEnd), srcEnd));
    if (!src) continue;
    const flagsStart = at + FLAGS.length;
    const close = line.indexOf(']', flagsStart);
    if (close < 0) return undefined; // no `]` after this one: none after any later one either
    const rest = line.slice(close + 1);
    if (LINE_BREAK.test(rest)) return undefined;
    return { srcIp: src[0], srcPort: src[1], dstIp: dst[0], dstPort: dst[1], flags: line.slice(flagsStart, close), rest };
  }
  return undefined;
}

/** Where the run of non-white-space characters that ends at `end` begins. */
function tokenStart(line: string, end: number): number {
  let k = end;
  while (k > 0 && !/\s/.test(line[k - 1])) k--;
  return k;
}

/** `10.0.0.1.5003` → [`10.0.0.1`, `5003`]: the digits after the last dot are the port. */
function endpoint(token: string): [string, string] | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || dot === token.length - 1) return undefined;
  for (let k = dot + 1; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
  }
  return [token.slice(0, dot), token.slice(dot + 1)];
}
