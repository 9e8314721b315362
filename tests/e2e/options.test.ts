// The options page (options.html) end to end, in both browsers: defaults that pages follow, the
// list of sites with their own settings (set in the popup, removed here), export to a JSON file,
// import of a file with invalid entries (reported, the valid rest applied), and reset.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTranslator, type Catalogue } from '../../src/popup/i18n.ts';
import { getByRole } from './a11y.ts';
import {
  ROOT,
  browserAvailable,
  gotoExtensionPage,
  launch,
  openPopupFor,
  resetSettings,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const HOST = 'www.linjiang.gov.cn';
const SITE = 'linjiang.gov.cn';
const t = catalogueTranslator(
  JSON.parse(readFileSync(resolve(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Catalogue,
);

function readStorage(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    type Local = { storage: { local: { get(k: null): Promise<object> } } };
    const g = globalThis as unknown as { browser?: Local; chrome: Local };
    return (await (g.browser ?? g.chrome).storage.local.get(null)) as Record<string, unknown>;
  });
}

/** The options page's table rows: site name and the value of each select. */
function siteRows(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const rows: Record<string, Record<string, string>> = {};
    for (const row of Array.from(document.querySelectorAll<HTMLElement>('#sites-body tr'))) {
      const values: Record<string, string> = {};
      for (const select of Array.from(row.querySelectorAll('select'))) {
        values[select.dataset.field ?? ''] = select.value;
      }
      rows[row.querySelector('th')?.textContent ?? ''] = values;
    }
    return rows;
  });
}

function reportText(page: Page): Promise<string> {
  return page.evaluate(
    () => (document.querySelector('#backup-report') as HTMLElement | null)?.innerText ?? '',
  );
}

/** Waits until the page shows `text` (harness.waitFor takes no arguments for the check). */
async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.body.innerText.includes(wanted),
    { timeout, polling: 100 },
    text,
  );
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: the options page`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
      ext = await launch(name);
    });
    afterEach(async () => {
      await resetSettings(ext);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    async function openOptions(): Promise<Page> {
      const page = await ext.browser.newPage();
      await gotoExtensionPage(ext, page, `${ext.extensionOrigin}/options.html`);
      await waitFor(page, () => !document.body.classList.contains('is-localizing'));
      return page;
    }

    async function openArticle(): Promise<{ page: Page; url: string }> {
      const page = await ext.browser.newPage();
      const url = server.url(HOST, `/fixtures/article.hans.html?t=${Math.random()}`);
      await page.goto(url, { waitUntil: 'load' });
      return { page, url };
    }

    it('changes the defaults, which a government page then follows as it loads', async () => {
      const options = await openOptions();
      await (
        await getByRole(options, 'radiogroup', 'Script')
      ).evaluate((el) => el.scrollIntoView());
      await (await getByRole(options, 'radio', 'Traditional')).click();
      await options.waitForFunction(
        async () => {
          type Local = { storage: { local: { get(k: string): Promise<object> } } };
          const g = globalThis as unknown as { browser?: Local; chrome: Local };
          const got = (await (g.browser ?? g.chrome).storage.local.get('defaults')) as {
            defaults?: { script?: string };
          };
          return got.defaults?.script === 'hant';
        },
        { polling: 100, timeout: 5_000 },
      );
      const { page } = await openArticle();
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      await options.close();
      await page.close();
    });

    it('lists a site set in the popup; removing it gives the open page back the defaults', async () => {
      const options = await openOptions();
      expect(await siteRows(options)).toEqual({});
      const { page, url } = await openArticle();
      const popup = await openPopupFor(ext, url);
      await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      // The options page, already open, updates by itself.
      await waitFor(options, () => document.querySelectorAll('#sites-body tr').length === 1);
      expect(await siteRows(options)).toEqual({
        [SITE]: { script: 'tw', spam: '', autoReader: '' },
      });
      await getByRole(options, ['checkbox', 'switch'], 'Remove spam'); // defaults still shown
      // Clicks go to the tab in front (a background tab gets no animation frames).
      await options.bringToFront();
      await (await getByRole(options, 'button', t('removeSiteLabel', SITE))).click();
      await waitFor(options, () => document.querySelectorAll('#sites-body tr').length === 0);
      expect(Object.keys(await readStorage(options))).not.toContain(`site:${SITE}`);
      await waitFor(page, () => document.body.innerText.includes('广大干部群众'));
      for (const p of [popup, options, page]) await p.close();
    });

    it('exports the settings as a JSON file', async () => {
      const { page, url } = await openArticle();
      const popup = await openPopupFor(ext, url);
      await (await getByRole(popup, 'radio', 'Traditional (Hong Kong)')).click();
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      const options = await openOptions();
      // Keep the file in the page instead of the downloads folder: record the blob and the link.
      await options.evaluate(() => {
        const exported = globalThis as unknown as { __exported?: { blob?: Blob; name?: string } };
        exported.__exported = {};
        const createObjectURL = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob: Blob | MediaSource) => {
          if (blob instanceof Blob) exported.__exported!.blob = blob;
          return createObjectURL(blob);
        };
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          exported.__exported!.name = this.download;
        };
      });
      await (await getByRole(options, 'button', 'Export settings')).click();
      await waitForText(options, t('exportDone'));
      const file = await options.evaluate(async () => {
        const { blob, name } = (
          globalThis as unknown as { __exported: { blob?: Blob; name?: string } }
        ).__exported;
        return { name, type: blob?.type, text: await blob?.text() };
      });
      expect(file.name).toMatch(/^qingyue-settings-\d{4}-\d{2}-\d{2}\.json$/);
      expect(file.type).toBe('application/json');
      const backup = JSON.parse(file.text ?? '') as Record<string, unknown>;
      expect(backup).toMatchObject({
        app: 'qingyue-settings',
        version: 1,
        defaults: { script: 'original', spam: true, autoReader: false },
        sites: { [SITE]: { script: 'hk' } },
        reader: { fontSize: 20 },
      });
      for (const p of [popup, options, page]) await p.close();
    });

    it('imports a file, applying the valid entries and reporting the rejected ones', async () => {
      const options = await openOptions();
      const file = JSON.stringify({
        app: 'qingyue-settings',
        version: 1,
        defaults: { script: 'tw', spam: 'maybe' },
        sites: { 'wuxi.gov.cn': { script: 'hans' }, 'not a host!': { script: 'hk' } },
        reader: { fontSize: 500, lineHeight: 2 },
      });
      // What a user's file choice does: the file input gets a file and fires `change`.
      await options.evaluate((text) => {
        const input = document.querySelector<HTMLInputElement>('#import-file')!;
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'settings.json', { type: 'application/json' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, file);
      await waitForText(options, t('importPartly'));
      const report = await reportText(options);
      for (const rejected of ['defaults.spam', 'sites["not a host!"]', 'reader.fontSize']) {
        expect(report).toContain(rejected);
      }
      expect(report).not.toContain('wuxi.gov.cn');
      await waitFor(options, () => document.querySelectorAll('#sites-body tr').length === 1);
      expect(await siteRows(options)).toEqual({
        'wuxi.gov.cn': { script: 'hans', spam: '', autoReader: '' },
      });
      expect(
        await (
          await getByRole(options, 'radio', 'Traditional (Taiwan)')
        ).evaluate((el) => (el as HTMLInputElement).checked),
      ).toBe(true);
      const stored = await readStorage(options);
      expect(stored.defaults).toMatchObject({ script: 'tw', spam: true });
      expect(stored.reader).toMatchObject({ fontSize: 20, lineHeight: 2 });
      // A file that is not JSON at all is refused as a whole.
      await options.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('#import-file')!;
        const transfer = new DataTransfer();
        transfer.items.add(new File(['<html>'], 'page.html'));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await waitForText(options, t('importNotJson'));
      await options.close();
    });

    it('resets everything after the user confirms', async () => {
      const { page, url } = await openArticle();
      const popup = await openPopupFor(ext, url);
      await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      const options = await openOptions();
      await waitFor(options, () => document.querySelectorAll('#sites-body tr').length === 1);
      const dialogs: string[] = [];
      options.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      await (await getByRole(options, 'button', 'Reset everything to defaults')).click();
      await waitForText(options, t('resetDone'));
      expect(dialogs).toEqual([t('resetConfirm')]);
      await waitFor(options, () => document.querySelectorAll('#sites-body tr').length === 0);
      // The open page goes back to the original script.
      await waitFor(page, () => document.body.innerText.includes('广大干部群众'));
      for (const p of [popup, options, page]) await p.close();
    });
  });
}
