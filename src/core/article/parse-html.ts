// Turns an HTML string into nodes of a given document without assigning `innerHTML`.
//
// DOMParser builds a separate, inert document (no script runs, nothing loads) and its body's
// children are imported into the owner document. This is the parsing route Mozilla's add-on
// guidelines recommend; it is used only on HTML that Readability serialised or that the
// sanitiser (sanitize.ts) wrote, never on page markup as such.

/** What `parseHtmlFragment` needs besides the owner document. */
export interface ParseHtmlOptions {
  /**
   * A document whose window provides the DOMParser (the owner's by default). A clone made with
   * `cloneNode` has no window in browsers, so extraction passes the original page here.
   */
  parserSource?: Document;
  /**
   * Turns the markup into what the parser accepts on the page, e.g. a Trusted Types `TrustedHTML`
   * (typed as string, like `innerHTML`'s setter in the DOM typings).
   */
  trust?: (markup: string) => string;
}

type DomParserConstructor = new () => DOMParser;

/**
 * The DOMParser of `doc`'s window: the page's in the browser, happy-dom's, or linkedom's (linkedom
 * has no global one). Falls back to the global DOMParser for documents without a window.
 */
function domParserFor(doc: Document): DomParserConstructor {
  const fromWindow = (doc.defaultView as { DOMParser?: unknown } | null)?.DOMParser;
  if (typeof fromWindow === 'function') return fromWindow as DomParserConstructor;
  if (typeof globalThis.DOMParser === 'function') return globalThis.DOMParser;
  throw new Error('no DOMParser available for this document');
}

/**
 * Parses `html` as the content of a `<body>` and returns it as a fragment owned by `owner`.
 * The same nodes as `element.innerHTML = html` on an element of `owner` would give: the parse
 * runs in the owner's mode (quirks or standards, which decides e.g. whether `<table>` closes an
 * open `<p>`), and the body context equals a `<div>` context.
 */
export function parseHtmlFragment(
  owner: Document,
  html: string,
  options: ParseHtmlOptions = {},
): DocumentFragment {
  const Parser = domParserFor(options.parserSource ?? owner);
  const doctype = owner.compatMode === 'BackCompat' ? '' : '<!doctype html>';
  // Explicit <html>/<head>/<body>: linkedom's parser only fills `body` when they are present.
  const markup = `${doctype}<html><head></head><body>${html}</body></html>`;
  const parsed = new Parser().parseFromString(
    options.trust ? options.trust(markup) : markup,
    'text/html',
  );
  const fragment = owner.createDocumentFragment();
  // importNode, not adoptNode: linkedom 0.18 has no adoptNode.
  for (const node of Array.from(parsed.body?.childNodes ?? [])) {
    fragment.append(owner.importNode(node, true));
  }
  return fragment;
}
