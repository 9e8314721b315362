// Settings export and import. Pure (no extension API): the options page reads and writes storage;
// this module only turns settings into a file and a file back into the settings it may apply.
// An imported file is never trusted: every value goes through the same normalisers as stored
// settings, what they would change is reported as rejected, and the valid rest is kept.
import { DEFAULT_READER_PREFS, normalizeReaderPrefs, type ReaderPrefs } from '../reader/prefs.ts';
import {
  SETTINGS_VERSION,
  isValidSiteKey,
  normalizeSiteOverride,
  type SiteSettings,
} from '../settings/schema.ts';

/** Marks a JSON file as Qingyue settings. */
export const BACKUP_APP = 'qingyue-settings';
/** Files larger than this are not settings files (a few thousand sites fit in well under 1 MB). */
export const MAX_BACKUP_BYTES = 5 * 1024 * 1024;

export interface SettingsSnapshot {
  defaults: SiteSettings;
  sites: Record<string, Partial<SiteSettings>>;
  reader: ReaderPrefs;
}

export interface SettingsBackup extends SettingsSnapshot {
  app: typeof BACKUP_APP;
  version: number;
  exportedAt: string;
}

/** What an imported file may change: only the values that passed validation. */
export interface ImportPlan {
  defaults: Partial<SiteSettings>;
  sites: Record<string, Partial<SiteSettings>>;
  reader: Partial<ReaderPrefs>;
  /** Paths of what was left out, e.g. `defaults.script`, `sites["bad host"]`, `reader.fontSize`. */
  rejected: string[];
}

export type ImportOutcome =
  { ok: true; plan: ImportPlan } | { ok: false; error: 'notJson' | 'notBackup' | 'tooLarge' };

export function createBackup(snapshot: SettingsSnapshot, now: Date): SettingsBackup {
  return {
    app: BACKUP_APP,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    defaults: snapshot.defaults,
    sites: Object.fromEntries(
      Object.entries(snapshot.sites).sort(([a], [b]) => a.localeCompare(b)),
    ),
    reader: snapshot.reader,
  };
}

/** `qingyue-settings-2026-11-27.json` */
export function backupFileName(now: Date): string {
  return `qingyue-settings-${now.toISOString().slice(0, 10)}.json`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `sites.wuxi.gov.cn` reads badly; `sites["wuxi.gov.cn"]` names the key unambiguously. */
function sitePath(site: string, field?: string): string {
  return `sites[${JSON.stringify(site)}]${field ? `.${field}` : ''}`;
}

/** The fields of an override object that normalisation keeps, and those it rejects. */
function checkOverride(value: Record<string, unknown>): {
  kept: Partial<SiteSettings>;
  rejected: string[];
} {
  const kept = normalizeSiteOverride(value);
  const rejected = Object.keys(value).filter((key) => !(key in kept));
  return { kept, rejected };
}

function checkReader(value: Record<string, unknown>): {
  kept: Partial<ReaderPrefs>;
  rejected: string[];
} {
  // A value counts as valid only if normalising leaves it exactly as written: a font size of 500
  // would be clamped to 128, which is not what the file says, so it is rejected, not changed.
  const normalized = normalizeReaderPrefs({ ...DEFAULT_READER_PREFS, ...value });
  const kept: Partial<ReaderPrefs> = {};
  const rejected: string[] = [];
  for (const [key, raw] of Object.entries(value)) {
    if (key in normalized && normalized[key as keyof ReaderPrefs] === raw) {
      Object.assign(kept, { [key]: raw });
    } else {
      rejected.push(`reader.${key}`);
    }
  }
  return { kept, rejected };
}

/** Reads a settings file. Never throws; the plan lists what it left out. */
export function parseBackup(text: string): ImportOutcome {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, error: 'tooLarge' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'notJson' };
  }
  if (!isRecord(data)) return { ok: false, error: 'notBackup' };
  const hasSettings = 'defaults' in data || 'sites' in data || 'reader' in data;
  if (!hasSettings || ('app' in data && data.app !== BACKUP_APP)) {
    return { ok: false, error: 'notBackup' };
  }

  const plan: ImportPlan = { defaults: {}, sites: {}, reader: {}, rejected: [] };
  const known = new Set(['app', 'version', 'exportedAt', 'defaults', 'sites', 'reader']);
  for (const key of Object.keys(data)) if (!known.has(key)) plan.rejected.push(key);

  if ('defaults' in data) {
    if (isRecord(data.defaults)) {
      const { kept, rejected } = checkOverride(data.defaults);
      plan.defaults = kept;
      plan.rejected.push(...rejected.map((field) => `defaults.${field}`));
    } else {
      plan.rejected.push('defaults');
    }
  }

  if ('sites' in data) {
    if (isRecord(data.sites)) {
      for (const [site, value] of Object.entries(data.sites)) {
        // Site keys are stored lower-case without `www.` (see siteKeyOf); anything else would
        // never match a page, so it is reported rather than silently renamed.
        const wellFormed =
          isValidSiteKey(site) && site === site.toLowerCase() && !site.startsWith('www.');
        if (!wellFormed || !isRecord(value)) {
          plan.rejected.push(sitePath(site));
          continue;
        }
        const { kept, rejected } = checkOverride(value);
        plan.rejected.push(...rejected.map((field) => sitePath(site, field)));
        if (Object.keys(kept).length > 0 || Object.keys(value).length === 0) {
          plan.sites[site] = kept;
        }
      }
    } else {
      plan.rejected.push('sites');
    }
  }

  if ('reader' in data) {
    if (isRecord(data.reader)) {
      const { kept, rejected } = checkReader(data.reader);
      plan.reader = kept;
      plan.rejected.push(...rejected);
    } else {
      plan.rejected.push('reader');
    }
  }
  return { ok: true, plan };
}
