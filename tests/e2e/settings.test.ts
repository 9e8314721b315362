// Settings end to end, in both browsers: they survive a browser restart with the same profile,
// two extension pages writing the same site at once lose neither change, corrupt stored values
// fall back to defaults while the valid ones are kept, and a change reaches every open tab at once.
// Site access outside the government hosts: "Run on this page" from the real toolbar popup
// (Chromium), and a granted site getting the content script in its open tabs and future pages
// (Firefox, where optional permissions can be granted without a prompt).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getByRole } from './a11y.ts';
import {
  browserAvailable,
  gotoExtensionPage,
  launch,
  openPopupFor,
  resetSettings,
  startServer,
  visibleText,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const HOST = 'www.linjiang.gov.cn';
const SITE = 'linjiang.gov.cn';
const SPAM_MARK = '澳门新葡京娱乐';

/** Reads extension storage from an extension page (the popup). */
function readStorage(page: Page, keys: string[] | null = null): Promise<Record<string, unknown>> {
  return page.evaluate(async (wanted) => {
    type Local = { storage: { local: { get(k: string[] | null): Promise<object> } } };
    const g = globalThis as unknown as { browser?: Local; chrome: Local };
    return (await (g.browser ?? g.chrome).storage.local.get(wanted)) as Record<string, unknown>;
  }, keys);
}

function writeStorage(page: Page, items: Record<string, unknown>): Promise<void> {
  return page.evaluate(async (values) => {
    type Local = { storage: { local: { set(v: object): Promise<void> } } };
    const g = globalThis as unknown as { browser?: Local; chrome: Local };
    await (g.browser ?? g.chrome).storage.local.set(values);
  }, items);
}

async function isChecked(page: Page, role: 'radio' | 'switch', name: string): Promise<boolean> {
  const control = await getByRole(page, role === 'switch' ? ['checkbox', 'switch'] : role, name);
  return control.evaluate((el) => (el as HTMLInputElement).checked);
}

async function openPage(
  ext: ExtensionBrowser,
  server: TestServer,
  host = HOST,
  file = 'article.hans.html',
): Promise<{ page: Page; url: string }> {
  const page = await ext.browser.newPage();
  const url = server.url(host, `/fixtures/${file}?t=${Math.random().toString(36).slice(2)}`);
  await page.goto(url, { waitUntil: 'load' });
  return { page, url };
}

/** Waits until the popup has loaded the site's settings (its controls are enabled). */
async function popupReady(popup: Page): Promise<void> {
  await waitFor(popup, () => {
    const radio = document.querySelector<HTMLInputElement>('input[name="script"]');
    const size = document.querySelector<HTMLInputElement>('#font-size');
    return !!radio && !radio.disabled && !!size && !size.disabled;
  });
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: settings`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('keeps a site script and the reader font size across a browser restart (same profile)', async () => {
      const profile = mkdtempSync(join(tmpdir(), `qingyue-${name}-profile-`));
      try {
        let ext = await launch(name, { userDataDir: profile });
        try {
          const { page, url } = await openPage(ext, server);
          const popup = await openPopupFor(ext, url);
          await popupReady(popup);
          await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
          await waitFor(page, () => document.body.innerText.includes('幹部'));
          const size = await getByRole(popup, ['spinbutton', 'slider'], 'Reader font size');
          await size.click({ count: 3 });
          await size.type('40');
          await popup.keyboard.press('Tab');
          await popup.waitForFunction(
            async () => {
              type Local = { storage: { local: { get(k: string): Promise<object> } } };
              const g = globalThis as unknown as { browser?: Local; chrome: Local };
              const got = (await (g.browser ?? g.chrome).storage.local.get('reader')) as {
                reader?: { fontSize?: number };
              };
              return got.reader?.fontSize === 40;
            },
            { polling: 100, timeout: 10_000 },
          );
        } finally {
          await ext.close();
        }

        // Same profile, new browser process. Firefox: puppeteer installs the add-on as a temporary
        // one, which is gone after a restart (its pages then fail to load), so launch() installs
        // it again under the same ID and internal UUID, like a signed add-on that stays installed;
        // what this checks is that its storage survived.
        ext = await launch(name, { userDataDir: profile });
        try {
          const { page, url } = await openPage(ext, server);
          // Converted as the page loads, without anyone touching the popup.
          await waitFor(page, () => document.body.innerText.includes('廣大幹部群眾'));
          expect(await visibleText(page)).not.toContain(SPAM_MARK);
          const popup = await openPopupFor(ext, url);
          await popupReady(popup);
          expect(await isChecked(popup, 'radio', 'Traditional (Taiwan)')).toBe(true);
          expect(await isChecked(popup, 'radio', 'Original')).toBe(false);
          const size = await getByRole(popup, ['spinbutton', 'slider'], 'Reader font size');
          expect(await size.evaluate((el) => (el as HTMLInputElement).value)).toBe('40');
          // The reader opens at that size.
          await (await getByRole(popup, 'button', 'Open reader view')).click();
          await waitFor(
            page,
            () =>
              !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('article p'),
          );
          const readerSize = await page.evaluate(() => {
            const root = document.querySelector('qingyue-reader')!.shadowRoot!;
            // A body paragraph, not the smaller byline in the header.
            const p = Array.from(root.querySelectorAll('article p')).find(
              (el) => !el.closest('header'),
            )!;
            return parseFloat(getComputedStyle(p).fontSize);
          });
          expect(readerSize).toBe(40);
        } finally {
          await ext.close();
        }
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }, 120_000);

    describe('in one browser', () => {
      let ext: ExtensionBrowser;

      beforeAll(async () => {
        ext = await launch(name);
      });
      afterEach(async () => {
        await resetSettings(ext);
      });
      afterAll(async () => {
        await ext?.close();
      });

      it('loses neither change when two popups write the same site at the same moment', async () => {
        const { page, url } = await openPage(ext, server);
        const scriptPopup = await openPopupFor(ext, url);
        const spamPopup = await openPopupFor(ext, url);
        await Promise.all([popupReady(scriptPopup), popupReady(spamPopup)]);
        await spamPopup.evaluate(() => void (window.name = 'spam-popup'));
        const scripts = ['tw', 'hans', 'hk', 'hant']; // round 5, the last: Simplified
        const rounds = 6;
        for (let round = 0; round < rounds; round++) {
          const script = scripts[round % scripts.length]!;
          // The spam switch flips every round, so both popups write every round.
          const spam = round % 2 === 1;
          // Both popups click in the same task, each through its own UI and its own copy of the
          // settings code: both writes start before either has stored anything.
          await scriptPopup.evaluate(
            (value, wantSpam) => {
              type Views = { extension: { getViews(q: object): Window[] } };
              const g = globalThis as unknown as { browser?: Views; chrome: Views };
              const other = (g.browser ?? g.chrome).extension
                .getViews({ type: 'tab' })
                .find((view) => view.name === 'spam-popup');
              if (!other) throw new Error('the second popup is not an extension view');
              const box = other.document.querySelector<HTMLInputElement>('#spam')!;
              if (box.checked === wantSpam) throw new Error('the spam switch is already set');
              document
                .querySelector<HTMLInputElement>(`input[name="script"][value="${value}"]`)!
                .click();
              box.click();
            },
            script,
            spam,
          );
          // Both writes settle; a lost one never shows up and the wait times out.
          const stored = await scriptPopup
            .waitForFunction(
              async (key, want) => {
                type Local = { storage: { local: { get(k: string): Promise<object> } } };
                const g = globalThis as unknown as { browser?: Local; chrome: Local };
                const all = (await (g.browser ?? g.chrome).storage.local.get(key)) as Record<
                  string,
                  { script?: string; spam?: boolean } | undefined
                >;
                const value = all[key];
                return value?.script === want.script && value.spam === want.spam ? value : false;
              },
              { polling: 50, timeout: 5_000 },
              `site:${SITE}`,
              { script, spam },
            )
            .then(
              async (handle): Promise<unknown> => handle.jsonValue(),
              async (): Promise<unknown> =>
                (await readStorage(scriptPopup, [`site:${SITE}`]))[`site:${SITE}`],
            );
          expect(stored, `round ${round}`).toEqual({ script, spam });
        }
        // The page follows the final choice: Simplified (its own script), spam removed.
        await waitFor(page, () => document.body.innerText.includes('广大干部群众'));
        expect(await visibleText(page)).not.toContain(SPAM_MARK);
        await scriptPopup.close();
        await spamPopup.close();
        await page.close();
      });

      it('falls back to defaults for corrupt stored values and keeps the valid ones', async () => {
        const setup = await ext.browser.newPage();
        await gotoExtensionPage(ext, setup, `${ext.extensionOrigin}/popup.html`);
        await writeStorage(setup, {
          defaults: { script: 'klingon', spam: 'yes', autoReader: 7 },
          [`site:${SITE}`]: { script: 'tw', spam: 42, extra: { nested: true } },
          'site:example.gov.tw': 'not an object',
          reader: { fontSize: 36, lineHeight: 'tall', theme: 'neon' },
        });
        await setup.close();

        // Valid site field kept (Taiwan), corrupt spam field falls back to on: spam removed.
        const { page, url } = await openPage(ext, server);
        await waitFor(page, () => document.body.innerText.includes('廣大幹部群眾'));
        expect(await visibleText(page)).not.toContain(SPAM_MARK);
        const popup = await openPopupFor(ext, url);
        await popupReady(popup);
        expect(await isChecked(popup, 'radio', 'Traditional (Taiwan)')).toBe(true);
        expect(await isChecked(popup, 'switch', 'Remove spam')).toBe(true);
        const size = await getByRole(popup, ['spinbutton', 'slider'], 'Reader font size');
        expect(await size.evaluate((el) => (el as HTMLInputElement).value)).toBe('36');
        // The popup still writes: Original restores the page.
        await (await getByRole(popup, 'radio', 'Original')).click();
        await waitFor(page, () => document.body.innerText.includes('广大干部群众'));

        // A site whose stored value is garbage works with the defaults (original, spam removed).
        const other = await openPage(ext, server, 'www.example.gov.tw', 'article.hant.html');
        await waitFor(other.page, () => document.body.innerText.includes('臨江'));
        expect(await visibleText(other.page)).not.toContain(SPAM_MARK);
        const otherPopup = await openPopupFor(ext, other.url);
        await popupReady(otherPopup);
        expect(await isChecked(otherPopup, 'radio', 'Original')).toBe(true);
        expect(await isChecked(otherPopup, 'switch', 'Remove spam')).toBe(true);
        for (const p of [popup, otherPopup, page, other.page]) await p.close();
      });

      it('applies a change made for one tab to every open tab of the site at once', async () => {
        const first = await openPage(ext, server);
        const second = await openPage(ext, server);
        await waitFor(second.page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
        const popup = await openPopupFor(ext, first.url);
        await popupReady(popup);
        await (await getByRole(popup, 'radio', 'Traditional (Hong Kong)')).click();
        await waitFor(first.page, () => document.body.innerText.includes('幹部'));
        // The other tab was never addressed; it follows the stored choice.
        await waitFor(second.page, () => document.body.innerText.includes('幹部'));
        expect(await second.page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant-HK');
        await (await getByRole(popup, 'switch', 'Remove spam')).click();
        await waitFor(second.page, () => document.body.innerText.includes('新葡京'));
        for (const p of [popup, first.page, second.page]) await p.close();
      });
    });
  });
}

const OTHER_HOST = 'news.example.org';

/** Spam still on the page after a while: nothing ran there. */
async function stillHasSpam(page: Page): Promise<boolean> {
  await new Promise((done) => setTimeout(done, 500));
  return (await visibleText(page)).includes(SPAM_MARK);
}

describe.skipIf(!browserAvailable('chromium'))(
  'chromium: site access outside government hosts',
  () => {
    let ext: ExtensionBrowser;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
      ext = await launch('chromium');
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    /** Clicks the toolbar button for `page` (what grants activeTab) and returns the popup. */
    async function toolbarPopup(page: Page): Promise<Page> {
      await page.bringToFront();
      const extensionId = new URL(ext.extensionOrigin).host;
      const extension = (await ext.browser.extensions()).get(extensionId);
      if (!extension) throw new Error('extension not found');
      const opened = ext.browser.waitForTarget((target: Target) =>
        target.url().startsWith(`${ext.extensionOrigin}/popup.html`),
      );
      await page.triggerExtensionAction(extension);
      const popup = await (await opened).asPage();
      await popup.waitForFunction(() => document.readyState === 'complete');
      return popup;
    }

    it('offers "Run on this page" from the toolbar popup, and the click cleans that tab', async () => {
      const { page } = await openPage(ext, server, OTHER_HOST);
      expect(await stillHasSpam(page)).toBe(true);
      const popup = await toolbarPopup(page);
      const runOnce = await getByRole(popup, 'button', 'Run on this page');
      await runOnce.click();
      await waitFor(page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
      await waitFor(popup, () => /Article detected/.test(document.body.innerText));
      expect(await visibleText(popup)).toMatch(/\b1 spam items? removed/);
      // Once, for this tab only: another tab of the same site is left alone.
      const other = await openPage(ext, server, OTHER_HOST);
      expect(await stillHasSpam(other.page)).toBe(true);
      await other.page.close();
      await page.close();
    });

    it('"Always run on this site" asks for exactly that host (the prompt cannot be answered headless)', async () => {
      const { page } = await openPage(ext, server, OTHER_HOST);
      const popup = await toolbarPopup(page);
      // Record the request on its way to the browser, in storage: the popup closes as soon as the
      // permission prompt takes the focus. The call itself goes through unchanged.
      await popup.evaluate(() => {
        type Api = {
          permissions: { request: (...args: unknown[]) => unknown };
          storage: { local: { set(items: object): Promise<void> } };
        };
        const g = globalThis as unknown as { chrome: Api; browser?: Api };
        const local = g.chrome.storage.local;
        for (const api of new Set([g.chrome.permissions, g.browser?.permissions])) {
          if (!api) continue;
          const request = api.request.bind(api);
          api.request = (...args: unknown[]) => {
            void local.set({ testPermissionRequest: args[0] });
            return request(...args);
          };
        }
      });
      await (await getByRole(popup, 'button', 'Always run on this site')).click();
      const reader = await ext.browser.newPage();
      await gotoExtensionPage(ext, reader, `${ext.extensionOrigin}/popup.html`);
      const requested = await waitFor(reader, async () => {
        type Local = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        const got = await (globalThis as unknown as { chrome: Local }).chrome.storage.local.get(
          'testPermissionRequest',
        );
        return got.testPermissionRequest ?? null;
      });
      expect(requested).toEqual({ origins: [`*://${OTHER_HOST}/*`] });
      // Not granted: nobody could answer the prompt.
      const granted = await reader.evaluate(async (origin) => {
        type Perms = { permissions: { contains(p: object): Promise<boolean> } };
        return (globalThis as unknown as { chrome: Perms }).chrome.permissions.contains({
          origins: [origin],
        });
      }, `*://${OTHER_HOST}/*`);
      expect(granted).toBe(false);
      await reader.close();
      await popup.close().catch(() => undefined);
      await page.close();
    });
  },
);

describe.skipIf(!browserAvailable('firefox'))('firefox: a site granted at run time', () => {
  let ext: ExtensionBrowser;
  let server: TestServer;
  let profile: string;

  beforeAll(async () => {
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'qingyue-firefox-grant-'));
    mkdirSync(profile, { recursive: true });
    // Firefox's own switch for automated tests: optional permissions are granted without a
    // prompt (headless Firefox has no prompt to accept). Puppeteer keeps prefs.js and adds user.js.
    writeFileSync(
      join(profile, 'prefs.js'),
      'user_pref("extensions.webextOptionalPermissionPrompts", false);\n',
    );
    ext = await launch('firefox', { userDataDir: profile });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('runs in the open tabs of the site at once, and in its pages loaded later', async () => {
    const first = await openPage(ext, server, OTHER_HOST);
    const second = await openPage(ext, server, OTHER_HOST);
    expect(await stillHasSpam(second.page)).toBe(true);
    // The grant, from an extension page with a real click (permissions.request needs one).
    const options = await ext.browser.newPage();
    await gotoExtensionPage(ext, options, `${ext.extensionOrigin}/options.html`);
    await options.evaluate((origin) => {
      type Permissions = { permissions: { request(p: object): Promise<boolean> } };
      const button = document.createElement('button');
      button.id = 'grant';
      button.textContent = 'grant';
      button.addEventListener('click', () => {
        const g = globalThis as unknown as { browser: Permissions; __granted?: boolean };
        void g.browser.permissions.request({ origins: [origin] }).then((ok) => (g.__granted = ok));
      });
      document.body.prepend(button);
    }, `*://${OTHER_HOST}/*`);
    await options.bringToFront();
    await options.click('#grant');
    expect(await waitFor(options, () => (globalThis as { __granted?: boolean }).__granted)).toBe(
      true,
    );
    // Both open tabs: the background injects the content script (the popup may be gone).
    await waitFor(first.page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
    await waitFor(second.page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
    // A page loaded from now on: the registered content script.
    const later = await openPage(ext, server, OTHER_HOST);
    await waitFor(later.page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
    // The options page lists the site among those Qingyue also runs on.
    await waitFor(options, () =>
      document.querySelector('#granted-list')?.textContent?.includes('news.example.org'),
    );
    for (const p of [first.page, second.page, later.page, options]) await p.close();
  });
});
