/**
 * Tells Simplified from Traditional Chinese text by counting characters that only one script
 * uses. Small on purpose: it runs on every matching page before anything is converted, so it
 * does not load the conversion dictionaries.
 *
 * The character sets come from OpenCC's own tables (scripts/build-dicts.ts): a character is
 * Simplified-only when OpenCC's s2t always changes it and never writes it (发, 这, 并); it is
 * Traditional-only when t2s always changes it and never writes it (發, 這, 幹). Characters both
 * scripts write (干 in 干涉, 里 in 公里, 台) are evidence for neither.
 */
import type { DetectedScript } from './types';
import { HANS_ONLY_CHARS, HANT_ONLY_CHARS } from './convert/generated/script-chars';

/** Below this many script-specific characters, text tells nothing (a name, a number, English). */
const MIN_EVIDENCE = 2;

/**
 * One script wins when it has more than this share of the evidence. Pages converted with a naive
 * character table (the "繁體版" of many mainland sites) keep some Simplified leftovers (并 for 並)
 * among mostly Traditional text; a clear majority still reads as Traditional.
 */
const WINNING_SHARE = 0.6;

/** Text beyond this many characters adds no information, only time. */
const MAX_SCANNED = 20_000;

const HANS = 1;
const HANT = 2;
let charClass: Uint8Array | null = null;

/** Per BMP code unit: HANS, HANT or 0. Built on first use (about 6,000 characters). */
function charClasses(): Uint8Array {
  if (charClass) return charClass;
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < HANS_ONLY_CHARS.length; i++) table[HANS_ONLY_CHARS.charCodeAt(i)] = HANS;
  for (let i = 0; i < HANT_ONLY_CHARS.length; i++) table[HANT_ONLY_CHARS.charCodeAt(i)] = HANT;
  // Astral characters in the sets arrive as surrogate halves, which say nothing alone.
  for (let u = 0xd800; u <= 0xdfff; u++) table[u] = 0;
  charClass = table;
  return table;
}

/** The script `text` is written in: 'hans', 'hant', or 'none' when it does not tell. */
export function detectScript(text: string): DetectedScript {
  const classes = charClasses();
  const length = Math.min(text.length, MAX_SCANNED);
  let hans = 0;
  let hant = 0;
  for (let i = 0; i < length; i++) {
    const c = classes[text.charCodeAt(i)];
    if (c === HANS) hans++;
    else if (c === HANT) hant++;
  }
  const evidence = hans + hant;
  if (evidence < MIN_EVIDENCE) return 'none';
  if (hant > evidence * WINNING_SHARE) return 'hant';
  if (hans > evidence * WINNING_SHARE) return 'hans';
  return 'none';
}
