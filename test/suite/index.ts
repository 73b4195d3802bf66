// The standard @vscode/test-electron entry point: VS Code's extension host loads this file (extensionTestsPath)
// and calls run(); it runs every compiled *.test.js beside it with mocha. The same file serves runTests() on a
// desktop VS Code and test/vscode-host/run-suite.mjs (code-server's VS Code server build + chromium).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    // The runner's log arrives line by line through the workbench: plain text reads best in CI output.
    color: !process.env.CI && !process.env.TCPFLOW_VSCODE_HOST_RUNNER,
    timeout: 60_000,
    // Optional: TCPFLOW_TEST_GREP=hover runs the matching tests only.
    grep: process.env.TCPFLOW_TEST_GREP || undefined,
  });
  const testsRoot = __dirname;
  // installed.test.js checks the installed VSIX: only when run-suite.mjs --installed installed one.
  const wanted = (f: string) => f.endsWith('.test.js') && (f !== 'installed.test.js' || !!process.env.TCPFLOW_INSTALLED_VSIX);
  for (const file of fs.readdirSync(testsRoot).filter(wanted).sort()) {
    mocha.addFile(path.resolve(testsRoot, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
