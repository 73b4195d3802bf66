// English texts of the editor, the command line and the previews (catalog.ts `Ui`).
import { DOCUMENT_BUDGET } from '../limits';
import type { Ui } from './catalog';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const enUi: Ui = {
  editor: {
    fixAll: 'Fix all TCP Flow problems in this file',
    renameInvalid: (n) => `"${n}" is not a valid participant name: use a letter followed by letters, digits or _.`,
    renameReserved: (n) => `"${n}" is a keyword of the language and cannot name a participant.`,
    renameTaken: (n) => `"${n}" is already a participant: renaming would merge two participants.`,
    phases: { establishment: 'Connection establishment', data: 'Data transfer', termination: 'Connection termination' },
    title: 'title',
    inFlightTogether: 'in flight together',
    moreProblems: (hidden, shown) =>
      `${plural(hidden, 'more problem')} in this file ${hidden === 1 ? 'is' : 'are'} not shown (the editor shows the first ${shown}): mend those above, or run 'tcpflow-cli check' to list them all.`,
    moreMessages: (hidden, shown) => `… ${plural(hidden, 'more message')} (the outline lists the first ${shown})`,
  },
  cli: {
    summary: (c) => `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')} in ${plural(c.files, 'file')}`,
    unterminatedBlock: 'this ```tcpflow block is never closed: no Mermaid block can follow it',
    outOfDate: 'out of date',
    updated: 'updated',
    mermaidBlocks: (added, updated) =>
      [
        added ? `${added} ${added === 1 ? 'Mermaid block added' : 'Mermaid blocks added'}` : '',
        updated ? `${updated} ${updated === 1 ? 'Mermaid block updated' : 'Mermaid blocks updated'}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    syncSummary: (changed, current, check) => {
      const notes = (k: number) => `${k} ${k === 1 ? 'note' : 'notes'}`;
      if (!check) return `${notes(changed)} updated, ${current} up to date`;
      return changed ? `${changed} of ${notes(changed + current)} out of date: run 'tcpflow-cli sync' to update` : `${notes(current)} up to date`;
    },
    handEdited: (replaced) =>
      replaced ? 'replaced the text edited by hand between the markers with the new Mermaid block (--force)' : 'the text between the markers was edited by hand: left as it is (use --force to replace it)',
    handKept: (n) => `, ${n} with text edited by hand left as it is`,
    overBudget: (cut, use) => {
      const n = (k: number) => k.toLocaleString('en-US');
      const budget = `${n(DOCUMENT_BUDGET.lines)} lines or ${n(DOCUMENT_BUDGET.chars)} characters`;
      if (use === 'left') return `${n(cut.totalLines)} lines (${n(cut.totalChars)} characters) are over the document budget of ${budget}: left as it is`;
      const one = cut.checkedLines === 1;
      const first = one ? 'line' : `${n(cut.checkedLines)} lines`;
      return `only the first ${first} (${n(cut.checkedChars)} characters) of ${n(cut.totalLines)} lines (${n(cut.totalChars)} characters) ${one ? 'was' : 'were'} ${use}: a document is read up to ${budget}`;
    },
  },
  preview: {
    errors: (count, line, message) => (count === 1 ? `1 error — line ${line}: ${message}` : `${count} errors — first: line ${line}: ${message}`),
    tooLarge: (segments, max) => `This flow has ${segments} segments: more than the preview draws (${max}).`,
    splitOrExport: 'Split it into several files, or export it to Markdown.',
    renderFailed: (reason) => `Mermaid could not draw this diagram: ${reason}`,
    pngTooLarge: (height, max) => `The diagram is ${height} px tall: too large for one PNG (at most ${max} px a side). Export it as SVG or Markdown instead.`,
    exporting: 'Exporting the diagram…',
  },
};
