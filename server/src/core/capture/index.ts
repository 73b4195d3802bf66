// The capture importer's public face, shared by `tcpflow-cli import` and the VS Code command
// "Import Capture…": bytes in, the TCP connections and their notes out.
import { describeConnections, splitConnections, timeOfDay, type Connection } from './connections';
import { readCapture } from './readCapture';
import { toTcpflow, type NoteOptions } from './toTcpflow';
import { CaptureError } from './types';

export { CaptureError } from './types';
export type { Connection } from './connections';
export type { Numbering } from './numbering';
export type { NoteOptions } from './toTcpflow';
export { describeConnections, timeOfDay, toTcpflow };

export interface OpenedCapture {
  /** `pcap`, `pcapng` or `tcpdump text`. */
  format: string;
  /** Records in the file, TCP or not. */
  frameCount: number;
  connections: Connection[];
}

/** Reads a capture and finds its TCP connections; a file with none is a CaptureError. */
export function openCapture(data: Uint8Array): OpenedCapture {
  const contents = readCapture(data);
  const connections = splitConnections(contents.segments);
  if (!connections.length) {
    const n = contents.frameCount;
    throw new CaptureError(n ? `no TCP segments in its ${n} packet${n === 1 ? '' : 's'}` : 'it holds no packets');
  }
  return { format: contents.format, frameCount: contents.frameCount, connections };
}

/** The note for one connection of an opened capture. */
export function importConnection(capture: OpenedCapture, index: number, options: Omit<NoteOptions, 'streamCount'>): string {
  const conn = capture.connections[index];
  if (!conn) throw new CaptureError(`there is no stream ${index}: the capture holds ${capture.connections.length} (0 to ${capture.connections.length - 1})`);
  return toTcpflow(conn, { ...options, streamCount: capture.connections.length });
}
