import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../src/core/article/detect';
import {
  fixture,
  fixtureHtml,
  happyDomDoc,
  linkedomDoc,
  type FixtureName,
} from '../fixtures/article/load';

describe('detectArticle on each CMS family', () => {
  it.each<[FixtureName, string[]]>([
    ['trs-article.html', ['meta:ArticleTitle', 'url:trs', 'container:.TRS_Editor', 'label:时间']],
    [
      'hanweb-article.html',
      ['meta:ArticleTitle', 'meta:ContentSource', 'url:hanweb', 'container:#zoom'],
    ],
    ['kaipu-xxgk.html', ['url:kaipu', 'container:ucapcontent', 'label:索引号', 'label:发布日期']],
    ['govcn-table.html', ['url:govcn', 'container:#UCAP-CONTENT', 'label:发布日期']],
    ['gia-press.html', ['url:gia', 'container:#pressrelease']],
    ['hyweb-cp.html', ['container:section.cp', 'label:發布日期', 'label:發布單位']],
    ['news-article.html', ['label:来源', 'time:byline', 'heading:title']],
  ])('%s is an article', (name, expectedReasons) => {
    const { doc, url } = fixture(name);
    const verdict = detectArticle(doc, url);
    expect(verdict.isArticle).toBe(true);
    expect(verdict.reasons).toEqual(expect.arrayContaining(expectedReasons));
  });

  it('a column list page (dated rows, pagination, column-only metas) is not an article', () => {
    const { doc, url } = fixture('list-page.html');
    const verdict = detectArticle(doc, url);
    expect(verdict.isArticle).toBe(false);
    expect(verdict.reasons).toEqual(
      expect.arrayContaining(['-meta:column-only', '-list:dated-rows', '-list:pagination']),
    );
  });

  it('a portal home page is not an article', () => {
    const { doc, url } = fixture('portal-home.html');
    const verdict = detectArticle(doc, url);
    expect(verdict.isArticle).toBe(false);
    expect(verdict.reasons).toContain('-url:home');
  });

  it('reads 指引 meta names case-insensitively', () => {
    const doc = linkedomDoc(
      '<html><head><meta name="articletitle" content="标题"><meta name="PUBDATE" content="2024-01-02 03:04"></head><body><p>短</p></body></html>',
    );
    expect(detectArticle(doc).reasons).toEqual(
      expect.arrayContaining(['meta:ArticleTitle', 'meta:PubDate']),
    );
  });

  it('ignores an empty pager container that article templates carry', () => {
    const html = fixtureHtml('trs-article.html').replace(
      '</body>',
      '<div id="pagination"></div></body>',
    );
    expect(detectArticle(linkedomDoc(html)).reasons).not.toContain('-list:pagination');
  });

  it('gives the same verdict in happy-dom as in linkedom', () => {
    for (const name of ['trs-article.html', 'list-page.html', 'news-article.html'] as const) {
      const { doc } = happyDomDoc(fixtureHtml(name));
      expect(detectArticle(doc).isArticle).toBe(
        detectArticle(linkedomDoc(fixtureHtml(name))).isArticle,
      );
    }
  });

  it('does not modify the page', () => {
    const { doc, url } = fixture('trs-article.html');
    const before = doc.documentElement.outerHTML;
    detectArticle(doc, url);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
