// `tcpflow-language-server --stdio` (or --node-ipc, --socket=N, --pipe=NAME): the TCP Flow language server.
// Every transport is read through the guards (guard.ts; framing.ts for the byte streams): what a
// client should never send is refused, answered and logged on standard error, and nothing it sends
// stops the server — a failure in the server is logged there too, and the server goes on.
import { createConnection as connectSocket } from 'node:net';
import {
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  TextDocuments,
  createConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FramedStreamReader } from './framing';
import { GuardedReader, describeError, guardConnection, refuser, type Log, type Refuse } from './guard';
import { tuneHeap } from './heapPolicy';
import { startServer } from './server';

const USAGE = 'usage: tcpflow-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const log: Log = (line) => void process.stderr.write(`tcpflow-language-server: ${line}\n`);

/** The transport the arguments name: a reader of the client's messages (given how to refuse one), a writer of ours. */
type Transport = { reader: (refuse: Refuse) => MessageReader; writer: MessageWriter };

function pick(): Transport | undefined {
  const value = (name: string) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  if (args.includes('--stdio')) {
    // Anything written to standard output would corrupt the protocol: the console goes to standard error.
    console.log = console.info = console.debug = (...xs: unknown[]) => log(xs.map(String).join(' '));
    return { reader: (refuse) => new FramedStreamReader(process.stdin, refuse), writer: new StreamMessageWriter(process.stdout) };
  }
  if (args.includes('--node-ipc')) return { reader: () => new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
  const port = value('--socket');
  const pipe = value('--pipe');
  if (port === undefined && pipe === undefined) return undefined;
  const socket = port !== undefined ? connectSocket(Number(port), '127.0.0.1') : connectSocket(pipe!);
  return { reader: (refuse) => new FramedStreamReader(socket, refuse), writer: new StreamMessageWriter(socket) };
}

const chosen = pick();
if (!chosen) {
  console.error(`tcpflow-language-server: no transport given.\n${USAGE}`);
  process.exit(2);
}

const { writer } = chosen;
const answer = (m: Parameters<MessageWriter['write']>[0]) => void writer.write(m).catch(() => undefined);
const refuse = refuser(answer, log);
const reader = new GuardedReader(chosen.reader(refuse), refuse);
// The client went away: exit as LSP asks (0 after a shutdown request, 1 otherwise).
reader.onClose(() => process.exit(reader.shutdownRequested ? 0 : 1));
// A failure outside any handler (a timer, a promise no one awaited) is logged; the server goes on.
process.on('uncaughtException', (err) => log(`internal error (the server goes on): ${describeError(err)}`));
process.on('unhandledRejection', (err) => log(`internal error (the server goes on): ${describeError(err)}`));

const documents = new TextDocuments(TextDocument);
// The heap's growth follows how many lines are open (heapPolicy.ts).
const openLines = () => tuneHeap(documents.all().reduce((n, d) => n + d.lineCount, 0));
documents.onDidOpen(openLines);
documents.onDidChangeContent(openLines);
documents.onDidClose(openLines);
startServer(guardConnection(createConnection(ProposedFeatures.all, reader, writer), documents, log), documents);
