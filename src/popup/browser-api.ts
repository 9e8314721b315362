// The popup's `PopupApi` over the real extension APIs and the typed settings storage.
import { browser } from 'wxt/browser';
import {
  getDefaults,
  getReaderPrefs,
  getSiteOverride,
  getSiteSettings,
  readerPrefsItem,
  removeSite,
  setReaderPrefs,
  updateDefaults,
  updateSite,
  watchSiteSettings,
} from '../settings/storage.ts';
import { normalizeReaderPrefs } from '../reader/prefs.ts';
import { originPatternFor } from '../shared/hosts.ts';
import type { BackgroundRequest, ContentRequest, PageState } from '../shared/messages.ts';
import { CONTENT_SCRIPT_FILE } from '../shared/site-access.ts';
import { t } from '../shared/i18n.ts';
import { tabIdFromSearch } from './page-status.ts';
import type { PopupApi, TargetTab } from './popup.ts';

function isPageState(value: unknown): value is PageState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PageState).url === 'string' &&
    Array.isArray((value as PageState).spamItems)
  );
}

function sendToTab(tabId: number, request: ContentRequest): Promise<unknown> {
  // Only the top frame's content script speaks for the page.
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}

export function createBrowserPopupApi(location: Location, closeWindow: () => void): PopupApi {
  const explicitTab = tabIdFromSearch(location.search);
  return {
    t,

    async findTargetTab(): Promise<TargetTab | null> {
      if (explicitTab !== null) {
        const tab = await browser.tabs.get(explicitTab).catch(() => null);
        return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
      }
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
    },

    async getPageState(tabId) {
      try {
        const state = await sendToTab(tabId, { type: 'qy:getState' });
        return isPageState(state) ? state : null;
      } catch {
        // No content script in the tab ("Receiving end does not exist").
        return null;
      }
    },

    onPageState(tabId, listener) {
      const onMessage = (message: unknown, sender: { tab?: { id?: number }; frameId?: number }) => {
        const request = message as BackgroundRequest;
        if (
          request?.type === 'qy:state' &&
          sender.tab?.id === tabId &&
          (sender.frameId ?? 0) === 0 &&
          isPageState(request.state)
        ) {
          listener(request.state);
        }
        // No reply: the background answers these messages for the badge.
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    },

    getDefaults,
    getSiteOverride,
    getSiteSettings,
    updateSite,
    updateDefaults,
    removeSite,
    watchSite: watchSiteSettings,
    getReaderPrefs,
    setReaderPrefs,
    watchReaderPrefs(listener) {
      return readerPrefsItem.watch((prefs) => listener(normalizeReaderPrefs(prefs)));
    },

    async openReader(tabId) {
      await sendToTab(tabId, { type: 'qy:openReader' });
    },

    async prepareReader(tabId) {
      await sendToTab(tabId, { type: 'qy:prepareReader' });
    },

    async runContentScript(tabId) {
      await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
    },

    hasHostAccess(hostname) {
      return browser.permissions.contains({ origins: [originPatternFor(hostname)] });
    },

    requestHostAccess(hostname) {
      return browser.permissions.request({ origins: [originPatternFor(hostname)] });
    },

    removeHostAccess(hostname) {
      return browser.permissions.remove({ origins: [originPatternFor(hostname)] });
    },

    openOptions() {
      void browser.runtime.openOptionsPage();
    },

    // Opened in a tab (`?tab=`), the popup stays: closing would close the user's (or a test's) tab.
    close: explicitTab === null ? closeWindow : undefined,
  };
}
