// The script VS Code's built-in Markdown preview loads (package.json markdown.previewScripts):
// draws every ```tcpflow placeholder the markdown-it plugin wrote (client/src/markdown/markdownIt.ts)
// with the bundled Mermaid, in the preview's theme. The preview replaces its content on every
// edit (morphdom brings back our placeholders as the plugin wrote them), so each update redraws;
// a drawing is kept per text and theme, so an unchanged diagram comes back at once, unflickering.
// Only the plugin's own placeholders are drawn: those that carry the nonce of the marker that opens
// the render (the first in the document: a note's raw HTML always comes after it). A note that
// writes a placeholder by hand, with a `%%{init}%%` directive or anything else in it, is left as
// the text it is. And what is drawn is only ever a sequence diagram, without directive lines.
// The arrows and state notes the plugin lists as errors are coloured as in the preview panel.
import { screenTexts } from '../../../server/src/core/i18n/screen';
import { MAX_SEGMENTS, MAX_TEXT_SIZE } from '../preview/protocol';
import { renderSvg } from './engine';
import { findArrows, noteGroups, parseSvg } from './svgDom';
import { currentThemeKind, watchTheme, type ThemeKind } from './theme';

const PLACEHOLDER = 'div.tcpflow-diagram';
/** markdownIt.ts's NONCE_MARKER_CLASS and NONCE_ATTRIBUTE (this bundle does not import the plugin). */
const NONCE_MARKER = '.tcpflow-nonce[data-tcpflow-nonce]';
const DRAWN = 'tcpflow-drawn';
const FAILED = 'tcpflow-failed';
/** Drawings kept, by theme and text: enough for every diagram of a long note in two themes. */
const KEEP = 200;


const svgs = new Map<string, string>();
const running = new Map<string, Promise<string>>();
/** What each placeholder shows now (key of theme and text), so a second pass does nothing. */
const shown = new WeakMap<Element, string>();
let staging: HTMLElement | undefined;

/** Mermaid lays out off screen, outside the preview's content (which the preview replaces). */
function stagingArea(): HTMLElement {
  if (!staging?.isConnected) {
    staging = document.createElement('div');
    staging.className = 'tcpflow-staging';
    staging.setAttribute('aria-hidden', 'true');
    document.body.appendChild(staging);
  }
  return staging;
}

function drawAll(): void {
  const kind = currentThemeKind();
  // The first marker in the document is the render's: nothing from the note can precede it.
  const nonce = document.querySelector<HTMLElement>(NONCE_MARKER)?.dataset.tcpflowNonce;
  if (!nonce) return;
  for (const el of document.querySelectorAll<HTMLElement>(PLACEHOLDER)) if (el.dataset.tcpflowNonce === nonce) draw(el, kind);
}

/** The Mermaid text to draw: a sequence diagram, every `%%` line (directives, comments) left out. */
function sourceOf(el: HTMLElement): string | undefined {
  const text = el.querySelector(':scope > pre.tcpflow-mermaid')?.textContent ?? undefined;
  if (text === undefined) return undefined;
  const lines = text.split('\n').filter((l) => !/^\s*%%/.test(l));
  return lines[0] === 'sequenceDiagram' ? lines.join('\n') : undefined;
}

function draw(el: HTMLElement, kind: ThemeKind): void {
  const text = sourceOf(el);
  if (text === undefined) return;
  const key = `${kind}\n${text}`;
  // The preview's update keeps matching elements (morphdom) but puts back their attributes and children.
  if (shown.get(el) === key && (el.classList.contains(DRAWN) || el.classList.contains(FAILED))) return;
  const texts = screenTexts(el.dataset.lang);
  const segments = Number(el.dataset.segments ?? 0);
  if (segments > MAX_SEGMENTS || text.length > MAX_TEXT_SIZE) {
    fail(el, key, texts.tooLarge(segments, MAX_SEGMENTS));
    return;
  }
  const svg = svgs.get(key);
  if (svg !== undefined) {
    show(el, key, svg);
    return;
  }
  let job = running.get(key);
  if (!job) {
    job = renderSvg(text, kind, stagingArea());
    running.set(key, job);
    job.then(
      (out) => remember(key, out),
      () => undefined,
    ).finally(() => running.delete(key));
  }
  job.then(
    (out) => {
      // Meanwhile the placeholder may have gone, or hold another text, or the theme changed.
      if (el.isConnected && sourceOf(el) === text && currentThemeKind() === kind) show(el, key, out);
    },
    (err: unknown) => {
      if (el.isConnected && sourceOf(el) === text) fail(el, key, texts.renderFailed(err instanceof Error ? err.message : String(err)));
    },
  );
}

function remember(key: string, svg: string): void {
  svgs.set(key, svg);
  if (svgs.size > KEEP) svgs.delete(svgs.keys().next().value!);
}

/** The drawing goes in before the Mermaid text (which the stylesheet then hides), above the problem list. */
function show(el: HTMLElement, key: string, svgText: string): void {
  let box = el.querySelector<HTMLElement>(':scope > .tcpflow-svg');
  if (!box) {
    box = document.createElement('div');
    box.className = 'tcpflow-svg';
    el.prepend(box);
  }
  const svg = parseSvg(svgText);
  markErrors(svg, el.dataset.errorArrows, el.dataset.errorNotes);
  box.replaceChildren(svg);
  el.querySelector(':scope > .tcpflow-render-error')?.remove();
  el.classList.remove(FAILED);
  el.classList.add(DRAWN);
  shown.set(el, key);
}

/** `tcpflow-error` on the arrows and notes listed (indices in drawing order, as the plugin wrote them). */
function markErrors(svg: SVGSVGElement, arrows: string | undefined, notes: string | undefined): void {
  const indices = (list: string | undefined): number[] => (list ?? '').split(' ').filter(Boolean).map(Number);
  const drawn = findArrows(svg);
  for (const i of indices(arrows)) for (const part of drawn[i] ? [drawn[i].arrow, ...drawn[i].texts] : []) part.classList.add('tcpflow-error');
  const groups = noteGroups(svg);
  for (const i of indices(notes)) groups[i]?.classList.add('tcpflow-error');
}

function fail(el: HTMLElement, key: string, message: string): void {
  el.querySelector(':scope > .tcpflow-svg')?.remove();
  let p = el.querySelector<HTMLElement>(':scope > .tcpflow-render-error');
  if (!p) {
    p = document.createElement('p');
    p.className = 'tcpflow-render-error';
    el.querySelector(':scope > pre.tcpflow-mermaid')?.after(p);
  }
  p.textContent = message;
  el.classList.remove(DRAWN);
  el.classList.add(FAILED);
  shown.set(el, key);
}

// The preview appends its first content on DOMContentLoaded, and this script may run before or
// after that: draw now, then, and on load; each pass skips what is drawn already.
drawAll();
document.addEventListener('DOMContentLoaded', drawAll);
window.addEventListener('load', drawAll);
window.addEventListener('vscode.markdown.updateContent', drawAll);
watchTheme(() => drawAll());
