import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../src/core/article/extract';
import { serializeAllowed } from '../../src/core/article/sanitize';
import { fixture, fixtureHtml, happyDomDoc, linkedomDoc } from '../fixtures/article/load';

/** Every tag name in a sanitised HTML string. */
const tagsOf = (html: string): string[] =>
  [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1] ?? '');
/** Every attribute name in a sanitised HTML string. */
const attrsOf = (html: string): string[] =>
  [...html.matchAll(/\s([a-z-]+)="/g)].map((m) => m[1] ?? '');

describe('extractArticle: TRS article', () => {
  const { doc, url } = fixture('trs-article.html');
  const article = extractArticle(doc, { url });

  it('returns the metadata and verdict', () => {
    expect(article).toMatchObject({
      isArticle: true,
      title: '我市召开春季农业生产工作会议',
      publishedTime: '2023-03-15T09:30',
      source: '示例日报',
      lang: 'zh-CN',
      url,
    });
  });

  it('keeps the body paragraphs, the table and the image with its alt', () => {
    expect(article.text.split('\n')[0]).toMatch(/^3月14日，全市春季农业生产工作会议召开/);
    expect(article.contentHtml).toContain('<table>');
    expect(article.contentHtml).toContain('<td colspan="2">合计 120</td>');
    expect(article.contentHtml).toContain(
      '<img src="http://www.example.gov.cn/images/2023/chungeng.jpg" alt="春耕现场" width="600" height="400">',
    );
  });

  it('drops the chrome: breadcrumb, meta line, font controls, share, related links, footer', () => {
    for (const chrome of [
      '当前位置',
      '时间：',
      '字体',
      '放大',
      '分享到',
      '相关新闻',
      '主办',
      '网站标识码',
    ]) {
      expect(article.text).not.toContain(chrome);
    }
    expect(article.text).not.toContain('我市召开春季农业生产工作会议'); // the title is not repeated
  });

  it('lists the attachment and keeps its link, made absolute', () => {
    expect(article.attachments).toEqual([
      {
        name: '春季农业生产工作方案.pdf',
        href: 'http://www.example.gov.cn/uploads/2023/chungeng-plan.pdf',
      },
    ]);
    expect(article.contentHtml).toContain(
      'href="http://www.example.gov.cn/uploads/2023/chungeng-plan.pdf"',
    );
  });

  it('outputs only allow-listed tags and attributes: no style, class, id, on*, javascript:', () => {
    const allowed = [
      'p',
      'br',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'img',
      'a',
      'strong',
      'em',
      'b',
      'i',
      'u',
      'sub',
      'sup',
      'blockquote',
      'figure',
      'figcaption',
    ];
    for (const tag of tagsOf(article.contentHtml)) expect(allowed).toContain(tag);
    for (const attr of attrsOf(article.contentHtml)) {
      expect(['href', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan']).toContain(attr);
    }
    expect(article.contentHtml).not.toMatch(/javascript:|style=|class=|onclick/);
    expect(article.text).toContain('点击这里了解更多政策解读。'); // the javascript: link's text stays, unlinked
  });

  it('does not modify the page', () => {
    const { doc: fresh, url: freshUrl } = fixture('trs-article.html');
    const before = fresh.documentElement.outerHTML;
    extractArticle(fresh, { url: freshUrl });
    expect(fresh.documentElement.outerHTML).toBe(before);
  });
});

describe('extractArticle: other CMS families', () => {
  it('Hanweb: #zoom body, attachments under it kept and listed, QR/print/close gone', () => {
    const { doc, url } = fixture('hanweb-article.html');
    const article = extractArticle(doc, { url });
    expect(article.text.split('\n').slice(0, 2)).toEqual([
      '10月12日，省发展改革委召开全省重点项目推进会，通报前三季度重点项目建设情况，分析存在的问题，部署四季度工作。',
      '会议要求，各地各部门要聚焦年度目标，加快在建项目建设进度，推动新开工项目尽早落地，确保完成全年投资任务。',
    ]);
    expect(article.attachments.map((a) => a.name)).toEqual([
      '1.重点项目清单.xlsx',
      '2.项目调度表.docx',
    ]);
    expect(article.contentHtml).toContain(
      'href="http://fgw.example.gov.cn/attach/2024/10/form.docx"',
    );
    for (const chrome of ['扫一扫', '打印本页', '关闭窗口', '当前位置', '字号', 'Produced By']) {
      expect(article.text).not.toContain(chrome);
    }
  });

  it('开普云: Word paste residue (MsoNormal, inline fonts, <o:p>) is stripped, related 关联稿件 gone', () => {
    const { doc, url } = fixture('kaipu-xxgk.html');
    const article = extractArticle(doc, { url });
    expect(article.contentHtml).not.toMatch(/Mso|font|style|o:p|仿宋/);
    expect(article.contentHtml).toContain('<p><b>一、农业</b></p>');
    expect(article.text).toBe(
      [
        '2015年，全县上下认真贯彻落实各项决策部署，经济社会保持平稳健康发展。',
        '初步核算，全年地区生产总值123.45亿元，比上年增长8.5%。',
        '一、农业',
        '全年粮食总产量20.1万吨，比上年增长1.2%。',
      ].join('\n'),
    );
  });

  it('gov.cn table layout: <br> lines of td#UCAP-CONTENT become lines of text', () => {
    const { doc, url } = fixture('govcn-table.html');
    const article = extractArticle(doc, { url });
    const lines = article.text.split('\n');
    expect(lines).toContain(
      '一、提高认识。各地区各部门要充分认识示例工作的重要意义，切实加强组织领导。',
    );
    expect(lines[lines.length - 1]).toBe('2018年12月20日');
    expect(article.text).not.toContain('主题分类');
  });

  it('HK GIA: the English press release body, headline not repeated', () => {
    const { doc, url } = fixture('gia-press.html');
    const article = extractArticle(doc, { url });
    expect(article.lang).toBe('en');
    expect(article.text.split('\n')[0]).toBe(
      'Following is a question by the Hon Example and a reply by the Secretary for Housing in the Legislative Council today:',
    );
    expect(article.text).not.toContain('Go to main content');
    expect(article.text).not.toContain('LCQ1: Example question');
  });

  it('Taiwan Hyweb: section.cp body with its 檔案下載 files; accessibility and function panel gone', () => {
    const { doc, url } = fixture('hyweb-cp.html');
    const article = extractArticle(doc, { url });
    expect(article.text.split('\n')[0]).toMatch(/^為確保市民飲食安全/);
    expect(article.attachments.map((a) => a.name)).toEqual(['稽查項目.odt', '稽查結果.pdf']);
    for (const chrome of ['按Enter到主內容區', ':::', '回上一頁', '友善列印', '點閱次數']) {
      expect(article.text).not.toContain(chrome);
    }
  });

  it('news page via Readability: meta line and spam line gone, closing attribution kept', () => {
    const { doc, url } = fixture('news-article.html');
    const article = extractArticle(doc, { url });
    expect(article.reasons).toContain('body:readability');
    expect(article.text.split('\n')).toHaveLength(4);
    expect(article.text).toContain('本文来源：示例晚报 责任编辑：张三');
    expect(article.text).not.toMatch(/在线观看|2021-06-30 18:05|热点新闻|Copyright/);
  });
});

describe('sanitising', () => {
  it('serializeAllowed drops scripts, iframes, forms, svg and unsafe URLs whatever the DOM', () => {
    const { document } = parseHTML(
      '<div id="x"><p onclick="a()" style="color:red" class="c">文<script>alert(1)</script><iframe src="//evil"></iframe>' +
        '<svg><script>b()</script></svg><a href="javascript:c()">链</a>' +
        '<a href="data:text/html,x">数</a><a href="/ok">好</a><img src="javascript:d()" alt="x"></p>' +
        '<form><input value="q"><button>提交</button></form><object data="x.swf">旧</object><p>&nbsp;</p></div>',
    );
    const html = serializeAllowed(
      document.getElementById('x') as unknown as Node,
      'https://example.gov.cn/a/b.html',
    );
    expect(html).toBe('<p>文链数<a href="https://example.gov.cn/ok">好</a></p>');
  });

  it('with a happy-dom window as purifyWindow the result is still clean (DOMPurify self-test decides)', () => {
    const { doc, window } = happyDomDoc(
      fixtureHtml('trs-article.html'),
      'http://www.example.gov.cn/yw/202303/t20230315_123456.shtml',
    );
    const article = extractArticle(doc, { purifyWindow: window as unknown as globalThis.Window });
    expect(article.title).toBe('我市召开春季农业生产工作会议');
    expect(article.contentHtml).not.toMatch(/javascript:|style=|class=|<script/);
    expect(article.reasons.some((r) => r.startsWith('sanitizer:'))).toBe(true);
  });

  it('with a linkedom window as purifyWindow the result is still clean', () => {
    const { window, document } = parseHTML(fixtureHtml('trs-article.html'));
    const article = extractArticle(document as unknown as Document, {
      url: 'http://www.example.gov.cn/yw/a.html',
      purifyWindow: window as unknown as globalThis.Window,
    });
    expect(article.contentHtml).not.toMatch(/javascript:|style=|class=|<script/);
    expect(article.contentHtml).toContain('<table>');
  });

  it('in a happy-dom document the extraction matches linkedom', () => {
    const html = fixtureHtml('hanweb-article.html');
    const viaHappy = extractArticle(happyDomDoc(html).doc, {
      url: 'http://fgw.example.gov.cn/art/2024/10/14/art_1_2.html',
    });
    const viaLinkedom = extractArticle(linkedomDoc(html), {
      url: 'http://fgw.example.gov.cn/art/2024/10/14/art_1_2.html',
    });
    expect(viaHappy.text).toBe(viaLinkedom.text);
    expect(viaHappy.title).toBe(viaLinkedom.title);
  });

  it('a happy-dom Window instance is accepted without throwing', () => {
    const window = new Window();
    const { doc } = happyDomDoc(fixtureHtml('news-article.html'));
    expect(() =>
      extractArticle(doc, { purifyWindow: window as unknown as globalThis.Window }),
    ).not.toThrow();
  });
});
