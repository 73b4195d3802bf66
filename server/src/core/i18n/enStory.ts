// English prose of the hover on a state (catalog.ts `Story`): how a participant came to the state
// the checker computed, each transition with the RFC 9293 rule that made it.
import type { Story } from './catalog';

export const enStory: Story = {
  heading: (name) => `${name}'s state here, as the checker computes it`,
  howGotHere: (name) => `How ${name} got here:`,
  sent: (line, what) => `line ${line}: sent \`${what}\``,
  received: (line, what) => `line ${line}: received \`${what}\``,
  waited: (line, amount) => `line ${line}: \`wait ${amount}\``,
  wroteEarlier: (written, name, line) => `You wrote ${written}: ${name} was ${written} until line ${line}.`,
  wroteLater: (written, name, line) => `You wrote ${written}: ${name} becomes ${written} only on line ${line}.`,
  wroteNever: (written, name) => `You wrote ${written}: ${name} is never ${written} in this flow.`,
  transitions: {
    'send:CLOSED>SYN_SENT': 'sending a SYN from CLOSED is an active open (RFC 9293 §3.10.1)',
    'send:LISTEN>SYN_SENT': 'a listening endpoint that sends a SYN turns into an active opener (RFC 9293 §3.10.2)',
    'deliver:LISTEN>SYN_RECEIVED': 'a SYN arriving in LISTEN is a passive open (RFC 9293 §3.10.7.2)',
    'deliver:CLOSED>SYN_RECEIVED': 'its listening socket takes the new SYN (RFC 9293 §3.10.7.2)',
    'deliver:SYN_SENT>ESTABLISHED': 'a SYN,ACK that acknowledges its SYN completes its side of the handshake (RFC 9293 §3.10.7.3)',
    'deliver:SYN_SENT>SYN_RECEIVED': 'a SYN without ACK in SYN_SENT is a simultaneous open (RFC 9293 §3.10.7.3)',
    'deliver:SYN_RECEIVED>ESTABLISHED': 'the ACK of its SYN completes the handshake (RFC 9293 §3.10.7.4)',
    'deliver:SYN_RECEIVED>LISTEN': 'an RST sends a passively opened connection back to LISTEN (RFC 9293 §3.10.7.4)',
    'send:SYN_RECEIVED>FIN_WAIT_1': 'sending a FIN in SYN_RECEIVED closes before any data (RFC 9293 §3.10.4)',
    'send:ESTABLISHED>FIN_WAIT_1': 'sending its FIN starts an active close (RFC 9293 §3.10.4)',
    'deliver:ESTABLISHED>CLOSE_WAIT': "the peer's FIN: a passive close (RFC 9293 §3.10.7.4)",
    'deliver:FIN_WAIT_1>FIN_WAIT_2': 'the ACK of its FIN (RFC 9293 §3.10.7.4)',
    'deliver:FIN_WAIT_1>CLOSING': "the peer's FIN before the ACK of its own: a simultaneous close (RFC 9293 §3.10.7.4)",
    'deliver:FIN_WAIT_1>TIME_WAIT': "the peer's FIN together with the ACK of its own (RFC 9293 §3.10.7.4)",
    'deliver:FIN_WAIT_2>TIME_WAIT': "the peer's FIN (RFC 9293 §3.10.7.4)",
    'send:CLOSE_WAIT>LAST_ACK': "sending its own FIN after the peer's (RFC 9293 §3.10.4)",
    'deliver:CLOSING>TIME_WAIT': 'the ACK of its FIN (RFC 9293 §3.10.7.4)',
    'deliver:LAST_ACK>CLOSED': 'the ACK of its FIN ends the connection (RFC 9293 §3.10.7.4)',
    'wait:TIME_WAIT>CLOSED': 'the 2MSL timeout ends TIME_WAIT (RFC 9293 §3.10.8)',
    'deliver:TIME_WAIT>SYN_RECEIVED': "a new SYN above the old connection's numbers opens a new one (RFC 9293 §3.10.7.4)",
    'deliver:*>CLOSED': 'an acceptable RST closes the connection (RFC 9293 §3.10.7.4)',
    'send:*>CLOSED': 'an endpoint that sends an RST aborts its connection (RFC 9293 §3.10.5)',
  },
};
