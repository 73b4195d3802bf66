// The corpus of valid study notes (notesCorpus.ts): every note checks with no error and no warning,
// but for the false errors listed there, which must still be exactly what the list says (so a fix
// is noticed and its entry removed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { FALSE_ERRORS, VALID_NOTES } from './notesCorpus';

const problems = (text: string) =>
  analyze(text)
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.code}@${d.range.start.line + 1}`);

describe('valid study notes (test/fixtures/notes/valid)', () => {
  it('the corpus holds 60 to 100 notes, each saying at its top what it shows', () => {
    assert.ok(VALID_NOTES.length >= 60 && VALID_NOTES.length <= 100, `${VALID_NOTES.length} notes`);
    for (const [name, text] of VALID_NOTES) assert.match(text, /^(#|\/\/) \S/, `${name} starts with a comment`);
  });

  for (const [name, text] of VALID_NOTES) {
    const known = FALSE_ERRORS[name];
    it(`${name}: no error, no warning${known ? ' (known false errors, listed)' : ''}`, () => {
      assert.deepEqual(problems(text), known?.got ?? [], known ? `${known.reason} — the list in notesCorpus.ts is out of date` : undefined);
    });
  }

  it('every false error listed is a note of the corpus', () => {
    const names = new Set(VALID_NOTES.map(([n]) => n));
    assert.deepEqual(Object.keys(FALSE_ERRORS).filter((n) => !names.has(n)), []);
  });
});
