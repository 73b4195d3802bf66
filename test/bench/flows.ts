// Generated valid flows for the benchmarks.

export const PAIRS = 3;

/**
 * A valid flow of about `lines` lines: PAIRS client/server connections, each opened with a
 * 3-way handshake, then data with ACKs (and a note now and then), then closed and TIME_WAIT ended.
 */
export function generateFlow(lines: number): string {
  const out: string[] = ['title Benchmark flow'];
  for (let p = 1; p <= PAIRS; p++) out.push(`participant C${p} as "Client ${p}"`, `participant S${p} as "Server ${p}" (LISTEN)`);
  const perPair = Math.max(20, Math.floor((lines - out.length) / PAIRS));
  for (let p = 1; p <= PAIRS; p++) {
    const [c, s] = [`C${p}`, `S${p}`];
    let cs = 1000 * p;
    const ss = 90000 * p;
    out.push(`${c}(CLOSED) -> ${s}(LISTEN): SYN seq=${cs} mss=1460`);
    out.push(`${s} -> ${c}: SYN,ACK seq=${ss} ack=${cs + 1} "accept()"`);
    cs += 1;
    out.push(`${c} -> ${s}: ACK seq=${cs} ack=${ss + 1}`);
    const dataLines = perPair - 3 - 4;
    for (let used = 0, k = 1; used + 2 <= dataLines; k++) {
      out.push(`${c} -> ${s}: PSH,ACK seq=${cs} ack=${ss + 1} len=100`);
      cs += 100;
      out.push(`${s} -> ${c}: ACK ack=${cs}`);
      used += 2;
      if (k % 25 === 0 && used < dataLines) {
        out.push(`note over ${c}, ${s}: "chunk ${k}"`);
        used++;
      }
    }
    out.push(`${c} -> ${s}: FIN,ACK seq=${cs} ack=${ss + 1}`);
    out.push(`${s} -> ${c}: ACK seq=${ss + 1} ack=${cs + 1}`);
    out.push(`${s} -> ${c}: FIN,ACK seq=${ss + 1} ack=${cs + 1}`);
    out.push(`${c} -> ${s}: ACK seq=${cs + 1} ack=${ss + 2}`);
  }
  out.push('wait 2MSL');
  return out.join('\n') + '\n';
}

