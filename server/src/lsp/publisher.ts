// When each document's diagnostics are published. Changes that arrive faster than they are
// analysed coalesce: a document is analysed and published once the messages that came in
// together have been handled, at its newest version, so a burst of keystrokes costs one analysis
// and one publish, and a version already superseded is never published. And a document has at
// most one publish being written at a time: while a client reads slowly, newer versions wait and
// only the newest goes out, so no backlog of stale diagnostics builds up in the server.
//
// How "the messages that came in together" are seen: the JSON-RPC connection handles one queued
// message per turn (vscode-jsonrpc's setImmediate: Node's, or a microtask in a Web Worker). The
// publisher counts the messages the server handles (`heard`) and waits, a turn at a time, until a
// whole turn has gone by without one: then the queue is empty. (In a Web Worker each message is
// an event of its own, so there each change is published: the browser's client sends fewer.)

import { RAL } from 'vscode-languageserver';

type Publish = (uri: string) => Promise<void> | undefined;

/** The connection's own "next turn" (setImmediate in Node, a microtask in a Web Worker), so the two take turns alike. */
const nextTurn = (f: () => void): void => void RAL().timer.setImmediate(f);

export class Publisher {
  private readonly due = new Set<string>();
  private readonly writing = new Set<string>();
  private handled = 0;
  private waiting = false;

  /** `publish` analyses the document's newest version and sends its diagnostics (undefined: nothing to send). */
  constructor(private readonly publish: Publish) {}

  /** A message was handled: publishing waits until a turn goes by without one. */
  heard(): void {
    this.handled++;
  }

  /** The document changed (or was opened, or the settings changed): its diagnostics are due. */
  changed(uri: string): void {
    this.heard();
    this.due.add(uri);
    this.wait();
  }

  /** The document was closed: nothing is due for it any more. */
  closed(uri: string): void {
    this.heard();
    this.due.delete(uri);
  }

  private wait(): void {
    if (this.waiting) return;
    this.waiting = true;
    // -1: the turn in which the change itself was handled does not count as a quiet one.
    let seen = -1;
    const turn = (): void => {
      if (seen !== this.handled) {
        seen = this.handled;
        nextTurn(turn);
        return;
      }
      this.waiting = false;
      this.flush();
    };
    nextTurn(turn);
  }

  private flush(): void {
    for (const uri of [...this.due]) {
      if (this.writing.has(uri)) continue; // goes out when the one being written is done
      this.due.delete(uri);
      const sent = this.publish(uri);
      if (!sent) continue;
      this.writing.add(uri);
      const done = (): void => {
        this.writing.delete(uri);
        if (this.due.has(uri)) this.wait();
      };
      sent.then(done, done);
    }
  }
}
