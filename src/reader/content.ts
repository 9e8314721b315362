// Turns the article's sanitised body HTML into reader DOM. The HTML was sanitised by the extractor
// (DOMPurify, strict allow-list), so it is the only markup parsed here; everything else the reader
// shows is built with DOM calls. Presentation left over from the page (inline styles, fixed widths,
// full-width-space indents) is removed so that the reader's own settings decide the layout.

import { parseHtmlFragment } from '../core/article/parse-html.ts';
import { fillTemplate } from './strings.ts';

/** Attributes that would override the reader's layout or colours. */
const PRESENTATIONAL_ATTRIBUTES = [
  'style',
  'class',
  'align',
  'width',
  'height',
  'bgcolor',
  'color',
  'face',
  'size',
  'border',
  'cellpadding',
  'cellspacing',
  'valign',
  'nowrap',
];

/** Leading spaces gov pages type by hand to indent paragraphs (ASCII, no-break, ideographic). */
const LEADING_INDENT = /^[\s\u00A0\u3000]+/;

interface TrustedHtmlPolicy {
  createHTML(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML: (input: string) => string }): TrustedHtmlPolicy;
}

let trustedPolicy: TrustedHtmlPolicy | null | undefined;

/**
 * Pages that enforce Trusted Types refuse plain strings in HTML parsing sinks, `DOMParser` among
 * them. The input is already sanitised, so a pass-through policy is correct here; if the page's
 * CSP forbids creating one, the caller falls back to plain text.
 */
function trustedHtml(win: Window | null, html: string): string {
  const factory = (win as unknown as { trustedTypes?: TrustedTypesFactory } | null)?.trustedTypes;
  if (!factory) return html;
  if (trustedPolicy === undefined) {
    try {
      trustedPolicy = factory.createPolicy('qingyue-reader', { createHTML: (input) => input });
    } catch {
      trustedPolicy = null;
    }
  }
  // The policy returns a TrustedHTML object, which parseFromString accepts in place of a string.
  return (trustedPolicy ? trustedPolicy.createHTML(html) : html) as string;
}

/** Plain-text body for when the HTML cannot be parsed: one paragraph per line. */
function textParagraphs(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const line of text.split('\n')) {
    const trimmed = line.replace(LEADING_INDENT, '').trimEnd();
    if (!trimmed) continue;
    const p = doc.createElement('p');
    p.textContent = trimmed;
    fragment.append(p);
  }
  return fragment;
}

function parseSanitized(doc: Document, html: string, fallbackText: string): DocumentFragment {
  try {
    return parseHtmlFragment(doc, html, {
      trust: (markup) => trustedHtml(doc.defaultView, markup),
    });
  } catch {
    return textParagraphs(doc, fallbackText);
  }
}

function hasVisibleContent(element: Element): boolean {
  return (
    (element.textContent ?? '').replace(LEADING_INDENT, '') !== '' ||
    element.querySelector('img, table, video, audio, svg, iframe') !== null
  );
}

/** Removes typed indentation from the first text of a paragraph; the reader indents by CSS. */
function trimLeadingIndent(paragraph: Element): void {
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const trimmed = node.data.replace(LEADING_INDENT, '');
    if (trimmed === node.data) return;
    node.data = trimmed;
    if (trimmed) return;
  }
}

/** Replaces `element` with a new element named `tagName`, keeping its children and attributes. */
function renameElement(element: Element, tagName: string): Element {
  const renamed = element.ownerDocument.createElement(tagName);
  for (const attribute of Array.from(element.attributes)) {
    renamed.setAttribute(attribute.name, attribute.value);
  }
  renamed.append(...Array.from(element.childNodes));
  element.replaceWith(renamed);
  return renamed;
}

export interface BodyOptions {
  /** `tableLabel` template with `{n}`. */
  tableLabel: string;
}

/**
 * Builds the reader body from sanitised HTML: strips page presentation, drops empty paragraphs,
 * keeps a single `h1` on the reader (body `h1` become `h2`), gives every image an `alt`, and wraps
 * tables in labelled, focusable scroll boxes.
 */
export function buildBody(
  doc: Document,
  contentHtml: string,
  fallbackText: string,
  options: BodyOptions,
): DocumentFragment {
  const fragment = contentHtml.trim()
    ? parseSanitized(doc, contentHtml, fallbackText)
    : textParagraphs(doc, fallbackText);

  for (const element of Array.from(fragment.querySelectorAll('*'))) {
    for (const name of PRESENTATIONAL_ATTRIBUTES) {
      // Image dimensions are kept: they reserve space before the image loads (no layout jump).
      if (element.localName === 'img' && (name === 'width' || name === 'height')) continue;
      element.removeAttribute(name);
    }
    // Our own ids start with `qy-`; a body id must not collide with them.
    if (element.id.startsWith('qy-')) element.removeAttribute('id');
  }
  for (const heading of Array.from(fragment.querySelectorAll('h1'))) renameElement(heading, 'h2');
  for (const paragraph of Array.from(fragment.querySelectorAll('p'))) {
    if (!hasVisibleContent(paragraph)) paragraph.remove();
    else trimLeadingIndent(paragraph);
  }
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    // No description known: mark as decorative rather than let screen readers spell the file name.
    if (!image.hasAttribute('alt')) image.setAttribute('alt', image.getAttribute('title') ?? '');
    image.setAttribute('loading', 'lazy');
    image.setAttribute('decoding', 'async');
  }
  let tableNumber = 0;
  for (const table of Array.from(fragment.querySelectorAll('table'))) {
    if (table.parentElement?.closest('table')) continue; // nested layout tables scroll with their parent
    tableNumber += 1;
    const scroller = doc.createElement('div');
    scroller.className = 'qy-table-scroll';
    scroller.setAttribute('role', 'region');
    scroller.tabIndex = 0;
    const caption = table.querySelector(':scope > caption')?.textContent?.trim();
    const label = fillTemplate(options.tableLabel, { n: tableNumber });
    scroller.setAttribute('aria-label', caption ? `${label}: ${caption}` : label);
    table.replaceWith(scroller);
    scroller.append(table);
  }
  return fragment;
}
