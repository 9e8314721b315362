// One-pass term matching over page text: an Aho-Corasick automaton over the lexicon, built on
// first use. Traditional, upper-case and full-width spellings of each lexicon character get
// edges of their own, so one Simplified lexicon serves every script without folding the text.

import { FOLD_PAIRS, SHARED_BY_BOTH_SCRIPTS, TERM_GROUPS, type TermGroup } from './lexicon-data.ts';

export type TermGroupName = TermGroup['group'];

/** Weight at which a single term is unambiguous spam. */
export const STRONG_WEIGHT = 3;

export interface TermScan {
  /** Distinct terms found, in folded (Simplified) form. */
  readonly terms: readonly string[];
  /** Distinct spam groups hit (context and legit excluded). */
  readonly groups: readonly TermGroupName[];
  /** Sum of the weights of the distinct terms (context words included, legit words weigh 0). */
  readonly score: number;
  /** Number of distinct unambiguous (strong) spam terms. */
  readonly strong: number;
  /** Number of distinct spam terms, strong or weak (context words excluded). */
  readonly spamTerms: number;
  /** Whether any term at all (context included) was found. */
  readonly any: boolean;
  /** Words that show the text is about enforcement or state lotteries (打击, 福利彩票...). */
  readonly legit: boolean;
}

interface TermInfo {
  readonly term: string;
  readonly group: TermGroupName;
  readonly weight: number;
  /** ASCII terms must not be glued to other ASCII letters or digits (`porn` in `porno` is fine, `av` in `java` is not). */
  readonly asciiStart: boolean;
  readonly asciiEnd: boolean;
}

/**
 * The compiled automaton. Transitions live in one open-addressing hash table keyed by
 * (state << 16 | UTF-16 unit), typed arrays only: a lookup is a multiply and a probe or two,
 * with no Map per state. Traditional variants, upper-case and full-width forms get their own
 * edges next to the Simplified lower-case ones, so matching needs no folding at run time.
 */
interface Automaton {
  readonly keys: Int32Array;
  readonly targets: Int32Array;
  readonly shift: number;
  readonly mask: number;
  readonly fail: Int32Array;
  /** Bit set of the UTF-16 units that can start a term: the root skips all others without a probe. */
  readonly starts: Uint32Array;
  /** Term indexes ending at each state, dictionary-suffix outputs merged in. */
  readonly out: (number[] | undefined)[];
  readonly infos: TermInfo[];
}

let automaton: Automaton | null = null;
let foldTable: Map<number, number> | null = null;
let simplifiedOnly: Set<number> | null = null;

const isAsciiWordCode = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0xff10 && c <= 0xff5a);

function getFoldTable(): Map<number, number> {
  if (foldTable) return foldTable;
  foldTable = new Map();
  for (let i = 0; i + 1 < FOLD_PAIRS.length; i += 2) {
    foldTable.set(FOLD_PAIRS.charCodeAt(i), FOLD_PAIRS.charCodeAt(i + 1));
  }
  return foldTable;
}

/** Folds one UTF-16 unit to the lexicon's alphabet. */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  // Full-width ASCII (ＡＶ, ｐｏｒｎ) → ASCII.
  if (c >= 0xff01 && c <= 0xff5e) return foldCode(c - 0xfee0);
  return getFoldTable().get(c) ?? c;
}

/** Folds a whole string (for tests and for the lexicon itself). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/** Every UTF-16 unit that folds to `c` (itself included). */
function variantsOf(c: number, reverse: Map<number, number[]>): number[] {
  const variants = [c, ...(reverse.get(c) ?? [])];
  if (c >= 0x61 && c <= 0x7a) variants.push(c - 0x20, c + 0xfee0, c + 0xfee0 - 0x20);
  else if (c >= 0x21 && c <= 0x7e) variants.push(c + 0xfee0);
  return variants;
}

/** An open-addressing table of (state << 16 | unit) → state; load factor at most one half. */
class EdgeTable {
  readonly keys: Int32Array;
  readonly targets: Int32Array;
  readonly shift: number;
  readonly mask: number;

  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.targets = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  get(state: number, c: number): number {
    const key = (state << 16) | c;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & this.mask) {
      const k = this.keys[slot] as number;
      if (k === key) return this.targets[slot] as number;
      if (k === -1) return -1;
    }
  }

  set(state: number, c: number, target: number): void {
    const key = (state << 16) | c;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.targets[slot] = target;
  }
}

function build(): Automaton {
  // 1. The trie over the terms (stored folded), in typed arrays: one edge table, and per state
  //    its first child, next sibling and the unit on the edge into it (for the walks below).
  const infos: TermInfo[] = [];
  let units = 1;
  for (const entry of TERM_GROUPS) units += entry.terms.length;
  const trie = new EdgeTable(units);
  const firstChild = new Int32Array(units).fill(-1);
  const nextSibling = new Int32Array(units).fill(-1);
  const unitInto = new Int32Array(units);
  const parent = new Int32Array(units);
  const outSets: (number[] | undefined)[] = [];
  const seen = new Set<string>();
  let states = 1;
  for (const entry of TERM_GROUPS) {
    // Terms are stored folded already (Simplified, lower case; a unit test holds the data to it).
    for (const term of entry.terms.split(' ')) {
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const index = infos.length;
      infos.push({
        term,
        group: entry.group,
        weight: entry.weight,
        asciiStart: isAsciiWordCode(term.charCodeAt(0)),
        asciiEnd: isAsciiWordCode(term.charCodeAt(term.length - 1)),
      });
      let state = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let target = trie.get(state, c);
        if (target < 0) {
          target = states++;
          trie.set(state, c, target);
          unitInto[target] = c;
          parent[target] = state;
          nextSibling[target] = firstChild[state] as number;
          firstChild[state] = target;
        }
        state = target;
      }
      (outSets[state] ??= []).push(index);
    }
  }
  // 2. Breadth-first failure links; outputs of the failure state are merged into each state.
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let child = firstChild[0] as number; child >= 0; child = nextSibling[child] as number) {
    queue[tail++] = child;
  }
  for (let head = 0; head < tail; head++) {
    const state = queue[head] as number;
    for (
      let child = firstChild[state] as number;
      child >= 0;
      child = nextSibling[child] as number
    ) {
      const c = unitInto[child] as number;
      let f = fail[state] as number;
      let target = trie.get(f, c);
      while (target < 0 && f !== 0) {
        f = fail[f] as number;
        target = trie.get(f, c);
      }
      const failTarget = target > 0 && target !== child ? target : 0;
      fail[child] = failTarget;
      const inherited = outSets[failTarget];
      if (inherited) outSets[child] = (outSets[child] ?? []).concat(inherited);
      queue[tail++] = child;
    }
  }
  // 3. The run-time table: every edge again under each spelling of its unit.
  const reverse = new Map<number, number[]>();
  for (const [traditional, simplified] of getFoldTable()) {
    const list = reverse.get(simplified);
    if (list) list.push(traditional);
    else reverse.set(simplified, [traditional]);
  }
  const edges = new EdgeTable(states * 4);
  const starts = new Uint32Array(2048);
  for (let child = 1; child < states; child++) {
    const from = parent[child] as number;
    for (const variant of variantsOf(unitInto[child] as number, reverse)) {
      edges.set(from, variant, child);
      if (from === 0)
        starts[variant >>> 5] = (starts[variant >>> 5] as number) | (1 << (variant & 31));
    }
  }
  const { keys, targets, shift, mask } = edges;
  return { keys, targets, shift, mask, fail, starts, out: outSets, infos };
}

function getAutomaton(): Automaton {
  return (automaton ??= build());
}

/** Finds the distinct lexicon terms in `text`, in one pass. */
export function scanTerms(text: string): TermScan {
  const found = new Set<number>();
  run(text, (index) => {
    found.add(index);
    return false;
  });
  return summarise(found, getAutomaton().infos);
}

/** Whether `text` holds at least one spam term (context and legit words do not count). */
export function containsSpamTerm(text: string): boolean {
  // The hot path of every page scan: the same walk as run(), written out without a callback so
  // that it stays cheap even before the engine has optimised it. Outputs are only looked at
  // in the rare states that have them.
  const { keys, targets, shift, mask, fail, starts, out, infos } = getAutomaton();
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state === 0 && (((starts[c >>> 5] as number) >>> (c & 31)) & 1) === 0) continue;
    state = step(keys, targets, shift, mask, fail, state, c);
    const ending = out[state];
    if (ending && ending.some((index) => isSpamHit(infos[index] as TermInfo, text, i))) return true;
  }
  return false;
}

/** A match counts when it is a spam term and, for ASCII terms, stands on word boundaries. */
function isSpamHit(info: TermInfo, text: string, end: number): boolean {
  if (info.group === 'context' || info.group === 'legit') return false;
  return onBoundaries(info, text, end);
}

function onBoundaries(info: TermInfo, text: string, end: number): boolean {
  if (info.asciiStart) {
    const before = end - info.term.length;
    if (before >= 0 && isAsciiWordCode(text.charCodeAt(before))) return false;
  }
  return !(info.asciiEnd && end + 1 < text.length && isAsciiWordCode(text.charCodeAt(end + 1)));
}

/** The automaton's transition from `state` on unit `c`, following failure links (0 = root). */
function step(
  keys: Int32Array,
  targets: Int32Array,
  shift: number,
  mask: number,
  fail: Int32Array,
  from: number,
  c: number,
): number {
  let state = from;
  for (;;) {
    const key = (state << 16) | c;
    let slot = Math.imul(key, 0x9e3779b1) >>> shift;
    let k = keys[slot] as number;
    while (k !== -1 && k !== key) {
      slot = (slot + 1) & mask;
      k = keys[slot] as number;
    }
    if (k === key) return targets[slot] as number;
    if (state === 0) return 0;
    state = fail[state] as number;
  }
}

/** Runs the automaton over `text`, calling `onTerm` per match until it returns true. */
function run(text: string, onTerm: (index: number) => boolean): void {
  const { keys, targets, shift, mask, fail, starts, out, infos } = getAutomaton();
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters start no term: at the root they need no probe at all.
    if (state === 0 && (((starts[c >>> 5] as number) >>> (c & 31)) & 1) === 0) continue;
    state = step(keys, targets, shift, mask, fail, state, c);
    const ending = out[state];
    if (!ending) continue;
    for (const index of ending) {
      if (onBoundaries(infos[index] as TermInfo, text, i) && onTerm(index)) return;
    }
  }
}

function summarise(found: Set<number>, infos: TermInfo[]): TermScan {
  const terms: string[] = [];
  const groups: TermGroupName[] = [];
  let score = 0;
  let strong = 0;
  let spamTerms = 0;
  let legit = false;
  const foundTerms = [...found].map((index) => (infos[index] as TermInfo).term);
  for (const index of found) {
    const info = infos[index] as TermInfo;
    if (info.group === 'legit') {
      legit = true;
      continue;
    }
    // 新葡京 inside 澳门新葡京 is one piece of evidence, not two.
    if (foundTerms.some((other) => other !== info.term && other.includes(info.term))) continue;
    terms.push(info.term);
    score += info.weight;
    if (info.group === 'context') continue;
    spamTerms++;
    if (info.weight >= STRONG_WEIGHT) strong++;
    if (!groups.includes(info.group)) groups.push(info.group);
  }
  return { terms, groups, score, strong, spamTerms, any: terms.length > 0, legit };
}

/** Number of distinct lexicon terms (for reports and tests). */
export function lexiconSize(): number {
  return getAutomaton().infos.length;
}

/**
 * Which script a text is written in, from characters that exist in only one of them.
 * Returns 'none' when there are too few such characters to tell.
 */
export function textScript(text: string): 'hans' | 'hant' | 'none' {
  const fold = getFoldTable();
  if (!simplifiedOnly) {
    simplifiedOnly = new Set(fold.values());
    for (const ch of SHARED_BY_BOTH_SCRIPTS) simplifiedOnly.delete(ch.charCodeAt(0));
  }
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (fold.has(c)) traditional++;
    else if (simplifiedOnly.has(c)) simplified++;
  }
  if (traditional + simplified < 3) return 'none';
  if (traditional >= simplified * 3) return 'hant';
  if (simplified >= traditional * 3) return 'hans';
  return 'none';
}
