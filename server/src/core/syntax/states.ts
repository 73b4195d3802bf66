// State-name spelling rules of SPEC §3.8: any case, `-` for `_`, the digit may follow
// without a separator (`FIN_WAIT1`), and `SYN_RCVD` / `SYN_RCV` mean `SYN_RECEIVED`.
import { STATE_ALIASES as ALIASES, STATE_NAMES, type TcpState } from './vocabulary';

/** A name's final digit, with the separator before it that may be left out (`FIN_WAIT_1`, `FIN_WAIT1`). */
const FINAL_DIGIT = /_?(\d)$/;

/** The key a written name is compared by: upper case, `-` → `_`, `WAIT1` → `WAIT_1`. */
function normalise(written: string): string {
  return written.toUpperCase().replace(/-/g, '_').replace(FINAL_DIGIT, '_$1');
}

/**
 * The spellings of a name the rules allow (SPEC §3.8), as a regular expression (any case is the
 * caller's flag): `FIN[_-]WAIT[_-]?1`. For the TextMate grammar.
 */
export function spellingPattern(name: string): string {
  const digit = /_(\d)$/.exec(name);
  const stem = digit ? name.slice(0, digit.index) : name;
  return stem.replace(/_/g, '[_-]') + (digit ? `[_-]?${digit[1]}` : '');
}

/**
 * The other spellings completion offers, each with the state it names: the aliases, then for each
 * family of names (FIN_WAIT_1 and FIN_WAIT_2 are one) the `-` spellings, then those without the
 * separator before the digit: SYN-SENT …, FIN-WAIT-1, FIN-WAIT-2, FIN_WAIT1, FIN_WAIT2, CLOSE-WAIT ….
 */
export function otherSpellings(): [string, TcpState][] {
  const out: [string, TcpState][] = Object.entries(ALIASES);
  const family = (n: string): string => n.replace(/_\d$/, '');
  for (let i = 0; i < STATE_NAMES.length; ) {
    let j = i;
    while (j < STATE_NAMES.length && family(STATE_NAMES[j]) === family(STATE_NAMES[i])) j++;
    const members = STATE_NAMES.slice(i, j);
    for (const n of members) if (n.includes('_')) out.push([n.replace(/_/g, '-'), n]);
    for (const n of members) if (/_\d$/.test(n)) out.push([n.replace(/_(\d)$/, '$1'), n]);
    i = j;
  }
  return out;
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
