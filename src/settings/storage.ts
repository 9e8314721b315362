// Settings in extension storage (WXT storage, versioned items). One key per site, so that two tabs
// changing two different sites at once never overwrite each other.
import { storage } from 'wxt/utils/storage';
import type { ReaderPrefs } from '../reader/prefs.ts';
import { DEFAULT_READER_PREFS, normalizeReaderPrefs } from '../reader/prefs.ts';
import {
  DEFAULT_SITE_SETTINGS,
  SETTINGS_VERSION,
  effectiveSiteSettings,
  normalizeDefaults,
  normalizeSiteOverride,
  type SiteSettings,
} from './schema.ts';

export const SITE_KEY_PREFIX = 'site:';

export const defaultsItem = storage.defineItem<SiteSettings>('local:defaults', {
  fallback: DEFAULT_SITE_SETTINGS,
  version: SETTINGS_VERSION,
});

export const readerPrefsItem = storage.defineItem<ReaderPrefs>('local:reader', {
  fallback: DEFAULT_READER_PREFS,
  version: SETTINGS_VERSION,
});

function siteStorageKey(site: string): `local:${string}` {
  return `local:${SITE_KEY_PREFIX}${site}`;
}

export async function getDefaults(): Promise<SiteSettings> {
  return normalizeDefaults(await defaultsItem.getValue());
}

export async function getSiteOverride(site: string): Promise<Partial<SiteSettings>> {
  return normalizeSiteOverride(await storage.getItem(siteStorageKey(site)));
}

export async function getSiteSettings(site: string): Promise<SiteSettings> {
  const [defaults, override] = await Promise.all([getDefaults(), getSiteOverride(site)]);
  return effectiveSiteSettings(defaults, override);
}

/** The Web Lock every settings read-modify-write of the extension's pages and background holds. */
export const SETTINGS_LOCK = 'qingyue-settings';

/**
 * Runs a read-modify-write of settings under the `qingyue-settings` Web Lock, so that two
 * extension pages (two popups, the options page, the background) writing at once never both read
 * the old value and drop each other's change. All writers share the extension's origin, so they
 * share the lock (content scripts write only reader prefs, never site settings). Where the Web
 * Locks API is missing, the write runs unguarded as before.
 */
async function withSettingsLock<T>(write: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return write();
  // The lock is held until the promise `write` returns has settled.
  return await locks.request(SETTINGS_LOCK, write);
}

/** Merges `change` into the site's override (read and write under the settings lock). */
export function updateSite(site: string, change: Partial<SiteSettings>): Promise<void> {
  return withSettingsLock(async () => {
    const current = await getSiteOverride(site);
    await storage.setItem(siteStorageKey(site), { ...current, ...normalizeSiteOverride(change) });
  });
}

/**
 * Sets the site's whole override in one write: fields absent from `override` follow the defaults
 * again. Used where a field must be removed, so an open page never sees an in-between state.
 */
export function replaceSite(site: string, override: Partial<SiteSettings>): Promise<void> {
  return withSettingsLock(() =>
    storage.setItem(siteStorageKey(site), normalizeSiteOverride(override)),
  );
}

export function removeSite(site: string): Promise<void> {
  return withSettingsLock(() => storage.removeItem(siteStorageKey(site)));
}

export function updateDefaults(change: Partial<SiteSettings>): Promise<void> {
  return withSettingsLock(async () => {
    const current = await getDefaults();
    await defaultsItem.setValue({ ...current, ...normalizeSiteOverride(change) });
  });
}

export async function getReaderPrefs(): Promise<ReaderPrefs> {
  return normalizeReaderPrefs(await readerPrefsItem.getValue());
}

export async function setReaderPrefs(prefs: ReaderPrefs): Promise<void> {
  await readerPrefsItem.setValue(normalizeReaderPrefs(prefs));
}

/** Every site with its own settings, for the options page. */
export async function listSites(): Promise<Record<string, Partial<SiteSettings>>> {
  const all = await storage.snapshot('local');
  const sites: Record<string, Partial<SiteSettings>> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(SITE_KEY_PREFIX) && !key.endsWith('$')) {
      sites[key.slice(SITE_KEY_PREFIX.length)] = normalizeSiteOverride(value);
    }
  }
  return sites;
}

/** Watches every setting a page depends on; returns the unwatch function. */
export function watchSiteSettings(
  site: string,
  onChange: (settings: SiteSettings) => void,
): () => void {
  const refresh = () => void getSiteSettings(site).then(onChange);
  const unwatchDefaults = defaultsItem.watch(refresh);
  const unwatchSite = storage.watch(siteStorageKey(site), refresh);
  return () => {
    unwatchDefaults();
    unwatchSite();
  };
}
