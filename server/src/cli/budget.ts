// The document budget (core/limits.ts) as the CLI applies it: the first part of a document that
// is over it is checked, drawn or traced, and one line on stderr says what was left out and why.
import { ui, type Lang } from '../core/i18n';
import { withinBudget, type BudgetCut, type BudgetUse } from '../core/limits';
import { oneLine, type Output } from './io';

/** The part of the input to analyse; over the budget, the notice goes to stderr first. */
export function budgetedText(name: string, text: string, use: BudgetUse, lang: Lang, out: Output): { text: string; cut?: BudgetCut } {
  const part = withinBudget(text);
  if (part.cut) out.stderr(`tcpflow-cli: ${oneLine(name)}: ${ui(lang).cli.overBudget(part.cut, use)}\n`);
  return part;
}
