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
import { learnerLang, type Lang } from '../core/i18n';
import { severityOverrides, type SeverityOverrides } from '../core/present';
import { DEFAULT_SETTINGS, analyzeDocument, presentDocument, type AnalyzedDocument, type ServerSettings } from './document';
import { capped, publishedDiagnostics } from './diagnostics';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { definition, documentHighlights, prepareRename, references, rename } from './features/navigation';
import { documentSymbols, foldingRanges } from './features/symbols';
import { semanticTokens, semanticTokensDelta, semanticTokensRange } from './features/tokenState';
import { Publisher } from './publisher';
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
  /** The editor's display language (`initialize`): the language when `tcpflow.language` is `auto`. */
  let displayLocale: string | undefined;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  /** The severities the settings give (one object per settings, so a cached analysis knows whether it has them). */
  let severities: SeverityOverrides = severityOverrides(settings.diagnostics);
  let canPullConfiguration = false;
  let perLanguage = false;

  /** The document's analysis, made at most once per version, from the previous version's. */
  const get = (uri: string): AnalyzedDocument | undefined => {
    const doc = documents.get(uri);
    if (!doc || doc.languageId === MARKDOWN_LANGUAGE) return undefined;
    const cached = cache.get(uri);
    if (cached?.version === doc.version) {
      if (cached.lang === lang && cached.severities === severities) return cached;
      const shown = presentDocument(cached, lang, severities);
      cache.set(uri, shown);
      return shown;
    }
    // The document's session lives on its cache entry, so closing the document frees it too.
    const fresh = analyzeDocument(uri, doc.version, doc.getText(), lang, cached?.session, severities);
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

  /** Sends the diagnostics of the document's newest version (at most MAX_PUBLISHED of them, diagnostics.ts). */
  const publish = (uri: string): Promise<void> | undefined => {
    const note = getNote(uri);
    if (note) return connection.sendDiagnostics({ uri, version: note.version, diagnostics: capped(markdownDiagnostics(note), note.lang) });
    const doc = get(uri);
    return doc && connection.sendDiagnostics({ uri, version: doc.version, diagnostics: publishedDiagnostics(doc) });
  };
  const publisher = new Publisher(publish);

  connection.onInitialize((params): InitializeResult => {
    displayLocale = params.locale;
    lang = learnerLang('auto', displayLocale);
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
      language: got?.language ?? DEFAULT_SETTINGS.language,
    };
    // Switching live: the cached analyses in the old language are made again, and republished below.
    lang = learnerLang(settings.language, displayLocale);
    severities = severityOverrides(settings.diagnostics);
    for (const d of documents.all()) publisher.changed(d.uri);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  };
  connection.onDidChangeConfiguration(() => void refreshSettings());

  // No debounce: a change is analysed as soon as the messages that came with it are handled, and
  // changes that came together are analysed once, at the newest version (publisher.ts).
  documents.onDidChangeContent((e) => publisher.changed(e.document.uri));
  documents.onDidClose((e) => {
    // Everything the document held goes with it: its analysis and session (line memo, checker,
    // semantic tokens), or its Markdown blocks.
    publisher.closed(e.document.uri);
    cache.delete(e.document.uri);
    notes.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const withDoc =
    <P extends { textDocument: { uri: string } }, R>(f: (doc: AnalyzedDocument, p: P) => R, none: R) =>
    (p: P): R => {
      publisher.heard();
      const doc = get(p.textDocument.uri);
      return doc ? f(doc, p) : none;
    };

  /** A request a Markdown note answers too, from its blocks. */
  const withEither =
    <P extends { textDocument: { uri: string } }, R>(f: (doc: AnalyzedDocument, p: P) => R, inNote: (note: MarkdownDocument, p: P) => R, none: R) =>
    (p: P): R => {
      publisher.heard();
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
  connection.languages.semanticTokens.onDelta(withDoc((d, p) => semanticTokensDelta(d, p.previousResultId), { data: [] }));
  connection.languages.semanticTokens.onRange(withDoc((d, p) => semanticTokensRange(d, p.range.start.line, p.range.end.line), { data: [] }));
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
