// The live preview and the exports, end to end in the real extension host: "Open Preview" makes a
// webview that draws the example (it reports `rendered` with its arrow count), an edit redraws it,
// and the export commands write what the core renders (Markdown) or what the webview drew (SVG, PNG).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewApi, RenderEvent, StepEvent } from '../../client/src/preview/register';
import { analyze } from '../../server/src/core/analyze';
import { toLang } from '../../server/src/core/i18n';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { flowOf } from '../browser/flows';
import { activateExtension, openExample, openText, screenshot } from './helpers';

/** The preview part of the extension's API (client/src/extension.ts returns it as `preview`). */
async function previewApi(): Promise<PreviewApi> {
  const ext = await activateExtension();
  const api = (ext.exports as { preview?: PreviewApi } | undefined)?.preview;
  if (!api) throw new Error('activate() must return { client, preview: registerPreview(context) }');
  return api;
}

/** The next diagram a preview of `uri` reports drawn and `ok` accepts. */
function nextRender(api: PreviewApi, uri: vscode.Uri, ok: (r: RenderEvent) => boolean = () => true, timeoutMs = 60_000): Promise<RenderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagram drawn for ${uri.toString()} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = api.onDidRender((r) => {
      if (r.uri !== uri.toString() || !ok(r)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}

/** Every step the preview of `uri` reports shown, until `done` accepts the list so far. */
function stepsShown(api: PreviewApi, uri: vscode.Uri, done: (shown: StepEvent[]) => boolean, timeoutMs = 60_000): Promise<StepEvent[]> {
  return new Promise((resolve, reject) => {
    const shown: StepEvent[] = [];
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`steps shown for ${uri.toString()}: ${JSON.stringify(shown.map((e) => e.index))}`));
    }, timeoutMs);
    const sub = api.onDidShowStep((e) => {
      if (e.uri !== uri.toString()) return;
      shown.push(e);
      if (!done(shown)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(shown);
    });
  });
}

/** `<name>.<ext>` beside the document (its copy lives in the run's scratch folder). */
const beside = (doc: vscode.TextDocument, ext: string): vscode.Uri =>
  vscode.Uri.file(path.join(path.dirname(doc.uri.fsPath), `${path.basename(doc.uri.fsPath, '.tcpflow')}.${ext}`));

suite('Preview and export', () => {
  teardown(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Preview draws the example: one arrow per message', async () => {
    const api = await previewApi();
    const { doc } = await openExample('three-way-handshake.tcpflow');
    const drawn = nextRender(api, doc.uri);
    await vscode.commands.executeCommand('tcpflow.openPreview');
    const r = await drawn;
    assert.equal(r.arrows, analyze(doc.getText()).messages.length);
    assert.equal(r.crosses, 0);
    assert.ok(api.previewedUris().includes(doc.uri.toString()));
  });

  test('an edit redraws the preview beside the editor', async () => {
    const api = await previewApi();
    const { doc, editor } = await openExample('lost-syn-retransmission.tcpflow');
    const first = nextRender(api, doc.uri);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    const before = await first;
    assert.equal(before.crosses, 1);
    const redrawn = nextRender(api, doc.uri, (r) => r.seq > before.seq && !r.unchanged);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\nS -> C: ACK seq=5001 ack=1001 "one more"\n'));
    assert.equal((await redrawn).arrows, before.arrows + 1);
  });

  test('screenshot: an example beside its preview (test-artifacts/preview-vscode.png)', async function () {
    const api = await previewApi();
    const { doc, editor } = await openExample('lost-syn-retransmission.tcpflow');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    // The cursor on the retransmitted SYN before the preview opens: its arrow is highlighted as the
    // page first draws (the highlight goes with the first diagram), so nothing is waited for.
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    const drawn = nextRender(api, doc.uri);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    assert.equal((await drawn).arrows, analyze(doc.getText()).messages.length);
    if (!(await screenshot('preview-vscode'))) this.skip(); // only the code-server runner drives a page
  });

  test('step mode: the cursor moves the step, a step moves the cursor (and its echo does not move the step back)', async () => {
    const api = await previewApi();
    const { doc, editor } = await openExample('data-loss-out-of-order.tcpflow');
    const a = analyze(doc.getText());
    const firstOf = (line: number): number => a.steps.findIndex((s) => s.line === line);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const drawn = nextRender(api, doc.uri);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await drawn;
    // Opened with the cursor on line 7 (the segment that arrives out of order): its first step.
    const moved = new Promise<void>((resolve) => {
      const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== doc || e.selections[0]?.active.line !== 6) return;
        sub.dispose();
        resolve();
      });
    });
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    await moved;
    const opened = stepsShown(api, doc.uri, (s) => s.length === 1);
    api.setStepMode(doc.uri, true);
    const [first] = await opened;
    assert.deepEqual([first.index, first.arrow], [firstOf(6), 4]);
    // The cursor moves to the `wait` line: its step, which has no arrow.
    const waited = stepsShown(api, doc.uri, (s) => s.length === 1);
    editor.selection = new vscode.Selection(8, 0, 8, 0);
    assert.deepEqual((await waited).map((e) => [e.index, e.arrow]), [[firstOf(8), undefined]]);
    // Steps asked for move the cursor to their lines: step 5 (line 5's delivery), then at once
    // step 6 (line 6's send). The selections' own events, arriving after both, must not bring the
    // step back to line 5.
    const stepped = stepsShown(api, doc.uri, (s) => s.some((e) => e.index === 6));
    const selected = (): number | undefined => vscode.window.visibleTextEditors.find((e) => e.document === doc)?.selection.active.line;
    api.step(doc.uri, 5);
    assert.equal(selected(), a.steps[5].line);
    api.step(doc.uri, 6);
    assert.deepEqual([a.steps[5].line, a.steps[6].line], [4, 5]);
    assert.deepEqual((await stepped).map((e) => e.index), [5, 6]);
    assert.equal(selected(), 5);
    // … nor afterwards: the next cursor move is the user's, and it moves the step.
    const back = stepsShown(api, doc.uri, (s) => s.length === 1);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.deepEqual((await back).map((e) => e.index), [0]);
    await screenshot('preview-step-vscode'); // test-artifacts/, where the code-server runner drives a page
  });

  test('Step Through the Flow opens the preview beside in step mode, at the cursor\'s step', async () => {
    const api = await previewApi();
    const { doc, editor } = await openExample('data-loss-out-of-order.tcpflow');
    const a = analyze(doc.getText());
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    const shown = stepsShown(api, doc.uri, (s) => s.length === 1);
    await vscode.commands.executeCommand('tcpflow.stepThrough');
    const [first] = await shown;
    assert.equal(first.index, a.steps.findIndex((s) => s.line === 6));
    assert.deepEqual(api.previewedUris(), [doc.uri.toString()]);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the focus stays in the editor');
  });

  test('the preview follows the active .tcpflow editor', async () => {
    const api = await previewApi();
    const { doc: first } = await openExample('three-way-handshake.tcpflow');
    const drawn = nextRender(api, first.uri);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await drawn;
    const followed = openExample('rst-closed-port.tcpflow').then(({ doc }) => nextRender(api, doc.uri).then((r) => ({ doc, r })));
    const { doc: second, r } = await followed;
    assert.equal(r.arrows, analyze(second.getText()).messages.length);
    assert.deepEqual(api.previewedUris(), [second.uri.toString()]);
  });

  test('Export to Markdown writes what renderMarkdown gives (the CLI’s Markdown)', async () => {
    await previewApi();
    const { doc } = await openExample('four-way-close.tcpflow');
    const target = beside(doc, 'md');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.exportMarkdown', doc.uri, target);
    assert.equal(written?.toString(), target.toString());
    const expected = renderMarkdown(analyze(doc.getText()), { title: 'four-way-close', lang: toLang(vscode.env.language) });
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), expected);
  });

  test('Export SVG and PNG save what the preview drew', async () => {
    await previewApi();
    const { doc } = await openExample('simultaneous-close.tcpflow');
    const svg = await vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.exportSvg', doc.uri, beside(doc, 'svg'));
    assert.ok(svg, 'SVG written');
    const text = fs.readFileSync(svg.fsPath, 'utf8');
    assert.match(text, /^<\?xml [^>]*\?>\n<svg /);
    assert.ok(text.includes('FIN,ACK seq=100 ack=300'));
    const png = await vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.exportPng', doc.uri, beside(doc, 'png'));
    assert.ok(png, 'PNG written');
    const bytes = fs.readFileSync(png.fsPath);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.readUInt32BE(16) > 100, 'a real width');
  });

  test('a long flow is drawn in slices: an edit redraws one, Export SVG writes them all', async () => {
    const api = await previewApi();
    const { doc, editor } = await openText('long-flow.tcpflow', flowOf(1000));
    const first = nextRender(api, doc.uri);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    const r = await first;
    assert.ok((r.slices ?? 0) > 40, `slices: ${r.slices}`);
    assert.ok((r.drawn ?? 0) >= 1 && (r.drawn ?? 0) < 10, `drawn for the first view: ${r.drawn}`);
    // Typing in a label near the top (in view): one slice drawn again.
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"part 2"'));
    const redrawn = nextRender(api, doc.uri, (x) => x.seq > r.seq && !x.unchanged);
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, line, doc.lineAt(line).text.length), doc.lineAt(line).text.replace('"part 2"', '"part two"')));
    assert.equal((await redrawn).renders, 1);
    const svg = await vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.exportSvg', doc.uri, beside(doc, 'svg'));
    assert.ok(svg, 'SVG written');
    const text = fs.readFileSync(svg.fsPath, 'utf8');
    for (const label of ['part two', 'part 250', 'part 496', 'FIN,ACK']) assert.ok(text.includes(label), label);
    assert.equal(text.match(/<svg /g)?.length, (r.slices ?? 0) + 2, 'the diagram, and a band per slice (two for the last)');
  });
});
