// Types of cliBuild.mjs, for the CLI bench and tests.
export declare const cliBin: { in: string; out: string };
export declare const cliProgram: { entryPoints: { in: string; out: string }[]; banner: { js: string }; footer: { js: string } };
export declare function writeCodeCache(dir: string): void;
