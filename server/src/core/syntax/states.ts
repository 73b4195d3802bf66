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

const squash = (name: string): string => name.replace(/_/g, '');

/** Every spelling a suggestion may start from: the names and the aliases, without underscores. */
const SPELLINGS: [string, TcpState][] = [
  ...STATE_NAMES.map((n): [string, TcpState] => [squash(n), n]),
  ...Object.entries(ALIASES).map(([a, n]): [string, TcpState] => [squash(a), n]),
];

/**
 * The valid state nearest to an unknown name (for "did you mean"): one the name begins
 * (`ESTAB`, as `ss` abbreviates ESTABLISHED), else the fewest edits, underscores ignored.
 */
export function nearestState(written: string): TcpState {
  const key = squash(normalise(written));
  let best: TcpState = STATE_NAMES[0];
  let bestScore = Infinity;
  for (const [spelling, name] of SPELLINGS) {
    // A prefix of 3+ letters beats any edit; among prefixes the closest in length wins.
    const score = key.length >= 3 && spelling.startsWith(key) ? (spelling.length - key.length) / 100 : editDistance(key, spelling);
    if (score < bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}
