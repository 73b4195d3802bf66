// 호버, 인레이 힌트, 자동 완성에 쓰는 한국어 설명(catalog.ts의 `Docs`). 상태 설명은 RFC 9293 §3.3.2를,
// 상태마다 보낼 수 있는 것과 다음 상태는 SPEC §4를 따른다.
import type { Docs } from './catalog';
import { koStory } from './koStory';

export const koDocs: Docs = {
  flags: {
    SYN: {
      summary: '순서 번호 동기화: 연결을 엽니다',
      body:
        'CLOSED(능동 열기)나 LISTEN에서 보내며, 보낸 쪽은 SYN_SENT가 됩니다. 받은 쪽은 SYN_RECEIVED에서 SYN,ACK으로 응답합니다. ' +
        'SYN은 순서 번호 하나를 소비하고 그 seq가 ISS이므로, 상대는 seq+1을 확인응답합니다. FIN이나 RST와 함께 쓰지 않습니다. ' +
        'RFC 9293 §3.5(소비하는 순서 번호는 §3.4).',
    },
    ACK: {
      summary: '확인응답 번호 필드가 유효함',
      body:
        'ack은 보내는 쪽이 다음에 기대하는 순서 번호(RCV.NXT)입니다. 첫 SYN 이후의 모든 세그먼트는 ACK을 답니다. ' +
        '단, ACK이 있던 세그먼트에 답하는 RST는 예외입니다. 순수 ACK은 순서 번호를 소비하지 않으며 동기화된 모든 상태' +
        '(ESTABLISHED부터 TIME_WAIT까지)에서 보낼 수 있습니다. RFC 9293 §3.4, §3.10.7.4.',
    },
    FIN: {
      summary: '보내는 쪽의 데이터가 끝남: 자기 쪽 연결을 닫습니다',
      body:
        'ESTABLISHED(→ FIN_WAIT_1), CLOSE_WAIT(→ LAST_ACK), SYN_RECEIVED(→ FIN_WAIT_1)에서 보내며, 확인응답을 받을 때까지 ' +
        'FIN_WAIT_1, CLOSING, LAST_ACK에서 다시 보냅니다. FIN은 순서 번호 하나를 소비하므로 상대는 seq+1을 확인응답합니다. ' +
        'FIN을 보낸 뒤에는 새 데이터를 보내지 않습니다. RFC 9293 §3.6.',
    },
    RST: {
      summary: '리셋: 연결을 중단합니다',
      body:
        '어느 상태에서든 보낼 수 있습니다. 연결이 있는 끝점은 seq = SND.NXT로 리셋하고(§3.10.5), CLOSED·LISTEN·SYN_SENT 끝점은 ' +
        '받은 세그먼트의 ack을 seq로 쓰거나, ACK이 없던 세그먼트에는 seq=0과 ACK으로 답합니다(§3.5.2). 동기화된 수신자는 ' +
        'seq가 정확히 RCV.NXT일 때만 받아들여(RFC 5961) CLOSED가 되고, LISTEN은 무시합니다. RFC 9293 §3.5.2, §3.5.3.',
    },
    PSH: {
      summary: '푸시: 데이터를 바로 애플리케이션에 전달',
      body: '받는 쪽에 더 기다리지 말고 데이터를 애플리케이션에 넘기라고 요청합니다. 상태를 바꾸지 않고 순서 번호도 소비하지 않습니다. RFC 9293 §3.9.1.',
    },
    URG: {
      summary: '긴급 포인터가 유효함',
      body: '긴급 포인터까지의 데이터를 긴급 데이터로 표시합니다. 새 애플리케이션은 쓰지 않는 것이 좋습니다(RFC 6093). 상태를 바꾸지 않습니다. RFC 9293 §3.8.5.',
    },
    ECE: {
      summary: 'ECN-Echo: 경로에서 혼잡을 감지함',
      body:
        'SYN에서는(CWR과 함께) 명시적 혼잡 통지(ECN)를 요청하고, 그 뒤에는 혼잡 표시(CE)가 된 패킷이 도착했음을 보내는 쪽에 알립니다. ' +
        'TCP 상태를 바꾸지 않습니다. RFC 9293 §3.1, RFC 3168 §6.1.',
    },
    CWR: {
      summary: '혼잡 윈도를 줄였음',
      body: 'ECE를 받은 보내는 쪽이 혼잡 윈도를 줄였으므로 받는 쪽은 ECE 반향을 멈춰도 됩니다. TCP 상태를 바꾸지 않습니다. RFC 9293 §3.1, RFC 3168 §6.1.',
    },
  },
  states: {
    CLOSED: { waits: '연결 상태가 전혀 없는 상태입니다.', next: 'SYN을 보내면(능동 열기) → SYN_SENT. 여기에 도착한 세그먼트에는 RST로 응답합니다.' },
    LISTEN: { waits: '임의의 원격 TCP 피어와 포트로부터 연결 요청을 기다리는 상태입니다.', next: 'SYN을 받으면 → SYN_RECEIVED(수동 열기), SYN을 보내면 → SYN_SENT.' },
    SYN_SENT: {
      waits: '연결 요청을 보낸 뒤, 짝이 맞는 연결 요청을 기다리는 상태입니다.',
      next: '자신의 SYN을 확인응답하는 SYN,ACK을 받으면 → ESTABLISHED, SYN만 받으면 → SYN_RECEIVED(동시 열기), 받아들일 수 있는 RST → CLOSED.',
    },
    SYN_RECEIVED: {
      waits: '연결 요청을 받고 또 보낸 뒤, 연결 요청에 대한 확인응답을 기다리는 상태입니다.',
      next: '자신의 SYN에 대한 ACK을 받으면 → ESTABLISHED, FIN을 보내면 → FIN_WAIT_1, RST를 받으면 → LISTEN(수동 열기였을 때) 또는 CLOSED.',
    },
    ESTABLISHED: {
      waits: '열린 연결입니다. 받은 데이터를 사용자에게 전달할 수 있으며, 데이터 전송 단계의 평상시 상태입니다.',
      next: 'FIN을 보내면 → FIN_WAIT_1, FIN을 받으면 → CLOSE_WAIT.',
    },
    FIN_WAIT_1: {
      waits: '원격 TCP 피어의 연결 종료 요청, 또는 앞서 보낸 연결 종료 요청에 대한 확인응답을 기다리는 상태입니다.',
      next: '자신의 FIN에 대한 ACK을 받으면 → FIN_WAIT_2, 그 ACK 없이 FIN을 받으면 → CLOSING, 그 ACK과 함께 FIN을 받으면 → TIME_WAIT.',
    },
    FIN_WAIT_2: { waits: '원격 TCP 피어의 연결 종료 요청을 기다리는 상태입니다.', next: '상대의 FIN을 받으면 → TIME_WAIT.' },
    CLOSE_WAIT: { waits: '로컬 사용자(애플리케이션)의 연결 종료 요청을 기다리는 상태입니다.', next: '자신의 FIN을 보내면 → LAST_ACK.' },
    CLOSING: { waits: '원격 TCP 피어로부터 연결 종료 요청에 대한 확인응답을 기다리는 상태입니다.', next: '자신의 FIN에 대한 ACK을 받으면 → TIME_WAIT.' },
    LAST_ACK: {
      waits: '앞서 원격 TCP 피어에 보낸 연결 종료 요청(상대의 종료 요청에 대한 확인응답을 이미 담은 것)에 대한 확인응답을 기다리는 상태입니다.',
      next: '자신의 FIN에 대한 ACK을 받으면 → CLOSED.',
    },
    TIME_WAIT: {
      waits: '원격 TCP 피어가 자신의 연결 종료 요청에 대한 확인응답을 받았다고 확신하고, 이전 연결의 지연된 세그먼트가 새 연결에 영향을 주지 않도록 충분한 시간이 지나기를 기다리는 상태입니다.',
      next: '`wait 2MSL` → CLOSED. 이전 연결의 번호보다 큰 새 SYN을 받으면 새 연결을 엽니다 → SYN_RECEIVED.',
    },
  },
  fields: {
    seq: {
      summary: '세그먼트 첫 바이트의 순서 번호',
      body: '보내는 쪽의 SND.NXT이거나, 아직 확인응답받지 못한 세그먼트를 되풀이한 값(재전송)이어야 합니다. SYN의 seq는 ISS입니다. 생략하면 추론합니다. RFC 9293 §3.4.',
    },
    ack: {
      summary: '확인응답 번호: 보내는 쪽이 다음에 기대하는 순서 번호',
      body: '보내는 쪽의 RCV.NXT여야 하며, ACK 플래그가 있을 때만 의미가 있습니다. 생략하면 추론합니다. RFC 9293 §3.4, §3.10.7.4.',
    },
    len: {
      summary: '페이로드 길이(바이트, 기본값 0)',
      body: '세그먼트는 len만큼 순서 번호를 소비합니다. 데이터는 ESTABLISHED나 CLOSE_WAIT에서 보냅니다(TCP Fast Open이면 SYN에도, RFC 7413). RFC 9293 §3.4.',
    },
    win: { summary: '수신 윈도', body: 'ack 이후로 보내는 쪽이 더 받을 수 있는 바이트 수입니다. 표시만 하고 검사하지 않습니다. RFC 9293 §3.8.6.' },
    mss: { summary: '최대 세그먼트 크기 옵션', body: '보내는 쪽이 받을 수 있는 가장 큰 세그먼트로, SYN에 답니다. 표시만 하고 검사하지 않습니다. RFC 9293 §3.7.1.' },
    wscale: { summary: '윈도 스케일 옵션', body: '윈도에 적용할 시프트 값으로, SYN에 답니다. 표시만 하고 검사하지 않습니다. RFC 7323 §2.' },
    sackOK: { summary: 'SACK 허용 옵션', body: '보내는 쪽이 선택적 확인응답을 받을 수 있음을 알리며, SYN에 답니다. 표시만 하고 검사하지 않습니다. RFC 2018.' },
    ts: { summary: '타임스탬프 옵션', body: '왕복 시간 측정과 PAWS에 쓰는 TSval입니다. 표시만 하고 검사하지 않습니다. RFC 7323 §3.' },
  },
  kinds: { syn: 'SYN', synack: 'SYN,ACK', fin: 'FIN', data: '데이터', ack: '순수 ACK', rst: 'RST' },
  roles: {
    retransmission: '재전송 — 이미 보냈지만 확인응답받지 못한 세그먼트를 같은 seq로 다시 보냅니다',
    keepalive: '킵얼라이브 탐침 — 유휴 대기 뒤에 seq = SND.NXT−1로 보냅니다(RFC 9293 §3.8.4)',
    duplicate: '중복 — 받는 쪽이 이미 가진 세그먼트라서 다시 확인응답합니다',
    outOfOrder: '순서가 어긋남 — RCV.NXT보다 앞선 세그먼트라서 빈틈이 채워질 때까지 보관합니다',
    rejected: '받아들여지지 않음 — 받는 쪽이 버리거나 RST 또는 챌린지 ACK으로 응답합니다',
    lost: '네트워크에서 손실됨 — 도착하지 않습니다',
  },
  keywords: {
    participant: '참여자 선언: `participant A as "Client" (LISTEN)`',
    title: '다이어그램 제목',
    par: '동시에 오가는 세그먼트 블록을 시작합니다(동시 열기, 동시 닫기)',
    and: '`par` 블록의 갈래를 나눕니다',
    end: '`par` 블록을 닫습니다',
    'note over': '참여자 한 명 또는 두 명 위에 다는 노트',
    'note left of': '참여자 왼쪽에 다는 노트',
    'note right of': '참여자 오른쪽에 다는 노트',
    wait: '`wait 2MSL`은 TIME_WAIT를 끝냅니다. 다른 대기(`RTO`, `200ms`)는 그림에만 나타납니다',
    state: '사건 없이 상태를 단언합니다: `state A: CLOSED, B: CLOSED`',
  },
  snippets: {
    threeWay: '연결 설정: SYN, SYN,ACK, ACK (RFC 9293 §3.5, 그림 6)',
    fourWay: '연결 해제: FIN, ACK, FIN, ACK, 그리고 2MSL (RFC 9293 §3.6, 그림 12)',
    simultaneousOpen: '양쪽이 동시에 SYN을 보냄 (RFC 9293 §3.5, 그림 7)',
    simultaneousClose: '양쪽이 동시에 FIN을 보냄 (RFC 9293 §3.6, 그림 13)',
  },
  initial: {
    declared: (s) => `participant 선언대로 ${s}에서 시작합니다`,
    activeOpen: () => '첫 사건이 SYN 전송이므로 CLOSED에서 시작합니다(능동 열기, RFC 9293 §3.5)',
    passiveOpen: () => '첫 사건이 SYN 수신이므로 LISTEN에서 시작합니다(수동 열기, RFC 9293 §3.5)',
    midConnection: () => '노트가 연결 도중에서 시작하므로 ESTABLISHED에서 시작합니다',
  },
  story: koStory,
  words: {
    role: '역할',
    inferred: '추론',
    noChange: '변화 없음',
    notDelivered: '전달되지 않음',
    maySend: '보낼 수 있는 것',
    retransmissions: '확인응답받지 못한 세그먼트의 재전송',
    next: '다음 상태',
    participant: '참여자',
    sndNxt: (n) => `${n}의 SND.NXT`,
    rcvNxt: (n) => `${n}의 RCV.NXT`,
    inferredValue: (w) => `추론값: ${w}`,
    expectedValue: (w) => `여기서 기대하는 값: ${w}`,
    expectedState: '검사기가 계산한 여기서의 상태',
    aliasOf: (s) => `${s}의 별칭`,
    stateAfter: '이 줄 뒤의 상태',
    waitAmount: { '2MSL': 'TIME_WAIT를 끝냅니다(→ CLOSED)', RTO: '재전송 타임아웃. 상태를 바꾸지 않습니다' },
  },
};
