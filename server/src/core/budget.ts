// The document budget (limits.ts) as the editor applies it (issue 15 point 1): the language server,
// the preview and the Markdown plugin analyse the part of a document within the budget, and the
// analysis then opens with one diagnostic on the first line (TF111) saying what was not checked and
// why. (The CLI says the same in one line on standard error: cli/budget.ts.)
import type { Analysis } from './tcp/analysis';
import { diag, type Diagnostic } from './diagnostics';
import { withinBudget, type BudgetCut } from './limits';
import { analyze } from './analyze';
import type { LineMemo } from './syntax/lineMemo';

/** TF111 on the document's first line (the whole of it, as far as it was read). */
export function budgetNotice(cut: BudgetCut, checkedText: string): Diagnostic {
  let end = 0;
  while (end < checkedText.length && checkedText.charCodeAt(end) !== 10 && checkedText.charCodeAt(end) !== 13) end++;
  const { checkedLines, totalLines, checkedChars, totalChars } = cut;
  return diag('TF111', { start: { line: 0, character: 0 }, end: { line: 0, character: end } }, { checkedLines, totalLines, checkedChars, totalChars });
}

/** The analysis of the part within the budget, its diagnostics opened by the notice when something was left out. */
export function withBudgetNotice(a: Analysis, part: { text: string; cut?: BudgetCut }): Analysis {
  return part.cut ? { ...a, diagnostics: [budgetNotice(part.cut, part.text), ...a.diagnostics] } : a;
}

/** Analyses the part of `text` within the budget (analyze.ts; with a memo, as it keeps one). */
export function analyzeWithinBudget(text: string, memo?: LineMemo): { analysis: Analysis; text: string; cut?: BudgetCut } {
  const part = withinBudget(text);
  return { ...part, analysis: withBudgetNotice(analyze(part.text, memo), part) };
}
