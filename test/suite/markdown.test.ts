// Markdown notes in the real extension host: the ```tcpflow block of an opened .md note gets its
// squiggle, quick fix and hover at the right places; "Update Mermaid blocks in this note" writes
// the Mermaid block in one undoable step; update-on-save writes it on save; and VS Code's own
// Markdown engine renders the block through our markdown-it plugin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { syncMermaidBlocks, type SyncPlan } from '../../server/src/core/markdown/sync';
import { activateExtension, codeOf, describe, hoverText, poll, scratchFile, screenshot, waitForDiagnostics } from './helpers';

const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\nA -> B: ACK seq=101 ack=301\n';
const NOTE = `# TCP handshake\n\nMy notes on the handshake.\n\n\`\`\`tcpflow\n${BAD}\`\`\`\n\nThe end.\n`;

async function openNote(text: string, name = 'note.md'): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(scratchFile(name, text));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.languageId, 'markdown');
  return { doc, editor };
}

suite('Markdown notes with ```tcpflow blocks', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('tcpflow').update('markdown.updateMermaidOnSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the block’s mistake is squiggled on its token in the note, with its quick fix and hover', async () => {
    const { doc } = await openNote(NOTE);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the block’s diagnostics');
    assert.deepEqual(ds.map((d) => [codeOf(d), d.range.start.line]), [['TF202', 6]], describe(ds));
    const d = ds[0];
    assert.equal(doc.getText(d.range), '100');
    assert.match(d.message, /after what it received on line 6 /);

    const hover = await poll(
      async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start)),
      (t) => t.includes('acknowledgment number'),
    );
    // What the token means; the diagnostic itself VS Code shows above the hover, so the hover does not repeat it.
    assert.match(hover, /\*\*ack\*\* — acknowledgment number/);
    assert.doesNotMatch(hover, /TF202/);

    // No event says the server's code actions for this version are ready: ask again (bounded) as for the hover.
    const isFix = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction =>
      'edit' in a && !!a.edit?.get(doc.uri).some((e) => e.range.isEqual(d.range) && e.newText === '101');
    const actions = await poll(
      async () => (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [],
      (list) => list.some(isFix),
    );
    const fix = actions.find(isFix);
    assert.ok(fix, `a quick fix writing 101 over the diagnostic's range among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'no diagnostics after the fix');
  });

  test('no squiggle outside a block, and none for a note without blocks', async () => {
    const { doc } = await openNote('# Plain\n\nack=100 is prose here.\n\n```js\nA -> B: SYN seq=1\n```\n', 'plain.md');
    // The server publishes for every note; wait for its (empty) answer by polling the collection a while.
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
  });

  test('features only .tcpflow files have are registered for tcpflow only (formatting, semantic tokens, …), not for Markdown', async () => {
    const { doc } = await openNote('# T\n\n```tcpflow\nA->B:SYN\n```\n', 'only.md');
    await waitForDiagnostics(doc.uri, () => true, 'the note is open');
    // No semantic tokens provider for Markdown at all: a static capability would have given it ours.
    assert.equal(await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri), undefined);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
    assert.ok(!edits || edits.length === 0, `no formatting of a note: ${JSON.stringify(edits)}`);
    const flow = await vscode.workspace.openTextDocument(scratchFile('flow.tcpflow', 'A->B:SYN   seq = 1\n'));
    await vscode.window.showTextDocument(flow);
    const tokens = await poll(
      () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', flow.uri),
      (t) => !!t && t.data.length > 0,
    );
    assert.ok(tokens && tokens.data.length > 0, 'semantic tokens for a .tcpflow file (registered for tcpflow only)');
    const formatted = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', flow.uri, { tabSize: 2, insertSpaces: true });
    assert.ok(formatted && formatted.length > 0, 'the .tcpflow formatter is there');
  });

  test('"Update Mermaid blocks in this note" writes the block after the flow, in one undoable step', async () => {
    const { doc, editor } = await openNote(NOTE, 'update.md');
    const plan = await vscode.commands.executeCommand<SyncPlan | undefined>('tcpflow.updateMermaidBlocks');
    assert.equal(plan?.inserted, 1);
    const expected = syncMermaidBlocks(NOTE).text;
    assert.equal(doc.getText(), expected);
    assert.match(doc.getText(), /```\n<!-- tcpflow:mermaid:begin hash=[0-9a-f]{8} -->\n```mermaid\nsequenceDiagram\n/);
    // A second run changes nothing.
    const again = await vscode.commands.executeCommand<SyncPlan | undefined>('tcpflow.updateMermaidBlocks', doc.uri);
    assert.deepEqual(again?.edits, []);
    assert.equal(doc.getText(), expected);
    // One undo takes the whole update back.
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), NOTE);
    await vscode.commands.executeCommand('redo');
    assert.equal(doc.getText(), expected);
    assert.ok(await doc.save());
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), expected);
  });

  test('text edited by hand between the markers is kept on save, and replaced only when the command is told to', async () => {
    const HAND = `\`\`\`tcpflow\n${BAD}\`\`\`\n<!-- tcpflow:mermaid:begin -->\nMy own words.\n<!-- tcpflow:mermaid:end -->\n`;
    await vscode.workspace.getConfiguration('tcpflow').update('markdown.updateMermaidOnSave', true, vscode.ConfigurationTarget.Global);
    const { doc, editor } = await openNote(HAND, 'hand.md');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# Hand\n'));
    assert.ok(await doc.save());
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), `# Hand\n${HAND}`, 'the save kept the hand-written text');
    const kept = await vscode.commands.executeCommand<SyncPlan | undefined>('tcpflow.updateMermaidBlocks', doc.uri, { replaceHandEdited: false });
    assert.deepEqual(kept?.handEdited, [{ line: 6, replaced: false }]);
    assert.equal(doc.getText(), `# Hand\n${HAND}`);
    const replaced = await vscode.commands.executeCommand<SyncPlan | undefined>('tcpflow.updateMermaidBlocks', doc.uri, { replaceHandEdited: true });
    assert.deepEqual(replaced?.handEdited, [{ line: 6, replaced: true }]);
    assert.equal(doc.getText(), syncMermaidBlocks(`# Hand\n${HAND}`, { replaceHandEdited: true }).text);
    assert.doesNotMatch(doc.getText(), /My own words/);
  });

  test('with tcpflow.markdown.updateMermaidOnSave, saving writes the Mermaid blocks', async () => {
    await vscode.workspace.getConfiguration('tcpflow').update('markdown.updateMermaidOnSave', true, vscode.ConfigurationTarget.Global);
    const { doc, editor } = await openNote('# On save\n', 'onsave.md');
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), `\n\`\`\`tcpflow\n${BAD}\`\`\`\n`));
    assert.ok(await doc.save());
    const expected = syncMermaidBlocks(`# On save\n\n\`\`\`tcpflow\n${BAD}\`\`\`\n`).text;
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), expected);
    assert.equal(doc.isDirty, false);
  });

  test('VS Code’s Markdown engine renders the block with our plugin (markdown.api.render)', async () => {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', NOTE);
    // The wrong ack's arrow (the second) is listed for the preview script to colour; the nonce marks it as the plugin's own.
    assert.match(html, /^<div class="tcpflow-nonce" data-tcpflow-nonce="([0-9a-f]{32})" hidden><\/div>\n[^]*<div class="tcpflow-diagram[^"]*"[^>]* data-segments="3" data-error-arrows="1" data-tcpflow-nonce="\1">/);
    assert.match(html, /<pre class="tcpflow-mermaid">sequenceDiagram/);
    assert.match(html, /<li class="tcpflow-problem tcpflow-error">Line 7, error TF202: /);
  });

  test('screenshot: the note beside its Markdown preview (test-artifacts/markdown-preview.png)', async function () {
    const { doc } = await openNote(NOTE, 'screenshot.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the squiggle');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
    // The preview webview draws with Mermaid after it loads; the host has no event for that.
    await new Promise((r) => setTimeout(r, 4000));
    if (!(await screenshot('markdown-preview'))) this.skip();
  });
});
