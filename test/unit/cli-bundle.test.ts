// The CLI bundle as the package ships it (scripts/build.mjs --production: minified), as main.ts
// reads it (issue 13: start-up).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { cliProgram } from '../../scripts/cliBuild.mjs';

const ROOT = path.join(__dirname, '..', '..');

describe('the CLI bundle', () => {
  it('is ASCII, so main.ts reads it as Latin-1 (a regular expression with a non-ASCII character written as is makes it UTF-8)', () => {
    const entry = cliProgram.entryPoints[0];
    const built = buildSync({ ...cliProgram, entryPoints: [path.join(ROOT, entry.in)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, write: false, logLevel: 'silent' });
    const bytes = built.outputFiles![0].contents;
    const first = bytes.findIndex((b) => b > 0x7f);
    assert.ok(isAscii(bytes), `non-ASCII at byte ${first}: ${Buffer.from(bytes.subarray(Math.max(0, first - 60), first + 20)).toString('utf8')}`);
  });
});
