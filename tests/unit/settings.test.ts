import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SITE_SETTINGS,
  effectiveSiteSettings,
  normalizeDefaults,
  normalizeSiteOverride,
  siteKeyOf,
} from '../../src/settings/schema.ts';

describe('settings schema', () => {
  it('keeps the valid fields of a corrupt override and drops the rest', () => {
    expect(
      normalizeSiteOverride({ script: 'tw', spam: 'yes', autoReader: true, extra: 1 }),
    ).toEqual({
      script: 'tw',
      autoReader: true,
    });
    expect(normalizeSiteOverride({ script: 'klingon' })).toEqual({});
  });

  it.each([null, undefined, 42, 'tw', [], true])('treats %j as no override', (value) => {
    expect(normalizeSiteOverride(value)).toEqual({});
  });

  it('fills every default field, keeping valid stored ones', () => {
    expect(normalizeDefaults({ script: 'hk', spam: 0 })).toEqual({
      ...DEFAULT_SITE_SETTINGS,
      script: 'hk',
    });
    expect(normalizeDefaults('garbage')).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('lets a site override win over the defaults', () => {
    const defaults = { ...DEFAULT_SITE_SETTINGS, script: 'hans' as const };
    expect(effectiveSiteSettings(defaults, { spam: false })).toEqual({ ...defaults, spam: false });
    expect(effectiveSiteSettings(defaults, undefined)).toEqual(defaults);
  });

  it('keys sites by host name without www., and only for web pages', () => {
    expect(siteKeyOf('http://www.wuxi.gov.cn:8080/a.html')).toBe('wuxi.gov.cn');
    expect(siteKeyOf('https://WUXI.gov.cn/')).toBe('wuxi.gov.cn');
    expect(siteKeyOf('chrome://extensions')).toBeNull();
    expect(siteKeyOf('not a url')).toBeNull();
  });
});
