// Shared by the capture*.test.ts files: the fixtures under test/fixtures/captures/ (made by
// record.sh and make_edge.py), their sidecar JSON (each endpoint's final kernel state) and the
// edge-file manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TcpState } from '../../server/src/core/syntax/ast';

export const CAPTURES = path.resolve(__dirname, '..', 'fixtures', 'captures');

export const fixture = (name: string): Uint8Array => fs.readFileSync(path.join(CAPTURES, name));

export interface SidecarStream {
  client: string;
  server: string;
  final: { client: TcpState; server: TcpState };
  ss: string[];
}

export interface Sidecar {
  scenario: string;
  streams: SidecarStream[];
}

interface EdgeEntry {
  from: string | string[] | null;
  shows: string;
  error?: boolean;
}

export const EDGE: Record<string, EdgeEntry> = JSON.parse(fs.readFileSync(path.join(CAPTURES, 'edge.json'), 'utf8'));

/** The captures record.sh made (each has NAME.json next to it), and the text versions of some. */
export const REAL = fs
  .readdirSync(CAPTURES)
  .filter((f) => f.endsWith('.pcap') && fs.existsSync(path.join(CAPTURES, f.replace(/\.pcap$/, '.json'))))
  .sort();
export const TEXT = ['client-close.txt', 'half-close.S.txt', 'server-close.v.txt', 'ipv6-loopback.txt'];

export function sidecar(base: string): Sidecar {
  return JSON.parse(fs.readFileSync(path.join(CAPTURES, `${base}.json`), 'utf8'));
}

/** The kernel's final states for every stream of a fixture: its own sidecar, or its sources'. */
export function kernelFinals(file: string): SidecarStream['final'][] {
  const base = file.replace(/(\.S|\.v)?\.(pcap|pcapng|txt)$/, '');
  if (fs.existsSync(path.join(CAPTURES, `${base}.json`))) return sidecar(base).streams.map((s) => s.final);
  const from = EDGE[file]?.from;
  if (!from) throw new Error(`no kernel states for ${file}`);
  return (Array.isArray(from) ? from : [from]).flatMap((f) => sidecar(f).streams.map((s) => s.final));
}

/** Every fixture that imports (real, text and derived), with the kernel's final states per stream. */
export const IMPORTABLE = [...REAL, ...TEXT, ...Object.keys(EDGE).filter((f) => !EDGE[f].error)].sort();
