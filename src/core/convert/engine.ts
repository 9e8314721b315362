/**
 * Simplified <-> Traditional conversion with output identical to opencc-js 1.4.2's
 * `OpenCC.Converter({ from, to })`, built for fast start-up and throughput.
 *
 * How opencc-js converts (dist/esm-lib/core.js), and how this file reproduces it:
 * - A direction is a chain: optional normalisation groups (CJK compatibility ideographs), then an
 *   optional segmentation of the normalised text by a phrase dictionary, then conversion groups
 *   applied one after another to every segment separately. scripts/build-dicts.ts resolves the
 *   chain of every `from>to` pair from opencc-js's own presets (generated/index.ts).
 * - A group is one trie holding the entries of several dictionaries; where two dictionaries of a
 *   group have the same key, the one listed first wins (loadDictGroup loads them in reverse).
 * - Each trie pass walks the text left to right taking the longest key that starts at the current
 *   position; without a match it copies one code point, or a whole Ideographic Description
 *   Sequence (U+2FF0..U+2FFF and its components), unconverted.
 *
 * Here each group is compiled at build time (scripts/build-dicts.ts) into a trie written as plain
 * ASCII: loading and compiling the module is most of a fresh converter's cost, and engines read
 * ASCII source several times faster than UTF-8 Chinese. `MatchTable` indexes the first
 * characters and decodes a node's children only when a match first reaches that node, so a
 * converter is ready after indexing a few thousand first characters and a page decodes only the
 * part of the trie its text touches. Only the directions the extension uses are bundled;
 * engine-extended.ts adds the others for tests. Matching by UTF-16 code unit equals opencc-js's
 * matching by code point because every key and value is well-formed (checked at build time).
 * Text passes run over reused Uint16Array buffers and the result is decoded once at the end.
 *
 * Segmentation is fused into the first conversion group when that is provably the same thing
 * (the build script's `fusable`): the segmentation dictionaries are all in that group and its
 * other dictionaries hold single characters only. Then the group's matches of segmentation keys
 * are exactly the segments opencc-js would cut, and a separate segmentation pass is skipped.
 *
 * Besides exact OpenCC converters (`createConverter`), `converterForTarget` gives what a page
 * needs: the project dictionary after Traditional conversions, and repair without damage on
 * pages that are already Traditional.
 */
import type { DetectedScript, ScriptTarget } from '../types';
import { GROUPS, PIPELINES } from './generated/index';
import { applyProjectDict } from './project-dict';

export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 't';
/** Also offered (small tables), so that every OpenCC upstream test configuration can be run. */
export type ExtendedOpenccLocale = OpenccLocale | 'hkp' | 'jp';

/** One dictionary group (an opencc-js trie) as scripts/build-dicts.ts writes it (format described there). */
export interface EncodedGroup {
  firstUnits: string;
  offsets: string;
  stream: string;
  alphabet: string;
  rootDegree: number;
  nodes: number;
  storedValues: number;
  storedUnits: number;
  maxExpansion: number;
}

export interface PipelineSpec {
  normalize: string[];
  segment: string | null;
  fused: boolean;
  convert: string[];
}

// Node kinds (build-dicts.ts); the remaining one, 2, is a stored value.
const KIND_NONE = 0;
const KIND_CHARWISE = 1;
const KIND_IDENTITY = 3;

/**
 * Node values. A node's value is found from its code `v`:
 * - `v >= 0`: the v-th stored value (`valueLength[v]` units of `valueUnits` from `valueStart[v]`);
 * - `NO_VALUE`: the node is only a prefix of longer keys;
 * - `-2 - u` for `u` in 0..0xFFFF: the single code unit `u`;
 * - `IDENTITY`: the matched text itself;
 * - `CHARWISE`: the matched text mapped unit by unit through the group's `charMap`.
 * The last two are derived from the matched text, so most phrase values are never stored.
 */
const NO_VALUE = -1;
const IDENTITY = -0x10002;
const CHARWISE = -0x10003;
/** Node flag: the key is a segmentation key (fused segmentation). */
const SEGMENT_KEY = 1;

/** Size of MatchTable.pairBits: 2^20 bits (128 KiB) keeps false positives to a few percent. */
const PAIR_BITS = 1 << 20;
function pairHash(top: number, u: number): number {
  return Math.imul(top * 0x10000 + u, 0x9e3779b1) >>> 12;
}

// Reading the generated ASCII (scripts/build-dicts.ts): base-91 digits, '#'..'~' without '\'.
const DIGITS = 91;
const VARINT_TERMINAL = 60;
const VARINT_CONTINUE = DIGITS - VARINT_TERMINAL;

function digitAt(s: string, p: number): number {
  const c = s.charCodeAt(p);
  return c - (c > 0x5c ? 0x24 : 0x23);
}

/** A three-digit number at `p`. */
function fixed3At(s: string, p: number): number {
  return (digitAt(s, p) * DIGITS + digitAt(s, p + 1)) * DIGITS + digitAt(s, p + 2);
}

/** Where the last `readVarint` stopped: one cursor, as decoding is synchronous and never nested. */
let cursor = 0;
/** The varint at `cursor` (build-dicts.ts `varint`), advancing the cursor past it. */
function readVarint(s: string): number {
  let d = digitAt(s, cursor++);
  if (d < VARINT_TERMINAL) return d;
  let n = 0;
  let offset = 0;
  let span = VARINT_TERMINAL;
  while (d >= VARINT_TERMINAL) {
    n = n * VARINT_CONTINUE + (d - VARINT_TERMINAL);
    offset += span;
    span *= VARINT_CONTINUE;
    d = digitAt(s, cursor++);
  }
  return n * VARINT_TERMINAL + d + offset;
}

/** The dictionary groups and directions known so far: the product's, plus any added. */
const groups: Record<string, EncodedGroup> = { ...(GROUPS as Record<string, EncodedGroup>) };
const pipelines: Record<string, PipelineSpec> = { ...PIPELINES };

/**
 * Makes more directions available (engine-extended.ts: Taiwan and Hong Kong vocabulary,
 * Japanese). The extension never loads them, so its bundle does not carry their data.
 */
export function addDictionaries(
  extraGroups: Readonly<Record<string, EncodedGroup>>,
  extraPipelines: Readonly<Record<string, PipelineSpec>>,
): void {
  Object.assign(groups, extraGroups);
  Object.assign(pipelines, extraPipelines);
}

function encodedGroup(name: string): EncodedGroup {
  const group = groups[name];
  if (!group) throw new Error(`Unknown OpenCC dictionary group ${name}`);
  return group;
}

/**
 * One opencc-js trie over its generated encoding. Node i has code unit `labels[i]` and children
 * `childStart[i] .. childStart[i] + childCount[i] - 1`, sorted by code unit. The first-level
 * nodes are 0 .. rootDegree - 1; making a table only indexes their units. A first-level node and
 * its children are decoded when its character is first met (`decodeBlock`), a deeper node's
 * children when a match first reaches it (`expand`), each time into the next free nodes. Most
 * of the trie is never decoded on a page: the first 10,000 characters of the reference news
 * text (693 distinct) decode 14,687 of the 85,425 nodes below the first level of cn -> tw's
 * main group.
 */
class MatchTable {
  /** Node + 1 of the first-level node for a code unit; 0 when no key starts with it. */
  readonly root = new Uint16Array(0x10000);
  /** Single-unit values of decoded one-unit keys (0 = the unit itself), for CHARWISE values. */
  readonly charMap = new Uint16Array(0x10000);
  readonly labels: Uint16Array;
  /** First child, or -1 while the children are not decoded (see `expand`). */
  readonly childStart: Int32Array;
  readonly childCount: Uint16Array;
  /** Where a node's children's records start in `stream`, once the node is decoded. */
  private readonly childrenAt: Int32Array;
  readonly value: Int32Array;
  readonly flags: Uint8Array;
  /** Per first-level node: 1 once it and its block are decoded. */
  readonly decoded: Uint8Array;
  /**
   * A bit per hash of (first-level node, second code unit) for the keys' first two units: when
   * the bit is clear no key continues that way, which skips the search through the children of
   * common characters at most positions of a text.
   */
  readonly pairBits = new Int32Array(PAIR_BITS >>> 5);
  readonly valueStart: Int32Array;
  readonly valueLength: Uint16Array;
  readonly valueUnits: Uint16Array;
  /** Output length never exceeds input length times this (IDS copies are 1:1). */
  readonly maxExpansion: number;
  /** Smallest and largest code unit that starts a key. */
  readonly minFirst: number;
  readonly maxFirst: number;
  private readonly offsets: string;
  private readonly stream: string;
  private readonly alphabet: string;
  /** The next free node, stored value and value unit: blocks are decoded in the order met. */
  private nextNode: number;
  private nextStored = 0;
  private nextUnit = 0;

  constructor(name: string) {
    const group = encodedGroup(name);
    const { firstUnits, rootDegree } = group;
    if (rootDegree > 0xffff) throw new Error(`${name}: too many first characters`);
    this.offsets = group.offsets;
    this.stream = group.stream;
    this.alphabet = group.alphabet;
    this.maxExpansion = Math.ceil(group.maxExpansion);
    const nodes = group.nodes;
    this.labels = new Uint16Array(nodes);
    this.childStart = new Int32Array(nodes);
    this.childrenAt = new Int32Array(nodes);
    this.childCount = new Uint16Array(nodes);
    this.value = new Int32Array(nodes);
    this.flags = new Uint8Array(nodes);
    this.decoded = new Uint8Array(rootDegree);
    this.valueStart = new Int32Array(group.storedValues);
    this.valueLength = new Uint16Array(group.storedValues);
    this.valueUnits = new Uint16Array(group.storedUnits);
    this.nextNode = rootDegree;
    const { root, labels } = this;
    cursor = 0;
    for (let i = 0, u = 0; i < rootDegree; i++) {
      u += readVarint(firstUnits);
      root[u] = i + 1;
      labels[i] = u;
    }
    // First-level units are sorted.
    this.minFirst = rootDegree > 0 ? (labels[0] as number) : 1;
    this.maxFirst = rootDegree > 0 ? (labels[rootDegree - 1] as number) : 0;
  }

  /** Decodes a stored value (kind 2) at the cursor into node i. Rare: most values are derived. */
  private decodeStoredValue(i: number): void {
    const { stream, alphabet } = this;
    const length = readVarint(stream);
    if (length === 1) {
      this.value[i] = -2 - fixed3At(alphabet, readVarint(stream) * 3);
      return;
    }
    const stored = this.nextStored++;
    const units = this.valueUnits;
    let at = this.nextUnit;
    this.value[i] = stored;
    this.valueStart[stored] = at;
    this.valueLength[stored] = length;
    for (let k = 0; k < length; k++) units[at++] = fixed3At(alphabet, readVarint(stream) * 3);
    this.nextUnit = at;
  }

  /** Decodes the shape (and a stored value) of node i at `p`; returns where its record goes on. */
  private decodeShape(i: number, p: number): number {
    const stream = this.stream;
    const c = stream.charCodeAt(p);
    let code = c - (c > 0x5c ? 0x24 : 0x23);
    p++;
    if (code >= VARINT_TERMINAL) {
      cursor = p - 1;
      code = readVarint(stream);
      p = cursor;
    }
    this.childCount[i] = code >> 3;
    this.flags[i] = (code >> 2) & SEGMENT_KEY;
    const kind = code & 3;
    if (kind === KIND_NONE) this.value[i] = NO_VALUE;
    else if (kind === KIND_CHARWISE) this.value[i] = CHARWISE;
    else if (kind === KIND_IDENTITY) this.value[i] = IDENTITY;
    else {
      cursor = p;
      this.decodeStoredValue(i);
      p = cursor;
    }
    return p;
  }

  /** Decodes first-level node `top` and its children (the rest of its subtree as it is reached). */
  decodeBlock(top: number): void {
    this.decoded[top] = 1;
    const at = this.decodeShape(top, fixed3At(this.offsets, top * 3));
    const v = this.value[top] as number;
    if (v <= -2 && v > IDENTITY) this.charMap[this.labels[top] as number] = -2 - v;
    this.childStart[top] = -1;
    this.childrenAt[top] = at;
    if (this.childCount[top] === 0) return;
    const first = this.expand(top);
    const end = first + (this.childCount[top] as number);
    for (let i = first; i < end; i++) {
      const h = pairHash(top, this.labels[i] as number);
      this.pairBits[h >>> 5] = (this.pairBits[h >>> 5] as number) | (1 << (h & 31));
    }
  }

  /**
   * Decodes the children of `node` (which has some) into the next free nodes and returns the
   * first. This runs while the first text of a page converts, mostly before the JIT has
   * compiled it, so it is one loop over locals with the one-digit case of numbers read inline.
   */
  expand(node: number): number {
    const { stream, alphabet, labels, childStart, childCount, childrenAt } = this;
    const first = this.nextNode;
    const end = first + (childCount[node] as number);
    this.nextNode = end;
    childStart[node] = first;
    let p = childrenAt[node] as number;
    for (let i = first; i < end; i++) {
      const c = stream.charCodeAt(p++);
      let rank = c - (c > 0x5c ? 0x24 : 0x23);
      if (rank >= VARINT_TERMINAL) {
        cursor = p - 1;
        rank = readVarint(stream);
        p = cursor;
      }
      labels[i] = fixed3At(alphabet, rank * 3);
      p = this.decodeShape(i, p);
      childStart[i] = -1;
      if (childCount[i] !== 0) {
        // For now the length of the groups under child i; made a position below.
        cursor = p;
        childrenAt[i] = readVarint(stream);
        p = cursor;
      }
    }
    // The groups under the children follow their records, in the children's order.
    for (let i = first; i < end; i++) {
      if (childCount[i] === 0) continue;
      const length = childrenAt[i] as number;
      childrenAt[i] = p;
      p += length;
    }
    return first;
  }

  /** The code units that start a key. */
  firstUnits(): number[] {
    return Array.from(this.labels.subarray(0, this.decoded.length));
  }

  /** The single-unit value of key `u` (u itself when none), as CHARWISE values use it. */
  charOf(u: number): number {
    const first = this.root[u] as number;
    if (first !== 0 && this.decoded[first - 1] === 0) this.decodeBlock(first - 1);
    return (this.charMap[u] as number) || u;
  }

  /** The child of `node` for code unit `u`, or -1. `node`'s block must be decoded. */
  child(node: number, u: number): number {
    const { labels, childStart, childCount } = this;
    const count = childCount[node] as number;
    if (count === 0) return -1;
    let lo = childStart[node] as number;
    if (lo < 0) lo = this.expand(node);
    const end = lo + count;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((labels[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && labels[lo] === u ? lo : -1;
  }
}

// ---------------------------------------------------------------------------------------------
// Text passes over reused buffers. Conversion is synchronous and never re-entered, so one set
// of buffers serves every converter.

let bufferA = new Uint16Array(1024);
let bufferB = new Uint16Array(1024);
let boundsA = new Int32Array(1026);
let boundsB = new Int32Array(1026);
/** Number of segments produced by the last `runTable`/`segmentText` call. */
let segmentsOut = 0;

/**
 * Buffers above this many units are dropped after use. Text nodes of a page need far less; a
 * megabyte-sized string (the CLI, the benchmark) keeps its buffers for the next call.
 */
const RETAINED_BUFFER = 1 << 22;

function releaseLargeBuffers(): void {
  if (bufferA.length > RETAINED_BUFFER) bufferA = new Uint16Array(1024);
  if (bufferB.length > RETAINED_BUFFER) bufferB = new Uint16Array(1024);
  if (boundsA.length > RETAINED_BUFFER) boundsA = new Int32Array(1026);
  if (boundsB.length > RETAINED_BUFFER) boundsB = new Int32Array(1026);
}

function ensureBuffers(length: number): void {
  if (bufferA.length < length) bufferA = new Uint16Array(length);
  if (bufferB.length < length) bufferB = new Uint16Array(length);
  if (boundsA.length < length + 2) boundsA = new Int32Array(length + 2);
  if (boundsB.length < length + 2) boundsB = new Int32Array(length + 2);
}

/** Length of the code point at `i` within [.., end): 2 for a surrogate pair, else 1. */
function codePointLength(src: Uint16Array, i: number, end: number): number {
  const c = src[i] as number;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = src[i + 1] as number;
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function idsArity(c: number): number {
  if (c >= 0x2ff0 && c <= 0x2ff1) return 2;
  if (c >= 0x2ff2 && c <= 0x2ff3) return 3;
  if (c >= 0x2ff4 && c <= 0x2fff) return 2;
  return 0;
}

/** End of a complete Ideographic Description Sequence at `i`, or 0 (opencc-js's rule exactly). */
function idsEnd(src: Uint16Array, i: number, end: number): number {
  const arity = idsArity(src[i] as number);
  if (arity === 0) return 0;
  let e = i + 1;
  for (let n = 0; n < arity; n++) {
    if (e >= end) return 0;
    const childEnd = idsEnd(src, e, end);
    e = childEnd || e + codePointLength(src, e, end);
  }
  return e;
}

/**
 * One trie pass over each segment of `src` (segment k is [bounds[k], bounds[k+1])). Writes the
 * result to `dst` and the output segment starts to `dstBounds`. With `markSegments`, `src` is one
 * segment and output segments are cut around every SEGMENT_KEY match instead. Returns the output
 * length; the number of output segments is left in `segmentsOut`.
 */
function runTable(
  table: MatchTable,
  src: Uint16Array,
  bounds: Int32Array,
  segments: number,
  dst: Uint16Array,
  dstBounds: Int32Array,
  markSegments: boolean,
): number {
  const {
    root,
    value,
    flags,
    valueStart,
    valueLength,
    valueUnits,
    labels,
    childStart,
    childCount,
    charMap,
    decoded,
    pairBits,
  } = table;
  let o = 0;
  let outSegments = 0;
  for (let s = 0; s < segments; s++) {
    const end = bounds[s + 1] as number;
    let i = bounds[s] as number;
    if (!markSegments) dstBounds[outSegments++] = o;
    else if (outSegments === 0) dstBounds[outSegments++] = 0;
    while (i < end) {
      const c = src[i] as number;
      const first = root[c] as number;
      if (first === 0) {
        if (c >= 0x2ff0 && c <= 0x2fff) {
          const e = idsEnd(src, i, end);
          if (e > i) {
            while (i < e) dst[o++] = src[i++] as number;
            continue;
          }
        }
        dst[o++] = c;
        i++;
        continue;
      }
      let node = first - 1;
      if (decoded[node] === 0) table.decodeBlock(node);
      const top = node;
      let best = value[node] as number;
      let bestNode = node;
      let bestEnd = i + 1;
      let j = i + 1;
      // Longest match: follow children while they exist, remembering the last node with a value.
      while (j < end) {
        const count = childCount[node] as number;
        if (count === 0) break;
        let lo = childStart[node] as number;
        if (lo < 0) lo = table.expand(node);
        const stop = lo + count;
        const u = src[j] as number;
        if (node === top) {
          const h = pairHash(top, u);
          if (((pairBits[h >>> 5] as number) & (1 << (h & 31))) === 0) break;
        }
        let hi = stop;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((labels[mid] as number) < u) lo = mid + 1;
          else hi = mid;
        }
        if (lo === stop || labels[lo] !== u) break;
        node = lo;
        j++;
        const v = value[node] as number;
        if (v !== NO_VALUE) {
          best = v;
          bestNode = node;
          bestEnd = j;
        }
      }
      if (best === NO_VALUE) {
        dst[o++] = c;
        i++;
        continue;
      }
      const segmentKey = markSegments && ((flags[bestNode] as number) & SEGMENT_KEY) !== 0;
      if (segmentKey && dstBounds[outSegments - 1] !== o) dstBounds[outSegments++] = o;
      if (best >= 0) {
        const from = valueStart[best] as number;
        const stop = from + (valueLength[best] as number);
        for (let k = from; k < stop; k++) dst[o++] = valueUnits[k] as number;
      } else if (best > IDENTITY) {
        dst[o++] = -2 - best;
      } else if (best === IDENTITY) {
        for (let k = i; k < bestEnd; k++) dst[o++] = src[k] as number;
      } else {
        for (let k = i; k < bestEnd; k++) {
          const u = src[k] as number;
          const m = charMap[u] as number;
          // charMap holds decoded characters only; an undecoded one is decoded by charOf.
          dst[o++] = m !== 0 ? m : table.charOf(u);
        }
      }
      i = bestEnd;
      if (segmentKey && i < end) dstBounds[outSegments++] = o;
    }
  }
  dstBounds[outSegments] = o;
  segmentsOut = outSegments;
  return o;
}

/** opencc-js's Trie.segment: cuts `src` into matches of `table` and the runs between them. */
function segmentText(
  table: MatchTable,
  src: Uint16Array,
  length: number,
  dstBounds: Int32Array,
): void {
  const { root, value } = table;
  let segments = 0;
  dstBounds[segments++] = 0;
  let i = 0;
  while (i < length) {
    const c = src[i] as number;
    const first = root[c] as number;
    let bestEnd = -1;
    if (first !== 0) {
      let node = first - 1;
      if (table.decoded[node] === 0) table.decodeBlock(node);
      if (value[node] !== NO_VALUE) bestEnd = i + 1;
      let j = i + 1;
      while (j < length) {
        const next = table.child(node, src[j] as number);
        if (next < 0) break;
        node = next;
        j++;
        if (value[node] !== NO_VALUE) bestEnd = j;
      }
    }
    if (bestEnd < 0) {
      const e = c >= 0x2ff0 && c <= 0x2fff ? idsEnd(src, i, length) : 0;
      i = e > i ? e : i + codePointLength(src, i, length);
      continue;
    }
    if (dstBounds[segments - 1] !== i) dstBounds[segments++] = i;
    i = bestEnd;
    if (i < length) dstBounds[segments++] = i;
  }
  dstBounds[segments] = length;
  segmentsOut = segments;
}

/** Made on first use: creating a TextDecoder costs several milliseconds in Node. */
let utf16Decoder: TextDecoder | null = null;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The string of `buf[0..length)`. TextDecoder would replace lone surrogates, so `hasSurrogates` avoids it. */
function decode(buf: Uint16Array, length: number, hasSurrogates: boolean): string {
  if (length <= 256 || hasSurrogates || !LITTLE_ENDIAN) {
    let out = '';
    // fromCharCode.apply takes any array-like; its typing asks for number[]. Chunks stay under
    // engines' argument-count limits.
    for (let i = 0; i < length; i += 4096) {
      out += String.fromCharCode.apply(
        null,
        buf.subarray(i, Math.min(length, i + 4096)) as unknown as number[],
      );
    }
    return out;
  }
  utf16Decoder ??= new TextDecoder('utf-16le', { ignoreBOM: true });
  return utf16Decoder.decode(buf.subarray(0, length));
}

// ---------------------------------------------------------------------------------------------

/**
 * Copies `text` into `buf`. Says whether it holds any surrogate code unit, and whether any unit
 * starts a key of `watched` (the first pass: without such a unit that pass would copy the text
 * unchanged, so it is skipped).
 */
const HAS_SURROGATES = 1;
const STARTS_A_KEY = 2;
function copyIn(text: string, buf: Uint16Array, watched: MatchTable): number {
  let found = 0;
  const { root, minFirst, maxFirst } = watched;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    buf[i] = c;
    if ((c & 0xf800) === 0xd800) found |= HAS_SURROGATES;
    if (c >= minFirst && c <= maxFirst && root[c] !== 0) found |= STARTS_A_KEY;
  }
  return found;
}

/**
 * One pass of a pipeline: over the whole text (normalisation, a first group without
 * segmentation), a segmentation pass, over each segment, or the first group cutting segments.
 */
const PASS_WHOLE = 0;
const PASS_SEGMENT = 1;
const PASS_SEGMENTS = 2;
const PASS_FUSED = 3;
interface Pass {
  kind: number;
  table: MatchTable;
}

const tableCache = new Map<string, MatchTable>();
function cachedTable(name: string): MatchTable {
  let table = tableCache.get(name);
  if (!table) {
    table = new MatchTable(name);
    tableCache.set(name, table);
  }
  return table;
}

/**
 * A direction's chain of trie passes, built from its generated spec. When the spec says
 * `fused`, the first conversion group marks segmentation keys and its pass cuts the segments
 * (scripts/build-dicts.ts checks when that is exact); otherwise a separate pass does.
 */
class Pipeline {
  readonly normalize: MatchTable[];
  readonly segmenter: MatchTable | null;
  readonly fusedSegmentation: boolean;
  readonly convert: MatchTable[];
  readonly maxExpansion: number;
  private readonly passes: Pass[];

  constructor(spec: PipelineSpec) {
    this.normalize = spec.normalize.map(cachedTable);
    this.segmenter = spec.segment ? cachedTable(spec.segment) : null;
    this.fusedSegmentation = spec.fused;
    this.convert = spec.convert.map(cachedTable);
    let expansion = 1;
    for (const t of [...this.normalize, ...this.convert]) expansion *= t.maxExpansion;
    this.maxExpansion = expansion;
    this.passes = [
      ...this.normalize.map((table): Pass => ({ kind: PASS_WHOLE, table })),
      ...(this.segmenter ? [{ kind: PASS_SEGMENT, table: this.segmenter }] : []),
      ...this.convert.map((table, i): Pass => ({
        kind:
          i === 0 && this.fusedSegmentation
            ? PASS_FUSED
            : i === 0 && !this.segmenter
              ? PASS_WHOLE
              : PASS_SEGMENTS,
        table,
      })),
    ];
  }

  run(text: string): string {
    const length = text.length;
    if (length === 0) return text;
    ensureBuffers(length * this.maxExpansion + 16);
    // Plain locals, no closures: captured variables would live in a context and slow every pass.
    let src = bufferA;
    let dst = bufferB;
    let bounds = boundsA;
    let dstBounds = boundsB;
    const passes = this.passes;
    if (passes.length === 0) return text; // t -> t: opencc-js runs no trie at all
    const found = copyIn(text, src, (passes[0] as Pass).table);
    let n = length;
    let segments = 1;
    bounds[0] = 0;
    bounds[1] = n;
    // The first pass (normalisation in most directions) rarely finds anything: skip it then. It
    // is a pass over the whole text or a segmentation, and either leaves text without a unit that
    // starts a key as it is (one segment).
    for (let p = (found & STARTS_A_KEY) !== 0 ? 0 : 1; p < passes.length; p++) {
      const pass = passes[p] as Pass;
      if (pass.kind === PASS_SEGMENT) {
        segmentText(pass.table, src, n, bounds);
        segments = segmentsOut;
        continue;
      }
      if (pass.kind === PASS_WHOLE) {
        bounds[0] = 0;
        bounds[1] = n;
        segments = 1;
      }
      n = runTable(pass.table, src, bounds, segments, dst, dstBounds, pass.kind === PASS_FUSED);
      segments = segmentsOut;
      const t = src;
      src = dst;
      dst = t;
      const b = bounds;
      bounds = dstBounds;
      dstBounds = b;
    }
    const result = decode(src, n, (found & HAS_SURROGATES) !== 0);
    releaseLargeBuffers();
    return result;
  }
}

/**
 * A converter with exactly the output of opencc-js 1.4.2's `OpenCC.Converter({ from, to })`.
 * Its tables are decoded on the first call (a few milliseconds for directions from `cn`).
 */
export function createConverter(
  from: ExtendedOpenccLocale,
  to: ExtendedOpenccLocale,
): (text: string) => string {
  const spec = pipelines[`${from}>${to}`];
  // cn -> cn and cn -> jp are left out on purpose (scripts/build-dicts.ts, LEFT_OUT); twp, hkp
  // and jp need engine-extended.ts.
  if (!spec) throw new Error(`Unsupported conversion ${from} -> ${to}`);
  let pipeline: Pipeline | null = null;
  return (text: string): string => {
    pipeline ??= new Pipeline(spec);
    return pipeline.run(text);
  };
}

/** Converters are cached: the DOM walker may ask again on every toggle. */
const converterCache = new Map<string, (text: string) => string>();
function cachedConverter(from: OpenccLocale, to: OpenccLocale): (text: string) => string {
  const key = `${from}>${to}`;
  let converter = converterCache.get(key);
  if (!converter) {
    converter = createConverter(from, to);
    converterCache.set(key, converter);
  }
  return converter;
}

/**
 * Characters that correct Traditional text (Taiwan, Hong Kong) writes as they are, but that a
 * Simplified -> Traditional conversion changes, because as Simplified they stand for another
 * word too. On a page that is already Traditional they are left alone, so that repairing the
 * leftovers of naive conversions (干部, 并進, 關于) never damages correct text. Each was seen
 * changed in real Traditional pages (Taiwan government and blog pages, OpenCC's own outputs):
 * - 台 臺灣/台灣: both are official in Taiwan, 台 is the everyday form (台北, 台灣).
 * - 里 the neighbourhood unit 里 (里長, 鄰里) and 公里; Traditional writes 裡 only for "inside".
 * - 周 周末, 一周, the surname 周; 週 is preferred for "week" but 周 is correct too.
 * - 彩 色彩, 彩衣; 綵 only in 剪綵.       - 幸 幸福; 倖 only in 僥倖.
 * - 岩 岩石 (Taiwan's standard form).     - 谷 山谷, 水田谷; 穀 is grain.
 * - 庄 place names (南庄, 田庄).          - 咨 咨文, 咨詢.
 * - 余 the surname (余光中).              - 丑 the earthly branch (丑時).  - 云 云云, 人云亦云.
 * Known naive-table leftovers (干 并 于 后 杰 布 范 征 了 斗 筑) are deliberately not here.
 */
const TRADITIONAL_AS_IS = '台里周彩幸岩谷庄咨余丑云';

/**
 * For the generic Traditional target (OpenCC's standard, which prefers older forms such as 爲,
 * 衆, 纔, 喫), also the regional standard forms of Taiwan and Hong Kong: correct regional text
 * keeps its own forms. These are the values of OpenCC's TWVariants and HKVariants tables.
 */
let regionalForms: string | null = null;
function regionalStandardForms(): string {
  if (regionalForms !== null) return regionalForms;
  const forms = new Set<string>();
  for (const name of ['TWVariantsPhrases+TWVariants', 'HKVariantsPhrases+HKVariants']) {
    const table = cachedTable(name);
    for (const u of table.firstUnits()) {
      const mapped = table.charOf(u);
      if (mapped !== u) forms.add(String.fromCharCode(mapped));
    }
  }
  regionalForms = [...forms].join('');
  return regionalForms;
}

function isSurrogate(unit: number): boolean {
  return (unit & 0xf800) === 0xd800;
}

/**
 * A converter for text that is already Traditional. A character is changed only when
 * - it is not one that correct Traditional text writes as it is (`keep`), and
 * - reading the text as Simplified gives the same change as the direct conversion. The second
 *   reading converts the text to Simplified first, so the conversion sees whole Simplified
 *   words: 干擾 -> 干扰 -> 干擾 keeps 干 (the direct reading alone would give 幹擾), while
 *   干部 -> 干部 -> 幹部 and 關于 -> 关于 -> 關於 agree with it and are repaired.
 * Where a conversion changes the text's length the positions cannot be compared; then runs
 * between kept characters are converted on their own and kept characters copied.
 */
function repairingTraditional(
  convert: (text: string) => string,
  toSimplified: (text: string) => string,
  keep: string,
): (text: string) => string {
  const keepPattern = new RegExp(`([${keep}]+)`, 'u');
  const kept = new Set(keep);
  const splitAroundKept = (text: string): string => {
    const parts = text.split(keepPattern);
    // split() with a capture group alternates: run, kept characters, run, ...
    for (let i = 0; i < parts.length; i += 2) parts[i] = convert(parts[i] as string);
    return parts.join('');
  };
  return (text: string): string => {
    const direct = convert(text);
    if (direct === text) return text;
    if (direct.length !== text.length) return splitAroundKept(text);
    const viaSimplified = convert(toSimplified(text));
    const comparable = viaSimplified.length === text.length;
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length; i++) {
      const original = text.charCodeAt(i);
      const changed = direct.charCodeAt(i);
      if (original === changed || isSurrogate(original) || isSurrogate(changed)) continue;
      const agreed = comparable && viaSimplified.charCodeAt(i) === changed;
      if (agreed && !kept.has(text[i] as string)) continue;
      out += direct.slice(copied, i) + text[i];
      copied = i + 1;
    }
    return copied === 0 ? direct : out + direct.slice(copied);
  };
}

/** Traditional target -> OpenCC locale. */
const TRADITIONAL_LOCALE: Readonly<Record<'hant' | 'tw' | 'hk', OpenccLocale>> = {
  hant: 't',
  tw: 'tw',
  hk: 'hk',
};

const targetCache = new Map<string, (text: string) => string>();

/**
 * The converter for a user's script choice on a page written in `pageScript`, or null when
 * nothing is to be done.
 * - 'hans': Traditional -> Simplified from `region` (the page's Traditional standard when known
 *   from its `lang`, so its regional variants are undone), else from OpenCC's generic 't'.
 *   Null on a Simplified page.
 * - 'hant' | 'tw' | 'hk': Simplified -> that Traditional standard, then the project dictionary.
 *   On a Traditional page the same conversion repairs what naive conversion left Simplified
 *   (干部 -> 幹部, 并進 -> 並進, 關于 -> 關於) and leaves correct Traditional characters as
 *   they are (see TRADITIONAL_AS_IS). Text that is not Chinese comes back unchanged.
 * Converters are cached; the same function comes back for the same arguments.
 */
export function converterForTarget(
  target: ScriptTarget,
  pageScript: DetectedScript,
  region: 'tw' | 'hk' | null = null,
): ((text: string) => string) | null {
  if (target === 'original') return null;
  if (target === 'hans') {
    if (pageScript === 'hans') return null;
    return cachedConverter(region ?? 't', 'cn');
  }
  const onTraditional = pageScript === 'hant';
  const key = `${target}|${onTraditional}|${region ?? ''}`;
  let converter = targetCache.get(key);
  if (!converter) {
    let convert = cachedConverter('cn', TRADITIONAL_LOCALE[target]);
    if (onTraditional) {
      const keep = TRADITIONAL_AS_IS + (target === 'hant' ? regionalStandardForms() : '');
      convert = repairingTraditional(convert, cachedConverter(region ?? 'tw', 'cn'), keep);
    }
    const base = convert;
    converter = (text: string) => applyProjectDict(base(text));
    targetCache.set(key, converter);
  }
  return converter;
}
