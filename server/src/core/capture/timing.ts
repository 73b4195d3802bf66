// Idle gaps in a capture become `wait` lines (SPEC §3.6), so a note reads as it happened: a
// retransmission timeout, a keep-alive interval, a delayed close. A gap counts when it is at
// least 100 ms and at least four round-trip times (measured on the handshake: SYN to the ACK of
// the SYN,ACK): well above delayed ACKs (40 ms on Linux) and ordinary turnaround, and below the
// smallest retransmission timeout (200 ms, Linux's TCP_RTO_MIN).
import { hasFlag, type TcpSegment } from './types';

export const MIN_GAP = 0.1;
export const RTT_FACTOR = 4;

/** The handshake's round trip in seconds, when SYN, SYN,ACK and the ACK after it are all captured. */
export function handshakeRtt(segs: TcpSegment[]): number | undefined {
  const synAck = segs.findIndex((s) => hasFlag(s, 'SYN') && hasFlag(s, 'ACK'));
  if (synAck < 0) return undefined;
  const answer = segs[synAck];
  const syn = segs
    .slice(0, synAck)
    .reverse()
    .find((s) => s.src === answer.dst && hasFlag(s, 'SYN') && !hasFlag(s, 'ACK'));
  const ack = segs.slice(synAck + 1).find((s) => s.src === answer.dst && hasFlag(s, 'ACK') && !hasFlag(s, 'SYN'));
  if (syn?.time === undefined || ack?.time === undefined) return undefined;
  return Math.max(0, ack.time - syn.time);
}

export function gapThreshold(segs: TcpSegment[]): number {
  return Math.max(MIN_GAP, RTT_FACTOR * (handshakeRtt(segs) ?? 0));
}

/** `200ms`, `1.5s`, `75s`, `2h`: what a `wait` line says. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))}ms`;
  if (seconds < 10) return `${Number(seconds.toFixed(1))}s`;
  if (seconds < 3600 || seconds % 3600 > 60) return `${Math.round(seconds)}s`;
  return `${Math.round(seconds / 3600)}h`;
}

/** Seconds since the first segment, for the comment on each line. */
export function offset(t: number | undefined, start: number | undefined): string {
  if (t === undefined || start === undefined) return '';
  return `+${(t - start).toFixed(6)}s`;
}
