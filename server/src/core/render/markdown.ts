// The Markdown document of an analysed flow (SPEC §6): a heading, the Mermaid block (GitHub,
// GitLab and VS Code render it), a table with one row per segment, and the diagnostics. The
// table's rows carry the segment's source line (the line numbers the diagnostics cite), and mark
// errors as the diagram does (`⚠ ack=100 ✗ 101`).
import type { Analysis, MessageInfo } from '../tcp/analysis';
import { localize, words, type Lang } from '../i18n';
import { errorMarksOf, type ErrorMarks } from './errorMarks';
import { escapeMarkdownCell as md } from './escape';
import { renderMermaid } from './mermaid';
import { segmentText } from './segmentText';

export interface MarkdownOptions {
  /** Heading when the document has no `title` line, e.g. the file name. */
  title?: string;
  lang?: Lang;
}

const DEFAULT_TITLE = 'TCP flow';

export function renderMarkdown(a: Analysis, opts: MarkdownOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const out: string[] = [`# ${heading(a, opts.title)}`, ''];
  const marks = errorMarksOf(a);
  out.push('```mermaid', renderMermaid(a, { lang, marks }).trimEnd(), '```');
  // concat, not push(...rows): a spread of 100,000 rows overflows the stack.
  const parts = a.messages.length ? out.concat('', table(a, lang, marks)) : out;
  const all = a.diagnostics.length ? parts.concat('', `## ${md(words(lang).diagnostics)}`, '', diagnostics(a, lang)) : parts;
  return all.join('\n') + '\n';
}

function heading(a: Analysis, fallback: string | undefined): string {
  const title = a.doc.statements.find((s) => s.kind === 'title');
  return (title && md(title.text.text)) || (fallback && md(fallback)) || DEFAULT_TITLE;
}

function table(a: Analysis, lang: Lang, marks: ErrorMarks): string[] {
  const w = words(lang);
  const names = a.participants.map((p) => p.name);
  const head = [w.line, w.senderReceiver, w.segment, ...names].map(md);
  const rows = a.messages.map((m) => [
    String(m.stmt.line + 1),
    route(m, w.lost),
    segmentText(m, { lang, escape: md, mark: marks.get(m.stmt.line)?.arrow }),
    ...names.map((n) => m.after[n] ?? ''),
  ]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

/** `A → B`, or `A → B ✕ (lost)` for a segment lost in the network. */
function route(m: MessageInfo, lost: string): string {
  const base = `${md(m.from)} → ${md(m.to)}`;
  return m.lost ? `${base} ✕ (${md(lost)})` : base;
}

function diagnostics(a: Analysis, lang: Lang): string[] {
  const w = words(lang);
  return a.diagnostics.map((d) => {
    const l = localize(d, lang);
    return `- ${md(w.line)} ${d.range.start.line + 1}, ${md(w.severity[d.severity])} ${d.code}: ${md(l.message)}`;
  });
}
