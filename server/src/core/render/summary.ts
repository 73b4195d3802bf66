// A flow in one line, for those who cannot see the diagram: Mermaid's `accTitle`/`accDescr` (the
// SVG's <title> and <desc>, read by screen readers, on GitHub too) and the preview's labels.
// Plain text here; the renderers escape it (its own words need no escaping: no `:`, `;`, `#`).
// No Korean particle follows a name or a number.
import type { Lang } from '../i18n';
import type { Analysis } from '../tcp/analysis';

export interface FlowSummary {
  /** The flow's title, or who talks to whom. */
  title: string;
  /** How many segments (lost ones), each participant's final state, how many errors (when asked). */
  description: string;
}

interface SummaryTexts {
  untitled: (names: string[]) => string;
  segments: (names: string[], count: number, lost: number) => string;
  finalStates: (states: string[]) => string;
  errors: (count: number) => string;
  more: (count: number) => string;
}

const enList = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const TEXTS: Record<Lang, SummaryTexts> = {
  en: {
    untitled: (names) => (names.length ? `TCP flow between ${enList(names)}` : 'TCP flow'),
    segments: (names, count, lost) =>
      count === 0
        ? 'No segments.'
        : `${enList(names)} exchange ${plural(count, 'segment')}${lost ? ` (${lost} lost)` : ''}.`,
    finalStates: (states) => `Final states — ${states.join(', ')}.`,
    errors: (count) => `${plural(count, 'error')}.`,
    more: (count) => `${count} more`,
  },
  ko: {
    untitled: (names) => (names.length ? `TCP 흐름 (${names.join(' ↔ ')})` : 'TCP 흐름'),
    segments: (names, count, lost) =>
      count === 0 ? '세그먼트 없음.' : `${names.join(', ')} 사이 세그먼트 ${count}개${lost ? ` (손실 ${lost}개)` : ''}.`,
    finalStates: (states) => `최종 상태 — ${states.join(', ')}.`,
    errors: (count) => `오류 ${count}개.`,
    more: (count) => `외 ${count}개`,
  },
};

/** Names listed before "and N more" (a flow can have thousands of participants). */
const LISTED = 6;

/** `errors`: say how many errors the flow has (a diagram that marks them says so; one that does not, not). */
export function flowSummary(a: Analysis, lang: Lang = 'en', errors = true): FlowSummary {
  const t = TEXTS[lang];
  const shown = a.participants.slice(0, LISTED);
  const more = a.participants.length - shown.length;
  const names = shown.map((p) => p.label || p.name);
  const named = more > 0 ? [...names, t.more(more)] : names;
  const titled = a.doc.statements.find((s) => s.kind === 'title')?.text.text.trim();
  const states = shown.map((p, i) => `${names[i]} ${a.finalStates[p.name]}`);
  const lost = a.messages.filter((m) => m.lost).length;
  const errorCount = errors ? a.diagnostics.filter((d) => d.severity === 'error').length : 0;
  const parts = [t.segments(named, a.messages.length, lost)];
  if (states.length) parts.push(t.finalStates(more > 0 ? [...states, t.more(more)] : states));
  if (errorCount) parts.push(t.errors(errorCount));
  return { title: titled || t.untitled(named), description: parts.join(' ') };
}
