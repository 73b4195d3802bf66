// Escaping of user text for the two output languages (SPEC §6): Mermaid must never see raw
// user text, and a Markdown table cell or heading must not be able to carry HTML or break a row.

/**
 * Characters that can change a Mermaid diagram's structure or configuration:
 * `#` (comment, and the start of an entity), `;` (statement separator), `%` (`%%` comments
 * and `%%{init}%%` directives), `:` (text separator, `wrap:`), `<` `>` (`<br>`, HTML, arrows),
 * `"` `'` `&` `\` `` ` `` (quoting, entities, markdown strings), `{` `}` (directives, `@{…}`
 * participant config), `|`, `$` (KaTeX `$$…$$`). `-` `=` `,` stay: `seq=100`, `SYN,ACK` remain
 * readable, and without `>` no arrow can form (text after `:` runs to the end of the line anyway).
 * `°` and `¶` are in the set because Mermaid's entity placeholders are `ﬂ°…¶ß`.
 */
const MERMAID_SPECIAL = new Set([...'#;%:<>"\'&{}\\`|$°¶']);

/** Control, format, private-use, surrogate and unassigned code points (C*): never shown raw. */
const INVISIBLE = /\p{C}/u;
/** Every kind of white space, line breaks included (\s is Unicode-aware). */
const WHITE_RUN = /\s+/g;

const entity = (cp: number): string => `#${cp};`;

/** Letters, digits and punctuation that need nothing, in single-spaced, trimmed text: most text is that. */
// — and → as escapes: the CLI's bundle stays ASCII, which it reads faster (server/src/cli/main.ts).
const MERMAID_PLAIN = /^[\p{L}\p{M}\p{N} _.,()=+\-/!?@*~[\]\u2014]*$/u;
const MD_PLAIN = /^[\p{L}\p{M}\p{N} .,()=+\-/!?@:\u2014\u2192]*$/u;
const SPACING = /^ | $| {2}/;
const isPlain = (s: string, plain: RegExp): boolean => plain.test(s) && !SPACING.test(s);

/**
 * User text as Mermaid text: one line (white space runs collapsed to one space, trimmed), with
 * every structural character written as Mermaid's entity code `#<decimal>;` (`;` → `#59;`).
 * Letters of any script, digits, spaces and harmless punctuation stay as they are.
 */
export function escapeMermaidText(s: string): string {
  if (isPlain(s, MERMAID_PLAIN)) return s;
  let out = '';
  for (const ch of s.replace(WHITE_RUN, ' ').trim()) {
    const cp = ch.codePointAt(0)!;
    out += MERMAID_SPECIAL.has(ch) || INVISIBLE.test(ch) ? entity(cp) : ch;
  }
  return out;
}

/**
 * Words the Mermaid sequence lexer matches as keywords *at the start* of a word (its rules are
 * tried in order, first match wins, case-insensitive): an id beginning with one of them
 * (`endpoint`, `Parser`, `Offset`) would be cut in two. Such names get a generated id.
 */
const KEYWORD_PREFIXES = [
  'accdescr', 'acctitle', 'activate', 'actor', 'alt', 'and', 'autonumber', 'box', 'break',
  'classdef', 'create', 'critical', 'deactivate', 'destroy', 'details', 'else', 'end', 'left',
  'link', 'loop', 'note', 'off', 'opt', 'over', 'par', 'participant', 'properties', 'rect',
  'right', 'sequencediagram', 'style', 'title',
];
/** Words that are only a problem on their own. */
const KEYWORDS = new Set(['as', 'of', 'x', 'class', 'click', 'wrap', 'nowrap', 'graph', 'flowchart', 'init']);

const PLAIN_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

function isUsableId(name: string): boolean {
  const lower = name.toLowerCase();
  return PLAIN_ID.test(name) && !KEYWORDS.has(lower) && !KEYWORD_PREFIXES.some((k) => lower.startsWith(k));
}

/**
 * The participant id written in the Mermaid source: the name itself when it is a plain ASCII
 * identifier Mermaid cannot mistake for a keyword, otherwise `p1`, `p2`, … (the label shown
 * is the escaped name or label, so nothing is lost). `used` collects ids already handed out.
 */
export function safeId(name: string, used: Set<string>): string {
  let id = name;
  if (!isUsableId(name) || used.has(name)) {
    let n = 1;
    while (used.has(`p${n}`)) n++;
    id = `p${n}`;
  }
  used.add(id);
  return id;
}

/** Markdown-significant characters escaped with a backslash (CommonMark/GFM). */
const MD_BACKSLASH = new Set([...'\\`*_[]|#$~']);
const MD_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * User text for a Markdown table cell, heading or list item: one line, inline HTML impossible
 * (`<` `>` `&` as entities), emphasis, links, code spans, math and `|` escaped.
 */
export function escapeMarkdownCell(s: string): string {
  if (isPlain(s, MD_PLAIN)) return s;
  let out = '';
  for (const ch of s.replace(WHITE_RUN, ' ').trim()) {
    if (MD_ENTITY[ch]) out += MD_ENTITY[ch];
    else if (MD_BACKSLASH.has(ch)) out += `\\${ch}`;
    else if (INVISIBLE.test(ch)) out += `&#${ch.codePointAt(0)!};`;
    else out += ch;
  }
  return out;
}
