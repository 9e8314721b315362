// @vitest-environment happy-dom
// The options page over its real markup and the English catalogue, with a fake extension; and the
// settings file format (export, validated import).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_APP,
  MAX_BACKUP_BYTES,
  backupFileName,
  createBackup,
  parseBackup,
  type SettingsSnapshot,
} from '../../src/options/backup.ts';
import {
  OptionsPage,
  hostOfPattern,
  siteFromInput,
  type OptionsApi,
} from '../../src/options/options.ts';
import { catalogueTranslator, localizeTree, type Catalogue } from '../../src/popup/i18n.ts';
import { DEFAULT_READER_PREFS, type ReaderPrefs } from '../../src/reader/prefs.ts';
import {
  DEFAULT_SITE_SETTINGS,
  normalizeSiteOverride,
  type SiteSettings,
} from '../../src/settings/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const catalogue = JSON.parse(
  readFileSync(resolve(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Catalogue;
const optionsHtml = readFileSync(resolve(ROOT, 'entrypoints/options/index.html'), 'utf8');

const snapshot: SettingsSnapshot = {
  defaults: { script: 'tw', spam: true, autoReader: false },
  sites: { 'wuxi.gov.cn': { script: 'hans' }, 'ex.gov.tw': { spam: false, autoReader: true } },
  reader: { ...DEFAULT_READER_PREFS, fontSize: 28, theme: 'sepia' },
};

describe('settings file', () => {
  it('round-trips everything it exports', () => {
    const backup = createBackup(snapshot, new Date('2026-11-27T10:00:00Z'));
    expect(backup.app).toBe(BACKUP_APP);
    expect(backup.exportedAt).toBe('2026-11-27T10:00:00.000Z');
    const outcome = parseBackup(JSON.stringify(backup));
    expect(outcome).toEqual({
      ok: true,
      plan: {
        defaults: snapshot.defaults,
        sites: snapshot.sites,
        reader: snapshot.reader,
        rejected: [],
      },
    });
  });

  it('names the file after the day', () => {
    expect(backupFileName(new Date('2026-11-27T23:59:00Z'))).toBe(
      'qingyue-settings-2026-11-27.json',
    );
  });

  it('keeps the valid parts of a damaged file and lists what it left out', () => {
    const outcome = parseBackup(
      JSON.stringify({
        app: BACKUP_APP,
        version: 1,
        defaults: { script: 'klingon', spam: false },
        sites: {
          'wuxi.gov.cn': { script: 'hk', spam: 'yes' },
          'bad host!': { spam: true },
          'WWW.Gov.CN': { spam: true },
          'list.gov.cn': 'tw',
        },
        reader: { fontSize: 500, lineHeight: 2, theme: 'neon', indent: false },
        password: 'hunter2',
      }),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.plan.defaults).toEqual({ spam: false });
    expect(outcome.plan.sites).toEqual({ 'wuxi.gov.cn': { script: 'hk' } });
    expect(outcome.plan.reader).toEqual({ lineHeight: 2, indent: false });
    expect(outcome.plan.rejected.sort()).toEqual(
      [
        'password',
        'defaults.script',
        'sites["wuxi.gov.cn"].spam',
        'sites["bad host!"]',
        'sites["WWW.Gov.CN"]',
        'sites["list.gov.cn"]',
        'reader.fontSize',
        'reader.theme',
      ].sort(),
    );
  });

  it.each([
    ['not JSON', '{ defaults: ', 'notJson'],
    ['an array', '[1, 2]', 'notBackup'],
    ['another app', JSON.stringify({ app: 'other', defaults: {} }), 'notBackup'],
    ['unrelated JSON', JSON.stringify({ name: 'x' }), 'notBackup'],
    ['huge', ' '.repeat(MAX_BACKUP_BYTES + 1), 'tooLarge'],
  ])('refuses %s', (_what, text, error) => {
    expect(parseBackup(text)).toEqual({ ok: false, error });
  });
});

describe('site input', () => {
  it.each([
    ['https://www.wuxi.gov.cn/doc/1.shtml', 'wuxi.gov.cn'],
    ['WWW.GOV.CN', 'gov.cn'],
    ['  news.example.org ', 'news.example.org'],
    ['', null],
    ['localhost', null],
    ['not a host', null],
    ['chrome://extensions', null],
  ])('reads %j as %j', (input, site) => {
    expect(siteFromInput(input)).toBe(site);
  });

  it('shows a granted pattern as its host', () => {
    expect(hostOfPattern('*://news.example.org/*')).toBe('news.example.org');
  });
});

function fakeApi() {
  let defaults: SiteSettings = { ...DEFAULT_SITE_SETTINGS };
  const sites = new Map<string, Partial<SiteSettings>>();
  let prefs: ReaderPrefs = { ...DEFAULT_READER_PREFS };
  let origins = ['*://news.example.org/*'];
  const downloads: { fileName: string; text: string }[] = [];
  const missingKeys = new Set<string>();
  const translate = catalogueTranslator(catalogue);
  const api: OptionsApi = {
    t: (key, substitutions) => {
      if (!(key in catalogue)) missingKeys.add(key);
      return translate(key, substitutions);
    },
    getDefaults: async () => ({ ...defaults }),
    getSiteOverride: async (site) => ({ ...(sites.get(site) ?? {}) }),
    updateSite: async (site, change) => {
      sites.set(site, { ...sites.get(site), ...normalizeSiteOverride(change) });
    },
    updateDefaults: async (change) => {
      defaults = { ...defaults, ...normalizeSiteOverride(change) };
    },
    removeSite: async (site) => void sites.delete(site),
    listSites: async () => Object.fromEntries([...sites].map(([k, v]) => [k, { ...v }])),
    getReaderPrefs: async () => ({ ...prefs }),
    setReaderPrefs: async (next) => {
      prefs = { ...next };
    },
    grantedOrigins: async () => [...origins],
    removeOrigin: async (origin) => {
      origins = origins.filter((o) => o !== origin);
      return true;
    },
    onChange: () => () => undefined,
    download: (fileName, text) => void downloads.push({ fileName, text }),
    confirm: vi.fn(() => true),
    now: () => new Date('2026-11-27T10:00:00Z'),
  };
  return {
    api,
    sites,
    downloads,
    missingKeys,
    defaults: () => defaults,
    prefs: () => prefs,
    origins: () => origins,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function openOptions(prepare?: (fake: ReturnType<typeof fakeApi>) => void) {
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(optionsHtml)?.[1] ?? '';
  const fake = fakeApi();
  prepare?.(fake);
  localizeTree(document, fake.api.t);
  const page = new OptionsPage(document, fake.api);
  await page.start();
  await settle();
  return { ...fake, page };
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
/** A form control by its accessible name: aria-label, or the text of its <label>. */
function named<T extends HTMLElement>(name: string): T {
  const found = [...document.querySelectorAll<HTMLElement>('input, select, button')].filter(
    (el) =>
      el.getAttribute('aria-label') === name ||
      (!el.hasAttribute('aria-label') &&
        ([...((el as HTMLInputElement).labels ?? [])].some((l) => l.textContent!.trim() === name) ||
          (el.tagName === 'BUTTON' && el.textContent!.trim() === name))),
  );
  expect(found, name).toHaveLength(1);
  return found[0] as T;
}
function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('options page', () => {
  let missing: Set<string> | null = null;
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    // Every string the page showed came from the catalogue.
    expect([...(missing ?? [])]).toEqual([]);
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('shows and writes the defaults for every site', async () => {
    const fake = await openOptions();
    missing = fake.missingKeys;
    expect(named<HTMLInputElement>('Original').checked).toBe(true);
    expect(named<HTMLInputElement>('Remove spam').checked).toBe(true);
    named<HTMLInputElement>('Traditional (Hong Kong)').click();
    named<HTMLInputElement>('Open the reader view by itself on articles').click();
    await settle();
    expect(fake.defaults()).toEqual({ script: 'hk', spam: true, autoReader: true });
  });

  it('lists sites with their own settings, edits them, and lets a field follow the default', async () => {
    const fake = await openOptions((f) => {
      f.sites.set('wuxi.gov.cn', { script: 'hans', spam: false });
    });
    missing = fake.missingKeys;
    const script = named<HTMLSelectElement>('Script on wuxi.gov.cn');
    expect(script.value).toBe('hans');
    expect(script.options[0]!.textContent).toBe('Default (Original)');
    expect(named<HTMLSelectElement>('Remove spam on wuxi.gov.cn').value).toBe('off');
    expect(named<HTMLSelectElement>('Reader by itself on wuxi.gov.cn').value).toBe('');

    choose(script, 'tw');
    await settle();
    expect(fake.sites.get('wuxi.gov.cn')).toEqual({ script: 'tw', spam: false });
    choose(named<HTMLSelectElement>('Script on wuxi.gov.cn'), '');
    await settle();
    expect(fake.sites.get('wuxi.gov.cn')).toEqual({ spam: false });
  });

  it('removes a site and adds one typed as an address', async () => {
    const fake = await openOptions((f) => f.sites.set('wuxi.gov.cn', { script: 'hans' }));
    missing = fake.missingKeys;
    named<HTMLButtonElement>('Remove the settings of wuxi.gov.cn').click();
    await settle();
    expect(fake.sites.size).toBe(0);
    expect($('#sites-empty').hidden).toBe(false);
    expect($('#sites-table').hidden).toBe(true);

    const input = named<HTMLInputElement>('Add a site');
    input.value = 'not a site';
    $<HTMLFormElement>('#add-site').requestSubmit();
    await settle();
    expect($('#add-site-error').hidden).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    input.value = 'https://www.ex.gov.tw/news/1.html';
    $<HTMLFormElement>('#add-site').requestSubmit();
    await settle();
    expect(fake.sites.get('ex.gov.tw')).toEqual({});
    expect(named<HTMLSelectElement>('Script on ex.gov.tw').value).toBe('');
  });

  it('lists the sites never cleaned, and cleans one again', async () => {
    const fake = await openOptions((f) => {
      f.sites.set('a.gov.cn', { spam: false, script: 'tw' });
      f.sites.set('b.gov.cn', { script: 'tw' });
    });
    missing = fake.missingKeys;
    const items = [...document.querySelectorAll('#excluded-list li span')].map(
      (s) => s.textContent,
    );
    expect(items).toEqual(['a.gov.cn']);
    named<HTMLButtonElement>('Clean again on a.gov.cn').click();
    await settle();
    expect(fake.sites.get('a.gov.cn')).toEqual({ script: 'tw' });
    expect($('#excluded-empty').hidden).toBe(false);
  });

  it('lists the other sites it runs on and gives one back', async () => {
    const fake = await openOptions();
    missing = fake.missingKeys;
    named<HTMLButtonElement>('Stop running on news.example.org').click();
    await settle();
    expect(fake.origins()).toEqual([]);
    expect($('#granted-empty').hidden).toBe(false);
  });

  it('edits reader comfort within the allowed ranges', async () => {
    const fake = await openOptions();
    missing = fake.missingKeys;
    const size = named<HTMLInputElement>('Reader font size');
    expect([size.value, size.min, size.max]).toEqual(['20', '12', '128']);
    size.value = '300';
    size.dispatchEvent(new Event('change'));
    await settle();
    expect(fake.prefs().fontSize).toBe(128);
    expect(size.value).toBe('128');
    choose(named<HTMLSelectElement>('Colours'), 'dark');
    named<HTMLInputElement>('Justify text').click();
    await settle();
    expect(fake.prefs()).toMatchObject({ theme: 'dark', justify: true });
    named<HTMLButtonElement>('Restore default settings').click();
    await settle();
    expect(fake.prefs()).toEqual(DEFAULT_READER_PREFS);
  });

  it('exports every setting as a JSON file', async () => {
    const fake = await openOptions((f) => f.sites.set('wuxi.gov.cn', { script: 'hans' }));
    missing = fake.missingKeys;
    named<HTMLButtonElement>('Export settings').click();
    await settle();
    expect(fake.downloads).toHaveLength(1);
    expect(fake.downloads[0]!.fileName).toBe('qingyue-settings-2026-11-27.json');
    const data = JSON.parse(fake.downloads[0]!.text) as Record<string, unknown>;
    expect(data).toMatchObject({
      app: BACKUP_APP,
      defaults: DEFAULT_SITE_SETTINGS,
      sites: { 'wuxi.gov.cn': { script: 'hans' } },
      reader: DEFAULT_READER_PREFS,
    });
  });

  it('imports the valid parts of a file and says what it left out', async () => {
    const fake = await openOptions((f) => f.sites.set('keep.gov.cn', { spam: false }));
    missing = fake.missingKeys;
    await fake.page.importText(
      JSON.stringify({
        app: BACKUP_APP,
        defaults: { script: 'hk' },
        sites: { 'wuxi.gov.cn': { script: 'tw' }, 'bad host': {} },
        reader: { fontSize: 9999, theme: 'sepia' },
      }),
    );
    await settle();
    expect(fake.defaults().script).toBe('hk');
    expect(fake.sites.get('wuxi.gov.cn')).toEqual({ script: 'tw' });
    expect(fake.sites.get('keep.gov.cn')).toEqual({ spam: false });
    expect(fake.prefs()).toMatchObject({ fontSize: 20, theme: 'sepia' });
    const report = $('#backup-report');
    expect(report.getAttribute('role')).toBe('status');
    expect(report.querySelector('p')!.textContent).toBe(
      'Settings imported. These entries were not valid and were left out:',
    );
    expect([...report.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'sites["bad host"]',
      'reader.fontSize',
    ]);

    await fake.page.importText('nonsense');
    expect(report.textContent).toBe('This file could not be read: it is not a JSON file.');
  });

  it('resets everything after asking', async () => {
    const fake = await openOptions((f) => {
      f.sites.set('wuxi.gov.cn', { script: 'hans' });
    });
    missing = fake.missingKeys;
    await fake.api.updateDefaults({ script: 'tw' });
    vi.mocked(fake.api.confirm).mockReturnValueOnce(false);
    named<HTMLButtonElement>('Reset everything to defaults').click();
    await settle();
    expect(fake.sites.size).toBe(1);
    named<HTMLButtonElement>('Reset everything to defaults').click();
    await settle();
    expect(fake.sites.size).toBe(0);
    expect(fake.defaults()).toEqual(DEFAULT_SITE_SETTINGS);
    expect($('#backup-report').textContent).toBe('All settings are back to their defaults.');
  });
});
