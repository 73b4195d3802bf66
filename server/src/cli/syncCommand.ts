// `tcpflow-cli sync NOTES_DIR_OR_FILES... [--check] [--lang en|ko]`: after every ```tcpflow block
// of the notes, its Mermaid rendering between marker comments (server/src/core/markdown/sync.ts),
// so GitHub shows the diagrams. Folders are searched for *.md and *.markdown (hidden folders and
// node_modules skipped). Without --check, only changed notes are written, each named on stdout;
// with --check nothing is written and the exit code is 1 when a note is out of date (for CI).
// An unreadable or unwritable note is reported on stderr and the others still synced (exit 2).
// A note is written through a temporary file renamed over it (safeWrite.ts): a failed write
// leaves it as it was. Text between markers that was edited by hand is left as it is, with a
// message and exit 1, unless --force says to replace it (then a message says it was).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../core/i18n';
import { withinBudget } from '../core/limits';
import { planMermaidSync, applySyncEdits, type SyncPlan } from '../core/markdown/sync';
import { overBudgetMessage } from './budget';
import { CliError, STDIN, oneLine, reason } from './io';
import { writeFileSafely } from './safeWrite';

export interface SyncCommandOptions {
  files: string[];
  /** Report notes that are out of date (exit 1) instead of writing them. */
  check: boolean;
  /** The language of Mermaid blocks written new. */
  lang: Lang;
  /** Replace text between markers that was edited by hand. */
  force?: boolean;
}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS: Output = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
const NOTE_FILE = /\.(md|markdown)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);
const BOM = '\uFEFF';
/** Strict, and keeping a byte order mark in the text (it is written back). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function syncNotes(o: SyncCommandOptions, out: Output = PROCESS): number {
  if (o.files.includes(STDIN)) throw new CliError(`'sync' updates notes in place: name files or folders, not '-'`);
  const ko = o.lang === 'ko';
  let failed = false;
  const fail = (message: string) => {
    out.stderr(`tcpflow-cli: ${oneLine(message)}\n`);
    failed = true;
  };
  const notes: string[] = [];
  for (const arg of o.files) collect(arg, notes, fail);
  let changed = 0;
  let current = 0;
  let handKept = 0;
  for (const file of notes) {
    const shown = oneLine(file);
    let raw: string;
    try {
      raw = UTF8.decode(fs.readFileSync(file));
    } catch (err) {
      // Decoding bad UTF-8 would replace bytes the sync must leave as they are.
      fail(err instanceof TypeError ? `'${shown}' is not UTF-8 text: left as it is` : `cannot read '${shown}': ${reason(err)}`);
      continue;
    }
    // The byte order mark is not the note's text, but it stays in the file.
    const bom = raw.startsWith(BOM) ? BOM : '';
    const text = raw.slice(bom.length);
    // A diagram of part of a flow would look complete: a note over the budget is left alone.
    const over = withinBudget(text).cut;
    if (over) {
      fail(`${shown}: ${overBudgetMessage(over, 'left', o.lang)}`);
      continue;
    }
    const plan = planMermaidSync(text, { lang: o.lang, replaceHandEdited: o.force === true && !o.check });
    for (const line of plan.unterminated) {
      out.stderr(`${shown}:${line + 1}: ${ko ? '```tcpflow 블록이 닫히지 않아 Mermaid 블록을 쓸 수 없습니다' : 'this ```tcpflow block is never closed: no Mermaid block can follow it'}\n`);
    }
    for (const h of plan.handEdited) out.stderr(`${shown}:${h.line + 1}: ${handEditedMessage(h.replaced, ko)}\n`);
    const kept = plan.handEdited.some((h) => !h.replaced);
    if (kept && !o.check) handKept++;
    if (plan.edits.length === 0) {
      // A block left as its author edited it is not up to date: --check counts it.
      if (kept && o.check) changed++;
      else if (!kept) current++;
      continue;
    }
    if (o.check) {
      changed++;
      out.stdout(`${shown}: ${ko ? '갱신 필요' : 'out of date'} (${counts(plan, ko)})\n`);
      continue;
    }
    try {
      writeFileSafely(file, bom + applySyncEdits(text, plan.edits), { overwrite: true });
    } catch (err) {
      fail(`cannot write '${shown}': ${reason(err)}`);
      continue;
    }
    changed++;
    out.stdout(`${ko ? '갱신함' : 'updated'} ${shown} (${counts(plan, ko)})\n`);
  }
  out.stdout(summary(changed, current, o.check, ko) + (handKept ? handKeptSummary(handKept, ko) : '') + '\n');
  if (failed) return 2;
  return (o.check && changed > 0) || handKept > 0 ? 1 : 0;
}

function handKeptSummary(n: number, ko: boolean): string {
  return ko ? `, ${n}개는 손으로 고친 블록을 그대로 둠` : `, ${n} with text edited by hand left as it is`;
}

function handEditedMessage(replaced: boolean, ko: boolean): string {
  if (ko) return replaced ? '마커 사이에 손으로 고친 내용을 새 Mermaid 블록으로 바꿨습니다 (--force)' : '마커 사이의 내용을 손으로 고쳐서 그대로 두었습니다 (바꾸려면 --force)';
  return replaced ? 'replaced the text edited by hand between the markers with the new Mermaid block (--force)' : 'the text between the markers was edited by hand: left as it is (use --force to replace it)';
}

/** The notes an argument names: the file itself, or the *.md and *.markdown files under a folder, sorted. */
function collect(arg: string, into: string[], fail: (message: string) => void): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch (err) {
    fail(`cannot read '${oneLine(arg)}': ${reason(err)}`);
    return;
  }
  if (!stat.isDirectory()) {
    into.push(arg);
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(arg, { withFileTypes: true });
  } catch (err) {
    fail(`cannot read '${oneLine(arg)}': ${reason(err)}`);
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(arg, e.name);
    // Folder links are not followed (no cycles); hidden folders and node_modules hold no notes of ours.
    if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) collect(full, into, fail);
    else if (NOTE_FILE.test(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(full)))) into.push(full);
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function counts(plan: SyncPlan, ko: boolean): string {
  const parts: string[] = [];
  if (ko) {
    if (plan.inserted) parts.push(`새 Mermaid 블록 ${plan.inserted}개`);
    if (plan.updated) parts.push(`갱신한 Mermaid 블록 ${plan.updated}개`);
    return parts.join(', ');
  }
  const n = (k: number, what: string) => `${k} ${what}`;
  if (plan.inserted) parts.push(n(plan.inserted, plan.inserted === 1 ? 'Mermaid block added' : 'Mermaid blocks added'));
  if (plan.updated) parts.push(n(plan.updated, plan.updated === 1 ? 'Mermaid block updated' : 'Mermaid blocks updated'));
  return parts.join(', ');
}

function summary(changed: number, current: number, check: boolean, ko: boolean): string {
  if (ko) {
    if (check) return changed ? `노트 ${changed + current}개 중 ${changed}개가 갱신 필요: 'tcpflow-cli sync'로 갱신하세요` : `노트 ${current}개 모두 최신`;
    return `노트 ${changed}개 갱신, ${current}개는 이미 최신`;
  }
  const notes = (k: number) => `${k} ${k === 1 ? 'note' : 'notes'}`;
  if (check) {
    return changed ? `${changed} of ${notes(changed + current)} out of date: run 'tcpflow-cli sync' to update` : `${notes(current)} up to date`;
  }
  return `${notes(changed)} updated, ${current} up to date`;
}
