// Prose the hover, inlay hints and completion share: what each flag, state and field means
// (citing RFC 9293), role names and the words around them, in English and Korean.
import type { Lang } from '../../core/i18n';
import type { Flag, TcpState } from '../../core/syntax/ast';
import type { SegmentRole } from '../../core/tcp/analysis';
import type { SendKind } from '../../core/tcp/sendRules';
import type { FieldKey, NotePosition, StatementKeyword } from '../../core/syntax/vocabulary';
import { tcpDocsEn } from './tcpDocsEn';
import { tcpDocsKo } from './tcpDocsKo';

export { FIELD_KEYS, fieldKey, type FieldKey } from '../../core/syntax/vocabulary';

export interface Doc {
  /** One line: completion detail, hover heading. */
  summary: string;
  /** A paragraph with the RFC section. */
  body: string;
}

/** What completion offers at a statement's start: the statement keywords, `note` with each position. */
export type Keyword = Exclude<StatementKeyword, 'note'> | `note ${NotePosition}`;
export type FlowSnippet = 'threeWay' | 'fourWay' | 'simultaneousOpen' | 'simultaneousClose';

export interface TcpDocs {
  flags: Record<Flag, Doc>;
  /** `waits`: the RFC 9293 §3.3.2 description; `next`: how the state is left (SPEC §4). */
  states: Record<TcpState, { waits: string; next: string }>;
  fields: Record<FieldKey, Doc>;
  kinds: Record<SendKind, string>;
  roles: Record<Exclude<SegmentRole, 'normal'> | 'lost', string>;
  keywords: Record<Keyword, string>;
  snippets: Record<FlowSnippet, string>;
  initial: Record<'declared' | 'activeOpen' | 'passiveOpen' | 'midConnection', (state: TcpState) => string>;
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
    waitAmount: Record<'2MSL' | 'RTO', string>;
  };
}

const docs: Record<Lang, TcpDocs> = { en: tcpDocsEn, ko: tcpDocsKo };

export function tcpDocs(lang: Lang): TcpDocs {
  return docs[lang];
}
