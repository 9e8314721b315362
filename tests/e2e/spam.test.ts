// Spam removal in a real page, in both browsers: hidden dark links, spam a script writes after
// load, legitimate look-alikes that must stay, and an exact restore when the user switches it off.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getByRole, statusText } from './a11y.ts';
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

const PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>市公安局开展打击网络赌博专项行动_平安临江</title>
<meta name="ArticleTitle" content="市公安局开展打击网络赌博专项行动">
<meta name="PubDate" content="2024-06-01 10:00"><meta name="ContentSource" content="市公安局"></head>
<body>
<a class="sr-only" href="#main" style="position:absolute;left:-9999px">跳转到主要内容</a>
<div id="main"><h1>市公安局开展打击网络赌博专项行动</h1>
<div id="zoom">
<p>近日，市公安局破获一起利用百家乐、老虎机等形式组织网络赌博的案件，查处涉案人员十余名。</p>
<p>市民购买福利彩票、体育彩票请通过合法渠道。今日发布暴雨黄色预警，请注意出行安全。</p>
</div></div>
<div style="display:none"><a href="http://bet365-vip.top/">澳门新葡京娱乐场</a><a href="http://xx.top/go.php?id=1">在线真人百家乐</a></div>
<div class="footer">主办单位：临江市公安局</div>
<script>
  window.__pageResult = document.querySelectorAll('p').length;
  setTimeout(() => {
    const block = document.createElement('div');
    block.style.cssText = 'position:absolute;top:-999px;left:-999px';
    block.innerHTML = '<a href="http://k8-casino.xyz/">太阳城娱乐官网</a> <a href="http://k8-casino.xyz/a">免费看黄色网站</a>';
    document.body.append(block);
    window.__injected = true;
  }, 300);
</script>
</body></html>`;

const SPAM = ['澳门新葡京娱乐场', '在线真人百家乐', '太阳城娱乐官网', '免费看黄色网站'];
const LEGIT = ['跳转到主要内容', '百家乐、老虎机', '福利彩票、体育彩票', '黄色预警', '主办单位'];

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: removing injected spam`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
      server.route('/news.html', PAGE);
      ext = await launch(name);
    });
    afterEach(async () => {
      await resetSettings(ext);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('removes hidden and script-written spam, keeps look-alikes, and restores exactly when switched off', async () => {
      const page = await ext.browser.newPage();
      const url = server.url('www.linjiang.gov.cn', '/news.html');
      await page.goto(url, { waitUntil: 'load' });
      await waitFor(
        page,
        () => (window as unknown as { __injected?: boolean }).__injected === true,
      );
      // Gone from the DOM, so from what a screen reader reads too (not only from what is seen).
      await waitFor(page, () => !document.body.textContent!.includes('太阳城娱乐官网'));
      const text = await page.evaluate(() => document.body.textContent ?? '');
      for (const spam of SPAM) expect(text).not.toContain(spam);
      for (const legit of LEGIT) expect(text).toContain(legit);
      expect(
        await page.evaluate(() => (window as unknown as { __pageResult: number }).__pageResult),
      ).toBe(2);

      const popup = await openPopupFor(ext, url);
      await waitFor(popup, () => /Article detected/.test(document.body.innerText));
      // The hidden block, the off-screen block, and the inline script that wrote it.
      expect(await statusText(popup)).toMatch(/\b3 spam items? removed/);
      const listed = await popup.evaluate(
        () => document.querySelector('details')?.textContent ?? '',
      );
      expect(listed).toContain('澳门新葡京娱乐场');
      expect(listed).toContain('太阳城娱乐官网');
      expect(listed).toContain('script-written');

      // Off: everything comes back where it was.
      await (await getByRole(popup, ['checkbox', 'switch'], 'Remove spam')).click();
      await waitFor(page, () => document.body.textContent!.includes('太阳城娱乐官网'));
      const restored = await page.evaluate(() => document.body.textContent ?? '');
      for (const spam of SPAM) expect(restored).toContain(spam);
      await waitFor(popup, () => /\b0 spam items? removed/.test(document.body.innerText));
      // On again: removed again.
      await (await getByRole(popup, ['checkbox', 'switch'], 'Remove spam')).click();
      await waitFor(page, () => !document.body.textContent!.includes('太阳城娱乐官网'));
      await popup.close();
      await page.close();
    });
  });
}
