// Access to sites outside the government hosts: "Run on this page" injects the content script
// once through activeTab; "Always run on this site" asks for the host as an optional permission,
// and every granted host gets the content script registered for its future pages.
import { browser } from 'wxt/browser';
import { GOV_MATCHES } from './hosts.ts';

export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js' as const;
const REGISTRATION_ID = 'qingyue-granted-sites';

/** Hosts granted at run time (the optional permissions), without the built-in government ones. */
export async function grantedOrigins(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((origin) => !GOV_MATCHES.includes(origin) && origin !== '*://*/*');
}

export async function syncSiteRegistrations(): Promise<void> {
  try {
    const origins = await grantedOrigins();
    const existing = await browser.scripting.getRegisteredContentScripts({
      ids: [REGISTRATION_ID],
    });
    if (existing.length > 0) {
      await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
    }
    if (origins.length === 0) return;
    await browser.scripting.registerContentScripts([
      {
        id: REGISTRATION_ID,
        matches: origins,
        js: [CONTENT_SCRIPT_FILE.slice(1)],
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  } catch (error) {
    console.warn('[Qingyue] site registrations:', error);
  }
}

/**
 * Runs the content script in the open tabs of newly granted origins. Firefox closes the popup while
 * the permission prompt of "Always run on this site" is up, so the popup cannot do it itself; the
 * registration from syncSiteRegistrations() only covers pages loaded from now on.
 */
export async function injectIntoGrantedTabs(origins: readonly string[]): Promise<void> {
  const added = origins.filter((origin) => !GOV_MATCHES.includes(origin) && origin !== '*://*/*');
  if (added.length === 0) return;
  let tabs: { id?: number }[] = [];
  try {
    tabs = await browser.tabs.query({ url: [...added] });
  } catch (error) {
    console.warn('[Qingyue] granted tabs:', error);
    return;
  }
  await Promise.all(
    tabs.map(async ({ id }) => {
      if (id === undefined) return;
      // A tab may have closed or moved to a page we may not script; nothing to do then.
      await browser.scripting
        .executeScript({ target: { tabId: id }, files: [CONTENT_SCRIPT_FILE] })
        .catch(() => undefined);
    }),
  );
}
