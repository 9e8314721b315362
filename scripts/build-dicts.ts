/**
 * Compiles opencc-js 1.4.2's dictionaries into the tables the conversion engine
 * (src/core/convert/engine.ts) reads, so that a converter is ready in a few milliseconds.
 * Run with `npx tsx scripts/build-dicts.ts` before build, test and bench; it writes
 * src/core/convert/generated/ (gitignored).
 *
 * What opencc-js does (dist/esm-lib/core.js) and what is precomputed here:
 * - A direction is a chain of tries: normalisation groups, an optional segmentation, then the
 *   conversion groups. `resolvePipelines` resolves each `from>to` pair with opencc-js's own preset
 *   data and the rules of its `ConverterBuilder`.
 * - A trie holds a group of dictionaries; for a key in several of them the first dictionary wins
 *   (loadDictGroup loads them in reverse), and within one dictionary the last entry wins.
 *   `groupTable` merges them the same way, and each group becomes one trie written breadth-first.
 *
 * Trie encoding (read by `MatchTable` in engine.ts). The generated modules are plain ASCII: a
 * browser and Node read and compile ASCII source several times faster per character than
 * UTF-8 Chinese, and that load is most of a fresh converter's cost. Numbers are written in
 * base-91 digits ('#'..'~' without the backslash); `varint`s use digits below 60 to end a number
 * and the rest to continue it, so numbers below 60 take one digit and below 1,920 two.
 * - `alphabet`: the code units of the group's labels and stored values, most frequent first, three
 *   digits each; a unit is written as its rank (a varint), so common characters take one or two
 *   digits;
 * - `firstUnits`: the first-level nodes' code units (one per first code unit of a key), sorted,
 *   each as a varint of its distance from the previous one (mostly one digit);
 * - `offsets`: per first-level node, where its block starts in `stream`, in three digits, so
 *   entry i is read in place;
 * - `stream`: per first-level node, a block: that node's record, then the groups under it. The
 *   groups under a node are its children's records (sorted by code unit), then, in the same
 *   order, the groups under each child that has children. A record: the label (not for the
 *   first-level node, whose unit is in `firstUnits`), the shape `children * 8 + segmentFlag * 4 +
 *   kind`, for kind 2 the value (length, then its units), and for a node with children the length
 *   of the groups under it. So the children of any node can be read without the subtrees of its
 *   earlier siblings: a first-level node and its children are read the first time its character
 *   is met in text, deeper nodes' children when a match first reaches them. A converter is ready
 *   after indexing `firstUnits`, and a page decodes only the part of the trie its text touches;
 * - kind: 0 no value (a prefix of longer keys), 1 the key mapped unit by unit through the group's
 *   own single-character entries, 2 stored, 3 the key itself. Most phrase values are kind 1 or 3,
 *   so only about a sixth of them are stored;
 * - segmentFlag: the key belongs to the segmentation dictionaries of a direction whose segmentation
 *   is fused into this group (see `fusable`).
 *
 * Two modules: `generated/index.ts` holds the directions the extension uses (Simplified to and
 * from Traditional, Taiwan and Hong Kong), `generated/extended.ts` the others (Taiwan and Hong
 * Kong vocabulary, Japanese), which only tests load (engine-extended.ts).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OPENCC_LIB = path.join(ROOT, 'node_modules', 'opencc-js', 'dist', 'esm-lib');
const OUT_DIR = path.join(ROOT, 'src', 'core', 'convert', 'generated');

/**
 * The locales the engine exposes: OpenccLocale in engine.ts, plus 'hkp' and 'jp' (small tables)
 * so that every configuration of OpenCC's upstream test cases can be checked.
 */
const LOCALES = ['cn', 'tw', 'twp', 'hk', 'hkp', 'jp', 't'] as const;

/**
 * Pairs left out. opencc-js's cn->cn (a Simplified->Traditional->Simplified round trip) and cn->jp
 * run a dictionary group ([STPhrases, STCharacters], without the regional phrases) that no other
 * direction uses; offering them would double the bundled data.
 */
const LEFT_OUT = new Set(['cn>cn', 'cn>jp']);

/** The directions the extension uses; the other groups go to the extended module. */
const PRODUCT_PAIRS = new Set(['cn>t', 'cn>tw', 'cn>hk', 't>cn', 'tw>cn', 'hk>cn']);
const KIND_NONE = 0;
const KIND_CHARWISE = 1;
const KIND_STORED = 2;
const KIND_IDENTITY = 3;

type DictName = string;
interface PipelineSpec {
  normalize: string[];
  /** Group of a separate segmentation pass, or null (none, or fused into the first group). */
  segment: string | null;
  fused: boolean;
  convert: string[];
}
interface RawPipeline {
  normalize: DictName[][];
  segment: DictName[] | null;
  convert: DictName[][];
}

async function importDefault(file: string): Promise<unknown> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return mod.default;
}

/** All dictionary strings of opencc-js by name, and the reverse map to name a preset's strings. */
async function loadDicts(): Promise<{ byName: Map<string, string>; nameOf: Map<string, string> }> {
  const byName = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const file of readdirSync(path.join(OPENCC_LIB, 'dict')).sort()) {
    if (!file.endsWith('.js')) continue;
    const text = await importDefault(path.join(OPENCC_LIB, 'dict', file));
    if (typeof text !== 'string') throw new Error(`${file}: expected a serialized dictionary`);
    const name = file.slice(0, -3);
    if (nameOf.has(text)) throw new Error(`${file}: same content as ${nameOf.get(text)}`);
    byName.set(name, text);
    nameOf.set(text, name);
  }
  return { byName, nameOf };
}

/** The final table of one serialized dictionary, exactly as opencc-js's Trie.loadDict leaves it. */
function parseDict(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split('|')) {
    const [key, value] = line.split(' ');
    if (typeof value !== 'string') throw new Error(`bad entry ${JSON.stringify(line)}`);
    // An empty key sets a value on the trie's root, which matchPrefix never reads.
    if (key === undefined || key === '') continue;
    table.set(key, value); // later entries win, as Trie.addWord overwrites trie_val
  }
  return table;
}

function isSurrogate(unit: number): boolean {
  return (unit & 0xf800) === 0xd800;
}

type Preset = {
  from: Record<string, unknown>;
  to: Record<string, unknown>;
  configs: Record<
    string,
    { normalizationChain?: unknown; segmentation?: unknown; conversionChain: unknown }
  >;
};

/** opencc-js ConverterBuilder's getConfigName. */
function configName(from: string, to: string): string {
  if (from === 'cn') return `s2${to}`;
  if (to === 'cn') {
    if (from === 'hkp') return 'hk2sp';
    return from === 'twp' ? 'tw2sp' : `${from}2s`;
  }
  return `${from}2${to}`;
}

function resolvePipelines(
  preset: Preset,
  nameOf: Map<string, string>,
): Record<string, RawPipeline> {
  const dictName = (d: unknown): string => {
    const name = typeof d === 'string' ? nameOf.get(d) : undefined;
    if (!name) throw new Error('preset refers to an unknown dictionary');
    return name;
  };
  const groups = (chain: unknown): DictName[][] => {
    if (!Array.isArray(chain)) throw new Error('expected a chain of groups');
    return chain.map((group: unknown) => {
      if (!Array.isArray(group)) throw new Error('expected a group');
      return group.map(dictName);
    });
  };
  const pipelines: Record<string, RawPipeline> = {};
  for (const from of LOCALES) {
    for (const to of LOCALES) {
      if (LEFT_OUT.has(`${from}>${to}`)) continue;
      const config = preset.configs[configName(from, to)];
      if (config) {
        // ConverterFactoryWithSegmentation, with the normalisation chain run first.
        const seg = config.segmentation;
        pipelines[`${from}>${to}`] = {
          normalize: config.normalizationChain ? groups(config.normalizationChain) : [],
          segment:
            seg === undefined || seg === null
              ? null
              : Array.isArray(seg)
                ? seg.map(dictName)
                : [dictName(seg)],
          convert: groups(config.conversionChain),
        };
      } else {
        // ConverterFactory over the locale groups: each trie runs over the whole string in turn.
        const convert: DictName[][] = [];
        if (from !== 't') convert.push(...groups(preset.from[from]));
        if (to !== 't') convert.push(...groups(preset.to[to]));
        pipelines[`${from}>${to}`] = { normalize: [], segment: null, convert };
      }
    }
  }
  return pipelines;
}

/**
 * Whether segmentation can be fused into the first conversion group: that group holds every
 * segmentation dictionary and its other dictionaries only single characters. Then at each
 * position the group's longest match is a segmentation key exactly when segmentation matches
 * there (a one-character key is never longer than a segmentation match), both walks step over
 * the same positions, and the group's matches of segmentation keys are the segments.
 */
function fusable(raw: RawPipeline, tables: Map<string, Map<string, string>>): boolean {
  const first = raw.convert[0];
  if (!raw.segment || !first) return false;
  const seg = new Set(raw.segment);
  return (
    raw.segment.every((d) => first.includes(d)) &&
    first.every(
      (d) => seg.has(d) || [...(tables.get(d)?.keys() ?? [])].every((k) => [...k].length === 1),
    )
  );
}

interface TrieNode {
  children: Map<number, TrieNode>;
  value?: string;
  segment: boolean;
}

/** A group's merged table: for keys in several dictionaries the first listed wins. */
function groupTable(
  dicts: DictName[],
  tables: Map<string, Map<string, string>>,
): Map<string, string> {
  const merged = new Map<string, string>();
  for (const d of dicts) {
    for (const [k, v] of tables.get(d) ?? []) if (!merged.has(k)) merged.set(k, v);
  }
  return merged;
}

interface EncodedGroup {
  firstUnits: string;
  offsets: string;
  stream: string;
  alphabet: string;
  rootDegree: number;
  nodes: number;
  storedValues: number;
  storedUnits: number;
  /** Largest value length over key length: bounds how much a pass can lengthen text. */
  maxExpansion: number;
}

/**
 * Digits are the printable ASCII characters from '#' (0x23) to '~' (0x7E) without the backslash:
 * 91 of them, none of which JSON escapes, so the generated module is plain ASCII.
 */
const DIGITS = 91;
const digitChar = (d: number): string => String.fromCharCode(d + (d >= 0x39 ? 0x24 : 0x23));
/** Variable-length numbers: digits below VARINT_TERMINAL end a number, the others continue it. */
const VARINT_TERMINAL = 60;
const VARINT_CONTINUE = DIGITS - VARINT_TERMINAL;

function varint(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`cannot encode ${n}`);
  // Numbers of one digit are [0, T), of two [T, T + C*T), of three the next C*C*T, ...
  let length = 1;
  let span = VARINT_TERMINAL;
  while (n >= span) {
    n -= span;
    span *= VARINT_CONTINUE;
    length++;
  }
  let out = digitChar(n % VARINT_TERMINAL);
  n = Math.floor(n / VARINT_TERMINAL);
  for (let i = 1; i < length; i++) {
    out = digitChar(VARINT_TERMINAL + (n % VARINT_CONTINUE)) + out;
    n = Math.floor(n / VARINT_CONTINUE);
  }
  return out;
}

/** A number in exactly three digits (the index: fixed width, so entry i is read in place). */
function fixed3(n: number, what: string): string {
  if (n >= DIGITS ** 3) throw new Error(`${what}: ${n} does not fit in three digits`);
  return (
    digitChar(Math.floor(n / DIGITS / DIGITS)) +
    digitChar(Math.floor(n / DIGITS) % DIGITS) +
    digitChar(n % DIGITS)
  );
}

function encodeGroup(
  name: string,
  merged: Map<string, string>,
  segmentKeys: Set<string>,
): EncodedGroup {
  // The group's single-unit mapping, which KIND_CHARWISE values follow (engine: `charMap`).
  const charMap = new Map<number, number>();
  const singleKeys = new Set<number>();
  for (const [k, v] of merged) {
    if (k.length !== 1) continue;
    singleKeys.add(k.charCodeAt(0));
    if (v.length === 1 && !isSurrogate(k.charCodeAt(0)) && !isSurrogate(v.charCodeAt(0))) {
      charMap.set(k.charCodeAt(0), v.charCodeAt(0));
    }
  }
  const charwise = (key: string): string | null => {
    let out = '';
    for (let i = 0; i < key.length; i++) {
      const u = key.charCodeAt(i);
      if (isSurrogate(u)) return null;
      const m = charMap.get(u);
      if (m === undefined && singleKeys.has(u)) return null; // maps to something longer
      out += String.fromCharCode(m ?? u);
    }
    return out;
  };

  const root: TrieNode = { children: new Map(), segment: false };
  let maxExpansion = 1;
  for (const [key, value] of merged) {
    if (!key.isWellFormed() || !value.isWellFormed())
      throw new Error(`${name}: lone surrogate in ${key}`);
    const first = key.charCodeAt(0);
    if (first >= 0x2ff0 && first <= 0x2fff)
      throw new Error(`${name}: key starts with an IDS operator`);
    maxExpansion = Math.max(maxExpansion, value.length / key.length);
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const u = key.charCodeAt(i);
      let next = node.children.get(u);
      if (!next) {
        next = { children: new Map(), segment: false };
        node.children.set(u, next);
      }
      node = next;
    }
    node.value = value;
    node.segment = segmentKeys.has(key);
  }

  const sorted = (n: TrieNode) => [...n.children.entries()].sort((x, y) => x[0] - y[0]);
  const firstLevel = sorted(root);
  /** Each block as a list of nodes in breadth-first order (its first-level node first). */
  const blocks = firstLevel.map(([u, top]) => {
    const queue: Array<[TrieNode, string]> = [[top, String.fromCharCode(u)]];
    for (let q = 0; q < queue.length; q++) {
      const [node, key] = queue[q] as [TrieNode, string];
      for (const [c, child] of sorted(node)) queue.push([child, key + String.fromCharCode(c)]);
    }
    return queue;
  });
  const kindOf = (node: TrieNode, key: string): number => {
    if (node.value === undefined) return KIND_NONE;
    if (node.value === key) return KIND_IDENTITY;
    if (key.length > 1 && charwise(key) === node.value) return KIND_CHARWISE;
    return KIND_STORED;
  };
  // Stored values of one unit are kept in the node itself (engine: `-2 - u`).
  const storedText = (node: TrieNode, key: string): string | null =>
    kindOf(node, key) === KIND_STORED && (node.value as string).length !== 1
      ? (node.value as string)
      : null;

  // The alphabet: every code unit of a label or a stored value, most frequent first, so that
  // common characters take one or two digits.
  const frequency = new Map<number, number>();
  const count = (u: number) => frequency.set(u, (frequency.get(u) ?? 0) + 1);
  for (const block of blocks) {
    block.forEach(([node, key], i) => {
      if (i > 0) count(key.charCodeAt(key.length - 1));
      const kind = kindOf(node, key);
      const value = node.value as string;
      if (kind === KIND_STORED) for (let k = 0; k < value.length; k++) count(value.charCodeAt(k));
    });
  }
  const alphabet = [...frequency].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([u]) => u);
  const rank = new Map(alphabet.map((u, i) => [u, i]));
  const unit = (u: number) => varint(rank.get(u) as number);

  let offsets = '';
  const stream: string[] = [];
  let streamLength = 0;
  let nodes = 0;
  let storedValues = 0;
  let storedUnits = 0;
  /** A node's shape and, for kind 2, its value. */
  const shapeAndValue = (node: TrieNode, key: string): string => {
    const kind = kindOf(node, key);
    let text = varint(node.children.size * 8 + (node.segment ? 4 : 0) + kind);
    if (kind === KIND_STORED) {
      const value = node.value as string;
      text += varint(value.length);
      for (let k = 0; k < value.length; k++) text += unit(value.charCodeAt(k));
      const stored = storedText(node, key);
      if (stored !== null) {
        storedValues++;
        storedUnits += stored.length;
      }
    }
    return text;
  };
  /**
   * The groups under `node`: its children's records, then the groups under each child that has
   * children, in order. A record with children ends with the length of the groups under it, so
   * the engine finds every child's children without reading the subtrees before them.
   */
  const groupsUnder = (node: TrieNode, key: string): string => {
    const children = sorted(node);
    const below = children.map(([c, child]) =>
      child.children.size > 0 ? groupsUnder(child, key + String.fromCharCode(c)) : '',
    );
    let records = '';
    children.forEach(([c, child], k) => {
      records += unit(c) + shapeAndValue(child, key + String.fromCharCode(c));
      if (child.children.size > 0) records += varint((below[k] as string).length);
    });
    return records + below.join('');
  };
  firstLevel.forEach(([u, top], t) => {
    offsets += fixed3(streamLength, `${name} stream offset`);
    const key = String.fromCharCode(u);
    const text = shapeAndValue(top, key) + groupsUnder(top, key);
    nodes += (blocks[t] as unknown[]).length;
    stream.push(text);
    streamLength += text.length;
  });
  return {
    firstUnits: firstLevel
      .map(([u], t) => varint(u - (t > 0 ? (firstLevel[t - 1] as [number, TrieNode])[0] : 0)))
      .join(''),
    offsets,
    stream: stream.join(''),
    alphabet: alphabet.map((u) => fixed3(u, `${name} alphabet`)).join(''),
    rootDegree: firstLevel.length,
    nodes,
    storedValues,
    storedUnits,
    maxExpansion,
  };
}

/**
 * Characters that only one script uses. A character is Simplified-only when s2t changes it and no
 * s2t output (character or phrase) ever contains it; Traditional-only likewise with t2s.
 */
function scriptOnlyChars(tables: Map<string, Map<string, string>>): {
  hansOnly: string;
  hantOnly: string;
} {
  const outputs = (names: string[]) => {
    const set = new Set<string>();
    for (const n of names)
      for (const v of tables.get(n)?.values() ?? []) for (const ch of v) set.add(ch);
    return set;
  };
  const only = (charsDict: string, validOutputs: Set<string>) => {
    const chars: string[] = [];
    for (const [k, v] of tables.get(charsDict) ?? []) {
      if (k.length === 1 && k !== v && !validOutputs.has(k)) chars.push(k);
    }
    return chars.sort().join('');
  };
  const hantValid = outputs([
    'STCharacters',
    'STPhrases',
    'STPhrases_GeneratedFromRegionalPhrases',
    'TWVariants',
    'HKVariants',
  ]);
  const hansValid = outputs(['TSCharacters', 'TSPhrases']);
  return { hansOnly: only('STCharacters', hantValid), hantOnly: only('TSCharacters', hansValid) };
}

const BANNER =
  '// Generated by scripts/build-dicts.ts from opencc-js 1.4.2 (Apache-2.0). Do not edit.\n';

async function main(): Promise<void> {
  const { byName, nameOf } = await loadDicts();
  const tables = new Map<string, Map<string, string>>();
  for (const [name, text] of byName) tables.set(name, parseDict(text));
  const preset = (await import(
    pathToFileURL(path.join(OPENCC_LIB, 'preset', 'full.js')).href
  )) as Preset;
  const raw = resolvePipelines(preset, nameOf);

  // Groups by name (dictionary names joined with '+'), with the segmentation keys they mark.
  const groups = new Map<string, { dicts: DictName[]; segmentDicts: DictName[] }>();
  const addGroup = (dicts: DictName[], segmentDicts: DictName[] = []): string => {
    const name = dicts.join('+');
    const known = groups.get(name);
    if (known && known.segmentDicts.join('+') !== segmentDicts.join('+')) {
      // Marks are ignored by directions that do not fuse; only differing marks conflict.
      if (known.segmentDicts.length > 0 && segmentDicts.length > 0)
        throw new Error(`${name}: conflicting segmentation`);
      if (segmentDicts.length > 0) known.segmentDicts = segmentDicts;
    } else if (!known) {
      groups.set(name, { dicts, segmentDicts });
    }
    return name;
  };
  const pipelines: Record<string, PipelineSpec> = {};
  for (const [pair, spec] of Object.entries(raw)) {
    const fused = fusable(spec, tables);
    pipelines[pair] = {
      normalize: spec.normalize.map((g) => addGroup(g)),
      segment: spec.segment && !fused ? addGroup(spec.segment) : null,
      fused,
      convert: spec.convert.map((g, i) =>
        addGroup(g, i === 0 && fused && spec.segment ? spec.segment : []),
      ),
    };
  }

  mkdirSync(OUT_DIR, { recursive: true });
  for (const f of readdirSync(OUT_DIR)) if (f.endsWith('.ts')) rmSync(path.join(OUT_DIR, f));
  const productGroups = new Set<string>();
  for (const [pair, spec] of Object.entries(pipelines)) {
    if (!PRODUCT_PAIRS.has(pair)) continue;
    for (const g of [...spec.normalize, ...(spec.segment ? [spec.segment] : []), ...spec.convert])
      productGroups.add(g);
  }
  let total = 0;
  const modules = [
    { file: 'index.ts', product: true, prefix: '' },
    { file: 'extended.ts', product: false, prefix: 'EXTENDED_' },
  ];
  for (const { file, product, prefix } of modules) {
    const entries: string[] = [];
    for (const [name, { dicts, segmentDicts }] of [...groups].sort((a, b) =>
      a[0] < b[0] ? -1 : 1,
    )) {
      if (productGroups.has(name) !== product) continue;
      const segmentKeys = new Set<string>();
      for (const d of segmentDicts) for (const k of tables.get(d)?.keys() ?? []) segmentKeys.add(k);
      const encoded = encodeGroup(name, groupTable(dicts, tables), segmentKeys);
      const entry = `  ${JSON.stringify(name)}: ${JSON.stringify(encoded)},`;
      entries.push(entry);
      console.error(`${name}: ${encoded.nodes} nodes, ${entry.length} bytes`);
    }
    const directions = Object.fromEntries(
      Object.entries(pipelines).filter(([pair]) => PRODUCT_PAIRS.has(pair) === product),
    );
    // One module each: a file costs the loader a resolution, a read and a compile.
    const source =
      BANNER +
      `/** Dictionary groups (opencc-js tries), by their dictionaries' names joined with '+'. */\n` +
      `export const ${prefix}GROUPS = {\n${entries.join('\n')}\n};\n\n` +
      `/** Each direction's chain of groups, as opencc-js 1.4.2's Converter builds it. */\n` +
      `export const ${prefix}PIPELINES: Readonly<Record<string, { normalize: string[]; segment: string | null; fused: boolean; convert: string[] }>> = ${JSON.stringify(directions)};\n`;
    if (!/^[\x20-\x7e\n]*$/.test(source)) throw new Error(`${file}: not plain ASCII`);
    writeFileSync(path.join(OUT_DIR, file), source);
    total += source.length;
    console.error(`${file}: ${source.length} bytes`);
  }

  const { hansOnly, hantOnly } = scriptOnlyChars(tables);
  const scriptSource =
    BANNER +
    `/** Characters that s2t always changes and never outputs: seen only in Simplified text. */\n` +
    `export const HANS_ONLY_CHARS = ${JSON.stringify(hansOnly)};\n` +
    `/** Characters that t2s always changes and never outputs: seen only in Traditional text. */\n` +
    `export const HANT_ONLY_CHARS = ${JSON.stringify(hantOnly)};\n`;
  writeFileSync(path.join(OUT_DIR, 'script-chars.ts'), scriptSource);
  total += Buffer.byteLength(scriptSource);
  console.error(
    `script-chars.ts: ${hansOnly.length} Simplified-only, ${hantOnly.length} Traditional-only characters`,
  );
  console.error(`total ${total} bytes in ${path.relative(ROOT, OUT_DIR)}`);
}

await main();
