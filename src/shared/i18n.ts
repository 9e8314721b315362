// One door to the extension's `_locales` messages for every context (background, popup, options,
// content script). Keys are plain strings here: `tests/unit/locales.test.ts` checks each one used
// in the code exists in every locale.
import { browser } from 'wxt/browser';

type GetMessage = (key: string, substitutions?: string | string[]) => string;

export function t(key: string, substitutions?: string | string[]): string {
  try {
    return (browser.i18n.getMessage as GetMessage)(key, substitutions) || key;
  } catch {
    return key;
  }
}

/** Like `t`, but empty when the key is missing (callers supply their own fallback). */
export function tOrEmpty(key: string): string {
  try {
    return (browser.i18n.getMessage as GetMessage)(key) || '';
  } catch {
    return '';
  }
}
