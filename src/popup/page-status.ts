// What the popup says about the tab, worked out from plain data (no DOM, no extension API) so the
// wording rules can be unit-tested.
import { siteKeyOf } from '../settings/schema.ts';
import { isGovHost } from '../shared/hosts.ts';
import type { PageState } from '../shared/messages.ts';
import type { Translate } from './i18n.ts';

/**
 * Where the tab is, as far as running Qingyue goes:
 * - `gov`: a government host, where the content script runs by itself;
 * - `other`: any other web page, where it runs when the user asks;
 * - `restricted`: browser pages, extension stores, local files and the like, where it cannot run.
 */
export type PageKind = 'gov' | 'other' | 'restricted';

/** Hosts whose pages no extension may script (Chrome and Firefox extension stores). */
const SCRIPT_BLOCKED_HOSTS = new Set([
  'chrome.google.com',
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
]);

export function pageKindOf(url: string | undefined): PageKind {
  if (!url) return 'restricted';
  const site = siteKeyOf(url);
  if (!site) return 'restricted';
  const hostname = new URL(url).hostname.toLowerCase();
  if (SCRIPT_BLOCKED_HOSTS.has(hostname)) return 'restricted';
  return isGovHost(hostname) ? 'gov' : 'other';
}

/** The tab the popup acts on from its query string (`?tab=123`), or null for the active tab. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** The two lines of the status: article verdict and spam count, in the contract's exact words. */
export function statusLines(state: PageState, t: Translate): [string, string] {
  return [
    t(state.isArticle ? 'statusArticle' : 'statusNoArticle'),
    t('statusSpamRemoved', String(state.spamItems.length)),
  ];
}

/** The hint under the Script choices that says what the page itself is written in. */
export function pageScriptHint(state: PageState, t: Translate): string {
  if (state.pageScript === 'hans') return t('pageScriptHans');
  if (state.pageScript === 'hant') return t('pageScriptHant');
  return '';
}

/** A removed item's text as shown in the list: whitespace collapsed, long text cut at a word. */
export function spamItemPreview(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  return `${flat.slice(0, maxLength - 1).trimEnd()}…`;
}

/** Message keys for the families of spam rules (`hidden:display-none` → "hidden from view"). */
const REASON_FAMILIES: [RegExp, string][] = [
  [/^hidden:/, 'spamReasonHidden'],
  [/^offscreen:/, 'spamReasonOffscreen'],
  [/^links?:/, 'spamReasonLinks'],
  [/^(terms|group):/, 'spamReasonTerms'],
  [/^separator-list$/, 'spamReasonList'],
  [/^script-mismatch$/, 'spamReasonScript'],
  [/^title:/, 'spamReasonTitle'],
  [/^meta:/, 'spamReasonMeta'],
  [/^inside-main$/, 'spamReasonInsideMain'],
  [/^outside-main$/, 'spamReasonOutsideMain'],
  [/^script-written$/, 'spamReasonScriptWritten'],
];

/** How the detector looked (live layout or static styles): true of every finding, so not shown. */
const PROVENANCE_RULES = new Set(['layout', 'static-styles']);

export interface ReasonGroup {
  /** Plain words for the rule family, or null for a rule this popup does not know. */
  label: string | null;
  /** The rules as the detector names them, for those who want the detail. */
  rules: string[];
}

/** Groups a finding's rules by family, in the order they first fired. */
export function explainReasons(reasons: readonly string[], t: Translate): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const rule of reasons) {
    if (PROVENANCE_RULES.has(rule)) continue;
    const key = REASON_FAMILIES.find(([pattern]) => pattern.test(rule))?.[1] ?? null;
    const id = key ?? `rule:${rule}`;
    const group = groups.get(id) ?? { label: key ? t(key) : null, rules: [] };
    group.rules.push(rule);
    groups.set(id, group);
  }
  return [...groups.values()];
}
