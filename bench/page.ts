// Page-side figures, measured in headless Chromium:
// - page.content_script_kb_gz: what every matching page loads before the user turns anything on;
// - spam.scan_ms, extract.ms: median per page over ../shared/corpus (the core bundled into the page);
// - reader.open_ms: popup click to reader shown, with the built extension, on the reference page;
// - page.heap_growth_pct: page heap after 100 full cycles (reader open, reader closed, conversion
//   on, conversion off), against a baseline taken once the features' modules are loaded; also the
//   same without V8's code objects, and the change in live DOM nodes and event listeners.
// Prints one JSON object of figures on stdout; progress on stderr.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer, { type CDPSession, type ElementHandle, type Page } from 'puppeteer-core';
import { getByRole } from '../tests/e2e/a11y.ts';
import {
  CHROMIUM,
  CORPUS,
  ROOT,
  extensionDir,
  launchChromium,
  openPopupFor,
  startServer,
  waitFor,
  type ExtensionBrowser,
  type TestServer,
} from '../tests/e2e/harness.ts';

type Figures = Record<string, { value: number; unit: string; note?: string }>;
const figures: Figures = {};
const say = (line: string) => process.stderr.write(`${line}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function contentScriptSize(): void {
  const dir = extensionDir('chromium');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  let bytes = 0;
  for (const script of manifest.content_scripts ?? []) {
    for (const file of [...(script.js ?? []), ...(script.css ?? [])]) {
      bytes += gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
    }
  }
  figures['page.content_script_kb_gz'] = { value: round(bytes / 1024), unit: 'KB' };
}

function corpusPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.html?$/.test(name) && !name.startsWith('expected')) pages.push(path);
    }
  };
  walk(CORPUS);
  return pages.sort();
}

async function coreOverCorpus(): Promise<void> {
  if (!existsSync(CORPUS)) {
    say('spam.scan_ms, extract.ms: skipped (../shared/corpus is absent)');
    return;
  }
  const bundle = await build({
    stdin: {
      contents: `import { findSpam } from './src/core/spam/index.ts';
        import { extractArticle } from './src/core/article/extract.ts';
        globalThis.__bench = { findSpam, extractArticle };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
  });
  const script = bundle.outputFiles[0]!.text;
  const server = await startServer();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * 127.0.0.1',
    ],
  });
  const spamTimes: number[] = [];
  const extractTimes: number[] = [];
  try {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // Only the page itself: images, scripts and styles of saved pages would 404 anyway.
      if (request.isNavigationRequest()) void request.continue();
      else void request.abort();
    });
    for (const file of corpusPages()) {
      const path = `/corpus/${file.slice(CORPUS.length + 1)}`;
      try {
        await page.goto(server.url('www.example.gov.cn', path), {
          waitUntil: 'domcontentloaded',
          timeout: 15_000,
        });
        await page.addScriptTag({ content: script });
        const timing = await page.evaluate(() => {
          type Bench = {
            findSpam(doc: Document, o: { useLayout: boolean; pageUrl: string }): unknown[];
            extractArticle(doc: Document, o: { url: string; purifyWindow: Window }): unknown;
          };
          const bench = (globalThis as unknown as { __bench: Bench }).__bench;
          const spam: number[] = [];
          const extract: number[] = [];
          for (let i = 0; i < 5; i++) {
            let t = performance.now();
            bench.findSpam(document, { useLayout: true, pageUrl: location.href });
            spam.push(performance.now() - t);
            t = performance.now();
            bench.extractArticle(document, { url: location.href, purifyWindow: window });
            extract.push(performance.now() - t);
          }
          spam.sort((a, b) => a - b);
          extract.sort((a, b) => a - b);
          return { spam: spam[2]!, extract: extract[2]! };
        });
        spamTimes.push(timing.spam);
        extractTimes.push(timing.extract);
      } catch (error) {
        say(`  ${path}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  say(`corpus: ${spamTimes.length} pages measured`);
  figures['spam.scan_ms'] = {
    value: round(median(spamTimes)),
    unit: 'ms',
    note: `median of ${spamTimes.length} pages`,
  };
  figures['extract.ms'] = {
    value: round(median(extractTimes)),
    unit: 'ms',
    note: `median of ${extractTimes.length} pages`,
  };
}

/** The reference page when the corpus is present, else our own fixture article. */
function referenceUrl(server: { url(host: string, path: string): string }): string {
  const seed = resolve(CORPUS, 'seed/wuxi-2024-05-23.hant.html');
  return existsSync(seed)
    ? server.url('www.wuxi.gov.cn', '/corpus/seed/wuxi-2024-05-23.hant.html')
    : server.url('www.linjiang.gov.cn', '/fixtures/article.hant.html');
}

/** The reference page in a tab, and its popup once the content script has cleaned the page. */
async function openReference(
  ext: ExtensionBrowser,
  server: TestServer,
): Promise<{ page: Page; popup: Page }> {
  const url = referenceUrl(server);
  const page = await ext.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const popup = await openPopupFor(ext, url);
  await waitFor(popup, () => /spam items? removed/.test(document.body.innerText));
  return { page, popup };
}

async function readerOpen(): Promise<void> {
  const server = await startServer();
  const ext = await launchChromium();
  try {
    const { page, popup } = await openReference(ext, server);

    // reader.open_ms: the click in the popup to the reader's title in the page (one clock).
    const opens: number[] = [];
    for (let i = 0; i < 7; i++) {
      await page.evaluate(() => {
        const w = window as unknown as { __shown?: number };
        delete w.__shown;
        new MutationObserver((_records, observer) => {
          if (document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('h1')) {
            w.__shown = Date.now();
            observer.disconnect();
          }
        }).observe(document.documentElement, { childList: true, subtree: true });
      });
      const button = await getByRole(popup, 'button', 'Open reader view');
      const clicked = Date.now();
      await press(button);
      const shown =
        (await waitFor(page, () => (window as unknown as { __shown?: number }).__shown)) ?? clicked;
      opens.push(shown - clicked);
      await page.bringToFront();
      await page.keyboard.press('Escape');
      await waitFor(page, () => !document.querySelector('qingyue-reader'));
    }
    // The first open also injects the reader module; report the warm median and the cold first.
    figures['reader.open_ms'] = {
      value: median(opens),
      unit: 'ms',
      note: `median of ${opens.length}; first (cold) ${opens[0]} ms`,
    };
    figures['reader.open_cold_ms'] = { value: opens[0]!, unit: 'ms' };

    await popup.close();
  } finally {
    await ext.close();
    await server.close();
  }
}

/** One heap reading of the page's renderer, after a full garbage collection. */
interface HeapReading {
  /** V8 heap in use (`Runtime.getHeapUsage`), everything included. */
  used: number;
  /** The part of it that is V8 code objects: bytecode, feedback, optimized machine code. */
  code: number;
  /** Live DOM nodes and JavaScript event listeners (`Memory.getDOMCounters`). */
  nodes: number;
  listeners: number;
}

async function readHeap(session: CDPSession): Promise<HeapReading> {
  // Twice: the first collection can leave garbage that only finalizers released.
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await session.send('Memory.getDOMCounters');
  return { used: usedSize, code: await codeBytes(session), nodes, listeners: jsEventListeners };
}

/** Bytes of V8 code objects in a heap snapshot (what the JIT adds as functions grow hot). */
async function codeBytes(session: CDPSession): Promise<number> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => void chunks.push(event.chunk);
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const codeType = snapshot.snapshot.meta.node_types[0].indexOf('code');
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (snapshot.nodes[i + typeAt] === codeType) bytes += snapshot.nodes[i + sizeAt]!;
  }
  return bytes;
}

const HEAP_RUNS = 3;
const WARM_UP_CYCLES = 10;
const CYCLES = 100;

/**
 * page.heap_growth_pct, in fresh browsers (median of HEAP_RUNS): the baseline is taken after
 * WARM_UP_CYCLES full cycles, once the conversion and reader modules are loaded and their
 * first-use caches (dictionary tables, reader styles) are filled; then CYCLES more full cycles.
 * The used heap includes V8's code objects, which grow as more of the modules' functions are
 * optimized; measured without JIT (`--js-flags=--jitless`) the same cycles grow the heap by under
 * 0.5%, so the second figure shows the heap without code objects.
 */
async function heapGrowth(): Promise<void> {
  const runs: { before: HeapReading; after: HeapReading }[] = [];
  for (let run = 0; run < HEAP_RUNS; run++) {
    const server = await startServer();
    const ext = await launchChromium();
    try {
      const { page, popup } = await openReference(ext, server);
      const session = await page.createCDPSession();
      await fullCycles(page, popup, WARM_UP_CYCLES);
      const before = await readHeap(session);
      await fullCycles(page, popup, CYCLES);
      const after = await readHeap(session);
      runs.push({ before, after });
      say(
        `heap run ${run + 1}: ${before.used} → ${after.used} bytes used ` +
          `(code ${before.code} → ${after.code}), nodes ${before.nodes} → ${after.nodes}, ` +
          `listeners ${before.listeners} → ${after.listeners}`,
      );
      await popup.close();
    } finally {
      await ext.close();
      await server.close();
    }
  }
  const pct = (before: number, after: number) => ((after - before) / before) * 100;
  const used = runs.map((r) => pct(r.before.used, r.after.used));
  const withoutCode = runs.map((r) =>
    pct(r.before.used - r.before.code, r.after.used - r.after.code),
  );
  const mb = (bytes: number) => round(bytes / 1048576);
  const typical = runs[used.indexOf(median(used))] ?? runs[0]!;
  const setup =
    `${CYCLES} full cycles (reader open, closed, Traditional (Taiwan) on, off); forced GC before ` +
    `both readings; baseline after ${WARM_UP_CYCLES} warm-up cycles (modules loaded)`;
  figures['page.heap_growth_pct'] = {
    value: round(median(used), 1),
    unit: '%',
    note:
      `median of ${HEAP_RUNS} fresh browsers (${used.map((v) => round(v, 1)).join(', ')}); ` +
      `${setup}; e.g. ${mb(typical.before.used)} MB → ${mb(typical.after.used)} MB, ` +
      `including V8 code objects`,
  };
  figures['page.heap_growth_no_code_pct'] = {
    value: round(median(withoutCode), 1),
    unit: '%',
    note: `the same, without V8 code objects (bytecode, feedback, optimized code): ${withoutCode
      .map((v) => round(v, 1))
      .join(', ')}`,
  };
  figures['page.dom_nodes_growth'] = {
    value: median(runs.map((r) => r.after.nodes - r.before.nodes)),
    unit: 'nodes',
    note: `live DOM nodes after ${CYCLES} cycles minus before (median of ${HEAP_RUNS})`,
  };
  figures['page.listeners_growth'] = {
    value: median(runs.map((r) => r.after.listeners - r.before.listeners)),
    unit: 'listeners',
    note: `JavaScript event listeners after ${CYCLES} cycles minus before (median of ${HEAP_RUNS})`,
  };
}

/**
 * Clicks through the DOM: the popup tab is in the background while the page is in front, and a
 * background tab gets no animation frames, which puppeteer's pointer clicks wait for.
 */
async function press(handle: ElementHandle<Element>): Promise<void> {
  await handle.evaluate((el) => (el as HTMLElement).click());
}

/** Full cycles as a reader makes them: open the reader, close it (Escape), convert, restore. */
async function fullCycles(page: Page, popup: Page, times: number): Promise<void> {
  const tw = await getByRole(popup, 'radio', 'Traditional (Taiwan)');
  const original = await getByRole(popup, 'radio', 'Original');
  for (let i = 0; i < times; i++) {
    await press(await getByRole(popup, 'button', 'Open reader view'));
    await waitFor(page, () => !!document.querySelector('qingyue-reader'));
    await page.keyboard.press('Escape');
    await waitFor(page, () => !document.querySelector('qingyue-reader'));
    await press(tw);
    await waitFor(page, () => document.documentElement.lang === 'zh-Hant-TW');
    await press(original);
    await waitFor(page, () => document.documentElement.lang !== 'zh-Hant-TW');
  }
}

async function main(): Promise<void> {
  if (!existsSync(extensionDir('chromium'))) throw new Error('build first: npm run build');
  contentScriptSize();
  await coreOverCorpus();
  await readerOpen();
  await heapGrowth();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  say(`bench/page failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
