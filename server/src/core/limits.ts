// How much of one document is analysed (issue 15 point 1): the first 100,000 lines, and no more
// than 5,000,000 characters, whichever ends first. Past it nothing is parsed, checked or drawn,
// and whoever analyses says what was left out. One constant for every front end (the CLI now;
// the language server, the preview and the Markdown plugin can take the same).
//
// Why this bound (measured with `tcpflow-cli check --format json`, Node 20, 2 shared cores): a
// valid 100,000-line flow (3.7 MB, test/bench/flows.ts) checks in 1.0–1.2 s CPU at 256–280 MB peak
// RSS; 100,000 lines that each get a diagnostic in 1.1–1.3 s at 525–570 MB; 5,000,000 characters on
// ten long lines in 0.6–0.7 s at 400 MB. Twice that is still well inside a default Node heap; a
// 55 MB document needed 2.5 GB. Study notes are a few hundred lines: the bound is three orders of
// magnitude above them.

export const DOCUMENT_BUDGET = { lines: 100_000, chars: 5_000_000 } as const;

// How much of one line is read (issue 15 point 1): a line whose statement runs past 10,000
// characters (a comment after it may run on) is not read at all, and says so (TF110). The lexer
// keeps an object per token, so a 1 MB line of `A->` held 333,000 of them (about 30 MB) and every
// feature that reads a line (completion, hovers, formatting) paid for all of it on each keystroke;
// past the limit a line costs a scan for its end and one token. Study notes' lines are under 200
// characters; VS Code itself stops colouring a line at 20,000.
export const MAX_LINE_CHARS = 10_000;

export type Budget = { readonly lines: number; readonly chars: number };

/** What was done with the part within the budget; `left`: nothing (a diagram of part of a flow would look whole). */
export type BudgetUse = 'checked' | 'drawn' | 'traced' | 'left';

/** What was left out of a document over the budget. */
export interface BudgetCut {
  /** Lines analysed (the last of them may be cut short when one line alone is over the size). */
  checkedLines: number;
  totalLines: number;
  checkedChars: number;
  totalChars: number;
  /** Which bound ended the analysed part. */
  reason: 'lines' | 'chars';
}

/**
 * The part of `text` that is analysed: all of it within the budget, else its first lines up to
 * the bound (cut at a line end when one is within the size bound), with what was left out.
 * Linear: one pass over the characters.
 */
export function withinBudget(text: string, budget: Budget = DOCUMENT_BUDGET): { text: string; cut?: BudgetCut } {
  if (text.length <= budget.chars && (text.length < budget.lines || breaksAtMost(text, budget.lines - 1))) return { text };
  let lines = 1;
  let lastEnd = -1; // offset just past the last line break within the size bound
  let cutAt = -1;
  let reason: BudgetCut['reason'] = 'lines';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (i + 1 > budget.chars) break;
    if (lines === budget.lines) {
      cutAt = i + 1;
      break;
    }
    lines++;
    lastEnd = i + 1;
  }
  if (cutAt < 0 && text.length > budget.chars) {
    reason = 'chars';
    cutAt = lastEnd > 0 ? lastEnd : codePointBoundary(text, budget.chars);
  }
  if (cutAt < 0 || cutAt >= text.length) return { text };
  const checked = text.slice(0, cutAt);
  return {
    text: checked,
    cut: { checkedLines: countLines(checked), totalLines: countLines(text), checkedChars: checked.length, totalChars: text.length, reason },
  };
}

/**
 * Whether `text` has at most `max` line breaks (`\r\n` counted as two: an upper bound). Native
 * searches, not a loop over every character: the language server asks on every edit.
 */
function breaksAtMost(text: string, max: number): boolean {
  let n = 0;
  for (const end of ['\n', '\r']) {
    for (let i = text.indexOf(end); i >= 0; i = text.indexOf(end, i + 1)) if (++n > max) return false;
  }
  return true;
}

/** Lines as the lexer counts them (`\r\n`, `\r` and `\n` end one); a text ending in a line break has no extra line. */
function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if ((c === 10 || c === 13) && i + 1 < text.length) n++;
  }
  return n;
}

/** `at`, or one less when it would split a surrogate pair. */
function codePointBoundary(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}
