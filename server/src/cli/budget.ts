// The document budget (core/limits.ts) as the CLI applies it: the first part of a document that
// is over it is checked, drawn or traced, and one line on stderr says what was left out and why.
import type { Lang } from '../core/i18n';
import { DOCUMENT_BUDGET, withinBudget, type BudgetCut } from '../core/limits';
import { oneLine } from './io';

/** What was done with the first part; `left`: nothing (sync will not write a diagram of part of a flow). */
export type BudgetVerb = 'checked' | 'drawn' | 'traced' | 'left';

const n = (k: number) => k.toLocaleString('en-US');

/** The part of the input to analyse; over the budget, the notice goes to `stderr` first. */
export function budgetedText(name: string, text: string, verb: BudgetVerb, lang: Lang, stderr: (line: string) => void): { text: string; cut?: BudgetCut } {
  const part = withinBudget(text);
  if (part.cut) stderr(`tcpflow-cli: ${oneLine(name)}: ${overBudgetMessage(part.cut, verb, lang)}\n`);
  return part;
}

/** `only the first 100,000 lines (3,655,261 characters) of 150,000 lines (5,516,733 characters) were checked: …` */
export function overBudgetMessage(cut: BudgetCut, verb: BudgetVerb, lang: Lang): string {
  const { lines, chars } = DOCUMENT_BUDGET;
  if (verb === 'left') {
    if (lang === 'ko') return `${n(cut.totalLines)}줄(${n(cut.totalChars)}자)로 문서 한도(${n(lines)}줄 또는 ${n(chars)}자)를 넘어 그대로 두었습니다`;
    return `${n(cut.totalLines)} lines (${n(cut.totalChars)} characters) are over the document budget of ${n(lines)} lines or ${n(chars)} characters: left as it is`;
  }
  if (lang === 'ko') {
    const done = { checked: '검사했습니다', drawn: '그렸습니다', traced: '추적했습니다' }[verb];
    return `${n(cut.totalLines)}줄(${n(cut.totalChars)}자) 중 처음 ${n(cut.checkedLines)}줄(${n(cut.checkedChars)}자)만 ${done}: 문서는 ${n(lines)}줄 또는 ${n(chars)}자까지만 다룹니다`;
  }
  const one = cut.checkedLines === 1;
  const first = one ? 'line' : `${n(cut.checkedLines)} lines`;
  return `only the first ${first} (${n(cut.checkedChars)} characters) of ${n(cut.totalLines)} lines (${n(cut.totalChars)} characters) ${one ? 'was' : 'were'} ${verb}: a document is read up to ${n(lines)} lines or ${n(chars)} characters`;
}
