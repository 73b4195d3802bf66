// Flow snippets offered at the start of a statement: the four flows every TCP note begins with,
// as RFC 9293 draws them. `${1:A}`/`${2:B}` name the participants and `${3}`/`${4}` the initial
// sequence numbers; expanded with their defaults each one checks with no error and no warning.
import type { FlowSnippet } from '../../core/i18n';

export interface SnippetDef {
  id: FlowSnippet;
  label: string;
  body: string;
}

export const FLOW_SNIPPETS: SnippetDef[] = [
  {
    id: 'threeWay',
    label: '3-way handshake',
    body: [
      '${1:A}(CLOSED) -> ${2:B}(LISTEN): SYN seq=${3:x}',
      '${2:B}(SYN_RECEIVED) -> ${1:A}(SYN_SENT): SYN,ACK seq=${4:y} ack=${3:x}+1',
      '${1:A}(ESTABLISHED) -> ${2:B}(SYN_RECEIVED): ACK seq=${3:x}+1 ack=${4:y}+1',
    ].join('\n'),
  },
  {
    id: 'fourWay',
    label: '4-way close',
    body: [
      '${1:A}(ESTABLISHED) -> ${2:B}(ESTABLISHED): FIN,ACK seq=${3:u} ack=${4:v}',
      '${2:B}(CLOSE_WAIT) -> ${1:A}(FIN_WAIT_1): ACK seq=${4:v} ack=${3:u}+1',
      '${2:B}(CLOSE_WAIT) -> ${1:A}(FIN_WAIT_2): FIN,ACK seq=${4:v} ack=${3:u}+1',
      '${1:A}(TIME_WAIT) -> ${2:B}(LAST_ACK): ACK seq=${3:u}+1 ack=${4:v}+1',
      'wait 2MSL',
      'state ${1:A}: CLOSED, ${2:B}: CLOSED',
    ].join('\n'),
  },
  {
    id: 'simultaneousOpen',
    label: 'simultaneous open',
    // Each SYN,ACK repeats its SYN (RFC 9293 Figure 7), so the checker notes two retransmissions.
    body: [
      'par',
      '  ${1:A}(CLOSED) -> ${2:B}(SYN_SENT): SYN seq=${3:x}',
      'and',
      '  ${2:B}(CLOSED) -> ${1:A}(SYN_SENT): SYN seq=${4:y}',
      'end',
      'par',
      '  ${1:A}(SYN_RECEIVED) -> ${2:B}(SYN_RECEIVED): SYN,ACK seq=${3:x} ack=${4:y}+1',
      'and',
      '  ${2:B}(SYN_RECEIVED) -> ${1:A}(SYN_RECEIVED): SYN,ACK seq=${4:y} ack=${3:x}+1',
      'end',
      'state ${1:A}: ESTABLISHED, ${2:B}: ESTABLISHED',
    ].join('\n'),
  },
  {
    id: 'simultaneousClose',
    label: 'simultaneous close',
    body: [
      'par',
      '  ${1:A}(ESTABLISHED) -> ${2:B}(FIN_WAIT_1): FIN,ACK seq=${3:u} ack=${4:v}',
      'and',
      '  ${2:B}(ESTABLISHED) -> ${1:A}(FIN_WAIT_1): FIN,ACK seq=${4:v} ack=${3:u}',
      'end',
      'par',
      '  ${1:A}(CLOSING) -> ${2:B}(CLOSING): ACK seq=${3:u}+1 ack=${4:v}+1',
      'and',
      '  ${2:B}(CLOSING) -> ${1:A}(CLOSING): ACK seq=${4:v}+1 ack=${3:u}+1',
      'end',
      'state ${1:A}: TIME_WAIT, ${2:B}: TIME_WAIT',
      'wait 2MSL',
      'state ${1:A}: CLOSED, ${2:B}: CLOSED',
    ].join('\n'),
  },
];

/** The snippet as it reads once every placeholder keeps its default (for documentation). */
export function expandDefaults(body: string): string {
  return body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}
