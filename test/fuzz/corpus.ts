// test/fuzz/corpus/: inputs kept because they once broke something (issue 16's reproducers, and
// whatever `npm run fuzz` finds): one JSON file each, `{ target, note, input }`, the input as the
// target saves it. The fuzzer replays them with --corpus; test/unit/fuzz-corpus.test.ts in `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TARGETS, type Target } from './targets';

export const CORPUS = path.join(__dirname, 'corpus');

export interface CorpusEntry {
  file: string;
  /** Why it is kept. */
  note: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  target: Target<any>;
  input: unknown;
}

export function loadCorpus(): CorpusEntry[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const saved = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as { target: string; note: string; input: unknown };
      const target = TARGETS.find((t) => t.name === saved.target);
      if (!target) throw new Error(`${file}: unknown target '${saved.target}'`);
      return { file, note: saved.note, target, input: target.load(saved.input) };
    });
}
