// `tcpflow-cli import CAPTURE`: one TCP connection of a pcap, pcapng or `tcpdump -nn` text file
// as a .tcpflow note (server/src/core/capture). With several connections and no --stream, the
// connections are listed on stderr and the command exits 2: the listing never ends up in a
// note redirected from stdout. `--list` prints the listing on stdout and exits 0.
import * as path from 'node:path';
import { CaptureError, describeConnections, importConnection, openCapture, type OpenedCapture } from '../core/capture';
import type { Options } from './args';
import { CliError, oneLine, readBytes, STDIN, writeOutput, type Io } from './io';

export function importCapture(o: Options, io: Io): number {
  const file = o.files[0];
  const input = readBytes(file, io);
  const shown = oneLine(input.name);
  const capture = open(input.bytes, shown);
  const n = capture.connections.length;
  // Endpoints from tcpdump text are the file's own words: shown escaped, as every quote of the input.
  const listing = describeConnections(capture.connections).map(oneLine).join('\n') + '\n';
  if (o.list) {
    io.stdout(listing);
    return 0;
  }
  if (o.stream === undefined && n > 1) {
    io.stderr(listing);
    throw new CliError(`'${shown}' holds ${n} TCP connections (listed above): choose one with --stream N`);
  }
  const index = o.stream ?? 0;
  if (index >= n) {
    const which = n === 1 ? 'only stream 0' : `streams 0 to ${n - 1}`;
    throw new CliError(`'${shown}' has no stream ${index}: it holds ${which}`);
  }
  const captureName = file === STDIN ? '<stdin>' : path.basename(file);
  const text = importConnection(capture, index, { captureName, numbering: o.numbering, window: o.window });
  writeOutput(text, o.out, o.force, io);
  return 0;
}

function open(bytes: Uint8Array, shown: string): OpenedCapture {
  try {
    return openCapture(bytes);
  } catch (err) {
    if (err instanceof CaptureError) throw new CliError(`cannot import '${shown}': ${oneLine(err.message)}`);
    throw err;
  }
}
