// The language server: a thin layer that keeps one analysis per open document and answers
// LSP requests from it. Every language rule lives in the core (../core), not here. Markdown
// notes are checked too: their ```tcpflow blocks, through the adapters of markdownFeatures.ts.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLang, type Lang } from '../core/i18n';
import { severityOverrides, type SeverityOverrides } from '../core/present';
import { DEFAULT_SETTINGS, analyzeDocument, type AnalyzedDocument, type ServerSettings } from './document';
import { toLspDiagnostics } from './diagnostics';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { definition, documentHighlights, prepareRename, references, rename } from './features/navigation';
import { documentSymbols, foldingRanges } from './features/symbols';
import { semanticTokens } from './features/semanticTokens';
import { formatDocument } from './features/formatting';
import { MARKDOWN_LANGUAGE, analyzeMarkdown, markdownDiagnostics, type MarkdownDocument } from './markdown';
import {
  markdownCodeActions,
  markdownCompletion,
  markdownDefinition,
  markdownHighlights,
  markdownHover,
  markdownInlayHints,
  markdownReferences,
} from './markdownFeatures';
import { registerTcpflowOnly, registersPerLanguage, tcpflowOnlyStatic } from './registration';

/** `documents`: passed in by a caller that guards the connection with them (guard.ts clamps positions to them). */
export function startServer(connection: Connection, documents = new TextDocuments(TextDocument)): void {
  const cache = new Map<string, AnalyzedDocument>();
  const notes = new Map<string, MarkdownDocument>();
  let lang: Lang = 'en';
  let settings: ServerSettings = DEFAULT_SETTINGS;
  /** The severities the settings give (one object per settings, so a cached analysis knows whether it has them). */
  let severities: SeverityOverrides = severityOverrides(settings.diagnostics);
  let canPullConfiguration = false;
  let perLanguage = false;

  /** The document's analysis, made at most once per version. */
  const get = (uri: string): AnalyzedDocument | undefined => {
    const doc = documents.get(uri);
    if (!doc || doc.languageId === MARKDOWN_LANGUAGE) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === doc.version && cached.lang === lang && cached.severities === severities) return cached;
    // The document's line memo lives on its cache entry, so closing the document frees it too.
    const fresh = analyzeDocument(uri, doc.version, doc.getText(), lang, cached?.memo, severities);
    cache.set(uri, fresh);
    return fresh;
  };

  /** A Markdown note's ```tcpflow blocks, analysed at most once per version (unchanged blocks are kept). */
  const getNote = (uri: string): MarkdownDocument | undefined => {
    const doc = documents.get(uri);
    if (!doc || doc.languageId !== MARKDOWN_LANGUAGE) return undefined;
    const cached = notes.get(uri);
    if (cached && cached.version === doc.version && cached.lang === lang && cached.severities === severities) return cached;
    const fresh = analyzeMarkdown(uri, doc.version, doc.getText(), lang, severities, cached);
    notes.set(uri, fresh);
    return fresh;
  };

  const publish = (uri: string) => {
    const note = getNote(uri);
    if (note) {
      void connection.sendDiagnostics({ uri, version: note.version, diagnostics: markdownDiagnostics(note) });
      return;
    }
    const doc = get(uri);
    if (doc) void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: toLspDiagnostics(doc) });
  };

  connection.onInitialize((params): InitializeResult => {
    lang = toLang(params.locale);
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    perLanguage = registersPerLanguage(params.capabilities);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.tcpflow`] },
        hoverProvider: true,
        inlayHintProvider: true,
        completionProvider: { triggerCharacters: ['(', '=', ':', ' ', ','] },
        ...(perLanguage ? {} : tcpflowOnlyStatic()),
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
      },
      serverInfo: { name: 'tcpflow-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (perLanguage) registerTcpflowOnly(connection);
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tcpflow' });
      void refreshSettings();
    }
  });

  const refreshSettings = async () => {
    if (!canPullConfiguration) return;
    const got = (await connection.workspace.getConfiguration('tcpflow')) as Partial<ServerSettings> | null;
    settings = {
      inlayHints: { ...DEFAULT_SETTINGS.inlayHints, ...(got?.inlayHints ?? {}) },
      diagnostics: { ...DEFAULT_SETTINGS.diagnostics, ...(got?.diagnostics ?? {}) },
    };
    severities = severityOverrides(settings.diagnostics);
    for (const d of documents.all()) publish(d.uri);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  };
  connection.onDidChangeConfiguration(() => void refreshSettings());

  // The core is fast, so every change is checked at once: no debounce.
  documents.onDidChangeContent((e) => publish(e.document.uri));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    notes.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const withDoc =
    <P extends { textDocument: { uri: string } }, R>(f: (doc: AnalyzedDocument, p: P) => R, none: R) =>
    (p: P): R => {
      const doc = get(p.textDocument.uri);
      return doc ? f(doc, p) : none;
    };

  /** A request a Markdown note answers too, from its blocks. */
  const withEither =
    <P extends { textDocument: { uri: string } }, R>(f: (doc: AnalyzedDocument, p: P) => R, inNote: (note: MarkdownDocument, p: P) => R, none: R) =>
    (p: P): R => {
      const note = getNote(p.textDocument.uri);
      if (note) return inNote(note, p);
      const doc = get(p.textDocument.uri);
      return doc ? f(doc, p) : none;
    };

  connection.onCodeAction(withEither(codeActions, markdownCodeActions, []));
  connection.onHover(withEither((d, p) => hover(d, p.position), (n, p) => markdownHover(n, p.position), null));
  connection.languages.inlayHint.on(withEither((d, p) => inlayHints(d, p.range, settings), (n, p) => markdownInlayHints(n, p.range, settings), []));
  connection.onCompletion(withEither((d, p) => completion(d, p.position), (n, p) => markdownCompletion(n, p.position), []));
  connection.onDocumentSymbol(withDoc((d) => documentSymbols(d), []));
  connection.onFoldingRanges(withDoc((d) => foldingRanges(d), []));
  connection.languages.semanticTokens.on(withDoc((d) => semanticTokens(d), { data: [] }));
  connection.onDocumentFormatting(withDoc((d, p) => formatDocument(d, p.options), []));
  connection.onPrepareRename(withDoc((d, p) => prepareRename(d, p.position), null));
  connection.onRenameRequest(withDoc((d, p) => rename(d, p.position, p.newName), null));
  connection.onDefinition(withEither((d, p) => definition(d, p.position), (n, p) => markdownDefinition(n, p.position), null));
  connection.onReferences(
    withEither((d, p) => references(d, p.position, p.context.includeDeclaration), (n, p) => markdownReferences(n, p.position, p.context.includeDeclaration), []),
  );
  connection.onDocumentHighlight(withEither((d, p) => documentHighlights(d, p.position), (n, p) => markdownHighlights(n, p.position), []));

  documents.listen(connection);
  connection.listen();
}
