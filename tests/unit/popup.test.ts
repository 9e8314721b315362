// @vitest-environment happy-dom
// The popup over its real markup and the English catalogue, with a fake extension: what a user
// sees and what each control writes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_READER_PREFS, type ReaderPrefs } from '../../src/reader/prefs.ts';
import {
  DEFAULT_SITE_SETTINGS,
  effectiveSiteSettings,
  normalizeSiteOverride,
  type SiteSettings,
} from '../../src/settings/schema.ts';
import type { PageState } from '../../src/shared/messages.ts';
import { catalogueTranslator, localizeTree, type Catalogue } from '../../src/popup/i18n.ts';
import {
  explainReasons,
  pageKindOf,
  spamItemPreview,
  statusLines,
  tabIdFromSearch,
} from '../../src/popup/page-status.ts';
import { Popup, type PopupApi, type TargetTab } from '../../src/popup/popup.ts';
import { applyChange, followDefaults } from '../../src/popup/settings-scope.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const catalogue = (locale: string) =>
  JSON.parse(
    readFileSync(resolve(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Catalogue;
const enCatalogue = catalogue('en');
const translateEn = catalogueTranslator(enCatalogue);
/** Keys the popup asked for that the catalogue lacks (each would show as a raw key). */
const missingKeys = new Set<string>();
const en: typeof translateEn = (key, substitutions) => {
  if (!(key in enCatalogue)) missingKeys.add(key);
  return translateEn(key, substitutions);
};
const zhCN = catalogueTranslator(catalogue('zh_CN'));
const popupHtml = readFileSync(resolve(ROOT, 'entrypoints/popup/index.html'), 'utf8');

function pageState(overrides: Partial<PageState> = {}): PageState {
  return {
    url: 'https://www.wuxi.gov.cn/doc/2024/05/23/4302185.shtml',
    site: 'wuxi.gov.cn',
    isArticle: true,
    title: '深化对接双向赋能',
    spamEnabled: true,
    spamItems: [
      { text: '澳门葡京 线上赌场', reasons: ['hidden:display-none', 'terms:3'] },
      { text: '  在线\n\n 博彩  ', reasons: ['links:offsite'] },
    ],
    script: 'original',
    pageScript: 'hans',
    readerOpen: false,
    ...overrides,
  };
}

/** An in-memory extension: storage with the real merge rules, a tab, and recorded actions. */
function fakeApi(options: { tab?: TargetTab | null; state?: PageState | null; inTab?: boolean }) {
  let defaults: SiteSettings = { ...DEFAULT_SITE_SETTINGS };
  const sites = new Map<string, Partial<SiteSettings>>();
  let prefs: ReaderPrefs = { ...DEFAULT_READER_PREFS };
  const stateListeners: ((state: PageState) => void)[] = [];
  const calls: string[] = [];
  let state = options.state === undefined ? pageState() : options.state;
  const api: PopupApi = {
    t: en,
    findTargetTab: async () =>
      options.tab === undefined ? { id: 7, url: pageState().url } : options.tab,
    getPageState: async () => state,
    onPageState: (_tabId, listener) => {
      stateListeners.push(listener);
      return () => undefined;
    },
    getDefaults: async () => ({ ...defaults }),
    getSiteOverride: async (site) => ({ ...(sites.get(site) ?? {}) }),
    getSiteSettings: async (site) => effectiveSiteSettings(defaults, sites.get(site)),
    updateSite: async (site, change) => {
      calls.push(`updateSite ${site} ${JSON.stringify(change)}`);
      sites.set(site, { ...sites.get(site), ...normalizeSiteOverride(change) });
    },
    updateDefaults: async (change) => {
      calls.push(`updateDefaults ${JSON.stringify(change)}`);
      defaults = { ...defaults, ...normalizeSiteOverride(change) };
    },
    removeSite: async (site) => {
      calls.push(`removeSite ${site}`);
      sites.delete(site);
    },
    watchSite: () => () => undefined,
    getReaderPrefs: async () => ({ ...prefs }),
    setReaderPrefs: async (next) => {
      calls.push(`setReaderPrefs ${next.fontSize}`);
      prefs = { ...next };
    },
    watchReaderPrefs: () => () => undefined,
    openReader: async () => void calls.push('openReader'),
    runContentScript: async () => {
      calls.push('runContentScript');
      state = pageState({ url: 'https://news.example.org/a', site: 'news.example.org' });
    },
    hasHostAccess: async () => false,
    requestHostAccess: vi.fn(async () => true),
    removeHostAccess: async () => true,
    openOptions: () => void calls.push('openOptions'),
    close: options.inTab ? undefined : () => void calls.push('close'),
  };
  return {
    api,
    calls,
    sites,
    emit: (next: PageState) => stateListeners.forEach((listener) => listener(next)),
    defaults: () => defaults,
    prefs: () => prefs,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function openPopup(options: Parameters<typeof fakeApi>[0] = {}) {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(popupHtml)?.[1] ?? '';
  document.body.innerHTML = body;
  localizeTree(document, en);
  const fake = fakeApi(options);
  const popup = new Popup(document, fake.api);
  await popup.start();
  await settle();
  return { ...fake, popup };
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const statusText = () => $('[role="status"]').textContent!.replace(/\s+/g, ' ').trim();
/** The control whose <label> reads exactly `name`, as a screen reader would announce it. */
function controlNamed(name: string): HTMLInputElement | HTMLButtonElement {
  const inputs = [...document.querySelectorAll<HTMLInputElement>('input')].filter((input) =>
    [...(input.labels ?? [])].some((label) => label.textContent!.trim() === name),
  );
  const buttons = [...document.querySelectorAll('button')].filter(
    (button) => button.textContent!.trim() === name,
  );
  const found = [...inputs, ...buttons];
  expect(found, `one control named ${name}`).toHaveLength(1);
  return found[0]!;
}

describe('popup wording', () => {
  it('states the verdict and the spam count in the exact English phrases', () => {
    expect(statusLines(pageState(), en)).toEqual(['Article detected', '2 spam items removed']);
    expect(statusLines(pageState({ isArticle: false, spamItems: [] }), en)).toEqual([
      'No article detected',
      '0 spam items removed',
    ]);
    expect(statusLines(pageState({ spamItems: [] }), zhCN)).toEqual([
      '已识别为文章',
      '已清除 0 条垃圾内容',
    ]);
  });

  it('reads the target tab from ?tab= and ignores anything else', () => {
    expect(tabIdFromSearch('?tab=42')).toBe(42);
    expect(tabIdFromSearch('')).toBeNull();
    expect(tabIdFromSearch('?tab=abc')).toBeNull();
    expect(tabIdFromSearch('?tab=-1')).toBeNull();
  });

  it('tells government pages, other pages and pages nothing may touch apart', () => {
    expect(pageKindOf('https://www.wuxi.gov.cn/a.shtml')).toBe('gov');
    expect(pageKindOf('http://gov.hk/')).toBe('gov');
    expect(pageKindOf('https://news.example.org/a')).toBe('other');
    expect(pageKindOf('https://notgov.cn.example.com/')).toBe('other');
    for (const url of [
      'chrome://extensions/',
      'about:blank',
      'file:///home/me/page.html',
      'https://chromewebstore.google.com/detail/x',
      'https://addons.mozilla.org/en-US/firefox/',
      undefined,
    ]) {
      expect(pageKindOf(url), String(url)).toBe('restricted');
    }
  });

  it('shows removed text on one line and cuts long text', () => {
    expect(spamItemPreview('  在线\n\n 博彩  ')).toBe('在线 博彩');
    const long = spamItemPreview('赌'.repeat(500), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('removed items', () => {
  it('explain their rules in plain words, grouped by family, unknown rules as they are', () => {
    expect(
      explainReasons(
        ['hidden:opacity', 'terms:4', 'hidden:clip', 'group:gambling', 'new-rule'],
        en,
      ),
    ).toEqual([
      { label: 'hidden from view', rules: ['hidden:opacity', 'hidden:clip'] },
      { label: 'gambling, porn or fake-papers words', rules: ['terms:4', 'group:gambling'] },
      { label: null, rules: ['new-rule'] },
    ]);
  });
});

describe('"Apply to" scope', () => {
  it('writes only the site override for "This site"', async () => {
    const { api, calls } = fakeApi({});
    await applyChange(api, 'site', 'wuxi.gov.cn', { spam: false });
    expect(calls).toEqual(['updateSite wuxi.gov.cn {"spam":false}']);
  });

  it('writes the defaults for "All sites" and lets this site follow them', async () => {
    const fake = fakeApi({});
    fake.sites.set('wuxi.gov.cn', { script: 'tw' });
    await applyChange(fake.api, 'all', 'wuxi.gov.cn', { script: 'hk' });
    expect(fake.defaults().script).toBe('hk');
    expect(fake.sites.has('wuxi.gov.cn')).toBe(false);
  });

  it('keeps the site’s other choices when it follows the defaults for one', async () => {
    const fake = fakeApi({});
    fake.sites.set('wuxi.gov.cn', { script: 'tw', spam: false });
    await applyChange(fake.api, 'all', 'wuxi.gov.cn', { spam: true });
    expect(fake.sites.get('wuxi.gov.cn')).toEqual({ script: 'tw', spam: true });
    // One write for the site: an open page never sees its script flash back to the default.
    expect(fake.calls.filter((call) => call.includes('wuxi.gov.cn'))).toHaveLength(1);
  });

  it('leaves a site without its own value alone', async () => {
    const fake = fakeApi({});
    await followDefaults(fake.api, 'wuxi.gov.cn', ['spam']);
    expect(fake.calls).toEqual([]);
  });
});

describe('popup', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
    expect([...missingKeys]).toEqual([]);
  });

  it('names every contract control exactly, with the roles the surface promises', async () => {
    await openPopup();
    const spam = controlNamed('Remove spam') as HTMLInputElement;
    expect(spam.type).toBe('checkbox');
    expect(spam.getAttribute('role')).toBe('switch');
    const group = document.querySelector('[role="radiogroup"]')!;
    const legendId = group.getAttribute('aria-labelledby')!;
    expect(document.getElementById(legendId)!.textContent).toBe('Script');
    const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((radio) => radio.labels![0]!.textContent!.trim())).toEqual([
      'Original',
      'Simplified',
      'Traditional',
      'Traditional (Taiwan)',
      'Traditional (Hong Kong)',
    ]);
    expect(radios.map((radio) => radio.value)).toEqual(['original', 'hans', 'hant', 'tw', 'hk']);
    expect(controlNamed('Open reader view').tagName).toBe('BUTTON');
    const fontSize = controlNamed('Reader font size') as HTMLInputElement;
    expect([fontSize.type, fontSize.min, fontSize.max]).toEqual(['number', '12', '128']);
  });

  it('shows the page state: verdict, count, title and the removed items with their rules', async () => {
    await openPopup();
    expect(statusText()).toBe('Article detected 2 spam items removed');
    expect($('#article-title').textContent).toBe('深化对接双向赋能');
    expect($('#spam-summary').textContent).toBe('Removed items (2)');
    const items = [...document.querySelectorAll('#spam-list li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' '),
    );
    expect(items).toEqual([
      '澳门葡京 线上赌场Why: hidden from view (hidden:display-none); gambling, porn or fake-papers words (terms:3)',
      '在线 博彩Why: suspicious links (links:offsite)',
    ]);
    expect($('#page-script').textContent).toBe('This page is written in Simplified Chinese.');
  });

  it('fills the controls with the stored settings of the site', async () => {
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(popupHtml)?.[1] ?? '';
    document.body.innerHTML = body;
    localizeTree(document, en);
    const fake = fakeApi({});
    fake.sites.set('wuxi.gov.cn', { script: 'hk', spam: false });
    await new Popup(document, fake.api).start();
    await settle();
    expect((controlNamed('Remove spam') as HTMLInputElement).checked).toBe(false);
    expect((controlNamed('Traditional (Hong Kong)') as HTMLInputElement).checked).toBe(true);
    expect((controlNamed('Reader font size') as HTMLInputElement).value).toBe('20');
  });

  it('follows the page as it reports new states', async () => {
    const { emit } = await openPopup();
    emit(pageState({ isArticle: false, title: null, spamItems: [] }));
    expect(statusText()).toBe('No article detected 0 spam items removed');
    expect($('#article-title').textContent).toBe('');
    expect($('#spam-empty').hidden).toBe(false);
  });

  it('writes Remove spam and Script for the site, or for all sites when chosen', async () => {
    const { calls } = await openPopup();
    controlNamed('Remove spam').click();
    controlNamed('Traditional (Taiwan)').click();
    await settle();
    expect(calls).toEqual([
      'updateSite wuxi.gov.cn {"spam":false}',
      'updateSite wuxi.gov.cn {"script":"tw"}',
    ]);
    calls.length = 0;
    controlNamed('All sites (default)').click();
    controlNamed('Simplified').click();
    await settle();
    expect(calls[0]).toBe('updateDefaults {"script":"hans"}');
  });

  it('saves the reader font size, snapping what is out of range', async () => {
    const fake = await openPopup();
    const input = controlNamed('Reader font size') as HTMLInputElement;
    input.value = '26';
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(fake.prefs().fontSize).toBe(26);
    input.value = '500';
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(input.value).toBe('128');
    expect(fake.prefs().fontSize).toBe(128);
  });

  it('opens the reader and closes itself as a popup, but stays open as a tab', async () => {
    const popup = await openPopup();
    controlNamed('Open reader view').click();
    await settle();
    expect(popup.calls).toEqual(['openReader', 'close']);

    const tab = await openPopup({ inTab: true });
    controlNamed('Open reader view').click();
    await settle();
    expect(tab.calls).toEqual(['openReader']);
  });

  it('offers to run on a page outside the government sites', async () => {
    const { api, calls } = await openPopup({
      tab: { id: 3, url: 'https://news.example.org/a' },
      state: null,
    });
    expect(statusText()).toBe('Qingyue is not running on this page');
    expect($('#access').hidden).toBe(false);
    expect($('#access-text').textContent).toContain('news.example.org');
    expect(controlNamed('Stop running on this site').hidden).toBe(true);

    // The permission prompt must be asked for within the click, before anything is awaited.
    controlNamed('Always run on this site').click();
    expect(api.requestHostAccess).toHaveBeenCalledWith('news.example.org');
    await settle();
    expect(calls).toContain('runContentScript');
    expect(statusText()).toBe('Article detected 2 spam items removed');
    expect(controlNamed('Run on this page').hidden).toBe(true);
    expect(controlNamed('Always run on this site').hidden).toBe(true);
    expect(controlNamed('Stop running on this site').hidden).toBe(false);
  });

  it('runs once on demand with "Run on this page"', async () => {
    const { calls } = await openPopup({
      tab: { id: 3, url: 'https://news.example.org/a' },
      state: null,
    });
    controlNamed('Run on this page').click();
    await settle();
    expect(calls).toEqual(['runContentScript']);
    expect(statusText()).toBe('Article detected 2 spam items removed');
    expect(controlNamed('Run on this page').hidden).toBe(true);
  });

  it('explains how to get access to a tab whose address it may not read', async () => {
    await openPopup({ tab: { id: 1, url: undefined }, state: null });
    expect(statusText()).toBe(
      "Qingyue can't run on this page To use Qingyue here, open it with its toolbar button while this page is in front.",
    );
  });

  it('says so where nothing can run, and disables what would act on the page', async () => {
    await openPopup({ tab: { id: 1, url: 'chrome://extensions/' }, state: null });
    expect(statusText()).toContain("Qingyue can't run on this page");
    expect($('#access').hidden).toBe(true);
    expect((controlNamed('Open reader view') as HTMLButtonElement).disabled).toBe(true);
    expect((controlNamed('Remove spam') as HTMLInputElement).disabled).toBe(true);
    // The reader's font size is not tied to a page.
    expect((controlNamed('Reader font size') as HTMLInputElement).disabled).toBe(false);
  });
});
