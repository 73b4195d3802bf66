// The corpus of valid study notes (test/fixtures/notes/valid/): flows written as a careful
// student or teacher would write them, each correct TCP per RFC 9293 and the SPEC, each saying at
// its top what it shows and where it comes from. The checker must give none of them an error or a
// warning; the ones it still does are listed here, with the reason, until the checker is fixed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '..', 'fixtures', 'notes', 'valid');

/** Every valid note: [file name, text]. */
export const VALID_NOTES: [string, string][] = readdirSync(dir)
  .filter((f) => f.endsWith('.tcpflow'))
  .sort()
  .map((f): [string, string] => [f, readFileSync(join(dir, f), 'utf8')]);

/**
 * FALSE ERRORS: valid notes the checker still reports, with exactly what it reports today
 * (`code@line`). Remove an entry when the checker gets the note right (the test then insists).
 */
export const FALSE_ERRORS: Record<string, { reason: string; got: string[] }> = {
  'out-of-order-gap-filled.tcpflow': {
    reason:
      'A mid-connection receiver learns RCV.NXT from the first segment that reaches it, even when the ' +
      "sender's earlier segment (seq=1000, written, lost) shows that one arrived out of order. checker.md " +
      "says a peer's RCV.NXT starts at the sender's SND.NXT; here that is 1000, so B's ack=1000 is a " +
      'duplicate ACK (RFC 9293 §3.10.7.4, RFC 5681 §4.2) and the retransmission fills the gap.',
    got: ['TF202@8', 'TF202@10', 'TF201@12', 'TF202@13'],
  },
  'listener-concurrent-connections.tcpflow': {
    reason:
      'A listening server accepts a second client while its first connection is open: each connection ' +
      'is its own TCB and the listener stays in LISTEN (RFC 9293 §3.10.7.2, SPEC §4 "both endpoints of ' +
      'each connection"). The checker keeps one state per participant, so the second SYN meets ESTABLISHED.',
    got: ['TF203@10', 'TF201@10', 'TF202@10', 'TF203@11'],
  },
  'simultaneous-close-ack-omitted.tcpflow': {
    reason:
      "Inside a par block, a FIN whose ack the note leaves out (inferred, SPEC §4) is taken to acknowledge the peer's " +
      'FIN sent later in the same block: an inferred ack is what the sender had received when it sent, ' +
      'which is not the crossing FIN, so both sides are CLOSING (RFC 9293 Figure 13).',
    got: ['TF200@11', 'TF200@11'],
  },
};
