// Participants as symbols: rename, go to definition, find references, highlights. Every place a
// participant name is written counts — declarations, both sides of messages, note targets and
// state lines — but never text inside labels, notes or comments.
import {
  DocumentHighlightKind,
  ErrorCodes,
  ResponseError,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { ui, type Lang } from '../../core/i18n';
import { keywordOf } from '../../core/syntax/scanner';
import { isName } from '../../core/syntax/vocabulary';
import type { AnalyzedDocument } from '../document';


export interface Occurrence {
  name: string;
  range: Range;
  /** Written in a `participant` line. */
  declaration: boolean;
}

/** Every written participant name, in document order. */
const occurrencesCache = new WeakMap<AnalyzedDocument, Occurrence[]>();

/** Every written participant name; made once per document version (highlights come on each cursor move). */
export function participantOccurrences(doc: AnalyzedDocument): Occurrence[] {
  let all = occurrencesCache.get(doc);
  if (!all) occurrencesCache.set(doc, (all = findOccurrences(doc)));
  return all;
}

function findOccurrences(doc: AnalyzedDocument): Occurrence[] {
  const out: Occurrence[] = [];
  const add = (name: string, range: Range, declaration = false) => out.push({ name, range, declaration });
  // Line by line, so the statements the flow leaves out (a second declaration, a message to oneself) count too.
  for (const l of doc.parsed) {
    const item = l?.built.item;
    if (item?.kind !== 'statement') continue;
    const s = item.stmt;
    if (s.kind === 'participant') add(s.name, s.nameRange, true);
    else if (s.kind === 'message') {
      add(s.from.name, s.from.range);
      add(s.to.name, s.to.range);
    } else if (s.kind === 'note') for (const t of s.targets) add(t.name, t.range);
    else if (s.kind === 'state') for (const it of s.items) add(it.name, it.nameRange);
  }
  return out;
}

/** The occurrence under the cursor; a cursor just after a name is on it, as editors expect. */
function occurrenceAt(doc: AnalyzedDocument, pos: Position): { at: Occurrence; all: Occurrence[] } | undefined {
  const all = participantOccurrences(doc);
  const at = all.find(
    (o) => o.range.start.line === pos.line && o.range.start.character <= pos.character && pos.character <= o.range.end.character,
  );
  return at && { at, all };
}

/** The declaration, or the first use of a participant never declared. */
function definitionOf(name: string, all: Occurrence[]): Occurrence {
  return all.find((o) => o.name === name && o.declaration) ?? all.find((o) => o.name === name)!;
}

export function prepareRename(doc: AnalyzedDocument, position: Position): Range | null {
  return occurrenceAt(doc, position)?.at.range ?? null;
}

/** Words the lexer reads as keywords or flags in any case; as names they would misparse or confuse. */
const isReserved = (name: string): boolean => keywordOf(name) !== undefined;

type Refusal = 'renameInvalid' | 'renameReserved' | 'renameTaken';

function reject(kind: Refusal, name: string, lang: Lang): never {
  throw new ResponseError(ErrorCodes.InvalidParams, ui(lang).editor[kind](name));
}

export function rename(doc: AnalyzedDocument, position: Position, newName: string): WorkspaceEdit | null {
  const found = occurrenceAt(doc, position);
  if (!found) return null;
  const old = found.at.name;
  if (!isName(newName)) reject('renameInvalid', newName, doc.lang);
  if (isReserved(newName)) reject('renameReserved', newName, doc.lang);
  if (newName !== old && found.all.some((o) => o.name === newName)) reject('renameTaken', newName, doc.lang);
  const edits: TextEdit[] = found.all.filter((o) => o.name === old).map((o) => ({ range: o.range, newText: newName }));
  return { changes: { [doc.uri]: edits } };
}

export function definition(doc: AnalyzedDocument, position: Position): Location | null {
  const found = occurrenceAt(doc, position);
  return found ? { uri: doc.uri, range: definitionOf(found.at.name, found.all).range } : null;
}

export function references(doc: AnalyzedDocument, position: Position, includeDeclaration: boolean): Location[] {
  const found = occurrenceAt(doc, position);
  if (!found) return [];
  const def = definitionOf(found.at.name, found.all);
  return found.all
    .filter((o) => o.name === found.at.name && (includeDeclaration || o !== def))
    .map((o) => ({ uri: doc.uri, range: o.range }));
}

export function documentHighlights(doc: AnalyzedDocument, position: Position): DocumentHighlight[] {
  const found = occurrenceAt(doc, position);
  if (!found) return [];
  return found.all
    .filter((o) => o.name === found.at.name)
    .map((o) => ({ range: o.range, kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
