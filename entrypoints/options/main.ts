import { browser } from 'wxt/browser';
import { createBrowserOptionsApi } from '../../src/options/browser-api.ts';
import { OptionsPage } from '../../src/options/options.ts';
import { localizeTree, uiLang } from '../../src/popup/i18n.ts';

const api = createBrowserOptionsApi(window);
document.documentElement.lang = uiLang(browser.i18n.getUILanguage());
localizeTree(document, api.t);
document.body.classList.remove('is-localizing');

new OptionsPage(document, api).start().catch((error: unknown) => {
  console.warn('[Qingyue] options page failed to start:', error);
});
