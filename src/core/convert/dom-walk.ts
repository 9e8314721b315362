// Walking a page in runs of inline text, in slices that can pause and resume.
//
// A run is the text nodes of one line of prose: those separated only by inline elements (a, b,
// span, font...). Block boundaries, `<br>`, skipped and opaque elements end a run. A run is
// converted as one string so that phrases split by markup keep their meaning: 头<b>发</b> is the
// phrase 头发 (hair, 頭髮), not 头 + 发 (to send, 發).

import { classifyElement, isInlineTag, type ElementKind } from './dom-rules.ts';

/** Siblings `first`..`last` (inclusive; `last` null = to the end) under `parent`, with subtrees. */
export interface WalkRange {
  parent: Node;
  first: Node | null;
  last: Node | null;
}

export interface WalkVisitor {
  /** A run of text nodes to convert as one string, in document order, with their current text. */
  run(nodes: Text[], texts: string[]): void;
  /** An element that is not skipped: its attributes, shadow root or frame need handling. */
  element(el: Element, kind: ElementKind): void;
}

/**
 * Runs longer than this are cut at the next text node. Prose is rarely one unbroken run this
 * long; a huge one (a page of inline spans) would otherwise hold a whole slice.
 */
const MAX_RUN_CHARS = 4096;

/** How many nodes are visited between looks at the clock. */
const NODES_PER_CLOCK_CHECK = 32;

/** A resumable depth-first walk over one range, reporting runs and elements in document order. */
export class RunWalker {
  private next: Node | null;
  private run: Text[] = [];
  private runTexts: string[] = [];
  private runChars = 0;
  private restarts = 0;

  constructor(
    private readonly range: WalkRange,
    private readonly visitor: WalkVisitor,
    private readonly isExcluded: ((el: Element) => boolean) | undefined,
    /** Elements already walked on their own (the visible part of the page): skipped here. */
    private readonly alreadyWalked: ReadonlySet<Element> | null = null,
  ) {
    this.next = range.first;
  }

  /**
   * Walks until the range is done (returns true) or `shouldYield` asks for a pause (false).
   * Between two calls the page may change; see `resumePoint`.
   */
  step(shouldYield: () => boolean): boolean {
    let node = this.resumePoint();
    let visited = 0;
    while (node !== null) {
      if (++visited % NODES_PER_CLOCK_CHECK === 0 && shouldYield()) {
        this.next = node;
        return false;
      }
      const current: Node = node;
      try {
        node = this.visit(current);
      } catch {
        // A node that throws (a hostile getter, a dying frame) is passed over, not the rest.
        node = this.after(current);
      }
    }
    this.next = null;
    this.flush();
    return true;
  }

  /**
   * Where to continue after a pause. If the page removed the node we were about to visit, the
   * rest of the range can no longer be found from it: start the range again. Converting again
   * what was converted writes nothing (the journal gives the original text back as input), so
   * a restart only costs time; after a few, give up on this range (the mutation observer sees
   * what the page inserts anyway).
   */
  private resumePoint(): Node | null {
    const node = this.next;
    // The page may have changed the text of a run we had begun while we were paused.
    for (let i = 0; i < this.run.length; i++) this.runTexts[i] = (this.run[i] as Text).data;
    if (node === null || this.range.parent.contains(node)) return node;
    this.run = [];
    this.runTexts = [];
    this.runChars = 0;
    if (++this.restarts > 3) return null;
    return this.range.first !== null && this.range.parent.contains(this.range.first)
      ? this.range.first
      : null;
  }

  /** Visits `node` and returns the next node in document order within the range. */
  private visit(node: Node): Node | null {
    if (node.nodeType === 3) {
      const text = node as Text;
      const data = text.data;
      this.run.push(text);
      this.runTexts.push(data);
      this.runChars += data.length;
      if (this.runChars >= MAX_RUN_CHARS) this.flush();
    } else if (node.nodeType === 1) {
      const el = node as Element;
      const kind =
        this.alreadyWalked !== null && this.alreadyWalked.has(el)
          ? 'skip'
          : classifyElement(el, this.isExcluded);
      if (kind !== 'inline') this.flush();
      if (kind !== 'skip') {
        this.visitor.element(el, kind);
        const child = el.firstChild ?? null;
        if (kind !== 'opaque' && child !== null) return child;
      }
    }
    return this.after(node);
  }

  /** The node after `node`'s subtree, ending runs at the blocks it climbs out of. */
  private after(node: Node): Node | null {
    let current = node;
    for (;;) {
      if (current === this.range.last) return null;
      // `?? null`: some DOM implementations (linkedom) answer `undefined` at the edges.
      const sibling = current.nextSibling ?? null;
      if (sibling !== null) return sibling;
      const parent = current.parentNode ?? null;
      if (parent === null || parent === this.range.parent) return null;
      if (!isInlineTag(parent as Element)) this.flush();
      current = parent;
    }
  }

  private flush(): void {
    if (this.run.length === 0) return;
    const run = this.run;
    const texts = this.runTexts;
    this.run = [];
    this.runTexts = [];
    this.runChars = 0;
    this.visitor.run(run, texts);
  }
}

/**
 * The range of the run that contains `node` (a text node or an inline element): up through its
 * inline ancestors, then sideways over inline siblings until a block, `<br>` or the edge.
 */
export function runRangeAround(node: Node): WalkRange | null {
  let top = node;
  let parent = top.parentNode ?? null;
  while (parent !== null && parent.nodeType === 1 && isInlineTag(parent as Element)) {
    top = parent;
    parent = top.parentNode ?? null;
  }
  if (parent === null) return null;
  let first = top;
  for (let previous = first.previousSibling ?? null; previous !== null && isRunPart(previous);) {
    first = previous;
    previous = first.previousSibling ?? null;
  }
  let last = top;
  for (let next = last.nextSibling ?? null; next !== null && isRunPart(next);) {
    last = next;
    next = last.nextSibling ?? null;
  }
  return { parent, first, last };
}

function isRunPart(node: Node): boolean {
  const type = node.nodeType;
  if (type === 3 || type === 8) return true;
  return type === 1 && isInlineTag(node as Element);
}

/** Characters a Simplified<->Traditional converter may change: Han ideographs and CJK punctuation. */
const CONVERTIBLE =
  /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ud840-\ud87f]/;

/** Whether converting `text` could change anything at all (most whitespace-only nodes cannot). */
export function mayConvert(text: string): boolean {
  return CONVERTIBLE.test(text);
}

const SURROGATE = /[\ud800-\udfff]/;

/** How a run's converted text was cut back into its nodes. */
export type RunSplit = 'whole' | 'offsets' | 'prefixes' | 'per-node';

export interface RunOutput {
  /** The converted text of each node, in order. */
  pieces: string[];
  split: RunSplit;
}

/**
 * Prefix alignment converts the run's growing prefixes again, once per node boundary; past this
 * much text (nodes x characters) it costs more than it saves and the run goes node by node.
 */
const MAX_PREFIX_WORK = 64 * 1024;

/**
 * Converts a run's texts as one string and cuts the result back into one piece per node.
 *
 * 1. Offsets. OpenCC's Simplified->Traditional dictionaries map a phrase to a phrase of the same
 *    length (头发 -> 頭髮): the only exceptions in cn->tw are a dozen rare characters whose
 *    Traditional form lies outside the Basic Multilingual Plane. So when the output is as long as
 *    the input and neither holds a surrogate pair, the node boundaries fall at the same offsets.
 * 2. Prefixes. Otherwise (Taiwan phrases such as U盘 -> 隨身碟, Hong Kong names, astral
 *    characters), each boundary is placed where the conversion of the text before it ends, if the
 *    output does begin with that conversion; a phrase across the boundary that keeps its length
 *    still converts as a phrase.
 * 3. Per node. When a phrase that changes length straddles a boundary there is no right place to
 *    cut: each node is converted on its own. Phrase context is lost for that run only, and no
 *    character ever lands in the wrong node.
 */
export function convertRun(
  sources: readonly string[],
  convert: (text: string) => string,
): RunOutput {
  const count = sources.length;
  if (count === 1) return { pieces: [convert(sources[0] ?? '')], split: 'whole' };
  const joined = sources.join('');
  const output = convert(joined);
  if (output === joined) return { pieces: sources.slice(), split: 'whole' };

  if (output.length === joined.length && !SURROGATE.test(joined) && !SURROGATE.test(output)) {
    const pieces = new Array<string>(count);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const length = (sources[i] as string).length;
      pieces[i] = output.slice(offset, offset + length);
      offset += length;
    }
    return { pieces, split: 'offsets' };
  }

  if (count * joined.length <= MAX_PREFIX_WORK) {
    const pieces = new Array<string>(count);
    let inputEnd = 0;
    let outputStart = 0;
    let aligned = true;
    for (let i = 0; i < count - 1 && aligned; i++) {
      inputEnd += (sources[i] as string).length;
      const prefix = convert(joined.slice(0, inputEnd));
      aligned = prefix.length >= outputStart && output.startsWith(prefix);
      pieces[i] = output.slice(outputStart, prefix.length);
      outputStart = prefix.length;
    }
    if (aligned) {
      pieces[count - 1] = output.slice(outputStart);
      return { pieces, split: 'prefixes' };
    }
  }

  return { pieces: sources.map((source) => convert(source)), split: 'per-node' };
}
