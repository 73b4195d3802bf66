// Every input kept in test/fuzz/corpus/ (issue 16's reproducers, and what `npm run fuzz` found)
// still passes its target's rules (test/fuzz/targets.ts): each once broke one.
import { describe, it } from 'node:test';
import { loadCorpus } from '../fuzz/corpus';

describe('fuzz corpus', () => {
  for (const entry of loadCorpus()) {
    it(`${entry.file}: ${entry.note}`, () => entry.target.check(entry.input));
  }
});
