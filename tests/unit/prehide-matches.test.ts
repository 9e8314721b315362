import { describe, expect, it } from 'vitest';
import { GOV_MATCHES } from '../../src/shared/hosts.ts';
import { prehideMatchesFor } from '../../src/shared/prehide-matches.ts';

describe('prehideMatchesFor: the pages hidden until converted', () => {
  it('covers nothing when no script is chosen anywhere', () => {
    expect(prehideMatchesFor('original', {}, [])).toEqual({ matches: [], excludeMatches: [] });
    expect(prehideMatchesFor('original', { 'wuxi.gov.cn': { spam: false } }, [])).toEqual({
      matches: [],
      excludeMatches: [],
    });
  });

  it('covers exactly the sites with a chosen script, with and without www.', () => {
    const result = prehideMatchesFor(
      'original',
      { 'wuxi.gov.cn': { script: 'tw' }, 'beijing.gov.cn': { script: 'original' } },
      [],
    );
    expect(result).toEqual({
      matches: ['*://wuxi.gov.cn/*', '*://www.wuxi.gov.cn/*'],
      excludeMatches: [],
    });
  });

  it('leaves out sites where the content script does not run by itself', () => {
    const sites = { 'example.com': { script: 'hant' as const } };
    expect(prehideMatchesFor('original', sites, []).matches).toEqual([]);
    expect(prehideMatchesFor('original', sites, ['*://www.example.com/*']).matches).toEqual([
      '*://www.example.com/*',
    ]);
  });

  it('covers every page the content script runs on when the default converts, minus the sites set back', () => {
    const result = prehideMatchesFor(
      'hk',
      { 'beijing.gov.cn': { script: 'original' }, 'wuxi.gov.cn': { script: 'tw' } },
      ['*://example.org/*'],
    );
    expect(result.matches).toEqual([...GOV_MATCHES, '*://example.org/*']);
    expect(result.excludeMatches).toEqual(['*://beijing.gov.cn/*', '*://www.beijing.gov.cn/*']);
  });
});
