// Body containers of the government CMSs we know. When one is present and holds text, it is the
// article body, and a better answer than any scoring guess (Readability sometimes picks a
// sidebar on pages with little text, or drops the 信息公开 tables).

import { compact } from './page-text';

export interface KnownContainer {
  name: string;
  element: Element;
}

/**
 * Class names that CMS templates use for the body but news portals also use for whole page
 * regions (sina's `.article-content` holds comments and the footer). Trusted only when they are
 * not link-heavy.
 */
const GENERIC_CONTAINERS = new Set(['.article-content', '.main-txt']);
const MAX_GENERIC_LINK_DENSITY = 0.2;

function linkShare(el: Element): number {
  const total = compact(el.textContent ?? '').length;
  if (total === 0) return 0;
  let links = 0;
  for (const a of Array.from(el.getElementsByTagName('a')))
    links += compact(a.textContent ?? '').length;
  return links / total;
}

/** Most specific first: the editor's own node before the template wrapper around it. */
const KNOWN_CONTAINERS: ReadonlyArray<readonly [string, string]> = [
  ['ucapcontent', 'ucapcontent'], // 开普云 UCAP custom element
  ['#UCAP-CONTENT', '#UCAP-CONTENT'], // gov.cn, 开普云
  ['.TRS_Editor', '.TRS_Editor, .TRS_UEDITOR'], // TRS WCM editor output
  ['#zoom', '#zoom'], // Hanweb, many TRS templates (the 字号 control resizes it)
  ['#zoomcon', '#zoomcon'],
  ['#pressrelease', '#pressrelease'], // HK GIA
  ['section.cp', 'section.cp'], // Taiwan Hyweb content page
  ['.pages_content', '.pages_content'], // gov.cn
  ['.article-content', '.article-content'], // 开普云 and many templates
  ['.main-txt', '.main-txt'],
  ['#Zoom', '#Zoom'],
];

/** Fewer visible characters than this and the container is an empty template shell. */
const MIN_CONTAINER_CHARS = 60;

const ALL_SELECTORS = KNOWN_CONTAINERS.map(([, selector]) => selector).join(', ');

/** The known container with text, preferring the earlier entries of KNOWN_CONTAINERS. One query. */
export function findKnownContainer(doc: Document | Element): KnownContainer | null {
  const found = Array.from(doc.querySelectorAll(ALL_SELECTORS));
  if (found.length === 0) return null;
  for (const [name, selector] of KNOWN_CONTAINERS) {
    for (const element of found) {
      if (
        !element.matches(selector) ||
        compact(element.textContent ?? '').length < MIN_CONTAINER_CHARS
      )
        continue;
      if (GENERIC_CONTAINERS.has(name) && linkShare(element) > MAX_GENERIC_LINK_DENSITY) continue;
      return { name, element };
    }
  }
  return null;
}
