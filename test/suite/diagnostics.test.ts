// Diagnostics and quick fixes, end to end: the real extension host starts the client, the client the
// language server, and the squiggles arrive in VS Code's diagnostics collection.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, describe, exampleText, firstDiagnostics, openExample, scratchFile, screenshot, waitForDiagnostics } from './helpers';

const NOTE = 'korean-study-note.tcpflow';

/** What the Korean study note must show: [code, 1-based line, severity], in document order. */
const EXPECTED: [string, number, vscode.DiagnosticSeverity][] = [
  ['TF202', 7, vscode.DiagnosticSeverity.Error], // 서버's ack must be x+1, not x
  ['TF200', 10, vscode.DiagnosticSeverity.Error], // 클라이언트 is ESTABLISHED here, not FIN_WAIT_1
  ['TF204', 10, vscode.DiagnosticSeverity.Warning], // FIN without the ACK flag
  ['TF200', 12, vscode.DiagnosticSeverity.Error], // 서버 is CLOSE_WAIT here, not LAST_ACK
  ['TF200', 14, vscode.DiagnosticSeverity.Error], // 서버 is CLOSED here, not TIME_WAIT
];

const summary = (ds: readonly vscode.Diagnostic[]) =>
  [...ds]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => [codeOf(d), d.range.start.line + 1, d.severity] as [string, number, vscode.DiagnosticSeverity]);

suite('Diagnostics and quick fixes (Korean study note)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    // The copies live in the run's scratch folder: saving them keeps "close" from asking.
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // First, so the window shows this note alone (the extension host keeps closed documents' diagnostics a while).
  test('screenshot: the note with its squiggles and problems (test-artifacts/editor.png)', async function () {
    const { doc } = await openExample(NOTE);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === EXPECTED.length, 'all five diagnostics');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    if (!(await screenshot('editor'))) this.skip(); // only the code-server runner drives a page
  });

  test('the note gets its four errors and one warning, each on its line', async () => {
    const { doc } = await openExample(NOTE);
    const ds = await firstDiagnostics(doc.uri);
    assert.deepEqual(summary(ds), EXPECTED, describe(ds));
    for (const d of ds) {
      assert.equal(typeof d.code, 'string', `the code is the plain string code: ${JSON.stringify(d.code)}`);
      assert.equal(d.source, 'tcpflow');
      assert.ok(d.message.length > 10, `a message that explains: ${d.message}`);
      // A range on the offending token, not the whole line.
      assert.equal(d.range.start.line, d.range.end.line);
      assert.ok(!d.range.isEmpty && d.range.end.character - d.range.start.character < doc.lineAt(d.range.start.line).text.length);
    }
    const tf202 = ds.find((d) => codeOf(d) === 'TF202')!;
    assert.equal(doc.getText(tf202.range), 'x', 'TF202 sits on the wrong ack value');
    assert.match(tf202.message, /x\+1/);
  });

  test('the quick fix for TF202 writes x+1 and the diagnostic goes', async () => {
    const { doc } = await openExample(NOTE);
    const ds = await firstDiagnostics(doc.uri);
    const tf202 = ds.find((d) => codeOf(d) === 'TF202');
    assert.ok(tf202, describe(ds));

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      tf202.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The API command's CodeActions carry no `diagnostics` (VS Code drops them on the way back): the quick
    // fix for TF202 is the one whose edit rewrites the diagnostic's range.
    const fix = actions.find(
      (a): a is vscode.CodeAction =>
        'edit' in a &&
        !!a.kind &&
        vscode.CodeActionKind.QuickFix.contains(a.kind) &&
        !!a.edit?.get(doc.uri).some((e) => !!e.range.intersection(tf202.range)),
    );
    const show = (a: vscode.CodeAction | vscode.Command) =>
      'command' in a && typeof a.command === 'string'
        ? `${a.title} (command)`
        : `${a.title} [${(a as vscode.CodeAction).kind?.value}] ${JSON.stringify((a as vscode.CodeAction).edit?.get(doc.uri))}`;
    assert.ok(fix, `a quick fix for TF202 among: ${actions.map(show).join(' | ')}`);
    assert.ok(fix.edit);
    assert.match(fix.title, /x\+1/, 'the fix says what it writes');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(doc.lineAt(6).text, /ACK\(x\+1\), SYN\(y\)/);
    const after = await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'TF202'), 'TF202 gone after the fix');
    assert.deepEqual(summary(after), EXPECTED.slice(1), describe(after));
  });

  test('an edit is checked at once: breaking a line adds its diagnostic, restoring it removes it', async () => {
    const { doc, editor } = await openExample(NOTE);
    await firstDiagnostics(doc.uri);
    // Line 8: ACK(y+1) → ACK(y+2)
    const line = doc.lineAt(7);
    const at = line.text.indexOf('y+1');
    assert.ok(at > 0, line.text);
    const range = new vscode.Range(7, at, 7, at + 3);
    assert.ok(await editor.edit((b) => b.replace(range, 'y+2')));
    const broken = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.range.start.line === 7), 'a diagnostic on line 8');
    assert.deepEqual(
      broken.filter((d) => d.range.start.line === 7).map(codeOf),
      ['TF202'],
      describe(broken),
    );
    assert.ok(await editor.edit((b) => b.replace(range, 'y+1')));
    const fixed = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && !ds.some((d) => d.range.start.line === 7), 'line 8 clean again');
    assert.deepEqual(summary(fixed), EXPECTED, describe(fixed));
  });

  test('"Fix all" leaves a note the checker accepts', async () => {
    const { doc } = await openExample(NOTE);
    await firstDiagnostics(doc.uri);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
      'source.fixAll.tcpflow',
    );
    const all = actions.find((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && a.kind?.value === 'source.fixAll.tcpflow');
    assert.ok(all?.edit, `a fix-all action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.workspace.applyEdit(all.edit), true);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics left after "Fix all"');
    assert.match(doc.lineAt(13).text, /^state 서버: CLOSED\b/);
  });

  test('closing the document clears its diagnostics', async () => {
    // Opened by the workbench (vscode.open), not by workspace.openTextDocument, whose documents the extension
    // host keeps alive for minutes: closing the editor then closes the document and the server clears them.
    const uri = scratchFile(NOTE, exampleText(await activateExtension(), NOTE));
    await vscode.commands.executeCommand('vscode.open', uri);
    await firstDiagnostics(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'cleared on close');
  });
});
