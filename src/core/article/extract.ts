// Full article extraction for the reader view and the CLI: metadata, verdict, and a clean body.
// Heavy (Readability + DOMPurify), so it is loaded only on demand. The page itself is never
// modified: everything happens on a clone.
//
// Body: the known CMS container (#zoom, .TRS_Editor, #UCAP-CONTENT…) when the page has one, else
// Readability's pick over a pre-cleaned clone (breadcrumbs, tools, share/QR, related links,
// footer, nav and spam gone first, so Readability cannot choose them).

import { Readability } from '@mozilla/readability';
import type { Attachment, ExtractedArticle } from '../types';
import {
  ATTACHMENT_HREF,
  cleanInsideBody,
  linkDensity,
  preClean,
  removeLinkLists,
  removeMetaLines,
  removeTrailingCards,
} from './clean';
import { findKnownContainer } from './containers';
import { detectArticle } from './detect';
import { extractMetaFromLines, pageLines } from './meta';
import { compact, repairStrayContent, squash, visibleLines } from './page-text';
import { parseHtmlFragment } from './parse-html';
import { safeUrl, sanitizeBody } from './sanitize';

export interface ExtractOptions {
  url?: string;
  /** a DOMPurify-capable window; in the browser `window`, in Node the linkedom/happy-dom window */
  purifyWindow?: Window;
}

/**
 * Readability's `charThreshold` fitted to Chinese: its default (500) counts characters of
 * space-separated languages; 140 Chinese characters are already a substantial paragraph.
 */
export const CJK_CHAR_THRESHOLD = 140;

/** A body whose text is more than this share of link text is navigation, not an article. */
const MAX_BODY_LINK_DENSITY = 0.6;

function collectAttachments(root: ParentNode, baseUrl: string | undefined): Attachment[] {
  const seen = new Set<string>();
  const attachments: Attachment[] = [];
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const raw = a.getAttribute('href') ?? '';
    if (!ATTACHMENT_HREF.test(raw)) continue;
    const href = safeUrl(raw, baseUrl);
    if (!href || seen.has(href)) continue;
    seen.add(href);
    const name =
      squash(a.textContent ?? '') ||
      decodeURIComponent(href.split('/').pop()?.split(/[?#]/)[0] ?? href);
    attachments.push({ name, href });
  }
  return attachments;
}

/** A detached copy of the page, parsed by the same DOM implementation as the original. */
function clonePage(doc: Document): Document {
  const clone = doc.cloneNode(true) as Document;
  repairStrayContent(clone);
  return clone;
}

/**
 * Runs Readability on the clone and returns its content as an element of the clone. `page` is
 * the original document, whose window parses Readability's serialised content.
 */
function readabilityBody(clone: Document, page: Document): Element | null {
  const result = new Readability(clone, {
    charThreshold: CJK_CHAR_THRESHOLD,
    keepClasses: false,
  }).parse();
  if (!result?.content) return null;
  const holder = clone.createElement('div');
  holder.append(parseHtmlFragment(clone, result.content, { parserSource: page }));
  return holder;
}

function declaredLang(doc: Document): string | null {
  const lang =
    doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang');
  if (lang?.trim()) return lang.trim();
  const meta = doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content');
  return meta?.trim() || null;
}

/** Language from the text when the page does not declare one: Han characters vs Latin letters. */
function guessLang(text: string): string | null {
  const han = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (han === 0 && latin === 0) return null;
  return han * 3 >= latin ? 'zh' : 'en';
}

export function extractArticle(doc: Document, options: ExtractOptions = {}): ExtractedArticle {
  const url = options.url ?? (doc.URL && !doc.URL.startsWith('about:') ? doc.URL : undefined);
  // One walk over the page's text serves both.
  const lines = pageLines(doc);
  const verdict = detectArticle(doc, url, lines);
  const meta = extractMetaFromLines(doc, lines);

  const clone = clonePage(doc);
  const attachments = collectAttachments(clone, url);
  const known = findKnownContainer(clone);
  preClean(clone, meta.title, known?.element ?? null);

  let body: Element | null = known?.element ?? readabilityBody(clone, doc);
  let bodyKind = known ? known.name : body ? 'readability' : 'none';
  // Readability's best guess on a page without an article is a menu: mostly link text.
  if (body && !known && linkDensity(body) > MAX_BODY_LINK_DENSITY) {
    body = null;
    bodyKind = 'none(link-dense)';
  }
  if (body) {
    cleanInsideBody(body, meta.title);
    if (!known) {
      removeMetaLines(body, null); // Readability keeps bylines inside its pick
      removeLinkLists(body);
      removeTrailingCards(body);
    }
  }

  let contentHtml = '';
  let sanitizer: 'dompurify+allowlist' | 'allowlist' = 'allowlist';
  if (body) {
    const result = sanitizeBody(body, url, options.purifyWindow);
    contentHtml = result.html;
    sanitizer = result.sanitizer;
  }
  // Attachments listed outside the body container (a 附件 block under it) are kept in the reader.
  const inBody = new Set(
    attachments.filter((a) => contentHtml.includes(escapeForMatch(a.href))).map((a) => a.href),
  );
  const outside = attachments.filter((a) => !inBody.has(a.href));
  if (outside.length > 0) {
    const holder = clone.createElement('div');
    const list = clone.createElement('ul');
    for (const attachment of outside) {
      const li = clone.createElement('li');
      const link = clone.createElement('a');
      link.setAttribute('href', attachment.href);
      link.textContent = attachment.name;
      li.appendChild(link);
      list.appendChild(li);
    }
    const heading = clone.createElement('p');
    heading.textContent = '附件：';
    holder.append(heading, list);
    contentHtml += sanitizeBody(holder, url, options.purifyWindow).html;
  }

  const textHolder = clone.createElement('div');
  textHolder.append(parseHtmlFragment(clone, contentHtml, { parserSource: doc }));
  const text = visibleLines(textHolder).join('\n');

  return {
    ...meta,
    isArticle: verdict.isArticle,
    reasons: [...verdict.reasons, `body:${bodyKind}`, `sanitizer:${sanitizer}`],
    contentHtml,
    text,
    attachments,
    lang: declaredLang(doc) ?? guessLang(compact(text).slice(0, 2000)),
    url: url ?? null,
  };
}

/** Attribute values are written escaped in the serialised HTML. */
function escapeForMatch(href: string): string {
  return href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
