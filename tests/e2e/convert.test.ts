// Script conversion in a real page, in both browsers: phrases split by markup, attributes, what the
// user types, same-origin frames, content that arrives later, and an exact restore.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getByRole } from './a11y.ts';
import {
  browserAvailable,
  launch,
  openPopupFor,
  resetSettings,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const FRAME = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>框架</title></head>
<body><p id="in-frame">框架里的干部头发</p></body></html>`;

const PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>动态内容测试页</title></head>
<body>
<h1>关于发布会的通知</h1>
<p id="split">头<b>发</b>护理，干<a href="/x">部</a>培训</p>
<p id="attrs"><img alt="干部合影" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" title="头发"> <span title="发布时间">悬停</span></p>
<form><input id="typed" value="用户输入的干部"><textarea id="area">用户的头发</textarea>
<input id="hint" placeholder="请输入关键词"><button type="button" id="btn" aria-label="发布信息">发布</button></form>
<div id="editor" contenteditable="true">正在编辑的干部</div>
<pre><code id="code">const 干部 = "头发";</code></pre>
<iframe id="frame" src="/frame.html"></iframe>
<div id="later"></div>
<script>
  window.__pageResult = [1, 2, 3].map((n) => n * 2).join(',');
  window.addMore = () => {
    const p = document.createElement('p');
    p.id = 'added';
    p.textContent = '后来加载的干部名单';
    document.getElementById('later').append(p);
  };
</script>
</body></html>`;

/**
 * A long page for "visible text first": 3,000 paragraphs. Its own script records, in the first
 * animation frame in which <html lang> says the page is converted, the text of every paragraph in
 * the viewport and of the last one.
 */
const LONG_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>长页面</title>
<style>p{margin:0 0 12px;font:16px/1.6 sans-serif}</style></head><body>
${Array.from({ length: 3000 }, (_, i) => `<p>第${i + 1}段：各级干部要学习发布会精神，做好头发护理宣传。</p>`).join('\n')}
<script>
  window.__firstConvertedFrame = null;
  const watch = () => {
    if (document.documentElement.lang === 'zh-Hant-TW') {
      const paragraphs = Array.from(document.querySelectorAll('p'));
      window.__firstConvertedFrame = {
        visible: paragraphs
          .filter((p) => {
            const box = p.getBoundingClientRect();
            return box.bottom > 0 && box.top < innerHeight;
          })
          .map((p) => p.textContent),
        last: paragraphs[paragraphs.length - 1].textContent,
      };
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
</script></body></html>`;

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: converting a live page`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
      server.route('/frame.html', FRAME);
      server.route('/live.html', PAGE);
      server.route('/long.html', LONG_PAGE);
      ext = await launch(name);
    });
    afterEach(async () => {
      await resetSettings(ext);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    async function openLive(): Promise<{ page: Page; popup: Page }> {
      const page = await ext.browser.newPage();
      const url = server.url('www.linjiang.gov.cn', '/live.html');
      await page.goto(url, { waitUntil: 'load' });
      const popup = await openPopupFor(ext, url);
      return { page, popup };
    }

    const snapshot = (page: Page) =>
      page.evaluate(() => {
        const frame = (document.getElementById('frame') as HTMLIFrameElement).contentDocument;
        return {
          html: document.documentElement.outerHTML,
          frame: frame?.documentElement.outerHTML ?? '',
          title: document.title,
          typed: (document.getElementById('typed') as HTMLInputElement).value,
          area: (document.getElementById('area') as HTMLTextAreaElement).value,
        };
      });

    it('converts phrases across markup, attributes and frames, leaves input alone, and restores exactly', async () => {
      const { page, popup } = await openLive();
      // The user edits the page before converting: that must survive both ways.
      await page.evaluate(() => {
        (document.getElementById('typed') as HTMLInputElement).value = '我改过的头发';
      });
      const before = await snapshot(page);
      await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
      await waitFor(page, () => document.documentElement.lang === 'zh-Hant-TW');
      await waitFor(page, () => document.getElementById('split')!.textContent!.includes('髮'));
      const converted = await page.evaluate(() => {
        const frame = (document.getElementById('frame') as HTMLIFrameElement).contentDocument!;
        const img = document.querySelector('#attrs img')!;
        return {
          split: document.getElementById('split')!.innerHTML,
          h1: document.querySelector('h1')!.textContent,
          title: document.title,
          alt: img.getAttribute('alt'),
          imgTitle: img.getAttribute('title'),
          spanTitle: document.querySelector('#attrs span')!.getAttribute('title'),
          placeholder: document.getElementById('hint')!.getAttribute('placeholder'),
          ariaLabel: document.getElementById('btn')!.getAttribute('aria-label'),
          typed: (document.getElementById('typed') as HTMLInputElement).value,
          area: (document.getElementById('area') as HTMLTextAreaElement).value,
          editor: document.getElementById('editor')!.textContent,
          code: document.getElementById('code')!.textContent,
          frame: frame.getElementById('in-frame')!.textContent,
          pageResult: (window as unknown as { __pageResult: string }).__pageResult,
        };
      });
      expect(converted.split).toBe('頭<b>髮</b>護理，幹<a href="/x">部</a>培訓');
      expect(converted.h1).toBe('關於發佈會的通知');
      expect(converted.title).toBe('動態內容測試頁');
      expect(converted.alt).toBe('幹部合影');
      expect(converted.imgTitle).toBe('頭髮');
      expect(converted.spanTitle).toBe('發佈時間');
      expect(converted.placeholder).toBe('請輸入關鍵詞');
      expect(converted.ariaLabel).toMatch(/^發佈/);
      expect(converted.typed).toBe('我改过的头发');
      expect(converted.area).toBe('用户的头发');
      expect(converted.editor).toBe('正在编辑的干部');
      expect(converted.code).toBe('const 干部 = "头发";');
      expect(converted.frame).toBe('框架裡的幹部頭髮');
      expect(converted.pageResult).toBe('2,4,6');

      // Copying: what a copy puts on the clipboard as plain text is the selection's text, which
      // must be what the reader sees, across the markup.
      const selected = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('split')!);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        const text = selection.toString();
        selection.removeAllRanges();
        return text;
      });
      expect(selected).toBe('頭髮護理，幹部培訓');

      // Content that arrives later is converted as it appears.
      await page.evaluate(() => (window as unknown as { addMore(): void }).addMore());
      await waitFor(
        page,
        () => document.getElementById('added')?.textContent === '後來加載的幹部名單',
      );

      // Original gives back the page exactly, the user's edit included; the added paragraph
      // goes back to what the page wrote.
      await (await getByRole(popup, 'radio', 'Original')).click();
      await waitFor(page, () => document.documentElement.lang === 'zh-CN');
      const after = await page.evaluate(() => {
        document.getElementById('added')!.remove();
        return null;
      });
      expect(after).toBeNull();
      expect(await snapshot(page)).toEqual(before);
      await popup.close();
      await page.close();
    });

    it('converts what is in the viewport in the same frame as it sets lang, the rest after', async () => {
      const page = await ext.browser.newPage();
      const url = server.url('www.linjiang.gov.cn', '/long.html');
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.querySelectorAll('p')[1500]!.scrollIntoView());
      const popup = await openPopupFor(ext, url);
      await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
      // The popup is in front: the page's frames run once it is (Firefox throttles hidden tabs).
      await page.bringToFront();
      await waitFor(page, () => {
        const frame = (window as unknown as { __firstConvertedFrame: unknown })
          .__firstConvertedFrame;
        return frame !== null;
      });
      const frame = await page.evaluate(
        () =>
          (window as unknown as { __firstConvertedFrame: { visible: string[]; last: string } })
            .__firstConvertedFrame,
      );
      expect(frame.visible.length).toBeGreaterThan(5);
      expect(frame.visible[0]).toMatch(/^第1\d{3}段/);
      for (const text of frame.visible) expect(text).toMatch(/幹部.*發佈會.*頭髮/);
      // The far end of the page was not converted in that frame: the rest follows in slices.
      expect(frame.last).toBe('第3000段：各级干部要学习发布会精神，做好头发护理宣传。');
      await waitFor(page, () =>
        document.querySelectorAll('p')[2999]!.textContent!.includes('幹部'),
      );
      await popup.close();
      await page.close();
    });
  });
}
