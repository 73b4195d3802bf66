// The two lines above the diagram: the error summary ("3 errors — first: line 7: …") and a
// notice when the diagram cannot be drawn (too large, or Mermaid failed). Text only (textContent).

export class Banner {
  constructor(
    private readonly errors: HTMLElement,
    private readonly notice: HTMLElement,
  ) {}

  setErrors(text: string | undefined): void {
    show(this.errors, text);
  }

  setNotice(text: string | undefined): void {
    show(this.notice, text);
  }
}

function show(el: HTMLElement, text: string | undefined): void {
  if ((el.textContent ?? '') === (text ?? '') && el.hidden === !text) return;
  el.textContent = text ?? '';
  el.hidden = !text;
}

/** `{0}`, `{1}`… replaced by the arguments, as vscode.l10n.t does on the host. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}
