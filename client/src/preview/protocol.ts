// The messages between the extension host and the preview webview (both sides import these types).
import type { MermaidSlices } from '../../../server/src/core/render/mermaidSlices';
import type { WireDiagram } from './sliceWire';

/** Host → webview: a new diagram. `seq` grows with every edit; the webview ignores older ones. */
export interface UpdateMessage {
  type: 'update';
  seq: number;
  /** The source document, so the webview knows when the preview switched to another file. */
  uri: string;
  /**
   * The diagram in slices (joined, they are renderMermaid's text): each with the 0-based source
   * line of each of its arrows, in drawing order. The webview draws the slices in view. A slice
   * whose text the webview was sent last time goes as a reference to it (sliceWire.ts).
   */
  diagram: WireDiagram;
  /** 0-based lines with an error (their arrows carry the core's `⚠ ` mark). */
  errorLines: number[];
  /** Error diagnostics: how many, and the banner text (already localized). */
  errors?: ErrorSummary;
}

/** An update with every slice's text at hand (the webview decodes what arrives into this). */
export type DiagramUpdate = Omit<UpdateMessage, 'diagram'> & { diagram: MermaidSlices };

export interface ErrorSummary {
  count: number;
  /** e.g. `3 errors — first: line 7: ack is not RCV.NXT …` */
  text: string;
}

/** Host → webview: the editor's cursor is on this line (null: on no message). */
export interface HighlightMessage {
  type: 'highlight';
  line: number | null;
}

/** Host → webview: send back the drawn diagram as SVG text or as a PNG. */
export interface ExportRequest {
  type: 'export';
  requestId: number;
  format: 'svg' | 'png';
  /** PNG only: pixels per SVG unit. */
  scale?: number;
  /** `theme`: as the preview shows it; `white`: redrawn in the light theme on white. */
  background: 'theme' | 'white';
}

export type HostMessage = UpdateMessage | HighlightMessage | ExportRequest;

/** Webview → host: loaded and listening (the host then sends the current update). */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * Webview → host: update `seq` is on screen (every slice in view is drawn). The counts are of the
 * slices drawn on the page at that moment (for a flow of one slice: the whole diagram).
 */
export interface RenderedMessage {
  type: 'rendered';
  seq: number;
  arrows: number;
  notes: number;
  /** Arrows drawn as lost (`-x`). */
  crosses: number;
  /** Time from receiving the update to the slices in view in the DOM, in ms. */
  ms: number;
  /** Of which Mermaid's renders (parse + layout + SVG text), in ms. */
  mermaidMs?: number;
  /** Slices in the diagram, slices drawn on the page, and Mermaid renders this update took so far. */
  slices?: number;
  drawn?: number;
  renders?: number;
  /** True when every slice was already drawn as it is and nothing was redrawn. */
  unchanged?: boolean;
}

/** Webview → host: update `seq` could not be drawn; the webview says why on screen. */
export interface RenderFailedMessage {
  type: 'renderFailed';
  seq: number;
  reason: 'tooLarge' | 'error';
  message: string;
}

/** Webview → host: the user clicked the arrow drawn for this 0-based source line. */
export interface RevealMessage {
  type: 'reveal';
  line: number;
}

/** Webview → host: the answer to an ExportRequest (`data`: SVG text, or PNG as base64). */
export interface ExportResult {
  type: 'exported';
  requestId: number;
  data?: string;
  error?: string;
}

export type WebviewMessage = ReadyMessage | RenderedMessage | RenderFailedMessage | RevealMessage | ExportResult;

/** What the webview keeps with getState/setState (and what the serializer restores from). */
export interface PreviewState {
  uri?: string;
  /** A zoom factor, or 'fit' to follow the panel's width. */
  zoom?: number | 'fit';
  scrollX?: number;
  scrollY?: number;
}

/** UI strings the host hands to the webview (localized with vscode.l10n). */
export interface WebviewStrings {
  zoomIn: string;
  zoomOut: string;
  zoomFit: string;
  zoomReset: string;
  /** `{0}`: the diagram's height in pixels, `{1}`: the most a PNG can have on a side. */
  pngTooLarge: string;
  /** `{0}`: Mermaid's error message. */
  renderError: string;
  loading: string;
}

/**
 * Above this many segments a ```tcpflow block in VS Code's Markdown preview is not drawn (it is
 * drawn whole: Mermaid needs ~3 ms a segment). The preview panel draws any size, in slices.
 */
export const MAX_SEGMENTS = 1500;
/** Mermaid's input limit: room for MAX_SEGMENTS segments with labels and their state notes. */
export const MAX_TEXT_SIZE = 400_000;

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Whether a message from the webview has the shape the host acts on. The webview renders user
 * text, so nothing it posts is trusted: a `reveal` with a non-integer line or a `rendered` with a
 * non-numeric seq would otherwise throw in the host or leave an export waiting forever.
 */
export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  switch (x.type) {
    case 'ready':
      return true;
    case 'rendered':
      return isInt(x.seq) && isInt(x.arrows) && isInt(x.notes) && isInt(x.crosses) && isNum(x.ms);
    case 'renderFailed':
      return isInt(x.seq) && (x.reason === 'tooLarge' || x.reason === 'error') && typeof x.message === 'string';
    case 'reveal':
      return isInt(x.line) && x.line >= 0;
    case 'exported':
      return isInt(x.requestId) && (x.data === undefined || typeof x.data === 'string') && (x.error === undefined || typeof x.error === 'string');
    default:
      return false;
  }
}
