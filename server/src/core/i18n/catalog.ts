// The shape every language's catalogue has: one function per diagnostic code and fix kind.
import type { DiagnosticCode, FixKind, MessageArgs } from '../diagnostics';

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
    severity: Record<'error' | 'warning' | 'information' | 'hint', string>;
  };
}
