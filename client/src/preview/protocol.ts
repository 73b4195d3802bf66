// The messages between the extension host and the preview webview (both sides import these types).
import type { MermaidSlices } from '../../../server/src/core/render/mermaidSlices';
import type { FlowSummary } from '../../../server/src/core/render/summary';
import type { TcpState } from '../../../server/src/core/syntax/ast';
import type { StepEvent } from '../../../server/src/core/tcp/analysis';
import type { TcbView } from '../../../server/src/core/tcp/tcb';
import type { WireDiagram } from './sliceWire';
import type { StepStrings, TcbField } from './stepStrings';

/** Host → webview: a new diagram. `seq` grows with every edit; the webview ignores older ones. */
export interface UpdateMessage {
  type: 'update';
  seq: number;
  /** The source document, so the webview knows when the preview switched to another file. */
  uri: string;
  /**
   * The diagram in slices (joined, they are renderMermaid's text): each with the 0-based source
   * line of each of its arrows, in drawing order, and its arrows and notes marked as errors. The
   * webview draws the slices in view. A slice whose text the webview was sent last time goes as a
   * reference to it (sliceWire.ts).
   */
  diagram: WireDiagram;
  /** Error diagnostics: how many, and the banner text (already localized). */
  errors?: ErrorSummary;
  /** How many steps the trace has (step mode asks for each one when it shows it). */
  steps: number;
  /** The flow in one line, for the diagram's accessible name and description (plain text). */
  summary: FlowSummary;
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

/** One endpoint at one step: its TCB before and after the step (RFC 9293 §3.3.1). */
export interface EndpointStep {
  name: string;
  /** As the diagram shows it (its label, or its name). */
  label: string;
  /** Its column in the diagram: its colour in the panel and the state diagram. */
  column: number;
  before: TcbView;
  after: TcbView;
  /** What the step changed, in TcbField order. */
  changed: TcbField[];
  /** The state transition the step made, if any. */
  transition?: { from: TcpState; to: TcpState };
  /** CLOSED reached from LAST_ACK or TIME_WAIT: Figure 5 draws that CLOSED at its bottom. */
  closedAtEnd?: boolean;
  /** The note asserted another state for it here (`⚠ written ✗ due`). */
  asserted?: TcpState;
  /** Queued segments left out of `before`/`after` (a long queue is cut), per queue. */
  more?: { before: [number, number]; after: [number, number] };
}

/** One step of the trace (SPEC §7), as step mode shows it. */
export interface StepDetail {
  index: number;
  count: number;
  /** 0-based source line. */
  line: number;
  event: StepEvent;
  /** The index of its message's arrow (`data-tf-index`), for send, deliver and lose. */
  arrow?: number;
  /** What happened, as plain text: `Client → Server: SYN seq=100`, `wait 2MSL`. */
  text: string;
  /** The first error on its line (localized), if any. */
  error?: string;
  /** The endpoints it involves, in column order. */
  endpoints: EndpointStep[];
}

/** Host → webview: the step to show (asked for by the webview, or moved by the editor's cursor). */
export interface StepMessage {
  type: 'step';
  /** The update it belongs to. */
  seq: number;
  /** The StepRequest it answers (none: the cursor moved, or the flow changed). */
  request?: number;
  /** Undefined when the flow has no step. */
  detail?: StepDetail;
}

export type HostMessage = UpdateMessage | HighlightMessage | ExportRequest | StepMessage | StepModeMessage;

/** Webview → host: loaded and listening (the host then sends the current update). */
export interface ReadyMessage {
  type: 'ready';
  /** The page's language (`<html lang>`): the words it shows are in it. */
  lang?: string;
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

/**
 * Webview → host: step mode opened (the host sends the step at the cursor, then follows it) or
 * closed. Host → webview: open or close it (the webview then says so as above).
 */
export interface StepModeMessage {
  type: 'stepMode';
  on: boolean;
}

/** Webview → host: show this step (by index in the trace, or the send of arrow `arrow`); the editor selects its line. */
export interface StepRequest {
  type: 'stepTo';
  index?: number;
  arrow?: number;
  /** Numbers the requests: an answer to an older one than the last is not shown. */
  request: number;
}

/** Webview → host: step `index` is shown, its arrow (if it has one) highlighted. */
export interface StepShownMessage {
  type: 'stepShown';
  index: number;
  arrow?: number;
}

/** Webview → host: the answer to an ExportRequest (`data`: SVG text, or PNG as base64). */
export interface ExportResult {
  type: 'exported';
  requestId: number;
  data?: string;
  error?: string;
}

export type WebviewMessage = ReadyMessage | RenderedMessage | RenderFailedMessage | RevealMessage | ExportResult | StepModeMessage | StepRequest | StepShownMessage;

/** What the webview keeps with getState/setState (and what the serializer restores from). */
export interface PreviewState {
  uri?: string;
  /** A zoom factor, or 'fit' to follow the panel's width. */
  zoom?: number | 'fit';
  scrollX?: number;
  scrollY?: number;
  /** Step mode is open. */
  stepping?: boolean;
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
  step: StepStrings;
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
      return x.lang === undefined || typeof x.lang === 'string';
    case 'rendered':
      return isInt(x.seq) && isInt(x.arrows) && isInt(x.notes) && isInt(x.crosses) && isNum(x.ms);
    case 'renderFailed':
      return isInt(x.seq) && (x.reason === 'tooLarge' || x.reason === 'error') && typeof x.message === 'string';
    case 'reveal':
      return isInt(x.line) && x.line >= 0;
    case 'exported':
      return isInt(x.requestId) && (x.data === undefined || typeof x.data === 'string') && (x.error === undefined || typeof x.error === 'string');
    case 'stepMode':
      return typeof x.on === 'boolean';
    case 'stepShown':
      return isInt(x.index) && (x.arrow === undefined || isInt(x.arrow));
    case 'stepTo':
      return isInt(x.request) && (x.index === undefined) !== (x.arrow === undefined) && [x.index, x.arrow].every((v) => v === undefined || (isInt(v) && v >= 0));
    default:
      return false;
  }
}
