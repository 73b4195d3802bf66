// `tcpflow-cli trace`: every step of the simulation with every participant's state after it
// (SPEC §7), as JSON for tools or as one line per step for people.
import type { Flag, TcpState } from '../core/syntax/ast';
import type { Analysis, ShownValue, StepEvent, TraceStep } from '../core/tcp/analysis';
import type { Lang } from '../core/i18n';
import { segmentText } from '../core/render/segmentText';
import { oneLine } from './io';

export interface TraceStepJson {
  /** 1-based source line. */
  line: number;
  event: StepEvent;
  from?: string;
  to?: string;
  flags?: Flag[];
  seq?: ShownValue;
  ack?: ShownValue;
  len?: number;
  states: Record<string, TcpState>;
}

export interface TraceJson {
  participants: string[];
  steps: TraceStepJson[];
}

export function traceJson(a: Analysis): TraceJson {
  return { participants: a.participants.map((p) => p.name), steps: a.steps.map(stepJson) };
}

function stepJson(s: TraceStep): TraceStepJson {
  const m = s.message;
  if (!m || (s.event !== 'send' && s.event !== 'deliver' && s.event !== 'lose')) {
    return { line: s.line + 1, event: s.event, states: s.states };
  }
  // Key order as SPEC §7 lists them; unknown seq/ack are left out, not null.
  return {
    line: s.line + 1,
    event: s.event,
    from: m.from,
    to: m.to,
    flags: m.flags,
    ...(m.seq !== undefined ? { seq: m.seq } : {}),
    ...(m.ack !== undefined ? { ack: m.ack } : {}),
    len: m.len,
    states: s.states,
  };
}

/** `  3  send     A -> B: SYN seq=100    A=SYN_SENT B=LISTEN` */
export function traceText(a: Analysis, lang: Lang): string {
  const width = String(a.steps.reduce((w, s) => Math.max(w, s.line + 1), 1)).length;
  const lines = a.steps.map((s) => {
    const states = Object.entries(s.states)
      .map(([name, state]) => `${name}=${state}`)
      .join(' ');
    return oneLine(`${String(s.line + 1).padStart(width)}  ${s.event.padEnd(7)}  ${what(s, lang)}    ${states}`);
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}

function what(s: TraceStep, lang: Lang): string {
  const m = s.message;
  if (m) return `${m.from} ${m.lost ? '-x' : '->'} ${m.to}: ${segmentText(m, { lang, escape: (t) => t })}`;
  if (s.stmt.kind === 'wait') return `wait ${s.stmt.amount.text}`;
  return s.stmt.kind;
}
