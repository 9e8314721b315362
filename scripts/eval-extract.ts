// Evaluates article detection and extraction over the shared corpus (../shared/corpus):
//   npx tsx scripts/eval-extract.ts [--verbose] [--chromium]
// Prints one row per page (verdict, title, time, source, body chars, recall of the reference
// extractor's content lines for ours vs plain Readability) and a summary. Skips cleanly when the
// corpus is absent. Nothing is written anywhere.
// --chromium also times detectArticle where it really runs, in headless Chromium (the content
// script's budget is a few ms per page; linkedom in Node is far slower than a browser DOM).
// It needs /usr/bin/chromium (or $CHROMIUM) and the esbuild that wxt already installs.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { detectArticle } from '../src/core/article/detect';
import { extractArticle } from '../src/core/article/extract';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus');
const verbose = process.argv.includes('--verbose');
const inChromium = process.argv.includes('--chromium');

interface GovLabel {
  file: string;
  url: string;
  isArticle: boolean;
  title?: string | null;
  publishedTime?: string | null;
  source?: string | null;
}

const compact = (s: string): string => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');

/** The reference extractor's output: `>>>>tests/<site>/<file>>>>>` then a JSON object. */
export function parseGneResults(text: string): Map<string, string[]> {
  const results = new Map<string, string[]>();
  const blocks = text.split(/^>{5,}(tests\/[^>]+)>{5,}\s*$/m);
  for (let i = 1; i + 1 < blocks.length; i += 2) {
    const file = (blocks[i] ?? '').replace(/^tests\//, '');
    const json = (blocks[i + 1] ?? '').split(/^<{5,}/m)[0] ?? '';
    try {
      const parsed = JSON.parse(json) as { content?: string };
      const lines = (parsed.content ?? '')
        .split('\n')
        .map((l) => compact(l))
        .filter((l) => l.length >= 2);
      if (lines.length > 0) results.set(file, lines);
    } catch {
      // a block the reference extractor failed on: no expectation
    }
  }
  return results;
}

function recall(lines: readonly string[], text: string): number {
  const haystack = compact(text);
  const hits = lines.filter((l) => haystack.includes(l)).length;
  return lines.length ? hits / lines.length : 1;
}

function plainReadabilityText(html: string): string {
  const { document } = parseHTML(html);
  const result = new Readability(document as unknown as Document).parse();
  return result?.textContent ?? '';
}

/** Label times are minute-precision; a page that also states seconds matches on the prefix. */
function timeMatches(expected: string, actual: string | null): boolean {
  return actual === expected || (actual !== null && actual.startsWith(expected + ':'));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2
    : 0;
};

function pad(s: string, n: number): string {
  const width = [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return width >= n ? s : s + ' '.repeat(n - width);
}
const cut = (s: string | null | undefined, n: number): string => {
  const t = s ?? '—';
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

interface PageRef {
  name: string;
  file: string;
  url?: string;
}

/** Median and maximum of detectArticle per page in headless Chromium (best of 7 runs per page). */
async function chromiumDetectTimes(pages: readonly PageRef[]): Promise<string> {
  const { build } = await import('esbuild');
  const bundled = await build({
    stdin: {
      contents:
        "import { detectArticle } from './src/core/article/detect.ts'; (globalThis as unknown as Record<string, unknown>).__qyDetect = detectArticle;",
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
  });
  const script = bundled.outputFiles[0]?.text ?? '';
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const times: Array<{ name: string; ms: number }> = [];
  try {
    const page = await browser.newPage();
    for (const ref of pages) {
      await page.setJavaScriptEnabled(false); // the saved page's own scripts stay inert
      await page.setContent(readFileSync(ref.file, 'utf8'), { waitUntil: 'domcontentloaded' });
      await page.setJavaScriptEnabled(true);
      const ms = await page.evaluate(
        (code: string, url: string | undefined) => {
          (0, eval)(code);
          // set by the bundle above
          const detect = (
            globalThis as unknown as { __qyDetect: (d: Document, u?: string) => unknown }
          ).__qyDetect;
          let best = Infinity;
          for (let i = 0; i < 7; i++) {
            const t0 = performance.now();
            detect(document, url);
            best = Math.min(best, performance.now() - t0);
          }
          return best;
        },
        script,
        ref.url,
      );
      times.push({ name: ref.name, ms });
    }
  } finally {
    await browser.close();
  }
  if (verbose)
    for (const t of times) console.log(`  chromium detect ${t.name}: ${t.ms.toFixed(2)} ms`);
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a), times[0] ?? { name: '-', ms: 0 });
  return (
    `chromium detect (best of 7) median ${median(sorted).toFixed(2)} ms, ` +
    `p90 ${(sorted[Math.floor(sorted.length * 0.9)] ?? 0).toFixed(2)} ms, max ${slowest.ms.toFixed(2)} ms (${slowest.name}) over ${sorted.length} pages`
  );
}

async function main(): Promise<void> {
  const pageRefs: PageRef[] = [];
  if (!existsSync(corpus)) {
    console.log(`eval-extract: corpus not found at ${corpus}; skipped.`);
    return;
  }
  const detectTimes: number[] = [];
  const extractTimes: number[] = [];

  // Government pages, with labels.
  const govDir = path.join(corpus, 'gov-pages');
  const labels = JSON.parse(readFileSync(path.join(govDir, 'labels.json'), 'utf8')) as GovLabel[];
  let verdictOk = 0;
  let checks = 0;
  let checksOk = 0;
  console.log('gov-pages');
  console.log(
    `${pad('page', 34)} ${pad('verdict', 9)} ${pad('title', 34)} ${pad('time', 22)} ${pad('source', 16)} body`,
  );
  for (const label of labels) {
    pageRefs.push({ name: label.file, file: path.join(govDir, label.file), url: label.url });
    const html = readFileSync(path.join(govDir, label.file), 'utf8');
    const { document } = parseHTML(html);
    const doc = document as unknown as Document;
    const t0 = performance.now();
    const verdict = detectArticle(doc, label.url);
    detectTimes.push(performance.now() - t0);
    const t1 = performance.now();
    const article = extractArticle(doc, { url: label.url });
    extractTimes.push(performance.now() - t1);
    const marks: string[] = [];
    const vOk = verdict.isArticle === label.isArticle;
    if (vOk) verdictOk++;
    const check = (name: string, expected: string | null | undefined, ok: boolean): string => {
      if (expected === null || expected === undefined || !label.isArticle) return '';
      checks++;
      if (ok) checksOk++;
      else marks.push(`${name}≠${expected}`);
      return ok ? '✓' : '✗';
    };
    const titleMark = check('title', label.title, article.title === label.title);
    const timeMark = check(
      'time',
      label.publishedTime,
      timeMatches(label.publishedTime ?? '', article.publishedTime),
    );
    const sourceMark = check('source', label.source, article.source === label.source);
    console.log(
      `${pad(cut(label.file, 33), 34)} ${pad(`${verdict.isArticle ? 'article' : 'list'}${vOk ? '✓' : '✗'}`, 9)} ` +
        `${pad(cut(article.title, 15) + titleMark, 34)} ${pad(cut(article.publishedTime, 19) + timeMark, 22)} ` +
        `${pad(cut(article.source, 7) + sourceMark, 16)} ${compact(article.text).length}` +
        (marks.length ? `   ${marks.join('; ')}` : ''),
    );
    if (verbose || !vOk) console.log(`    reasons: ${verdict.reasons.join(' ')}`);
  }

  // News pages: all are articles; content recall against the reference extractor.
  const newsDir = path.join(corpus, 'news-pages');
  const gne = existsSync(path.join(newsDir, 'gne-result.txt'))
    ? parseGneResults(readFileSync(path.join(newsDir, 'gne-result.txt'), 'utf8'))
    : new Map<string, string[]>();
  const newsFiles = readdirSync(newsDir)
    .filter((d) => statSync(path.join(newsDir, d)).isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(newsDir, d))
        .filter((f) => f.endsWith('.html'))
        .map((f) => `${d}/${f}`),
    )
    .sort();
  let newsArticles = 0;
  let compared = 0;
  let oursAtLeast = 0;
  let oursSum = 0;
  let plainSum = 0;
  console.log('\nnews-pages');
  console.log(
    `${pad('page', 22)} ${pad('verdict', 9)} ${pad('title', 26)} ${pad('time', 20)} body  recall(ours/plain)`,
  );
  for (const file of newsFiles) {
    pageRefs.push({ name: file, file: path.join(newsDir, file) });
    const html = readFileSync(path.join(newsDir, file), 'utf8');
    const { document } = parseHTML(html);
    const doc = document as unknown as Document;
    const t0 = performance.now();
    const verdict = detectArticle(doc);
    detectTimes.push(performance.now() - t0);
    const t1 = performance.now();
    const article = extractArticle(doc, {});
    extractTimes.push(performance.now() - t1);
    if (verdict.isArticle) newsArticles++;
    const lines = gne.get(file);
    let recallCol = '';
    if (lines) {
      const ours = recall(lines, article.text);
      const plain = recall(lines, plainReadabilityText(html));
      compared++;
      oursSum += ours;
      plainSum += plain;
      if (ours >= plain - 1e-9) oursAtLeast++;
      recallCol = `${ours.toFixed(2)}/${plain.toFixed(2)}${ours + 1e-9 < plain ? ' ✗' : ''}`;
    }
    console.log(
      `${pad(file, 22)} ${pad(verdict.isArticle ? 'article✓' : 'list✗', 9)} ${pad(cut(article.title, 12), 26)} ` +
        `${pad(cut(article.publishedTime, 19), 20)} ${String(compact(article.text).length).padStart(5)} ${recallCol}`,
    );
    if (verbose || !verdict.isArticle) console.log(`    reasons: ${verdict.reasons.join(' ')}`);
  }

  console.log(
    `\nsummary: gov verdicts ${verdictOk}/${labels.length}, gov title/time/source ${checksOk}/${checks}; ` +
      `news detected ${newsArticles}/${newsFiles.length}; gne recall ours ${(oursSum / Math.max(compared, 1)).toFixed(3)} ` +
      `vs plain Readability ${(plainSum / Math.max(compared, 1)).toFixed(3)} over ${compared} pages, ours ≥ plain on ${oursAtLeast}/${compared}; ` +
      `detect median ${median(detectTimes).toFixed(2)} ms (max ${Math.max(...detectTimes).toFixed(1)}), ` +
      `extract median ${median(extractTimes).toFixed(1)} ms (linkedom, Node)`,
  );
  if (inChromium) console.log(await chromiumDetectTimes(pageRefs));
}

if (process.argv[1]?.endsWith('eval-extract.ts')) await main();
