// "Apply to: This site / All sites": the popup's controls write either the site's own override or
// the defaults every site follows. Pure over a small store interface so it can be unit-tested.
import type { SiteSettings } from '../settings/schema.ts';

export type ApplyScope = 'site' | 'all';

/** The settings functions of `src/settings/storage.ts` the popup and options page write through. */
export interface SettingsStore {
  getDefaults(): Promise<SiteSettings>;
  getSiteOverride(site: string): Promise<Partial<SiteSettings>>;
  updateSite(site: string, change: Partial<SiteSettings>): Promise<void>;
  updateDefaults(change: Partial<SiteSettings>): Promise<void>;
  removeSite(site: string): Promise<void>;
}

/**
 * Makes `site` follow the defaults for the fields in `fields`, with a single storage write so that
 * an open page of the site never sees an in-between state (a half-removed override would flash the
 * page's other settings back to their defaults). When other fields remain in the override, the
 * cleared fields are pinned to the current default value instead of being deleted.
 */
export async function followDefaults(
  store: SettingsStore,
  site: string,
  fields: readonly (keyof SiteSettings)[],
): Promise<void> {
  const override = await store.getSiteOverride(site);
  const present = fields.filter((field) => override[field] !== undefined);
  if (present.length === 0) return;
  const remaining = Object.keys(override).filter(
    (field) => !present.includes(field as keyof SiteSettings),
  );
  if (remaining.length === 0) {
    await store.removeSite(site);
    return;
  }
  const defaults = await store.getDefaults();
  const pinned: Partial<SiteSettings> = {};
  for (const field of present) Object.assign(pinned, { [field]: defaults[field] });
  await store.updateSite(site, pinned);
}

/**
 * Writes one change from the popup. `site` scope writes the site override; `all` scope writes the
 * defaults and makes this site follow them, so the change shows on the page in front of the user.
 */
export async function applyChange(
  store: SettingsStore,
  scope: ApplyScope,
  site: string,
  change: Partial<SiteSettings>,
): Promise<void> {
  if (scope === 'site') {
    await store.updateSite(site, change);
    return;
  }
  await store.updateDefaults(change);
  await followDefaults(store, site, Object.keys(change) as (keyof SiteSettings)[]);
}

/**
 * Runs writes one after another. Each settings write reads, merges and stores; two clicks in quick
 * succession would otherwise both read the old value and the second would undo the first.
 */
export function createWriteQueue(): <T>(write: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const run = tail.then(write, write);
    tail = run.catch(() => undefined);
    return run;
  };
}
