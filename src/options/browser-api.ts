// The options page's `OptionsApi` over the real extension APIs and the typed settings storage.
import { browser } from 'wxt/browser';
import {
  getDefaults,
  getReaderPrefs,
  getSiteOverride,
  listSites,
  removeSite,
  setReaderPrefs,
  updateDefaults,
  updateSite,
} from '../settings/storage.ts';
import { t } from '../shared/i18n.ts';
import { grantedOrigins } from '../shared/site-access.ts';
import type { OptionsApi } from './options.ts';

export function createBrowserOptionsApi(win: Window): OptionsApi {
  return {
    t,
    getDefaults,
    getSiteOverride,
    updateSite,
    updateDefaults,
    removeSite,
    listSites,
    getReaderPrefs,
    setReaderPrefs,
    grantedOrigins,
    removeOrigin: (origin) => browser.permissions.remove({ origins: [origin] }),
    onChange(listener) {
      const onStorage = (_changes: unknown, area: string) => {
        if (area === 'local') listener();
      };
      browser.storage.onChanged.addListener(onStorage);
      browser.permissions.onAdded.addListener(listener);
      browser.permissions.onRemoved.addListener(listener);
      return () => {
        browser.storage.onChanged.removeListener(onStorage);
        browser.permissions.onAdded.removeListener(listener);
        browser.permissions.onRemoved.removeListener(listener);
      };
    },
    download(fileName, text) {
      // A blob link: no `downloads` permission and nothing leaves the machine.
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = win.document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      win.document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    confirm: (message) => win.confirm(message),
    now: () => new Date(),
  };
}
