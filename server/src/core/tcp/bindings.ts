// The unknown numbers of a note that begins mid-connection, told later (SPEC §4). A participant
// that starts past its handshake sends from an unknown SND.NXT (`?A`), and its peer expects that
// same `?A` (its RCV.NXT starts at the sender's SND.NXT: both ends are in step). The first seq the
// participant writes tells what `?A` was; from then on every value counted from `?A` — its own
// queue, its peer's RCV.NXT, an ack in flight — is that number. So a peer's inferred ack never
// covers a FIN sent after it (a simultaneous close written without acks), and a segment lost
// before any other arrived still leaves its peer expecting it (SPEC's words learn RCV.NXT from the
// first segment that arrives; in-step ends make that the same number unless that one was lost).
import type { Endpoint } from './endpoint';
import { add, isHidden, type SeqVal } from './seqValue';

/** What each unknown base stands for, once told: `?A` ↦ the value `?A+0` is. */
export type Bindings = ReadonlyMap<string, SeqVal>;

/** The value with its unknown base replaced, when that base is bound. */
export function resolve(bindings: Bindings, v: SeqVal): SeqVal;
export function resolve(bindings: Bindings, v: SeqVal | undefined): SeqVal | undefined;
export function resolve(bindings: Bindings, v: SeqVal | undefined): SeqVal | undefined {
  if (!v || !bindings.size || !isHidden(v)) return v;
  const origin = bindings.get(v.base!);
  return origin ? add(origin, v.off) : v;
}

/** Does the endpoint hold any value counted from `base`? */
export function mentions(e: Endpoint, base: string): boolean {
  const is = (v: SeqVal | undefined) => v?.base === base;
  return (
    is(e.iss) || is(e.sndUna) || is(e.sndNxt) || is(e.irs) || is(e.rcvNxt) || is(e.finSeq) || is(e.resentUpTo) ||
    e.unacked.some((u) => is(u.seq)) || e.outOfOrder.some((q) => is(q.seq)) || is(e.lastReceived?.seq) || is(e.lastReceived?.ack)
  );
}

/** Replaces, in place, every value of the endpoint counted from a bound base. */
export function rebase(e: Endpoint, bindings: Bindings): void {
  const r = (v: SeqVal | undefined) => resolve(bindings, v);
  e.iss = r(e.iss);
  e.sndUna = r(e.sndUna);
  e.sndNxt = r(e.sndNxt);
  e.irs = r(e.irs);
  e.rcvNxt = r(e.rcvNxt);
  e.finSeq = r(e.finSeq);
  e.resentUpTo = r(e.resentUpTo);
  e.unacked = e.unacked.map((u) => ({ ...u, seq: resolve(bindings, u.seq) }));
  e.outOfOrder = e.outOfOrder.map((q) => ({ ...q, seq: resolve(bindings, q.seq) }));
  if (e.lastReceived) e.lastReceived = { ...e.lastReceived, seq: resolve(bindings, e.lastReceived.seq), ack: r(e.lastReceived.ack) };
}
