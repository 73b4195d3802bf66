// The preview webview's bundle: one IIFE file (dist/webview/preview.js) with mermaid inside, and
// its stylesheet. One file because the webview's CSP and localResourceRoots allow nothing else:
// mermaid's ESM build lazy-loads its chunks, which esbuild inlines when splitting is off. The same
// for the script and stylesheet VS Code's own Markdown preview loads for ```tcpflow blocks
// (dist/webview/markdown-preview.js and .css, package.json markdown.previewScripts/previewStyles).
// `node scripts/webview.build.mjs [--production] [--watch]` builds it alone; build.mjs imports
// `webviewBuilds`.
import * as esbuild from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');

/** Fails the build if the output could still fetch code at run time (a CSP violation in the webview). */
const noLazyChunks = {
  name: 'tcpflow-no-lazy-chunks',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const errors = [];
      for (const entry of build.initialOptions.entryPoints) {
        const file = `${build.initialOptions.outdir}/${entry.out}.js`;
        const code = readFileSync(file, 'utf8');
        // `import(` as a call (not inside a word such as `_import(`), `import.meta`, or a chunk path.
        const bad = [/(?<![\w$.])import\s*\(/, /import\.meta/, /chunks\/mermaid/].filter((re) => re.test(code));
        if (bad.length) errors.push({ text: `${file} may load code at run time (${bad.map(String).join(', ')}): the webview CSP forbids it` });
      }
      return errors.length ? { errors } : undefined;
    });
  },
};

/**
 * The preview page's script is loaded and compiled on every open: the build fails if it grows past
 * this (576 KB when set; a mermaid update that makes a stub above miss its chunk shows up here).
 */
const PREVIEW_BUDGET = 600 * 1024;
const budget = {
  name: 'tcpflow-bundle-budget',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return undefined;
      const file = `${build.initialOptions.outdir}/preview.js`;
      let size;
      try {
        size = statSync(file).size;
      } catch {
        return undefined; // a build without the preview page (the bench's)
      }
      if (size <= PREVIEW_BUDGET) return undefined;
      return { errors: [{ text: `${file} is ${Math.round(size / 1024)} KB, over its ${PREVIEW_BUDGET / 1024} KB budget: what did the bundle gain?` }] };
    });
  },
};

/**
 * The preview only ever draws `sequenceDiagram` text (the core writes it), so of mermaid's lazy
 * imports only the sequence diagram is bundled; the other 35 diagram types, their layout engines
 * (elk, dagre, cose-bilkent) and KaTeX (never reached: the core escapes `$`) become a stub that
 * throws. 5.4 MB → 0.8 MB, which the webview loads and compiles on every open.
 */
const SEQUENCE_ONLY = /sequenceDiagram-[\w-]+\.mjs$/;
const sequenceOnly = {
  name: 'tcpflow-mermaid-sequence-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.includes('node_modules/mermaid/')) return undefined;
      if (SEQUENCE_ONLY.test(args.path)) return undefined;
      return { path: args.path, namespace: 'mermaid-stub' };
    });
    build.onLoad({ filter: /.*/, namespace: 'mermaid-stub' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`not in the TCP Flow preview bundle: ${args.path.split('/').pop()}`)});`,
      loader: 'js',
    }));
  },
};

/**
 * Mermaid chunks a sequence diagram of ours never reaches, stubbed (each found by what it exports:
 * chunk names change with every mermaid release). A stub throws if it is ever called, so a miss
 * shows as Mermaid's error in the banner, never as a wrong picture.
 * - The layout-loader registry (flowchart node shapes, hand-drawn rough.js): mermaid's core only
 *   hands it on through its API (`registerLayoutLoaders`, kept as a no-op).
 * - js-yaml: read only for `---` front matter and `participant A@{ … }` metadata, which the core
 *   never writes (it escapes `{`, `}`, `%`, and starts every text with `sequenceDiagram`).
 * Mermaid's chunks are also marked free of side effects (they only define things), so the ones
 * imported merely for their side effects (`import "./chunk-….mjs"`) and otherwise unused drop out.
 */
const missing = (what) => `const missing = () => { throw new Error('not in the TCP Flow preview bundle: ${what}'); };`;
const MERMAID_STUBS = [
  {
    exports: /export \{\s*registerLayoutLoaders,\s*render,\s*getRegisteredLayoutAlgorithm\s*\};/,
    contents: `${missing('mermaid layout loaders')}
export { missing as render, missing as getRegisteredLayoutAlgorithm };
export const registerLayoutLoaders = () => undefined;`,
  },
  {
    exports: /export \{\s*JSON_SCHEMA,\s*load\s*\};/,
    contents: `${missing('YAML (front matter, participant metadata)')}
export { missing as load };
export const JSON_SCHEMA = {};`,
  },
];
const MERMAID_CHUNK = /mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-\w+\.mjs$/;
const mermaidStubs = {
  name: 'tcpflow-mermaid-stubs',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*chunk-\w+\.mjs$/ }, (args) => {
      if (!/node_modules[\\/]mermaid[\\/]dist[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), args.path), sideEffects: false };
    });
    build.onLoad({ filter: MERMAID_CHUNK }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const stub = MERMAID_STUBS.find((s) => s.exports.test(source));
      return stub ? { loader: 'js', contents: stub.contents } : undefined;
    });
  },
};

export const webviewBuilds = [
  {
    entryPoints: [
      { in: 'client/src/webview/main.ts', out: 'preview' },
      { in: 'client/src/webview/markdownPreview.ts', out: 'markdown-preview' },
    ],
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    splitting: false,
    // Minified even in development: mermaid is most of the bundle and its load time is felt.
    minify: true,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sequenceOnly, mermaidStubs, noLazyChunks, budget],
  },
  {
    entryPoints: [
      { in: 'client/src/webview/preview.css', out: 'preview' },
      { in: 'client/src/webview/markdownPreview.css', out: 'markdown-preview' },
    ],
    outdir: 'dist/webview',
    bundle: true,
    minify: production,
    logLevel: 'warning',
  },
];

/** `--bench`: the preview bench's baseline, plain Mermaid with the preview's configuration (never shipped). */
const benchBuild = {
  ...webviewBuilds[0],
  entryPoints: [{ in: 'test/bench/plainMermaid.ts', out: 'plain-mermaid' }],
  outdir: 'out/bench',
  sourcemap: false,
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--bench')) {
    await esbuild.build(benchBuild);
  } else if (process.argv.includes('--watch')) {
    for (const b of webviewBuilds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(webviewBuilds.map((b) => esbuild.build(b)));
  }
}
