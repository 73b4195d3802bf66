// 한국어 진단 메시지. 영어판(en.ts)과 같은 내용을 같은 근거(RFC 9293)로 설명한다.
import type { MessageArgs } from '../diagnostics';
import type { Catalog } from './catalog';
import { koDocs } from './koDocs';
import { koUi } from './koUi';
import { josa } from './particles';
import type { SendKind } from '../tcp/sendRules';
import { FIELD_KEYS, STATE_NAMES, type TcpState } from '../syntax/vocabulary';
import { DOCUMENT_BUDGET } from '../limits';

/** A count of lines or characters, with thousands separators (TF110, TF111). */
const count = (n: unknown): string => Number(n).toLocaleString('en-US');

const EXPECTED: Record<string, string> = {
  statement: '문장(메시지, participant, par, note, wait, state, title)',
  arrow: "화살표('->', '→', '-x')",
  participant: '참여자 이름',
  colon: "세그먼트 앞의 ':'",
  segment: '세그먼트(SYN, ACK 같은 플래그와 seq=100 같은 필드)',
  state: '상태 이름',
  closeParen: "')'",
  value: '숫자 또는 x+1 같은 기호',
  endOfLine: '줄의 끝',
  noteTarget: '노트를 붙일 참여자',
  noteText: "':'과 노트 내용",
  waitAmount: '기다릴 시간(2MSL, RTO, 200ms)',
  label: '따옴표로 묶은 레이블',
  as: "'as' 또는 '(STATE)'",
};


const STATE_HINT: Record<TcpState, string> = {
  CLOSED: '연결은 SYN으로 시작합니다',
  LISTEN: '대기 중인 끝점은 SYN에 응답할 뿐 먼저 다른 것을 보내지 않습니다',
  SYN_SENT: '먼저 SYN,ACK(또는 동시 열기의 SYN)을 받아야 합니다',
  SYN_RECEIVED: '데이터나 순수 ACK을 보내기 전에 자신의 SYN,ACK에 대한 ACK을 기다립니다',
  ESTABLISHED: '',
  FIN_WAIT_1: '이미 FIN을 보냈습니다',
  FIN_WAIT_2: '이미 FIN을 보냈으므로 확인응답만 할 수 있습니다',
  CLOSE_WAIT: '',
  CLOSING: '이미 FIN을 보냈습니다',
  LAST_ACK: '이미 FIN을 보냈고 그 ACK을 기다립니다',
  TIME_WAIT: '양쪽 FIN이 모두 끝났으므로 2MSL이 지날 때까지 확인응답만 합니다',
};

const onLine = (a: MessageArgs): string => (a.line ? ` ${a.line}번 줄에서` : '');

function stateCause(a: MessageArgs): string {
  switch (a.cause) {
    case 'sent':
      return `${onLine(a)} ${josa(a.what, '을/를')} 보냈고${a.since ? '' : ' 그 뒤로 아무것도 받지 않았습니다'}`.trim();
    case 'received':
      return `${onLine(a)} ${josa(a.what, '을/를')} 받았습니다`.trim();
    case 'wait':
      return `${a.line}번 줄의 2MSL 대기로 TIME_WAIT가 끝났습니다`;
    case 'declared':
      return `${a.line}번 줄의 participant 선언이 ${a.actual}에서 시작한다고 합니다`;
    case 'activeOpen':
      return `첫 사건이 SYN 전송(${a.line}번 줄)이므로 CLOSED에서 시작합니다(능동 열기, RFC 9293 §3.5)`;
    case 'passiveOpen':
      return `첫 사건이 SYN 수신(${a.line}번 줄)이므로 LISTEN에서 시작합니다(수동 열기, RFC 9293 §3.5)`;
    default:
      return '노트가 연결 도중에서 시작하므로 ESTABLISHED에서 시작합니다';
  }
}

function seqWhy(a: MessageArgs): string {
  switch (a.variant) {
    case 'minusOne':
      return `SND.NXT입니다.${onLine(a)} 보낸 ${josa(a.what, '이/가')} 순서 번호 하나를 소비했습니다(SYN과 FIN은 1바이트로 셉니다, RFC 9293 §3.4)`;
    case 'forgotLength':
      return `SND.NXT입니다.${onLine(a)} 보낸 ${josa(a.what, '이/가')} 순서 번호 ${a.count}개를 소비했습니다(데이터는 1바이트마다 하나, SYN과 FIN은 하나씩 더 셉니다, RFC 9293 §3.4)`;
    case 'retransmit':
      return `이미${onLine(a)} 보낸 ${a.what}의 seq입니다. 재전송은 같은 seq를 되풀이합니다(RFC 9293 §3.10.7)`;
    default:
      return '아직 쓰지 않은 다음 순서 번호인 SND.NXT입니다(RFC 9293 §3.3.1)';
  }
}

function rstWhy(a: MessageArgs): string {
  switch (a.variant) {
    case 'rstAnswersAck':
      return `ACK이 있던 ${a.line}번 줄의 세그먼트에 답하는 RST는 그 ack 값을 seq로 씁니다(RFC 9293 §3.10.7.1)`;
    case 'rstAnswersNoAck':
      return `ACK이 없던 ${a.line}번 줄의 세그먼트에 답하는 RST는 seq=0이고 그 세그먼트를 확인응답합니다(RFC 9293 §3.10.7.1)`;
    default:
      return '연결이 있는 끝점은 seq=SND.NXT로 연결을 리셋합니다(RFC 9293 §3.10.5)';
  }
}

/** 근본 원인이 확실해진 줄이 말하는 것(TF221): 그 줄의 오류. */
function evidence(a: MessageArgs): string {
  switch (a.evidence) {
    case 'TF202':
      return `여기서 ${josa(a.evName, '이/가')} ${josa(a.evWritten, '을/를')} 확인응답합니다`;
    case 'TF201':
      return `여기서 ${josa(a.evName, '이/가')} ${josa(`seq=${a.evWritten}`, '을/를')} 보냅니다`;
    case 'TF200':
      return `여기서 ${josa(a.evName, '이/가')} ${josa(a.evAsserted, '으로/로')} 적혀 있습니다`;
    case 'TF203':
      return `여기서 ${josa(a.evName, '이/가')} ${a.evState}에서 ${josa(a.evWhat, '을/를')} 보냅니다`;
    case 'TF207':
      return `여기서 ${josa(a.evName, '이/가')} FIN 뒤에 ${josa(a.evWhat, '을/를')} 보냅니다`;
    default:
      return '이 줄은 적힌 대로 일어날 수 없습니다';
  }
}

function rootCause(a: MessageArgs): string {
  const at = a.sameLine ? '이 줄' : `${a.line}번 줄`;
  switch (a.root) {
    case 'length':
      if (a.sameLine && a.evidence === 'TF201')
        return `이 줄에서 ${a.name}의 ${josa(a.what, '은/는')} seq=${a.evWritten}부터 데이터를 다시 보내지만, ${josa(`len=${a.written}`, '이면/면')} ${josa(a.name, '이/가')} 보낸 범위를 넘어갑니다. 길이는 ${a.meant}입니다(재전송은 보낸 것을 되풀이합니다, RFC 9293 §3.10.7).`;
      return `${at}에서 ${a.name}의 ${josa(a.what, '은/는')} ${josa(`len=${a.written}`, '으로/로')} 적혀 있지만, ${evidence(a)}. 길이는 ${a.meant}입니다(세그먼트는 길이만큼 순서 번호를 소비합니다, RFC 9293 §3.4).`;
    case 'seq':
      return `${evidence(a)}. ${at}에서 ${a.name}의 seq가 ${josa(a.written, '이/가')} 아니라 ${josa(a.meant, '이어야/여야')} 그렇게 됩니다: 세그먼트의 seq는 보내는 쪽의 SND.NXT이고 상대는 그 값부터 셉니다(RFC 9293 §3.3.1).`;
    case 'ack':
      return `${evidence(a)}. ${at}에서 ${a.name}의 ack이 ${josa(a.written, '이/가')} 아니라 ${josa(a.meant, '이어야/여야')} 그렇게 됩니다: ACK은 보내는 쪽이 다음에 기대하는 순서 번호를 싣습니다(RFC 9293 §3.10.7.4).`;
    case 'lost':
      return `${evidence(a)}. ${at}에서 ${josa(a.name, '이/가')} 보낸 ${josa(a.what, '이/가')} 도착했어야만 ${josa(a.peer, '이/가')} 그럴 수 있습니다: '->'로 쓰세요(ACK은 도착한 것만 확인응답합니다, RFC 9293 §3.10.7.4).`;
    case 'delivered':
      return `${evidence(a)}. ${at}에서 ${josa(a.name, '이/가')} 보낸 ${josa(a.what, '이/가')} 유실되었어야 그렇게 됩니다: '-x'로 쓰세요(받지 못한 것은 다시 보내고 다시 확인응답합니다, RFC 9293 §3.10.7.4).`;
    case 'fin':
      return `${evidence(a)}. ${at}에서 ${josa(a.name, '이/가')} 보낸 ${a.what}에 FIN이 있었어야 합니다: FIN은 순서 번호 하나를 소비하고 받는 쪽을 CLOSE_WAIT로 옮깁니다(RFC 9293 §3.4, §3.10.7.4).`;
    default:
      return `${evidence(a)}. ${at}의 송신자와 수신자를 바꾸면(${a.to} → ${a.from}) 흐름이 성립합니다: 둘이 뒤바뀐 것으로 보입니다.`;
  }
}

const RELATED: Record<string, (a: MessageArgs) => string> = {
  length: (a) => `실수: len=${a.written}, 흐름으로는 ${a.meant}`,
  seq: (a) => `실수: seq=${a.written}, 흐름으로는 ${a.meant}`,
  ack: (a) => `실수: ack=${a.written}, 흐름으로는 ${a.meant}`,
  lost: () => "실수: 도착했는데 유실('-x')로 적음",
  delivered: () => "실수: 유실되었는데 도착('->')으로 적음",
  fin: () => '실수: 상대가 FIN을 확인응답하는데 여기에 FIN이 없음',
  swap: (a) => `실수: ${a.from} → ${a.to}, 송신자와 수신자가 뒤바뀜`,
};

const MEND: Record<string, (a: MessageArgs) => string> = {
  length: (a) => `${a.line}번 줄에 len=${a.meant} 쓰기`,
  seq: (a) => `${a.line}번 줄에 seq=${a.meant} 쓰기`,
  ack: (a) => `${a.line}번 줄에 ack=${a.meant} 쓰기`,
  lost: (a) => `${a.line}번 줄에 '->' 쓰기: 도착함`,
  delivered: (a) => `${a.line}번 줄에 '-x' 쓰기: 유실됨`,
  fin: (a) => `${a.line}번 줄에 FIN 추가`,
  swap: (a) => `${a.line}번 줄의 ${josa(a.from, '과/와')} ${a.to} 바꾸기`,
};

export const ko: Catalog = {
  messages: {
    TF100: (a) => `${josa(EXPECTED[String(a.expected)] ?? a.expected, '이/가')} 와야 합니다${a.found ? ` (${josa(`'${a.found}'`, '이/가')} 있음)` : ' (줄이 끝남)'}.`,
    TF101: (a) => `알 수 없는 상태 '${a.written}'. ${josa(a.nearest, '을/를')} 뜻했나요? 유효한 상태(RFC 9293): ${STATE_NAMES.join(', ')}.`,
    TF102: (a) => `${josa(a.text, '은/는')} 범위를 벗어납니다. 순서 번호 공간은 32비트로 0부터 4294967295까지입니다(RFC 9293 §3.4).`,
    TF103: (a) => `알 수 없는 필드 '${a.key}': 보존하고 표시하지만 검사에는 쓰지 않습니다. 아는 필드: ${FIELD_KEYS.join(', ')}.`,
    TF104: (a) => `참여자 ${josa(a.name, '은/는')} 이미 ${a.firstLine}번 줄에서 선언했습니다.`,
    TF105: (a) =>
      ({
        andOutside: "par 블록 밖의 'and': 'and'는 'par … end' 블록의 갈래를 나눕니다.",
        endOutside: "par 블록 밖의 'end': 닫을 블록이 없습니다.",
        nested: "par 블록은 중첩할 수 없습니다. 다른 블록을 열기 전에 'end'로 닫으세요.",
        unterminated: "이 par 블록이 닫히지 않았습니다. 마지막 갈래 뒤에 'end'를 쓰세요.",
      })[String(a.kind)] ?? 'par/and/end의 위치가 잘못되었습니다.',
    TF106: (a) => `${a.kind} 줄은 par 블록 안에 올 수 없습니다. 동시에 오가는 것은 메시지와 노트뿐입니다.`,
    TF107: () => '문자열이 닫히지 않았습니다. 닫는 "를 쓰세요.',
    TF108: (a) => `${josa(a.name, '이/가')} 자기 자신에게 보냅니다. TCP 세그먼트는 한 끝점에서 다른 끝점으로 갑니다.`,
    TF109: (a) => `이 세그먼트에 ${josa(`'${a.key}'`, '이/가')} 두 번 쓰였습니다. 처음 것을 씁니다.`,
    TF110: (a) => `이 줄의 길이는 ${count(a.length)}자입니다. 한 줄은 ${count(a.max)}자까지만 읽으므로 이 줄은 검사하지 않습니다. 한 줄에 문장 하나씩 쓰세요.`,
    TF111: (a) =>
      `${count(a.totalLines)}줄(${count(a.totalChars)}자) 중 처음 ${count(a.checkedLines)}줄(${count(a.checkedChars)}자)만 검사했습니다. 문서는 ${count(DOCUMENT_BUDGET.lines)}줄 또는 ${count(DOCUMENT_BUDGET.chars)}자까지만 읽습니다. 흐름을 여러 파일로 나누세요.`,
    TF200: (a) => `${josa(a.name, '은/는')} 여기서 ${josa(a.asserted, '이/가')} 아니라 ${a.actual}입니다: ${stateCause(a)}.`,
    TF201: (a) => `${a.name}의 seq는 여기서 ${josa(a.written, '이/가')} 아니라 ${josa(a.expected, '이어야/여야')} 합니다. ${seqWhy(a)}.`,
    TF202: (a) =>
      `${a.name}의 ack은 여기서 ${josa(a.written, '이/가')} 아니라 ${josa(a.expected, '이어야/여야')} 합니다. ACK은 ${josa(a.name, '이/가')}${a.rcvLine ? ` ${a.rcvLine}번 줄에서 받은 것 다음으로` : ''} 기대하는 다음 순서 번호 RCV.NXT를 담습니다(RFC 9293 §3.10.7.4).`,
    TF203: (a) => {
      const allowed = String(a.allowed).split(',').map((k) => koDocs.kinds[k as SendKind] ?? k);
      const hint = STATE_HINT[a.state as TcpState] ?? '';
      return `${josa(a.name, '은/는')} ${a.state}에서 ${josa(a.what, '을/를')} 보낼 수 없습니다${hint ? `. ${hint}` : ''}. ${a.state}에서 보낼 수 있는 것: ${allowed.join(', ')}(RFC 9293 §3.10).`;
    },
    TF204: (a) =>
      a.rst
        ? `${a.name}의 ${a.what}에 ACK 플래그가 없습니다. ACK이 없는 세그먼트에 답하는 RST는 ACK을 달고, ack은 그 세그먼트의 seq + 길이입니다(RFC 9293 §3.10.7.1). ACK이 있는 것으로 보고 검사합니다.`
        : `${a.name}의 ${a.what}에 ACK 플래그가 없습니다. 첫 SYN 이후의 모든 세그먼트는 ACK을 답니다(RFC 9293 §3.10.7.4). ACK이 있는 것으로 보고 검사합니다.`,
    TF205: () => 'ack= 필드를 썼지만 ACK 플래그가 없습니다. 확인응답 번호는 ACK이 있을 때만 의미가 있습니다(RFC 9293 §3.1).',
    TF206: (a) => `SYN과 ${josa(a.flag, '은/는')} 한 세그먼트에 함께 올 수 없습니다(RFC 9293 §3.1). ${josa(a.dropped ?? a.flag, '이/가')} 없는 것으로 보고 검사합니다.`,
    TF207: (a) => `${josa(a.name, '은/는')} 이미${a.line ? ` ${a.line}번 줄에서` : ''} FIN을 보냈습니다. FIN 뒤에는 새 데이터도 새 FIN도 보내지 않고 재전송과 ACK만 보냅니다(RFC 9293 §3.10.4).`,
    TF208: (a) => `${a.name}의 RST는 ${josa(`seq=${a.written}`, '이/가')} 아니라 ${josa(`seq=${a.expected}`, '이어야/여야')} 합니다. ${rstWhy(a)}.`,
    TF209: (a) => `${josa(a.name, '은/는')} 이 흐름의 참여자가 아닙니다. 선언하거나 메시지에서 쓰세요.`,
    TF210: (a) => `재전송: ${josa(a.name, '이/가')}${onLine(a)} 보낸 ${josa(a.what, '을/를')} 확인응답을 받지 못해 같은 seq로 다시 보냅니다.`,
    TF211: (a) =>
      a.state === 'TIME_WAIT'
        ? `중복된 ${a.what}: TIME_WAIT인 ${josa(a.name, '은/는')} 이미 받았으므로 다시 확인응답합니다(RFC 9293 §3.10.7.4).`
        : `중복된 ${a.what}: ${josa(a.name, '은/는')} 이미 받았으므로 버리고 다시 확인응답합니다(RFC 9293 §3.10.7.4).`,
    TF212: (a) => `킵얼라이브 탐침: ${josa(a.name, '이/가')} 유휴 대기 뒤에 seq=SND.NXT−1을 보내 상대의 ACK을 끌어냅니다(RFC 9293 §3.8.4).`,
    TF213: (a) => `${josa(a.name, '은/는')} CLOSED입니다. 이 세그먼트에는 RST로 응답합니다(RFC 9293 §3.10.7.1).`,
    TF214: (a) =>
      `${josa(a.name, '은/는')} SYN_SENT이고 ${josa(`이 ack(${a.got})`, '은/는')} 자신의 SYN을 확인응답하지 않습니다(기대값 ${a.expected}). 받아들일 수 없는 세그먼트${a.syn ? '(오래된 중복, RFC 9293 그림 8)' : ''}이므로 RST로 응답하고 무시합니다(RFC 9293 §3.10.7.3).`,
    TF215: (a) =>
      a.reason === 'rst'
        ? `${josa(a.name, '은/는')} 이 RST를 받아들이지 않습니다. seq가 정확히 ${josa(`RCV.NXT(${a.expected})`, '이/가')} 아니므로 챌린지 ACK으로 응답하고 상태를 유지합니다(RFC 5961 §3.2).`
        : `${josa(a.name, '은/는')} 동기화된 상태라서 지금의 SYN으로 배울 것이 없습니다. 챌린지 ACK으로 응답하고 상태를 유지합니다(RFC 5961 §4, RFC 9293 §3.10.7.4).`,
    TF216: (a) => `순서가 어긋남: ${josa(a.name, '은/는')} 다음에 ${josa(`seq ${a.expected}`, '을/를')} 기다리므로 이 세그먼트는 빈틈이 채워질 때까지 보관하고, ACK은 지금 처리합니다(RFC 9293 §3.10.7.4).`,
    TF217: (a) =>
      a.reason === 'ack'
        ? `${josa(a.name, '은/는')} LISTEN입니다. ACK이 있는 세그먼트는 속할 연결이 없으므로 RST로 응답합니다(RFC 9293 §3.10.7.2).`
        : `${josa(a.name, '은/는')} LISTEN이고 SYN을 기다립니다. 이 세그먼트는 버립니다(RFC 9293 §3.10.7.2).`,
    TF218: (a) =>
      ({
        rstInListen: `${josa(a.name, '은/는')} LISTEN입니다. 들어온 RST는 무시합니다(RFC 9293 §3.10.7.2).`,
        rstBadAck: `${josa(a.name, '은/는')} SYN_SENT입니다. ack이 자신의 SYN을 확인응답하지 않는 RST는 무시합니다(RFC 9293 §3.10.7.3).`,
        rstNoAck: `${josa(a.name, '은/는')} SYN_SENT입니다. ACK이 없는 RST는 무시합니다(RFC 9293 §3.10.7.3).`,
        noSyn: `${josa(a.name, '은/는')} SYN_SENT입니다. SYN도 RST도 없는 세그먼트는 버립니다(RFC 9293 §3.10.7.3).`,
      })[String(a.reason)] ?? `${josa(a.name, '은/는')} 이 세그먼트를 무시합니다.`,
    TF219: (a) => `${josa(a.name, '은/는')} SYN_RECEIVED이고 ${josa(`이 ack(${a.got})`, '은/는')} 자신의 SYN,ACK을 확인응답하지 않습니다(기대값 ${a.expected}). RST로 응답합니다(RFC 9293 §3.10.7.4).`,
    TF220: (a) => `${josa(a.name, '은/는')} TIME_WAIT이고 이 새 SYN은 이전 연결의 번호보다 큽니다. 이전 연결을 끝내고 새 연결을 엽니다(RFC 9293 §3.10.7.4).`,
    TF221: rootCause,
  },
  fixes: {
    setSeq: (a) => `seq를 ${josa(a.value, '으로/로')} 바꾸기`,
    setAck: (a) => `ack을 ${josa(a.value, '으로/로')} 바꾸기`,
    setState: (a) => `상태를 ${josa(a.state, '으로/로')} 바꾸기`,
    addAck: () => 'ACK 플래그 추가',
    replaceState: (a) => `${josa(a.state, '으로/로')} 바꾸기`,
    declareState: (a) => `${josa(a.name, '이/가')} ${a.state}에서 시작한다고 선언`,
    mendRoot: (a) => MEND[String(a.root)](a),
  },
  related: (a) => RELATED[String(a.root)](a),
  causedBy: (a) => `${a.line}번 줄에서 비롯됨`,
  words: {
    retransmission: '재전송',
    keepalive: '킵얼라이브',
    duplicate: '중복',
    lost: '손실',
    step: '단계',
    senderReceiver: '송신 → 수신',
    segment: '세그먼트',
    diagnostics: '진단',
    line: '줄',
    severity: { error: '오류', warning: '경고', information: '정보', hint: '힌트' },
  },
  docs: koDocs,
  ui: koUi,
};
