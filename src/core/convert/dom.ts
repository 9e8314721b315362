// Converting a live page between Simplified and Traditional Chinese, reversibly.
//
// - Text is converted in runs of inline text (dom-walk.ts), so phrases split by markup convert
//   as phrases; what may be touched at all is decided in dom-rules.ts.
// - Every write is journaled (dom-journal.ts): aborting puts back each value that is still what
//   we wrote, and leaves what the page changed since as the page made it.
// - The visible part of the page converts first, in the call itself; the rest follows in slices
//   of a few milliseconds (dom-schedule.ts), so the page stays responsive on very long documents.
// - A MutationObserver converts what the page adds or changes later, in the microtask after the
//   change. It is disconnected while we write, so our own writes never come back to it, and a
//   page script that keeps rewriting the same node gets a capped number of conversions per second.
// Nothing here throws into the page: every entry point from the page's event loop catches.
//
// Usage: one conversion per document at a time. To switch target (tw -> hk), abort the running
// conversion (it restores synchronously) and start a new one with the other converter.

import { ConversionJournal } from './dom-journal.ts';
import {
  READABLE_ATTRIBUTES,
  classifyElement,
  isInSkippedSubtree,
  isInlineTag,
  isReadableAttribute,
  type ElementKind,
} from './dom-rules.ts';
import { createTaskScheduler, type TaskScheduler } from './dom-schedule.ts';
import {
  RunWalker,
  convertRun,
  mayConvert,
  runRangeAround,
  type WalkRange,
  type WalkVisitor,
} from './dom-walk.ts';

export interface ConversionOptions {
  convert: (text: string) => string;
  /** BCP47 to set on <html lang> while converted: 'zh-Hans' | 'zh-Hant' | 'zh-Hant-TW' | 'zh-Hant-HK'. */
  lang: string;
  /** Aborting restores every node/attribute/title/lang exactly (see below) and stops observing. */
  signal: AbortSignal;
  /** Elements never touched besides the built-in exclusions (e.g. the extension's own UI root). */
  isExcluded?: (el: Element) => boolean;
}

export interface ConversionHandle {
  /** resolves when the whole current document has been converted once (or on abort) */
  done: Promise<void>;
  /** number of text nodes + attributes changed so far */
  readonly changed: number;
}

/** Counters for tests and benchmarks; not part of the content script's contract. */
export interface ConversionStats {
  /** Runs of text that had something to convert. */
  runs: number;
  /** Of those, runs whose output length differed, cut at the conversions of their prefixes. */
  prefixRuns: number;
  /** ...and runs where that failed too, so each node was converted on its own. */
  perNodeRuns: number;
  /** Writes skipped because a page script kept rewriting the same node. */
  backedOff: number;
  /** Tasks (slices and observer callbacks) this conversion ran, their total and longest time. */
  tasks: number;
  busyMs: number;
  longestTaskMs: number;
}

/** Knobs with sensible defaults; tests shrink them to make slicing and back-off observable. */
export interface ConversionTuning {
  /** Work per slice before yielding to the page. Well under the 50 ms of a "long task". */
  sliceBudgetMs: number;
  /** Conversions of one node per second caused by the page's own rewrites, before backing off. */
  maxRewritesPerSecond: number;
  /** Convert the part of the page in the viewport first (needs layout: `elementFromPoint`). */
  visibleFirst: boolean;
}

export const DEFAULT_TUNING: ConversionTuning = {
  // Each slice is followed by a frame in which Chromium lays out what the slice changed, plus a
  // fixed cost for walking its trees (measured: large on long pages). Fewer, fuller slices make
  // the whole pass faster; 10 ms keeps a slice and its frame short enough.
  sliceBudgetMs: 10,
  maxRewritesPerSecond: 10,
  visibleFirst: true,
};

export function startConversion(doc: Document, options: ConversionOptions): ConversionHandle {
  return startConversionWith(doc, options, DEFAULT_TUNING);
}

/** `startConversion` with explicit tuning and the stats exposed (tests, benchmarks). */
export function startConversionWith(
  doc: Document,
  options: ConversionOptions,
  tuning: ConversionTuning,
): ConversionHandle & { readonly stats: ConversionStats } {
  const conversion = new DomConversion(doc, options, tuning);
  conversion.start();
  return {
    done: conversion.done,
    get changed() {
      return conversion.changed;
    },
    stats: conversion.stats,
  };
}

const OBSERVED_ATTRIBUTES: string[] = [...READABLE_ATTRIBUTES];
const READABLE_ATTRIBUTE_SET: ReadonlySet<string> = new Set(OBSERVED_ATTRIBUTES);

const OBSERVE_OPTIONS: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: OBSERVED_ATTRIBUTES,
};

/**
 * The viewport is probed on a grid of this many points to find what the reader sees first (each
 * probe is a hit test, about 0.4 ms on a long page here); the visible siblings of what the probes
 * find fill the gaps between them.
 */
const PROBE_COLUMNS = 3;
const PROBE_ROWS = 6;

/** Caret lookups by point: `caretPositionFromPoint` (standard), `caretRangeFromPoint` (WebKit). */
type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/**
 * The element of the text nearest to a point of the viewport. A caret position snaps to the
 * nearest line, where a hit test would find only the page's body in the blank part of a line,
 * right of a short paragraph's text (Firefox hit-tests blocks that way). Hit test otherwise.
 */
function elementNearPoint(doc: Document, x: number, y: number): Element | null {
  const caretDoc = doc as CaretDocument;
  let node: Node | null = null;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    node = caretDoc.caretPositionFromPoint(x, y)?.offsetNode ?? null;
  } else if (typeof caretDoc.caretRangeFromPoint === 'function') {
    node = caretDoc.caretRangeFromPoint(x, y)?.startContainer ?? null;
  }
  if (node === null) return doc.elementFromPoint(x, y);
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** Siblings looked at each way from a block found, at most (a list of thousands of rows). */
const MAX_SIBLINGS_LOOKED_AT = 200;

/**
 * Adds the block siblings of `el` that are on screen (and no taller than it), going each way
 * until one lies wholly past the edge. Called before any write, while layout is clean, so each
 * `getBoundingClientRect` is cheap. Boxes of nothing (display:none, scripts) are passed over.
 */
function addVisibleSiblings(el: Element, height: number, found: Set<Element>): void {
  for (const forward of [true, false]) {
    let sibling = forward ? el.nextElementSibling : el.previousElementSibling;
    for (let looked = 0; sibling !== null && looked < MAX_SIBLINGS_LOOKED_AT; looked++) {
      const box = sibling.getBoundingClientRect();
      if (box.width > 0 || box.height > 0) {
        if (forward ? box.top >= height : box.bottom <= 0) break;
        if (box.bottom > 0 && box.top < height && box.height <= height && !isInlineTag(sibling)) {
          found.add(sibling);
        }
      }
      sibling = forward ? sibling.nextElementSibling : sibling.previousElementSibling;
    }
  }
}

/** Distinct attribute values remembered with their conversion; forgotten all at once when full. */
const ATTRIBUTE_CACHE_SIZE = 2048;

interface RewriteWindow {
  start: number;
  count: number;
}

/** A walk waiting in the queue, and whether the page caused it (then back-off applies). */
interface QueuedWalk {
  walker: RunWalker;
  fromPage: boolean;
}

/** Whether an observed root still belongs to a shown page (pruned from observation if not). */
function isLiveRoot(root: Node, page: Document): boolean {
  if (root === page) return true;
  if (root.nodeType === 9) return (root as Document).defaultView != null;
  return (root as ShadowRoot).host?.isConnected === true;
}

class DomConversion implements WalkVisitor {
  readonly done: Promise<void>;
  changed = 0;
  readonly stats: ConversionStats = {
    runs: 0,
    prefixRuns: 0,
    perNodeRuns: 0,
    backedOff: 0,
    tasks: 0,
    busyMs: 0,
    longestTaskMs: 0,
  };

  private resolveDone: () => void = () => {};
  private isDone = false;
  private stopped = false;

  private readonly win: (Window & typeof globalThis) | null;
  private readonly now: () => number;
  private readonly journal: ConversionJournal;
  private readonly scheduler: TaskScheduler | null;
  private sliceScheduled = false;

  /**
   * One observer for the page, its shadow roots and frames. It is disconnected while we write
   * (see `whileNotObserving`), so our own writes never come back as mutation records.
   */
  private readonly observer: MutationObserver | null;
  private readonly observed = new Set<Node>();
  private observing = true;

  /** Pending walks, first first. */
  private readonly queue: QueuedWalk[] = [];
  /** Blocks converted ahead of the rest because they are on screen. */
  private readonly walkedFirst = new Set<Element>();
  private readonly watchedFrames = new Map<Element, () => void>();

  /** Whether the walk being run was caused by the page changing itself. */
  private fromPage = false;
  private readonly rewrites = new WeakMap<Node, RewriteWindow>();
  /** Attribute values repeat a lot (every link titled 新闻): converted once each. */
  private readonly attributeOutputs = new Map<string, string>();

  constructor(
    private readonly doc: Document,
    private readonly options: ConversionOptions,
    private readonly tuning: ConversionTuning,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    this.journal = new ConversionJournal(doc);
    this.win = doc.defaultView;
    const performance = this.win?.performance ?? globalThis.performance;
    this.now =
      performance !== undefined && typeof performance.now === 'function'
        ? () => performance.now()
        : () => Date.now();
    const Observer = this.win?.MutationObserver;
    this.observer =
      typeof Observer === 'function' ? new Observer((records) => this.onMutations(records)) : null;
    this.scheduler = this.win !== null ? createTaskScheduler(this.win) : null;
  }

  start(): void {
    const { signal } = this.options;
    if (signal.aborted) {
      this.finish();
      return;
    }
    signal.addEventListener('abort', () => this.stop(), { once: true });
    try {
      // One task: the visible part (with `lang`, so that its glyphs change in the same frame),
      // then the first slice of the rest, unless the visible part took half a slice already:
      // finding it and decoding the dictionary's first entries can, on a long page.
      const started = this.now();
      if (this.tuning.visibleFirst) this.convertVisibleBlocks();
      this.attachDocument(this.doc);
      if (this.now() - started < this.tuning.sliceBudgetMs / 2) {
        this.runSlice(started);
      } else {
        this.countTask(started);
        this.runSliceLater();
      }
    } catch {
      // Never into the page; whatever was journaled is still restored on abort.
      this.finish();
    }
  }

  // --- Documents, shadow roots, frames -------------------------------------------------------

  private attachDocument(doc: Document): void {
    if (this.observed.has(doc)) return;
    // A document in design mode is an editor as a whole.
    if (doc.designMode === 'on') return;
    const root = doc.documentElement;
    if (root !== null) this.journal.setLang(root, this.options.lang);
    this.observe(doc);
    if (root === null) return;
    // Only the root element's subtree is rendered (the doctype and comments around it are not;
    // linkedom also loses the doctype's next sibling).
    const isPage = doc === this.doc;
    this.queue.push(this.walk({ parent: doc, first: root, last: root }, isPage));
  }

  /**
   * An open shadow root renders instead of its host's children: walked and observed like a
   * document. One seen again after it was pruned (its host was out of the page) is walked again,
   * since nobody watched it meanwhile.
   */
  private attachShadowRoot(root: ShadowRoot): void {
    if (this.observed.has(root)) return;
    this.observe(root);
    this.queue.push(this.walk({ parent: root, first: root.firstChild ?? null, last: null }));
  }

  private observe(root: Node): void {
    this.observed.add(root);
    if (this.observing) this.observer?.observe(root, OBSERVE_OPTIONS);
  }

  /**
   * A same-origin frame's document is converted like the page; cross-origin ones are out of
   * reach (and get their own content script if the site matches). Frames navigate: every load
   * brings a new document, so we listen for loads for as long as we run.
   */
  private watchFrame(frame: Element): void {
    if (!this.watchedFrames.has(frame)) {
      const onLoad = () => {
        if (this.stopped) return;
        try {
          this.attachFrameDocument(frame);
          this.runSlice();
        } catch {
          // A frame that fails must not break the page or the rest of the conversion.
        }
      };
      frame.addEventListener('load', onLoad);
      this.watchedFrames.set(frame, onLoad);
    }
    this.attachFrameDocument(frame);
  }

  private attachFrameDocument(frame: Element): void {
    let frameDoc: Document | null = null;
    try {
      frameDoc = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      return; // Cross-origin: access denied.
    }
    // `null` in browsers when there is none; linkedom says `undefined`.
    if (frameDoc != null && frameDoc !== this.doc) this.attachDocument(frameDoc);
  }

  // --- Visible first ----------------------------------------------------------------------------

  /**
   * Converts what the reader sees before anything else, whatever the slice budget: at most a
   * screenful, and it must change in the very next frame. The viewport is probed on a grid; the
   * blocks found are converted here and skipped by the full walk. Without layout (happy-dom,
   * linkedom) nothing is found and the page simply converts in document order.
   */
  private convertVisibleBlocks(): void {
    const walks = this.visibleBlocks().map((el) =>
      this.walk({ parent: el.parentNode as Node, first: el, last: el }),
    );
    if (walks.length === 0) return;
    this.whileNotObserving(() => {
      for (const { walker } of walks) {
        try {
          walker.step(() => false);
        } catch {
          // As in drain.
        }
      }
    });
  }

  private visibleBlocks(): Element[] {
    const win = this.win;
    const doc = this.doc;
    if (win === null || typeof doc.elementFromPoint !== 'function') return [];
    const width = win.innerWidth;
    const height = win.innerHeight;
    if (!(width > 0 && height > 0)) return [];
    const found = new Set<Element>();
    const isPageRoot = (el: Element) => el === doc.documentElement || el === doc.body;
    for (let row = 0; row < PROBE_ROWS; row++) {
      for (let column = 0; column < PROBE_COLUMNS; column++) {
        let el = elementNearPoint(
          doc,
          ((column + 0.5) * width) / PROBE_COLUMNS,
          ((row + 0.5) * height) / PROBE_ROWS,
        );
        while (el !== null && isInlineTag(el)) el = el.parentElement;
        if (el === null || isPageRoot(el) || found.has(el)) continue;
        // A wrapper taller than the screen is not "what is visible"; the full walk gets it.
        if (el.getBoundingClientRect().height > height) continue;
        found.add(el);
      }
    }
    // The probes hit one block in every few (short lines, list items, table rows fall between
    // them): the visible siblings of every block found, and of its ancestors, are visible too.
    const probed = Array.from(found);
    const expanded = new Set<Element>();
    for (const hit of probed) {
      for (let level: Element | null = hit; level !== null && !isPageRoot(level);) {
        if (expanded.has(level)) break;
        expanded.add(level);
        addVisibleSiblings(level, height, found);
        level = level.parentElement;
      }
    }
    return Array.from(found).filter((el) => {
      // Blocks inside another block found are walked with it.
      for (let up = el.parentElement; up !== null; up = up.parentElement) {
        if (found.has(up)) return false;
      }
      if (el.parentNode === null || isInSkippedSubtree(el, this.options.isExcluded)) return false;
      this.walkedFirst.add(el);
      return true;
    });
  }

  // --- Slices ------------------------------------------------------------------------------------

  /** A walk over `range`; only the first walk of the page skips the blocks converted first. */
  private walk(range: WalkRange, skipWalkedFirst = false, fromPage = false): QueuedWalk {
    const skip = skipWalkedFirst ? this.walkedFirst : null;
    return { walker: new RunWalker(range, this, this.options.isExcluded, skip), fromPage };
  }

  /** One slice of work as its own task: the queue for one budget, then yield to the page. */
  private runSlice(started = this.now()): void {
    if (this.stopped) return;
    try {
      this.whileNotObserving(() => this.drain(this.now() + this.tuning.sliceBudgetMs));
    } finally {
      this.countTask(started);
    }
  }

  /**
   * Runs `work` with the observer disconnected, so that none of our writes is recorded: cheaper
   * than receiving tens of thousands of records of our own writes and recognising each. Whatever
   * the page changed before (records not yet delivered) is taken first and queued. No page code
   * runs during `work` (it is synchronous), so nothing of the page's is missed.
   */
  private whileNotObserving(work: () => void): void {
    const observer = this.observer;
    if (observer === null || !this.observing) {
      work();
      return;
    }
    const pending = observer.takeRecords();
    observer.disconnect();
    this.observing = false;
    try {
      if (pending.length > 0) this.queueMutations(pending);
      work();
    } finally {
      this.observeAgain();
    }
  }

  private observeAgain(): void {
    const observer = this.observer;
    if (observer === null || this.stopped) return;
    this.observing = true;
    for (const root of this.observed) {
      try {
        if (isLiveRoot(root, this.doc)) observer.observe(root, OBSERVE_OPTIONS);
        else this.observed.delete(root);
      } catch {
        this.observed.delete(root);
      }
    }
  }

  /** Works through the queue until `deadline`; schedules the rest as a later slice. */
  private drain(deadline: number): void {
    const shouldYield = () => this.now() >= deadline;
    let walked = 0;
    while (this.queue.length > 0 && !this.stopped) {
      // Also between walks (after at least one, so that every slice makes progress): a script
      // inserting thousands of rows queues thousands of small walks.
      if (walked++ > 0 && shouldYield()) break;
      const next = this.queue[0] as QueuedWalk;
      let finished = true;
      this.fromPage = next.fromPage;
      try {
        finished = next.walker.step(shouldYield);
      } catch {
        // A node that throws (a hostile getter, a detached frame) costs its walk, not the rest.
      } finally {
        this.fromPage = false;
      }
      if (!finished) break;
      this.queue.shift();
    }
    if (this.queue.length === 0) this.finish();
    else this.runSliceLater();
  }

  private runSliceLater(): void {
    if (this.sliceScheduled || this.scheduler === null || this.stopped) return;
    this.sliceScheduled = true;
    this.scheduler.post(() => {
      this.sliceScheduled = false;
      try {
        this.runSlice();
      } catch {
        // Never into the page.
      }
    });
  }

  private countTask(started: number): void {
    const ms = this.now() - started;
    this.stats.tasks++;
    this.stats.busyMs += ms;
    if (ms > this.stats.longestTaskMs) this.stats.longestTaskMs = ms;
  }

  private finish(): void {
    if (this.isDone) return;
    this.isDone = true;
    this.walkedFirst.clear();
    this.resolveDone();
  }

  // --- Converting (WalkVisitor) ------------------------------------------------------------

  run(nodes: Text[], texts: string[]): void {
    if (this.stopped) return;
    const count = nodes.length;
    const sources = new Array<string>(count);
    let convertible = false;
    for (let i = 0; i < count; i++) {
      const source = this.journal.textSource(nodes[i] as Text, texts[i] as string);
      sources[i] = source;
      if (!convertible && mayConvert(source)) convertible = true;
    }
    if (!convertible) return;
    let pieces: string[];
    try {
      const output = convertRun(sources, this.options.convert);
      pieces = output.pieces;
      this.stats.runs++;
      if (output.split === 'prefixes') this.stats.prefixRuns++;
      else if (output.split === 'per-node') this.stats.perNodeRuns++;
    } catch {
      return; // A converter failure leaves this run as it is.
    }
    for (let i = 0; i < count; i++) {
      const piece = pieces[i];
      if (piece === undefined || piece === texts[i]) continue;
      const node = nodes[i] as Text;
      if (this.fromPage && !this.mayRewrite(node)) continue;
      try {
        node.data = piece;
      } catch {
        continue; // Not writable after all: nothing to journal.
      }
      this.journal.recordText(node, sources[i] as string, piece);
      this.changed++;
    }
  }

  element(el: Element, kind: ElementKind): void {
    if (this.stopped) return;
    // Each part on its own: a frame that cannot be reached must not cost the element its title.
    try {
      if (el.hasAttributes()) this.convertAttributes(el);
    } catch {
      // Leave this element's attributes.
    }
    try {
      if (kind === 'opaque') {
        const tag = el.localName;
        if (tag === 'iframe' || tag === 'frame') this.watchFrame(el);
        return;
      }
      const shadow = el.shadowRoot;
      if (shadow !== null && shadow !== undefined) this.attachShadowRoot(shadow);
    } catch {
      // Leave this frame or shadow root.
    }
  }

  private convertAttributes(el: Element): void {
    for (const name of el.getAttributeNames()) {
      if (!READABLE_ATTRIBUTE_SET.has(name) || !isReadableAttribute(el, name)) continue;
      const value = el.getAttribute(name);
      if (value !== null) this.convertAttribute(el, name, value);
    }
  }

  private convertAttribute(el: Element, name: string, current: string): void {
    const source = this.journal.attributeSource(el, name, current);
    if (!mayConvert(source)) return;
    let output = this.attributeOutputs.get(source);
    if (output === undefined) {
      try {
        output = this.options.convert(source);
      } catch {
        return;
      }
      if (this.attributeOutputs.size >= ATTRIBUTE_CACHE_SIZE) this.attributeOutputs.clear();
      this.attributeOutputs.set(source, output);
    }
    if (output === current) return;
    if (this.fromPage && !this.mayRewrite(el)) return;
    try {
      el.setAttribute(name, output);
    } catch {
      return;
    }
    this.journal.recordAttribute(el, name, source, output);
    this.changed++;
  }

  /**
   * Back-off: a page script that rewrites a node every time we convert it (or simply very often)
   * gets at most `maxRewritesPerSecond` conversions of that node per second; after that the page
   * wins until the second is over, instead of the two fighting in a loop.
   */
  private mayRewrite(target: Node): boolean {
    const now = this.now();
    const window = this.rewrites.get(target);
    if (window === undefined || now - window.start >= 1000) {
      this.rewrites.set(target, { start: now, count: 1 });
      return true;
    }
    if (window.count >= this.tuning.maxRewritesPerSecond) {
      this.stats.backedOff++;
      return false;
    }
    window.count++;
    return true;
  }

  // --- Live changes --------------------------------------------------------------------------

  /**
   * What the page changed is converted in this callback, i.e. in the microtask checkpoint right
   * after the page's own task, before the browser renders: the reader never sees it unconverted.
   */
  private onMutations(records: MutationRecord[]): void {
    if (this.stopped) return;
    const started = this.now();
    try {
      this.whileNotObserving(() => {
        this.queueMutations(records);
        this.drain(started + this.tuning.sliceBudgetMs);
      });
    } catch {
      // Never into the page.
    } finally {
      this.countTask(started);
    }
  }

  /**
   * Queues walks for what the records show the page added or changed, ahead of the rest of the
   * queue (that is usually where the reader looks). Attributes are converted on the spot.
   */
  private queueMutations(records: MutationRecord[]): void {
    const queued = new Set<Node>();
    const walks: QueuedWalk[] = [];
    this.fromPage = true;
    try {
      for (const record of records) {
        try {
          this.collectMutation(record, queued, walks);
        } catch {
          // One odd record (a node from a dying frame) must not lose the others.
        }
      }
    } finally {
      this.fromPage = false;
    }
    if (walks.length > 0) this.queue.unshift(...walks);
  }

  private collectMutation(record: MutationRecord, queued: Set<Node>, walks: QueuedWalk[]): void {
    const target = record.target;
    const isExcluded = this.options.isExcluded;
    if (record.type === 'characterData') {
      if (target.nodeType !== 3) return;
      const text = target as Text;
      // Unchanged since our write (the page wrote back the same text): nothing to do.
      if (this.journal.isOwnText(text, text.data)) return;
      if (!text.isConnected || isInSkippedSubtree(text, isExcluded)) return;
      this.queueRunAround(text, queued, walks);
    } else if (record.type === 'childList') {
      if (record.addedNodes.length === 0) return;
      if (!target.isConnected || isInSkippedSubtree(target, isExcluded)) return;
      if (target.nodeType === 1 && classifyElement(target as Element, isExcluded) === 'opaque') {
        return; // New text in a textarea or a frame's fallback content.
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.parentNode !== target) continue; // Moved on again since.
        if (node.nodeType === 3 || (node.nodeType === 1 && isInlineTag(node as Element))) {
          this.queueRunAround(node, queued, walks);
        } else if (node.nodeType === 1 && !queued.has(node)) {
          // A block starts and ends its own runs: walk just it.
          queued.add(node);
          walks.push(this.walk({ parent: target, first: node, last: node }, false, true));
        }
      }
    } else if (record.type === 'attributes') {
      const name = record.attributeName;
      if (name === null || target.nodeType !== 1) return;
      const el = target as Element;
      const current = el.getAttribute(name);
      if (current === null || this.journal.isOwnAttribute(el, name, current)) return;
      if (!isReadableAttribute(el, name) || isInSkippedSubtree(el, isExcluded)) return;
      this.convertAttribute(el, name, current);
    }
  }

  /** Queues the whole run around a changed text node or inline element, for phrase context. */
  private queueRunAround(node: Node, queued: Set<Node>, walks: QueuedWalk[]): void {
    const range = runRangeAround(node);
    if (range === null || range.first === null || queued.has(range.first)) return;
    queued.add(range.first);
    walks.push(this.walk(range, false, true));
  }

  // --- Stopping ----------------------------------------------------------------------------------

  /** Abort: stop observing and working, then put every value we still own back. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.observer?.disconnect();
      this.observed.clear();
      this.scheduler?.cancel();
      this.queue.length = 0;
      for (const [frame, onLoad] of this.watchedFrames) frame.removeEventListener('load', onLoad);
      this.watchedFrames.clear();
      this.journal.restore();
    } catch {
      // Never into the page.
    }
    this.finish();
  }
}
