// Hides the page while its first conversion pass runs, so a reader who chose a script for a site
// never sees a flash of the other one. Always bounded: a slow or failed conversion shows the page.
const HIDE_ATTRIBUTE = 'data-qingyue-hiding';

export function hidePageUntil(doc: Document, ready: Promise<unknown>, timeoutMs: number): void {
  const root = doc.documentElement;
  if (!root) return;
  const style = doc.createElement('style');
  style.setAttribute('data-qingyue-ui', '');
  style.textContent = `html[${HIDE_ATTRIBUTE}]{visibility:hidden!important}`;
  root.setAttribute(HIDE_ATTRIBUTE, '');
  (doc.head ?? root).append(style);
  let revealed = false;
  const reveal = () => {
    if (revealed) return;
    revealed = true;
    root.removeAttribute(HIDE_ATTRIBUTE);
    style.remove();
  };
  const timer = setTimeout(reveal, timeoutMs);
  void ready.finally(() => {
    clearTimeout(timer);
    reveal();
  });
}
