// The preview webview's bundle: one IIFE file (dist/webview/preview.js) with mermaid inside, and
// its stylesheet. One file because the webview's CSP and localResourceRoots allow nothing else:
// mermaid's ESM build lazy-loads its chunks, which esbuild inlines when splitting is off. The same
// for the script and stylesheet VS Code's own Markdown preview loads for ```tcpflow blocks
// (dist/webview/markdown-preview.js and .css, package.json markdown.previewScripts/previewStyles).
// `node scripts/webview.build.mjs [--production] [--watch]` builds it alone; build.mjs imports
// `webviewBuilds`.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
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
 * Mermaid's layout-loader registry (flowchart node shapes, hand-drawn rough.js, their chunks) is
 * imported by mermaid's core only to be handed on through its API (`registerLayoutLoaders`); a
 * sequence diagram never reaches it. The chunk exporting it (its hashed name changes with every
 * mermaid release, so it is found by what it exports) becomes a stub, and mermaid's chunks are
 * marked free of side effects (they only define things), so the ones imported merely for their
 * side effects (`import "./chunk-….mjs"`) and otherwise unused are left out too.
 */
const LAYOUT_REGISTRY = /export \{\s*registerLayoutLoaders,\s*render,\s*getRegisteredLayoutAlgorithm\s*\};/;
const MERMAID_CHUNK = /mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-\w+\.mjs$/;
const noLayoutRegistry = {
  name: 'tcpflow-mermaid-no-layout-registry',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*chunk-\w+\.mjs$/ }, (args) => {
      if (!/node_modules[\\/]mermaid[\\/]dist[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), args.path), sideEffects: false };
    });
    build.onLoad({ filter: MERMAID_CHUNK }, (args) => {
      if (!LAYOUT_REGISTRY.test(readFileSync(args.path, 'utf8'))) return undefined;
      return {
        loader: 'js',
        contents: `const missing = () => { throw new Error('not in the TCP Flow preview bundle: mermaid layout loaders'); };
export { missing as render, missing as getRegisteredLayoutAlgorithm };
export const registerLayoutLoaders = () => undefined;`,
      };
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
    plugins: [sequenceOnly, noLayoutRegistry, noLazyChunks],
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
