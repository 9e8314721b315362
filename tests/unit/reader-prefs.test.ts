import { describe, expect, it } from 'vitest';
import {
  DEFAULT_READER_PREFS,
  FONT_SIZE_STEPS,
  normalizeReaderPrefs,
  stepFontSize,
} from '../../src/reader/prefs.ts';
import {
  ENGLISH_READER_STRINGS,
  READER_STRING_KEYS,
  ZH_HANS_READER_STRINGS,
  ZH_HANT_READER_STRINGS,
  fillTemplate,
} from '../../src/reader/strings.ts';
import { formatPublishedTime, readingMinutes, sentenceRanges } from '../../src/reader/text.ts';
import { fontRegion, fontStack } from '../../src/reader/fonts.ts';
import { pickVoice, speechLang } from '../../src/reader/speech.ts';

describe('reader prefs', () => {
  it('defaults to 20 px with a 1.8 line height, 40 characters per line and indent on', () => {
    expect(DEFAULT_READER_PREFS).toMatchObject({
      fontSize: 20,
      lineHeight: 1.8,
      contentWidth: 40,
      indent: true,
    });
    expect(normalizeReaderPrefs(undefined)).toEqual(DEFAULT_READER_PREFS);
  });

  it('keeps valid values and replaces corrupt ones with defaults', () => {
    const prefs = normalizeReaderPrefs({
      fontSize: 36,
      lineHeight: 'tall',
      contentWidth: Number.NaN,
      letterSpacing: 0.1,
      indent: 'yes',
      justify: true,
      font: 'comic-sans',
      theme: 'dark',
      speechRate: null,
      extra: 'dropped',
    });
    expect(prefs).toEqual({
      ...DEFAULT_READER_PREFS,
      fontSize: 36,
      letterSpacing: 0.1,
      justify: true,
      theme: 'dark',
    });
    expect(prefs).not.toHaveProperty('extra');
  });

  it('clamps numbers into their ranges', () => {
    const prefs = normalizeReaderPrefs({
      fontSize: 500,
      lineHeight: 0.5,
      letterSpacing: 2,
      speechRate: 10,
    });
    expect(prefs.fontSize).toBe(128);
    expect(prefs.lineHeight).toBe(1.2);
    expect(prefs.letterSpacing).toBe(0.3);
    expect(prefs.speechRate).toBe(3);
    expect(normalizeReaderPrefs({ fontSize: -4 }).fontSize).toBe(12);
  });

  it('never throws, even on hostile input', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(normalizeReaderPrefs(hostile)).toEqual(DEFAULT_READER_PREFS);
    expect(normalizeReaderPrefs([1, 2, 3])).toEqual(DEFAULT_READER_PREFS);
    expect(normalizeReaderPrefs('20')).toEqual(DEFAULT_READER_PREFS);
  });

  it('steps font sizes through clear steps from 12 to 128', () => {
    expect(FONT_SIZE_STEPS[0]).toBe(12);
    expect(FONT_SIZE_STEPS[FONT_SIZE_STEPS.length - 1]).toBe(128);
    expect(stepFontSize(20, 1)).toBe(22);
    expect(stepFontSize(24, 1)).toBe(28);
    expect(stepFontSize(28, -1)).toBe(24);
    expect(stepFontSize(21, 1)).toBe(22);
    expect(stepFontSize(21, -1)).toBe(20);
    expect(stepFontSize(128, 1)).toBe(128);
    expect(stepFontSize(12, -1)).toBe(12);
    expect(stepFontSize(Number.NaN, 1)).toBe(22);
  });
});

describe('reader strings', () => {
  it('gives every key in English, Simplified and Traditional Chinese', () => {
    for (const table of [ENGLISH_READER_STRINGS, ZH_HANS_READER_STRINGS, ZH_HANT_READER_STRINGS]) {
      expect(Object.keys(table).sort()).toEqual([...READER_STRING_KEYS].sort());
      for (const key of READER_STRING_KEYS) expect(table[key]).not.toBe('');
    }
    expect(ENGLISH_READER_STRINGS.increaseFont).toBe('Increase font size');
    expect(ENGLISH_READER_STRINGS.decreaseFont).toBe('Decrease font size');
    expect(ZH_HANS_READER_STRINGS.source).toContain('来源');
    expect(ZH_HANT_READER_STRINGS.source).toContain('來源');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fillTemplate('{size} px {x}', { size: 20 })).toBe('20 px {x}');
  });
});

describe('reader text helpers', () => {
  it('estimates Chinese reading time from characters, not words', () => {
    expect(readingMinutes('字'.repeat(900))).toBe(3);
    expect(readingMinutes('短')).toBe(1);
    // 900 CJK characters written without spaces are not "one word".
    expect(readingMinutes('政务公开'.repeat(225))).toBe(3);
  });

  it('shows the wall-clock time written in the ISO string', () => {
    expect(
      formatPublishedTime(
        '2024-05-23T08:54',
        '{year}年{month}月{day}日',
        '{year}年{month}月{day}日 {hour}:{minute}',
      ),
    ).toBe('2024年5月23日 08:54');
    expect(formatPublishedTime('2020-08-02', '{year}-{month}-{day}', 'x')).toBe('2020-8-2');
    expect(formatPublishedTime('yesterday', 'a', 'b')).toBe('yesterday');
  });

  it('splits sentences at Chinese punctuation and keeps closing quotes', () => {
    const text = '他说：“好。”我们走吧！真的？ 好';
    const pieces = sentenceRanges(text).map(([start, end]) => text.slice(start, end));
    expect(pieces).toEqual(['他说：“好。”', '我们走吧！', '真的？', '好']);
  });
});

describe('reader fonts and voices', () => {
  it('uses the regional glyph standard of the language', () => {
    expect(fontRegion('zh-Hans')).toBe('hans');
    expect(fontRegion('zh-CN')).toBe('hans');
    expect(fontRegion('zh-Hant-TW')).toBe('tw');
    expect(fontRegion('zh-Hant')).toBe('tw');
    expect(fontRegion('zh-Hant-HK')).toBe('hk');
    expect(fontRegion('zh-HK')).toBe('hk');
    expect(fontStack('sans', 'tw')).toContain('"Noto Sans CJK TC"');
    expect(fontStack('sans', 'hk')).toMatch(/^"PingFang HK"/);
    expect(fontStack('kai', 'tw')).toContain('"BiauKai"');
    expect(fontStack('serif', 'hans')).toMatch(/, serif$/);
  });

  it('picks a Chinese voice of the same region, then another Chinese one', () => {
    const voice = (lang: string, name = lang) =>
      ({ lang, name, localService: true, default: false, voiceURI: name }) as SpeechSynthesisVoice;
    const voices = [voice('en-US'), voice('zh-CN'), voice('zh-TW'), voice('zh_HK')];
    expect(speechLang('zh-Hant-HK')).toBe('zh-HK');
    expect(pickVoice(voices, 'zh-Hans')?.lang).toBe('zh-CN');
    expect(pickVoice(voices, 'zh-Hant-TW')?.lang).toBe('zh-TW');
    expect(pickVoice(voices, 'zh-Hant-HK')?.lang).toBe('zh_HK');
    expect(pickVoice([voice('en-US'), voice('zh-TW')], 'zh-Hant-HK')?.lang).toBe('zh-TW');
    expect(pickVoice([voice('en-US')], 'zh-Hans')).toBeNull();
  });
});
