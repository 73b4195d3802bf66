// Language features through VS Code's own provider commands (the same path the editor uses): hover,
// completion, inlay hints and the outline. VS Code has no event for "the provider has an answer", so these
// ask with a bounded poll (helpers.poll) after the document's first diagnostics show the server has it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, firstDiagnostics, hoverText, inlayLabel, openExample, openText, poll, positionOf, waitForDiagnostics } from './helpers';

/** Every symbol, children included. */
function flatten(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): (vscode.DocumentSymbol | vscode.SymbolInformation)[] {
  return symbols.flatMap((s) => [s, ...('children' in s ? flatten(s.children) : [])]);
}

const completionLabels = (list: vscode.CompletionList | undefined) =>
  (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

suite('Language features', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('hover on a message shows the states it moves its participants through', async () => {
    const { doc } = await openExample('three-way-handshake.tcpflow');
    await waitForDiagnostics(doc.uri, () => true, 'the server has the document');
    // Line 6: A(CLOSED) -> B(LISTEN): SYN seq=100 mss=1460 — A goes to SYN_SENT, B to SYN_RECEIVED.
    const mentionsStates = (t: string) => /SYN_SENT/.test(t) && /SYN_RECEIVED/.test(t);
    const at = async (p: vscode.Position) =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, p));
    const onArrow = positionOf(doc, 5, '->').translate(0, 1);
    const onSegment = positionOf(doc, 5, 'SYN').translate(0, 1);
    const texts = await poll(
      async () => [await at(onArrow), await at(onSegment)],
      (ts) => ts.some(mentionsStates),
    );
    assert.ok(texts.some(mentionsStates), `hover on the arrow or the segment of line 6 names SYN_SENT and SYN_RECEIVED; got:\n${texts.join('\n---\n') || '(no hover)'}`);
  });

  test('completion after "A -> B: " offers SYN', async () => {
    const { doc } = await openText('completion.tcpflow', 'A -> B: ');
    const end = doc.lineAt(0).range.end;
    const labels = await poll(
      async () => completionLabels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end)),
      (ls) => ls.includes('SYN'),
    );
    assert.ok(labels.includes('SYN'), `completion items: ${labels.join(', ') || '(none)'}`);
  });

  test('inlay hints show SYN_SENT on the first line of a handshake', async () => {
    const { doc } = await openExample('three-way-handshake.tcpflow');
    await waitForDiagnostics(doc.uri, () => true, 'the server has the document');
    const first = 5; // A(CLOSED) -> B(LISTEN): SYN seq=100 mss=1460
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await poll(
      async () => (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ?? [],
      (hs) => hs.some((h) => h.position.line === first && inlayLabel(h).includes('SYN_SENT')),
    );
    const onFirst = hints.filter((h) => h.position.line === first).map(inlayLabel);
    assert.ok(onFirst.some((l) => l.includes('SYN_SENT')), `hints on line 6: ${onFirst.join(' | ') || '(none)'}; all: ${hints.length}`);
  });

  test('the outline lists the participants', async () => {
    const { doc } = await openExample('korean-study-note.tcpflow');
    await firstDiagnostics(doc.uri);
    const names = await poll(
      async () =>
        flatten((await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? []).map((s) => s.name),
      (ns) => ns.includes('클라이언트') && ns.includes('서버'),
    );
    assert.ok(names.includes('클라이언트') && names.includes('서버'), `outline: ${names.join(' | ') || '(empty)'}`);
  });
});
