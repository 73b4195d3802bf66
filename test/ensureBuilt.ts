// The bundles the CLI and language-server tests run. The npm test scripts build once and set
// TCPFLOW_SKIP_BUILD=1 (node --test runs each file in its own process, and concurrent builds
// would overwrite dist/ while other files start it); a test file run on its own builds itself.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

export function ensureBuilt(): void {
  const built = existsSync(join(ROOT, 'dist', 'cli', 'main.js')) && existsSync(join(ROOT, 'dist', 'server', 'main.js'));
  if (process.env.TCPFLOW_SKIP_BUILD && built) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  process.env.TCPFLOW_SKIP_BUILD = '1';
}
