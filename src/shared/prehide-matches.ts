// Which pages the pre-hide script must cover (pure: unit-tested without an extension API).
import type { ScriptTarget } from '../core/types.ts';
import type { SiteSettings } from '../settings/schema.ts';
import { GOV_MATCHES, isGovHost, originPatternFor } from './hosts.ts';

export interface PrehideMatches {
  matches: string[];
  excludeMatches: string[];
}

/**
 * The pages that will be converted as they load: the sites with a chosen script, or, when the
 * default script is not "as written", every page the content script runs on by itself (the
 * government hosts and the granted sites) minus the sites set back to it. A site key drops
 * `www.`, so both the host and its `www.` form are covered, where the content script runs.
 */
export function prehideMatchesFor(
  defaultScript: ScriptTarget,
  sites: Readonly<Record<string, Partial<SiteSettings>>>,
  grantedOrigins: readonly string[],
): PrehideMatches {
  const runsOn = (host: string) =>
    isGovHost(host) || grantedOrigins.includes(originPatternFor(host));
  const patterns = (site: string) =>
    [site, `www.${site}`].filter(runsOn).map((host) => originPatternFor(host));
  const chosen: string[] = [];
  const original: string[] = [];
  for (const [site, override] of Object.entries(sites)) {
    if (override.script === undefined) continue;
    (override.script === 'original' ? original : chosen).push(site);
  }
  if (defaultScript !== 'original') {
    return {
      matches: [...GOV_MATCHES, ...grantedOrigins],
      excludeMatches: original.flatMap(patterns),
    };
  }
  return { matches: chosen.flatMap(patterns), excludeMatches: [] };
}
