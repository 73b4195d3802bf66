// One build script, several entry points (esbuild): the CLI and the language server for Node,
// the extension client for VS Code's extension host. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
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

// The CLI and the language server (Node, with a shebang for the package's bins).
const node = [
  { in: 'server/src/cli/main.ts', out: 'cli/main' },
  { in: 'server/src/lsp/main.ts', out: 'server/main' },
];

// The VS Code integration suite (test/suite): run inside the extension host by @vscode/test-electron's runTests()
// or test/vscode-host/run-suite.mjs; `vscode` and `mocha` come from the host and node_modules at run time.
const suite = readdirSync('test/suite')
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => ({ in: `test/suite/${f}`, out: f.replace(/\.ts$/, '') }));

const builds = [
  { ...common, entryPoints: node, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The extension client, for VS Code's extension host (which provides `vscode`).
  { ...common, entryPoints: [{ in: 'client/src/extension.ts', out: 'client/extension' }], outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: suite, outdir: 'out/test/suite', external: ['vscode', 'mocha'] },
];

// The preview's webview: its own browser bundle (mermaid inside, one IIFE file, no lazy chunks).
builds.push(...webviewBuilds);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
