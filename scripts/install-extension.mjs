// `npm run install-extension` (the README's first command, after `npm ci`):
//   1. makes the VSIX (npm run package: production build, vsce, size and file list),
//   2. installs it into VS Code with `code --install-extension` — or, when no `code` command is on PATH, says
//      so and how to install the VSIX by hand,
//   3. shows the product working without VS Code: what the CLI says about an example note with mistakes,
//      and the diagram it draws for the 3-way handshake.
// Exit code 0 when the VSIX was made (installed or not: a machine without VS Code is not a failure), 1 otherwise.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `tcpflow-${version}.vsix`;
const say = (text) => console.log(`\n== ${text}`);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

say(`Building ${vsix}`);
if (run('npm', ['run', '--silent', 'package']).status !== 0) process.exit(1);

say(`Installing ${vsix} into VS Code`);
const code = spawnSync('code', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
if (code.error || code.status !== 0) {
  console.log(`No \`code\` command on PATH, so nothing was installed into VS Code: ${resolve(vsix)} is ready.
  - With VS Code: run "Shell Command: Install 'code' command in PATH" from its Command Palette, then
      code --install-extension ${vsix}
    or, without the shell command: Extensions view → ⋯ → Install from VSIX… and pick ${vsix}.
  - VSCodium, code-server and Cursor take the same file (codium / code-server / cursor --install-extension ${vsix}).
Meanwhile, here is what the command-line checker says (same checker as the extension):`);
} else {
  const installed = run('code', ['--install-extension', vsix, '--force']);
  if (installed.status !== 0) console.log(`\`code --install-extension ${vsix}\` failed (exit ${installed.status}); the VSIX is at ${resolve(vsix)}.`);
  else console.log('Installed. Open a .tcpflow file (or a Markdown note with a ```tcpflow block) in VS Code, e.g. examples/korean-study-note.tcpflow.');
}

say('node dist/cli/main.js check examples/korean-study-note.tcpflow   (a study note with its mistakes left in)');
const check = run(process.execPath, ['dist/cli/main.js', 'check', 'examples/korean-study-note.tcpflow']);
console.log(`(exit code ${check.status}: 1 means the note has errors, as this one is meant to)`);

say('node dist/cli/main.js render examples/three-way-handshake.tcpflow   (the state-annotated Mermaid diagram)');
if (run(process.execPath, ['dist/cli/main.js', 'render', 'examples/three-way-handshake.tcpflow']).status !== 0) process.exit(1);
