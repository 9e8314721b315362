// Never break a page, never leak: hostile and broken pages under a government host, in both
// browsers. For each page the extension must throw nothing, leave the page's own scripts' results
// as they were, and still do its job where the page allows it (spam removed, conversion from the
// popup and exact restore, reader view). The extension must make no network request of its own.
import type { CDPSession, Page, Target } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getByRole, statusText } from './a11y.ts';
import {
  browserAvailable,
  launch,
  openPopupFor,
  resetSettings,
  startServer,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';
import {
  FRAME_PAGE,
  SPAM_LINE,
  hostilePages,
  type HostilePage,
} from '../fixtures/hostile/pages.ts';

const HOST = 'www.linjiang.gov.cn';

/**
 * Polls `check` in the page with plain `evaluate` calls: puppeteer's own `waitForFunction` runs
 * helper code in the page's world, which the pages here deliberately break (frozen prototypes,
 * a replaced Array.prototype.map).
 */
async function until(
  page: Page,
  check: (arg: string | null) => boolean,
  arg: string | null,
  timeout = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (await page.evaluate(check, arg)) return;
    } catch {
      // The document may be changing under us; try again.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${check.toString()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The page's own result, or null when it has no script (CSP pages). */
function pageResult(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const fn = (window as unknown as { __pageResult?: () => unknown }).__pageResult;
    return typeof fn === 'function' ? JSON.stringify(fn()) : null;
  });
}

const BROWSER_NOTICES = [
  /The byte stream was erroneous according to the character encoding/,
  /^Error: Content-Security-Policy: The page.s settings blocked the loading of a resource/,
  // The reader asks for a Trusted Types policy; a page that allows none refuses it, Firefox logs
  // the refusal, and the reader falls back to building plain text paragraphs.
  /^Error: Content-Security-Policy: The page.s settings blocked creating a Trusted Types policy/,
];

/** Everything the extension said or threw in the page: uncaught errors and `[Qingyue]` lines. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => {
    const text = String(error);
    // Firefox reports the browser's own complaints about the page as page errors too: the
    // garbage bytes and the CSP blocking the favicon are the page's doing, not ours.
    if (BROWSER_NOTICES.some((notice) => notice.test(text))) return;
    problems.push(`pageerror: ${text}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    // Our guard may say that a feature was skipped; anything else from us is a failure.
    if (text.includes('[Qingyue]') && !/skipped/i.test(text)) problems.push(`console: ${text}`);
  });
  return problems;
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: hostile and broken pages`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;
    /** Requests seen from the extension's service worker (Chromium), through CDP. */
    const workerRequests: string[] = [];
    const workerSessions: CDPSession[] = [];

    async function watchWorker(target: Target): Promise<void> {
      if (target.type() !== 'service_worker' || !target.url().startsWith(ext.extensionOrigin))
        return;
      const session = await target.createCDPSession();
      session.on('Network.requestWillBeSent', (event) => workerRequests.push(event.request.url));
      await session.send('Network.enable');
      workerSessions.push(session);
    }

    beforeAll(async () => {
      server = await startServer();
      server.route('/hostile/frame-top.html', FRAME_PAGE);
      ext = await launch(name);
      if (name === 'chromium') {
        // The worker may be stopped and started again during the run: watch each one.
        ext.browser.on('targetcreated', (target: Target) => void watchWorker(target));
        for (const target of ext.browser.targets()) await watchWorker(target);
      }
    });
    afterEach(async () => {
      // A test that fails half-way must not leave its script choice to the next page.
      await resetSettings(ext);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    hostilePages().forEach((hostile: HostilePage, index: number) => {
      it(`survives ${hostile.name}`, async () => {
        const path = `/hostile/${name}-${index}.html`;
        server.route(path, hostile.body, hostile.type, hostile.headers);
        const seenBefore = server.requests.length;
        const page = await ext.browser.newPage();
        const problems = collectProblems(page);
        const url = server.url(HOST, path);
        await page.goto(url, { waitUntil: 'load', timeout: 45_000 });
        const spamLine = hostile.spamLine ?? SPAM_LINE;

        if (hostile.spam) {
          // The replaced body arrives 50 ms after load; wait for it before judging.
          await until(
            page,
            (line) =>
              (window as unknown as { __replaced?: boolean }).__replaced !== false &&
              document.body !== null &&
              !document.body.innerText.includes(line!),
            spamLine,
            20_000,
          );
        }
        const resultBefore = await pageResult(page);
        if (hostile.expected !== null) expect(resultBefore).toBe(hostile.expected);

        const popup = await openPopupFor(ext, url);
        await until(popup, () => /spam items? removed/.test(document.body.innerText), null);
        const status = await statusText(popup);
        if (hostile.spam) expect(status).toMatch(/\b[1-9]\d* spam items? removed/);

        if (hostile.convert && hostile.phrase) {
          const [original, converted] = hostile.phrase;
          // textContent, not innerText: Gecko lays out no deeper than ~200 levels (the deep page).
          const before = await page.evaluate(() => document.body.innerHTML);
          expect(before).toContain(original);
          await (await getByRole(popup, 'radio', hostile.target ?? 'Traditional (Taiwan)')).click();
          await until(
            page,
            (text) => document.body.textContent!.includes(text!),
            converted,
            30_000,
          );
          await (await getByRole(popup, 'radio', 'Original')).click();
          // Exactly the page it was: every node and attribute restored (the wait may time out;
          // the comparison below then shows what differs).
          await until(page, (html) => document.body.innerHTML === html, before, 30_000).catch(
            () => undefined,
          );
          expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
        }

        if (hostile.reader) {
          await (await getByRole(popup, 'button', 'Open reader view')).click();
          await until(
            page,
            () =>
              !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('article h1'),
            null,
            20_000,
          );
          const reader = await page.evaluate(() => {
            const root = document.querySelector('qingyue-reader')!.shadowRoot!;
            const p = root.querySelector('article p');
            return {
              text: root.querySelector('article')!.textContent ?? '',
              styled: root.adoptedStyleSheets.length + root.querySelectorAll('style').length,
              // The reader's own sheet positions it over the page; unstyled it would be static.
              position: getComputedStyle(document.querySelector('qingyue-reader')!).position,
              fontSize: p ? parseFloat(getComputedStyle(p).fontSize) : 0,
            };
          });
          expect(reader.text).toContain('干部');
          expect(reader.text).not.toContain('新葡京');
          expect(reader.styled).toBeGreaterThan(0);
          expect(reader.position).toBe('fixed');
          expect(reader.fontSize).toBeGreaterThanOrEqual(16);
          await page.bringToFront();
          await page.keyboard.press('Escape');
          await until(page, () => !document.querySelector('qingyue-reader'), null);
        }

        // The page's own scripts see what they saw before the extension did anything.
        expect(await pageResult(page)).toBe(resultBefore);
        await popup.close();
        await page.close();
        expect(problems).toEqual([]);

        // Privacy: the server saw only what the page itself asks for.
        const seen = server.requests.slice(seenBefore).map((line) => line.split(' ')[1]);
        for (const request of seen) {
          expect([path, '/hostile/frame-top.html', '/favicon.ico']).toContain(request);
        }
        expect(seen).toContain(path);
      });
    });

    it.runIf(name === 'chromium')(
      'the extension service worker made no network request during all of the above',
      async () => {
        expect(workerSessions.length).toBeGreaterThan(0);
        expect(workerRequests).toEqual([]);
        // The watch itself works: a request the worker does make is seen.
        const probe = server.url(HOST, '/privacy-probe');
        await workerSessions.at(-1)!.send('Runtime.evaluate', {
          expression: `fetch(${JSON.stringify(probe)}).then(() => 1, () => 0)`,
          awaitPromise: true,
        });
        expect(workerRequests).toEqual([probe]);
      },
    );
  });
}
