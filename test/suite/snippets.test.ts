// The snippets (snippets/tcpflow.json): VS Code offers them in .tcpflow files, and each one, expanded
// with its defaults by VS Code's snippet engine, is a flow the checker accepts (no error, no warning).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, describe, firstDiagnostics, openText, poll, waitForDiagnostics } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const notErrorOrWarning = (ds: readonly vscode.Diagnostic[]) =>
  !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);

suite('Snippets', () => {
  let snippets: [string, Snippet][] = [];
  suiteSetup(async () => {
    const ext = await activateExtension();
    snippets = Object.entries(JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'tcpflow.json'), 'utf8')));
  });

  teardown(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // The four common flows come from the language server's completion; these are the others.
  test('the par block, lost-SYN and closed-port snippets are there', () => {
    assert.deepEqual(snippets.map(([name]) => name), ['par block', 'lost SYN and retransmission', 'RST to a closed port']);
  });

  test('VS Code offers them in a .tcpflow file', async () => {
    const { doc } = await openText('snippets.tcpflow', '\n');
    const prefixes = snippets.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    const offered = await poll(
      async () =>
        ((await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0)))?.items ?? [])
          .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
          .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
      (labels) => prefixes.every((p) => labels.includes(p)),
    );
    for (const p of prefixes) assert.ok(offered.includes(p), `snippet "${p}" offered; snippets offered: ${offered.join(', ') || '(none)'}`);
  });

  for (const name of ['par block', 'lost SYN and retransmission', 'RST to a closed port']) {
    test(`"${name}" expands to a flow the checker accepts`, async () => {
      const snippet = snippets.find(([n]) => n === name)?.[1];
      assert.ok(snippet, `snippet ${name}`);
      // Start from a note with an error, so the server's next publication is the event to wait for.
      const { doc, editor } = await openText('snippet.tcpflow', 'A -> B: SYN seq=1\nA -> B: SYN seq=1 ack=5\n');
      await firstDiagnostics(doc.uri);
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(body), all));
      const ds = await waitForDiagnostics(doc.uri, notErrorOrWarning, `no error or warning in the expanded "${name}"`);
      assert.ok(notErrorOrWarning(ds), `${describe(ds)}\n--- expanded:\n${doc.getText()}`);
      assert.ok(doc.lineCount >= 3 && !doc.getText().includes('$'), doc.getText());
    });
  }
});
