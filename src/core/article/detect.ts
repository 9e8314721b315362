// Article detection: is this government page one news article / notice (reader view makes sense),
// or a list, column or portal page? Runs in the content script on every matching page, so it only
// reads metas, the URL, one walk of the visible text and a few selector queries — no Readability.
//
// Each signal adds or removes points and leaves a reason (`meta:ArticleTitle`, `list:dated-rows`)
// so tests and the CLI can say why. A page is an article at ARTICLE_THRESHOLD points.

import type { ArticleVerdict } from '../types';
import { hasNumericDate, parseDate } from './dates';
import { headingTitle, metaContent, pageLines } from './meta';
import {
  INDEX_NUMBER_LABELS,
  DOC_NUMBER_LABELS,
  SOURCE_LABELS,
  TIME_LABELS,
  compact,
  contentRoot,
  labelledFields,
} from './page-text';
import { findKnownContainer } from './containers';

export const ARTICLE_THRESHOLD = 3;

/** Article URL shapes of the big government CMSs. */
const ARTICLE_URL_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/t\d{8}_\d+\.s?html?$/i, 'url:trs'], // TRS WCM: /201909/t20190918_693227.shtml
  [/\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_\d+_\d+\.html?$/i, 'url:hanweb'], // 大汉 /art/2024/10/14/art_60085_11394426.html
  [/\/content_\d+\.html?$/i, 'url:govcn'], // www.gov.cn …/content_5353307.htm
  [/\/[0-9a-f]{32}\.s?html?$/i, 'url:kaipu'], // 开普云: 32-hex page names
  [/\/[A-Z]\d{13}\.html?$/, 'url:gia'], // HK GIA: P2022062100598.htm
  [/\/(?:cp|News_Content|News_Photo_Content)[-_.][^/]*\.(?:html?|aspx|php)/i, 'url:cp'], // Taiwan Hyweb/other cp pages
  [/\/(?:art|article|content|detail|details|view|show)[-_/]?\d+[^/]*\.s?html?$/i, 'url:detail'],
];

/** List/column URL shapes: Hanweb columns, Hyweb lp- pages, index pages. */
const LIST_URL_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/col\/col\d+\/(?:index\.html?)?$/i, 'url:hanweb-column'],
  [/\/(?:lp|list)[-_][^/]*\.(?:html?|aspx|php)$/i, 'url:list'],
];

function urlSignals(url: string | undefined): Array<readonly [number, string]> {
  if (!url) return [];
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  const signals: Array<readonly [number, string]> = [];
  for (const [shape, reason] of ARTICLE_URL_SHAPES) {
    if (shape.test(path)) {
      signals.push([2, reason]);
      break;
    }
  }
  for (const [shape, reason] of LIST_URL_SHAPES) {
    if (shape.test(path)) signals.push([-2, reason]);
  }
  if (/^\/(?:index\.(?:s?html?|jsp|php|aspx?))?$/i.test(path)) signals.push([-2, 'url:home']);
  return signals;
}

/**
 * Dated link rows: `<li><a>title</a><span>2024-05-23</span></li>`, the stuff of list pages.
 * Article pages have a few (related links), list pages dozens.
 */
export function countDatedRows(doc: Document): number {
  let rows = 0;
  for (const row of Array.from(doc.querySelectorAll('li, tr, dd, .list__item, .list-item'))) {
    if (!row.querySelector('a')) continue;
    const text = row.textContent ?? '';
    if (text.length < 160 && hasNumericDate(text)) rows++;
  }
  return rows;
}

/** Elements whose whole text is a date with a time: the byline timestamp of news articles. */
export function countBylineTimes(doc: Document): number {
  let count = 0;
  for (const el of Array.from(doc.querySelectorAll('[class*="time" i], [class*="date" i], time'))) {
    const text = (el.textContent ?? '').trim();
    if (
      text.length <= 30 &&
      /^\D{0,8}\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s*\d{1,2}:\d{2}/.test(text)
    )
      count++;
    if (count > 3) break;
  }
  return count;
}

const PAGINATION_TEXT =
  /^(?:下一页|下页|尾页|末页|上一页|首页\s*上一页|共\s*\d+\s*[页頁]|第\s*\d+\s*[页頁]|下一頁|上一頁|末頁)/;

export function hasPagination(doc: Document, lines: readonly string[]): boolean {
  // an empty pager container is a template leftover (gov.cn articles carry an empty #pagination)
  for (const pager of Array.from(
    doc.querySelectorAll(
      '.pagination, .pager, .page-nav, #pagination, .fenye, .page_nav, .pagebar',
    ),
  )) {
    if (/\d/.test(pager.textContent ?? '')) return true;
  }
  let hits = 0;
  for (const line of lines)
    if (PAGINATION_TEXT.test(line) || /共\s*\d+\s*[页頁条條]/.test(line)) hits++;
  return hits >= 1;
}

/**
 * Text density fitted to Chinese: characters in prose lines. A Chinese sentence is short in
 * characters and has no spaces, so Readability's defaults (140 chars/node, score 20) miss them;
 * here a "prose line" is ≥ 40 chars with at least two sentence marks, or a long English line.
 */
export function proseChars(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) {
    if (line.length < 40) continue;
    const marks = line.match(/[，。；！？、“”]|[,.;!?]\s/g)?.length ?? 0;
    if (marks >= 2) total += line.length;
  }
  return total;
}

/**
 * The biggest paragraph cluster: characters of the <p> children of one parent (or of one
 * <br>-broken block, the old table layout). An article's body is one such cluster; a list page
 * spreads short rows over many <li>s and has none. Counted in characters without whitespace,
 * so it works for Chinese.
 */
export function largestParagraphCluster(root: ParentNode): number {
  const perParent = new Map<Node, number>();
  for (const p of Array.from(root.querySelectorAll('p'))) {
    const parent = p.parentNode;
    if (!parent) continue;
    const length = compact(p.textContent ?? '').length;
    if (length < 10) continue;
    perParent.set(parent, (perParent.get(parent) ?? 0) + length);
  }
  const brParents = new Set<Element>();
  for (const br of Array.from(root.querySelectorAll('br'))) {
    if (br.parentElement) brParents.add(br.parentElement);
  }
  let best = 0;
  for (const total of perParent.values()) best = Math.max(best, total);
  for (const parent of brParents) {
    if (parent.getElementsByTagName('br').length < 3) continue;
    const total = compact(parent.textContent ?? '').length;
    // link lists broken with <br> are not prose
    if (total > best && linkTextLength(parent) < total / 2) best = total;
  }
  return best;
}

function linkTextLength(el: Element): number {
  let total = 0;
  for (const a of Array.from(el.getElementsByTagName('a')))
    total += compact(a.textContent ?? '').length;
  return total;
}

const timeLabels = new Set(TIME_LABELS);
const sourceLabels = new Set(SOURCE_LABELS);
const infoLabels = new Set([...INDEX_NUMBER_LABELS, ...DOC_NUMBER_LABELS]);

/**
 * Decides whether `doc` is an article page; cheap enough for every page load. `lines` lets a
 * caller that also extracts the metadata walk the page's text once.
 */
export function detectArticle(
  doc: Document,
  url?: string,
  lines: readonly string[] = pageLines(doc),
): ArticleVerdict {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(points > 0 ? `${reason}` : `-${reason}`);
  };

  // 指引 metas (国办 2019 government website standard): only article pages carry ArticleTitle.
  const articleTitle = metaContent(doc, 'ArticleTitle');
  if (articleTitle) add(3, 'meta:ArticleTitle');
  if (metaContent(doc, 'PubDate')) add(1, 'meta:PubDate');
  if (metaContent(doc, 'ContentSource')) add(1, 'meta:ContentSource');
  if (!articleTitle && metaContent(doc, 'ColumnName', 'ColumnType', 'ColumnDescription'))
    add(-2, 'meta:column-only');
  if (metaContent(doc, 'og:type') === 'article') add(2, 'meta:og-article');

  for (const [points, reason] of urlSignals(url ?? doc.URL)) add(points, reason);

  const fields = labelledFields(lines);
  const timeField = fields.find((f) => timeLabels.has(f.label) && parseDate(f.value));
  if (timeField) add(2, `label:${timeField.label}`);
  const sourceField = fields.find((f) => sourceLabels.has(f.label) && f.value);
  if (sourceField) add(1, `label:${sourceField.label}`);
  const infoField = fields.find((f) => infoLabels.has(f.label));
  if (infoField) add(1, `label:${infoField.label}`);

  const container = findKnownContainer(doc);
  if (container) add(3, `container:${container.name}`);

  const cluster = largestParagraphCluster(contentRoot(doc));
  const prose = proseChars(lines);
  if (cluster >= 800) add(4, 'density:cluster-high');
  else if (cluster >= 300) add(3, 'density:cluster');
  else if (cluster >= 100 || prose >= 600) add(2, 'density:short-article');
  else if (prose >= 80) add(1, 'density:prose');
  else if (prose < 40) add(-1, 'density:low');

  // One byline timestamp (`2019-09-08 11:42`) in the page: articles have one, lists have many.
  if (countBylineTimes(doc) === 1) add(1, 'time:byline');

  // The page heading repeats the <title>: article templates do, list pages title the column.
  if (headingTitle(doc)) add(1, 'heading:title');

  // List signals weigh less when the page also has a real body: articles carry related-news
  // lists and "上一篇/下一页" links in their sidebars.
  const hasBody = cluster >= 300;
  const datedRows = countDatedRows(doc);
  if (datedRows >= 25) add(hasBody ? -2 : -4, 'list:dated-rows');
  else if (datedRows >= 10) add(hasBody ? -1 : -2, 'list:dated-rows');
  if (hasPagination(doc, lines)) add(hasBody ? -1 : -2, 'list:pagination');

  const isArticle = score >= ARTICLE_THRESHOLD;
  reasons.push(`score:${score}`);
  return { isArticle, reasons };
}
