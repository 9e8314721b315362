// The reader view inside the extension, in both browsers: every theme at 20 px and 64 px is
// checked with axe-core inside the shadow root (no serious or critical violation), must not
// scroll sideways, and is saved as a screenshot under test-results/reader/ for people to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getByRole } from './a11y.ts';
import {
  ROOT,
  browserAvailable,
  gotoExtensionPage,
  launch,
  openPopupFor,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';

const THEMES = ['light', 'sepia', 'dark', 'contrast'] as const;
const SIZES = [20, 64] as const;
const SHOTS = resolve(ROOT, 'test-results/reader');
const AXE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeFinding {
  id: string;
  impact: string | null;
  nodes: number;
}

/** Runs axe on the reader's shadow content (moved into <body> for the run: see reader-harness). */
function runAxe(page: Page): Promise<{ violations: AxeFinding[]; checked: number }> {
  return page.evaluate(async () => {
    type Axe = { run(context: unknown, options: unknown): Promise<unknown> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const host = document.querySelector('qingyue-reader')!;
    const wasInert = document.body.hasAttribute('inert');
    document.body.removeAttribute('inert');
    document.body.append(host);
    try {
      const result = (await axe.run(
        { include: [{ fromShadowDom: ['qingyue-reader', 'article'] }] },
        { resultTypes: ['violations', 'passes'] },
      )) as {
        violations: { id: string; impact: string | null; nodes: unknown[] }[];
        passes: { nodes: unknown[] }[];
      };
      return {
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.length,
        })),
        checked: result.passes.reduce((sum, rule) => sum + rule.nodes.length, 0),
      };
    } finally {
      document.documentElement.append(host);
      if (wasInert) document.body.setAttribute('inert', '');
    }
  });
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`${name}: the reader for large-text readers`, () => {
    let ext: ExtensionBrowser;
    let server: TestServer;
    let page: Page;
    let settingsPage: Page;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await startServer();
      ext = await launch(name);
      page = await ext.browser.newPage();
      await page.setViewport({ width: 1000, height: 800 });
      const url = server.url('www.linjiang.gov.cn', '/fixtures/article.hans.html');
      await page.goto(url, { waitUntil: 'load' });
      const popup = await openPopupFor(ext, url);
      await (await getByRole(popup, 'button', 'Open reader view')).click();
      await waitFor(
        page,
        () => !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('h1'),
      );
      await popup.close();
      settingsPage = await ext.browser.newPage();
      await gotoExtensionPage(ext, settingsPage, `${ext.extensionOrigin}/options.html`);
      await page.bringToFront();
      await page.addScriptTag({ content: AXE });
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    /** Stores reader settings the way the options page does; the open reader follows at once. */
    async function setPrefs(theme: string, fontSize: number): Promise<void> {
      await settingsPage.evaluate(
        async (theme, fontSize) => {
          type Storage = {
            storage: {
              local: {
                get(k: string): Promise<Record<string, unknown>>;
                set(v: object): Promise<void>;
              };
            };
          };
          const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
          const api = (g.browser ?? g.chrome).storage.local;
          const current = ((await api.get('reader')).reader ?? {}) as object;
          await api.set({ reader: { ...current, theme, fontSize } });
        },
        theme,
        fontSize,
      );
      await waitFor(
        page,
        (size) => {
          const p = document
            .querySelector('qingyue-reader')
            ?.shadowRoot?.querySelector('article p:not(header p)');
          return !!p && Math.round(parseFloat(getComputedStyle(p).fontSize)) === size;
        },
        10_000,
        fontSize,
      );
    }

    for (const theme of THEMES) {
      for (const size of SIZES) {
        it(`${theme} at ${size} px: no serious axe violation, no sideways scroll`, async () => {
          await setPrefs(theme, size);
          await page.bringToFront();
          await page.screenshot({
            path: resolve(SHOTS, `${name}-${theme}-${size}px.png`) as `${string}.png`,
          });
          const { violations, checked } = await runAxe(page);
          expect(checked).toBeGreaterThan(0);
          expect(
            violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
          ).toEqual([]);
          const overflow = await page.evaluate(() => {
            const root = document.querySelector('qingyue-reader')!.shadowRoot!;
            const viewport = document.documentElement.clientWidth;
            // Wide tables scroll inside their own box; nothing else may stick out.
            return Array.from(root.querySelectorAll('article *'))
              .filter((el) => !el.closest('.qy-table-scroll'))
              .map((el) => el.getBoundingClientRect())
              .filter((box) => box.right > viewport + 1 || box.left < -1).length;
          });
          expect(overflow).toBe(0);
        });
      }
    }
  });
}
