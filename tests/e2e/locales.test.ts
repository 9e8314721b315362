// The popup in each Chinese browser language, in both browsers: its controls carry the zh_CN /
// zh_TW names from public/_locales, with the same roles as in English, and `<html lang>` matches.
// A browser shows a Chinese UI only with its UI strings installed (Debian's chromium-l10n and
// firefox-esr-l10n-zh-cn / -zh-tw, which .ci/run installs); without them that run is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTranslator, type Catalogue } from '../../src/popup/i18n.ts';
import { getByRole, statusText } from './a11y.ts';
import {
  CHROMIUM,
  ROOT,
  browserAvailable,
  launch,
  openPopupFor,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

/** Firefox's language packs as Debian installs them (firefox-esr-l10n-*). */
const FIREFOX_LANGPACKS: Record<string, string> = {
  'zh-CN': '/usr/lib/firefox-esr/browser/extensions/langpack-zh-CN@firefox-esr.mozilla.org.xpi',
  'zh-TW': '/usr/lib/firefox-esr/browser/extensions/langpack-zh-TW@firefox-esr.mozilla.org.xpi',
};

/** Chromium's UI strings for a locale (Debian's chromium-l10n); without them --lang falls back to en-US. */
const CHROMIUM_LOCALE_PAK = (locale: string) => `/usr/lib/chromium/locales/${locale}.pak`;

function catalogue(locale: string): ReturnType<typeof catalogueTranslator> {
  const file = resolve(ROOT, 'public/_locales', locale.replace('-', '_'), 'messages.json');
  return catalogueTranslator(JSON.parse(readFileSync(file, 'utf8')) as Catalogue);
}

const cases: { name: BrowserName; locale: string; skip: string | null }[] = [];
/** Waits until the page shows `text` (harness.waitFor takes no arguments for the check). */
async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.body.innerText.includes(wanted),
    { timeout, polling: 100 },
    text,
  );
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  for (const locale of ['zh-CN', 'zh-TW']) {
    const missingLangpack =
      name === 'firefox'
        ? !existsSync(FIREFOX_LANGPACKS[locale] ?? '')
        : CHROMIUM.startsWith('/usr/bin/') && !existsSync(CHROMIUM_LOCALE_PAK(locale));
    cases.push({
      name,
      locale,
      skip: !browserAvailable(name)
        ? 'browser or build missing'
        : missingLangpack
          ? name === 'firefox'
            ? `no Firefox language pack for ${locale} (install firefox-esr-l10n-${locale.toLowerCase()})`
            : `no Chromium UI strings for ${locale} (install chromium-l10n)`
          : null,
    });
  }
}

for (const { name, locale, skip } of cases) {
  const title = `${name} in ${locale}: the popup speaks the browser's language${skip ? ` (skipped: ${skip})` : ''}`;
  describe.skipIf(skip !== null)(title, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;
    const t = catalogue(locale);

    beforeAll(async () => {
      server = await startServer();
      ext = await launch(name, { locale });
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it(`names every control in ${locale}, with the same roles, and sets <html lang>`, async () => {
      const page = await ext.browser.newPage();
      const url = server.url('www.linjiang.gov.cn', '/fixtures/article.hans.html');
      await page.goto(url, { waitUntil: 'load' });
      const popup = await openPopupFor(ext, url);
      const article = t('statusArticle');
      await waitForText(popup, article);

      const lang = await popup.evaluate(() => {
        type I18n = { i18n: { getUILanguage(): string } };
        const g = globalThis as unknown as { browser?: I18n; chrome: I18n };
        return {
          html: document.documentElement.lang,
          ui: (g.browser ?? g.chrome).i18n.getUILanguage(),
        };
      });
      expect(lang.ui.replace('_', '-')).toBe(locale);
      expect(lang.html).toBe(locale);

      // The English names are gone; the catalogue's are there, on controls of the same roles.
      expect(t('removeSpam')).not.toBe('Remove spam');
      await getByRole(popup, ['checkbox', 'switch'], t('removeSpam'));
      await getByRole(popup, 'radiogroup', t('scriptLabel'));
      for (const key of ['scriptOriginal', 'scriptHans', 'scriptHant', 'scriptTw', 'scriptHk']) {
        await getByRole(popup, 'radio', t(key));
      }
      await getByRole(popup, 'button', t('openReader'));
      await getByRole(popup, ['spinbutton', 'slider'], t('readerFontSize'));
      const status = await statusText(popup);
      expect(status).toContain(article);
      expect(status).toContain(t('statusSpamRemoved', '1'));
      expect(await popup.evaluate(() => document.body.innerText)).not.toContain('Remove spam');

      // A Chinese name works as a control, not only as a label: the page converts.
      await (await getByRole(popup, 'radio', t('scriptTw'))).click();
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      await popup.close();
      await page.close();
    });
  });
}
