// The severities the user set for diagnostics (`tcpflow.diagnostics.*`), as the previews read them
// at each render; the language server reads the same settings (core/present.ts applies them).
import * as vscode from 'vscode';
import { severityOverrides, type SeverityOverrides } from '../../server/src/core/present';

export const userSeverities = (): SeverityOverrides => severityOverrides(vscode.workspace.getConfiguration('tcpflow').get('diagnostics'));
