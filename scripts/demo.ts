// `npm run demo`: builds the extension, serves the reference page on 127.0.0.1 under its
// government host name, drives a real Chromium with Qingyue through its popup, prints what it did
// and saves before / after / reader screenshots under demo-output/. A visible window when a
// display exists; headless otherwise.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { getByRole, statusText } from '../tests/e2e/a11y.ts';
import {
  CHROMIUM,
  CORPUS,
  ROOT,
  extensionDir,
  startServer,
  waitFor,
} from '../tests/e2e/harness.ts';

const OUT = resolve(ROOT, 'demo-output');
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium was not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  log('Building the Chrome extension…');
  execSync('npm run build --silent', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(OUT, { recursive: true });

  const server = await startServer();
  const seed = resolve(CORPUS, 'seed/wuxi-2024-05-23.hant.html');
  const url = existsSync(seed)
    ? server.url('www.wuxi.gov.cn', '/corpus/seed/wuxi-2024-05-23.hant.html')
    : server.url('www.linjiang.gov.cn', '/fixtures/article.hant.html');
  const headless = !process.env.DISPLAY;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless,
    pipe: true,
    enableExtensions: [extensionDir('chromium')],
    defaultViewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--lang=en-US',
    ],
  });
  try {
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker', {
      timeout: 20_000,
    });
    const origin = worker.url().split('/').slice(0, 3).join('/');
    log(
      `Chromium ${await browser.version()} ${headless ? '(headless)' : '(window)'}, Qingyue loaded`,
    );
    log(`Reference page: ${url}`);

    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const popup = await browser.newPage();
    await popup.goto(`${origin}/popup.html`);
    const tabId = await popup.evaluate(async (u) => {
      type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      const tabs = await (globalThis as unknown as { chrome: Tabs }).chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id;
    }, url);
    await popup.goto(`${origin}/popup.html?tab=${tabId}`);
    await waitFor(popup, () => /spam items? removed/.test(document.body.innerText));
    log(`Popup status: ${await statusText(popup)}`);
    const removed = await popup.evaluate(() =>
      Array.from(document.querySelectorAll('[data-spam-item], details li')).map(
        (li) => li.textContent ?? '',
      ),
    );
    for (const item of removed) log(`  removed: ${item.replace(/\s+/g, ' ')}`);

    // Before: the page as served (spam removal switched off for the moment).
    const spamSwitch = await getByRole(popup, ['checkbox', 'switch'], 'Remove spam');
    await spamSwitch.click();
    await page.bringToFront();
    await waitFor(page, () => /手机国产|新葡京/.test(document.body.innerText));
    await screenshot(page, 'before.png');
    await popup.bringToFront();
    await spamSwitch.click();
    await waitFor(page, () => !/手机国产|新葡京/.test(document.body.innerText));

    // After: spam removed and the naive 繁體版 repaired to Traditional (Taiwan).
    const before = await page.evaluate(() => document.body.innerText);
    await (await getByRole(popup, 'radio', 'Traditional (Taiwan)')).click();
    await waitFor(page, () => document.body.innerText.includes('幹部'));
    const after = await page.evaluate(() => document.body.innerText);
    for (const [from, to] of [
      ['干部', '幹部'],
      ['并進', '並進'],
      ['關于', '關於'],
    ]) {
      log(
        `  converted: ${from} ×${count(before, from!)} → ${to} ×${count(after, to!)} (left: ${count(after, from!)})`,
      );
    }
    await page.bringToFront();
    await screenshot(page, 'after.png');

    // Reader view, larger text.
    await popup.bringToFront();
    await (await getByRole(popup, 'button', 'Open reader view')).click();
    await page.bringToFront();
    await waitFor(
      page,
      () => !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('h1'),
    );
    const reader = await page.evaluate(() => {
      const root = document.querySelector('qingyue-reader')!.shadowRoot!;
      return {
        title: root.querySelector('h1')?.textContent?.trim(),
        time: root.querySelector('time')?.getAttribute('datetime'),
        paragraphs: Array.from(root.querySelectorAll('article p')).filter(
          (p) => !p.closest('header'),
        ).length,
      };
    });
    log(`Reader: "${reader.title}" · ${reader.time} · ${reader.paragraphs} paragraphs`);
    await screenshot(page, 'reader.png');
    await popup.bringToFront();
    await (await getByRole(popup, 'radio', 'Original')).click();
    log(`Screenshots: ${OUT}/before.png, after.png, reader.png`);
  } finally {
    await browser.close();
    await server.close();
  }
}

function count(text: string, word: string): number {
  return text.split(word).length - 1;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(OUT, name) as `${string}.png` });
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
