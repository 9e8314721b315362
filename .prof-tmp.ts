import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
const files = process.argv.slice(2);
const bundle = await build({ stdin: { contents: `import { findSpam } from './src/core/spam/index.ts'; globalThis.__bench = { findSpam };`, resolveDir: '/work/main', loader: 'ts' }, bundle: true, format: 'iife', write: false, minify: false, keepNames: false });
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, pipe: true, args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
await page.setRequestInterception(true);
page.on('request', (r) => { if (r.isNavigationRequest()) void r.continue(); else void r.abort(); });
const cdp = await page.createCDPSession();
const self = new Map<string, number>();
for (const file of files) {
  await page.goto('file://' + file, { waitUntil: 'domcontentloaded' });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.evaluate(`for (let i=0;i<5;i++) globalThis.__bench.findSpam(document, { useLayout: true, pageUrl: 'https://www.example.gov.cn/' })`);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
  await page.evaluate(`for (let i=0;i<30;i++) globalThis.__bench.findSpam(document, { useLayout: true, pageUrl: 'https://www.example.gov.cn/' })`);
  const { profile } = await cdp.send('Profiler.stop') as any;
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas as number[];
  profile.samples.forEach((id: number, i: number) => { const n = byId.get(id); const name = (n.callFrame.functionName || '(anon)') + (n.callFrame.url ? '' : ' [native]'); self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0)); });
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * v / total).toFixed(1).padStart(5) + '%', k);
await browser.close();
