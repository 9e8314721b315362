// BCP 47 tag of each script choice: set on `<html>`, the reader and the CLI's page while applied,
// so that fonts and screen readers follow the text.
import type { ScriptTarget } from './types.ts';

export const LANG_OF_TARGET: Record<Exclude<ScriptTarget, 'original'>, string> = {
  hans: 'zh-Hans',
  hant: 'zh-Hant',
  tw: 'zh-Hant-TW',
  hk: 'zh-Hant-HK',
};
