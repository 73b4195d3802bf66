// The web extension in the real workbench: run-suite.mjs --web opens code-server's workbench with the
// extension under development run in the BROWSER's Web Worker extension host (payload
// extensionDevelopmentKind=web: its package.json `browser` entry, as on github.dev), and this suite in that
// same host. No Node module exists here: files are read and written through vscode.workspace.fs, on the
// vscode-remote file system of the workbench's folder, as github.dev does on its virtual file system.
// Bundled by scripts/build.mjs for the browser (out/test/web/index.js), with mocha's browser build.
import 'mocha/mocha.js';
import * as vscode from 'vscode';

/** The repository's absolute path on the code-server machine (esbuild `define`). */
declare const __TCPFLOW_REPO__: string;

interface Api {
  client: unknown;
  preview: { onDidRender: vscode.Event<{ uri: string; arrows: number }> };
}

const EXTENSION_ID = 'tcpflow.tcpflow';

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(what);
}
const equal = <T>(got: T, want: T, what: string) => check(JSON.stringify(got) === JSON.stringify(want), `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);

/** A file of the repository, on the same file system as the workbench's folder (vscode-remote). */
function repoFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  check(folder, 'the workbench has a folder open');
  return folder.with({ path: `${__TCPFLOW_REPO__}/${relative}` });
}
const readText = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

let counter = 0;
/** Writes `text` to a new file in the workbench's folder through workspace.fs, opens and shows it. */
async function openNote(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, `web-${++counter}-${name}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}
const example = (name: string) => readText(repoFile(`examples/${name}`));

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  check(ext, `${EXTENSION_ID} is loaded`);
  return ext.activate();
}

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1} ${typeof d.code === 'object' ? d.code.value : d.code}`);

/** Resolves when the document's diagnostics satisfy `ok` (checked now and on every change), or rejects after 30 s. */
function diagnosticsOf(uri: vscode.Uri, ok: (c: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!ok(codes(uri))) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(codes(uri));
      return true;
    };
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics for ${uri.toString()}: last seen ${JSON.stringify(codes(uri))}`));
    }, 30_000);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    done();
  });
}

const KOREAN_NOTE = ['7 TF202', '10 TF200', '10 TF204', '12 TF200', '14 TF200'];

function defineTests(): void {
  suite('TCP Flow in the browser extension host (github.dev’s setting)', () => {
    teardown(async () => {
      await vscode.workspace.saveAll(false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the extension and this suite run in a Web Worker, not in Node', async () => {
      await api();
      check(typeof (globalThis as { importScripts?: unknown }).importScripts === 'function', 'a Web Worker global scope');
      equal(vscode.env.uiKind, vscode.UIKind.Web, 'uiKind');
      check(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'active');
    });

    test('squiggles on a note (the language server in its own Web Worker), a quick fix, a hover', async () => {
      await api();
      const doc = await openNote('korean-study-note.tcpflow', await example('korean-study-note.tcpflow'));
      equal(await diagnosticsOf(doc.uri, (c) => c.length === 5), KOREAN_NOTE, 'the Korean study note’s diagnostics');
      const tf202 = vscode.languages.getDiagnostics(doc.uri).find((d) => d.range.start.line === 6)!;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, tf202.range.start);
      const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      // The hover explains the token and does not repeat the diagnostic VS Code shows above it.
      check(hoverText.includes('**ack**') && hoverText.includes('RCV.NXT'), `the hover on the mistake explains ack: ${hoverText}`);
      check(!hoverText.includes(tf202.message), `the hover does not repeat the diagnostic: ${hoverText}`);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      check(hints.length > 0, 'inlay hints');
      // No event says the server's code actions for this version are ready: ask again (bounded), as the host suite does.
      const isFix = (a: vscode.CodeAction) => !!a.edit?.get(doc.uri).some((e) => e.newText === 'x+1');
      let actions: vscode.CodeAction[] = [];
      for (let tries = 0; tries < 50 && !actions.some(isFix); tries++) {
        if (tries) await new Promise((r) => setTimeout(r, 200));
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, tf202.range, vscode.CodeActionKind.QuickFix.value);
      }
      const fix = actions.find(isFix);
      check(fix?.edit, `a quick fix writing x+1 among ${actions.map((a) => a.title).join(' | ')}`);
      check(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
      equal(await diagnosticsOf(doc.uri, (c) => c.length === 4), KOREAN_NOTE.slice(1), 'after the fix');
      const completion = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(doc.lineCount - 1, 0));
      check(completion.items.length > 0, 'completion');
    });

    test('the preview draws the diagram', async () => {
      const { preview } = await api();
      const doc = await openNote('three-way-handshake.tcpflow', await example('three-way-handshake.tcpflow'));
      const drawn = new Promise<{ arrows: number }>((resolve) => {
        const sub = preview.onDidRender((r) => {
          if (r.uri !== doc.uri.toString()) return;
          sub.dispose();
          resolve(r);
        });
      });
      await vscode.commands.executeCommand('tcpflow.openPreview');
      equal((await drawn).arrows, 5, 'arrows drawn');
    });

    test('Export to Markdown writes through workspace.fs', async () => {
      await api();
      const doc = await openNote('four-way-close.tcpflow', await example('four-way-close.tcpflow'));
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const target = vscode.Uri.joinPath(folder, `web-export-${Date.now()}.md`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('tcpflow.exportMarkdown', doc.uri, target);
      equal(written?.toString(), target.toString(), 'written where asked');
      const text = await readText(target);
      check(text.includes('```mermaid\nsequenceDiagram\n'), `a Mermaid block in ${text.slice(0, 200)}`);
      await vscode.workspace.fs.delete(target);
    });

    test('a ```tcpflow block of a Markdown note gets its squiggle', async () => {
      await api();
      const content = '# Notes\n\n```tcpflow\nA -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n```\n';
      const doc = await openNote('note.md', content);
      equal(await diagnosticsOf(doc.uri, (c) => c.length > 0), ['5 TF202'], 'the block’s diagnostic, on the note’s line');
    });

    test('Import Capture reads the capture through workspace.fs', async () => {
      await api();
      const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('tcpflow.importCapture', repoFile('test/fixtures/captures/client-close.pcap'));
      check(editor, 'a note was opened');
      const text = editor.document.getText();
      check(editor.document.languageId === 'tcpflow' && /: SYN/.test(text) && /FIN/.test(text), `an imported note:\n${text.slice(0, 300)}`);
    });
  });
}

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'tdd', reporter: undefined, timeout: 60_000 });
    defineTests();
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
