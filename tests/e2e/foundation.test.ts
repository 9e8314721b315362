// The whole job on a reference-style government article, from the popup, in both browsers:
// spam removed on load, the status, script conversion and exact restore, and the reader view.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getByRole, getReaderButton, statusText } from './a11y.ts';
import {
  CORPUS,
  browserAvailable,
  launch,
  openPopupFor,
  resetSettings,
  readerText,
  startServer,
  visibleText,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const SPAM = '澳门新葡京娱乐_在线真人百家乐_免费看黄色网站_六合彩开奖直播';
const HOST = 'www.linjiang.gov.cn';

async function chooseScript(popup: Page, name: string): Promise<void> {
  const radio = await getByRole(popup, 'radio', name);
  await radio.click();
}

async function pageSnapshot(page: Page): Promise<{ title: string; text: string; html: string }> {
  return page.evaluate(() => ({
    title: document.title,
    text: document.body.innerText,
    html: document.body.innerHTML,
  }));
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: the reference article end to end`, () => {
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

    async function openArticle(file: string, host = HOST): Promise<{ page: Page; url: string }> {
      const page = await ext.browser.newPage();
      // A distinct path per test keeps each page (and its tab) apart.
      const url = server.url(host, `/fixtures/${file}?t=${Math.random().toString(36).slice(2)}`);
      await page.goto(url, { waitUntil: 'load' });
      return { page, url };
    }

    it('removes the spam line on load and the popup reports the article and the count', async () => {
      const { page, url } = await openArticle('article.hans.html');
      await waitFor(page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
      const text = await visibleText(page);
      expect(text).not.toContain(SPAM);
      expect(text).toContain('临江市广大干部群众求真务实');
      const popup = await openPopupFor(ext, url);
      await waitFor(popup, () => /Article detected/.test(document.body.innerText));
      const status = await statusText(popup);
      expect(status).toContain('Article detected');
      expect(status).toMatch(/\b1 spam items? removed/);
      const spamSwitch = await getByRole(popup, ['checkbox', 'switch'], 'Remove spam');
      expect(
        await spamSwitch.evaluate(
          (el) => (el as HTMLInputElement).checked ?? el.getAttribute('aria-checked') === 'true',
        ),
      ).toBe(true);
      await popup.close();
      await page.close();
    });

    it('converts to Traditional (Taiwan) from the popup and restores the original exactly', async () => {
      const { page, url } = await openArticle('article.hans.html');
      await waitFor(page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
      const before = await pageSnapshot(page);
      const popup = await openPopupFor(ext, url);
      await chooseScript(popup, 'Traditional (Taiwan)');
      await waitFor(page, () => document.body.innerText.includes('幹部'));
      const converted = await pageSnapshot(page);
      expect(converted.text).toContain('廣大幹部群眾');
      expect(converted.text).toContain('發佈時間');
      expect(converted.text).toContain('攜手並進');
      expect(converted.title).toContain('攜手並進');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant-TW');
      await chooseScript(popup, 'Original');
      await waitFor(page, () => !document.body.innerText.includes('幹部'));
      const restored = await pageSnapshot(page);
      expect(restored.text).toBe(before.text);
      expect(restored.title).toBe(before.title);
      expect(restored.html).toBe(before.html);
      await popup.close();
      await page.close();
    });

    it('converts the naive "繁體版" to Simplified', async () => {
      const { page, url } = await openArticle('article.hant.html', 'www.example.gov.tw');
      const popup = await openPopupFor(ext, url);
      await chooseScript(popup, 'Simplified');
      await waitFor(page, () => document.body.innerText.includes('广大干部群众'));
      const text = await visibleText(page);
      expect(text).toContain('携手并进');
      expect(text).not.toContain('臨江');
      await chooseScript(popup, 'Original');
      await waitFor(page, () => document.body.innerText.includes('臨江'));
      await popup.close();
      await page.close();
    });

    it('opens the reader with title, time, source and the 12 paragraphs, and resizes text', async () => {
      const { page, url } = await openArticle('article.hans.html');
      await waitFor(page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
      const popup = await openPopupFor(ext, url);
      const open = await getByRole(popup, 'button', 'Open reader view');
      await open.click();
      await waitFor(
        page,
        () => !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('article h1'),
      );
      // Input goes to the page the reader is in (a background tab gets no animation frames).
      await page.bringToFront();
      const reader = await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')!.shadowRoot!;
        const article = root.querySelector('article')!;
        return {
          articles: root.querySelectorAll('article').length,
          h1: article.querySelector('h1')?.textContent?.trim(),
          datetime: article.querySelector('time')?.getAttribute('datetime'),
          header: (article.querySelector('header') ?? article).textContent ?? '',
          paragraphs: Array.from(article.querySelectorAll('p'))
            .filter((p) => !p.closest('header'))
            .map((p) => p.textContent?.trim() ?? '')
            .filter((t) => t.length > 20),
        };
      });
      expect(reader.articles).toBe(1);
      expect(reader.h1).toBe('深化对接双向赋能 携手并进 为开创临江山阳协作发展新局面作出更大贡献');
      expect(reader.datetime).toBe('2024-05-23T08:54');
      expect(reader.header).toContain('临江日报');
      expect(reader.paragraphs).toHaveLength(12);
      const text = (await readerText(page)) ?? '';
      for (const chrome of [
        '当前位置',
        '打印本页',
        '关闭窗口',
        '微信公众号',
        '浏览次数',
        '新葡京',
      ]) {
        expect(text).not.toContain(chrome);
      }
      const fontSize = () =>
        page.evaluate(() => {
          const p = document
            .querySelector('qingyue-reader')!
            .shadowRoot!.querySelector('article p')!;
          return parseFloat(getComputedStyle(p).fontSize);
        });
      const start = await fontSize();
      await (await getReaderButton(page, 'Increase font size')).click();
      await page.waitForFunction(
        (s) =>
          parseFloat(
            getComputedStyle(
              document.querySelector('qingyue-reader')!.shadowRoot!.querySelector('article p')!,
            ).fontSize,
          ) > s,
        {},
        start,
      );
      await (await getReaderButton(page, 'Decrease font size')).click();
      await (await getReaderButton(page, 'Decrease font size')).click();
      await page.waitForFunction(
        (s) =>
          parseFloat(
            getComputedStyle(
              document.querySelector('qingyue-reader')!.shadowRoot!.querySelector('article p')!,
            ).fontSize,
          ) < s,
        {},
        start,
      );
      await page.keyboard.press('Escape');
      await waitFor(page, () => !document.querySelector('qingyue-reader'));
      expect(await visibleText(page)).toContain('临江市广大干部群众求真务实');
      await popup.close();
      await page.close();
    });

    const seed = resolve(CORPUS, 'seed/wuxi-2024-05-23.hant.html');
    it.skipIf(!existsSync(seed))(
      'does the job on the corpus reference page (wuxi .hant)',
      async () => {
        const page = await ext.browser.newPage();
        const url = server.url('www.wuxi.gov.cn', '/corpus/seed/wuxi-2024-05-23.hant.html');
        await page.goto(url, { waitUntil: 'load' });
        await waitFor(page, () => !document.body.innerText.includes('手机国产在线观看'));
        const popup = await openPopupFor(ext, url);
        await waitFor(popup, () => /Article detected/.test(document.body.innerText));
        expect(await statusText(popup)).toMatch(/\b1 spam items? removed/);
        await chooseScript(popup, 'Traditional (Taiwan)');
        await waitFor(page, () => document.body.innerText.includes('幹部'));
        const text = await visibleText(page);
        expect(text).toContain('並進');
        expect(text).toContain('關於');
        await chooseScript(popup, 'Original');
        await waitFor(page, () => document.body.innerText.includes('干部'));
        await popup.close();
        await page.close();
      },
    );
  });
}
