// English prose for hovers, inlay hints and completion (catalog.ts `Docs`). State descriptions follow
// RFC 9293 §3.3.2; what a state may send and how it is left follow SPEC §4.
import type { Docs } from './catalog';
import { enStory } from './enStory';

export const enDocs: Docs = {
  flags: {
    SYN: {
      summary: 'synchronize sequence numbers: opens a connection',
      body:
        'Sent from CLOSED (active open) or LISTEN, which then go to SYN_SENT; answered with a SYN,ACK from SYN_RECEIVED. ' +
        'A SYN consumes one sequence number and its seq is the ISS, so the peer acknowledges seq+1. Never together with FIN or RST. ' +
        'RFC 9293 §3.5 (§3.4 for the sequence number it consumes).',
    },
    ACK: {
      summary: 'the acknowledgment field is significant',
      body:
        'ack is the next sequence number the sender expects (its RCV.NXT). Every segment after the first SYN carries ACK, ' +
        'except an RST answering a segment that carried one. A bare ACK consumes no sequence number and may be sent in any ' +
        'synchronized state (ESTABLISHED through TIME_WAIT). RFC 9293 §3.4, §3.10.7.4.',
    },
    FIN: {
      summary: 'no more data from the sender: closes its half of the connection',
      body:
        'Sent from ESTABLISHED (→ FIN_WAIT_1), CLOSE_WAIT (→ LAST_ACK) or SYN_RECEIVED (→ FIN_WAIT_1); resent in FIN_WAIT_1, ' +
        'CLOSING or LAST_ACK until it is acknowledged. A FIN consumes one sequence number, so the peer acknowledges seq+1. ' +
        'After its FIN an endpoint sends no new data. RFC 9293 §3.6.',
    },
    RST: {
      summary: 'reset: aborts the connection',
      body:
        'Any state may send it. An endpoint with a connection resets it with seq = SND.NXT (§3.10.5); a CLOSED, LISTEN or ' +
        "SYN_SENT endpoint answers a segment with that segment's ack as seq, or seq=0 with ACK when it carried none (§3.5.2). " +
        'A synchronized receiver accepts it only when its seq is exactly RCV.NXT (RFC 5961) and goes to CLOSED; LISTEN ignores it. ' +
        'RFC 9293 §3.5.2, §3.5.3.',
    },
    PSH: {
      summary: 'push: deliver the data to the application now',
      body: 'Asks the receiver to pass the data to the application without waiting for more. Changes no state and consumes no sequence number. RFC 9293 §3.9.1.',
    },
    URG: {
      summary: 'the urgent pointer is significant',
      body: 'Marks urgent data up to the urgent pointer; new applications should not use it (RFC 6093). Changes no state. RFC 9293 §3.8.5.',
    },
    ECE: {
      summary: 'ECN-Echo: congestion was seen on the path',
      body:
        'On a SYN (with CWR) it asks for Explicit Congestion Notification; afterwards it tells the sender a packet arrived marked ' +
        'Congestion Experienced. Changes no TCP state. RFC 9293 §3.1, RFC 3168 §6.1.',
    },
    CWR: {
      summary: 'congestion window reduced',
      body: 'The sender has reduced its congestion window after an ECE, so the receiver may stop echoing. Changes no TCP state. RFC 9293 §3.1, RFC 3168 §6.1.',
    },
  },
  states: {
    CLOSED: { waits: 'Represents no connection state at all.', next: 'sends a SYN (active open) → SYN_SENT. A segment that arrives here is answered with an RST.' },
    LISTEN: { waits: 'Represents waiting for a connection request from any remote TCP peer and port.', next: 'receives a SYN → SYN_RECEIVED (passive open); sends a SYN → SYN_SENT.' },
    SYN_SENT: {
      waits: 'Represents waiting for a matching connection request after having sent a connection request.',
      next: 'receives the SYN,ACK that acknowledges its SYN → ESTABLISHED; a SYN alone → SYN_RECEIVED (simultaneous open); an acceptable RST → CLOSED.',
    },
    SYN_RECEIVED: {
      waits: 'Represents waiting for a confirming connection request acknowledgment after having both received and sent a connection request.',
      next: 'receives the ACK of its SYN → ESTABLISHED; sends a FIN → FIN_WAIT_1; an RST → LISTEN (passive open) or CLOSED.',
    },
    ESTABLISHED: {
      waits: 'Represents an open connection: data received can be delivered to the user. The normal state for the data transfer phase of the connection.',
      next: 'sends a FIN → FIN_WAIT_1; receives a FIN → CLOSE_WAIT.',
    },
    FIN_WAIT_1: {
      waits: 'Represents waiting for a connection termination request from the remote TCP peer, or an acknowledgment of the connection termination request previously sent.',
      next: 'receives the ACK of its FIN → FIN_WAIT_2; a FIN without that ACK → CLOSING; a FIN with it → TIME_WAIT.',
    },
    FIN_WAIT_2: { waits: 'Represents waiting for a connection termination request from the remote TCP peer.', next: "receives the peer's FIN → TIME_WAIT." },
    CLOSE_WAIT: { waits: 'Represents waiting for a connection termination request from the local user.', next: 'sends its FIN → LAST_ACK.' },
    CLOSING: { waits: 'Represents waiting for a connection termination request acknowledgment from the remote TCP peer.', next: 'receives the ACK of its FIN → TIME_WAIT.' },
    LAST_ACK: {
      waits: "Represents waiting for an acknowledgment of the connection termination request previously sent to the remote TCP peer (which already acknowledged the peer's own termination request).",
      next: 'receives the ACK of its FIN → CLOSED.',
    },
    TIME_WAIT: {
      waits: 'Represents waiting for enough time to pass to be sure the remote TCP peer received the acknowledgment of its connection termination request, and to avoid new connections being impacted by delayed segments from previous connections.',
      next: "`wait 2MSL` → CLOSED; a new SYN above the old connection's numbers opens a new connection → SYN_RECEIVED.",
    },
  },
  fields: {
    seq: {
      summary: "sequence number of the segment's first byte",
      body: "Must be the sender's SND.NXT, or repeat a segment not yet acknowledged (a retransmission). A SYN's seq is the ISS. Left out, it is inferred. RFC 9293 §3.4.",
    },
    ack: {
      summary: 'acknowledgment number: the next sequence number the sender expects',
      body: "Must be the sender's RCV.NXT; significant only with the ACK flag. Left out, it is inferred. RFC 9293 §3.4, §3.10.7.4.",
    },
    len: {
      summary: 'payload length in bytes (default 0)',
      body: 'The segment consumes len sequence numbers. Data is sent in ESTABLISHED or CLOSE_WAIT (or on a SYN with TCP Fast Open, RFC 7413). RFC 9293 §3.4.',
    },
    win: { summary: 'receive window', body: 'How many bytes beyond ack the sender is willing to receive. Shown, not checked. RFC 9293 §3.8.6.' },
    mss: { summary: 'maximum segment size option', body: 'The largest segment the sender can receive; sent on the SYN. Shown, not checked. RFC 9293 §3.7.1.' },
    wscale: { summary: 'window scale option', body: 'The shift count applied to the window; sent on the SYN. Shown, not checked. RFC 7323 §2.' },
    sackOK: { summary: 'SACK-permitted option', body: 'The sender can receive selective acknowledgments; sent on the SYN. Shown, not checked. RFC 2018.' },
    ts: { summary: 'timestamps option', body: 'TSval, for round-trip time measurement and PAWS. Shown, not checked. RFC 7323 §3.' },
  },
  kinds: { syn: 'SYN', synack: 'SYN,ACK', fin: 'FIN', data: 'data', ack: 'a bare ACK', rst: 'RST' },
  roles: {
    retransmission: 'retransmission — it repeats a segment already sent and not yet acknowledged (same seq)',
    keepalive: 'keep-alive probe — seq = SND.NXT−1 after an idle wait (RFC 9293 §3.8.4)',
    duplicate: 'duplicate — the receiver already has it and acknowledges it again',
    outOfOrder: 'out of order — it is ahead of RCV.NXT and kept until the gap is filled',
    rejected: 'not accepted — the receiver drops it, or answers with an RST or a challenge ACK',
    lost: 'lost in the network — it never arrives',
  },
  keywords: {
    participant: 'declares a participant: `participant A as "Client" (LISTEN)`',
    title: "the diagram's title",
    par: 'starts a block of segments that cross in flight (simultaneous open or close)',
    and: 'separates the branches of a `par` block',
    end: 'closes a `par` block',
    'note over': 'a note over one or two participants',
    'note left of': 'a note left of a participant',
    'note right of': 'a note right of a participant',
    wait: '`wait 2MSL` ends TIME_WAIT; other waits (`RTO`, `200ms`) are drawn only',
    state: 'asserts states with no event: `state A: CLOSED, B: CLOSED`',
  },
  snippets: {
    threeWay: 'connection setup: SYN, SYN,ACK, ACK (RFC 9293 §3.5, Figure 6)',
    fourWay: 'connection release: FIN, ACK, FIN, ACK, then 2MSL (RFC 9293 §3.6, Figure 12)',
    simultaneousOpen: 'both ends send a SYN at once (RFC 9293 §3.5, Figure 7)',
    simultaneousClose: 'both ends send a FIN at once (RFC 9293 §3.6, Figure 13)',
  },
  initial: {
    declared: (s) => `starts ${s}, as its participant line says`,
    activeOpen: () => 'starts CLOSED: its first event is sending a SYN (active open, RFC 9293 §3.5)',
    passiveOpen: () => 'starts LISTEN: its first event is receiving a SYN (passive open, RFC 9293 §3.5)',
    midConnection: () => 'starts ESTABLISHED: the notes begin in the middle of its connection',
  },
  story: enStory,
  words: {
    role: 'Role',
    inferred: 'inferred',
    noChange: 'no change',
    notDelivered: 'not delivered',
    maySend: 'May send',
    retransmissions: 'retransmissions of segments not yet acknowledged',
    next: 'Next',
    participant: 'participant',
    sndNxt: (n) => `${n}'s SND.NXT`,
    rcvNxt: (n) => `${n}'s RCV.NXT`,
    inferredValue: (w) => `Inferred: ${w}`,
    expectedValue: (w) => `expected here: ${w}`,
    expectedState: 'the state here, as the checker computes it',
    aliasOf: (s) => `alias of ${s}`,
    stateAfter: 'state after this line',
    waitAmount: { '2MSL': 'ends TIME_WAIT (→ CLOSED)', RTO: 'a retransmission timeout; changes no state' },
  },
};
