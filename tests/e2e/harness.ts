// End-to-end harness: a loopback server for test pages under government host names, and the built
// extension loaded into real headless Chromium or Firefox through puppeteer-core.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_PAGES = resolve(ROOT, 'tests/fixtures/pages');
export const CORPUS = resolve(ROOT, '../shared/corpus');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_ADDON_ID = 'qingyue@qingyue.example';
/** Fixed internal UUID for the Firefox add-on, so its pages have a known moz-extension:// origin. */
export const FIREFOX_ADDON_UUID = '5b0c7a52-6f0b-4a51-9a44-7a1e1f0e9b11';

/** Host names the tests use; each resolves to 127.0.0.1. */
export const TEST_HOSTS = [
  'www.linjiang.gov.cn',
  'www.wuxi.gov.cn',
  'www.example.gov.tw',
  'news.example.org',
];

export type BrowserName = 'chromium' | 'firefox';

export interface TestServer {
  port: number;
  /** Every request the server saw: `host path`. */
  requests: string[];
  url(host: string, path: string): string;
  /** Serves `body` at `path` (any host), with extra response headers if given. */
  route(path: string, body: string | Buffer, type?: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/**
 * Serves `/fixtures/<file>` from tests/fixtures/pages, `/corpus/<path>` from ../shared/corpus
 * (when present), and routes added by tests.
 */
export async function startServer(): Promise<TestServer> {
  const routes = new Map<
    string,
    { body: string | Buffer; type: string; headers: Record<string, string> }
  >();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requests.push(`${req.headers.host ?? ''} ${path}`);
    const routed = routes.get(path);
    if (routed) {
      res.writeHead(200, {
        'content-type': routed.type,
        'cache-control': 'no-store',
        ...routed.headers,
      });
      res.end(routed.body);
      return;
    }
    let file: string | null = null;
    if (path.startsWith('/fixtures/'))
      file = resolve(FIXTURE_PAGES, path.slice('/fixtures/'.length));
    else if (path.startsWith('/corpus/')) file = resolve(CORPUS, path.slice('/corpus/'.length));
    const allowed =
      file &&
      (file.startsWith(FIXTURE_PAGES + '/') || file.startsWith(CORPUS + '/')) &&
      existsSync(file);
    if (!file || !allowed) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    url: (host, path) => `http://${host}:${port}${path}`,
    route: (path, body, type = 'text/html; charset=utf-8', headers = {}) =>
      void routes.set(path, { body, type, headers }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** Origin of the extension's pages, e.g. `chrome-extension://abc` or `moz-extension://uuid`. */
  extensionOrigin: string;
  close(): Promise<void>;
}

export function extensionDir(name: BrowserName): string {
  const out = process.env.QINGYUE_OUT_DIR ?? '.output';
  return resolve(ROOT, out, name === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
}

export function browserAvailable(name: BrowserName): boolean {
  return existsSync(name === 'chromium' ? CHROMIUM : FIREFOX) && existsSync(extensionDir(name));
}

export interface LaunchOptions {
  /** Browser UI language (`en-US`, `zh-CN`, `zh-TW`). */
  locale?: string;
  /** A profile directory to keep between launches (settings across a restart). */
  userDataDir?: string;
  /** Install this directory instead of the default build output. */
  extensionPath?: string;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = options.extensionPath ?? extensionDir('chromium');
  const locale = options.locale ?? 'en-US';
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [dir],
    userDataDir: options.userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP * 127.0.0.1',
      `--lang=${locale}`,
      `--accept-lang=${locale}`,
      '--window-size=1280,900',
    ],
    env: {
      ...process.env,
      LANGUAGE: locale.replace('-', '_'),
      LANG: `${locale.replace('-', '_')}.UTF-8`,
    },
    defaultViewport: { width: 1280, height: 900 },
  });
  const worker = await browser.waitForTarget(
    (target) =>
      target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
    { timeout: 20_000 },
  );
  const extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  return { name: 'chromium', browser, extensionOrigin, close: () => browser.close() };
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = options.extensionPath ?? extensionDir('firefox');
  const locale = options.locale ?? 'en-US';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: options.userDataDir,
    defaultViewport: { width: 1280, height: 900 },
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages (the popup) only with this.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': TEST_HOSTS.join(','),
      'network.proxy.type': 0,
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
      'intl.locale.requested': locale,
      'intl.accept_languages': locale,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  await browser.installExtension(dir);
  const extensionOrigin = `moz-extension://${FIREFOX_ADDON_UUID}`;
  return { name: 'firefox', browser, extensionOrigin, close: () => browser.close() };
}

export function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

/** Resolves when `check` returns a truthy value inside `page`, or throws after `timeout`. */
export async function waitFor<T, A extends unknown[] = []>(
  page: Page,
  check: (...args: A) => T | Promise<T>,
  timeout = 10_000,
  ...args: A
): Promise<T> {
  // puppeteer's own typing of page functions does not accept a generic argument list.
  const pageFunction = check as unknown as (...values: unknown[]) => unknown;
  const handle = await page.waitForFunction(pageFunction, { timeout, polling: 100 }, ...args);
  return (await handle.jsonValue()) as T;
}

/**
 * Navigates to an extension page. Firefox's WebDriver BiDi loads moz-extension:// pages but never
 * reports their navigation as finished, so the load is awaited from inside the page instead.
 */
export async function gotoExtensionPage(
  ext: ExtensionBrowser,
  page: Page,
  url: string,
): Promise<void> {
  if (ext.name === 'chromium') {
    await page.goto(url);
    return;
  }
  page.goto(url, { timeout: 60_000 }).catch(() => {
    // See above: the navigation promise of an extension page never settles in Firefox.
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const ready = await page.evaluate(
        (expected) => location.href === expected && document.readyState === 'complete',
        url,
      );
      if (ready) return;
    } catch {
      // The old document is going away; try again.
    }
    if (Date.now() > deadline) throw new Error(`extension page did not load: ${url}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Opens the popup as a tab acting on `targetUrl`'s tab (`popup.html?tab=<id>`). */
export async function openPopupFor(ext: ExtensionBrowser, targetUrl: string): Promise<Page> {
  const popup = await ext.browser.newPage();
  await gotoExtensionPage(ext, popup, `${ext.extensionOrigin}/popup.html`);
  const tabId = await popup.evaluate(async (url) => {
    type TabsApi = { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
    const api =
      (globalThis as unknown as { browser?: TabsApi; chrome: TabsApi }).browser ??
      (globalThis as unknown as { chrome: TabsApi }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === url)?.id ?? null;
  }, targetUrl);
  if (tabId === null) throw new Error(`no tab shows ${targetUrl}`);
  await gotoExtensionPage(ext, popup, `${ext.extensionOrigin}/popup.html?tab=${tabId}`);
  return popup;
}

/** Clears every stored setting, so that tests do not depend on each other's choices. */
export async function resetSettings(ext: ExtensionBrowser): Promise<void> {
  const page = await ext.browser.newPage();
  try {
    await gotoExtensionPage(ext, page, `${ext.extensionOrigin}/popup.html`);
    await page.evaluate(async () => {
      type StorageApi = { storage: { local: { clear(): Promise<void> } } };
      const g = globalThis as unknown as { browser?: StorageApi; chrome: StorageApi };
      await (g.browser ?? g.chrome).storage.local.clear();
    });
  } finally {
    await page.close();
  }
}

/** The page's visible text (what a reader sees), scripts and styles excluded. */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Text inside the reader's shadow root. */
export function readerText(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('article')?.textContent ??
      null,
  );
}
