// One build script, several entry points (esbuild):
//   - for Node: the CLI and the language server (dist/cli, dist/server), the extension's Node entry
//     (dist/client), and the VS Code integration suite (out/test/suite);
//   - for the browser: the extension's browser entry and the language server as a Web Worker
//     (dist/web: github.dev, vscode.dev), and the preview webview (dist/webview, webview.build.mjs).
// No browser bundle may contain a Node built-in: the build fails, naming the import, if one does.
//
//   node scripts/build.mjs                 development: source maps, not minified (the webview is always minified)
//   node scripts/build.mjs --production    what the VSIX ships: dist/ emptied first, minified, no source maps
//   node scripts/build.mjs --watch         rebuild on change
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { cliBin, cliProgram, writeCodeCache } from './cliBuild.mjs';
import { noNodeBuiltins } from './noNodeBuiltins.mjs';
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
const node = [cliBin, { in: 'server/src/lsp/main.ts', out: 'server/main' }];

// The VS Code integration suite (test/suite): run inside the extension host by @vscode/test-electron's runTests()
// or test/vscode-host/run-suite.mjs; `vscode` and `mocha` come from the host and node_modules at run time.
const suite = readdirSync('test/suite')
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => ({ in: `test/suite/${f}`, out: f.replace(/\.ts$/, '') }));

/** A browser bundle: browser fields and `exports` conditions, ES2022 (VS Code's web workbench is a current browser). */
const browser = { ...common, platform: 'browser', target: 'es2022', plugins: [noNodeBuiltins] };

const builds = [
  { ...common, entryPoints: node, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The CLI's program, which the bin runs (wrapped as a function: scripts/cliBuild.mjs).
  { ...common, ...cliProgram, outdir: 'dist' },
  // The extension's Node entry, for VS Code's extension host (which provides `vscode`).
  { ...common, entryPoints: [{ in: 'client/src/extension.ts', out: 'client/extension' }], outdir: 'dist', external: ['vscode'] },
  // The extension's browser entry (package.json `browser`): CommonJS, as the web extension host loads it.
  { ...browser, entryPoints: [{ in: 'client/src/browserExtension.ts', out: 'web/extension' }], outdir: 'dist', external: ['vscode'] },
  // The language server as a Web Worker script: self-contained, nothing to import.
  { ...browser, format: 'iife', entryPoints: [{ in: 'server/src/lsp/browserMain.ts', out: 'web/server' }], outdir: 'dist' },
  // The preview's webview: its own browser bundle (mermaid inside, one IIFE file, no lazy chunks).
  ...webviewBuilds.map((b) => ({ ...b, plugins: [...(b.plugins ?? []), noNodeBuiltins] })),
];
// The suites are test artefacts: built for development runs, never for the package. The web suite runs in the
// browser's extension host beside the browser entry (test/vscode-host/run-suite.mjs --web).
if (!production) {
  builds.push({ ...common, entryPoints: suite, outdir: 'out/test/suite', external: ['vscode', 'mocha'] });
  builds.push({
    ...browser,
    entryPoints: [{ in: 'test/vscode-host/web/index.ts', out: 'index' }],
    outdir: 'out/test/web',
    external: ['vscode'],
    define: { __TCPFLOW_REPO__: JSON.stringify(process.cwd()) },
  });
}

if (production) rmSync('dist', { recursive: true, force: true }); // no stale source maps or bundles in the package
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  writeCodeCache('dist/cli');
}
