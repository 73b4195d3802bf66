// Stub: the live preview and export commands (issue "Live diagram preview") register here.
import type { ExtensionContext } from 'vscode';

export function registerPreview(_context: ExtensionContext): void {}
