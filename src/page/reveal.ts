// Hides the page while its first conversion pass runs, so a reader who chose a script for a site
// never sees a flash of the other one. Always bounded: a slow or failed conversion shows the page.
//
// Two parts hide: the tiny pre-hide script (entrypoints/prehide.ts), which the background
// registers at document_start for exactly the sites with a chosen script, so that the page is
// hidden before the browser's first paint without waiting for asynchronous storage; and the
// content script's controller, which reveals the page once it has converted the visible part (or
// at once when the settings say "as written"). Both mark the page the same way, so either can
// undo what the other did.
const HIDE_ATTRIBUTE = 'data-qingyue-hiding';
const HIDE_STYLE_SELECTOR = 'style[data-qingyue-hiding-style]';

/** Hides `doc` now (if it is not already), and shows it again after `timeoutMs` at the latest. */
export function hidePage(doc: Document, timeoutMs: number): void {
  const root = doc.documentElement;
  if (!root || root.hasAttribute(HIDE_ATTRIBUTE)) return;
  const style = doc.createElement('style');
  style.setAttribute('data-qingyue-ui', '');
  style.setAttribute('data-qingyue-hiding-style', '');
  style.textContent = `html[${HIDE_ATTRIBUTE}]{visibility:hidden!important}`;
  root.setAttribute(HIDE_ATTRIBUTE, '');
  (doc.head ?? root).append(style);
  setTimeout(() => revealPage(doc), timeoutMs);
}

/** Shows the page again; harmless when it is not hidden. */
export function revealPage(doc: Document): void {
  doc.documentElement?.removeAttribute(HIDE_ATTRIBUTE);
  for (const style of Array.from(doc.querySelectorAll(HIDE_STYLE_SELECTOR))) style.remove();
}

/** Hides the page until `ready` settles, or `timeoutMs` at the latest. */
export function hidePageUntil(doc: Document, ready: Promise<unknown>, timeoutMs: number): void {
  hidePage(doc, timeoutMs);
  void ready.finally(() => revealPage(doc));
}
