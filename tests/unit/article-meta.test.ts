import { describe, expect, it } from 'vitest';
import { cleanDocumentTitle, extractMeta, isStuffedTitle } from '../../src/core/article/meta';
import { fixture, linkedomDoc } from '../fixtures/article/load';

describe('extractMeta on each CMS family', () => {
  it('TRS: 指引 metas, visible time wins over a stale alt attribute', () => {
    const { doc, url } = fixture('trs-article.html');
    expect(extractMeta(doc, url)).toEqual({
      title: '我市召开春季农业生产工作会议',
      publishedTime: '2023-03-15T09:30',
      source: '示例日报',
      siteName: '示例市人民政府门户网站',
      docNumber: null,
      indexNumber: null,
    });
  });

  it('Hanweb: lower-case contentSource and pubdate meta names', () => {
    const { doc, url } = fixture('hanweb-article.html');
    const meta = extractMeta(doc, url);
    expect(meta.source).toBe('省发展改革委办公室');
    expect(meta.publishedTime).toBe('2024-10-14T10:17');
    expect(meta.title).toBe('省发展改革委召开重点项目推进会');
  });

  it('开普云: the on-page 发布日期 wins over a later migration PubDate; 索引号 and 文号 from the <dl>', () => {
    const { doc, url } = fixture('kaipu-xxgk.html');
    const meta = extractMeta(doc, url);
    expect(meta.publishedTime).toBe('2017-05-15T10:49:00');
    expect(meta.source).toBe('示例县统计局'); // empty ContentSource meta: the 来源 label
    expect(meta.indexNumber).toBe('000000000/2017-00123');
    expect(meta.docNumber).toBe('示统发〔2017〕3号');
  });

  it('gov.cn table layout: label and value in neighbouring cells, 年月日 dates', () => {
    const { doc, url } = fixture('govcn-table.html');
    const meta = extractMeta(doc, url);
    expect(meta.publishedTime).toBe('2018-12-29'); // 发布日期, not 成文日期
    expect(meta.docNumber).toBe('国发〔2018〕50号');
    expect(meta.indexNumber).toBe('000014349/2018-00210');
  });

  it('HK GIA: English title and the "Ends/… Issued at HKT" trailer', () => {
    const { doc, url } = fixture('gia-press.html');
    const meta = extractMeta(doc, url);
    expect(meta.title).toBe('LCQ1: Example question on public housing');
    expect(meta.publishedTime).toBe('2023-07-05T15:42');
  });

  it('Taiwan Hyweb: <title> is only the site name, so h2.pageTitle; 發布單位 as source; yyyy/m/d', () => {
    const { doc, url } = fixture('hyweb-cp.html');
    const meta = extractMeta(doc, url);
    expect(meta.title).toBe('市府推動食品安全稽查專案');
    expect(meta.publishedTime).toBe('2022-07-05');
    expect(meta.source).toBe('示例市衛生局食品藥物管理科');
  });

  it('news page without 指引 metas: og:title, og:site_name, JSON-LD time, 来源 label', () => {
    const { doc, url } = fixture('news-article.html');
    expect(extractMeta(doc, url)).toMatchObject({
      title: '示例新区首条跨江隧道全线贯通',
      publishedTime: '2021-06-30T18:05:00+08:00',
      source: '示例晚报',
      siteName: '示例网',
    });
  });
});

describe('titles', () => {
  it('drops site and column suffixes joined with _, |, " - "', () => {
    expect(cleanDocumentTitle('通知公告_示例市人民政府', '示例市人民政府')).toBe('通知公告');
    expect(cleanDocumentTitle('示例县人民政府 | 示例县2015年统计公报', '示例县人民政府')).toBe(
      '示例县2015年统计公报',
    );
    expect(cleanDocumentTitle('山西品牌丝路行正式启动 - 山西省人民政府门户网站', null)).toBe(
      '山西品牌丝路行正式启动',
    );
  });

  it('drops the stray space between a number and 年 from justified headings', () => {
    expect(
      cleanDocumentTitle(
        '调整2007\u3000年末国债余额限额的决议__2007年第23号国务院公报_中国政府网',
        null,
      ),
    ).toBe('调整2007年末国债余额限额的决议');
  });

  it('never uses a stuffed spam title', () => {
    const stuffed =
      '手机国产在线观看免费av_永久免费无码中文字幕_亚洲美免无码一级在线_国产成人精品视频';
    expect(isStuffedTitle(stuffed)).toBe(true);
    const doc = linkedomDoc(
      `<html><head><title>${stuffed}</title></head><body><h1>关于开展安全生产检查的通知</h1></body></html>`,
    );
    expect(extractMeta(doc).title).toBeNull();
    const withMeta = linkedomDoc(
      `<html><head><title>${stuffed}</title><meta name="ArticleTitle" content="关于开展安全生产检查的通知"></head><body></body></html>`,
    );
    expect(extractMeta(withMeta).title).toBe('关于开展安全生产检查的通知');
  });

  it('prefers the page heading the <title> starts with over the <title> itself', () => {
    const doc = linkedomDoc(
      '<html><head><title>全市召开安全生产工作会议_工作动态_示例市</title></head><body><h1>全市召开安全生产工作会议</h1></body></html>',
    );
    expect(extractMeta(doc).title).toBe('全市召开安全生产工作会议');
  });
});

describe('sources and times from labels', () => {
  it.each([
    [
      '<div>发布时间：2024-05-23 08:54　　来源：无锡日报　　浏览次数：12</div>',
      '2024-05-23T08:54',
      '无锡日报',
    ],
    ['<div>發布日期：2024-05-23　來源：無錫日報</div>', '2024-05-23', '無錫日報'],
    ['<p>信息来源：省发改委 发布日期：2016-11-22</p>', '2016-11-22', '省发改委'],
    [
      '<ul><li>發布日期:2018-03-20</li><li>發布單位:基隆市衛生局</li></ul>',
      '2018-03-20',
      '基隆市衛生局',
    ],
    ['<span>时间：</span><span>2020年08月02日</span>', '2020-08-02', null],
  ])('%s', (html, time, source) => {
    const meta = extractMeta(linkedomDoc(`<html><body>${html}</body></html>`));
    expect(meta.publishedTime).toBe(time);
    expect(meta.source).toBe(source);
  });

  it('keeps the PubDate meta time when the on-page label gives the same day without a time', () => {
    const doc = linkedomDoc(
      '<html><head><meta name="PubDate" content="2016-11-22 09:53"></head><body><div>发布日期：2016-11-22</div></body></html>',
    );
    expect(extractMeta(doc).publishedTime).toBe('2016-11-22T09:53');
  });

  it('reads 2020年08月02日 from the PubDate meta', () => {
    const doc = linkedomDoc(
      '<html><head><meta name="PubDate" content="2020年08月02日"></head><body></body></html>',
    );
    expect(extractMeta(doc).publishedTime).toBe('2020-08-02');
  });
});
