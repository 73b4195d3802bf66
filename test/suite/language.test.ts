// `tcpflow.language` in the real extension host: switching it to Korean and back changes, at once
// and without a reload, the diagnostics of an open file, the hover, the export, and redraws the open
// preview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TcpflowApi } from '../../client/src/activate';
import { activateExtension, hoverText, openText, poll, scratchFile, waitForDiagnostics } from './helpers';

const FLOW = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\nA -> B: ACK\n';
const setLanguage = (value: string | undefined) => vscode.workspace.getConfiguration('tcpflow').update('language', value, vscode.ConfigurationTarget.Global);

suite('tcpflow.language', () => {
  teardown(async () => {
    await setLanguage(undefined);
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('switching to Korean and back applies at once: diagnostics, hover, preview, export', async () => {
    const { preview } = (await activateExtension()).exports as TcpflowApi;
    const { doc } = await openText('language.tcpflow', FLOW);
    const english = await waitForDiagnostics(doc.uri, (ds) => ds.length === 1, 'the ack mistake');
    assert.match(english[0].message, /^B's ack must be 101 here, not 100/);

    const rendered = (after: number) =>
      new Promise<number>((resolve) => {
        const sub = preview.onDidRender((r) => {
          if (r.uri !== doc.uri.toString() || r.seq <= after) return;
          sub.dispose();
          resolve(r.seq);
        });
      });
    const first = rendered(0);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide', doc.uri);
    const drawnSeq = await first;
    assert.equal(preview.pageLanguage(doc.uri), 'en');

    const redrawn = rendered(drawnSeq);
    await setLanguage('ko');
    const korean = await waitForDiagnostics(doc.uri, (ds) => ds.length === 1 && ds[0].message.includes('101이어야'), 'the Korean message');
    assert.equal(korean[0].message, 'B의 ack은 여기서 100이 아니라 101이어야 합니다. ACK은 B가 1번 줄에서 받은 것 다음으로 기대하는 다음 순서 번호 RCV.NXT를 담습니다(RFC 9293 §3.10.7.4).');
    await redrawn; // the open preview drew again, in the new language
    assert.equal(preview.pageLanguage(doc.uri), 'ko', 'the page was loaded again in Korean (its toolbar and step mode words)');
    const hover = await poll(
      async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 9))),
      (t) => t.includes('순서 번호 동기화'),
    );
    assert.match(hover, /\*\*SYN\*\* — 순서 번호 동기화: 연결을 엽니다/);
    const target = scratchFile('language-export.md', '');
    fs.rmSync(target.fsPath);
    await vscode.commands.executeCommand('tcpflow.exportMarkdown', doc.uri, target);
    const md = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(md, /\| 줄 \| 송신 → 수신 \|/);
    assert.match(md, /B의 ack은 여기서 100이 아니라 101이어야 합니다/);

    await setLanguage('auto');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 1 && ds[0].message.startsWith("B's ack must be 101"), 'English again');
  });
});
