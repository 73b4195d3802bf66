// The one place that calls Mermaid. Its configuration is global and `render` is not reentrant,
// so every call goes through one queue, each with the theme it needs.
import mermaid from 'mermaid';
import { MAX_TEXT_SIZE } from '../preview/protocol';
import { mermaidTheme, type ThemeKind } from './theme';

let queue: Promise<unknown> = Promise.resolve();
let configured: ThemeKind | undefined;
let renders = 0;

function configure(kind: ThemeKind): void {
  if (configured === kind) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // Mermaid's 50,000 default is ~570 segments; MAX_SEGMENTS is checked before this is reached.
    maxTextSize: MAX_TEXT_SIZE,
    // Throw instead of drawing Mermaid's own error picture: the banner says what went wrong.
    suppressErrorRendering: true,
    look: 'classic',
    sequence: { useMaxWidth: false, mirrorActors: true, showSequenceNumbers: false },
    ...mermaidTheme(kind),
  });
  configured = kind;
}

/** Renders Mermaid text to an SVG string, off screen inside `staging` (which needs layout, not visibility). */
export function renderSvg(text: string, kind: ThemeKind, staging: HTMLElement): Promise<string> {
  const job = queue.then(async () => {
    configure(kind);
    const { svg } = await mermaid.render(`tf-svg-${++renders}`, text, staging);
    return svg;
  });
  queue = job.catch(() => undefined);
  return job;
}
