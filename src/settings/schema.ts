// Settings schema: pure types, defaults and normalisation, no extension API (unit-testable in Node).
// Stored values are never trusted: anything corrupt or unknown falls back to the default while the
// valid fields next to it are kept.
import type { ScriptTarget } from '../core/types.ts';

export const SCRIPT_TARGETS: readonly ScriptTarget[] = ['original', 'hans', 'hant', 'tw', 'hk'];

/** What can be set per site, and as the default for every site. */
export interface SiteSettings {
  /** Script conversion for the site's pages. */
  script: ScriptTarget;
  /** Remove injected spam (off = "Never clean this site"). */
  spam: boolean;
  /** Open the reader view automatically on articles. */
  autoReader: boolean;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = Object.freeze({
  script: 'original',
  spam: true,
  autoReader: false,
});

/** Current schema version of every stored settings item. Bump with a migration in storage.ts. */
export const SETTINGS_VERSION = 1;

export function isScriptTarget(value: unknown): value is ScriptTarget {
  return typeof value === 'string' && (SCRIPT_TARGETS as readonly string[]).includes(value);
}

/** Keeps only the valid fields of a stored per-site override (an override may set any subset). */
export function normalizeSiteOverride(value: unknown): Partial<SiteSettings> {
  const result: Partial<SiteSettings> = {};
  if (!value || typeof value !== 'object') return result;
  const record = value as Record<string, unknown>;
  if (isScriptTarget(record.script)) result.script = record.script;
  if (typeof record.spam === 'boolean') result.spam = record.spam;
  if (typeof record.autoReader === 'boolean') result.autoReader = record.autoReader;
  return result;
}

/** Full defaults: every field present, invalid ones replaced by the built-in default. */
export function normalizeDefaults(value: unknown): SiteSettings {
  return { ...DEFAULT_SITE_SETTINGS, ...normalizeSiteOverride(value) };
}

/** The settings in force on a site: its override on top of the user's defaults. */
export function effectiveSiteSettings(
  defaults: SiteSettings,
  override: Partial<SiteSettings> | undefined,
): SiteSettings {
  return { ...defaults, ...(override ?? {}) };
}

/**
 * The key a site's settings live under. Sites are hostnames without a leading `www.`, so that
 * `www.wuxi.gov.cn` and `wuxi.gov.cn` share a choice.
 */
export function siteKeyOf(url: string): string | null {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

export function isValidSiteKey(key: string): boolean {
  return /^[a-z0-9.-]+$/i.test(key) && key.length <= 253 && !key.startsWith('.');
}
