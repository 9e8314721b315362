// Reader view harness: opens the reader on the reference page in headless Chromium, runs axe-core
// inside its shadow root in every theme, checks that nothing scrolls sideways or overlaps at
// 128 px, measures opening time, and saves screenshots for a person to look at.
//
//   npx tsx scripts/reader-harness.ts [outdir] [--firefox]   (default test-results/reader/)
//
// The reference page is third-party material read from ../shared/corpus; when it is absent the
// harness says so and uses the project's own hand-written notice instead. Nothing leaves
// 127.0.0.1. Exit code 1 when an axe violation is serious/critical or a layout check fails.

import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Page } from 'puppeteer-core';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** `--firefox`: the same checks in Firefox (/usr/bin/firefox, WebDriver BiDi), files prefixed. */
const firefox = args.includes('--firefox');
const outDir = path.resolve(
  args.find((arg) => !arg.startsWith('--')) ?? path.join(projectRoot, 'test-results', 'reader'),
);
const shotPrefix = firefox ? 'firefox-' : '';
/** Checks that need Chrome DevTools Protocol or Chromium-only emulation. */
const CHROMIUM_ONLY = new Set(['heap', 'forcedColors']);
const referencePage = path.resolve(
  projectRoot,
  '..',
  'shared',
  'corpus',
  'seed',
  'wuxi-2024-05-23.hans.html',
);

const THEMES = ['light', 'sepia', 'dark', 'contrast'] as const;
const SCREENSHOT_SIZES = [20, 64];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 412, height: 915 },
];

/** A strict page CSP: the reader must style itself without inline <style> or style attributes. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";

/**
 * Runs in the page: builds an ExtractedArticle by hand from the reference page (meta tags and the
 * paragraphs of #zoom, rebuilt with textContent, i.e. sanitised by construction) and exposes the
 * reader on `window.__qy`. A button on the page opens it, to time a real click.
 */
const PAGE_ENTRY = /* ts */ `
import { openReader, ENGLISH_READER_STRINGS, ZH_HANS_READER_STRINGS } from './src/reader/mount.ts';
import { DEFAULT_READER_PREFS } from './src/reader/prefs.ts';

function meta(name) {
  return document.querySelector('meta[name="' + name + '"]')?.getAttribute('content') ?? null;
}

function referenceArticle() {
  const holder = document.createElement('div');
  for (const source of document.querySelectorAll('#zoom p')) {
    const p = document.createElement('p');
    p.textContent = source.textContent;
    holder.append(p);
  }
  // A wide hand-made table (not from the page) after the sixth paragraph: it must scroll in its
  // own box while the reader never scrolls sideways.
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = '签约项目一览（示例）';
  const columns = ['序号', '签约双方', '项目名称', '领域', '签约金额（万元）', '期限', '负责单位', '联系人', '联系电话', '备注'];
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.textContent = column;
    head.append(th);
  }
  const tbody = table.createTBody();
  for (let row = 1; row <= 3; row += 1) {
    const tr = tbody.insertRow();
    for (const column of columns) {
      tr.insertCell().textContent = column === '序号' ? String(row) : column + '内容示例' + row;
    }
  }
  holder.children[5]?.after(table);
  const pub = meta('PubDate');
  return {
    isArticle: true,
    reasons: ['harness'],
    title: meta('ArticleTitle'),
    publishedTime: pub ? pub.replace(' ', 'T') : null,
    source: meta('ContentSource'),
    siteName: meta('SiteName'),
    docNumber: null,
    indexNumber: null,
    contentHtml: holder.innerHTML,
    text: Array.from(holder.children, (p) => p.textContent).join('\\n'),
    attachments: [
      { name: '附件1：苏陕协作合作协议清单.pdf', href: '/files/list.pdf' },
      { name: '附件2：https://www.wuxi.gov.cn/very/long/path/that/must/wrap/协作项目汇总表.xlsx', href: '/files/projects.xlsx' },
    ],
    lang: document.documentElement.lang || null,
    url: location.href,
  };
}

const state = { handle: null, prefs: { ...DEFAULT_READER_PREFS }, openMs: null, openSyncMs: null, focusedBefore: null };

function open(extra = {}) {
  state.handle?.close();
  state.handle = openReader(document, {
    article: referenceArticle(),
    prefs: state.prefs,
    strings: extra.chinese ? { ...ZH_HANS_READER_STRINGS } : { ...ENGLISH_READER_STRINGS },
    lang: 'zh-Hans',
    onPrefsChange: (prefs) => { state.prefs = prefs; },
    onClose: () => { state.handle = null; },
  });
  return state.handle;
}

// Where any CSP refusal comes from (the page's own inline styles and handlers are expected).
const cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  cspViolations.push([event.effectiveDirective, event.sourceFile, event.lineNumber, event.columnNumber, event.sample].join(' '));
});

const button = document.createElement('button');
button.id = 'qy-harness-open';
button.textContent = 'Open reader';
button.addEventListener('click', (event) => {
  const clickTime = event.timeStamp;
  open();
  state.openSyncMs = performance.now() - clickTime;
  // "Shown" = the frame after the reader is in the DOM has been produced.
  requestAnimationFrame(() => setTimeout(() => { state.openMs = performance.now() - clickTime; }, 0));
});
document.body.prepend(button);

window.__qy = {
  state,
  cspViolations,
  open,
  setPrefs(patch) {
    state.prefs = { ...state.prefs, ...patch };
    state.handle?.setPrefs(state.prefs);
  },
  close() { state.handle?.close(); },
};
`;

async function bundlePageScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: PAGE_ENTRY,
      resolveDir: projectRoot,
      loader: 'ts',
      sourcefile: 'harness-entry.ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

/** The hand-written page used when the corpus is absent (same shape as the reference page). */
const STAND_IN_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>示例</title><meta name="ArticleTitle" content="市政务服务中心开设长者专窗">
<meta name="PubDate" content="2024-05-23 08:54"><meta name="ContentSource" content="市政务服务中心">
<meta name="SiteName" content="示例市人民政府"></head><body><div id="zoom">
<p>为方便老年人办理社保业务，市政务服务中心自6月1日起开设“长者专窗”。</p>
<p>专窗提供大字版办事指南和老花镜，工作人员将协助填写表格。周末照常开放。</p>
</div></body></html>`;

async function serve(pageHtml: string, pageScript: string, axeScript: string): Promise<Server> {
  const withScript = pageHtml.replace('</body>', '<script src="/reader.js"></script></body>');
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'content-type': type, 'content-security-policy': PAGE_CSP });
      response.end(body);
    };
    if (url === '/' || url.startsWith('/?')) send('text/html; charset=utf-8', withScript);
    else if (url === '/reader.js') send('text/javascript; charset=utf-8', pageScript);
    else if (url === '/axe.js') send('text/javascript; charset=utf-8', axeScript);
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** Runs axe on the reader's shadow root content; AAA contrast is checked too in `contrast`. */
interface AxeSummary {
  violations: AxeViolation[];
  /** `rule:nodes` of passed and of undecided checks (e.g. contrast over an image). */
  passes: string[];
  incomplete: string[];
}

/**
 * axe cannot compute background colours for elements outside <body> (it reports every contrast
 * check as "incomplete"), and the reader lives on <html>. For the run the host is moved into
 * <body> (made not inert for the moment): the shadow content and its styles are unchanged, so
 * the contrast results hold for the real placement. Everything is put back afterwards.
 */
async function runAxe(page: Page, aaa: boolean): Promise<AxeSummary> {
  // Throws when axe did not reach inside the shadow root.
  return page.evaluate(async (aaa: boolean) => {
    // axe-core's global, loaded from /axe.js; typed loosely on purpose (no bundled types in the page).
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const host = document.querySelector('qingyue-reader');
    if (!host) throw new Error('reader not open');
    const wasInert = document.body.hasAttribute('inert');
    document.body.removeAttribute('inert');
    document.body.append(host);
    let raw: unknown;
    try {
      raw = await axe.run(
        { include: [{ fromShadowDom: ['qingyue-reader', '.qy-root'] }] },
        {
          resultTypes: ['violations', 'passes', 'incomplete'],
          rules: { 'color-contrast-enhanced': { enabled: aaa } },
        },
      );
    } finally {
      document.documentElement.append(host);
      if (wasInert) document.body.setAttribute('inert', '');
    }
    const result = raw as {
      violations: AxeViolation[];
      passes: Array<{ id: string; nodes: unknown[] }>;
      incomplete: Array<{
        id: string;
        nodes: Array<{ any: Array<{ data?: { messageKey?: string } | null }> }>;
      }>;
    };
    // Proof that axe saw the reader: how many element checks passed.
    const checked = result.passes.reduce((sum, rule) => sum + rule.nodes.length, 0);
    if (checked === 0) throw new Error('axe checked nothing inside the reader');
    // No named helper functions in here: tsx would wrap them in a `__name` call the page lacks.
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
    return {
      violations,
      passes: result.passes.map((rule) => `${rule.id}:${rule.nodes.length}`),
      incomplete: result.incomplete.map(
        (rule) =>
          `${rule.id}:${rule.nodes.length} (${Array.from(
            new Set(rule.nodes.map((n) => n.any[0]?.data?.messageKey ?? '?')),
          ).join(',')})`,
      ),
    };
  }, aaa);
}

/**
 * Layout check in the page: the reader does not scroll sideways, no element outside a table
 * scroller sticks out of the window, and no two toolbar controls overlap.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const host = document.querySelector('qingyue-reader');
    const root = host?.shadowRoot?.querySelector<HTMLElement>('.qy-root');
    if (!root) return ['reader not open'];
    if (root.scrollWidth > root.clientWidth + 1) {
      problems.push(
        `reader scrolls sideways: scrollWidth ${root.scrollWidth} > ${root.clientWidth}`,
      );
    }
    const width = root.clientWidth;
    for (const element of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      if (element.closest('.qy-table-scroll') && !element.matches('.qy-table-scroll')) continue;
      if (element.closest('[hidden]') || element.closest('.qy-sr-only')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.right > width + 1 || rect.left < -1) {
        problems.push(
          `${element.localName}.${element.className} sticks out: ${Math.round(rect.left)}..${Math.round(rect.right)} of ${width}`,
        );
      }
    }
    const controls = Array.from(
      root.querySelectorAll<HTMLElement>(
        '.qy-bar-row button, .qy-bar-row .qy-size, .qy-panel .qy-choice, .qy-panel .qy-field, .qy-panel .qy-check, .qy-panel button',
      ),
    ).filter((element) => !element.closest('[hidden]'));
    const rects = controls.map((element) => element.getBoundingClientRect());
    for (let i = 0; i < rects.length; i += 1) {
      for (let j = i + 1; j < rects.length; j += 1) {
        const a = rects[i];
        const b = rects[j];
        const ei = controls[i];
        const ej = controls[j];
        if (!a || !b || !ei || !ej || ei.contains(ej) || ej.contains(ei)) continue;
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap)
          problems.push(`overlap: ${ei.textContent?.trim()} / ${ej.textContent?.trim()}`);
      }
    }
    return problems.slice(0, 20);
  });
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const haveReference = existsSync(referencePage);
  if (!haveReference) {
    console.log(
      `reference page not found (${referencePage}); using the hand-written stand-in page`,
    );
  }
  const pageHtml = haveReference ? await readFile(referencePage, 'utf8') : STAND_IN_PAGE;
  const [pageScript, axeScript] = await Promise.all([
    bundlePageScript(),
    readFile(path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'),
  ]);
  const server = await serve(pageHtml, pageScript, axeScript);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/`;

  const browser = firefox
    ? await puppeteer.launch({
        browser: 'firefox',
        executablePath: '/usr/bin/firefox',
        headless: true,
      })
    : await puppeteer.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        pipe: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
  const report: Record<string, unknown> = {
    browser: await browser.version(),
    page: haveReference ? referencePage : 'stand-in',
  };
  let failed = false;
  const skipped: Record<string, string> = {};
  /** Runs one optional check; a browser that cannot do it (Firefox: no CDP heap) is reported. */
  const attempt = async (name: string, check: () => Promise<void>) => {
    if (firefox && CHROMIUM_ONLY.has(name)) {
      skipped[name] = 'Chromium only';
      return;
    }
    try {
      await check();
    } catch (error) {
      skipped[name] = String(error).slice(0, 300);
    }
  };
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ url: '/axe.js' });
    // Errors so far are the page's own (inline style and handlers refused by its CSP).
    const pageErrors = consoleErrors.splice(0);
    report.pageConsoleErrorsBeforeReader = pageErrors.length;

    // Opening time from a real click, three times (the first includes style parsing).
    const openTimes: Array<{ syncMs: number; shownMs: number }> = [];
    for (let run = 0; run < 3; run += 1) {
      const scrolledTo = await page.evaluate(() => {
        window.scrollTo(0, 300);
        return window.scrollY;
      });
      // The button is at the top of the page: focus it without scrolling, then press Enter (a click
      // by keyboard, so focus is on the button as a user would have it).
      await page.evaluate(() =>
        document.getElementById('qy-harness-open')?.focus({ preventScroll: true }),
      );
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          (window as unknown as { __qy: { state: { openMs: number | null } } }).__qy.state
            .openMs !== null,
      );
      const times = await page.evaluate(() => {
        const state = (window as unknown as { __qy: { state: Record<string, number | null> } }).__qy
          .state;
        const result = { syncMs: state.openSyncMs ?? -1, shownMs: state.openMs ?? -1 };
        state.openMs = null;
        return result;
      });
      openTimes.push(times);
      // Escape gives back the page: scroll position and focus on the button that was clicked.
      await page.keyboard.press('Escape');
      const restored = await page.evaluate(() => ({
        open: document.querySelector('qingyue-reader') !== null,
        scrollY: window.scrollY,
        focus: document.activeElement?.id ?? null,
        inert: document.body.hasAttribute('inert'),
      }));
      if (
        restored.open ||
        restored.inert ||
        restored.focus !== 'qy-harness-open' ||
        restored.scrollY !== scrolledTo
      ) {
        failed = true;
        console.log('close did not restore the page:', restored);
      }
      report[`restore_run${run}`] = { scrolledTo, ...restored };
    }
    report.open = openTimes.map((t) => ({
      syncMs: +t.syncMs.toFixed(1),
      shownMs: +t.shownMs.toFixed(1),
    }));

    // First opening in a freshly loaded page (what a user meets), five pages, median.
    const firstOpens: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const fresh = await browser.newPage();
      await fresh.setViewport({ width: 1280, height: 800 });
      await fresh.goto(url, { waitUntil: 'load' });
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the page settle
      await fresh.click('#qy-harness-open');
      await fresh.waitForFunction(
        () =>
          (window as unknown as { __qy: { state: { openMs: number | null } } }).__qy.state
            .openMs !== null,
      );
      firstOpens.push(
        await fresh.evaluate(
          () => (window as unknown as { __qy: { state: { openMs: number } } }).__qy.state.openMs,
        ),
      );
      await fresh.close();
    }
    const sorted = [...firstOpens].sort((x, y) => x - y);
    report.firstOpenShownMs = {
      runs: firstOpens.map((ms) => +ms.toFixed(1)),
      median: +(sorted[2] ?? -1).toFixed(1),
      min: +(sorted[0] ?? -1).toFixed(1),
    };

    await page.evaluate(() => (window as unknown as { __qy: { open: () => void } }).__qy.open());
    await nextFrames(page);
    const styled = await page.evaluate(() => {
      const root = document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('.qy-root');
      return root ? getComputedStyle(root).backgroundColor : null;
    });
    report.stylesApplyUnderStrictCsp = styled === 'rgb(255, 255, 255)';
    if (!report.stylesApplyUnderStrictCsp) failed = true;

    const axeReport: Record<string, unknown> = {};
    for (const theme of THEMES) {
      for (const panelOpen of [false, true]) {
        await page.evaluate(
          (theme: string, panelOpen: boolean) => {
            const qy = (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy;
            qy.setPrefs({ theme, fontSize: 20 });
            const root = document.querySelector('qingyue-reader')?.shadowRoot;
            const toggle = root?.querySelector<HTMLButtonElement>(
              'button[aria-controls="qy-settings"]',
            );
            if (toggle && (toggle.getAttribute('aria-expanded') === 'true') !== panelOpen)
              toggle.click();
            root?.querySelector('.qy-root')?.scrollTo({ top: 0, behavior: 'instant' });
          },
          theme,
          panelOpen,
        );
        await nextFrames(page);
        const { violations, passes, incomplete } = await runAxe(page, theme === 'contrast');
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (serious.length > 0) failed = true;
        axeReport[`${theme}${panelOpen ? '+settings' : ''}`] = {
          seriousOrCritical: serious,
          other: violations.filter((v) => !serious.includes(v)).map((v) => `${v.id} (${v.impact})`),
          incomplete,
          contrastChecked: passes.filter((rule) => rule.startsWith('color-contrast')),
        };
        if (panelOpen) {
          await page.screenshot({
            path: path.join(outDir, `${shotPrefix}reader-${theme}-settings.png`),
          });
        }
      }
      await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        const toggle = root?.querySelector<HTMLButtonElement>(
          'button[aria-controls="qy-settings"]',
        );
        if (toggle?.getAttribute('aria-expanded') === 'true') toggle.click();
      });
      for (const size of SCREENSHOT_SIZES) {
        await page.evaluate(
          (theme: string, size: number) =>
            (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy.setPrefs({
              theme,
              fontSize: size,
            }),
          theme,
          size,
        );
        await nextFrames(page);
        await page.screenshot({
          path: path.join(outDir, `${shotPrefix}reader-${theme}-${size}.png`),
        });
      }
    }
    report.axe = axeReport;

    // Real input: the + key and Ctrl + wheel change the size (and do not zoom the page).
    await attempt('realInput', async () => {
      await page.evaluate(() => {
        const qy = (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy;
        qy.setPrefs({ theme: 'light', fontSize: 20 });
        document
          .querySelector('qingyue-reader')
          ?.shadowRoot?.querySelector<HTMLElement>('h1')
          ?.focus();
      });
      const sizeNow = () =>
        page.evaluate(
          () =>
            (window as unknown as { __qy: { state: { prefs: { fontSize: number } } } }).__qy.state
              .prefs.fontSize,
        );
      await page.keyboard.type('+');
      const afterPlus = await sizeNow();
      await page.keyboard.type('-');
      const afterMinus = await sizeNow();
      await page.mouse.move(640, 400);
      await page.keyboard.down('Control');
      await page.mouse.wheel({ deltaY: -100 });
      await page.keyboard.up('Control');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterWheel = await sizeNow();
      report.realInput = { start: 20, afterPlus, afterMinus, afterCtrlWheelUp: afterWheel };
      if (afterPlus !== 22 || afterMinus !== 20 || afterWheel !== 22) failed = true;
    });

    // Chinese UI, sepia, 28 px: the wording and widths of the Chinese labels.
    await attempt('chineseUi', async () => {
      await page.evaluate(() => {
        const qy = (
          window as unknown as {
            __qy: { setPrefs: (p: object) => void; open: (o: object) => void };
          }
        ).__qy;
        qy.setPrefs({ theme: 'sepia', fontSize: 28 });
        qy.open({ chinese: true });
      });
      await nextFrames(page);
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-zh-sepia-28.png`) });
      await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        root?.querySelector<HTMLButtonElement>('button[aria-controls="qy-settings"]')?.click();
      });
      await nextFrames(page);
      await page.screenshot({
        path: path.join(outDir, `${shotPrefix}reader-zh-sepia-28-settings.png`),
      });
      // Back to the English UI for the rest.
      await page.evaluate(() => {
        const qy = (
          window as unknown as { __qy: { setPrefs: (p: object) => void; open: () => void } }
        ).__qy;
        qy.setPrefs({ theme: 'light', fontSize: 20 });
        qy.open();
      });
    });

    // Wide table: scrolls inside its box.
    await attempt('wideTable', async () => {
      report.wideTable = await page.evaluate(() => {
        const box = document
          .querySelector('qingyue-reader')
          ?.shadowRoot?.querySelector<HTMLElement>('.qy-table-scroll');
        if (!box) return null;
        box.scrollIntoView({ block: 'center', behavior: 'instant' });
        return {
          label: box.getAttribute('aria-label'),
          scrollsInside: box.scrollWidth > box.clientWidth,
          tabindex: box.getAttribute('tabindex'),
        };
      });
      await nextFrames(page);
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-light-table.png`) });
      await page.evaluate(() =>
        document
          .querySelector('qingyue-reader')
          ?.shadowRoot?.querySelector('.qy-root')
          ?.scrollTo({ top: 0, behavior: 'instant' }),
      );
    });

    // Keyboard focus ring: Shift+Tab from the title to the last toolbar control.
    await attempt('focusRing', async () => {
      await page.evaluate(() => {
        const qy = (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy;
        qy.setPrefs({ theme: 'light', fontSize: 20 });
        document
          .querySelector('qingyue-reader')
          ?.shadowRoot?.querySelector<HTMLElement>('h1')
          ?.focus();
      });
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
      await nextFrames(page);
      report.focusAfterShiftTab = await page.evaluate(
        () =>
          document
            .querySelector('qingyue-reader')
            ?.shadowRoot?.activeElement?.textContent?.trim() ?? null,
      );
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-light-focus.png`) });
    });

    // Read aloud: the spoken sentence is highlighted (headless Chromium may have no voice, so
    // the check is on the highlight, which is set when a sentence is handed to the engine).
    await attempt('readAloud', async () => {
      report.readAloud = await page.evaluate(async () => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        const buttons = Array.from(root?.querySelectorAll('button') ?? []);
        const play = buttons.find((b) => b.textContent?.trim() === 'Read aloud');
        if (!play) return { available: false };
        const voices = speechSynthesis.getVoices().map((v) => v.lang);
        play.click();
        await new Promise((resolve) => setTimeout(resolve, 100));
        const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
        const ranges = Array.from(registry?.get('qy-speaking') ?? []);
        const result = {
          available: true,
          voices: voices.length,
          chineseVoices: voices.filter((lang) => lang.startsWith('zh')),
          highlightedNow: ranges.map((range) => range.toString()),
          status: root?.querySelector('.qy-bar-status')?.textContent ?? '',
          highlightedWithEngine: [] as string[],
        };
        // An engine that accepts the sentence and is still speaking it.
        const speak = speechSynthesis.speak.bind(speechSynthesis);
        speechSynthesis.speak = () => undefined;
        play.click();
        result.highlightedWithEngine = Array.from(registry?.get('qy-speaking') ?? []).map((r) =>
          r.toString(),
        );
        root?.querySelector<HTMLButtonElement>('button[title="Stop reading"]')?.click();
        speechSynthesis.speak = speak;
        return result;
      });
      await page.evaluate(() => {
        speechSynthesis.speak = () => undefined;
      });
      // Highlight a body sentence for the screenshot: stop, scroll, and start again from there.
      await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        const stop = root?.querySelector<HTMLButtonElement>('button[title="Stop reading"]');
        stop?.click();
        root?.querySelector('.qy-root')?.scrollTo({ top: 300, behavior: 'instant' });
      });
      await nextFrames(page);
      await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        const play = Array.from(root?.querySelectorAll('button') ?? []).find(
          (b) => b.textContent?.trim() === 'Read aloud',
        );
        play?.click();
      });
      await new Promise((resolve) => setTimeout(resolve, 800)); // smooth scrolling
      report.speakingHighlight = await page.evaluate(() => {
        const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
        const range = Array.from(registry?.get('qy-speaking') ?? [])[0];
        if (!range) return null;
        const rect = range.getBoundingClientRect();
        return {
          text: range.toString(),
          top: Math.round(rect.top),
          bottom: Math.round(rect.bottom),
        };
      });
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-light-speaking.png`) });
      await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        root?.querySelector<HTMLButtonElement>('button[title="Stop reading"]')?.click();
        root?.querySelector('.qy-root')?.scrollTo({ top: 0, behavior: 'instant' });
      });
    });

    // Windows High Contrast / forced colours.
    await attempt('forcedColors', async () => {
      await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'active' }]);
      await nextFrames(page);
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-forced-colors.png`) });
      await page.emulateMediaFeatures([{ name: 'forced-colors', value: 'none' }]);
    });

    // 128 px: no sideways scrolling, nothing sticking out, no overlapping controls.
    const overflow: Record<string, string[]> = {};
    for (const viewport of VIEWPORTS) {
      await page.setViewport({ width: viewport.width, height: viewport.height });
      for (const panelOpen of [false, true]) {
        await page.evaluate((panelOpen: boolean) => {
          const qy = (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy;
          qy.setPrefs({ theme: 'light', fontSize: 128 });
          const root = document.querySelector('qingyue-reader')?.shadowRoot;
          const toggle = root?.querySelector<HTMLButtonElement>(
            'button[aria-controls="qy-settings"]',
          );
          if (toggle && (toggle.getAttribute('aria-expanded') === 'true') !== panelOpen)
            toggle.click();
        }, panelOpen);
        await nextFrames(page);
        const problems = await layoutProblems(page);
        if (problems.length > 0) failed = true;
        const name = `${viewport.name}-128px${panelOpen ? '+settings' : ''}`;
        overflow[name] = problems;
        await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-${name}.png`) });
      }
    }
    report.overflow128 = overflow;

    // Print layout: toolbar gone, page behind hidden.
    await attempt('print', async () => {
      await page.setViewport({ width: 1280, height: 800 });
      await page.evaluate(() => {
        (window as unknown as { __qy: { setPrefs: (p: object) => void } }).__qy.setPrefs({
          theme: 'dark',
          fontSize: 20,
        });
        window.dispatchEvent(new Event('beforeprint'));
      });
      await page.emulateMediaType('print');
      await nextFrames(page);
      report.print = await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        const bar = root?.querySelector('.qy-bar');
        return {
          toolbarHidden: bar ? getComputedStyle(bar).display === 'none' : null,
          pageHidden: getComputedStyle(document.body).display === 'none',
          hostPosition: getComputedStyle(document.querySelector('qingyue-reader') as Element)
            .position,
        };
      });
      // What the first printed A4 page looks like (794 CSS px wide), for a person to look at.
      await page.setViewport({ width: 794, height: 1123 });
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await nextFrames(page);
      await page.screenshot({ path: path.join(outDir, `${shotPrefix}reader-print-media.png`) });
      await page.pdf({ path: path.join(outDir, `${shotPrefix}reader-print.pdf`), format: 'A4' });
      await page.emulateMediaType('screen');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    });

    // Leaks: heap after 100 open / convert / close cycles, against before (after GC both times).
    await attempt('heap', async () => {
      const cdp = await page.createCDPSession();
      const heapUsed = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        return usage.usedSize;
      };
      // Five cycles first, so that compiled code and caches count in "before", not as growth.
      await page.evaluate(() => {
        const qy = (window as unknown as { __qy: { open: () => { close: () => void } } }).__qy;
        for (let i = 0; i < 5; i += 1) qy.open().close();
      });
      await new Promise((resolve) => setTimeout(resolve, 2500)); // idle callbacks run
      const heapBefore = await heapUsed();
      await page.evaluate(() => {
        const qy = (
          window as unknown as {
            __qy: {
              open: () => {
                setTextConverter: (c: ((s: string) => string) | null, l: string) => void;
                close: () => void;
              };
            };
          }
        ).__qy;
        for (let i = 0; i < 100; i += 1) {
          const handle = qy.open();
          handle.setTextConverter((text) => text.replace(/协/g, '協'), 'zh-Hant-TW');
          handle.setTextConverter(null, 'zh-CN');
          handle.close();
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const heapAfter = await heapUsed();
      report.heap = {
        beforeKb: Math.round(heapBefore / 1024),
        after100CyclesKb: Math.round(heapAfter / 1024),
        growthPct: +(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1),
      };
    });

    report.cspViolationsAfterLoad = await page.evaluate(
      () => (window as unknown as { __qy: { cspViolations: string[] } }).__qy.cspViolations,
    );
    report.skipped = skipped;
    report.readerConsoleErrors = consoleErrors;
  } finally {
    await browser.close();
    server.close();
  }
  await writeFile(path.join(outDir, `${shotPrefix}report.json`), JSON.stringify(report, null, 2));
  // A short summary; everything else is in report.json.
  const axe = (report.axe ?? {}) as Record<string, { seriousOrCritical: unknown[] }>;
  console.log(`browser: ${String(report.browser)}  page: ${String(report.page)}`);
  for (const [name, result] of Object.entries(axe)) {
    console.log(`axe ${name.padEnd(18)} serious/critical: ${result.seriousOrCritical.length}`);
  }
  for (const [name, problems] of Object.entries(
    (report.overflow128 ?? {}) as Record<string, string[]>,
  )) {
    console.log(`layout ${name.padEnd(24)} ${problems.length === 0 ? 'ok' : problems.join('; ')}`);
  }
  console.log('first open (ms, fresh pages):', JSON.stringify(report.firstOpenShownMs));
  if (Object.keys(skipped).length > 0) console.log('skipped:', JSON.stringify(skipped));
  console.log(failed ? 'FAILED' : 'all checks passed');
  console.log(`screenshots and ${shotPrefix}report.json in ${outDir}`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
