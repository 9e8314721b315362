// Renders the toolbar icon (清 on a rounded seal) to PNGs with headless Chromium.
// Run once after changing the design: npx tsx scripts/make-icons.ts
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const sizes = [16, 32, 48, 96, 128];
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
for (const size of sizes) {
  await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <div style="width:${size}px;height:${size}px;border-radius:${size * 0.22}px;background:#0f5132;
      color:#fff;display:flex;align-items:center;justify-content:center;
      font:700 ${size * 0.72}px/1 'Noto Serif CJK SC','Noto Sans CJK SC',serif">清</div></body></html>`);
  await page.screenshot({
    path: resolve(import.meta.dirname, `../public/icon/${size}.png`) as `${string}.png`,
    omitBackground: true,
  });
}
await browser.close();
console.log('icons written');
