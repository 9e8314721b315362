// Article metadata: title, publication time, source, site name, 文号, 索引号.
// Cheap (no Readability): runs in the content script for the popup/reader header and in the CLI.
//
// Precedence, from the issue:
// - title: 指引 ArticleTitle meta, else the page heading that the <title> starts with, else
//   og:title, else <title> without its site/column suffixes; a stuffed spam title is never used.
// - time: the on-page label (发布时间/发布日期…) wins, because PubDate metas are sometimes a later
//   platform-migration date; when both name the same day the more precise one is kept.
// - source: ContentSource meta, else the 来源/信息来源/發布單位 label on the page.

import type { ArticleMeta } from '../types';
import { isoDay, parseDate } from './dates';
import {
  DOC_NUMBER_LABELS,
  INDEX_NUMBER_LABELS,
  SOURCE_LABELS,
  TIME_LABELS,
  compact,
  contentRoot,
  labelledFields,
  squash,
  visibleLines,
  type LabelledField,
} from './page-text';

/** Reads a `<meta name|property=…>` case-insensitively; empty contents count as absent. */
export function metaContent(doc: Document, ...names: string[]): string | null {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const meta of Array.from(doc.getElementsByTagName('meta'))) {
    const key = (
      meta.getAttribute('name') ??
      meta.getAttribute('property') ??
      meta.getAttribute('itemprop') ??
      ''
    )
      .trim()
      .toLowerCase();
    if (!wanted.has(key)) continue;
    const content = squash(meta.getAttribute('content') ?? '');
    if (content) return content;
  }
  return null;
}

/** Title separators sites join "article _ column _ site" with. */
const TITLE_SEPARATOR = /\s*(?:_{1,2}|\||｜|\s-{1,2}\s|\s—\s|-{2})\s*/;

/**
 * A stuffed spam title: many short phrases joined by separators, e.g.
 * `手机国产在线观看免费av_永久免费无码中文字幕_亚洲…`. Real titles have at most
 * "article _ column _ site".
 */
export function isStuffedTitle(title: string): boolean {
  const parts = title.split(/[_|｜,，、]+/).filter((p) => p.trim().length > 0);
  return parts.length >= 4;
}

/** The <title> without its site/column suffix (or prefix, when the site name comes first). */
/**
 * Whitespace in titles: squashed, and dropped between a number and the 年/月/日/号 it counts
 * (`2007\u3000年末`, a typesetting artefact of justified headings); spaces between phrases stay.
 */
export function tidyTitle(raw: string): string {
  return squash(raw).replace(/(\d)\s+(?=[年月日号期届次])/g, '$1');
}

export function cleanDocumentTitle(raw: string, siteName: string | null): string | null {
  const title = tidyTitle(raw);
  if (!title || isStuffedTitle(title)) return null;
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length <= 1) return title;
  const site = siteName ? compact(siteName) : '';
  const candidates = parts.filter((p) => compact(p) !== site);
  // The article title is the longest part; columns and site names are short.
  return candidates.reduce(
    (best, p) => (p.length > best.length ? p : best),
    candidates[0] ?? parts[0] ?? title,
  );
}

/** Elements that hold the article heading in the CMS templates we know, plus plain h1-h3. */
const HEADING_SELECTOR = [
  'h1',
  'h2',
  'h3',
  'ucaptitle',
  '#PRHeadlineSpan',
  '.pageTitle',
  '.article-title',
  '.con-title',
  '.sp_title',
  '.detail-article-title',
  '.title',
  '.tit',
  '.bt',
  '#title',
  '.article_title',
  '.news_title',
  '.xxgk_title',
].join(',');

function documentTitleText(doc: Document): string {
  return squash(doc.querySelector('title')?.textContent ?? '');
}

/** The first page heading whose text the <title> begins with (or contains, for site-first titles). */
export function headingTitle(doc: Document): string | null {
  const titleText = compact(documentTitleText(doc));
  if (!titleText) return null;
  const cleaned = compact(cleanDocumentTitle(documentTitleText(doc), null) ?? '');
  for (const el of Array.from(doc.querySelectorAll(HEADING_SELECTOR)).slice(0, 200)) {
    const text = tidyTitle(el.textContent ?? '');
    const key = compact(text);
    if (key.length < 4 || key.length > 200) continue;
    if (titleText.startsWith(key) || (key.length >= 8 && titleText.includes(key))) return text;
    // a heading with a badge in front (`原创最不愁吃肉的国家…`): the <title>'s own article part
    if (
      cleaned &&
      cleaned.length >= 8 &&
      key.length <= cleaned.length + 6 &&
      key.endsWith(cleaned)
    ) {
      return cleanDocumentTitle(documentTitleText(doc), null);
    }
  }
  return null;
}

export function extractTitle(doc: Document, siteName: string | null): string | null {
  const articleTitle = metaContent(doc, 'ArticleTitle');
  if (articleTitle && !isStuffedTitle(articleTitle)) return tidyTitle(articleTitle);
  const heading = headingTitle(doc);
  if (heading && !isStuffedTitle(heading)) return heading;
  const og = metaContent(doc, 'og:title', 'twitter:title');
  if (og && !isStuffedTitle(og)) return cleanDocumentTitle(og, siteName);
  const fromTitle = cleanDocumentTitle(documentTitleText(doc), siteName);
  // Templates whose <title> is only the site name (Taiwan Hyweb): the CMS's own title element.
  if (!fromTitle || fromTitle === siteName || isSiteNameOnly(doc, fromTitle)) {
    const known = doc.querySelector(KNOWN_TITLE_SELECTOR);
    const text = known ? tidyTitle(known.textContent ?? '') : '';
    if (text.length >= 4 && !isStuffedTitle(text)) return text;
  }
  return fromTitle;
}

/** Title elements of CMS templates, used when the <title> names only the site. */
const KNOWN_TITLE_SELECTOR =
  'ucaptitle, #PRHeadlineSpan, h2.pageTitle, .article-title, .sp_title, .con-title, .detail-article-title';

/** A <title> that is just the site name: it matches the logo/header heading or says 政府 and nothing more. */
function isSiteNameOnly(doc: Document, title: string): boolean {
  const logo = doc.querySelector('.logo, #logo, h1.logo, .header h1');
  if (logo && compact(logo.textContent ?? '') === compact(title)) return true;
  return /^[\u4e00-\u9fff]{2,12}(?:人民政府|政府|市政府|縣政府|县政府)$/.test(title);
}

const timeLabelSet = new Set(TIME_LABELS);
const sourceLabelSet = new Set(SOURCE_LABELS.map(compact));

/** The first labelled on-page publication time, e.g. `发布时间：2024-05-23 08:54`. */
function onPageTime(fields: readonly LabelledField[]): string | null {
  for (const field of fields) {
    if (!timeLabelSet.has(field.label)) continue;
    const iso = parseDate(field.value);
    if (iso) return iso;
  }
  return null;
}

/** Times in metas other than PubDate: Open Graph, news-site conventions, TRS `firstpublishedtime`. */
function metaTime(doc: Document): string | null {
  const raw = metaContent(
    doc,
    'PubDate',
    'article:published_time',
    'og:article:published_time',
    'og:release_date',
    'publishdate',
    'publish_date',
    'pubdate',
    'firstpublishedtime',
    'datePublished',
    'weibo:article:create_at',
    'og:updated_time',
  );
  return raw ? parseDate(raw) : null;
}

/** `datePublished` from JSON-LD blocks (news sites). */
function jsonLdTime(doc: Document): string | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const match = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    if (match?.[1]) {
      const iso = parseDate(match[1]);
      if (iso) return iso;
    }
  }
  return null;
}

/** `<time datetime>` inside the page, the HTML way to state a date. */
function timeElement(doc: Document): string | null {
  const time = doc.querySelector('time[datetime], time[pubdate]');
  if (!time) return null;
  return parseDate(time.getAttribute('datetime') ?? time.textContent ?? '');
}

/** GIA press releases end with `Ends/Tuesday, June 21, 2022 / Issued at HKT 20:16`. */
function trailerTime(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^Ends\s*\//i.test(line) || /^完\s*\//.test(line)) {
      const window = [line, lines[i + 1] ?? '', lines[i + 2] ?? ''].join(' ');
      return parseDate(window);
    }
  }
  return null;
}

/** Picks between an on-page and a meta time: the page wins, unless both name the same day. */
function reconcileTimes(onPage: string | null, meta: string | null): string | null {
  if (!onPage) return meta;
  if (!meta) return onPage;
  if (isoDay(onPage) === isoDay(meta) && meta.length > onPage.length) return meta;
  return onPage;
}

function firstFieldValue(
  fields: readonly LabelledField[],
  labels: readonly string[],
): string | null {
  const wanted = new Set(labels.map(compact));
  for (const field of fields) {
    if (wanted.has(field.label) && field.value) return field.value;
  }
  return null;
}

/** The source as printed on the page: the value up to the first space (sources have none). */
function onPageSource(fields: readonly LabelledField[]): string | null {
  for (const field of fields) {
    if (!sourceLabelSet.has(field.label)) continue;
    const value = field.value.split(' ')[0]?.replace(/[：:]$/, '') ?? '';
    if (value.length >= 2 && value.length <= 40 && !parseDate(value)) return value;
  }
  return null;
}

/** Where the labelled fields of an article live: before the body, so only the top lines count. */
const MAX_META_LINES = 4000;

/** Lines of the page used for labels; exported so detection can reuse one walk. */
export function pageLines(doc: Document): string[] {
  return visibleLines(contentRoot(doc), MAX_META_LINES);
}

function siteNameOf(doc: Document): string | null {
  return metaContent(doc, 'SiteName', 'og:site_name', 'application-name');
}

/** The title alone, as `extractMeta` gives it, without reading the page's lines (the popup's need). */
export function extractTitleOnly(doc: Document): string | null {
  return extractTitle(doc, siteNameOf(doc));
}

export function extractMetaFromLines(doc: Document, lines: readonly string[]): ArticleMeta {
  const fields = labelledFields(lines);
  const siteName = siteNameOf(doc);
  const title = extractTitle(doc, siteName);
  const onPage = onPageTime(fields) ?? trailerTime(lines);
  const meta = metaTime(doc) ?? jsonLdTime(doc) ?? timeElement(doc);
  return {
    title,
    publishedTime: reconcileTimes(onPage, meta),
    source: metaContent(doc, 'ContentSource') ?? onPageSource(fields),
    siteName,
    docNumber: firstFieldValue(fields, DOC_NUMBER_LABELS),
    indexNumber: firstFieldValue(fields, INDEX_NUMBER_LABELS),
  };
}

/** Title, time, source, site name, 文号 and 索引号 of the page. `url` is reserved for URL-based dates. */
export function extractMeta(doc: Document, _url?: string): ArticleMeta {
  return extractMetaFromLines(doc, pageLines(doc));
}
