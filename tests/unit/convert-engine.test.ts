// The conversion engine must give exactly opencc-js 1.4.2's output (the project promises OpenCC
// quality), and its page-level converters must repair naive 繁體版 pages without touching correct
// Traditional text. opencc-js itself is the oracle here: every check compares with it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  converterForTarget,
  createConverter,
  type ExtendedOpenccLocale,
  type OpenccLocale,
} from '../../src/core/convert/engine-extended';
import { applyProjectDict, PROJECT_DICT } from '../../src/core/convert/project-dict';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const OPENCC_DICTS = path.join(ROOT, 'node_modules', 'opencc-js', 'dist', 'esm-lib', 'dict');

const LOCALES: OpenccLocale[] = ['cn', 'tw', 'twp', 'hk', 't'];
/** Every direction of the public API (cn -> cn is left out on purpose). */
const DIRECTIONS: Array<[OpenccLocale, OpenccLocale]> = LOCALES.flatMap((from) =>
  LOCALES.filter((to) => !(from === 'cn' && to === 'cn')).map(
    (to): [OpenccLocale, OpenccLocale] => [from, to],
  ),
);

const referenceCache = new Map<string, (s: string) => string>();
function reference(from: string, to: string): (s: string) => string {
  const key = `${from}>${to}`;
  let convert = referenceCache.get(key);
  if (!convert) {
    convert = OpenCC.Converter({ from, to });
    referenceCache.set(key, convert);
  }
  return convert;
}

const oursCache = new Map<string, (s: string) => string>();
function ours(from: ExtendedOpenccLocale, to: ExtendedOpenccLocale): (s: string) => string {
  const key = `${from}>${to}`;
  let convert = oursCache.get(key);
  if (!convert) {
    convert = createConverter(from, to);
    oursCache.set(key, convert);
  }
  return convert;
}

/** Asserts identical output for each text, naming the first difference when there is one. */
function expectSameAsOpenCC(
  from: ExtendedOpenccLocale,
  to: ExtendedOpenccLocale,
  texts: readonly string[],
): void {
  const expected = reference(from, to);
  const actual = ours(from, to);
  for (const text of texts) {
    const want = expected(text);
    const got = actual(text);
    if (got !== want) {
      let i = 0;
      while (got[i] === want[i]) i++;
      expect.fail(
        `${from}->${to} differs at ${i}: ours ${JSON.stringify(got.slice(i - 8, i + 8))}, ` +
          `opencc-js ${JSON.stringify(want.slice(i - 8, i + 8))} (input ${JSON.stringify(text.slice(i - 8, i + 8))})`,
      );
    }
  }
}

function openccDict(name: string): Array<[string, string]> {
  const source = readFileSync(path.join(OPENCC_DICTS, `${name}.js`), 'utf8');
  const body = source.slice(source.indexOf('"') + 1, source.lastIndexOf('"'));
  return body.split('|').map((line) => line.split(' ') as [string, string]);
}

describe('createConverter: the same output as opencc-js', () => {
  it('converts everyday text as OpenCC does, per region', () => {
    expect(ours('cn', 'tw')('干部并进，关于开发软件，发布支持')).toBe(
      '幹部並進，關於開發軟件，發佈支持',
    );
    expect(ours('cn', 'twp')('发布软件，支持鼠标')).toBe('釋出軟體，支援滑鼠');
    expect(ours('cn', 'hk')('说为温')).toBe('説為温');
    expect(ours('cn', 't')('说为温里面')).toBe('說爲溫裏面');
    expect(ours('t', 'cn')('乾淨的頭髮')).toBe('干净的头发');
    expect(ours('tw', 'cn')('台灣的軟體')).toBe('台湾的软体');
  });

  const edgeCases = [
    '',
    'plain ASCII, digits 2024-05-23 and punctuation!?',
    '无锡市与延安市签订《关于深化苏陕协作的合作协议》',
    '𠮷野家 😀 𡃁 astral 𪚥 and 𠀀',
    'lone \uD800 high, lone \uDC00 low, \uD83D at the end\uD83D',
    '\uFEFF开头的字节顺序标记 and \uFEFF in the middle',
    '⿰氵马 ⿱艹⿰日月 incomplete ⿰氵 nested ⿲木⿱口口木 last ⿰',
    '豈更車賈滑 compatibility ideographs 﨎﨏 and 丽丸',
    '\u0000NUL and control \u0007 chars 发展',
  ];

  it.each(DIRECTIONS)(
    '%s -> %s: edge cases (astral, lone surrogates, BOM, IDS, compatibility ideographs)',
    (from, to) => {
      expectSameAsOpenCC(from, to, edgeCases);
    },
  );

  it.each(DIRECTIONS)('%s -> %s: long text (buffer reuse, chunked decoding)', (from, to) => {
    const base =
      '中华人民共和国国务院办公厅关于印发《政府信息公开条例》的通知。臺灣與香港的說法不同；';
    const long = base.repeat(120); // over 4,096 units: several decoding chunks
    expectSameAsOpenCC(from, to, [long, long + '\uD800', long.slice(0, 300), long.slice(0, 257)]);
  });

  it('matches opencc-js on 1,000 random strings built from dictionary keys (segment boundaries)', () => {
    // Fragments of keys of every dictionary glued together: phrases overlap, cross segment
    // boundaries and end mid-phrase, which is where a reimplementation would go wrong.
    const pieces: string[] = [];
    for (const name of [
      'STPhrases',
      'TSPhrases',
      'TWVariantsPhrases',
      'TWPhrases',
      'HKVariantsPhrases',
      'TWVariantsRevPhrases',
    ]) {
      const entries = openccDict(name);
      for (let i = 0; i < entries.length; i += Math.max(1, Math.floor(entries.length / 400))) {
        const [key, value] = entries[i] as [string, string];
        pieces.push(key, value, key.slice(1), key.slice(0, -1));
      }
    }
    pieces.push('⿰', '\uD842', '\uDFB7', ' ', '豈', '﨎');
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const texts: string[] = [];
    for (let n = 0; n < 1000; n++) {
      let s = '';
      const count = 1 + Math.floor(random() * 6);
      for (let k = 0; k < count; k++) s += pieces[Math.floor(random() * pieces.length)];
      texts.push(s);
    }
    for (const [from, to] of DIRECTIONS) expectSameAsOpenCC(from, to, texts);
  });

  it('offers the extra locales hkp and jp', () => {
    expectSameAsOpenCC('cn', 'hkp', ['发布软件，支持鼠标', '巴士站']);
    expectSameAsOpenCC('jp', 't', ['旧字体歴史仮名遣 新字体現代仮名遣']);
    expectSameAsOpenCC('t', 'jp', ['舊字體歷史假名遣']);
  });

  it('refuses cn -> cn, which is left out to keep the bundle small', () => {
    expect(() => createConverter('cn', 'cn')).toThrow(/Unsupported/);
  });
});

describe('project dictionary', () => {
  it('fixes 陜 to 陝, which OpenCC keeps', () => {
    expect(ours('cn', 'tw')('苏陜')).toBe('蘇陜');
    expect(applyProjectDict('蘇陜協作')).toBe('蘇陝協作');
  });

  it('documents every entry', () => {
    for (const [from, to, why] of PROJECT_DICT) {
      expect([...from]).toHaveLength(1);
      expect([...to]).toHaveLength(1);
      expect(why.length).toBeGreaterThan(10);
    }
  });

  it('applies only in Traditional directions', () => {
    expect(converterForTarget('tw', 'hans')?.('苏陜两地')).toBe('蘇陝兩地');
    expect(converterForTarget('hant', 'hans')?.('苏陜两地')).toBe('蘇陝兩地');
    expect(converterForTarget('hk', 'hans')?.('苏陜两地')).toBe('蘇陝兩地');
    expect(converterForTarget('hans', 'hant')?.('蘇陜兩地')).toBe('苏陜两地');
  });
});

describe('converterForTarget', () => {
  it('does nothing for the original script, or Simplified on a Simplified page', () => {
    expect(converterForTarget('original', 'hans')).toBeNull();
    expect(converterForTarget('original', 'hant')).toBeNull();
    expect(converterForTarget('hans', 'hans')).toBeNull();
  });

  it('converts Traditional pages, and pages of unknown script, to Simplified', () => {
    expect(converterForTarget('hans', 'hant')?.('無錫幹部與延安幹部')).toBe('无锡干部与延安干部');
    expect(converterForTarget('hans', 'none')?.('Wuxi 無錫')).toBe('Wuxi 无锡');
    expect(converterForTarget('hans', 'hant', 'tw')?.('裡面')).toBe(ours('tw', 'cn')('裡面'));
  });

  it('converts Simplified pages to the chosen Traditional standard', () => {
    expect(converterForTarget('hant', 'hans')?.('说为温里面')).toBe('說爲溫裏面');
    expect(converterForTarget('tw', 'hans')?.('说为温里面')).toBe('說為溫裡面');
    expect(converterForTarget('hk', 'hans')?.('说为温里面')).toBe('説為温裏面');
  });

  it('does not use Taiwan vocabulary for the Taiwan target (that is twp)', () => {
    expect(converterForTarget('tw', 'hans')?.('发布软件，支持鼠标')).toBe('發佈軟件，支持鼠標');
  });

  it('repairs what a naive table left Simplified on a 繁體版 page', () => {
    const page = '無錫干部攜手并進，簽訂關于深化協作的協議，敢于創新，建成后將帶動。';
    expect(converterForTarget('tw', 'hant')?.(page)).toBe(
      '無錫幹部攜手並進，簽訂關於深化協作的協議，敢於創新，建成後將帶動。',
    );
    expect(converterForTarget('hant', 'hant')?.(page)).toBe(
      '無錫幹部攜手並進，簽訂關於深化協作的協議，敢於創新，建成後將帶動。',
    );
  });

  it('leaves correct Traditional text alone where a plain s2tw pass would change it', () => {
    // Each of these is changed by OpenCC's cn -> tw, which reads the text as Simplified.
    const correct =
      '台北市里長說，山谷岩石間的色彩令人幸福；周末在南庄咨詢。干擾、若干與干涉都不變。';
    expect(ours('cn', 'tw')(correct)).not.toBe(correct);
    expect(converterForTarget('tw', 'hant')?.(correct)).toBe(correct);
    expect(converterForTarget('hant', 'hant')?.(correct)).toBe(correct);
  });

  it('keeps Taiwan and Hong Kong standard forms for the generic Traditional target', () => {
    const taiwan = '才吃完飯就起床，為群眾著想，秘書說。';
    expect(ours('cn', 't')(taiwan)).not.toBe(taiwan);
    expect(converterForTarget('hant', 'hant')?.(taiwan)).toBe(taiwan);
  });

  it("normalises another region's forms when that region is chosen", () => {
    expect(converterForTarget('tw', 'hant')?.('爲衆人')).toBe('為眾人');
    expect(converterForTarget('hk', 'hant')?.('說溫')).toBe('説温');
  });

  it('returns the same cached function for the same choice', () => {
    expect(converterForTarget('tw', 'hans')).toBe(converterForTarget('tw', 'hans'));
  });
});

// ---------------------------------------------------------------------------------------------
// Checks against third-party material in ../shared/corpus (skipped when it is absent).

const OPENCC_CASES = path.join(CORPUS, 'opencc');

/** Config name of OpenCC's tests -> opencc-js locales. */
function configLocales(config: string): [ExtendedOpenccLocale, ExtendedOpenccLocale] | null {
  const known: Record<string, [ExtendedOpenccLocale, ExtendedOpenccLocale]> = {
    s2t: ['cn', 't'],
    s2tw: ['cn', 'tw'],
    s2twp: ['cn', 'twp'],
    s2hk: ['cn', 'hk'],
    s2hkp: ['cn', 'hkp'],
    t2s: ['t', 'cn'],
    tw2s: ['tw', 'cn'],
    tw2sp: ['twp', 'cn'],
    hk2s: ['hk', 'cn'],
    hk2sp: ['hkp', 'cn'],
    t2tw: ['t', 'tw'],
    t2hk: ['t', 'hk'],
    tw2t: ['tw', 't'],
    hk2t: ['hk', 't'],
    t2jp: ['t', 'jp'],
    jp2t: ['jp', 't'],
  };
  return known[config] ?? null;
}

describe.skipIf(!existsSync(OPENCC_CASES))('OpenCC upstream test cases', () => {
  it('passes as many of the 543 cases as opencc-js (540), failing the same ones', () => {
    const raw = readFileSync(path.join(OPENCC_CASES, 'testcases.json'), 'utf8');
    // The file has trailing commas, which JSON.parse refuses.
    const { cases } = JSON.parse(raw.replace(/,(\s*[}\]])/g, '$1')) as {
      cases: Array<{ id: string; input: string; expected: Record<string, string> }>;
    };
    let total = 0;
    let passed = 0;
    const failedOurs: string[] = [];
    const failedReference: string[] = [];
    for (const c of cases) {
      for (const [config, want] of Object.entries(c.expected)) {
        const locales = configLocales(config);
        expect(locales, `unknown config ${config}`).not.toBeNull();
        const [from, to] = locales as [ExtendedOpenccLocale, ExtendedOpenccLocale];
        total++;
        const got = ours(from, to)(c.input);
        expect(got, `${c.id} ${config}`).toBe(reference(from, to)(c.input));
        if (got === want) passed++;
        else failedOurs.push(`${c.id}:${config}`);
        if (reference(from, to)(c.input) !== want) failedReference.push(`${c.id}:${config}`);
      }
    }
    expect(total).toBe(543);
    expect(passed).toBeGreaterThanOrEqual(540);
    expect(failedOurs).toEqual(failedReference);
  });

  it('gives opencc-js output on the older .in/.ans pairs', () => {
    const dir = path.join(OPENCC_CASES, 'legacy-in-ans');
    const inputs = readdirSync(dir).filter((f) => f.endsWith('.in'));
    expect(inputs.length).toBeGreaterThan(5);
    for (const file of inputs) {
      const locales = configLocales(file.slice(0, -3));
      if (!locales) continue;
      expectSameAsOpenCC(locales[0], locales[1], [readFileSync(path.join(dir, file), 'utf8')]);
    }
  });

  it.each(['s2t', 's2tw', 's2twp', 's2hk', 's2hkp'])(
    'golden text %s: same as the golden output and opencc-js',
    (config) => {
      const input = readFileSync(
        path.join(OPENCC_CASES, 'golden_input_us_constitution_zhs.txt'),
        'utf8',
      );
      const golden = readFileSync(
        path.join(OPENCC_CASES, `golden_output_us_constitution_zhs.${config}.txt`),
        'utf8',
      );
      const [from, to] = configLocales(config) as [ExtendedOpenccLocale, ExtendedOpenccLocale];
      expect(ours(from, to)(input)).toBe(reference(from, to)(input));
      expect(ours(from, to)(input)).toBe(golden);
    },
  );
});

/**
 * Text of every page in the corpus: tags stripped roughly, lines with Chinese characters only
 * (other lines convert trivially), deduplicated across pages (site chrome repeats).
 */
function corpusText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(html?|txt)$/i.test(name)) files.push(p);
    }
  };
  walk(CORPUS);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const file of files) {
    let text = readFileSync(file, 'utf8');
    if (!file.endsWith('.txt')) {
      text = text
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '\n')
        .replace(/<[^>]+>/g, '\n')
        .replace(/&nbsp;/g, ' ');
    }
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (/[\u3400-\u9fff]/.test(trimmed) && !seen.has(trimmed)) {
        seen.add(trimmed);
        lines.push(trimmed);
      }
    }
  }
  return lines.join('\n');
}

describe.skipIf(!existsSync(CORPUS))('corpus differential: every page, every direction', () => {
  const text = existsSync(CORPUS) ? corpusText() : '';

  it('has the corpus text', () => {
    expect(text.length).toBeGreaterThan(300_000);
  });

  it.each(DIRECTIONS)('%s -> %s: identical to opencc-js', (from, to) => {
    expectSameAsOpenCC(from, to, [text]);
  });
});

describe.skipIf(!existsSync(CORPUS))('Traditional pages of the corpus', () => {
  const pageText = (file: string) =>
    readFileSync(path.join(CORPUS, file), 'utf8')
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');
  const correctTaiwan = [
    'readability-cjk/pixnet/source.html',
    'gov-pages/13_keelung_gov_tw_hyweb_cp_TEMPLATE_assembled.html',
    'gov-pages/14_keelung_gov_tw_hyweb_listpage_TEMPLATE_assembled.html',
    'opencc/golden_output_us_constitution_zhs.s2tw.txt',
  ];
  const twVariants = new Map(openccDict('TWVariants'));

  it('Taiwan target: correct Taiwan text is unchanged, apart from Taiwan standard forms', () => {
    const convert = converterForTarget('tw', 'hant') as (s: string) => string;
    for (const file of correctTaiwan) {
      const text = pageText(file);
      const out = convert(text);
      expect(out.length, file).toBe(text.length);
      for (let i = 0; i < text.length; i++) {
        // The only changes allowed turn a variant into Taiwan's standard form (峯 -> 峰).
        if (out[i] !== text[i])
          expect(twVariants.get(text[i] as string), `${file} at ${i}`).toBe(out[i]);
      }
    }
  });

  it('generic Traditional target: correct Taiwan, Hong Kong and OpenCC text is unchanged', () => {
    const convert = converterForTarget('hant', 'hant') as (s: string) => string;
    const files = [
      ...correctTaiwan,
      'opencc/golden_output_us_constitution_zhs.s2hk.txt',
      'opencc/golden_output_us_constitution_zhs.s2t.txt',
    ];
    for (const file of files) {
      const text = pageText(file);
      expect(convert(text), file).toBe(text);
    }
  });

  it('repairs the reference 繁體版 page, and the repair is then stable', () => {
    const convert = converterForTarget('tw', 'hant') as (s: string) => string;
    const page = pageText('seed/wuxi-2024-05-23.hant.html');
    expect(page).toContain('干部');
    const repaired = convert(page);
    for (const leftover of ['干部', '并進', '關于', '陜']) expect(repaired).not.toContain(leftover);
    for (const fixed of ['幹部', '並進', '關於', '蘇陝']) expect(repaired).toContain(fixed);
    expect(convert(repaired)).toBe(repaired);
  });
});
