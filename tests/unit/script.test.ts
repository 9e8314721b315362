// detectScript decides which way a page is converted, so it must call a naive 繁體版 Traditional
// despite its Simplified leftovers, and never claim a script for text that does not show one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectScript } from '../../src/core/script';

const CORPUS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

describe('detectScript', () => {
  it('says none for text without Chinese, or too little of it', () => {
    expect(detectScript('')).toBe('none');
    expect(detectScript('Press release: Government announces new measures')).toBe('none');
    expect(detectScript('2024年5月23日 08:54')).toBe('none');
    // 台北 and 中国 are written the same way in both scripts.
    expect(detectScript('台北')).toBe('none');
    expect(detectScript('无')).toBe('none');
  });

  it('recognises Simplified text', () => {
    expect(detectScript('无锡市与延安市签订关于深化苏陕协作的合作协议')).toBe('hans');
    expect(detectScript('无锡')).toBe('hans');
  });

  it('recognises Traditional text', () => {
    expect(detectScript('無錫市與延安市簽訂關於深化蘇陝協作的合作協議')).toBe('hant');
    expect(detectScript('臺灣與香港的說法')).toBe('hant');
  });

  it('calls a naive-table 繁體版 Traditional despite its Simplified leftovers', () => {
    // As a character table converts it: 干 and 并 stay, so do 于 and 后.
    const naive =
      '無錫市黨政代表團赴延安考察，攜手并進，掛職干部座談會上簽訂關于深化協作的協議，建成后將帶動發展。';
    expect(detectScript(naive)).toBe('hant');
  });

  it('says none when both scripts are equally present', () => {
    expect(detectScript('发展 發展 进步 進步')).toBe('none');
  });

  it('reads only the start of very long text', () => {
    const long = '发展'.repeat(20_000) + '發展'.repeat(30_000);
    expect(detectScript(long)).toBe('hans');
  });
});

describe.skipIf(!existsSync(CORPUS))('detectScript on corpus pages', () => {
  const text = (file: string) =>
    readFileSync(path.join(CORPUS, file), 'utf8')
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ');

  it.each([
    ['seed/000_5f548a48bfc179cb.txt', 'hant'],
    ['seed/wuxi-2024-05-23.hant.html', 'hant'],
    ['seed/wuxi-2024-05-23.hans.html', 'hans'],
    ['readability-cjk/pixnet/source.html', 'hant'],
    ['readability-cjk/gmw/source.html', 'hans'],
    ['readability-cjk/qq/source.html', 'hans'],
    ['gov-pages/13_keelung_gov_tw_hyweb_cp_TEMPLATE_assembled.html', 'hant'],
    ['gov-pages/01_shanxi_gov_cn_article_TRS_2019.html', 'hans'],
    ['gov-pages/15_jiangsu_gov_cn_article_Hanweb_2024.html', 'hans'],
  ] as const)('%s is %s', (file, script) => {
    expect(detectScript(text(file))).toBe(script);
  });
});
