// Wider checks over the shared corpus (third-party pages, not in the repo). Skipped when
// ../shared/corpus is absent.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../src/core/article/detect';
import { extractArticle } from '../../src/core/article/extract';
import { extractMeta } from '../../src/core/article/meta';
import { linkedomDoc } from '../fixtures/article/load';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus');
const present = existsSync(path.join(corpus, 'gov-pages', 'labels.json'));

interface GovLabel {
  file: string;
  url: string;
  isArticle: boolean;
  title?: string | null;
  publishedTime?: string | null;
  source?: string | null;
}

const labels: GovLabel[] = present
  ? (JSON.parse(readFileSync(path.join(corpus, 'gov-pages', 'labels.json'), 'utf8')) as GovLabel[])
  : [];
const load = (...parts: string[]): Document =>
  linkedomDoc(readFileSync(path.join(corpus, ...parts), 'utf8'));

describe.skipIf(!present)('corpus: labelled government pages', () => {
  it.each(labels.map((l) => [l.file, l] as const))('%s', (_file, label) => {
    const doc = load('gov-pages', label.file);
    expect(detectArticle(doc, label.url).isArticle).toBe(label.isArticle);
    if (!label.isArticle) return;
    const meta = extractMeta(doc, label.url);
    if (label.title) expect(meta.title).toBe(label.title);
    if (label.source) expect(meta.source).toBe(label.source);
    if (label.publishedTime) {
      // labels are minute-precision; pages that print seconds keep them in our output
      expect(
        meta.publishedTime === label.publishedTime ||
          meta.publishedTime?.startsWith(`${label.publishedTime}:`),
      ).toBe(true);
    }
  });
});

const newsDir = path.join(corpus, 'news-pages');
const newsFiles = present
  ? readdirSync(newsDir)
      .filter((d) => statSync(path.join(newsDir, d)).isDirectory())
      .flatMap((d) =>
        readdirSync(path.join(newsDir, d))
          .filter((f) => f.endsWith('.html'))
          .map((f) => `${d}/${f}`),
      )
  : [];

describe.skipIf(!present)('corpus: news pages', () => {
  it('has the 60 pages', () => expect(newsFiles).toHaveLength(60));
  it('detects every news page as an article', () => {
    const missed = newsFiles.filter((f) => !detectArticle(load('news-pages', f)).isArticle);
    expect(missed).toEqual([]);
  });
});

describe.skipIf(!present)('corpus: the reference page', () => {
  const expectations = [
    ['hans', '深化对接双向赋能 携手并进联袂前行 为开创苏陜协作发展新局面作出更大贡献', '无锡日报'],
    ['hant', '深化對接雙向賦能 攜手并進聯袂前行 為開創蘇陜協作發展新局面作出更大貢獻', '無錫日報'],
  ] as const;
  it.each(expectations)(
    '%s: title, time, source, 12 paragraphs and no chrome',
    (variant, title, source) => {
      const article = extractArticle(load('seed', `wuxi-2024-05-23.${variant}.html`), {});
      expect(article.isArticle).toBe(true);
      expect(article.title).toBe(title);
      expect(article.publishedTime).toBe('2024-05-23T08:54');
      expect(article.source).toBe(source);
      const paragraphs = article.text.split('\n');
      expect(paragraphs).toHaveLength(12);
      expect(paragraphs[0]).toMatch(/^山丹花[开開]/);
      expect(article.text).not.toMatch(
        /发布时间|發布時間|文字大|打印本页|打印本頁|关闭窗口|關閉窗口|微信公众号|在线观看|在線觀看|回到顶部/,
      );
    },
  );
});
