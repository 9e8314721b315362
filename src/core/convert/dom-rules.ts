// Which parts of a page the script converter may touch, and how text is grouped into runs.
// Decided from markup alone (tag names and attributes): computing styles for every element of a
// large page would cost more than the conversion itself.

/**
 * Elements that sit inside a line of text. Text nodes separated only by these belong to one run
 * and are converted together, so that a phrase split by markup (头<b>发</b>) still converts as a
 * phrase. Everything else (blocks, table cells, list items, `<br>`, form controls...) ends a run.
 */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  // A line-break opportunity inside a word: the word must still convert as one.
  'wbr',
]);

/** Whether `node` is an element that continues the surrounding run (by tag; skips not checked). */
export function isInlineTag(el: Element): boolean {
  return INLINE_TAGS.has(el.localName);
}

/**
 * Subtrees never converted: code and machine text, program text, user input, and what is not
 * rendered as page text. `noscript` is only seen when scripts are off, and then we are not running.
 */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'code',
  'kbd',
  'samp',
  'math',
  // The extension's own reader view converts itself.
  'qingyue-reader',
]);

/**
 * Elements whose readable attributes convert (a textarea's placeholder, a frame's title) but
 * whose content does not: what the user types, or another document handled on its own.
 */
const OPAQUE_TAGS = new Set(['textarea', 'iframe', 'frame', 'object', 'embed']);

/** `<pre>` holding program text rather than preformatted prose: highlighters mark it like this. */
const CODE_LIKE_CLASS =
  /(?:^|[\s_-])(?:code|highlight|hljs|prettyprint|prism|brush|syntax|sourcecode|lang(?:uage)?-[\w+#-]+)(?:$|[\s_:-])/i;

/** Attributes that people read (tooltips, placeholders) or hear (alt text, accessible names). */
export const READABLE_ATTRIBUTES = [
  'title',
  'alt',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'label',
  'value',
] as const;

/** Input types whose `value` is the label on a button rather than something the user typed. */
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset']);

export type ElementKind = 'skip' | 'opaque' | 'inline' | 'block';

/**
 * How the walker treats an element: `skip` (never touched: code, editable content, the page's own
 * "do not translate" marks, the extension's UI), `opaque` (readable attributes only, content left
 * alone), `inline` (part of the surrounding run) or `block` (its own runs; ends the surrounding one).
 */
export function classifyElement(
  el: Element,
  isExcluded: ((el: Element) => boolean) | undefined,
): ElementKind {
  const tag = el.localName;
  if (SKIPPED_TAGS.has(tag)) return 'skip';
  if (tag === 'pre' && isCodeLikePre(el)) return 'skip';
  // Option text doubles as the submitted value when there is no `value` attribute: converting it
  // would change what the form sends.
  if (el.hasAttributes() && hasSkipAttribute(el)) return 'skip';
  if (isExcluded !== undefined && callerExcludes(isExcluded, el)) return 'skip';
  if (OPAQUE_TAGS.has(tag)) return 'opaque';
  if (tag === 'option' && !el.hasAttribute('value')) return 'opaque';
  return INLINE_TAGS.has(tag) ? 'inline' : 'block';
}

/** The caller's own rule; one that throws is taken as "leave this alone". */
function callerExcludes(isExcluded: (el: Element) => boolean, el: Element): boolean {
  try {
    return isExcluded(el);
  } catch {
    return true;
  }
}

/** A class list naming `notranslate` (the mark Google Translate and others honour). */
const NOTRANSLATE_CLASS = /(?:^|\s)notranslate(?:\s|$)/;

/**
 * One pass over the element's attribute names (a single DOM call, where asking for each
 * attribute in turn and reading `classList` cost several; this runs for every element).
 */
function hasSkipAttribute(el: Element): boolean {
  for (const name of el.getAttributeNames()) {
    switch (name) {
      case 'contenteditable': {
        // What the user edits is theirs: rich-text editors, comment boxes.
        const editable = el.getAttribute(name);
        if (editable !== null && editable.toLowerCase() !== 'false') return true;
        break;
      }
      case 'translate':
        // The page's own "do not translate" marks, honoured by every translation tool.
        if (el.getAttribute(name)?.toLowerCase() === 'no') return true;
        break;
      case 'class':
        if (NOTRANSLATE_CLASS.test(el.getAttribute(name) ?? '')) return true;
        break;
      case 'data-qingyue-ui':
        // The extension's own UI inside the page.
        return true;
    }
  }
  return false;
}

function isCodeLikePre(pre: Element): boolean {
  if (pre.hasAttribute('lang') && !/^zh\b/i.test(pre.getAttribute('lang') ?? '')) return true;
  if (pre.hasAttribute('data-lang') || pre.hasAttribute('data-language')) return true;
  if (CODE_LIKE_CLASS.test(pre.getAttribute('class') ?? '')) return true;
  return pre.querySelector('code, kbd, samp') !== null;
}

/**
 * Whether `name` on `el` is readable text we may convert. `value` only counts on buttons that
 * show it as their label, and not on a named submit button: there it is also sent to the server.
 */
export function isReadableAttribute(el: Element, name: string): boolean {
  if (name === 'value') {
    if (el.localName !== 'input') return false;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (!BUTTON_INPUT_TYPES.has(type)) return false;
    return !(type === 'submit' && el.hasAttribute('name'));
  }
  if (name === 'label') return el.localName === 'optgroup' || el.localName === 'option';
  return true;
}

/**
 * Whether `node` lies where nothing may be converted: inside (or being) a skipped element, or
 * inside an opaque one. Climbs across shadow roots to their hosts.
 */
export function isInSkippedSubtree(
  node: Node,
  isExcluded: ((el: Element) => boolean) | undefined,
): boolean {
  if (node.nodeType === 1 && classifyElement(node as Element, isExcluded) === 'skip') return true;
  let current: Node | null = node.parentNode;
  while (current !== null) {
    if (current.nodeType === 1) {
      const kind = classifyElement(current as Element, isExcluded);
      if (kind === 'skip' || kind === 'opaque') return true;
      current = current.parentNode;
    } else if (current.nodeType === 11) {
      // A shadow root: continue with its host (a plain fragment has none and ends the climb).
      current = (current as ShadowRoot).host ?? null;
    } else {
      return false;
    }
  }
  return false;
}
