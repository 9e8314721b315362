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
 * Trie encoding (read by `MatchTable` in engine.ts). The root is left out. First come the
 * first-level nodes (one per first code unit, sorted); then, for each of them in the same order,
 * its subtree as one contiguous block in breadth-first order, children of a node contiguous and
 * sorted by code unit. A block is decoded the first time its first character is met in text, so a
 * converter is ready after decoding only the first level.
 * - `labels`: the code unit of each node;
 * - `shape`: one character per node: (children * 8 + segmentFlag * 4 + kind) + 0x23 when that is
 *   at most 0x7A (ASCII), else + 0x100;
 * - `blocks`: three characters per first-level node: its block's size in nodes, how many stored
 *   values the block holds (its first-level node's included) and their length in `values`, each
 *   plus 0x30 (printable, so JSON needs no escapes);
 * - `values`: stored values, each followed by a space, block by block (a block's first-level
 *   node first, then its nodes in order);
 * - kind: 0 no value (a prefix of longer keys), 1 the key mapped unit by unit through the group's
 *   own single-character entries, 2 stored in `values`, 3 the key itself. Most phrase values are
 *   kind 1 or 3, so only about a sixth of them are stored;
 * - segmentFlag: the key belongs to the segmentation dictionaries of a direction whose segmentation
 *   is fused into this group (see `fusable`).
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

/** Added to the numbers in `blocks` to keep them printable. */
const BLOCK_BASE = 0x30;
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
  labels: string;
  shape: string;
  blocks: string;
  values: string;
  rootDegree: number;
  /** Largest value length over key length: bounds how much a pass can lengthen text. */
  maxExpansion: number;
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
    if (value.includes(' ')) throw new Error(`${name}: space in a value`);
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

  let labels = '';
  let shape = '';
  let blocks = '';
  let values = '';
  const sorted = (n: TrieNode) => [...n.children.entries()].sort((x, y) => x[0] - y[0]);
  const unitChar = (n: number) => {
    if (n >= 0xd800) throw new Error(`${name}: number too large for one character: ${n}`);
    return String.fromCharCode(n);
  };
  /** Appends one node; returns its value when stored. */
  const emit = (node: TrieNode, key: string): string | undefined => {
    labels += key.slice(-1);
    let kind = KIND_NONE;
    let stored: string | undefined;
    if (node.value !== undefined) {
      if (node.value === key) kind = KIND_IDENTITY;
      else if (key.length > 1 && charwise(key) === node.value) kind = KIND_CHARWISE;
      else {
        kind = KIND_STORED;
        stored = node.value;
      }
    }
    const code = node.children.size * 8 + (node.segment ? 4 : 0) + kind;
    shape += unitChar(code + 0x23 <= 0x7a ? code + 0x23 : code + 0x100);
    return stored;
  };
  const firstLevel = sorted(root);
  const topValues = firstLevel.map(([u, child]) => emit(child, String.fromCharCode(u)));
  firstLevel.forEach(([u, top], t) => {
    const queue: Array<[TrieNode, string]> = sorted(top).map(([c, n]) => [
      n,
      String.fromCharCode(u, c),
    ]);
    // The block's stored values: its first-level node's, then its nodes' in order.
    const blockValues: string[] = [];
    const topValue = topValues[t];
    if (topValue !== undefined) blockValues.push(topValue);
    for (let q = 0; q < queue.length; q++) {
      const [node, key] = queue[q] as [TrieNode, string];
      const value = emit(node, key);
      if (value !== undefined) blockValues.push(value);
      for (const [c, child] of sorted(node)) queue.push([child, key + String.fromCharCode(c)]);
    }
    const blockText = blockValues.map((v) => v + ' ').join('');
    values += blockText;
    blocks +=
      unitChar(queue.length + BLOCK_BASE) +
      unitChar(blockValues.length + BLOCK_BASE) +
      unitChar(blockText.length + BLOCK_BASE);
  });
  return { labels, shape, blocks, values, rootDegree: root.children.size, maxExpansion };
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
  let total = 0;
  const entries: string[] = [];
  for (const [name, { dicts, segmentDicts }] of [...groups].sort((a, b) =>
    a[0] < b[0] ? -1 : 1,
  )) {
    const segmentKeys = new Set<string>();
    for (const d of segmentDicts) for (const k of tables.get(d)?.keys() ?? []) segmentKeys.add(k);
    const encoded = encodeGroup(name, groupTable(dicts, tables), segmentKeys);
    const entry = `  ${JSON.stringify(name)}: ${JSON.stringify(encoded)},`;
    entries.push(entry);
    console.error(`${name}: ${encoded.labels.length} nodes, ${Buffer.byteLength(entry)} bytes`);
  }
  // One module: each file costs the loader a resolution, a read and a compile.
  const index =
    BANNER +
    `/** Dictionary groups (opencc-js tries), by their dictionaries' names joined with '+'. */\n` +
    `export const GROUPS = {\n${entries.join('\n')}\n};\n\n` +
    `/** Each direction's chain of groups, as opencc-js 1.4.2's Converter builds it. */\n` +
    `export const PIPELINES: Readonly<Record<string, { normalize: string[]; segment: string | null; fused: boolean; convert: string[] }>> = ${JSON.stringify(pipelines)};\n`;
  writeFileSync(path.join(OUT_DIR, 'index.ts'), index);
  total += Buffer.byteLength(index);
  console.error(`index.ts: ${Buffer.byteLength(index)} bytes`);

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
