/**
 * Variant fixes OpenCC lacks, applied after OpenCC in Traditional directions only (see
 * `converterForTarget`). Each entry is one character whose OpenCC output is a variant that
 * Traditional readers do not expect, with the reason it is here.
 */
export const PROJECT_DICT: ReadonlyArray<readonly [from: string, to: string, why: string]> = [
  // 陜 (U+965C) is an old variant of 陝 (U+965D, Shaanxi). Simplified text writes 陕, which OpenCC
  // maps to 陝, but mixed-script pages keep 陜 (the reference page's title has 苏陜 and its body
  // 陜西), and OpenCC leaves it: no Traditional standard (Taiwan's or Hong Kong's) writes 陜西.
  ['陜', '陝', 'old variant of 陝 (Shaanxi) that OpenCC leaves as it is'],
];

/** The project's fixes on already-converted Traditional text. */
export function applyProjectDict(text: string): string {
  let out = text;
  for (const [from, to] of PROJECT_DICT) {
    if (out.includes(from)) out = out.replaceAll(from, to);
  }
  return out;
}
