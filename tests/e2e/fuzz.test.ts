// Fuzzing the core in a real browser: committed fixtures (and the corpus pages, when present) are
// mutated with a seeded PRNG — cut at random points, nested, subtrees duplicated, attributes
// shuffled, spam lines injected — and each mutant goes through detection, extraction, spam removal
// then abort, and conversion then abort, in headless Chromium. Nothing may throw, each page must
// finish within its time bound, and both aborts must give back exactly the document they found.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CORPUS, ROOT, startServer, type TestServer } from './harness.ts';

/** Mutants per seed page, and the time bound for all four jobs on one mutant. */
const MUTANTS_PER_FIXTURE = 4;
const MUTANTS_PER_CORPUS_PAGE = 1;
const CORPUS_PAGE_LIMIT = 40;
const PAGE_BOUND_MS = 2000;

const SPAM_LINES = [
  '澳门新葡京娱乐_在线真人百家乐_免费看黄色网站_六合彩开奖直播',
  '<a href="http://x.example/" style="color:#fff;font-size:1px">澳门威尼斯人线上娱乐</a>',
  '<div style="display:none">手机国产在线观看 AV无码 成人视频</div>',
  '<p>澳門新葡京娛樂_在線真人百家樂_六合彩開獎直播</p>',
  '<span style="position:absolute;left:-9999px">体育投注 真人棋牌 开户送彩金</span>',
];

/** mulberry32: small, fast and reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Positions just before a tag, where cuts and insertions make (broken but) plausible markup. */
function tagStarts(html: string): number[] {
  const starts: number[] = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) starts.push(i);
  return starts.length ? starts : [0];
}

function mutate(html: string, random: () => number): { html: string; steps: string[] } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const steps: string[] = [];
  let out = html;
  const count = 1 + Math.floor(random() * 4);
  for (let n = 0; n < count; n++) {
    const starts = tagStarts(out);
    const a = pick(starts);
    const b = pick(starts);
    const [from, to] = a <= b ? [a, b] : [b, a];
    switch (pick(['cut', 'nest', 'duplicate', 'shuffle', 'spam', 'truncate'] as const)) {
      case 'cut':
        out = out.slice(0, from) + out.slice(Math.min(to, from + 4000));
        steps.push(`cut ${from}`);
        break;
      case 'nest': {
        const depth = 1 + Math.floor(random() * 60);
        out =
          out.slice(0, from) +
          '<div><span>'.repeat(depth) +
          out.slice(from, to) +
          '</span></div>'.repeat(random() < 0.5 ? depth : 0) +
          out.slice(to);
        steps.push(`nest ${depth} at ${from}`);
        break;
      }
      case 'duplicate': {
        const slice = out.slice(from, Math.min(to, from + 20_000));
        out = out.slice(0, to) + slice.repeat(1 + Math.floor(random() * 3)) + out.slice(to);
        steps.push(`duplicate ${slice.length}`);
        break;
      }
      case 'shuffle':
        out = out.replace(/<([a-z][a-z0-9]*)(\s[^<>]*?)?(\/?)>/gi, (whole, tag, attrs, end) => {
          if (!attrs || random() < 0.5) return whole;
          const parts = (attrs as string).match(/[^\s=]+(?:=(?:"[^"]*"|'[^']*'|[^\s"']+))?/g) ?? [];
          for (let i = parts.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [parts[i], parts[j]] = [parts[j]!, parts[i]!];
          }
          return `<${tag} ${parts.join(' ')}${end}>`;
        });
        steps.push('shuffle');
        break;
      case 'spam':
        out = out.slice(0, from) + pick(SPAM_LINES) + out.slice(from);
        steps.push(`spam at ${from}`);
        break;
      case 'truncate':
        out = out.slice(0, Math.max(from, Math.floor(out.length * random())));
        steps.push('truncate');
        break;
    }
  }
  return { html: out, steps };
}

/** Page scripts and refreshes would change the document under the checks; they are not our input. */
function inert(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*>/gi, '')
    .replace(/<meta[^>]+http-equiv=["']?refresh[^>]*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

function htmlFiles(dir: string, limit = Infinity): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at).sort()) {
      if (found.length >= limit) return;
      const full = join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.html?$/.test(entry)) found.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

interface Verdict {
  error: string | null;
  ms: number;
  spamRestored: boolean;
  convertRestored: boolean;
}

async function bundleCore(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { detectArticle } from './src/core/article/detect.ts';
        import { extractArticle } from './src/core/article/extract.ts';
        import { startSpamRemoval } from './src/core/spam/index.ts';
        import { startConversion } from './src/core/convert/dom.ts';
        import { converterForTarget } from './src/core/convert/engine.ts';
        globalThis.__core = { detectArticle, extractArticle, startSpamRemoval, startConversion, converterForTarget };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
  });
  return result.outputFiles[0]!.text;
}

/** Runs the four jobs on the frame's document; everything inside the frame, time included. */
async function runCore(page: Page, html: string, url: string): Promise<Verdict> {
  return page.evaluate(
    async (source: string, pageUrl: string, bound: number): Promise<Verdict> => {
      type Core = {
        detectArticle(doc: Document, url: string): unknown;
        extractArticle(doc: Document, o: { url: string; purifyWindow: Window }): unknown;
        startSpamRemoval(doc: Document, o: object): unknown;
        startConversion(doc: Document, o: object): { done: Promise<void> };
        converterForTarget(target: string, script: string): (text: string) => string;
      };
      const core = (globalThis as unknown as { __core: Core }).__core;
      const frame = document.querySelector('iframe')!;
      const doc = frame.contentDocument!;
      doc.open();
      doc.write(source);
      doc.close();
      // The parser may yield on a long write (Chromium does past a stylesheet link): the page is
      // only whole, and its snapshot for the restore checks only right, once it has parsed.
      if (doc.readyState === 'loading') {
        await new Promise((done) => doc.addEventListener('DOMContentLoaded', done, { once: true }));
      }
      const verdict: Verdict = { error: null, ms: 0, spamRestored: true, convertRestored: true };
      const start = performance.now();
      try {
        core.detectArticle(doc, pageUrl);
        core.extractArticle(doc, { url: pageUrl, purifyWindow: frame.contentWindow! });
        const before = doc.documentElement.outerHTML;
        const spam = new AbortController();
        core.startSpamRemoval(doc, { useLayout: true, pageUrl, signal: spam.signal });
        spam.abort();
        verdict.spamRestored = doc.documentElement.outerHTML === before;
        const conversion = new AbortController();
        const handle = core.startConversion(doc, {
          convert: core.converterForTarget('tw', 'hans'),
          lang: 'zh-Hant-TW',
          signal: conversion.signal,
        });
        // Bounded: a conversion that never settles fails the time check below, not the run.
        await Promise.race([handle.done, new Promise((done) => setTimeout(done, bound))]);
        conversion.abort();
        verdict.convertRestored = doc.documentElement.outerHTML === before;
      } catch (error) {
        verdict.error = String((error as Error)?.stack ?? error);
      }
      verdict.ms = performance.now() - start;
      return verdict;
    },
    html,
    url,
    PAGE_BOUND_MS,
  );
}

describe.skipIf(!existsSync(CHROMIUM))(
  'fuzz: the core on mutated pages in headless Chromium',
  () => {
    let browser: Browser;
    let server: TestServer;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      const core = await bundleCore();
      server = await startServer();
      server.route(
        '/fuzz/host.html',
        `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="/fuzz/core.js"></script></head>
<body style="margin:0"><iframe style="width:1280px;height:900px;border:0"></iframe></body></html>`,
      );
      server.route('/fuzz/core.js', core, 'text/javascript; charset=utf-8');
      browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        pipe: true,
        args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * 127.0.0.1'],
        defaultViewport: { width: 1280, height: 900 },
      });
      page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      // Only the host page and its script: the mutants' images and styles are not the input.
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().includes('/fuzz/')) void request.continue();
        else void request.abort();
      });
      await page.goto(server.url('www.linjiang.gov.cn', '/fuzz/host.html'), { waitUntil: 'load' });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Runs every mutant of `files`; failures name the seed, the mutation steps and the problem. */
    async function fuzz(files: string[], perFile: number, seed: number): Promise<number> {
      const failures: string[] = [];
      let runs = 0;
      const random = prng(seed);
      for (const file of files) {
        const original = inert(readFileSync(file, 'utf8'));
        for (let n = 0; n < perFile; n++) {
          const { html, steps } = mutate(original, random);
          const verdict = await runCore(
            page,
            html,
            'http://www.linjiang.gov.cn/art/2024/5/23/art_1.html',
          );
          runs++;
          const where = `${file.slice(ROOT.length + 1)} #${n} [${steps.join(', ')}]`;
          if (verdict.error) failures.push(`${where}: threw ${verdict.error}`);
          if (verdict.ms > PAGE_BOUND_MS)
            failures.push(`${where}: took ${Math.round(verdict.ms)} ms`);
          if (!verdict.spamRestored) failures.push(`${where}: spam removal did not restore`);
          if (!verdict.convertRestored) failures.push(`${where}: conversion did not restore`);
        }
      }
      expect(failures).toEqual([]);
      return runs;
    }

    it('survives mutants of the committed fixtures', async () => {
      const files = htmlFiles(resolve(ROOT, 'tests/fixtures')).filter(
        (f) => !f.includes('/hostile/'),
      );
      expect(files.length).toBeGreaterThan(5);
      expect(await fuzz(files, MUTANTS_PER_FIXTURE, 0x51c0de)).toBe(
        files.length * MUTANTS_PER_FIXTURE,
      );
      expect(pageErrors).toEqual([]);
    }, 60_000);

    it.skipIf(!existsSync(CORPUS))(
      'survives mutants of the corpus pages',
      async () => {
        const files = htmlFiles(CORPUS, CORPUS_PAGE_LIMIT);
        await fuzz(files, MUTANTS_PER_CORPUS_PAGE, 0xc0ffee);
        expect(pageErrors).toEqual([]);
      },
      90_000,
    );

    it('would catch a broken restore (the check itself works)', async () => {
      // A document changed behind the core's back must not compare equal: guards the comparison.
      const changed = await page.evaluate(() => {
        const doc = document.querySelector('iframe')!.contentDocument!;
        const before = doc.documentElement.outerHTML;
        doc.body.setAttribute('data-x', '1');
        return doc.documentElement.outerHTML !== before;
      });
      expect(changed).toBe(true);
    });
  },
);
