// The markdown-it plugin VS Code's Markdown preview runs (`extendMarkdownIt`, in the extension
// host): a ```tcpflow fence becomes a placeholder holding the flow's Mermaid text, HTML-escaped,
// with the flow's errors and warnings listed under it, and which of its arrows and notes carry an
// error mark (`data-error-arrows`, `data-error-notes`: indices in drawing order, for the colour). The preview script
// (client/src/webview/markdownPreview.ts) draws the diagram; mermaid is never loaded here.
// No vscode import: the unit tests run it with their own markdown-it.
//
// A note may hold raw HTML, and could write a placeholder of its own with any Mermaid text in it
// (a `%%{init}%%` directive, say). So every render gets a fresh random nonce: the output starts
// with a hidden marker that carries it (nothing a note writes can come before it), and only the
// placeholders that carry the same nonce are ours; the preview script draws only those.
import type { MarkdownIt, RendererRule, Token } from 'markdown-it';
import { analyzeWithinBudget } from '../../../server/src/core/budget';
import type { Severity } from '../../../server/src/core/diagnostics';
import { localize, words, type Lang } from '../../../server/src/core/i18n';
import { contentBlock, isTcpflowInfo, toNoteDiagnostic } from '../../../server/src/core/markdown/blocks';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../../../server/src/core/present';
import { errorMarksOf } from '../../../server/src/core/render/errorMarks';
import { markedMermaid } from '../../../server/src/core/render/mermaid';
import { escapeHtml } from '../preview/html';

export { escapeHtml } from '../preview/html';

export interface TcpflowMarkdownItOptions {
  /** The language of the diagram's words and of the messages; read at each render. */
  lang?: () => Lang;
  /** The severities the user set (`tcpflow.diagnostics.*`); read at each render. */
  severities?: () => SeverityOverrides;
  /** A fresh, unguessable value for each render (default: 128 random bits); tests pass their own. */
  nonce?: () => string;
}

/** The class of the marker that opens every render, and the attribute that carries the render's nonce. */
export const NONCE_MARKER_CLASS = 'tcpflow-nonce';
export const NONCE_ATTRIBUTE = 'data-tcpflow-nonce';

function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Listed under the diagram; information (a retransmission, a duplicate) is not a problem. */
const SHOWN: readonly Severity[] = ['error', 'warning'];

export function tcpflowMarkdownIt(md: MarkdownIt, opts: TcpflowMarkdownItOptions = {}): MarkdownIt {
  // The nonce of the render under way (renders do not nest, but a plugin may call render inside one).
  let nonce: string | undefined;
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    const outer = nonce;
    nonce = (opts.nonce ?? randomNonce)();
    try {
      return `<div class="${NONCE_MARKER_CLASS}" ${NONCE_ATTRIBUTE}="${escapeHtml(nonce)}" hidden></div>\n${render(tokens, options, env)}`;
    } finally {
      nonce = outer;
    }
  };
  const fallback: RendererRule | undefined = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!isTcpflowInfo(token.info)) return fallback ? fallback(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    // token.map[0] is the fence's line in the note: its content starts on the next line.
    const at = { attrs: token.attrs, firstLine: token.map ? token.map[0] + 1 : undefined };
    return renderTcpflowFence(token.content, { ...at, lang: opts.lang?.() ?? 'en', severities: opts.severities?.(), nonce });
  };
  return md;
}

export interface FenceRenderOptions {
  /** The fence token's attributes (VS Code adds `data-line` and `code-line` for scroll sync). */
  attrs?: Token['attrs'];
  /** 0-based note line of the block's first content line: messages then name the note's lines. */
  firstLine?: number;
  lang?: Lang;
  severities?: SeverityOverrides;
  /** The render's nonce: the preview script draws only placeholders that carry it. */
  nonce?: string;
}

/** The placeholder for one ```tcpflow block. */
export function renderTcpflowFence(content: string, opts: FenceRenderOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const body = blockBody(content, lang, opts.firstLine ?? 0, opts.severities ?? NO_OVERRIDES);
  const ours: Record<string, string> = { 'data-lang': lang, 'data-segments': String(body.segments), ...body.marks };
  if (opts.nonce !== undefined) ours[NONCE_ATTRIBUTE] = opts.nonce;
  const attrs = attributes(opts.attrs ?? null, ours);
  return `<div${attrs}>\n${body.html}</div>\n`;
}

// The preview renders the whole note on every keystroke: a block whose text, place and language
// did not change keeps its diagram and problem list (a few blocks per note, so a small cache,
// bounded in entries and in characters: typing in a big block must not keep a copy per keystroke).
interface BlockBody {
  html: string;
  segments: number;
  marks: Record<string, string>;
}

const bodies = new Map<string, BlockBody>();
const MAX_BODIES = 64;
const MAX_CACHED_CHARS = 4_000_000;
let cachedChars = 0;
const sizeOf = (key: string, body: { html: string }) => key.length + body.html.length;

function blockBody(content: string, lang: Lang, by: number, severities: SeverityOverrides): BlockBody {
  const key = `${lang}\n${by}\n${JSON.stringify(severities)}\n${content}`;
  const cached = bodies.get(key);
  if (cached) return cached;
  // A block over the document budget is drawn and checked in its first part; TF111 says so in the list.
  const a = present(analyzeWithinBudget(content).analysis, severities);
  const block = contentBlock(content, by);
  const { text: mermaid, errorArrows, errorNotes } = markedMermaid(a, { lang, marks: errorMarksOf(a) });
  const marks: Record<string, string> = {};
  if (errorArrows.length) marks['data-error-arrows'] = errorArrows.join(' ');
  if (errorNotes.length) marks['data-error-notes'] = errorNotes.join(' ');
  const w = words(lang);
  const problems = a.diagnostics
    .filter((d) => SHOWN.includes(d.severity))
    .map((d) => {
      const inNote = toNoteDiagnostic(block, d);
      const text = `${w.line} ${inNote.range.start.line + 1}, ${w.severity[d.severity]} ${d.code}: ${localize(inNote, lang).message}`;
      return `<li class="tcpflow-problem tcpflow-${d.severity}">${escapeHtml(text)}</li>\n`;
    });
  const list = problems.length ? `<ul class="tcpflow-problems">\n${problems.join('')}</ul>\n` : '';
  const body = { html: `<pre class="tcpflow-mermaid">${escapeHtml(mermaid)}</pre>\n${list}`, segments: a.messages.length, marks };
  const size = sizeOf(key, body);
  if (size > MAX_CACHED_CHARS) return body;
  for (const [old, cached] of bodies) {
    if (bodies.size < MAX_BODIES && cachedChars + size <= MAX_CACHED_CHARS) break;
    bodies.delete(old);
    cachedChars -= sizeOf(old, cached);
  }
  bodies.set(key, body);
  cachedChars += size;
  return body;
}

/** ` class="tcpflow-diagram …" name="value" …`: the token's attributes, ours added, all escaped. */
function attributes(tokenAttrs: Token['attrs'], ours: Record<string, string>): string {
  const classes = ['tcpflow-diagram'];
  const rest: [string, string][] = [];
  for (const [name, raw] of tokenAttrs ?? []) {
    const value = String(raw);
    if (name === 'class') classes.push(...value.split(/\s+/).filter((c) => c && !classes.includes(c)));
    else if (!(name in ours)) rest.push([name, value]);
  }
  const all: [string, string][] = [['class', classes.join(' ')], ...rest, ...Object.entries(ours)];
  return all.map(([name, value]) => ` ${escapeHtml(name)}="${escapeHtml(value)}"`).join('');
}
