// Run only against the INSTALLED VSIX (test/vscode-host/run-suite.mjs --installed, which sets
// TCPFLOW_INSTALLED_VSIX): the extension the rest of the suite tests is the package a user installs,
// the package holds only what the extension loads at run time, Restricted Mode (--restricted) leaves it
// working, and its details page shows the README with its images.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, screenshot } from './helpers';

const REPO = path.join(__dirname, '..', '..', '..');

/** Every file under `dir`, as relative paths with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** What the extension loads at run time (package.json main/browser, the server it starts, the webview), and nothing else from dist/. */
const BUNDLES = [
  'dist/client/extension.js',
  'dist/server/main.js',
  'dist/web/extension.js',
  'dist/web/server.js',
  'dist/webview/markdown-preview.css',
  'dist/webview/markdown-preview.js',
  'dist/webview/preview.css',
  'dist/webview/preview.js',
];

suite('The installed package', () => {
  test('the extension under test is the installed VSIX, not the source tree', async () => {
    const ext = await activateExtension();
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(ext.packageJSON.version, version);
    assert.equal(path.basename(ext.extensionPath), `${EXTENSION_ID}-${version}`);
    assert.ok(!path.resolve(ext.extensionPath).startsWith(path.resolve(REPO)), `installed outside the repository: ${ext.extensionPath}`);
    assert.ok(ext.isActive);
  });

  test('it holds the production bundles and no source, source map, CLI or node_modules', async () => {
    const ext = await activateExtension();
    const files = filesUnder(ext.extensionPath);
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')).sort(), BUNDLES);
    const unwanted = files.filter((f) => /\.(map|ts|vsix)$|^(node_modules|src|client|server|test|scripts|examples|out)\//.test(f));
    assert.deepEqual(unwanted, []);
    for (const f of ['dist/client/extension.js', 'dist/web/server.js']) {
      const code = fs.readFileSync(path.join(ext.extensionPath, f), 'utf8');
      assert.ok(!code.includes('sourceMappingURL'), `${f} points to no source map`);
      assert.ok(code.length / code.split('\n').length > 1000, `${f} is minified (long lines)`);
    }
    for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'docs/language.md', 'docs/diagnostics.md']) {
      assert.ok(files.some((x) => x.toLowerCase() === f.toLowerCase() || x.toLowerCase() === `${f.toLowerCase()}.txt`), `${f} is in the package: ${files.join(', ')}`);
    }
  });

  test('Restricted Mode (an untrusted folder) when the runner opened one: the extension runs all the same', async function () {
    if (process.env.TCPFLOW_EXPECT_RESTRICTED !== '1') {
      assert.equal(vscode.workspace.isTrusted, true);
      return;
    }
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is untrusted');
    const ext = await activateExtension();
    assert.ok(ext.isActive, 'active in Restricted Mode (capabilities.untrustedWorkspaces)');
  });

  test('screenshot: the details page shows the README and its images (test-artifacts/extension-page.png)', async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('extension.open', EXTENSION_ID);
    const shot = await screenshot('extension-page');
    if (!shot) this.skip(); // only the code-server runner drives a page
    const images = shot.images ?? [];
    assert.ok(images.length >= 2, `the README's screenshots: ${JSON.stringify(images)}`);
    for (const img of images) assert.ok(img.width > 0, `image ${img.src} (${img.alt}) loaded`);
  });
});
