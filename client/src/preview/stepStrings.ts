// The step mode's texts, in English and Korean (the host picks one and hands it to the webview with
// the other WebviewStrings). `{0}`, `{1}` are filled in by the webview. No Korean particle follows
// a placeholder: what fills it is a name or a number, whose particle cannot be known here.
import type { Lang } from '../../../server/src/core/i18n';
import type { StepEvent } from '../../../server/src/core/tcp/analysis';

/** A TCB row: the state, RFC 9293 §3.3.1's variables, and the two queues. */
export type TcbField = 'state' | 'iss' | 'sndUna' | 'sndNxt' | 'irs' | 'rcvNxt' | 'unacked' | 'outOfOrder';

export interface StepStrings {
  /** The toolbar button that opens and closes step mode. */
  toggle: string;
  /** The step panel (a region), and its controls. */
  panel: string;
  first: string;
  previous: string;
  next: string;
  last: string;
  slider: string;
  /** `Step {0} of {1}`. */
  position: string;
  /** `line {0}`. */
  line: string;
  events: Record<StepEvent, string>;
  /** When the flow has no step yet. */
  none: string;
  before: string;
  after: string;
  fields: Record<TcbField, string>;
  unknown: string;
  /** Said (not shown) after a value the step changed. */
  changed: string;
  empty: string;
  /** `{0} more` after a long queue. */
  more: string;
  /** `(line {0})` after a queued segment. */
  fromLine: string;
  /** The state diagram's caption. */
  figure: string;
  /** A transition the checker made that Figure 5 does not draw (an RST, a SYN in TIME_WAIT…). */
  notInFigure: string;
  /** An arrow's accessible name: `Line {0}: {1}`. */
  arrow: string;
}

export const STEP_STRINGS: Record<Lang, StepStrings> = {
  en: {
    toggle: 'Step through',
    panel: 'Step through the flow',
    first: 'First step',
    previous: 'Previous step (←)',
    next: 'Next step (→)',
    last: 'Last step',
    slider: 'Step',
    position: 'Step {0} of {1}',
    line: 'line {0}',
    events: { send: 'send', deliver: 'deliver', lose: 'lost', wait: 'wait', state: 'state check' },
    none: 'No step yet: write a message such as A -> B: SYN',
    before: 'before',
    after: 'after',
    fields: {
      state: 'State',
      iss: 'ISS',
      sndUna: 'SND.UNA',
      sndNxt: 'SND.NXT',
      irs: 'IRS',
      rcvNxt: 'RCV.NXT',
      unacked: 'In flight',
      outOfOrder: 'Out of order',
    },
    unknown: 'unknown',
    changed: 'changed',
    empty: 'none',
    more: '{0} more',
    fromLine: '(line {0})',
    figure: 'TCP connection state diagram (RFC 9293 §3.3.2, Figure 5)',
    notInFigure: 'not drawn in Figure 5',
    arrow: 'Line {0}: {1}',
  },
  ko: {
    toggle: '단계별 보기',
    panel: '흐름을 단계별로 보기',
    first: '처음 단계',
    previous: '이전 단계 (←)',
    next: '다음 단계 (→)',
    last: '마지막 단계',
    slider: '단계',
    position: '{1}단계 중 {0}',
    line: '{0}번 줄',
    events: { send: '송신', deliver: '수신', lose: '손실', wait: '대기', state: '상태 확인' },
    none: '아직 단계가 없습니다. A -> B: SYN 같은 메시지를 써 보세요.',
    before: '이전',
    after: '이후',
    fields: {
      state: '상태',
      iss: 'ISS',
      sndUna: 'SND.UNA',
      sndNxt: 'SND.NXT',
      irs: 'IRS',
      rcvNxt: 'RCV.NXT',
      unacked: '확인 대기',
      outOfOrder: '순서 어긋남',
    },
    unknown: '알 수 없음',
    changed: '바뀜',
    empty: '없음',
    more: '외 {0}개',
    fromLine: '({0}번 줄)',
    figure: 'TCP 연결 상태 전이도 (RFC 9293 §3.3.2, 그림 5)',
    notInFigure: '그림 5에 없는 전이',
    arrow: '{0}번 줄: {1}',
  },
};

export function stepStrings(lang: Lang | undefined): StepStrings {
  return STEP_STRINGS[lang ?? 'en'];
}
