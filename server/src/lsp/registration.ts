// Features only .tcpflow files have. The client also syncs Markdown notes (for their ```tcpflow
// blocks), and a static capability covers every document the client syncs: VS Code would count
// us as a Markdown formatter (and ask which formatter to use) and our rename would refuse to
// rename a heading. So a client that can register per language gets these for tcpflow only;
// any other client gets them statically (its Markdown requests then get empty answers).
import {
  BulkRegistration,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  RenameRequest,
  SemanticTokensRegistrationType,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { SEMANTIC_LEGEND } from './features/semanticTokens';

const TCPFLOW_ONLY = [{ language: 'tcpflow' }];

/** Semantic tokens of the whole document, as a delta from the last answer, or of a range (tokenState.ts). */
const SEMANTIC_TOKENS = { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true };

type TcpflowOnly = Pick<ServerCapabilities, 'documentSymbolProvider' | 'foldingRangeProvider' | 'semanticTokensProvider' | 'documentFormattingProvider' | 'renameProvider'>;

/** True when the client registers every one of these features dynamically. */
export function registersPerLanguage(c: ClientCapabilities): boolean {
  const t = c.textDocument;
  return !!(
    t?.formatting?.dynamicRegistration &&
    t.documentSymbol?.dynamicRegistration &&
    t.foldingRange?.dynamicRegistration &&
    t.semanticTokens?.dynamicRegistration &&
    t.rename?.dynamicRegistration
  );
}

/** The static capabilities, for a client that cannot register them per language. */
export function tcpflowOnlyStatic(): TcpflowOnly {
  return {
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    semanticTokensProvider: SEMANTIC_TOKENS,
    documentFormattingProvider: true,
    renameProvider: { prepareProvider: true },
  };
}

/** Registers them for the tcpflow language (after `initialized`). */
export function registerTcpflowOnly(connection: Connection): void {
  const bulk = BulkRegistration.create();
  bulk.add(DocumentSymbolRequest.type, { documentSelector: TCPFLOW_ONLY });
  bulk.add(FoldingRangeRequest.type, { documentSelector: TCPFLOW_ONLY });
  bulk.add(SemanticTokensRegistrationType.type, { documentSelector: TCPFLOW_ONLY, ...SEMANTIC_TOKENS });
  bulk.add(DocumentFormattingRequest.type, { documentSelector: TCPFLOW_ONLY });
  bulk.add(RenameRequest.type, { documentSelector: TCPFLOW_ONLY, prepareProvider: true });
  void connection.client.register(bulk);
}
