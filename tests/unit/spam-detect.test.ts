// Spam detection and removal with static styles (useLayout:false), as the CLI runs it: linkedom,
// inline styles and simple embedded rules, no layout. Each spam block of the fixtures must be gone
// from the body's text (what a screen reader would read: the elements are removed), each
// legitimate text must stay, and restore() must give back the page byte for byte.

import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { parseHTML } from 'linkedom';
import { findSpam, removeSpam } from '../../src/core/spam/index.ts';
import {
  readFixture,
  TECHNIQUE_CLEAN_TITLE,
  TECHNIQUE_LEGIT,
  TECHNIQUE_SPAM,
} from '../fixtures/spam/expectations.ts';

const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });

function load(name: string): Document {
  return parseHTML(readFixture(name)).document as unknown as Document;
}

/**
 * The page's text outside <head>: the body, plus what a Node parser leaves after </html> (browsers
 * move it into the body). The removed spam elements are gone from it, as from a screen reader.
 */
function bodyText(doc: Document): string {
  const parts = [doc.body.textContent ?? ''];
  for (let node = doc.documentElement.nextSibling; node; node = node.nextSibling)
    parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ');
}

const variants = [
  { fixture: 'techniques.hans.html', convert: (s: string) => s, script: 'Simplified' },
  { fixture: 'techniques.hant.html', convert: (s: string) => toTw(s), script: 'Traditional' },
];

for (const { fixture, convert, script } of variants) {
  describe(`every technique, ${script} page (static styles)`, () => {
    const doc = load(fixture);
    const before = doc.documentElement.outerHTML;
    const findings = findSpam(doc, { useLayout: false });
    const journal = removeSpam(doc, findings);
    const after = bodyText(doc);

    for (const [technique, phrase] of Object.entries(TECHNIQUE_SPAM)) {
      it(`removes: ${technique}`, () => {
        expect(before).toContain(convert(phrase).split(' ')[0]);
        expect(after).not.toContain(convert(phrase));
      });
    }

    it('keeps every legitimate text, hidden or visible', () => {
      for (const text of TECHNIQUE_LEGIT) expect(after, text).toContain(convert(text));
    });

    it('keeps legitimately hidden elements: Hanweb link, counter iframe, noscript, search input, toolbar', () => {
      expect(doc.querySelector('a[href="http://www.hanweb.com/"]')).not.toBeNull();
      expect(doc.querySelector('iframe[src^="/counter.jsp"]')).not.toBeNull();
      expect(doc.querySelector('noscript')).not.toBeNull();
      expect(doc.querySelector('input[name="q"]')).not.toBeNull();
      expect(doc.querySelector('#barrierfree_container')).not.toBeNull();
      expect(doc.querySelector('.tab-con:not(.on)')).not.toBeNull();
    });

    it('replaces the stuffed title with the clean ArticleTitle and drops stuffed meta', () => {
      expect(doc.title).toBe(convert(TECHNIQUE_CLEAN_TITLE));
      expect(doc.querySelector('meta[name="keywords"]')).toBeNull();
      expect(doc.querySelector('meta[name="description"]')).toBeNull();
      expect(findings.filter((f) => f.kind === 'title')).toHaveLength(1);
      expect(findings.filter((f) => f.kind === 'meta')).toHaveLength(2);
    });

    it('removes the script that writes spam', () => {
      const script = findings.find((f) => f.reasons.includes('script-written'));
      expect(script?.text).toContain('时时彩');
      expect(doc.documentElement.outerHTML).not.toContain('document.write');
    });

    it('says which rules fired, and that styles were read statically', () => {
      const elementFindings = findings.filter((f) => f.kind === 'element');
      for (const f of elementFindings) expect(f.reasons.length, f.text).toBeGreaterThan(1);
      const hidden = elementFindings.filter((f) =>
        f.reasons.some((r) => /^(hidden|offscreen)/.test(r)),
      );
      for (const f of hidden) expect(f.reasons).toContain('static-styles');
      const rules = new Set(elementFindings.flatMap((f) => f.reasons));
      for (const rule of [
        'hidden:display-none',
        'hidden:visibility',
        'offscreen:position',
        'hidden:tiny-text',
        'hidden:same-colour',
        'hidden:zero-size',
        'hidden:clip',
        'hidden:clip-path',
        'hidden:text-indent',
        'hidden:opacity',
        'hidden:z-index',
        'hidden:marquee',
        'separator-list',
        'link:spam-text',
        'links:suspicious',
        'inside-main',
      ]) {
        expect(rules, rule).toContain(rule);
      }
    });

    it('restore() puts the page back exactly', () => {
      journal.restore();
      expect(doc.documentElement.outerHTML).toBe(before);
      journal.restore(); // idempotent
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  });
}

describe('keyword line after the footer (the reference page pattern)', () => {
  it('removes a Simplified line on a Traditional page, saying the scripts differ', () => {
    const doc = load('keyword-line.hant.html');
    const findings = findSpam(doc, { useLayout: false });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.reasons).toEqual(
      expect.arrayContaining(['separator-list', 'script-mismatch', 'outside-main']),
    );
    removeSpam(doc, findings);
    expect(bodyText(doc)).not.toContain('永久免费无码高清');
    expect(bodyText(doc)).toContain('推進城鄉融合發展');
    expect(bodyText(doc)).toContain('回到頂部');
  });

  it('removes a |-joined line on a Simplified page', () => {
    const doc = load('keyword-line.hans.html');
    const findings = findSpam(doc, { useLayout: false });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.reasons).toContain('separator-list');
    expect(findings[0]?.reasons).not.toContain('script-mismatch');
    removeSpam(doc, findings);
    expect(bodyText(doc)).not.toContain('国产自拍偷拍视频');
    expect(bodyText(doc)).toContain('为乡村全面振兴注入新动能');
  });
});

describe('legitimate pages that use the same words', () => {
  it('Macau: 博彩监察协调局 news naming casinos on .gov.mo', () => {
    const doc = load('macau.hant.html');
    expect(
      findSpam(doc, { useLayout: false, pageUrl: 'https://www.gov.mo/zh-hant/news/1/' }),
    ).toEqual([]);
  });

  it('Hong Kong: 六合彩 and 香港赛马会 in a press release', () => {
    const doc = load('marksix.hant.html');
    expect(
      findSpam(doc, {
        useLayout: false,
        pageUrl: 'https://www.info.gov.hk/gia/general/202406/03/P1.htm',
      }),
    ).toEqual([]);
  });

  it('扫黄打非 news: crackdown title, keywords, article and hidden tab of related news', () => {
    const doc = load('enforcement.hans.html');
    expect(findSpam(doc, { useLayout: false })).toEqual([]);
  });

  it('keyword-only evidence inside the article never deletes, even without enforcement words', () => {
    const { document } = parseHTML(
      '<html><body><div id="zoom"><p>本期通报的违规网站如下，名单依据群众来信整理，供各单位参考。</p>' +
        '<p>时时彩_北京赛车_幸运飞艇_真人荷官_澳门新葡京</p></div><div class="footer">版权所有</div></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });

  it('text after </html> is not spam by itself', () => {
    const { document } = parseHTML(
      '<html><body><div class="content"><p>正文内容。</p></div></body></html><p>技术支持：某某网络公司</p><p>访问量统计</p>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });

  it('spam after </html> is still found (Node parsers keep it outside the body)', () => {
    const { document } = parseHTML(
      '<html><body><div class="content"><p>正文内容。</p></div></body></html><div>国产自拍_无码视频_成人网站_日韩精品</div>',
    );
    const findings = findSpam(document as unknown as Document, { useLayout: false });
    expect(findings.map((f) => f.text)).toEqual(['国产自拍_无码视频_成人网站_日韩精品']);
  });
});

describe('mixed blocks', () => {
  it('a visible friendly-links bar with injected spam entries loses only the spam links', () => {
    const { document } = parseHTML(
      '<html><body><div id="zoom"><p>正文内容正文内容正文内容。</p></div><div class="links">' +
        '<a href="http://www.gov.cn/">中国政府网</a><a href="http://www.js.gov.cn/">江苏省人民政府</a>' +
        '<a href="http://www.xpj88.xyz/">澳门新葡京娱乐</a><a href="http://www.ssc.top/">重庆时时彩</a></div></body></html>',
    );
    const doc = document as unknown as Document;
    const findings = findSpam(doc, { useLayout: false });
    expect(findings.map((f) => f.text)).toEqual(['澳门新葡京娱乐', '重庆时时彩']);
    removeSpam(doc, findings);
    expect(doc.querySelector('.links')?.textContent).toBe('中国政府网江苏省人民政府');
  });
});

describe('stuffed titles', () => {
  it('without ArticleTitle or h1, the title keeps its phrases that carry no spam', () => {
    const { document } = parseHTML(
      '<html><head><title>无码视频_澳门新葡京_重庆时时彩_示例市人民政府</title></head><body><p>首页</p></body></html>',
    );
    const doc = document as unknown as Document;
    const journal = removeSpam(doc, findSpam(doc, { useLayout: false }));
    expect(doc.title).toBe('示例市人民政府');
    journal.restore();
    expect(doc.title).toBe('无码视频_澳门新葡京_重庆时时彩_示例市人民政府');
  });

  it('a gov title naming a crackdown is not stuffed', () => {
    const { document } = parseHTML(
      '<html><head><title>严厉打击时时彩、北京赛车等网络赌博违法犯罪_示例市公安局</title></head><body></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });
});

describe('hidden menus', () => {
  it('a hidden drop-down menu with injected spam links keeps working: only the spam links go', () => {
    const { document } = parseHTML(
      '<html><body><ul class="nav"><li>政务公开<ul class="sub" style="display:none">' +
        '<li><a href="/zwgk/zfwj/">政府文件</a></li><li><a href="/zwgk/rsxx/">人事信息</a></li>' +
        '<li><a href="http://www.bet-88.top/">真人荷官 百家乐技巧</a></li></ul></li></ul></body></html>',
    );
    const doc = document as unknown as Document;
    const findings = findSpam(doc, { useLayout: false });
    expect(findings.map((f) => f.text)).toEqual(['真人荷官 百家乐技巧']);
    removeSpam(doc, findings);
    expect(doc.querySelector('.sub')?.textContent).toBe('政府文件人事信息');
  });
});

/** `ul {font-size:0}` with `li {font-size:14px}`: a layout trick, the text is visible. */
const FONT_SIZE_TRICK =
  '<html><head><style>.list{font-size:0}.item{font-size:14px;display:inline-block}</style></head><body>' +
  '<ul class="list"><li class="item"><a href="/news/1.html">新葡京酒店周边道路临时封闭</a></li>' +
  '<li class="item"><a href="/news/2.html">市区交通管制公告</a></li></ul>' +
  '<div style="visibility:hidden"><p style="visibility:visible"><a href="/news/3.html">澳门新葡京周边改造</a></p></div></body></html>';

describe('inherited styles undone by a child', () => {
  it('font-size:0 and visibility:hidden wrappers whose children restore them hide nothing', () => {
    const { document } = parseHTML(FONT_SIZE_TRICK);
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });
});

describe('single-signal cases stay', () => {
  it('a hidden block of ordinary off-site links (Hanweb credit, friendly links) is not spam', () => {
    const { document } = parseHTML(
      '<html><body><div style="display:none"><a href="http://www.hanweb.com/">Produced By 大汉网络</a>' +
        '<a href="http://www.people.com.cn/">人民网</a><a href="http://www.xinhuanet.com/">新华网</a></div></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });

  it('one weak word in a visible footer link is not spam', () => {
    const { document } = parseHTML(
      '<html><body><div class="footer"><a href="http://www.cwl.gov.cn/">中国福利彩票</a> <a href="http://www.lottery.gov.cn/">体育彩票</a></div></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });

  it('print-only hiding rules (@media print) are not read as hiding', () => {
    const { document } = parseHTML(
      '<html><head><style>@media print { .np { display:none } }</style></head><body>' +
        '<div class="np"><a href="/a">澳门新葡京</a></div><div id="zoom"><p>正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文。</p></div></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });
});

describe('scripts', () => {
  it('a comment filter listing banned words is not script-written spam', () => {
    const { document } = parseHTML(
      '<html><body><form id="ly"><textarea></textarea></form><script>var banned = ["时时彩", "北京赛车", "澳门新葡京", "无码"];' +
        'function check(v) { for (var i = 0; i < banned.length; i++) if (v.indexOf(banned[i]) >= 0) document.getElementById("tip").innerHTML = "含有敏感词"; }</script></body></html>',
    );
    expect(findSpam(document as unknown as Document, { useLayout: false })).toEqual([]);
  });

  it('a script writing base64 or fromCharCode markup with spam links is found', () => {
    const markup = '<a href="http://x.top/">时时彩</a><a href="http://y.top/">北京赛车</a>';
    const base64 = Buffer.from(markup, 'utf8').toString('base64');
    const codes = Array.from('<a href="http://z.top/">无码视频 国产成人</a>', (ch) =>
      ch.charCodeAt(0),
    ).join(',');
    const { document } = parseHTML(
      `<html><body><script>document.write(atob('${base64}'));</script>` +
        `<script>document.body.insertAdjacentHTML('beforeend', String.fromCharCode(${codes}));</script></body></html>`,
    );
    const findings = findSpam(document as unknown as Document, { useLayout: false });
    expect(findings.map((f) => f.reasons[0])).toEqual(['script-written', 'script-written']);
  });
});
