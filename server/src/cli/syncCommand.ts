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
import { ui, type Lang } from '../core/i18n';
import { withinBudget } from '../core/limits';
import { planMermaidSync, applySyncEdits } from '../core/markdown/sync';
import { CliError, STDIN, inCwd, oneLine, processIo, reason, type Output } from './io';
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

export type { Output } from './io';
/** Where it writes, and (when not the process's) the directory relative paths are read from. */
type SyncIo = Output & { cwd?: string };
const NOTE_FILE = /\.(md|markdown)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);
const BOM = '\uFEFF';
/** Strict, and keeping a byte order mark in the text (it is written back). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function syncNotes(o: SyncCommandOptions, out: SyncIo = processIo()): number {
  if (o.files.includes(STDIN)) throw new CliError(`'sync' updates notes in place: name files or folders, not '-'`);
  const t = ui(o.lang).cli;
  let failed = false;
  const fail = (message: string) => {
    out.stderr(`tcpflow-cli: ${oneLine(message)}\n`);
    failed = true;
  };
  const notes: string[] = [];
  for (const arg of o.files) collect(arg, notes, fail, out);
  let changed = 0;
  let current = 0;
  let handKept = 0;
  for (const file of notes) {
    const shown = oneLine(file);
    let raw: string;
    try {
      raw = UTF8.decode(fs.readFileSync(inCwd(out, file)));
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
      fail(`${shown}: ${t.overBudget(over, 'left')}`);
      continue;
    }
    const plan = planMermaidSync(text, { lang: o.lang, replaceHandEdited: o.force === true && !o.check });
    for (const line of plan.unterminated) {
      out.stderr(`${shown}:${line + 1}: ${t.unterminatedBlock}\n`);
    }
    for (const h of plan.handEdited) out.stderr(`${shown}:${h.line + 1}: ${t.handEdited(h.replaced)}\n`);
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
      out.stdout(`${shown}: ${t.outOfDate} (${t.mermaidBlocks(plan.inserted, plan.updated)})\n`);
      continue;
    }
    try {
      writeFileSafely(inCwd(out, file), bom + applySyncEdits(text, plan.edits), { overwrite: true });
    } catch (err) {
      fail(`cannot write '${shown}': ${reason(err)}`);
      continue;
    }
    changed++;
    out.stdout(`${t.updated} ${shown} (${t.mermaidBlocks(plan.inserted, plan.updated)})\n`);
  }
  out.stdout(t.syncSummary(changed, current, o.check) + (handKept ? t.handKept(handKept) : '') + '\n');
  if (failed) return 2;
  return (o.check && changed > 0) || handKept > 0 ? 1 : 0;
}

/** The notes an argument names: the file itself, or the *.md and *.markdown files under a folder, sorted. */
function collect(arg: string, into: string[], fail: (message: string) => void, io: SyncIo): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(inCwd(io, arg));
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
    entries = fs.readdirSync(inCwd(io, arg), { withFileTypes: true });
  } catch (err) {
    fail(`cannot read '${oneLine(arg)}': ${reason(err)}`);
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(arg, e.name);
    // Folder links are not followed (no cycles); hidden folders and node_modules hold no notes of ours.
    if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) collect(full, into, fail, io);
    else if (NOTE_FILE.test(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(inCwd(io, full))))) into.push(full);
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

