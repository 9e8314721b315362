import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import {
  FOLD_PAIRS,
  SHARED_BY_BOTH_SCRIPTS,
  TERM_GROUPS,
} from '../../src/core/spam/lexicon-data.ts';
import { foldText, lexiconSize, scanTerms, textScript } from '../../src/core/spam/lexicon.ts';

// opencc-js is the project's reference converter; the lexicon folds Traditional text itself, so
// each term, converted by OpenCC to Traditional (Taiwan and Hong Kong forms), must still match.
const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });

const termsOf = (group: string, weight?: number): string[] =>
  TERM_GROUPS.filter(
    (g) => g.group === group && (weight === undefined || g.weight === weight),
  ).flatMap((g) => g.terms.split(' '));

describe('lexicon groups', () => {
  const groups = ['porn', 'gambling', 'fake-documents', 'drugs-weapons', 'sex-services'] as const;
  for (const group of groups) {
    it(`${group}: every term matches in Simplified, Traditional (TW) and Traditional (HK), inside other text`, () => {
      const terms = termsOf(group);
      expect(terms.length).toBeGreaterThan(5);
      for (const term of terms) {
        for (const form of [term, toTw(term), toHk(term)]) {
          const scan = scanTerms(`点击进入${form}，立即访问`);
          expect(scan.terms, `${group}: ${form}`).toContain(foldText(term));
          expect(scan.groups).toContain(group);
        }
      }
    });
  }

  it('strong terms count as unambiguous, weak ones do not', () => {
    const strong = scanTerms('重庆时时彩 澳门新葡京');
    expect(strong.strong).toBe(2);
    const weak = scanTerms('百家乐 老虎机 彩票 六合彩');
    expect(weak.strong).toBe(0);
    expect(weak.spamTerms).toBe(4);
  });

  it('context: phrase words add score but are not spam terms on their own', () => {
    const scan = scanTerms('永久免费在线观看中文字幕');
    expect(scan.any).toBe(true);
    expect(scan.spamTerms).toBe(0);
    expect(scan.strong).toBe(0);
    expect(scan.score).toBeGreaterThan(0);
  });

  it('legit: enforcement and state-lottery words are recognised in both scripts', () => {
    for (const text of [
      '市公安局打击网络赌博',
      '中國福利彩票發行',
      '成人教育招生',
      '暴雨黃色預警',
      '博彩監察協調局',
    ]) {
      expect(scanTerms(text).legit, text).toBe(true);
    }
  });

  it('does not match inside ordinary words (the terms left out on purpose stay out)', () => {
    const ordinary = [
      '妇女优秀代表',
      '扩大出口交易规模',
      '培养个性爱好',
      '争做爱心志愿者',
      '打造特色网站',
      '异域风情色彩',
      '成熟女性',
      '国内射击比赛',
      '建立群交流机制',
      '太平洋岛国论坛',
      '所有码头',
      '撸起袖子加油干',
      '狠狠抓落实',
      '黄色预警',
      '成人教育',
      '龙虎山风景区',
      '同城约定',
    ];
    for (const text of ordinary) expect(scanTerms(text).strong, text).toBe(0);
  });

  it('ASCII terms need word boundaries and ignore case and full width', () => {
    expect(scanTerms('免费AV在线').strong).toBeGreaterThan(0);
    expect(scanTerms('免费ＡＶ在线').strong).toBeGreaterThan(0);
    expect(scanTerms('免费ａｖ在线').strong).toBeGreaterThan(0);
    expect(scanTerms('Bet365体育').terms).toContain('bet365');
    expect(scanTerms('xbet3650').terms).not.toContain('bet365');
    expect(scanTerms('The DNA片段 was sequenced').terms).not.toContain('a片');
  });

  it('counts each distinct term once', () => {
    const scan = scanTerms('无码 无码 無碼');
    expect(scan.terms).toEqual(['无码']);
  });

  it('stores every term folded: Simplified, lower case, no full-width forms', () => {
    for (const term of TERM_GROUPS.flatMap((g) => g.terms.split(' ')))
      expect(foldText(term)).toBe(term);
  });

  it('is small and has no duplicates', () => {
    const all = TERM_GROUPS.flatMap((g) => g.terms.split(' '));
    expect(new Set(all).size).toBe(all.length);
    expect(lexiconSize()).toBe(all.length);
    expect(lexiconSize()).toBeLessThan(400);
  });
});

describe('character folding', () => {
  it('has a Traditional pair for every lexicon character OpenCC converts', () => {
    const fold = new Map<string, string>();
    for (let i = 0; i + 1 < FOLD_PAIRS.length; i += 2)
      fold.set(FOLD_PAIRS[i] as string, FOLD_PAIRS[i + 1] as string);
    const characters = new Set(
      TERM_GROUPS.flatMap((g) => Array.from(g.terms.replace(/[\sa-z0-9]/g, ''))),
    );
    for (const ch of characters) {
      for (const traditional of new Set([toTw(ch), toHk(ch)])) {
        if (traditional !== ch) expect(fold.get(traditional), `${traditional} → ${ch}`).toBe(ch);
      }
    }
  });

  it('the Simplified side of each pair is Simplified-only unless listed as shared', () => {
    for (let i = 1; i < FOLD_PAIRS.length; i += 2) {
      const ch = FOLD_PAIRS[i] as string;
      const onlySimplified = toTw(ch) !== ch;
      expect(onlySimplified || SHARED_BY_BOTH_SCRIPTS.includes(ch), ch).toBe(true);
    }
  });

  it('tells the script of a text', () => {
    expect(textScript('手机国产在线观看免费av_永久免费无码中文字幕')).toBe('hans');
    expect(textScript('深化對接雙向賦能 攜手并進聯袂前行 為開創蘇陜協作發展新局面')).toBe('hant');
    expect(textScript('2024')).toBe('none');
  });
});
