import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { articleHtml } from './tests/fixtures/hostile/pages.ts';
const bundle = (await build({ stdin: { contents: `import { detectArticle } from './src/core/article/detect.ts';
import { extractArticle } from './src/core/article/extract.ts';
import { startSpamRemoval, findSpam } from './src/core/spam/index.ts';
import { startConversion } from './src/core/convert/dom.ts';
import { converterForTarget } from './src/core/convert/engine.ts';
import { extractMeta } from './src/core/article/meta.ts';
import { detectScript } from './src/core/script.ts';
globalThis.__core = { detectArticle, extractArticle, startSpamRemoval, findSpam, startConversion, converterForTarget, extractMeta, detectScript };`, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', write: false })).outputFiles[0]!.text;
const which = process.argv[2] ?? 'chromium';
const browser = await puppeteer.launch(which === 'chromium' ? { executablePath: '/usr/bin/chromium', headless: true, pipe: true, args: ['--no-sandbox'] } : { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
const page = await browser.newPage();
for (const depth of [500, 1000, 2000]) {
  await page.setContent(articleHtml());
  await page.addScriptTag({ content: bundle }); await page.evaluate('window.__name = (f) => f');
  console.log('built', await page.evaluate((d) => { const t = performance.now(); let at: Element = document.body; for (let i = 0; i < d; i++) { const e = document.createElement(i % 2 ? 'div' : 'span'); at.appendChild(e); at = e; } at.appendChild(document.getElementById('zoom')!); document.body.offsetHeight; return performance.now() - t; }, depth));
  const r = await page.evaluate(async () => {
    const c = (globalThis as any).__core; const out: Record<string, string> = {};
    const time = async (name: string, fn: () => unknown) => { const t = performance.now(); try { await fn(); out[name] = String(Math.round(performance.now() - t)); } catch (e) { out[name] = 'THREW ' + String(e).slice(0, 80) + ' after ' + Math.round(performance.now() - t); } };
    await time('innerText', () => document.body.innerText.length);
    await time('detect', () => c.detectArticle(document, location.href));
    await time('meta', () => c.extractMeta(document, location.href));
    await time('findSpam', () => c.findSpam(document, { useLayout: true, pageUrl: location.href }));
    await time('extract', () => c.extractArticle(document, { url: location.href, purifyWindow: window }));
    await time('convert', async () => { const a = new AbortController(); const h = c.startConversion(document, { convert: c.converterForTarget('tw', 'hans'), lang: 'zh-Hant-TW', signal: a.signal }); await Promise.race([h.done, new Promise((r) => setTimeout(r, 20000))]); out.converted = String(document.body.innerText.includes('幹部')); a.abort(); });
    return out;
  });
  console.log(which, depth, JSON.stringify(r));
}
await browser.close();
