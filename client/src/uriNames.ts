// File names from URIs, without `node:path`: the extension also runs in a browser (github.dev),
// where a document's URI is `vscode-vfs:` or `untitled:` and no Node module exists. No vscode
// import either, so the unit tests run it as it is.

/** The last segment of a URI's path (`flow.tcpflow` for `…/notes/flow.tcpflow`), as path.posix.basename. */
export function fileNameOf(uri: { readonly path: string }): string {
  const path = uri.path.replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The file name without its extension (`flow` for `flow.tcpflow`; a leading dot is not an extension). */
export function stemOf(uri: { readonly path: string }): string {
  const name = fileNameOf(uri);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Base64 text (what the webview sends for a PNG) as bytes, with the platform's atob (Node ≥ 16 and browsers). */
export function bytesOfBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
