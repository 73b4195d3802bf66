// The previews' texts alone, for the webview bundles: they load this, not the whole catalogue.
import type { Lang } from './index';
import type { ScreenTexts } from './catalog';
import { enUi } from './enUi';
import { koUi } from './koUi';

export function screenTexts(lang: Lang | string | undefined): ScreenTexts {
  return lang === 'ko' ? koUi.preview : enUi.preview;
}
