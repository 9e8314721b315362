// Small text helpers for the reader header and read-aloud: Chinese reading time, dates as people
// read them, and sentence boundaries.

import { fillTemplate } from './strings.ts';

/** Han, kana, hangul and CJK punctuation: each one is read as a unit, like a word in English. */
const CJK_CHAR =
  /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/g;
const LATIN_WORD = /[A-Za-z0-9][A-Za-z0-9'’.-]*/g;

/** Typical silent reading speed of Chinese text by adults; slower readers still get an upper bound. */
export const CJK_CHARS_PER_MINUTE = 300;
const LATIN_WORDS_PER_MINUTE = 200;

/** Minutes to read `text` (at least 1): CJK characters at 300 a minute, Latin words at 200. */
export function readingMinutes(text: string): number {
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  const latin = text.replace(CJK_CHAR, ' ').match(LATIN_WORD)?.length ?? 0;
  return Math.max(1, Math.round(cjk / CJK_CHARS_PER_MINUTE + latin / LATIN_WORDS_PER_MINUTE));
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/;

/**
 * Shows an ISO 8601 time the way the page meant it: the wall-clock date and time written in the
 * string, never shifted through the viewer's time zone (a notice dated 08:54 Beijing time says
 * 08:54 wherever it is read). Returns the input unchanged when it is not ISO.
 */
export function formatPublishedTime(
  iso: string,
  dateTemplate: string,
  dateTimeTemplate: string,
): string {
  const match = ISO_LOCAL.exec(iso.trim());
  if (!match) return iso;
  const [, year = '', month = '', day = '', hour, minute] = match;
  // `month`/`day` without leading zero (2024年5月23日), `month2`/`day2` with it (2024-05-23).
  const values = {
    year,
    month: String(Number(month)),
    day: String(Number(day)),
    month2: month,
    day2: day,
    hour: hour ?? '',
    minute: minute ?? '',
  };
  return fillTemplate(hour === undefined ? dateTemplate : dateTimeTemplate, values);
}

/** End of a sentence: Chinese and Western full stops, question and exclamation marks, ellipses. */
const SENTENCE_END = /[。！？!?；;…]+[”’」』)）]*|\.(?=\s)[”’"')]*/g;

/**
 * Splits `text` into sentence ranges `[start, end)` for read-aloud. Closing quotes stay with their
 * sentence; whitespace-only pieces are skipped.
 */
export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  const push = (end: number) => {
    const piece = text.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const trail = piece.length - piece.trimEnd().length;
    if (piece.trim()) ranges.push([start + lead, end - trail]);
    start = end;
  };
  for (const match of text.matchAll(SENTENCE_END)) push(match.index + match[0].length);
  push(text.length);
  return ranges;
}
