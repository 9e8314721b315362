// Body sanitising with a strict allow-list, in two layers:
// 1. `serializeAllowed` rebuilds the body as an HTML string from the DOM, emitting only allowed
//    tags and attributes (everything else is unwrapped or dropped). Because we write the string
//    ourselves, nothing outside the list can reach the output whatever DOM implementation parsed
//    the page, and Word/CMS residue (style, class, <font>, <o:p>, MsoNormal) disappears with it.
// 2. DOMPurify with the same allow-list over that string, when the given window runs DOMPurify
//    correctly (a self-test decides). Browsers do. In Node neither linkedom 0.18 (DOMPurify reports
//    `isSupported` false and returns its input unchanged) nor happy-dom 21 (DOMPurify 3.5 reads
//    `Node.prototype.nodeName`, which is '' there, so it unwraps every element and lets
//    `<script>` through) does, so there layer 1 alone is the guarantee; `sanitizer` says which ran.

import createDOMPurify from 'dompurify';

export const ALLOWED_TAGS = [
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
] as const;
export const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'width',
  'height',
  'colspan',
  'rowspan',
] as const;

const allowedTags = new Set<string>(ALLOWED_TAGS);

/** Dropped with everything inside: active content, forms, embedded documents, graphics code. */
const DROPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'link',
  'meta',
  'title',
  'head',
  'base',
  'dialog',
  'portal',
  'o:p',
]);

/** Containers that become paragraphs when they hold text directly, or vanish around their blocks. */
const BLOCKISH = new Set([
  'div',
  'section',
  'article',
  'main',
  'center',
  'header',
  'footer',
  'aside',
  'address',
  'pre',
  'dl',
  'dd',
  'dt',
  'hgroup',
  'details',
  'summary',
  'span-block',
]);
const BLOCK_OUTPUT = new Set([
  'p',
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
  'blockquote',
  'figure',
  'figcaption',
  'div',
  'section',
  'article',
  'main',
  'center',
  'header',
  'footer',
  'aside',
  'address',
  'pre',
  'dl',
  'dd',
  'dt',
  'h1',
  'hr',
]);

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** http(s) or relative URLs, made absolute against `base`; anything else (javascript:, data:) is null. */
export function safeUrl(raw: string | null, base: string | undefined): string | null {
  const value = (raw ?? '').trim();
  if (!value || value.startsWith('#')) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') return null;
  if (!base) return scheme || value.startsWith('/') || !/^[\w.-]*:/.test(value) ? value : null;
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}

const NUMERIC = /^\d{1,4}%?$/;

/** Tags that never hold paragraphs; an unknown wrapper (span, font, label) does when a child does. */
const INLINE_OUTPUT = new Set(['a', 'strong', 'em', 'b', 'i', 'u', 'sub', 'sup', 'br', 'img']);

/** Does `el` render as a block in the output (a paragraph of its own, a list, a table…)? */
function rendersAsBlock(el: Element, depth = 0): boolean {
  const tag = el.tagName.toLowerCase();
  if (BLOCK_OUTPUT.has(tag)) return true;
  if (INLINE_OUTPUT.has(tag) || DROPPED_TAGS.has(tag) || depth > 3) return false;
  return hasBlockChild(el, depth + 1);
}

function hasBlockChild(el: Element, depth = 0): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (rendersAsBlock(c, depth)) return true;
  }
  return false;
}

/** The image URL, including the lazy-loading attributes news and CMS templates use. */
function imageSource(img: Element): string | null {
  return (
    img.getAttribute('src') ??
    img.getAttribute('data-src') ??
    img.getAttribute('data-original') ??
    img.getAttribute('original')
  );
}

/** Layer 1: rebuild `root`'s children as allow-listed HTML, inline runs between blocks as <p>. */
export function serializeAllowed(root: Node, baseUrl: string | undefined): string {
  let out: string[] = [];

  /** Children of a block container: loose inline content between blocks becomes a paragraph. */
  const walkBlocks = (node: Node): void => {
    const saved = out;
    let run: string[] = [];
    const flushRun = (): void => {
      const html = run.join('');
      if (html.replace(/<br>|&nbsp;|\s/g, '').length > 0)
        saved.push(`<p>${html.replace(/^(?:<br>|\s)+|(?:<br>|\s)+$/g, '')}</p>`);
      run = [];
    };
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && rendersAsBlock(child as Element)) {
        flushRun();
        out = saved;
        emit(child);
      } else {
        out = run;
        emit(child);
      }
    }
    out = saved;
    flushRun();
  };

  const walkInline = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) emit(child);
  };

  const emit = (child: Node): void => {
    if (child.nodeType === 3) {
      out.push(escapeText(child.nodeValue ?? ''));
      return;
    }
    if (child.nodeType !== 1) return;
    const el = child as Element;
    const tag = el.tagName.toLowerCase();
    if (DROPPED_TAGS.has(tag) || tag.includes(':')) return; // namespaced Word tags: <o:p>, <v:shape>
    if (tag === 'hr') return;
    if (tag === 'h1') {
      out.push('<h2>');
      walkInline(el);
      out.push('</h2>');
      return;
    }
    if (BLOCKISH.has(tag) || (!allowedTags.has(tag) && rendersAsBlock(el))) {
      if (hasBlockChild(el)) {
        walkBlocks(el);
      } else {
        out.push('<p>');
        walkInline(el);
        out.push('</p>');
      }
      return;
    }
    if (tag === 'p' && hasBlockChild(el)) {
      walkBlocks(el); // <p><div>…</div></p> from sloppy editors: no nested paragraphs
      return;
    }
    if (!allowedTags.has(tag)) {
      walkInline(el); // presentational wrappers (span, font, label, ucapcontent): keep the content
      return;
    }
    const attrs: string[] = [];
    if (tag === 'a') {
      const href = safeUrl(el.getAttribute('href'), baseUrl);
      if (!href) {
        walkInline(el);
        return;
      }
      attrs.push(`href="${escapeAttr(href)}"`);
    } else if (tag === 'img') {
      const src = safeUrl(imageSource(el), baseUrl);
      if (!src) return;
      attrs.push(`src="${escapeAttr(src)}"`);
      const alt = el.getAttribute('alt');
      if (alt) attrs.push(`alt="${escapeAttr(alt.trim())}"`);
      for (const dim of ['width', 'height']) {
        const v = el.getAttribute(dim)?.trim();
        if (v && NUMERIC.test(v)) attrs.push(`${dim}="${v}"`);
      }
    } else if (tag === 'td' || tag === 'th') {
      for (const span of ['colspan', 'rowspan']) {
        const v = el.getAttribute(span)?.trim();
        if (v && /^\d{1,3}$/.test(v) && v !== '1') attrs.push(`${span}="${v}"`);
      }
    }
    out.push(`<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
    if (tag === 'br' || tag === 'img') return;
    walkInline(el);
    out.push(`</${tag}>`);
  };

  walkBlocks(root);
  // empty paragraphs: spacer <p>&nbsp;</p> of editors, stray </p> of broken markup
  return out.join('').replace(/<p>(?:\s|&nbsp;|\u00a0|\u3000|<br>)*<\/p>/g, '');
}

type Purifier = ReturnType<typeof createDOMPurify>;
const purifierCache = new WeakMap<object, Purifier | null>();

/** A DOMPurify bound to `win`, or null when it does not sanitise correctly there (self-test). */
function workingPurifier(win: Window): Purifier | null {
  if (purifierCache.has(win)) return purifierCache.get(win) ?? null;
  let purifier: Purifier | null = null;
  try {
    // DOMPurify's typings want the global WindowLike; a linkedom/happy-dom window is structurally close enough.
    const candidate = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
    const probe = candidate.sanitize(
      '<p onclick="x()">a<script>b()</script><a href="javascript:c()">d</a></p>',
    );
    if (candidate.isSupported && probe === '<p>a<a>d</a></p>') purifier = candidate;
  } catch {
    purifier = null;
  }
  purifierCache.set(win, purifier);
  return purifier;
}

export interface SanitizeResult {
  html: string;
  /** `dompurify+allowlist` when both layers ran, `allowlist` when DOMPurify could not run here. */
  sanitizer: 'dompurify+allowlist' | 'allowlist';
}

/** Both layers over `root`'s children. */
export function sanitizeBody(
  root: Node,
  baseUrl: string | undefined,
  purifyWindow: Window | undefined,
): SanitizeResult {
  const html = serializeAllowed(root, baseUrl);
  const purifier = purifyWindow ? workingPurifier(purifyWindow) : null;
  if (!purifier) return { html, sanitizer: 'allowlist' };
  const purified = purifier.sanitize(html, {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: [...ALLOWED_ATTR],
    ALLOWED_URI_REGEXP: /^(?:https?:|\/|\.|[^:]*$)/i,
    ALLOW_DATA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  });
  return { html: String(purified), sanitizer: 'dompurify+allowlist' };
}
