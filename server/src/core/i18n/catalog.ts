// The shape every language's catalogue has: one function per diagnostic code and fix kind, the
// words the renderers use, the prose of hovers and completion (`docs`), and the texts of the
// editor, the command line and the previews (`ui`). Every user-visible string lives in one.
import type { DiagnosticCode, FixKind, MessageArgs, Severity } from '../diagnostics';
import type { BudgetCut, BudgetUse } from '../limits';
import type { SegmentRole } from '../tcp/analysis';
import type { SendKind } from '../tcp/sendRules';
import type { FieldKey, Flag, NotePosition, StatementKeyword, TcpState, WaitAmount } from '../syntax/vocabulary';

export type Render = (args: MessageArgs) => string;

export interface Catalog {
  messages: Record<DiagnosticCode, Render>;
  fixes: Record<FixKind, Render>;
  /** The text of a related place (diagnostics.ts RelatedInfo): the root of a TF221. */
  related: Render;
  /** "caused by line N", after a CLI text line whose diagnostic has a related place. */
  causedBy: Render;
  words: {
    retransmission: string;
    keepalive: string;
    duplicate: string;
    lost: string;
    step: string;
    senderReceiver: string;
    segment: string;
    diagnostics: string;
    line: string;
    severity: Record<Severity, string>;
  };
  docs: Docs;
  ui: Ui;
}

export interface Doc {
  /** One line: completion detail, hover heading. */
  summary: string;
  /** A paragraph with the RFC section. */
  body: string;
}

/** What completion offers at a statement's start: the statement keywords, `note` with each position. */
export type Keyword = Exclude<StatementKeyword, 'note'> | `note ${NotePosition}`;
export type FlowSnippet = 'threeWay' | 'fourWay' | 'simultaneousOpen' | 'simultaneousClose';

/** Prose the hover, inlay hints and completion share: what each flag, state and field means (citing RFC 9293). */
export interface Docs {
  flags: Record<Flag, Doc>;
  /** `waits`: the RFC 9293 §3.3.2 description; `next`: how the state is left (SPEC §4). */
  states: Record<TcpState, { waits: string; next: string }>;
  fields: Record<FieldKey, Doc>;
  /** What a state may send, also in TF203. */
  kinds: Record<SendKind, string>;
  roles: Record<Exclude<SegmentRole, 'normal'> | 'lost', string>;
  keywords: Record<Keyword, string>;
  snippets: Record<FlowSnippet, string>;
  initial: Record<'declared' | 'activeOpen' | 'passiveOpen' | 'midConnection', (state: TcpState) => string>;
  story: Story;
  words: {
    role: string;
    inferred: string;
    noChange: string;
    notDelivered: string;
    maySend: string;
    retransmissions: string;
    next: string;
    participant: string;
    /** `A's SND.NXT` / `A의 SND.NXT`. */
    sndNxt: (name: string) => string;
    rcvNxt: (name: string) => string;
    inferredValue: (what: string) => string;
    expectedValue: (what: string) => string;
    expectedState: string;
    aliasOf: (state: TcpState) => string;
    stateAfter: string;
    waitAmount: Record<WaitAmount, string>;
  };
}

/** A step that moved a participant from one state to another, by the event that did it; `*` is any state. */
export type TransitionKey = `${'send' | 'deliver' | 'wait'}:${TcpState | '*'}>${TcpState}`;

/** The hover on a state: how the participant came to the state the checker computed (RFC 9293 §3.10). */
export interface Story {
  heading: (name: string) => string;
  howGotHere: (name: string) => string;
  sent: (line: number, what: string) => string;
  received: (line: number, what: string) => string;
  waited: (line: number, amount: string) => string;
  /** The state the note wrote, when the participant was in it before this event (until `line`). */
  wroteEarlier: (written: TcpState, name: string, line: number) => string;
  /** …when it only gets there later, on `line`. */
  wroteLater: (written: TcpState, name: string, line: number) => string;
  wroteNever: (written: TcpState, name: string) => string;
  /** The RFC 9293 rule behind each transition. */
  transitions: Partial<Record<TransitionKey, string>>;
}

/** Diagnostic counts, as the command line sums them up. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

/** The texts of the editor, the command line and the previews. */
export interface Ui {
  editor: {
    fixAll: string;
    /** Why a rename is refused. */
    renameInvalid: (name: string) => string;
    renameReserved: (name: string) => string;
    renameTaken: (name: string) => string;
    /** The outline's phases (RFC 9293 §3.5, §3.6) and its other words. */
    phases: Record<'establishment' | 'data' | 'termination', string>;
    title: string;
    inFlightTogether: string;
    /** In place of the diagnostics one publish leaves out (the language server sends the first `shown`). */
    moreProblems: (hidden: number, shown: number) => string;
    /** The outline's last entry in a phase whose messages it does not list all of. */
    moreMessages: (hidden: number, shown: number) => string;
  };
  cli: {
    /** `check`'s last line. */
    summary: (c: Counts) => string;
    /** `sync`. */
    unterminatedBlock: string;
    outOfDate: string;
    updated: string;
    mermaidBlocks: (added: number, updated: number) => string;
    syncSummary: (changed: number, current: number, check: boolean) => string;
    /** `sync`: text between the markers edited by hand, kept, or replaced with --force. */
    handEdited: (replaced: boolean) => string;
    /** Added to sync's summary: how many notes kept such text. */
    handKept: (notes: number) => string;
    /** A document over the budget (core/limits.ts): how much of it was read, or that it was left alone. */
    overBudget: (cut: BudgetCut, use: BudgetUse) => string;
  };
  preview: ScreenTexts;
}

/** The previews' own texts (the VS Code preview's and the Markdown preview's), for their webviews too. */
export interface ScreenTexts {
  /** The banner over a diagram with errors: how many, and the first one. */
  errors: (count: number, line: number, message: string) => string;
  /** Placeholders (`{0}`) pass through, for a webview to fill in. */
  tooLarge: (segments: number | string, max: number | string) => string;
  splitOrExport: string;
  renderFailed: (reason: string) => string;
  /** A diagram too tall for one PNG: its height, and the most a canvas takes (placeholders pass through). */
  pngTooLarge: (height: number | string, max: number | string) => string;
  /** While a long flow's slices are drawn for an export. */
  exporting: string;
}
