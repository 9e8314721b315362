// Keeps the pre-hide script (entrypoints/prehide.ts) registered for exactly the pages that will be
// converted as they load: the sites with a chosen script, or every page the content script runs
// on when the default script is not "as written" (minus the sites set back to it).
import { browser } from 'wxt/browser';
import { prehideMatchesFor, type PrehideMatches } from './prehide-matches.ts';
import { grantedOrigins } from './site-access.ts';
import { getDefaults, listSites } from '../settings/storage.ts';

const REGISTRATION_ID = 'qingyue-prehide';
export const PREHIDE_FILE = 'prehide.js';

/** What the registration should cover, from the settings. */
export async function prehideMatches(): Promise<PrehideMatches> {
  const [defaults, sites, granted] = await Promise.all([
    getDefaults(),
    listSites(),
    grantedOrigins(),
  ]);
  return prehideMatchesFor(defaults.script, sites, granted);
}

let pending: Promise<void> = Promise.resolve();

/** Re-registers the pre-hide script from the settings; calls are serialised, never overlapping. */
export function syncPrehideRegistration(): Promise<void> {
  pending = pending.then(async () => {
    try {
      const { matches, excludeMatches } = await prehideMatches();
      const existing = await browser.scripting.getRegisteredContentScripts({
        ids: [REGISTRATION_ID],
      });
      if (existing.length > 0) {
        await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
      }
      if (matches.length === 0) return;
      await browser.scripting.registerContentScripts([
        {
          id: REGISTRATION_ID,
          matches,
          ...(excludeMatches.length > 0 ? { excludeMatches } : {}),
          js: [PREHIDE_FILE],
          runAt: 'document_start',
          persistAcrossSessions: true,
        },
      ]);
    } catch (error) {
      // Without it pages still convert; only the first paint may show the other script.
      console.warn('[Qingyue] pre-hide registration:', error);
    }
  });
  return pending;
}
