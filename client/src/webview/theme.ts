// VS Code's colour theme, as the classes it puts on the webview's <body>, mapped to a Mermaid
// theme; a MutationObserver reports a switch so the diagram is redrawn in the new colours.
import type { MermaidConfig } from 'mermaid';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export function currentThemeKind(body: HTMLElement = document.body): ThemeKind {
  const c = body.classList;
  // vscode-high-contrast-light also carries vscode-high-contrast on some versions: test it first.
  if (c.contains('vscode-high-contrast-light')) return 'highContrastLight';
  if (c.contains('vscode-high-contrast')) return 'highContrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

/** Calls `onChange` whenever VS Code switches the theme kind (not on unrelated class changes). */
export function watchTheme(onChange: (kind: ThemeKind) => void, body: HTMLElement = document.body): () => void {
  let kind = currentThemeKind(body);
  const observer = new MutationObserver(() => {
    const next = currentThemeKind(body);
    if (next === kind) return;
    kind = next;
    onChange(next);
  });
  observer.observe(body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR", NanumGothic, "Apple SD Gothic Neo", sans-serif';

/** High contrast: black or white only, with the strong borders VS Code uses there. */
function highContrast(bg: string, fg: string, accent: string): MermaidConfig['themeVariables'] {
  return {
    darkMode: bg === '#000000',
    background: bg,
    fontFamily: FONT,
    primaryColor: bg,
    primaryTextColor: fg,
    primaryBorderColor: fg,
    secondaryColor: bg,
    tertiaryColor: bg,
    lineColor: fg,
    textColor: fg,
    mainBkg: bg,
    actorBkg: bg,
    actorBorder: fg,
    actorTextColor: fg,
    actorLineColor: fg,
    signalColor: fg,
    signalTextColor: fg,
    labelBoxBkgColor: bg,
    labelBoxBorderColor: fg,
    labelTextColor: fg,
    loopTextColor: fg,
    noteBkgColor: bg,
    noteBorderColor: accent,
    noteTextColor: fg,
    sequenceNumberColor: bg,
  };
}

/** The theme part of Mermaid's configuration for a VS Code theme kind. */
export function mermaidTheme(kind: ThemeKind): Pick<MermaidConfig, 'theme' | 'themeVariables' | 'fontFamily' | 'darkMode'> {
  switch (kind) {
    case 'dark':
      return { theme: 'dark', darkMode: true, fontFamily: FONT, themeVariables: { fontFamily: FONT } };
    case 'highContrast':
      return { theme: 'base', darkMode: true, fontFamily: FONT, themeVariables: highContrast('#000000', '#ffffff', '#f38518') };
    case 'highContrastLight':
      return { theme: 'base', darkMode: false, fontFamily: FONT, themeVariables: highContrast('#ffffff', '#000000', '#0f4a85') };
    default:
      return { theme: 'default', darkMode: false, fontFamily: FONT, themeVariables: { fontFamily: FONT } };
  }
}

/** The colour behind the diagram: the page's (VS Code's editor background), or the theme's default. */
export function backgroundColor(kind: ThemeKind): string {
  const bg = getComputedStyle(document.body).backgroundColor;
  if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') return bg;
  return kind === 'dark' ? '#1e1e1e' : kind === 'highContrast' ? '#000000' : '#ffffff';
}
