// An esbuild plugin for browser bundles: the build fails, naming the import and who made it, when any
// Node built-in is imported (`fs`, `node:path`, `fs/promises`…), even one a package's `browser` field maps
// to an empty module — in github.dev it would be missing at run time, or silently do nothing.
import { builtinModules } from 'node:module';

/** `fs`, `node:fs`, `fs/promises`, `node:test`…: anything Node provides and a browser does not. */
export function isNodeBuiltin(specifier) {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier) || builtinModules.includes(specifier.split('/')[0]);
}

export const noNodeBuiltins = {
  name: 'tcpflow-no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!isNodeBuiltin(args.path)) return undefined;
      const from = args.importer ? args.importer.replace(`${process.cwd()}/`, '') : '(entry point)';
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${from}: not allowed in a browser bundle` }] };
    });
  },
};
