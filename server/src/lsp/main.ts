// `tcpflow-language-server --stdio` (or --node-ipc, --socket=N): the TCP Flow language server.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const USAGE = 'usage: tcpflow-language-server --stdio | --node-ipc | --socket=PORT';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  console.error(`tcpflow-language-server: no transport given.\n${USAGE}`);
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
