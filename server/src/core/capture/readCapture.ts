// One entry point for every input: pcap, pcapng or tcpdump text, told apart by their first
// bytes, decoded down to TCP segments.
import { hex32 } from './bytes';
import { decodeFrames } from './decode';
import { isSupportedLinkType, LINK_TYPE_NAMES } from './linkLayer';
import { isPcap, readPcap } from './pcap';
import { isPcapng, readPcapng } from './pcapng';
import { looksLikeTcpdumpText, readTcpdumpText } from './tcpdumpText';
import { CaptureError, type CaptureContents, type Frame } from './types';

export function readCapture(data: Uint8Array): CaptureContents {
  if (data.length === 0) throw new CaptureError('the file is empty');
  if (isPcap(data)) return fromFrames('pcap', readPcap(data).frames);
  if (isPcapng(data)) return fromFrames('pcapng', readPcapng(data).frames);
  if (looksLikeTcpdumpText(data)) return readTcpdumpText(data);
  const magic = data.length >= 4 ? ` (it starts with ${hex32(((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0)})` : '';
  throw new CaptureError(`not a capture file${magic}: expected pcap, pcapng or \`tcpdump -nn\` text output`);
}

function fromFrames(format: string, frames: Frame[]): CaptureContents {
  const segments = decodeFrames(frames);
  if (!segments.length) {
    const unsupported = [...new Set(frames.map((f) => f.linkType))].filter((t) => !isSupportedLinkType(t));
    if (unsupported.length) {
      const known = Object.entries(LINK_TYPE_NAMES)
        .map(([n, name]) => `${n} ${name}`)
        .join(', ');
      throw new CaptureError(`link type ${unsupported.join(', ')} is not supported (supported: ${known})`);
    }
  }
  return { format, frameCount: frames.length, segments };
}
