import { browser } from 'wxt/browser';
import { localizeTree, uiLang } from '../../src/popup/i18n.ts';
import { createBrowserPopupApi } from '../../src/popup/browser-api.ts';
import { Popup } from '../../src/popup/popup.ts';

const api = createBrowserPopupApi(window.location, () => window.close());
document.documentElement.lang = uiLang(browser.i18n.getUILanguage());
localizeTree(document, api.t);
document.body.classList.remove('is-localizing');

new Popup(document, api).start().catch((error: unknown) => {
  console.warn('[Qingyue] popup failed to start:', error);
});
