// State-name spelling rules of SPEC §3.8: any case, `-` for `_`, the digit may follow
// without a separator (`FIN_WAIT1`), and `SYN_RCVD` / `SYN_RCV` mean `SYN_RECEIVED`.
import { STATE_NAMES, type TcpState } from './ast';

const ALIASES: Record<string, TcpState> = {
  SYN_RCVD: 'SYN_RECEIVED',
  SYN_RCV: 'SYN_RECEIVED',
  // Common in notes and in `ss`/`netstat` output (SYN-RECV, FIN-WAIT1, TIME-WAIT).
  SYN_RECV: 'SYN_RECEIVED',
};

/** The key a written name is compared by: upper case, `-` → `_`, `WAIT1` → `WAIT_1`. */
function normalise(written: string): string {
  return written
    .toUpperCase()
    .replace(/-/g, '_')
    .replace(/WAIT_?([12])$/, 'WAIT_$1');
}

export function parseStateName(written: string): TcpState | undefined {
  const key = normalise(written);
  if ((STATE_NAMES as readonly string[]).includes(key)) return key as TcpState;
  return ALIASES[key];
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** The valid state nearest to an unknown name (for "did you mean"). */
export function nearestState(written: string): TcpState {
  const key = normalise(written);
  let best: TcpState = STATE_NAMES[0];
  let bestDistance = Infinity;
  for (const name of STATE_NAMES) {
    const d = editDistance(key, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
