// Command-line parsing for tcpflow-cli (SPEC §7). Any mistake is a UsageError: one line on
// stderr and exit code 2, never a stack trace.
import type { Numbering } from '../core/capture';
import type { Lang } from '../core/i18n';

export type Command = 'check' | 'render' | 'trace' | 'import' | 'sync';

export interface Options {
  command: Command;
  files: string[];
  format: string;
  lang: Lang;
  out?: string;
  force: boolean;
  /** `import`: the connection to import (`--stream N`), how to number, `win=` on, list only. */
  stream?: number;
  numbering: Numbering;
  window: boolean;
  list: boolean;
  /** `sync --check`: report notes that are out of date instead of writing them. */
  check: boolean;
}

export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: Options };

export class UsageError extends Error {}

const FORMATS: Record<Command, readonly string[]> = {
  check: ['text', 'json'],
  render: ['mermaid', 'markdown'],
  trace: ['json', 'text'],
  import: ['tcpflow'],
  sync: ['text'],
};
const LANGS: readonly string[] = ['en', 'ko'];
const COMMANDS = Object.keys(FORMATS) as Command[];

export const USAGE = `Usage:
  tcpflow-cli check FILE... [--format text|json] [--lang en|ko]
  tcpflow-cli render FILE [--format mermaid|markdown] [-o OUT] [--force] [--lang en|ko]
  tcpflow-cli trace FILE [--format json|text]
  tcpflow-cli import CAPTURE [--stream N] [--relative|--absolute|--symbolic] [--window]
                             [--list] [-o OUT] [--force]
  tcpflow-cli sync NOTES_DIR_OR_FILE... [--check] [--force] [--lang en|ko]
  tcpflow-cli --help | --version

FILE and CAPTURE may be '-' for standard input.

check   report every mistake; exit 0 when no file has an error, 1 when one has, 2 on bad usage
        or an unreadable file
render  print the Mermaid diagram or the Markdown document (to OUT with -o; an existing OUT is
        overwritten only with --force)
trace   print every step of the simulation with every participant's state after it
import  turn one TCP connection of a capture (pcap, pcapng, or \`tcpdump -nn\` text) into a
        .tcpflow note; with several connections, --stream N picks one (0-based, in order of
        first packet) and without it the connections are listed on stderr (exit 2); --list
        lists them on stdout.
        Sequence numbers: --relative (default: each side's ISN is 0), --absolute (as on the
        wire) or --symbolic (x, x+1, y+101). --window writes win=N on every segment.
sync    write, after each \`\`\`tcpflow block of the Markdown notes (files, or every .md under a
        folder), its Mermaid diagram between <!-- tcpflow:mermaid:begin/end --> markers, so
        GitHub shows it; only changed files are written. --check writes nothing and exits 1
        when a note is out of date (for CI). Text between the markers that was edited by hand is
        left as it is (exit 1) unless --force.
check also reads Markdown notes (.md): their \`\`\`tcpflow blocks, at the note's lines.
`;

type ValueKey = 'format' | 'lang' | 'out' | 'stream';

/** Switches only `import` takes; the three numberings exclude each other. */
const SWITCHES = ['--relative', '--absolute', '--symbolic', '--window', '--list'];

/** Options that take a value, by every spelling. */
const VALUE_OPTIONS: Record<string, ValueKey> = {
  '--stream': 'stream',
  '--format': 'format',
  '--lang': 'lang',
  '-o': 'out',
  '--output': 'out',
};

export function parseArgs(argv: string[]): Parsed {
  const files: string[] = [];
  const values: Partial<Record<ValueKey, string>> = {};
  let force = false;
  const switches = new Set<string>();
  let command: Command | undefined;
  let onlyFiles = false;
  let check = false;
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
    else if (arg === '--check') check = true;
    else if (SWITCHES.includes(arg)) switches.add(arg);
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
  if (!command) throw new UsageError('no command given (check, render, trace, import or sync)');
  return { kind: 'run', options: validate(command, files, values, force, switches, check) };
}

/** The command the arguments run; undefined for help, version and bad usage. */
export function commandOf(argv: string[]): Command | undefined {
  try {
    const parsed = parseArgs(argv);
    return parsed.kind === 'run' ? parsed.options.command : undefined;
  } catch {
    return undefined;
  }
}

function toCommand(word: string): Command {
  if ((COMMANDS as string[]).includes(word)) return word as Command;
  throw new UsageError(`unknown command '${word}' (expected check, render, trace, import or sync)`);
}

function validate(
  command: Command,
  files: string[],
  values: Partial<Record<ValueKey, string>>,
  force: boolean,
  switches: Set<string>,
  check: boolean,
): Options {
  if (files.length === 0) throw new UsageError(`'${command}' needs a FILE`);
  if (check && command !== 'sync') throw new UsageError(`'--check' belongs to 'sync', not '${command}'`);
  if (command !== 'check' && command !== 'sync' && files.length > 1) throw new UsageError(`'${command}' takes one FILE, not ${files.length}`);
  const format = values.format ?? FORMATS[command][0];
  if (!FORMATS[command].includes(format)) {
    throw new UsageError(`unknown format '${format}' for '${command}' (expected ${FORMATS[command].join(' or ')})`);
  }
  const lang = values.lang ?? 'en';
  if (!LANGS.includes(lang)) throw new UsageError(`unknown language '${lang}' (expected en or ko)`);
  if (command !== 'render' && command !== 'import' && (values.out !== undefined || (force && command !== 'sync'))) {
    throw new UsageError(`'-o' and '--force' belong to 'render' and 'import', not '${command}'`);
  }
  const imports = importOptions(command, values.stream, switches);
  return { command, files, format, lang: lang as Lang, out: values.out, force, ...imports, check };
}

/** The `import` options; any of them given to another command is a usage error. */
function importOptions(command: Command, stream: string | undefined, switches: Set<string>): Pick<Options, 'stream' | 'numbering' | 'window' | 'list'> {
  const given = [...switches];
  if (command !== 'import' && (given.length || stream !== undefined)) {
    throw new UsageError(`'${given[0] ?? '--stream'}' belongs to 'import', not '${command}'`);
  }
  const numberings = given.filter((s) => s === '--relative' || s === '--absolute' || s === '--symbolic');
  if (numberings.length > 1) throw new UsageError(`give one of --relative, --absolute and --symbolic, not ${numberings.join(' and ')}`);
  if (stream !== undefined && !/^\d{1,9}$/.test(stream)) throw new UsageError(`'--stream' takes a stream number (0, 1, …), not '${stream}'`);
  return {
    stream: stream === undefined ? undefined : Number(stream),
    numbering: (numberings[0]?.slice(2) as Numbering | undefined) ?? 'relative',
    window: switches.has('--window'),
    list: switches.has('--list'),
  };
}
