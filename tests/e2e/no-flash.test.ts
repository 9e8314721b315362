// A script chosen for a site is remembered, and the site's next page starts converted: in both
// browsers, the page records on every animation frame, from its first script until it has loaded
// and shown its first paragraph converted, whether it can be seen and what that paragraph says. No frame may show the
// Simplified text (src/page/reveal.ts keeps the page hidden until the visible part is converted).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getByRole } from './a11y.ts';
import {
  browserAvailable,
  launch,
  openPopupFor,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const HOST = 'www.linjiang.gov.cn';
const SIMPLIFIED = '关于发布会的通知：头发护理，干部培训';
const TAIWAN = '關於發佈會的通知：頭髮護理，幹部培訓';

/** The page on which the reader makes the choice. */
const FIRST_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知</title></head>
<body><h1>通知公告</h1><p id="first">${SIMPLIFIED}</p></body></html>`;

/**
 * Runs first in the page's <head>, in the page's own world, and keeps a record of every frame.
 * What counts as seen: the first paragraph, with html, body and the paragraph itself neither
 * hidden (visibility, which reveal.ts uses), nor undisplayed, nor transparent.
 */
const FRAME_RECORDER = `<script>
(() => {
  const record = { frames: [], done: false };
  window.__frames = record;
  const shown = (el) => {
    if (!el) return true;
    const style = getComputedStyle(el);
    return style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0;
  };
  let loaded = false;
  let settled = 0;
  const onFrame = () => {
    const p = document.getElementById('first');
    const frame = {
      at: Math.round(performance.now()),
      visible: shown(document.documentElement) && shown(document.body) && shown(p),
      text: p ? p.textContent : null,
    };
    record.frames.push(frame);
    // Until the page has loaded and then shown a converted first paragraph for five frames
    // (on a loaded machine that can take a while), or for at most ten seconds.
    settled = loaded && frame.visible && frame.text !== ${JSON.stringify(SIMPLIFIED)} ? settled + 1 : 0;
    if (settled >= 5) record.done = true;
    if (!record.done) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  addEventListener('load', () => {
    loaded = true;
    setTimeout(() => { record.done = true; }, 10000);
  });
})();
</script>`;

/**
 * The next page of the site: long enough that the parser yields and the browser renders frames
 * while it is still arriving, so that an unconverted first screen would have time to show.
 */
const NEXT_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
${FRAME_RECORDER}
<title>干部培训通知</title></head>
<body><h1>通知公告</h1><p id="first">${SIMPLIFIED}</p>
${Array.from(
  { length: 3000 },
  (_, i) =>
    `<p>第${i + 1}条：各级干部要认真学习发布会精神，加强头发护理知识的宣传，确保工作落实。</p>`,
).join('\n')}
</body></html>`;

/** Records whether the page was already hidden when its first script ran (the pre-hide). */
const PROBE_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<script>window.__hiddenAtFirstScript = document.documentElement.hasAttribute('data-qingyue-hiding');</script>
<title>探测</title></head><body><p>干部</p></body></html>`;

interface Frame {
  at: number;
  visible: boolean;
  text: string | null;
}

/** Waits until the popup has loaded the site's settings (its controls are enabled). */
async function popupReady(popup: Page): Promise<void> {
  await waitFor(popup, () => {
    const radio = document.querySelector<HTMLInputElement>('input[name="script"]');
    return !!radio && !radio.disabled;
  });
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: no flash of the other script`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer();
      server.route('/first.html', FIRST_PAGE);
      server.route('/next.html', NEXT_PAGE);
      server.route('/probe.html', PROBE_PAGE);
      ext = await launch(name);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('shows the next page of a site converted from its first visible frame', async () => {
      // The reader picks Traditional (Taiwan) for this site on one of its pages.
      const firstUrl = server.url(HOST, '/first.html');
      const first = await ext.browser.newPage();
      await first.goto(firstUrl, { waitUntil: 'load' });
      const popup = await openPopupFor(ext, firstUrl);
      await popupReady(popup);
      await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
      await waitFor(
        first,
        (expected) => document.getElementById('first')?.textContent === expected,
        10_000,
        TAIWAN,
      );
      await popup.close();
      await first.close();

      // The background registers the pre-hide for this site as the choice is stored: a page of
      // the site is hidden before its own first script runs (polled: registering takes a moment).
      const probe = await ext.browser.newPage();
      const hiddenAtFirstScript = async () => {
        await probe.goto(server.url(HOST, '/probe.html'), { waitUntil: 'load' });
        return probe.evaluate(
          () => (window as unknown as { __hiddenAtFirstScript: boolean }).__hiddenAtFirstScript,
        );
      };
      let prehidden = false;
      for (let attempt = 0; attempt < 20 && !prehidden; attempt++) {
        prehidden = await hiddenAtFirstScript();
        if (!prehidden) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(prehidden).toBe(true);
      await probe.close();

      // Then opens another page of the same site, in a new tab.
      const page = await ext.browser.newPage();
      await page.goto(server.url(HOST, '/next.html'), { waitUntil: 'load' });
      await waitFor(
        page,
        () => (window as unknown as { __frames: { done: boolean } }).__frames.done,
        15_000,
      );
      const frames = await page.evaluate(
        () => (window as unknown as { __frames: { frames: Frame[] } }).__frames.frames,
      );

      // The recorder saw the page's first paragraph, so the frames cover the part that matters.
      expect(frames.some((frame) => frame.text !== null)).toBe(true);
      // Not one frame in which the paragraph could be seen shows anything but the conversion.
      const flashes = frames.filter(
        (frame) => frame.visible && frame.text !== null && frame.text !== TAIWAN,
      );
      expect(flashes).toEqual([]);
      // And the page does not stay hidden: it ends converted and visible.
      expect(frames.at(-1)).toMatchObject({ visible: true, text: TAIWAN });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant-TW');
      await page.close();
    });
  });
}
