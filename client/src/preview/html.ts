// The preview page's HTML and its Content-Security-Policy. Pure (no vscode import): the browser
// tests load exactly this page. No user text is ever put into it; the diagram arrives by message.
import type { WebviewStrings } from './protocol';

export interface PreviewHtmlParts {
  /** `webview.cspSource`: the origin the webview's own resources are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  strings: WebviewStrings;
  lang: string;
}

/**
 * - scripts: only the bundle carrying this page's nonce (no inline script, no eval, no CDN);
 * - styles: our stylesheet, plus 'unsafe-inline' because Mermaid puts a <style> element and
 *   style attributes in every SVG it draws. No nonce here on purpose: a nonce in style-src
 *   would make browsers ignore 'unsafe-inline' and blank the diagram's styling;
 * - images: data: URLs, which the PNG export draws the SVG through; nothing may connect out.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value: every character that could end or open markup escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
const attr = escapeHtml;

export function previewHtml(p: PreviewHtmlParts): string {
  return `<!DOCTYPE html>
<html lang="${attr(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="tcpflow-strings" content="${attr(JSON.stringify(p.strings))}">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>TCP Flow</title>
</head>
<body>
<div id="toolbar" role="toolbar">
<button id="step-toggle" type="button" aria-pressed="false" aria-controls="step"></button>
<span class="tf-spacer"></span>
<button id="zoom-out" type="button">\u2212</button>
<button id="zoom-in" type="button">+</button>
<button id="zoom-fit" type="button">\u2194</button>
<button id="zoom-reset" type="button">1:1</button>
</div>
<div id="errors" class="banner" role="alert" hidden></div>
<div id="notice" class="banner" role="status">${attr(p.strings.loading)}</div>
<div id="viewport"><div id="diagram" role="figure" aria-describedby="summary"></div><p id="summary" class="tf-sr"></p></div>
<section id="step" role="region" hidden>
<div id="step-bar">
<button id="step-first" type="button">\u21e4</button>
<button id="step-prev" type="button">\u25c0</button>
<input id="step-slider" type="range" min="0" max="0" value="0">
<button id="step-next" type="button">\u25b6</button>
<button id="step-last" type="button">\u21e5</button>
<span id="step-label" aria-live="polite"></span>
</div>
<div id="step-error" class="banner" hidden></div>
<div id="step-body"><div id="step-cards"></div><figure id="step-figure"><figcaption>${attr(p.strings.step.figure)}</figcaption></figure></div>
</section>
<div id="staging" class="tcpflow-staging" aria-hidden="true"></div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 random characters from [A-Za-z0-9]: a fresh nonce for every page. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...random(32)].map((b) => chars[b % chars.length]).join('');
}
