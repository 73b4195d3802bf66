// The getting-started walkthrough in the real extension host: it is registered with six steps whose
// buttons and completion events name commands that exist, its pages ship in English and Korean, and
// its buttons do what the steps say — the example opens with its three mistakes, a quick fix marks
// the "fix one" step done, the preview draws the example, the export writes it, the note is checked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TcpflowApi } from '../../client/src/activate';
import { activateExtension, codeOf, describe, EXTENSION_ID, poll, scratchFile, waitForDiagnostics } from './helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown: string };
  completionEvents: string[];
}

/** The manifest's strings in one language (package.nls.json or package.nls.ko.json). */
function nls(ext: vscode.Extension<unknown>, lang: 'en' | 'ko'): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ext.extensionPath, lang === 'en' ? 'package.nls.json' : 'package.nls.ko.json'), 'utf8'));
}

/** `%key%` → the string in `strings`; anything else as it is. */
const localized = (value: string, strings: Record<string, string>) => value.replace(/^%(.+)%$/, (_, k: string) => strings[k] ?? value);

async function api(): Promise<TcpflowApi> {
  return (await activateExtension()).exports as TcpflowApi;
}

suite('Getting-started walkthrough', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('is registered with six steps; every button and completion event names a command that exists; the pages ship in both languages', async () => {
    const ext = await activateExtension();
    type Manifest = { contributes: { walkthroughs: { id: string; title: string; steps: Step[] }[] } };
    // What VS Code loaded (its strings already in the display language), and the manifest with its %keys%.
    const loaded = (ext.packageJSON as Manifest).contributes.walkthroughs;
    assert.deepEqual(loaded.map((w) => [w.id, w.title]), [['tcpflow.gettingStarted', 'Get Started with TCP Flow']]);
    const walkthroughs = (JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as Manifest).contributes.walkthroughs;
    const steps = walkthroughs[0].steps;
    assert.deepEqual(steps.map((s) => s.id), ['tcpflow.language', 'tcpflow.openExample', 'tcpflow.quickFix', 'tcpflow.preview', 'tcpflow.export', 'tcpflow.note']);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const lang of ['en', 'ko'] as const) {
      const strings = nls(ext, lang);
      for (const step of steps) {
        const description = localized(step.description, strings);
        const buttons = [...description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
        assert.equal(buttons.length, 1, `${lang} ${step.id}: one button in "${description}"`);
        for (const id of buttons) assert.ok(commands.has(id), `${lang} ${step.id}: the button's command ${id} exists`);
        const page = localized(step.media.markdown, strings);
        assert.ok(page.startsWith(`walkthrough/${lang}/`), `${lang} ${step.id}: its page ${page} is the ${lang} one`);
        assert.match(fs.readFileSync(path.join(ext.extensionPath, page), 'utf8'), /^# \S/, `${lang} ${step.id}: ${page} ships`);
        assert.notEqual(localized(step.title, strings), step.title, `${lang} ${step.id}: a title`);
      }
    }
    for (const step of steps) {
      for (const e of step.completionEvents.filter((x) => x.startsWith('onCommand:'))) {
        assert.ok(commands.has(e.slice('onCommand:'.length)), `${step.id}: ${e} names a command that exists`);
      }
    }
    // VS Code opens it by its id (extension id # walkthrough id).
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#tcpflow.gettingStarted`, false);
  });

  test('its buttons: the example with its three mistakes, a quick fix completes the step, the preview, the export, the note', async () => {
    const { walkthrough, preview } = await api();
    const example = await vscode.commands.executeCommand<vscode.Uri>('tcpflow.walkthrough.openExample');
    assert.equal(example.scheme, 'untitled', 'a new document: nothing of the user’s is touched');
    const ds = await waitForDiagnostics(example, (x) => x.length === 3, 'the example’s three mistakes');
    assert.deepEqual(ds.map((d) => [codeOf(d), d.range.start.line]), [['TF200', 7], ['TF202', 7], ['TF200', 8]], describe(ds));
    assert.equal(walkthrough.fixedOne(), false);

    // "Show me a mistake" puts the cursor on the first one (and opens its quick fixes).
    await vscode.commands.executeCommand('tcpflow.walkthrough.fixMistake');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), example.toString());
    assert.deepEqual([editor!.selection.active.line, editor!.selection.active.character], [7, 2]);

    // Applying the ack's quick fix is what the user does: the step is done.
    const ack = ds[1];
    const actions = await poll(
      async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', example, ack.range, vscode.CodeActionKind.QuickFix.value)) ?? [],
      (list) => list.some((a) => a.edit),
    );
    assert.ok(await vscode.workspace.applyEdit(actions.find((a) => a.edit)!.edit!));
    await waitForDiagnostics(example, (x) => x.length === 2, 'two mistakes left');
    assert.equal(await poll(async () => walkthrough.fixedOne(), (done) => done), true, 'the "fix one" step is done');

    const drawn = new Promise<void>((resolve) => {
      const sub = preview.onDidRender((r) => {
        if (r.uri !== example.toString()) return;
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('tcpflow.walkthrough.previewExample');
    await drawn;
    assert.ok(preview.previewedUris().includes(example.toString()));

    const target = scratchFile('walkthrough-export.md', '');
    fs.rmSync(target.fsPath);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.walkthrough.exportExample', target);
    assert.equal(written?.toString(), target.toString());
    const md = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(md, /^# Handshake, data, close$/m);
    assert.match(md, /^```mermaid$/m);

    const note = await vscode.commands.executeCommand<vscode.Uri>('tcpflow.walkthrough.newNote');
    const inNote = await waitForDiagnostics(note, (x) => x.length > 0, 'the note’s block checked');
    assert.deepEqual(inNote.map((d) => [codeOf(d), d.range.start.line]), [['TF202', 7]], describe(inNote));
    for (const uri of [example, note]) {
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
