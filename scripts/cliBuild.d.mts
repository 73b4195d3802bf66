// Types of cliBuild.mjs, for the CLI bench.
export declare const cliEntryPoints: { in: string; out: string }[];
export declare function writeCodeCache(dir: string): void;
