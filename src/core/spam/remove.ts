// Removing spam reversibly, once (removeSpam) or live as the page changes (startSpamRemoval).

import type { SpamFinding, SpamScanOptions } from '../types.ts';
import { createBatchContext, findSpam, normaliseText, scanHead, scanSubtrees } from './detect.ts';
import { scanTerms } from './lexicon.ts';
import { StaticStyleSheet } from './styles.ts';

export interface SpamJournal {
  readonly findings: readonly SpamFinding[];
  restore(): void;
}

/** Undo information for one change. */
type Undo = () => void;

/**
 * Removes each finding's element (remembering parent + next sibling so restore puts it back
 * exactly), and replaces a stuffed <title> with the clean title (ArticleTitle meta, else the page h1).
 */
export function removeSpam(doc: Document, findings: SpamFinding[]): SpamJournal {
  const undos: Undo[] = [];
  const applied: SpamFinding[] = [];
  for (const item of findings) {
    const undo = item.kind === 'title' ? replaceTitle(doc) : detach(item.element);
    if (!undo) continue;
    undos.push(undo);
    applied.push(item);
  }
  let restored = false;
  return {
    findings: applied,
    restore() {
      if (restored) return;
      restored = true;
      // Reverse order: a sibling removed later is back in place before its neighbour needs it.
      for (let i = undos.length - 1; i >= 0; i--) (undos[i] as Undo)();
    },
  };
}

function detach(element: Element | null): Undo | null {
  const parent = element?.parentNode;
  if (!element || !parent) return null;
  const next = element.nextSibling;
  parent.removeChild(element);
  return () => {
    // If the page moved the old neighbour meanwhile, the end of the old parent is the best guess.
    parent.insertBefore(element, next && next.parentNode === parent ? next : null);
  };
}

/** Swaps the title's text nodes for the clean title; undo puts the very same nodes back. */
function replaceTitle(doc: Document): Undo | null {
  const title = doc.querySelector('title');
  const clean = cleanTitle(doc);
  if (!title || !clean) return null;
  const original = Array.from(title.childNodes);
  for (const node of original) title.removeChild(node);
  const replacement = doc.createTextNode(clean);
  title.appendChild(replacement);
  return () => {
    if (replacement.parentNode === title) title.removeChild(replacement);
    for (const node of original) title.appendChild(node);
  };
}

/** ArticleTitle (指引 meta), else the page's first h1, else the title's phrases without spam. */
export function cleanTitle(doc: Document): string {
  const meta = doc.querySelector('meta[name="ArticleTitle" i]')?.getAttribute('content');
  const fromMeta = normaliseText(meta ?? '');
  if (fromMeta) return fromMeta;
  const heading = normaliseText(doc.querySelector('h1')?.textContent ?? '');
  if (heading) return heading;
  // Neither: keep the title's own phrases that carry no lexicon term (often the site name).
  const title = doc.querySelector('title')?.textContent ?? '';
  return title
    .split(/[_|｜]/)
    .map(normaliseText)
    .filter((phrase) => phrase && !scanTerms(phrase).any)
    .join('_');
}

/**
 * Live mode for the page: scan + remove now, then watch DOM additions (MutationObserver;
 * script-written spam, content added after load) and remove new spam within the same frame of
 * the node being added (scanning only the added subtrees). Aborting `signal` restores everything
 * exactly. onChange gets the full current list after every change. Never throws into the page.
 */
export function startSpamRemoval(
  doc: Document,
  options: SpamScanOptions & {
    signal: AbortSignal;
    onChange?: (findings: readonly SpamFinding[]) => void;
  },
): { readonly findings: readonly SpamFinding[] } {
  const { signal, onChange } = options;
  const journals: SpamJournal[] = [];
  let findings: readonly SpamFinding[] = [];
  const state = {
    get findings(): readonly SpamFinding[] {
      return findings;
    },
  };
  if (signal.aborted) return state;

  const notify = (): void => {
    try {
      onChange?.(findings);
    } catch {
      // A listener's error is not ours to surface in the page.
    }
  };
  const apply = (found: SpamFinding[]): void => {
    if (found.length === 0) return;
    const journal = removeSpam(doc, found);
    if (journal.findings.length === 0) return;
    journals.push(journal);
    findings = [...findings, ...journal.findings];
  };

  try {
    apply(findSpam(doc, options));
  } catch {
    // Never break the page: a failed scan just removes nothing.
  }
  notify();

  const View = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  if (typeof View !== 'function') return state;

  // Static rules (no-layout mode only) are parsed once per session; everything else per batch.
  const sheet = options.useLayout ? null : new StaticStyleSheet(doc);

  const observer = new View((records) => {
    try {
      const roots = new Set<Node>();
      let titleChanged = false;
      for (const record of records) {
        if (record.type === 'characterData') {
          // Only the changed text needs a look (a live conversion rewrites thousands of them).
          if (record.target.parentElement?.localName === 'title') titleChanged = true;
          else roots.add(record.target);
          continue;
        }
        const target = record.target as Element;
        if (target.nodeType === 1 && target.localName === 'title') titleChanged = true;
        for (const node of Array.from(record.addedNodes)) {
          if (node.nodeType === 1 && (node as Element).localName === 'title') titleChanged = true;
          roots.add(node);
        }
      }
      const batch: SpamFinding[] = titleChanged
        ? scanHead({ doc }).filter((f) => f.kind === 'title')
        : [];
      const live = outermostInBody(doc, roots);
      if (live.length > 0)
        batch.push(...scanSubtrees(createBatchContext(doc, options, sheet), live));
      const before = findings.length;
      apply(batch);
      if (findings.length !== before) notify();
    } catch {
      // See above: never throw into the page.
    }
  });
  // The document, not its element: a page may replace `document.documentElement` after load.
  observer.observe(doc, { childList: true, subtree: true, characterData: true });

  // Styles of external sheets may arrive after the nodes they hide: look once more when the
  // page has finished loading.
  const view = doc.defaultView;
  const onLoad = (): void => {
    try {
      const before = findings.length;
      apply(findSpam(doc, options));
      if (findings.length !== before) notify();
    } catch {
      // Never throw into the page.
    }
  };
  if (view && doc.readyState !== 'complete') view.addEventListener('load', onLoad, { once: true });

  signal.addEventListener(
    'abort',
    () => {
      try {
        observer.disconnect();
        view?.removeEventListener('load', onLoad);
        for (let i = journals.length - 1; i >= 0; i--) (journals[i] as SpamJournal).restore();
        journals.length = 0;
        findings = [];
        notify();
      } catch {
        // Restoring is best effort once the page itself has rewritten the nodes.
      }
    },
    { once: true },
  );
  return state;
}

/** Added nodes still in the body, without those inside another added node (scanned with it). */
function outermostInBody(doc: Document, roots: Set<Node>): Node[] {
  const body = doc.body;
  if (!body) return [];
  const result: Node[] = [];
  // A new document element brings the whole body with it: scan the body, and only it.
  for (const node of roots) if (node !== body && node.contains(body)) return [body];
  for (const node of roots) {
    if (!node.isConnected || !body.contains(node)) continue;
    let nested = false;
    for (let parent = node.parentNode; parent && parent !== body; parent = parent.parentNode) {
      if (roots.has(parent)) {
        nested = true;
        break;
      }
    }
    if (!nested) result.push(node);
  }
  return result;
}
