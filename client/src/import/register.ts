// Stub: the "Import Capture…" command (issue "Import a real capture") registers here.
import type { ExtensionContext } from 'vscode';

export function registerImport(_context: ExtensionContext): void {}
