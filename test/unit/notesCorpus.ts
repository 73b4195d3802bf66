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
  'listener-concurrent-connections.tcpflow': {
    reason:
      'KEPT AS SPEC SAYS (a limitation, docs/checker.md): SPEC §4 gives each participant one endpoint, with one ' +
      'state in the trace, so a participant has one connection at a time. ' +
      'A listening server accepts a second client while its first connection is open: each connection ' +
      'is its own TCB and the listener stays in LISTEN (RFC 9293 §3.10.7.2, SPEC §4 "both endpoints of ' +
      'each connection"). The checker keeps one state per participant, so the second SYN meets ESTABLISHED.',
    got: ['TF203@10', 'TF201@10', 'TF202@10', 'TF203@11'],
  },
};
