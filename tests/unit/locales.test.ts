// The three catalogues (en, zh_CN, zh_TW) stay complete and in step with the code: every key the
// code asks for exists everywhere, nothing is empty, placeholders line up.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READER_STRING_KEYS } from '../../src/reader/strings.ts';
import { catalogueTranslator, type Catalogue } from '../../src/popup/i18n.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;

function load(locale: string): Catalogue {
  return JSON.parse(
    readFileSync(resolve(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Catalogue;
}
const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, load(locale)])) as Record<
  (typeof LOCALES)[number],
  Catalogue
>;
const en = catalogues.en;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|html)$/.test(name) ? [path] : [];
  });
}
const SOURCES = [
  ...sourceFiles(resolve(ROOT, 'src')),
  ...sourceFiles(resolve(ROOT, 'entrypoints')),
  resolve(ROOT, 'wxt.config.ts'),
].map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Message keys named in code: `t('key')`, `getMessage('key')`, `data-i18n="key"`, `__MSG_key__`. */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  const call = /\b(?:t|tOrEmpty|getMessage)\(\s*([^,)]*)/g;
  const markup = /data-i18n(?:-[a-z-]+)?="([^"]+)"/g;
  const manifest = /__MSG_(\w+)__/g;
  for (const { path, text } of SOURCES) {
    for (const match of text.matchAll(call)) {
      // The first argument may be a conditional: take every string literal in it.
      for (const literal of (match[1] ?? '').matchAll(/'([A-Za-z0-9_]+)'/g)) {
        used.set(literal[1]!, path);
      }
    }
    for (const match of text.matchAll(markup)) used.set(match[1]!, path);
    for (const match of text.matchAll(manifest)) used.set(match[1]!, path);
  }
  return used;
}

describe('locale catalogues', () => {
  it('have exactly the same keys in every locale', () => {
    const keys = Object.keys(en).sort();
    for (const locale of LOCALES)
      expect(Object.keys(catalogues[locale]).sort(), locale).toEqual(keys);
  });

  it('use only key names the browsers accept', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('have no empty message', () => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(catalogues[locale])) {
        expect(entry.message.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });

  it('define the same placeholders in every locale, and use each one they define', () => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(catalogues[locale])) {
        const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
        const enDefined = Object.keys(en[key]?.placeholders ?? {}).map((name) =>
          name.toLowerCase(),
        );
        expect(defined.sort(), `${locale}.${key} placeholders`).toEqual(enDefined.sort());
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) =>
          m[1]!.toLowerCase(),
        );
        expect([...new Set(used)].sort(), `${locale}.${key} uses`).toEqual(defined.sort());
        for (const name of defined) {
          expect(entry.placeholders?.[name]?.content ?? '', `${locale}.${key}.${name}`).toMatch(
            /^\$[1-9]$/,
          );
        }
      }
    }
  });

  it('name the extension as the brief says, with a store-sized description', () => {
    expect(catalogues.en.extName?.message).toBe('Qingyue 清閱');
    expect(catalogues.zh_CN.extName?.message).toBe('清阅');
    expect(catalogues.zh_TW.extName?.message).toBe('清閱');
    // The Chrome Web Store cuts descriptions at 132 characters.
    for (const locale of LOCALES) {
      expect(catalogues[locale].extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });

  it('keep the English wording the public surface promises', () => {
    const t = catalogueTranslator(en);
    expect(t('statusArticle')).toBe('Article detected');
    expect(t('statusNoArticle')).toBe('No article detected');
    expect(t('statusSpamRemoved', '0')).toBe('0 spam items removed');
    expect(t('statusSpamRemoved', '12')).toBe('12 spam items removed');
    expect(t('removeSpam')).toBe('Remove spam');
    expect(t('scriptLabel')).toBe('Script');
    expect(
      ['scriptOriginal', 'scriptHans', 'scriptHant', 'scriptTw', 'scriptHk'].map((key) => t(key)),
    ).toEqual([
      'Original',
      'Simplified',
      'Traditional',
      'Traditional (Taiwan)',
      'Traditional (Hong Kong)',
    ]);
    expect(t('openReader')).toBe('Open reader view');
    expect(t('readerFontSize')).toBe('Reader font size');
    expect(t('reader_increaseFont')).toBe('Increase font size');
    expect(t('reader_decreaseFont')).toBe('Decrease font size');
  });

  it('contain every key the code asks for', () => {
    const used = keysUsedInCode();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used]
      .filter(([key]) => !(key in en))
      .map(([key, path]) => `${key} (${path})`);
    expect(missing).toEqual([]);
  });

  it('contain a reader_ key for every reader string', () => {
    for (const key of READER_STRING_KEYS) expect(en, key).toHaveProperty(`reader_${key}`);
  });

  it('hold no message the code never uses', () => {
    const everything = SOURCES.map(({ text }) => text).join('\n');
    const unused = Object.keys(en).filter(
      (key) =>
        !key.startsWith('reader_') &&
        !everything.includes(`'${key}'`) &&
        !everything.includes(`"${key}"`) &&
        !everything.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });
});
