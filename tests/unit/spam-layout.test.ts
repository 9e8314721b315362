// Spam removal in the page's own mode (useLayout:true) and live mode, on happy-dom.
// What this covers honestly: happy-dom computes styles from inline and <style> rules (display,
// visibility, position/left/top, font-size, opacity, text-indent, clip-path, z-index, overflow,
// height, colours) but has no layout (getBoundingClientRect is all zeros) and does not compute
// `clip` or IE `expression()`; those two blocks are still removed, by the visible-spam rules.
// Real layout (off-screen rectangles) is exercised in headless Chromium by the e2e suite.

import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { Window } from 'happy-dom';
import { findSpam, removeSpam, startSpamRemoval } from '../../src/core/spam/index.ts';
import type { SpamFinding } from '../../src/core/types.ts';
import {
  readFixture,
  TECHNIQUE_CLEAN_TITLE,
  TECHNIQUE_LEGIT,
  TECHNIQUE_SPAM,
} from '../fixtures/spam/expectations.ts';

const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });

function open(
  html: string,
  url = 'https://www.example-city.gov.cn/art/2024/5/23/art_1.html',
): {
  window: Window;
  doc: Document;
} {
  // Fixture scripts must not run: the tests play the part of script-written spam themselves.
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true } });
  window.document.write(html);
  return { window, doc: window.document as unknown as Document };
}

const text = (doc: Document): string => (doc.body.textContent ?? '').replace(/\s+/g, ' ');
/** MutationObserver callbacks run as microtasks; one macrotask later they have all run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

for (const [fixture, convert] of [
  ['techniques.hans.html', (s: string) => s],
  ['techniques.hant.html', (s: string) => toTw(s)],
] as const) {
  describe(`computed styles: ${fixture}`, () => {
    const { doc } = open(readFixture(fixture));
    const before = doc.documentElement.outerHTML;
    const findings = findSpam(doc, { useLayout: true });
    const journal = removeSpam(doc, findings);
    const after = text(doc);

    it('removes every technique', () => {
      for (const [technique, phrase] of Object.entries(TECHNIQUE_SPAM)) {
        expect(after, technique).not.toContain(convert(phrase));
      }
    });

    it('keeps every legitimate text', () => {
      // Text after </html> is moved into the body by an HTML5 parser, so it is in `after` here.
      for (const legit of TECHNIQUE_LEGIT) expect(after, legit).toContain(convert(legit));
      expect(doc.querySelector('a[href="http://www.hanweb.com/"]')).not.toBeNull();
      expect(doc.querySelector('iframe[src^="/counter.jsp"]')).not.toBeNull();
    });

    it('names computed-style rules and says layout was used', () => {
      const rules = new Set(findings.flatMap((f) => f.reasons));
      for (const rule of [
        'hidden:display-none',
        'hidden:visibility',
        'offscreen:position',
        'hidden:tiny-text',
        'hidden:same-colour',
        'hidden:zero-size',
        'hidden:clip-path',
        'hidden:text-indent',
        'hidden:opacity',
        'hidden:z-index',
        'hidden:marquee',
        'layout',
      ]) {
        expect(rules, rule).toContain(rule);
      }
      expect(rules).not.toContain('static-styles');
    });

    it('an inherited rule removes the wrapper that set it, not each child', () => {
      const visibility = findings.filter((f) => f.reasons.includes('hidden:visibility'));
      expect(visibility).toHaveLength(1);
      expect(visibility[0]?.element?.getAttribute('class')).toBe('lnk-v');
    });

    it('title is clean, and restore() gives the page back exactly', () => {
      expect(doc.title).toBe(convert(TECHNIQUE_CLEAN_TITLE));
      journal.restore();
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  });
}

describe('inherited styles undone by a child (computed)', () => {
  it('font-size:0 and visibility:hidden wrappers whose children restore them hide nothing', () => {
    const { doc } = open(
      '<html><head><style>.list{font-size:0}.item{font-size:14px;display:inline-block}</style></head><body>' +
        '<ul class="list"><li class="item"><a href="/news/1.html">新葡京酒店周边道路临时封闭</a></li></ul>' +
        '<div style="visibility:hidden"><p style="visibility:visible"><a href="/news/3.html">澳门新葡京周边改造</a></p></div>' +
        '<div style="font-size:0"><span>真人荷官 百家乐技巧</span></div></body></html>',
    );
    const findings = findSpam(doc, { useLayout: true });
    // Only the last block, whose text really inherits font-size:0, is hidden spam.
    expect(findings.map((f) => f.text)).toEqual(['真人荷官 百家乐技巧']);
    expect(findings[0]?.element?.localName).toBe('div');
  });
});

const CLEAN_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><title>关于做好防汛工作的通知_示例市人民政府</title>
<meta name="ArticleTitle" content="关于做好防汛工作的通知"></head><body>
<div class="header"><a href="/">示例市人民政府</a></div>
<div id="zoom"><p>各区县人民政府，市各委办局：当前已进入主汛期，请各地严格落实防汛责任，加强巡查值守，确保安全度汛。</p></div>
<div class="footer" id="footer"><a href="/about/">关于我们</a></div>
</body></html>`;

describe('live mode (startSpamRemoval)', () => {
  it('removes spam present at start and reports it', () => {
    const { doc } = open(readFixture('keyword-line.hans.html'));
    const seen: (readonly SpamFinding[])[] = [];
    const controller = new AbortController();
    const live = startSpamRemoval(doc, {
      useLayout: true,
      signal: controller.signal,
      onChange: (f) => seen.push(f),
    });
    expect(live.findings).toHaveLength(1);
    expect(text(doc)).not.toContain('国产自拍偷拍视频');
    expect(seen.at(-1)).toHaveLength(1);
    controller.abort();
  });

  it('removes spam added after load before the next task, scanning only what was added', async () => {
    const { window, doc } = open(CLEAN_PAGE);
    const controller = new AbortController();
    const live = startSpamRemoval(doc, { useLayout: true, signal: controller.signal });
    expect(live.findings).toHaveLength(0);

    // Count style reads: adding one block must not re-read the whole page.
    let styleReads = 0;
    const original = window.getComputedStyle.bind(window);
    window.getComputedStyle = ((element: never) => {
      styleReads++;
      return original(element);
    }) as typeof window.getComputedStyle;

    const spam = doc.createElement('div');
    spam.setAttribute('style', 'position:absolute;left:-9999px');
    spam.innerHTML =
      '<a href="http://www.xpj8888.com/">澳门新葡京官网</a><a href="http://ssc.top/">时时彩平台</a>';
    doc.getElementById('footer')?.after(spam);
    await Promise.resolve();
    await Promise.resolve();
    expect(spam.isConnected).toBe(false);
    expect(text(doc)).not.toContain('澳门新葡京');
    expect(live.findings).toHaveLength(1);
    expect(styleReads).toBeLessThan(10);
    controller.abort();
  });

  it('works while the page is still arriving: a hidden wrapper first, its links later', async () => {
    const { doc } = open(
      '<!DOCTYPE html><html><head><title>示例</title></head><body></body></html>',
    );
    const controller = new AbortController();
    const live = startSpamRemoval(doc, { useLayout: true, signal: controller.signal });
    const wrapper = doc.createElement('div');
    wrapper.setAttribute('style', 'display:none');
    doc.body.appendChild(wrapper);
    await settle();
    expect(wrapper.isConnected).toBe(true); // nothing in it yet: nothing to judge
    for (const [href, label] of [
      ['http://www.xpj8888.com/', '澳门新葡京官网'],
      ['http://bj-pk10.top/', '北京赛车开奖'],
    ]) {
      const link = doc.createElement('a');
      link.setAttribute('href', href as string);
      link.textContent = label as string;
      wrapper.appendChild(link);
    }
    await settle();
    expect(wrapper.isConnected).toBe(false);
    expect(live.findings[0]?.reasons).toEqual(
      expect.arrayContaining(['hidden:display-none', 'layout']),
    );
    controller.abort();
    expect(wrapper.isConnected).toBe(true);
    expect(wrapper.children).toHaveLength(2);
  });

  it('static mode works live too (no layout: inline and embedded rules)', async () => {
    const { doc } = open(CLEAN_PAGE);
    const controller = new AbortController();
    const live = startSpamRemoval(doc, { useLayout: false, signal: controller.signal });
    doc.body.insertAdjacentHTML('beforeend', '<div style="font-size:0">出售冰毒 迷药 听话水</div>');
    await settle();
    expect(text(doc)).not.toContain('听话水');
    expect(live.findings[0]?.reasons).toEqual(
      expect.arrayContaining(['hidden:tiny-text', 'static-styles']),
    );
    controller.abort();
  });

  it('catches document.write-style text written into an existing element', async () => {
    const { doc } = open(CLEAN_PAGE);
    const controller = new AbortController();
    const live = startSpamRemoval(doc, { useLayout: true, signal: controller.signal });
    const holder = doc.createElement('div');
    doc.body.appendChild(holder);
    await settle();
    holder.textContent = '永久免费无码视频_国产成人网站_日韩精品在线观看_亚洲av';
    await settle();
    expect(holder.isConnected).toBe(false);
    expect(live.findings.map((f) => f.reasons)).toEqual([
      expect.arrayContaining(['separator-list']),
    ]);
    controller.abort();
  });

  it('text rewritten in place (a live script conversion) is checked text by text', async () => {
    const { window, doc } = open(CLEAN_PAGE);
    const list = doc.createElement('ul');
    for (let i = 0; i < 2000; i++) {
      const item = doc.createElement('li');
      item.textContent = `关于做好第${i}期防汛工作的通知`;
      list.appendChild(item);
    }
    const hidden = doc.createElement('div');
    hidden.setAttribute('style', 'display:none');
    hidden.textContent = '示例';
    doc.body.append(list, hidden);
    const controller = new AbortController();
    const live = startSpamRemoval(doc, { useLayout: true, signal: controller.signal });
    await settle();
    let styleReads = 0;
    const original = window.getComputedStyle.bind(window);
    window.getComputedStyle = ((element: never) => {
      styleReads++;
      return original(element);
    }) as typeof window.getComputedStyle;

    // Every item converted to Traditional, as the converter does: no spam, no style read.
    for (const item of Array.from(list.children)) {
      (item.firstChild as Text).data = (item.textContent ?? '').replace('关于做好', '關於做好');
    }
    await settle();
    expect(styleReads).toBe(0);
    expect(live.findings).toHaveLength(0);

    (hidden.firstChild as Text).data = '澳門新葡京 真人荷官 時時彩';
    await settle();
    expect(hidden.isConnected).toBe(false);
    expect(live.findings).toHaveLength(1);
    controller.abort();
    expect(hidden.isConnected).toBe(true);
  });

  it('cleans a title stuffed later by a script', async () => {
    const { doc } = open(CLEAN_PAGE);
    const controller = new AbortController();
    startSpamRemoval(doc, { useLayout: true, signal: controller.signal });
    doc.title = '澳门新葡京_时时彩平台_无码视频_国产成人';
    await settle();
    expect(doc.title).toBe('关于做好防汛工作的通知');
    // Rewriting the title's text node in place is seen too.
    const titleText = doc.querySelector('title')?.firstChild as Text;
    titleText.data = '北京赛车_幸运飞艇_真人荷官_一本道';
    await settle();
    expect(doc.title).toBe('关于做好防汛工作的通知');
    controller.abort();
    expect(doc.title).toBe('澳门新葡京_时时彩平台_无码视频_国产成人');
  });

  it('abort restores everything exactly, removed at start or later, and reports an empty list', async () => {
    const { doc } = open(readFixture('techniques.hans.html'));
    const before = doc.documentElement.outerHTML;
    const controller = new AbortController();
    let last: readonly SpamFinding[] = [];
    const live = startSpamRemoval(doc, {
      useLayout: true,
      signal: controller.signal,
      onChange: (f) => (last = f),
    });
    const atStart = live.findings.length;
    expect(atStart).toBeGreaterThan(20);

    const late = doc.createElement('p');
    late.setAttribute('style', 'display:none');
    late.textContent = '真人荷官 百家乐技巧 注册送彩金';
    doc.getElementById('zoom')?.appendChild(late);
    await settle();
    expect(late.isConnected).toBe(false);
    expect(last.length).toBe(atStart + 1);

    controller.abort();
    expect(live.findings).toHaveLength(0);
    expect(last).toHaveLength(0);
    // Everything is back, the late block included, where it was put.
    expect(late.isConnected).toBe(true);
    expect(doc.getElementById('zoom')?.lastElementChild).toBe(late);
    late.remove();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('never throws into the page, even when the listener does', async () => {
    const { doc } = open(CLEAN_PAGE);
    const controller = new AbortController();
    expect(() =>
      startSpamRemoval(doc, {
        useLayout: true,
        signal: controller.signal,
        onChange: () => {
          throw new Error('listener bug');
        },
      }),
    ).not.toThrow();
    const spam = doc.createElement('div');
    spam.setAttribute('style', 'display:none');
    spam.textContent = '澳门新葡京 时时彩';
    doc.body.appendChild(spam);
    await settle();
    expect(spam.isConnected).toBe(false);
    expect(() => controller.abort()).not.toThrow();
    expect(spam.isConnected).toBe(true);
  });

  it('does nothing when the signal is already aborted', () => {
    const { doc } = open(readFixture('keyword-line.hans.html'));
    const before = doc.documentElement.outerHTML;
    const live = startSpamRemoval(doc, { useLayout: true, signal: AbortSignal.abort() });
    expect(live.findings).toHaveLength(0);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
