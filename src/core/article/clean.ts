// Pre-cleaning of a page CLONE before body extraction: the site chrome that surrounds government
// articles, removed so neither Readability nor the reader shows it. Each rule is a named function;
// none touches the element that holds the body (`keep`) or anything inside it unless the rule is
// about in-body residue (title heading, meta line, spam line).

import { isStuffedTitle } from './meta';
import { compact, isInlineHidden, squash } from './page-text';

/** Never useful in a reader: code, embedded documents, widgets. */
const DEAD_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'object',
  'embed',
  'link',
  'input',
  'select',
  'button',
  'textarea',
  'canvas',
  'audio',
  'map',
  'dialog',
].join(',');

/** Landmarks that are chrome by definition. */
const CHROME_LANDMARKS =
  'nav, footer, [role="navigation"], [role="banner"], [role="contentinfo"], [role="search"]';

/**
 * class/id tokens of chrome blocks in Chinese CMS templates (pinyin included):
 * 位置 breadcrumbs, 分享 share bars, 二维码 QR codes, 打印/字号 tools, 相关 related links, 版权 footers.
 */
const CHROME_TOKEN =
  /^(?:nav|navbar|navs|menu|menus|submenu|breadcrumbs?|crumbs?|bread|position|positions|location|weizhi|dqwz|curpos|current|share|shares|sharebox|bdshare|fenxiang|qrcode|qr|erweima|ewm|code2d|print|dayin|fontsize|fontsizes|zihao|fontbtn|tools|toolbar|tool|gongju|related|relate|xgwz|xglj|xgxw|footer|foot|bottom|copyright|banquan|jiucuo|sidebar|side|aside|comment|comments|pinglun|pagination|pager|topbar|header|head|top|banner|logo|search|login|skip|access|wza|aria)$/i;

function tokensOf(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return raw.split(/[\s_-]+/).filter(Boolean);
}

/** Share of an element's text that is link text: menus and link lists are mostly links. */
export function linkDensity(el: Element): number {
  const total = compact(el.textContent ?? '').length;
  if (total === 0) return 0;
  let links = 0;
  for (const a of Array.from(el.getElementsByTagName('a')))
    links += compact(a.textContent ?? '').length;
  return links / total;
}

const textLength = (el: Element): number => compact(el.textContent ?? '').length;

/** Removes `el` unless it is, contains or sits inside the protected body. */
function removeOutside(el: Element, keep: Element | null): boolean {
  if (keep && (el === keep || el.contains(keep) || keep.contains(el))) return false;
  el.remove();
  return true;
}

/** Climbs from a small matching element to the largest ancestor that is still a short line. */
function lineBlock(el: Element, maxChars: number, keep: Element | null): Element {
  let block = el;
  for (
    let parent = el.parentElement;
    parent && parent.tagName !== 'BODY';
    parent = parent.parentElement
  ) {
    if (keep && parent.contains(keep)) break;
    if (textLength(parent) > maxChars) break;
    // a line of controls has no sentences; a parent with prose is content that holds the tools
    if (/[。！？]/.test(parent.textContent ?? '')) break;
    block = parent;
  }
  return block;
}

/** The smallest elements whose own text matches: leaves of the element tree for text rules. */
function* smallElementsMatching(
  root: ParentNode,
  test: RegExp,
  maxChars: number,
): Generator<Element> {
  for (const el of Array.from(
    root.querySelectorAll(
      'div, p, span, li, td, ul, dl, dd, section, h2, h3, h4, h5, h6, font, a, strong, b',
    ),
  )) {
    const text = el.textContent ?? '';
    if (text.length > maxChars * 3) continue;
    const squashed = squash(text);
    if (squashed.length > maxChars || !test.test(squashed)) continue;
    // only the innermost match: a child that matches too will be visited itself
    if (Array.from(el.children).some((c) => test.test(squash(c.textContent ?? '')))) continue;
    yield el;
  }
}

export function removeDeadElements(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll(DEAD_SELECTOR))) el.remove();
}

/** Inline-hidden blocks are not read (hidden tabs, dark links); a hidden body is kept. */
export function removeHidden(root: ParentNode, keep: Element | null): void {
  for (const el of Array.from(root.querySelectorAll('[style], [hidden]'))) {
    if (isInlineHidden(el)) removeOutside(el, keep);
  }
}

export function removeChromeLandmarks(root: ParentNode, keep: Element | null): void {
  for (const el of Array.from(root.querySelectorAll(CHROME_LANDMARKS))) removeOutside(el, keep);
}

/** Holds article prose: two or more sentence-length paragraphs. Such a block is never chrome. */
function containsProse(el: Element): boolean {
  let paragraphs = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) {
    const text = compact(p.textContent ?? '');
    if (text.length >= 40 && /[。！？.!?]/.test(text) && ++paragraphs >= 2) return true;
  }
  return false;
}

/**
 * Template blocks named like chrome, when they are short, or mostly links without prose.
 * (`<body class="…login…">` and wrappers like `post_header` around the whole page exist.)
 */
export function removeChromeByName(root: ParentNode, keep: Element | null): void {
  for (const el of Array.from(root.querySelectorAll('[class], [id]'))) {
    if (!el.parentNode) continue; // inside a block removed earlier in this loop
    if (el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'MAIN') continue;
    if (!tokensOf(el).some((t) => CHROME_TOKEN.test(t))) continue;
    if (textLength(el) < 300 || (linkDensity(el) > 0.5 && !containsProse(el)))
      removeOutside(el, keep);
  }
}

/** Breadcrumbs: `当前位置：首页 > 新闻中心 > 正文`. */
const BREADCRUMB =
  /^(?:当前位置|當前位置|您当前的位置|您当前位置|您现在的位置|您現在的位置|您所在的位置|您的位置|当前所在位置|您当前所在位置|所在位置|位置)\s*[:：]?/;
/** Page tools: font size, print, close, share, QR code, favourites. */
const PAGE_TOOLS =
  /(?:打印本页|打印本頁|关闭窗口|關閉窗口|關閉視窗|【打印】|【关闭】|\[打印\]|\[关闭\]|\[關閉\]|字号\s*[:：]|字體\s*[:：]|字体\s*[:：]|文字大小|分享到|扫一扫|掃一掃|收藏本页|保存本页|友善列印|回上一頁|【大\s*中\s*小】|\[\s*大\s*中\s*小\s*\]|\[大\]\s*\[中\]\s*\[小\]|默认\s*大\s*超大|^字号$|^打印$|^关闭$)/;

export function removeBreadcrumbsAndTools(root: ParentNode, keep: Element | null): void {
  for (const el of Array.from(smallElementsMatching(root, BREADCRUMB, 200))) {
    removeOutside(lineBlock(el, 200, keep), keep);
  }
  for (const el of Array.from(smallElementsMatching(root, PAGE_TOOLS, 160))) {
    removeOutside(lineBlock(el, 160, keep), keep);
  }
}

/** The article's meta line: publication time, source, page views. */
const META_LINE_LABELS =
  /(?:发布时间|发布日期|發布日期|發布時間|时间|時間|日期|来源|來源|信息来源|浏览次数|瀏覽次數|访问量|點閱次數|点击数|阅读|作者|發布單位|更新日期|责任编辑)\s*[:：]/g;
const PUBLISH_LABEL = /^(?:发布时间|发布日期|發布日期|發布時間|发表时间|更新日期)\s*[:：]/;

/** A paragraph long enough to be body text: meta lines sit before the first one. */
function isBodyParagraph(el: Element): boolean {
  if (el.tagName.toUpperCase() !== 'P') return false;
  const text = compact(el.textContent ?? '');
  return text.length >= 60 || (text.length >= 25 && /[。！？]/.test(text));
}

/**
 * Meta lines (`发布时间:… 来源:… 浏览次数:`): two or more labels on one short line, or a lone
 * publication-date line, or a bare `来源：X` line. With a known body container they go wherever
 * they are outside it (the container itself is never touched, so a notice's own `时间：… 地点：…`
 * paragraph survives). Without one (Readability's pick), only the lines before the first body
 * paragraph go: a closing `本文来源：… 责任编辑：…` line belongs to the story.
 */
export function removeMetaLines(root: ParentNode, keep: Element | null): void {
  const candidates = root.querySelectorAll(
    'div, p, ul, li, span, td, tr, table, dl, section, h2, h3, h4, h5, h6',
  );
  let beforeBody = true;
  for (const el of Array.from(candidates)) {
    if (beforeBody && !keep && isBodyParagraph(el)) beforeBody = false;
    if (!el.parentNode) continue;
    if (keep && (keep.contains(el) || el.contains(keep))) continue;
    const text = squash(el.textContent ?? '');
    if (text.length > 220 || text.length === 0) continue;
    if (/[。！？]/.test(text)) continue; // sentences: content (or a block holding it), not a meta line
    const bareSource = /^(?:来源|來源|信息来源|文章来源)\s*[:：]\s*\S{2,30}$/.test(text);
    const labels = text.match(META_LINE_LABELS)?.length ?? 0;
    const metaLine = labels >= 2 || PUBLISH_LABEL.test(text);
    if (bareSource || (metaLine && (keep !== null || beforeBody))) el.remove();
  }
}

/** The title heading, not to be repeated above the body: any short element with exactly its text. */
export function removeTitleHeading(
  root: ParentNode,
  title: string | null,
  keep: Element | null,
): void {
  if (!title) return;
  const key = compact(title);
  if (key.length < 4) return;
  for (const el of Array.from(
    root.querySelectorAll('h1, h2, h3, h4, p, div, span, td, ucaptitle, strong'),
  )) {
    if (!el.parentNode || compact(el.textContent ?? '') !== key) continue;
    if (keep && el.contains(keep)) continue;
    // inside the body only a heading-like element is the title; a paragraph repeating it stays
    if (keep && keep.contains(el) && !/^(H\d|STRONG|UCAPTITLE)$/.test(el.tagName.toUpperCase()))
      continue;
    el.remove();
  }
}

/** Related-content blocks after the body: a short heading followed by links. */
const RELATED_HEADING =
  /^(?:相关链接|相关新闻|相关阅读|相关文章|相关稿件|关联稿件|關聯稿件|相關連結|相關新聞|延伸阅读|推荐阅读|热点新闻|热门文章|相关附件|相关政策|相關資訊|相关信息)/;

export function removeRelatedBlocks(root: ParentNode, keep: Element | null): void {
  for (const el of Array.from(smallElementsMatching(root, RELATED_HEADING, 30))) {
    const block = el.parentElement;
    if (block && block.tagName !== 'BODY' && linkDensity(block) > 0.4 && textLength(block) < 3000) {
      if (!removeOutside(block, keep)) removeOutside(el, keep);
    } else {
      removeOutside(el, keep);
    }
  }
}

/**
 * Injected SEO spam lines: many short phrases joined by `_`/`|` without sentence punctuation,
 * like the line after the footer of the reference page. (The spam module does the full job on
 * the live page; this keeps the reader clean on its own.)
 */
export function removeSpamLines(root: ParentNode): void {
  for (const el of Array.from(
    root.querySelectorAll('div, p, span, a, li, font, strong, marquee'),
  )) {
    if (!el.parentNode) continue;
    const text = squash(el.textContent ?? '');
    if (text.length < 12 || text.length > 400 || /[。！？]/.test(text)) continue;
    if (isStuffedTitle(text) && /[_|｜]/.test(text) && !/[，,]\s*\S+[，,]/.test(text)) el.remove();
  }
}

/** Attachment file links (附件), which a link list may hold and which must stay. */
export const ATTACHMENT_HREF =
  /\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|7z|pptx?|et|dps|ceb|odt|ods|odp)(?:[?#]|$)/i;

/**
 * Link lists that Readability's pick drags along (related stories, "more news" with dates):
 * three or more links, mostly link text, no prose and no attachment. Used on Readability's
 * output only; a CMS container's own link lists are the author's.
 */
export function removeLinkLists(body: Element): void {
  for (const el of Array.from(body.querySelectorAll('ul, ol, dl, table, div, section'))) {
    if (!el.parentNode) continue;
    const links = Array.from(el.getElementsByTagName('a'));
    if (links.length < 3 || linkDensity(el) <= 0.5 || containsProse(el)) continue;
    if (links.some((a) => ATTACHMENT_HREF.test(a.getAttribute('href') ?? ''))) continue;
    el.remove();
  }
}

const BARE_DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
/** Closing lines that belong to the story: editor, source, reporter, original title. */
const ATTRIBUTION =
  /^[（(【[]?\s*(?:责任编辑|責任編輯|编辑|編輯|来源|來源|本文来源|记者|記者|原题|原標題|原标题|作者|责编|文\/|采写)/;

/**
 * Story cards after the article (image, headline, date — repeated): once two bare dates follow
 * the last prose paragraph, everything after that paragraph except attribution lines goes.
 */
export function removeTrailingCards(body: Element): void {
  const all = Array.from(body.querySelectorAll('*'));
  let lastProse = -1;
  all.forEach((el, i) => {
    if (el.tagName === 'P' && isBodyParagraph(el)) lastProse = i;
  });
  if (lastProse < 0) return;
  const after = all.slice(lastProse + 1);
  const bareDates = after.filter(
    (el) => el.children.length === 0 && BARE_DATE.test(squash(el.textContent ?? '')),
  );
  if (bareDates.length < 2) return;
  const anchor = all[lastProse];
  for (const el of after) {
    if (anchor && el.contains(anchor)) continue;
    if (ATTRIBUTION.test(squash(el.textContent ?? ''))) continue;
    el.remove();
  }
}

/** Empty wrappers left behind (no text, no image, no table). */
export function removeEmptyBlocks(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('div, p, span, section, li, ul, font'))) {
    if (!el.parentNode) continue;
    if (compact(el.textContent ?? '') === '' && !el.querySelector('img, table, br')) el.remove();
  }
}

/**
 * Unprocessed server-template code shown as text (`<%-- … --%>`, `<%@ page … %>`): pages saved
 * from, or broken by, a JSP/ASP back end.
 */
export function removeTemplateResidue(root: Node): void {
  const walk = (node: Node): void => {
    // Array.from: linkedom gives a document's doctype no nextSibling
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        if (value.includes('<%') || value.includes('--%>')) {
          // a comment split over several text nodes leaves a `… --%>` tail in the next one
          child.nodeValue = value.replace(/^[\s\S]*?--%>/, '').replace(/<%[\s\S]*?(?:%>|$)/g, '');
        }
      } else if (child.nodeType === 1) {
        walk(child);
      }
    }
  };
  walk(root);
}

/** All the chrome rules, in an order where earlier removals make later ones cheaper. */
export function preClean(root: ParentNode, title: string | null, keep: Element | null): void {
  removeDeadElements(root);
  removeTemplateResidue(root as unknown as Node);
  removeHidden(root, keep);
  removeSpamLines(root);
  removeChromeLandmarks(root, keep);
  removeChromeByName(root, keep);
  removeBreadcrumbsAndTools(root, keep);
  removeRelatedBlocks(root, keep);
  removeMetaLines(root, keep);
  removeTitleHeading(root, title, keep);
}

/** Rules that also apply inside the chosen body (residue the CMS put into the container). */
export function cleanInsideBody(body: Element, title: string | null): void {
  removeDeadElements(body);
  removeHidden(body, null);
  removeSpamLines(body);
  removeBreadcrumbsAndTools(body, null);
  removeRelatedBlocks(body, null);
  removeTitleHeading(body, title, null);
  removeEmptyBlocks(body);
}
