// Every user-visible text, in English and Korean (SPEC §5): diagnostics and fixes (the checker
// emits code + args; the text is made here, in the language asked for), the renderers' words, the
// prose of hovers and completion, and the texts of the editor, the command line and the previews.
import type { Diagnostic, Fix, LocalizedDiagnostic, RelatedInfo } from '../diagnostics';
import { en } from './en';
import { ko } from './ko';
import type { Catalog, Docs, Ui } from './catalog';

export type { Catalog, Docs, Doc, FlowSnippet, Keyword, Story, TransitionKey, Ui } from './catalog';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

const catalogs: Record<Lang, Catalog> = { en, ko };

/** `ko`, `ko-KR` → `ko`; anything else → `en`. */
export function toLang(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The setting `tcpflow.language`: a language, or `auto` for the editor's display language. */
export type LanguageSetting = 'auto' | Lang;

/** The learner's language: the one `tcpflow.language` names, else (`auto`, unset, unknown) the display language's. */
export function learnerLang(setting: unknown, displayLocale: string | undefined): Lang {
  return setting === 'en' || setting === 'ko' ? setting : toLang(displayLocale);
}

export function formatMessage(d: Diagnostic, lang: Lang = 'en'): string {
  return catalogs[lang].messages[d.code](d.args);
}

export function formatRelated(r: RelatedInfo, lang: Lang = 'en'): string {
  return catalogs[lang].related(r.args);
}

export function formatFixTitle(fix: Fix, lang: Lang = 'en'): string {
  return catalogs[lang].fixes[fix.kind](fix.args);
}

export function localize(d: Diagnostic, lang: Lang = 'en'): LocalizedDiagnostic {
  const out: LocalizedDiagnostic = { ...d, message: formatMessage(d, lang) };
  if (d.fix) out.fixTitle = formatFixTitle(d.fix, lang);
  if (d.related) out.relatedInformation = d.related.map((r) => ({ range: r.range, message: formatRelated(r, lang) }));
  return out;
}

/** "caused by line N" (CLI text output of a diagnostic with a related place). */
export function formatCausedBy(line: number, lang: Lang = 'en'): string {
  return catalogs[lang].causedBy({ line });
}

/** Words the renderers put on arrows and in tables (role markers, headings). */
export function words(lang: Lang = 'en'): Catalog['words'] {
  return catalogs[lang].words;
}

/** What flags, states and fields mean, and the words around them: hovers, inlay hints, completion. */
export function docs(lang: Lang = 'en'): Docs {
  return catalogs[lang].docs;
}

/** The texts of the editor, the command line and the previews. */
export function ui(lang: Lang = 'en'): Ui {
  return catalogs[lang].ui;
}
