// Where a link goes, judged from its href alone (no network): on-site, another government site,
// an unrelated site, or a host or path typical of dark links.

/** Cheap or throwaway top-level domains that spam networks buy in bulk. */
const CHEAP_TLDS = new Set(
  'xyz top vip club win bet casino poker loan icu buzz cyou sbs cfd rest bar monster tk ml ga cf gq pw ws la work fun site online'.split(
    ' ',
  ),
);
/** Tokens in a host name that only gambling and porn sites use. */
const SPAM_HOST = /bet\d|betway|casino|poker|porn|xxx|baccarat|caipiao/;
/** Redirect scripts planted on hacked sites to pass link juice (`/go.php?url=`, `/tj.php`, `/jump/`). */
const REDIRECT_PATH = /\/(go|tj|jump)\.(php|asp|aspx)\b|\/jump\//i;
const GOV_HOST = /(^|\.)gov(\.(cn|tw|hk|mo))?$|(^|\.)edu\.(cn|tw|hk|mo)$/;
/** Second-level labels under which a registrable domain has three labels (`xx.com.cn`). */
const SECOND_LEVEL = new Set(['com', 'net', 'org', 'gov', 'edu', 'ac']);

export interface LinkVerdict {
  /** Host differs from the page's site and is not a government host. */
  readonly offsite: boolean;
  /** Cheap TLD, IP address, gambling/porn host token, or a redirect path. */
  readonly suspicious: boolean;
}

/** The host of an absolute http(s) URL, lower-case, or null for relative and non-http links. */
export function hostOf(url: string): string | null {
  const match = /^\s*(?:https?:)?\/\/([^/?#:\s]+)/i.exec(url);
  return match ? (match[1] as string).toLowerCase().replace(/\.$/, '') : null;
}

/** The registrable part of a host: `www.wuxi.gov.cn` → `wuxi.gov.cn`, `a.b.com` → `b.com`. */
export function siteOf(host: string): string {
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const secondLevel = labels[labels.length - 2] as string;
  const keep =
    SECOND_LEVEL.has(secondLevel) && (labels[labels.length - 1] as string).length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export function classifyLink(href: string, pageSite: string | null): LinkVerdict {
  const suspiciousPath = REDIRECT_PATH.test(href);
  const host = hostOf(href);
  if (!host) return { offsite: false, suspicious: suspiciousPath };
  const gov = GOV_HOST.test(host);
  const offsite = !gov && (pageSite === null || siteOf(host) !== pageSite);
  const tld = host.slice(host.lastIndexOf('.') + 1);
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const suspicious =
    suspiciousPath || (!gov && (CHEAP_TLDS.has(tld) || ip || SPAM_HOST.test(host)));
  return { offsite, suspicious };
}
