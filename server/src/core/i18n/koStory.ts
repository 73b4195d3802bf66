// 상태에 대한 호버의 한국어 설명(catalog.ts의 `Story`): 참여자가 검사기가 계산한 상태에 어떻게
// 이르렀는지, 전이마다 그 근거가 되는 RFC 9293 규칙과 함께.
import type { Story } from './catalog';
import { josa } from './particles';

export const koStory: Story = {
  heading: (name) => `검사기가 계산한 여기서의 ${name} 상태`,
  howGotHere: (name) => `${josa(name, '이/가')} 여기에 이른 과정:`,
  sent: (line, what) => `${line}번 줄: \`${what}\` 보냄`,
  received: (line, what) => `${line}번 줄: \`${what}\` 받음`,
  waited: (line, amount) => `${line}번 줄: \`wait ${amount}\``,
  wroteEarlier: (written, name, line) => `적힌 ${josa(written, '은/는')} ${line}번 줄 전까지의 ${name} 상태입니다.`,
  wroteLater: (written, name, line) => `적힌 ${written}: ${josa(name, '은/는')} ${line}번 줄에서야 ${josa(written, '이/가')} 됩니다.`,
  wroteNever: (written, name) => `적힌 ${written}: ${josa(name, '은/는')} 이 흐름에서 ${josa(written, '이/가')} 되는 일이 없습니다.`,
  transitions: {
    'send:CLOSED>SYN_SENT': 'CLOSED에서 SYN을 보내는 것이 능동 열기입니다(RFC 9293 §3.10.1)',
    'send:LISTEN>SYN_SENT': '대기하던 끝점이 SYN을 보내면 능동 열기로 바뀝니다(RFC 9293 §3.10.2)',
    'deliver:LISTEN>SYN_RECEIVED': 'LISTEN에 도착한 SYN이 수동 열기입니다(RFC 9293 §3.10.7.2)',
    'deliver:CLOSED>SYN_RECEIVED': '대기 소켓이 새 SYN을 받습니다(RFC 9293 §3.10.7.2)',
    'deliver:SYN_SENT>ESTABLISHED': '자신의 SYN을 확인응답하는 SYN,ACK으로 자기 쪽 핸드셰이크가 끝납니다(RFC 9293 §3.10.7.3)',
    'deliver:SYN_SENT>SYN_RECEIVED': 'SYN_SENT에서 ACK 없는 SYN을 받으면 동시 열기입니다(RFC 9293 §3.10.7.3)',
    'deliver:SYN_RECEIVED>ESTABLISHED': '자신의 SYN에 대한 ACK으로 핸드셰이크가 끝납니다(RFC 9293 §3.10.7.4)',
    'deliver:SYN_RECEIVED>LISTEN': 'RST를 받으면 수동 열기였던 연결은 LISTEN으로 돌아갑니다(RFC 9293 §3.10.7.4)',
    'send:SYN_RECEIVED>FIN_WAIT_1': 'SYN_RECEIVED에서 FIN을 보내면 데이터 없이 닫습니다(RFC 9293 §3.10.4)',
    'send:ESTABLISHED>FIN_WAIT_1': '자신의 FIN을 보내 능동 닫기를 시작합니다(RFC 9293 §3.10.4)',
    'deliver:ESTABLISHED>CLOSE_WAIT': '상대의 FIN: 수동 닫기입니다(RFC 9293 §3.10.7.4)',
    'deliver:FIN_WAIT_1>FIN_WAIT_2': '자신의 FIN에 대한 ACK입니다(RFC 9293 §3.10.7.4)',
    'deliver:FIN_WAIT_1>CLOSING': '자신의 FIN에 대한 ACK보다 상대의 FIN이 먼저 왔습니다: 동시 닫기입니다(RFC 9293 §3.10.7.4)',
    'deliver:FIN_WAIT_1>TIME_WAIT': '상대의 FIN이 자신의 FIN에 대한 ACK과 함께 왔습니다(RFC 9293 §3.10.7.4)',
    'deliver:FIN_WAIT_2>TIME_WAIT': '상대의 FIN입니다(RFC 9293 §3.10.7.4)',
    'send:CLOSE_WAIT>LAST_ACK': '상대의 FIN 뒤에 자신의 FIN을 보냅니다(RFC 9293 §3.10.4)',
    'deliver:CLOSING>TIME_WAIT': '자신의 FIN에 대한 ACK입니다(RFC 9293 §3.10.7.4)',
    'deliver:LAST_ACK>CLOSED': '자신의 FIN에 대한 ACK으로 연결이 끝납니다(RFC 9293 §3.10.7.4)',
    'wait:TIME_WAIT>CLOSED': '2MSL 타임아웃으로 TIME_WAIT가 끝납니다(RFC 9293 §3.10.8)',
    'deliver:TIME_WAIT>SYN_RECEIVED': '이전 연결의 번호보다 큰 새 SYN이 새 연결을 엽니다(RFC 9293 §3.10.7.4)',
    'deliver:*>CLOSED': '받아들일 수 있는 RST가 연결을 닫습니다(RFC 9293 §3.10.7.4)',
    'send:*>CLOSED': 'RST를 보낸 끝점은 연결을 중단합니다(RFC 9293 §3.10.5)',
  },
};
