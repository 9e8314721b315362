// System font stacks for the three typefaces, per region. Mainland, Taiwan and Hong Kong standards
// draw many characters differently (e.g. 骨, 說, 才), so each region lists its own fonts first:
// macOS/iOS names, then Windows, then Noto/Source Han (Linux, Android), then Linux fallbacks.
// No web fonts: the reader must load nothing from the network and open instantly.

import type { ReaderFont } from './prefs.ts';

export type FontRegion = 'hans' | 'tw' | 'hk';

/** Picks the glyph standard from a BCP 47 tag: zh-Hant-HK/zh-HK/zh-MO → hk, other Hant → tw. */
export function fontRegion(lang: string | null | undefined): FontRegion {
  const tag = (lang ?? '').toLowerCase();
  if (/^zh(-hant)?-(hk|mo)\b/.test(tag) || tag === 'zh-yue' || tag.startsWith('yue')) return 'hk';
  if (/^zh-(hant|tw)\b/.test(tag)) return 'tw';
  return 'hans';
}

const STACKS: Record<FontRegion, Record<ReaderFont, string[]>> = {
  hans: {
    sans: [
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      'Noto Sans SC',
      'Source Han Sans SC',
      'WenQuanYi Micro Hei',
      'sans-serif',
    ],
    serif: [
      'Songti SC',
      'STSong',
      'SimSun',
      'Noto Serif CJK SC',
      'Noto Serif SC',
      'Source Han Serif SC',
      'AR PL UMing CN',
      'serif',
    ],
    kai: [
      'Kaiti SC',
      'STKaiti',
      'KaiTi',
      'KaiTi_GB2312',
      'AR PL UKai CN',
      'Noto Serif CJK SC',
      'serif',
    ],
  },
  tw: {
    sans: [
      'PingFang TC',
      'Heiti TC',
      'Microsoft JhengHei',
      'Noto Sans CJK TC',
      'Noto Sans TC',
      'Source Han Sans TC',
      'sans-serif',
    ],
    serif: [
      'Songti TC',
      'LiSong Pro',
      'PMingLiU',
      'MingLiU',
      'Noto Serif CJK TC',
      'Noto Serif TC',
      'Source Han Serif TC',
      'AR PL UMing TW',
      'serif',
    ],
    kai: [
      'Kaiti TC',
      'BiauKai',
      'DFKai-SB',
      '標楷體',
      'AR PL UKai TW',
      'Noto Serif CJK TC',
      'serif',
    ],
  },
  hk: {
    sans: [
      'PingFang HK',
      'Microsoft JhengHei',
      'Noto Sans CJK HK',
      'Noto Sans HK',
      'Source Han Sans HK',
      'PingFang TC',
      'Noto Sans CJK TC',
      'sans-serif',
    ],
    serif: [
      'Songti TC',
      'MingLiU_HKSCS',
      'PMingLiU',
      'Noto Serif CJK HK',
      'Noto Serif HK',
      'Source Han Serif HK',
      'Noto Serif CJK TC',
      'AR PL UMing HK',
      'serif',
    ],
    kai: [
      'Kaiti TC',
      'DFKai-SB',
      'BiauKai',
      'AR PL UKai HK',
      'AR PL UKai TW',
      'Noto Serif CJK HK',
      'serif',
    ],
  },
};

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'system-ui']);

/** A CSS `font-family` value for `font` in `region`. */
export function fontStack(font: ReaderFont, region: FontRegion): string {
  return STACKS[region][font].map((name) => (GENERIC.has(name) ? name : `"${name}"`)).join(', ');
}
