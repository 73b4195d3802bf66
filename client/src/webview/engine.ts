// The one place that calls Mermaid. Its configuration is global and `render` is not reentrant,
// so every call goes through one queue, each with the theme it needs.
import mermaid, { type MermaidConfig } from 'mermaid';
import { MAX_TEXT_SIZE } from '../preview/protocol';
import { FONT, mermaidTheme, type ThemeKind } from './theme';

let queue: Promise<unknown> = Promise.resolve();
let configured: ThemeKind | undefined;
let renders = 0;

/** Mermaid's gap above a note and above the bottom row of participants (its default, stated here because slices are cut by it). */
export const BOX_MARGIN = 10;

/** The fonts Mermaid measures message and note texts with (the same the diagram shows them in). */
export const SEQUENCE_FONTS = {
  message: { family: FONT, size: 16, weight: 400 },
  note: { family: FONT, size: 14, weight: 400 },
} as const;

/** The whole Mermaid configuration the preview draws with (the bench's plain Mermaid uses it too). */
export function mermaidConfig(kind: ThemeKind, maxTextSize = MAX_TEXT_SIZE): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    // Mermaid's 50,000 default is ~570 segments. The preview's slices stay far below it; a
    // ```tcpflow block in a Markdown note is checked against MAX_SEGMENTS before it gets here.
    maxTextSize,
    // Throw instead of drawing Mermaid's own error picture: the banner says what went wrong.
    suppressErrorRendering: true,
    look: 'classic',
    sequence: {
      useMaxWidth: false,
      mirrorActors: true,
      showSequenceNumbers: false,
      boxMargin: BOX_MARGIN,
      messageFontFamily: SEQUENCE_FONTS.message.family,
      messageFontSize: SEQUENCE_FONTS.message.size,
      messageFontWeight: SEQUENCE_FONTS.message.weight,
      noteFontFamily: SEQUENCE_FONTS.note.family,
      noteFontSize: SEQUENCE_FONTS.note.size,
      noteFontWeight: SEQUENCE_FONTS.note.weight,
    },
    ...mermaidTheme(kind),
  };
}

function configure(kind: ThemeKind): void {
  if (configured === kind) return;
  mermaid.initialize(mermaidConfig(kind));
  configured = kind;
}

/** Configures Mermaid for `kind` now (page load), not on the first render. */
export function prepare(kind: ThemeKind): void {
  configure(kind);
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
