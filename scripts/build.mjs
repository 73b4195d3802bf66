// One build script, several entry points (esbuild): the CLI and the language server for Node,
// the extension client for VS Code's extension host. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { webviewBuilds } from './webview.build.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

// Entry points that exist at this stage of the project (client/webview are added by later work).
const node = [
  { in: 'server/src/cli/main.ts', out: 'cli/main' },
  { in: 'server/src/lsp/main.ts', out: 'server/main' },
].filter((e) => existsSync(e.in));

const builds = [
  { ...common, entryPoints: node, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];
if (existsSync('client/src/extension.ts')) {
  builds.push({ ...common, entryPoints: [{ in: 'client/src/extension.ts', out: 'client/extension' }], outdir: 'dist', external: ['vscode'] });
}

// The VS Code integration suite (test/suite): run inside the extension host by @vscode/test-electron's runTests()
// or test/vscode-host/run-suite.mjs; `vscode` and `mocha` come from the host and node_modules at run time.
if (existsSync('test/suite/index.ts')) {
  const suite = readdirSync('test/suite')
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => ({ in: `test/suite/${f}`, out: f.replace(/\.ts$/, '') }));
  builds.push({ ...common, entryPoints: suite, outdir: 'out/test/suite', external: ['vscode', 'mocha'] });
}

// The preview's webview: its own browser bundle (mermaid inside, one IIFE file, no lazy chunks).
builds.push(...webviewBuilds);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
