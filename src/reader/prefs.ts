// Reader comfort settings: what they are, their safe ranges, and how stored values are read back.
// Stored prefs come from extension storage, which may hold values written by an older version or
// edited by hand, so reading them back must never throw and must keep every value that is valid.

export type ReaderFont = 'sans' | 'serif' | 'kai';
export type ReaderTheme = 'light' | 'sepia' | 'dark' | 'contrast';

export interface ReaderPrefs {
  /** Body text size in CSS pixels, 12..128. */
  fontSize: number;
  /** Line height as a multiple of the font size, 1.2..2.6. */
  lineHeight: number;
  /** Maximum line length in em, i.e. CJK characters per line. */
  contentWidth: number;
  /** Extra space between characters in em, 0..0.3. */
  letterSpacing: number;
  /** 2em first-line indent of paragraphs, as Chinese print does. */
  indent: boolean;
  justify: boolean;
  font: ReaderFont;
  theme: ReaderTheme;
  /** Read-aloud speed, 0.5..3 (1 is the voice's normal speed). */
  speechRate: number;
}

export const READER_FONTS: readonly ReaderFont[] = ['sans', 'serif', 'kai'];
export const READER_THEMES: readonly ReaderTheme[] = ['light', 'sepia', 'dark', 'contrast'];

/** Inclusive ranges and slider steps of the numeric prefs. */
export const PREF_RANGES = {
  fontSize: { min: 12, max: 128, step: 1 },
  lineHeight: { min: 1.2, max: 2.6, step: 0.1 },
  contentWidth: { min: 12, max: 80, step: 2 },
  letterSpacing: { min: 0, max: 0.3, step: 0.02 },
  speechRate: { min: 0.5, max: 3, step: 0.1 },
} as const satisfies Record<string, { min: number; max: number; step: number }>;

export const DEFAULT_READER_PREFS: ReaderPrefs = Object.freeze({
  fontSize: 20,
  lineHeight: 1.8,
  contentWidth: 40,
  letterSpacing: 0.02,
  indent: true,
  justify: false,
  font: 'sans',
  theme: 'light',
  speechRate: 1,
});

/**
 * Font sizes the +/- controls move through: fine steps where small differences matter,
 * coarser ones above 24 px where a 2 px change is hard to notice.
 */
export const FONT_SIZE_STEPS: readonly number[] = Object.freeze([
  12, 14, 16, 18, 20, 22, 24, 28, 32, 36, 40, 48, 56, 64, 72, 80, 96, 112, 128,
]);

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounds away floating-point noise (1.7999999 from a slider) to the pref's step precision. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
  return Number(value.toFixed(decimals));
}

function readNumber(value: unknown, key: keyof typeof PREF_RANGES, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const range = PREF_RANGES[key];
  return roundTo(clamp(value, range.min, range.max), key === 'fontSize' ? 0.1 : 0.01);
}

function readChoice<T extends string>(value: unknown, choices: readonly T[], fallback: T): T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/**
 * Reads prefs from anything (a stored object, `undefined`, garbage): numbers are clamped into
 * range, values of the wrong type are replaced by defaults, unknown keys are dropped. Never throws.
 */
export function normalizeReaderPrefs(value: unknown): ReaderPrefs {
  const d = DEFAULT_READER_PREFS;
  let source: Record<string, unknown> = {};
  try {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      source = value as Record<string, unknown>;
    }
    return {
      fontSize: readNumber(source.fontSize, 'fontSize', d.fontSize),
      lineHeight: readNumber(source.lineHeight, 'lineHeight', d.lineHeight),
      contentWidth: readNumber(source.contentWidth, 'contentWidth', d.contentWidth),
      letterSpacing: readNumber(source.letterSpacing, 'letterSpacing', d.letterSpacing),
      indent: typeof source.indent === 'boolean' ? source.indent : d.indent,
      justify: typeof source.justify === 'boolean' ? source.justify : d.justify,
      font: readChoice(source.font, READER_FONTS, d.font),
      theme: readChoice(source.theme, READER_THEMES, d.theme),
      speechRate: readNumber(source.speechRate, 'speechRate', d.speechRate),
    };
  } catch {
    // A hostile object (throwing getter, revoked proxy) is treated as "nothing stored".
    return { ...d };
  }
}

/**
 * The next font size step above (`1`) or below (`-1`) `current`. A size between steps (say 21
 * from the popup's spin button) goes to the neighbouring step; the ends stay where they are.
 */
export function stepFontSize(current: number, direction: 1 | -1): number {
  const size = Number.isFinite(current)
    ? clamp(current, PREF_RANGES.fontSize.min, PREF_RANGES.fontSize.max)
    : DEFAULT_READER_PREFS.fontSize;
  const first = FONT_SIZE_STEPS[0] ?? PREF_RANGES.fontSize.min;
  const last = FONT_SIZE_STEPS[FONT_SIZE_STEPS.length - 1] ?? PREF_RANGES.fontSize.max;
  if (direction === 1) return FONT_SIZE_STEPS.find((step) => step > size) ?? last;
  return [...FONT_SIZE_STEPS].reverse().find((step) => step < size) ?? first;
}
