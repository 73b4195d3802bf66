// `npm run package`: the VSIX (tcpflow-<version>.vsix) with @vscode/vsce. vsce runs `vscode:prepublish`
// (the production build) first and packs what .vscodeignore lets in. This script then fails on any vsce
// warning or error and on a package over the budget, and prints the package's size and every file in it.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const BUDGET = 1.5 * 1024 * 1024; // bytes: a student's download, and the Marketplace page's promise of a small extension
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `tcpflow-${version}.vsix`;
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');

const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const said = `${r.stdout}${r.stderr}`;
const complaints = said.split('\n').filter((l) => /\b(WARNING|ERROR)\b/.test(l));
if (r.status !== 0 || complaints.length) {
  process.stderr.write(said);
  console.error(`npm run package: vsce ${r.status !== 0 ? `failed (exit ${r.status})` : `warned: ${complaints.join(' | ')}`}`);
  process.exit(1);
}

const entries = zipEntries(readFileSync(vsix));
const size = statSync(vsix).size;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${vsix}: ${size.toLocaleString('en')} bytes (${(size / 1024 / 1024).toFixed(2)} MB; budget ${(BUDGET / 1024 / 1024).toFixed(1)} MB), ${entries.length} files:`);
for (const e of entries) console.log(`  ${e.name.padEnd(44)} ${kb(e.size).padStart(10)}  (${kb(e.compressed)} packed)`);
if (size > BUDGET) {
  console.error(`npm run package: ${vsix} is ${kb(size)}, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}

/** The files of a zip, from its central directory: name, size, packed size. */
function zipEntries(zip) {
  const eocd = zip.lastIndexOf(Uint8Array.of(0x50, 0x4b, 0x05, 0x06));
  if (eocd < 0) throw new Error(`${vsix} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const list = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    list.push({ name, compressed: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return list;
}
