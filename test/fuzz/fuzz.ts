// `npm run fuzz`: feeds generated inputs to the core, the capture readers, the note sync, the
// CLI's commands and the language server's requests and stdio reader (targets.ts) for a bounded
// time, round robin, and reports every input that breaks a rule, a crash or a case slower than
// SLOW_MS. Every case has its own seed: a failure is saved under out/fuzz/crashes/ with it, and
// `--target T --case SEED` runs that one case again. Inputs worth keeping go to test/fuzz/corpus/
// (one JSON file each), which the unit tests replay.
//
//   npm run fuzz -- [--seconds 60] [--seed N] [--target core|capture|sync|cli|lsp]
//   npm run fuzz -- --target T --case SEED     (one case, with its stack trace)
//   npm run fuzz -- --corpus                   (replay test/fuzz/corpus/)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from './corpus';
import { Rng, caseSeed } from './rng';
import { TARGETS, type Target } from './targets';

const SLOW_MS = 10_000;
const CRASHES = path.join(__dirname, '..', '..', 'out', 'fuzz', 'crashes');

interface Args {
  seconds: number;
  seed: number;
  target?: string;
  case?: number;
  corpus: boolean;
}

function parse(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`${name} takes a whole number, not '${v}'`);
    return Number(v);
  };
  const target = value('--target');
  if (target !== undefined && !TARGETS.some((t) => t.name === target)) throw new Error(`unknown target '${target}' (${TARGETS.map((t) => t.name).join(', ')})`);
  const c = value('--case');
  return { seconds: number('--seconds', 60), seed: number('--seed', Date.now() >>> 0), target, case: c === undefined ? undefined : number('--case', 0), corpus: argv.includes('--corpus') };
}

/** Runs one input; the failure as one line, or undefined. */
function attempt<I>(target: Target<I>, input: I): string | undefined {
  const t0 = performance.now();
  try {
    target.check(input);
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
  }
  const ms = performance.now() - t0;
  return ms > SLOW_MS ? `slow: ${(ms / 1000).toFixed(1)} s` : undefined;
}

function save<I>(target: Target<I>, seed: number, input: I, failure: string): string {
  fs.mkdirSync(CRASHES, { recursive: true });
  const file = path.join(CRASHES, `${target.name}-${seed}.json`);
  fs.writeFileSync(file, JSON.stringify({ target: target.name, seed, failure, input: target.save(input) }) + '\n');
  return file;
}

function main(): number {
  const a = parse(process.argv.slice(2));
  if (a.corpus) {
    const failures = loadCorpus().flatMap((entry) => {
      const failure = attempt(entry.target, entry.input);
      console.log(`${failure ? 'FAIL' : 'ok  '} ${entry.file}${failure ? `: ${failure}` : ''}`);
      return failure ? [entry.file] : [];
    });
    return failures.length ? 1 : 0;
  }
  if (a.case !== undefined) {
    const target = TARGETS.find((t) => t.name === a.target);
    if (!target) throw new Error('--case needs --target');
    target.check(target.generate(new Rng(a.case))); // a failure throws, with its stack
    console.log(`${target.name} case ${a.case}: ok`);
    return 0;
  }
  const targets = a.target ? TARGETS.filter((t) => t.name === a.target) : TARGETS;
  console.log(`fuzz: seed ${a.seed}, ${a.seconds} s, targets ${targets.map((t) => t.name).join(', ')} (again: npm run fuzz -- --seed ${a.seed} --seconds ${a.seconds})`);
  const stats = new Map(targets.map((t) => [t.name, { cases: 0, failures: 0 }]));
  const end = performance.now() + a.seconds * 1000;
  let failures = 0;
  for (let index = 0; performance.now() < end; index++) {
    const target = targets[index % targets.length];
    const seed = caseSeed(a.seed, index);
    const input = target.generate(new Rng(seed));
    const failure = attempt(target, input);
    const s = stats.get(target.name)!;
    s.cases++;
    if (!failure) continue;
    s.failures++;
    failures++;
    console.log(`FAIL ${target.name} case ${seed}: ${failure}\n     saved ${path.relative(process.cwd(), save(target, seed, input, failure))}; again: npm run fuzz -- --target ${target.name} --case ${seed}`);
  }
  for (const [name, s] of stats) console.log(`${name.padEnd(8)} ${String(s.cases).padStart(7)} cases, ${s.failures} failing`);
  return failures ? 1 : 0;
}

process.exitCode = main();
