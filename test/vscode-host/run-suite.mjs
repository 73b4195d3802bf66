#!/usr/bin/env node
// `npm run test:vscode`: the integration suite (test/suite) inside a real VS Code extension host.
//   1. installs the host if needed (test/vscode-host/setup.sh: chromium, Node 24, code-server; cached in
//      ~/.cache/tcpflow-vscode-host),
//   2. builds the extension, the server and the suite (scripts/build.mjs → dist/, out/test/suite/),
//   3. runs the suite: by default with code-server's VS Code server build + headless chromium
//      (code-server-host.mjs), which needs no VS Code download; with a desktop VS Code through
//      @vscode/test-electron's runTests() when one can be had (see chooseHost()).
// `--installed` (npm run test:vscode:installed) tests the package instead of the source tree: it first makes
// the VSIX (`npm run package`), installs it into code-server as a user would (--install-extension), and runs the
// suite against that installed extension (plus installed.test.ts: the package's files, its details page).
// `--restricted` opens the test folder untrusted (Restricted Mode) instead of disabling workspace trust.
// `--web` (npm run test:vscode:web) runs the extension's browser entry in the workbench's Web Worker extension host,
// as github.dev does, with the web suite (test/vscode-host/web/index.ts) beside it.
// Exit code: the suite's (0 all passed, 1 a test failed); 2 runner error, 124 timeout.
// Env: TCPFLOW_VSCODE_HOST=code-server|desktop   force a host
//      TCPFLOW_VSCODE_EXECUTABLE=/path/to/code    use this desktop VS Code (implies desktop)
//      TCPFLOW_TEST_GREP=pattern                  run the matching tests only
//      TEST_TIMEOUT_MS (default 300000)  VERBOSE=1 (code-server + browser console)  KEEP_WORKDIR=1
//      TCPFLOW_VSCODE_HOST_CACHE (default ~/.cache/tcpflow-vscode-host)  CHROMIUM (default /usr/bin/chromium)
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostInstalled, runInCodeServer } from './code-server-host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = process.argv.includes('--web');
const extensionTestsPath = path.join(root, web ? 'out/test/web' : 'out/test/suite');
const installed = process.argv.includes('--installed');
const restricted = process.argv.includes('--restricted');
const { version, repository } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// vsce rewrites the README's relative images to the repository's raw files: this machine has no network, so the
// browser gets them from this checkout, at the same paths (what GitHub would serve once the commit is pushed).
const rawFiles = `${repository.url.replace(/\.git$/, '')}/raw/HEAD/`;
const vsix = path.join(root, `tcpflow-${version}.vsix`);
const artifactsDir = path.join(root, 'test-artifacts');
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const passEnv = {
  ...Object.fromEntries(['TCPFLOW_TEST_GREP', 'CI'].filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
  ...(installed ? { TCPFLOW_INSTALLED_VSIX: vsix } : {}),
  ...(restricted ? { TCPFLOW_EXPECT_RESTRICTED: '1' } : {}),
};

const log = (...a) => console.log('[test:vscode]', ...a);
const timed = async (what, f) => {
  const t = Date.now();
  const r = await f();
  log(`TIMING ${((Date.now() - t) / 1000).toFixed(1)}s: ${what}`);
  return r;
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test:vscode] failed (${r.status ?? r.signal}): ${cmd} ${args.join(' ')}`);
    process.exit(2);
  }
};

/** Desktop VS Code when asked for or when one can be downloaded and shown; code-server otherwise (CI, this machine). */
async function chooseHost() {
  const forced = process.env.TCPFLOW_VSCODE_HOST;
  if (forced === 'code-server' || forced === 'desktop') return forced;
  if (forced) throw new Error(`TCPFLOW_VSCODE_HOST must be code-server or desktop, not ${forced}`);
  if (process.env.TCPFLOW_VSCODE_EXECUTABLE) return 'desktop';
  if (process.env.CI) return 'code-server';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'code-server';
  try {
    const res = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(3000) });
    return res.ok ? 'desktop' : 'code-server';
  } catch {
    return 'code-server';
  }
}

/** A desktop VS Code (downloaded to .vscode-test/ unless TCPFLOW_VSCODE_EXECUTABLE names one) via runTests(). */
async function runInDesktopVSCode() {
  const { runTests } = await import('@vscode/test-electron');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-vscode-'));
  const workspace = path.join(work, 'workspace');
  fs.mkdirSync(workspace);
  try {
    await runTests({
      vscodeExecutablePath: process.env.TCPFLOW_VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: passEnv,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(work, 'user-data'), '--extensions-dir', path.join(work, 'extensions')],
    });
    return 0;
  } catch (e) {
    console.error('[test:vscode]', e?.message ?? e);
    // runTests() rejects with "Test run failed with code N" when the suite fails; anything else (no
    // download, no display) is the runner's failure.
    return /Test run failed with code/.test(String(e?.message ?? e)) ? 1 : 2;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const host = installed || restricted || web ? 'code-server' : await chooseHost();
log(`host: ${host === 'desktop' ? `desktop VS Code (${process.env.TCPFLOW_VSCODE_EXECUTABLE || 'download'})` : "code-server's VS Code server + headless chromium"}`);
if (host === 'code-server' && !hostInstalled()) {
  await timed('setup (test/vscode-host/setup.sh)', () => run('bash', [path.join(root, 'test/vscode-host/setup.sh')]));
}
if (installed) {
  fs.rmSync(vsix, { force: true });
  // vsce prints the package's file list and size; `vscode:prepublish` makes the production build first.
  await timed(`package (npm run package → ${path.basename(vsix)})`, () => run('npm', ['run', '--silent', 'package']));
  if (!fs.existsSync(vsix)) {
    console.error(`[test:vscode] npm run package made no ${path.basename(vsix)}`);
    process.exit(2);
  }
}
await timed('build (scripts/build.mjs: extension, server, suite)', () => run(process.execPath, [path.join(root, 'scripts/build.mjs')]));
if (!fs.existsSync(path.join(extensionTestsPath, 'index.js'))) {
  console.error('[test:vscode] out/test/suite/index.js was not built (is test/suite/index.ts there?)');
  process.exit(2);
}
for (const stale of ['code-server.log', 'vscode-logs']) fs.rmSync(path.join(artifactsDir, stale), { recursive: true, force: true });

const { code, summary } = await timed('suite', () =>
  host === 'desktop'
    ? runInDesktopVSCode().then((c) => ({ code: c, summary: [] }))
    : runInCodeServer({
        extensionDevelopmentPath: installed ? path.join(root, 'test/vscode-host/stand-in') : root,
        installVsix: installed ? vsix : undefined,
        webExtensions: web ? ['tcpflow.tcpflow'] : undefined,
        restricted,
        mirror: installed ? { [rawFiles]: root } : undefined,
        // The Web Worker extension host fetches the suite's module itself: it needs the file, not its folder.
        extensionTestsPath: web ? path.join(extensionTestsPath, 'index.js') : extensionTestsPath,
        artifactsDir,
        timeoutMs,
        extensionTestsEnv: passEnv,
      }),
);
for (const line of summary) log(`mocha: ${line}`);
log(`${code === 0 ? 'PASSED' : 'FAILED'} (exit code ${code}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exit(code);
