// Command-line parsing for tcpflow-cli (SPEC §7). Any mistake is a UsageError: one line on
// stderr and exit code 2, never a stack trace.
import type { Lang } from '../core/i18n';

export type Command = 'check' | 'render' | 'trace';

export interface Options {
  command: Command;
  files: string[];
  format: string;
  lang: Lang;
  out?: string;
  force: boolean;
}

export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: Options };

export class UsageError extends Error {}

const FORMATS: Record<Command, readonly string[]> = {
  check: ['text', 'json'],
  render: ['mermaid', 'markdown'],
  trace: ['json', 'text'],
};
const LANGS: readonly string[] = ['en', 'ko'];
const COMMANDS = Object.keys(FORMATS) as Command[];

export const USAGE = `Usage:
  tcpflow-cli check FILE... [--format text|json] [--lang en|ko]
  tcpflow-cli render FILE [--format mermaid|markdown] [-o OUT] [--force] [--lang en|ko]
  tcpflow-cli trace FILE [--format json|text]
  tcpflow-cli --help | --version

FILE may be '-' for standard input.

check   report every mistake; exit 0 when no file has an error, 1 when one has, 2 on bad usage
        or an unreadable file
render  print the Mermaid diagram or the Markdown document (to OUT with -o; an existing OUT is
        overwritten only with --force)
trace   print every step of the simulation with every participant's state after it
`;

/** Options that take a value, by every spelling. */
const VALUE_OPTIONS: Record<string, 'format' | 'lang' | 'out'> = {
  '--format': 'format',
  '--lang': 'lang',
  '-o': 'out',
  '--output': 'out',
};

export function parseArgs(argv: string[]): Parsed {
  const files: string[] = [];
  const values: Partial<Record<'format' | 'lang' | 'out', string>> = {};
  let force = false;
  let command: Command | undefined;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      if (!command) command = toCommand(arg);
      else files.push(arg);
      continue;
    }
    if (arg === '--') onlyFiles = true;
    else if (arg === '--help' || arg === '-h') return { kind: 'help' };
    else if (arg === '--version' || arg === '-V') return { kind: 'version' };
    else if (arg === '--force') force = true;
    else {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const key = VALUE_OPTIONS[name];
      if (!key) throw new UsageError(`unknown option '${arg}'`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option '${name}' needs a value`);
      if (values[key] !== undefined) throw new UsageError(`option '${name}' given twice`);
      values[key] = value;
    }
  }
  if (!command) throw new UsageError('no command given (check, render or trace)');
  return { kind: 'run', options: validate(command, files, values, force) };
}

function toCommand(word: string): Command {
  if ((COMMANDS as string[]).includes(word)) return word as Command;
  throw new UsageError(`unknown command '${word}' (expected check, render or trace)`);
}

function validate(
  command: Command,
  files: string[],
  values: Partial<Record<'format' | 'lang' | 'out', string>>,
  force: boolean,
): Options {
  if (files.length === 0) throw new UsageError(`'${command}' needs a FILE`);
  if (command !== 'check' && files.length > 1) throw new UsageError(`'${command}' takes one FILE, not ${files.length}`);
  const format = values.format ?? FORMATS[command][0];
  if (!FORMATS[command].includes(format)) {
    throw new UsageError(`unknown format '${format}' for '${command}' (expected ${FORMATS[command].join(' or ')})`);
  }
  const lang = values.lang ?? 'en';
  if (!LANGS.includes(lang)) throw new UsageError(`unknown language '${lang}' (expected en or ko)`);
  if (command !== 'render' && (values.out !== undefined || force)) {
    throw new UsageError(`'-o' and '--force' belong to 'render', not '${command}'`);
  }
  return { command, files, format, lang: lang as Lang, out: values.out, force };
}
