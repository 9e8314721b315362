// Finding injected spam on a page.
//
// Cheap signals first, layout last: one walk over the subtree collects candidates (text with a
// lexicon term, links with a dark-link host or path, <marquee>s, scripts that write markup;
// a TreeWalker + querySelectorAll in browsers, a plain JS walk in Node DOMs where those are slow);
// only candidates and their ancestors have their style read (getComputedStyle in the browser,
// inline/embedded rules in Node). Each candidate is grown to a block (its hidden wrapper, or
// its nearest block-level ancestor) and the block is judged on combined evidence:
//
//   hidden/off-screen + (an unambiguous term | two spam terms with an off-site link | dark-link hosts)
//   visible, outside the article + a separator-joined phrase list with ≥2 unambiguous terms
//     (or 1 when the phrases are in the other script than the page)
//   visible, outside the article + a short run of ≥3 unambiguous terms without sentence punctuation
//   any link outside the article whose text is spam and whose host is off-site or a dark-link host
//
// Visible text inside the main article is never removed on keyword evidence alone, and blocks
// that talk about spam topics (打击, 查处, 福利彩票, 成人教育...) are left alone.

import type { SpamFinding, SpamScanOptions } from '../types.ts';
import { classifyLink, hostOf, siteOf } from './links.ts';
import { containsSpamTerm, scanTerms, textScript, type TermScan } from './lexicon.ts';
import {
  computedBoxRule,
  computedTextRule,
  marqueeRule,
  StaticStyleSheet,
  staticBoxRule,
  staticTextRule,
  type HidingRule,
} from './styles.ts';

/**
 * Article containers of the CMSs government sites run (TRS, Hanweb, 开普云, UCAP...), most specific
 * first. Plain `#id`, `.class` or tag keys: the JS walk (Node DOMs) matches them by attribute, the
 * browser walk by one querySelectorAll.
 */
const MAIN_KEYS = [
  '#zoom',
  '#Zoom',
  '.TRS_Editor',
  '.TRS_UEDITOR',
  '#UCAP-CONTENT',
  '.article-content',
  '.article_content',
  '#article_content',
  '.pages_content',
  '.bt_content',
  '.wzcon',
  '.con_text',
  '.view',
  'article',
  '.article',
  '#content',
  '.content',
  'main',
];
const MAIN_PRIORITY = new Map(MAIN_KEYS.map((key, index) => [key, index]));
/** Generic keys that may wrap the whole page rather than the article. */
const GENERIC_MAIN_FROM = MAIN_PRIORITY.get('.view') as number;

/** Elements whose text is never page text: code, styles, fallbacks, form values. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'option',
  'iframe',
  'svg',
  'head',
  'title',
  'qingyue-reader',
]);

/** Inline elements: a candidate inside one is judged with its enclosing block. */
const INLINE_TAGS = new Set([
  'a',
  'span',
  'font',
  'b',
  'strong',
  'em',
  'i',
  'u',
  's',
  'small',
  'big',
  'label',
  'cite',
  'mark',
  'sub',
  'sup',
  'strike',
  'abbr',
  'code',
  'img',
  'br',
]);

/** Phrase separators of keyword lines and stuffed titles. */
const SEPARATORS = /[\s_|｜,，、;；/·•~—-]+/;
/** Sentence punctuation: real prose has it, keyword lines do not. */
const SENTENCE_PUNCTUATION = /[。！？：“”「」]/;
/** Longest phrase still counted as a keyword in a separator list. */
const MAX_PHRASE = 24;
/** Text recorded in a finding. */
const MAX_FINDING_TEXT = 300;

type Script = 'hans' | 'hant' | 'none';

/** Everything a scan needs to know about the page. Built once per scan (or per live batch). */
export class ScanContext {
  /** Hiding rule per element already looked at (null: not hidden). Valid for one batch only. */
  readonly hiddenCache = new Map<Element, string | null>();
  private script: Script | undefined;
  private mainElement: Element | null | undefined;

  constructor(
    readonly doc: Document,
    /** Computed styles and layout are read (live page). */
    readonly view: Window | null,
    /** Embedded style rules (static mode only). */
    readonly sheet: StaticStyleSheet | null,
    /** Registrable site of the page (`wuxi.gov.cn`), null when unknown. */
    readonly pageSite: string | null,
    /** The article container if already known; `undefined` looks it up on first use. */
    main?: Element | null,
  ) {
    this.mainElement = main;
  }

  get useLayout(): boolean {
    return this.view !== null;
  }

  /** The article container, null when none was recognised. */
  get main(): Element | null {
    if (this.mainElement === undefined) {
      const matches = new Map<number, Element[]>();
      for (const element of Array.from(this.doc.querySelectorAll(MAIN_KEYS.join(',')))) {
        matchMain(element, matches);
      }
      this.mainElement = pickMain(this.doc, matches);
    }
    return this.mainElement;
  }

  /** Script of the page's own text, looked at only when a visible block needs the comparison. */
  get pageScript(): Script {
    this.script ??= textScript(((this.main ?? this.doc.body)?.textContent ?? '').slice(0, 5000));
    return this.script;
  }
}

/** Builds the context for a full-page scan from its walk. */
function createScanContext(
  doc: Document,
  options: SpamScanOptions,
  walk: Walk,
  pageSite: string | null,
  mainCollected: boolean,
): ScanContext {
  const view = liveView(doc, options);
  // Without matches from the walk, the article container is looked up if a candidate needs it.
  const main = mainCollected ? pickMain(doc, walk.mainMatches) : undefined;
  const sheet = view ? null : new StaticStyleSheet(doc);
  return new ScanContext(doc, view, sheet, pageSite ?? dominantSite(walk.sites), main);
}

/**
 * A context for scanning nodes added to a live page: page facts that need the whole page (the
 * article container, the page's script) are looked up only if a candidate needs them.
 */
export function createBatchContext(
  doc: Document,
  options: SpamScanOptions,
  sheet: StaticStyleSheet | null,
): ScanContext {
  const view = liveView(doc, options);
  return new ScanContext(
    doc,
    view,
    view ? null : (sheet ?? new StaticStyleSheet(doc)),
    findPageSite(doc, options.pageUrl),
  );
}

function liveView(doc: Document, options: SpamScanOptions): Window | null {
  const view = options.useLayout ? doc.defaultView : null;
  return view && typeof view.getComputedStyle === 'function' ? view : null;
}

/** The page's registrable site, from the given URL, the document URL, or the 指引 SiteDomain meta. */
function findPageSite(doc: Document, pageUrl: string | undefined): string | null {
  const candidates = [
    pageUrl,
    doc.URL,
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  for (const url of candidates) {
    const host = url ? hostOf(url) : null;
    if (host) return siteOf(host);
  }
  const domain = doc.querySelector('meta[name="SiteDomain" i]')?.getAttribute('content')?.trim();
  const host = domain
    ?.toLowerCase()
    .replace(/^https?:\/\//, '')
    .split('/')[0];
  return host ? siteOf(host) : null;
}

/** Saved pages have no URL: the site most absolute links point to is the page's own. */
function dominantSite(sites: Map<string, number> | undefined): string | null {
  let best: string | null = null;
  let bestCount = 2;
  for (const [site, count] of sites ?? []) {
    if (count > bestCount) {
      best = site;
      bestCount = count;
    }
  }
  return best;
}

/** The article container: the best-priority key matching a text-bearing element, longest text first. */
function pickMain(doc: Document, matches: Map<number, Element[]>): Element | null {
  const priorities = [...matches.keys()].sort((a, b) => a - b);
  let bodyLength = -1;
  for (const priority of priorities) {
    let best: Element | null = null;
    // CMS-specific containers count even when short; generic ones must hold a real text.
    let bestLength = priority < GENERIC_MAIN_FROM ? 10 : 100;
    for (const element of matches.get(priority) ?? []) {
      const length = element.textContent?.length ?? 0;
      if (length <= bestLength) continue;
      // A generic `.content` wrapping the whole page is not an article container.
      if (priority >= GENERIC_MAIN_FROM) {
        if (bodyLength < 0) bodyLength = doc.body?.textContent?.length ?? 0;
        if (length >= bodyLength * 0.9) continue;
      }
      best = element;
      bestLength = length;
    }
    if (best) return best;
  }
  return null;
}

/** Scans the whole document: head (title, meta) and body. */
export function findSpam(doc: Document, options: SpamScanOptions): SpamFinding[] {
  const findings = scanHead({ doc });
  if (!doc.body) return findings;
  const native = options.useLayout && typeof doc.createTreeWalker === 'function';
  const pageSite = findPageSite(doc, options.pageUrl);
  // Count link sites only to guess an unknown page site; match article containers during the
  // walk only where querySelectorAll is slow (Node DOMs).
  const collecting: Collecting = { sites: pageSite === null, main: !native };
  const walk = collect(doc.body, null, collecting, native);
  // Node parsers keep markup after </html> outside the body (browsers move it in): scan it too.
  for (let node = doc.documentElement.nextSibling; node; node = node.nextSibling) {
    collect(node, walk, collecting, native);
  }
  const ctx = createScanContext(doc, options, walk, pageSite, collecting.main);
  findings.push(...judgeWalk(ctx, walk));
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Head: stuffed <title>, meta keywords/description.

/** A title or meta text stuffed with a keyword list: ≥2 unambiguous terms, or ≥3 in any form. */
function isStuffed(text: string, scan: TermScan): boolean {
  if (scan.legit || scan.strong === 0) return false;
  const phrases = text.split(SEPARATORS).filter(Boolean);
  return scan.strong >= 3 || (scan.strong >= 2 && phrases.length >= 3);
}

/** Stuffed <title> and meta keywords/description. */
export function scanHead(ctx: Pick<ScanContext, 'doc'>): SpamFinding[] {
  const findings: SpamFinding[] = [];
  const title = ctx.doc.querySelector('title');
  const titleText = normaliseText(title?.textContent ?? '');
  const titleScan = scanTerms(titleText);
  if (isStuffed(titleText, titleScan)) {
    findings.push({
      element: null,
      kind: 'title',
      text: clip(titleText),
      reasons: ['title:stuffed', ...termReasons(titleScan)],
    });
  }
  for (const meta of Array.from(ctx.doc.querySelectorAll('meta[name]'))) {
    const name = (meta.getAttribute('name') ?? '').toLowerCase();
    if (name !== 'keywords' && name !== 'description') continue;
    const content = normaliseText(meta.getAttribute('content') ?? '');
    const scan = scanTerms(content);
    if (!isStuffed(content, scan)) continue;
    findings.push({
      element: meta,
      kind: 'meta',
      text: clip(content),
      reasons: [`meta:${name}`, ...termReasons(scan)],
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Body.

/** What one walk over a subtree collects. */
export interface Walk {
  /** Elements holding text with a spam term, dark links, marquees. */
  readonly candidates: Set<Element>;
  /** Inline scripts that write markup. */
  readonly scripts: Element[];
  /** Article-container matches by MAIN_KEYS priority (when asked: static full-page walks). */
  readonly mainMatches: Map<number, Element[]>;
  /** How many absolute links point at each site (when asked: the page URL is unknown). */
  readonly sites: Map<string, number>;
}

/** Scans some subtrees of the body (nodes just added to the page). */
export function scanSubtrees(ctx: ScanContext, roots: readonly Node[]): SpamFinding[] {
  const walk: Walk = {
    candidates: new Set(),
    scripts: [],
    mainMatches: new Map(),
    sites: new Map(),
  };
  for (const root of roots) collect(root, walk, NOTHING_EXTRA, ctx.useLayout);
  return judgeWalk(ctx, walk);
}

function judgeWalk(ctx: ScanContext, walk: Walk): SpamFinding[] {
  const findings: SpamFinding[] = [];
  const judged = new Set<Element>();
  for (const candidate of walk.candidates) {
    if (!candidate.isConnected) continue;
    const hidden = hiddenAncestor(ctx, candidate);
    let block = hidden ? hidden.element : growBlock(ctx, candidate);
    // Never take out the page's frame or the article because something inside it is hidden.
    if (isTooBig(ctx, block)) block = growBlock(ctx, candidate);
    if (isTooBig(ctx, block) || judged.has(block)) continue;
    judged.add(block);
    findings.push(...judgeBlock(ctx, block, hidden?.rule ?? null));
  }
  for (const script of walk.scripts) {
    const finding = judgeScript(ctx, script);
    if (finding) findings.push(finding);
  }
  return outermost(findings);
}

/** What a walk gathers besides candidates. */
interface Collecting {
  /** Count the sites of absolute links (to guess the page's own site). */
  readonly sites: boolean;
  /** Match article containers (MAIN_KEYS). */
  readonly main: boolean;
}
const NOTHING_EXTRA: Collecting = { sites: false, main: false };

/** Collects candidates under `root` with the traversal that is fast in this DOM. */
function collect(root: Node, into: Walk | null, collecting: Collecting, native: boolean): Walk {
  return native ? walkNative(root, into, collecting) : walkTree(root, into, collecting);
}

/**
 * One pre-order walk (firstChild/nextSibling, the cheapest traversal in Node DOMs) that collects
 * candidates and, for full-page walks, article-container matches and link sites.
 */
function walkTree(root: Node, into: Walk | null, collecting: Collecting): Walk {
  const walk: Walk = into ?? {
    candidates: new Set(),
    scripts: [],
    mainMatches: new Map(),
    sites: new Map(),
  };
  let node: Node | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      const parent = node.parentElement;
      if (parent && text.length >= 2 && containsSpamTerm(text)) walk.candidates.add(parent);
    } else if (node.nodeType === 1) {
      const element = node as Element;
      const tag = element.localName;
      if (tag === 'script') {
        if (looksLikeMarkupWriter(element.textContent ?? '')) walk.scripts.push(element);
      } else if (!SKIP_TAGS.has(tag)) {
        descend = true;
        if (tag === 'a' || tag === 'marquee') noteLinkOrTicker(element, walk, collecting.sites);
        if (collecting.main) matchMain(element, walk.mainMatches);
      }
    }
    // Next node in document order, staying inside `root`.
    const first: Node | null = descend ? node.firstChild : null;
    if (first) {
      node = first;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
  return walk;
}

/** What the native walk asks querySelectorAll for: links, tickers, scripts. */
const NATIVE_SELECTOR = 'a[href],marquee,script';
const NATIVE_SELECTOR_WITH_MAIN = [NATIVE_SELECTOR, ...MAIN_KEYS].join(',');
/** Text longer than this is checked for a script/style parent before it is scanned. */
const LONG_TEXT = 200;

/**
 * The same collection as walkTree, through the browser's native traversal: a text-only
 * TreeWalker and one querySelectorAll, several times faster than a JS walk in a live page
 * (and much slower in Node DOMs, which is why static mode keeps walkTree).
 */
function walkNative(root: Node, into: Walk | null, collecting: Collecting): Walk {
  const walk: Walk = into ?? {
    candidates: new Set(),
    scripts: [],
    mainMatches: new Map(),
    sites: new Map(),
  };
  // A lone text node (live mode: text written or converted in place) needs no traversal.
  if (root.nodeType === 3) {
    noteText(root, walk);
    return walk;
  }
  const doc = root.ownerDocument;
  if (!doc || root.nodeType !== 1) return walk;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) noteText(node, walk);
  const element = root as Element;
  const selector = collecting.main ? NATIVE_SELECTOR_WITH_MAIN : NATIVE_SELECTOR;
  const found = Array.from(element.querySelectorAll(selector));
  if (element.matches(selector)) found.unshift(element);
  for (const match of found) {
    const tag = match.localName;
    if (tag === 'script') {
      if (looksLikeMarkupWriter(match.textContent ?? '')) walk.scripts.push(match);
    } else if (tag === 'a' || tag === 'marquee') {
      noteLinkOrTicker(match, walk, collecting.sites);
    }
    if (collecting.main) matchMain(match, walk.mainMatches);
  }
  return walk;
}

/** A text node with a spam term makes its parent a candidate (not inside scripts, styles...). */
function noteText(node: Node, walk: Walk): void {
  const text = node.nodeValue ?? '';
  const parent = node.parentElement;
  if (text.length < 2 || !parent) return;
  // Long texts are mostly inline scripts and styles: skip those without scanning them.
  if (text.length > LONG_TEXT && SKIP_TAGS.has(parent.localName)) return;
  if (containsSpamTerm(text) && !insideSkipped(parent)) walk.candidates.add(parent);
}

/** Links with dark-link hosts and tickers become candidates; link sites are counted if asked. */
function noteLinkOrTicker(element: Element, walk: Walk, countSites: boolean): void {
  if (element.localName === 'marquee') {
    walk.candidates.add(element);
    return;
  }
  const href = element.getAttribute('href');
  if (!href) return;
  if (classifyLink(href, null).suspicious) walk.candidates.add(element);
  if (!countSites) return;
  const host = hostOf(href);
  if (host) {
    const site = siteOf(host);
    walk.sites.set(site, (walk.sites.get(site) ?? 0) + 1);
  }
}

/** Whether an element sits inside script, style, noscript, template... (rare, so checked late). */
function insideSkipped(element: Element | null): boolean {
  for (let node = element; node; node = node.parentElement) {
    if (SKIP_TAGS.has(node.localName)) return true;
  }
  return false;
}

function matchMain(element: Element, matches: Map<number, Element[]>): void {
  let priority = MAIN_PRIORITY.get(element.localName);
  const id = element.getAttribute('id');
  if (id) priority = minDefined(priority, MAIN_PRIORITY.get('#' + id));
  const classes = element.getAttribute('class');
  if (classes) {
    for (const name of classes.split(/\s+/))
      if (name) priority = minDefined(priority, MAIN_PRIORITY.get('.' + name));
  }
  if (priority === undefined) return;
  const list = matches.get(priority);
  if (list) list.push(element);
  else matches.set(priority, [element]);
}

const minDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * What hides a candidate's text, if anything: the nearest ancestor-or-self whose box hides it,
 * or the inherited text rule that applies to the text itself, whichever is nearer.
 */
function hiddenAncestor(ctx: ScanContext, element: Element): HidingRule | null {
  const box = nearestBoxRule(ctx, element);
  const text = textRuleOf(ctx, element);
  if (box && text) return box.element.contains(text.element) ? text : box;
  return box ?? text;
}

function nearestBoxRule(ctx: ScanContext, element: Element): HidingRule | null {
  const { body, documentElement } = ctx.doc;
  for (
    let node: Element | null = element;
    node && node !== body && node !== documentElement;
    node = node.parentElement
  ) {
    let rule = ctx.hiddenCache.get(node);
    if (rule === undefined) {
      rule = boxRuleOf(ctx, node);
      ctx.hiddenCache.set(node, rule);
    }
    if (rule) return { element: node, rule };
  }
  return null;
}

function boxRuleOf(ctx: ScanContext, element: Element): string | null {
  const marquee = marqueeRule(element);
  if (marquee) return marquee;
  if (ctx.view) return computedBoxRule(element, ctx.view);
  return ctx.sheet ? staticBoxRule(element, ctx.sheet) : null;
}

/** The inherited rule hiding the text of `element`, with the element that set it. */
function textRuleOf(ctx: ScanContext, element: Element): HidingRule | null {
  if (ctx.sheet) return staticTextRule(element, ctx.sheet, ctx.doc.documentElement);
  if (!ctx.view) return null;
  const rule = computedTextRule(element, ctx.view);
  if (!rule) return null;
  // Computed values repeat on every descendant: climb to the wrapper that set the rule.
  let outer = element;
  for (
    let parent = element.parentElement;
    parent && !isTooBig(ctx, parent) && computedTextRule(parent, ctx.view) === rule;
    parent = parent.parentElement
  ) {
    outer = parent;
  }
  return { rule, element: outer };
}

/** The nearest block-level ancestor-or-self, stopping below the body and the article container. */
function growBlock(ctx: ScanContext, element: Element): Element {
  let block = element;
  while (INLINE_TAGS.has(block.localName)) {
    const parent = block.parentElement;
    if (
      !parent ||
      parent === ctx.doc.body ||
      parent === ctx.main ||
      parent === ctx.doc.documentElement
    )
      break;
    block = parent;
  }
  return block;
}

function isTooBig(ctx: ScanContext, block: Element): boolean {
  const { body, documentElement } = ctx.doc;
  if (block === body || block === documentElement || block === ctx.main) return true;
  return ctx.main !== null && block.contains(ctx.main);
}

interface LinkStats {
  readonly links: Element[];
  readonly offsite: number;
  readonly suspicious: number;
  /** Links that are neither off-site nor dark links: on-site or government. */
  readonly ordinary: number;
}

function linkStats(ctx: ScanContext, block: Element): LinkStats {
  const links = block.localName === 'a' ? [block] : Array.from(block.querySelectorAll('a[href]'));
  let offsite = 0;
  let suspicious = 0;
  let ordinary = 0;
  for (const link of links) {
    const verdict = classifyLink(link.getAttribute('href') ?? '', ctx.pageSite);
    if (verdict.offsite) offsite++;
    if (verdict.suspicious) suspicious++;
    if (!verdict.offsite && !verdict.suspicious) ordinary++;
  }
  return { links, offsite, suspicious, ordinary };
}

function judgeBlock(ctx: ScanContext, block: Element, hiddenRule: string | null): SpamFinding[] {
  const text = normaliseText(block.textContent ?? '');
  if (!text) return [];
  const scan = scanTerms(text);
  const stats = linkStats(ctx, block);
  const insideMain = ctx.main !== null && ctx.main.contains(block);
  const phrases = phrasesOf(block, text, stats.links);
  const spamPhrases = phrases.filter((phrase) => scanTerms(phrase).any).length;
  const density = phrases.length > 0 ? spamPhrases / phrases.length : 0;
  const badLinks =
    stats.links.length > 0 ? Math.max(stats.offsite, stats.suspicious) / stats.links.length : 0;
  const where = insideMain ? 'inside-main' : 'outside-main';
  const source = ctx.useLayout ? 'layout' : 'static-styles';

  if (hiddenRule) {
    // Hidden text about enforcement (a hidden tab of crackdown news) stays, unless dark-link hosts.
    if (scan.legit && stats.suspicious === 0) return [];
    const spamDense = density >= 0.3 || badLinks >= 0.5 || text.length <= 100;
    const byTerms =
      scan.strong >= 1 || (scan.spamTerms >= 2 && stats.offsite + stats.suspicious > 0);
    const byLinks = stats.suspicious > 0 && stats.suspicious * 2 >= stats.links.length;
    // A hidden menu or tab with ordinary links works when shown: only its spam links go.
    if (spamDense && (byTerms || byLinks) && stats.ordinary === 0) {
      return [
        finding(block, text, [
          hiddenRule,
          source,
          ...termReasons(scan),
          ...linkReasons(stats),
          where,
        ]),
      ];
    }
    return spamLinks(ctx, stats.links, [hiddenRule, source, where]);
  }

  // Visible: keyword evidence never deletes inside the article.
  if (insideMain || scan.legit) return [];
  const mismatch = ctx.pageScript === 'hant' && textScript(text) === 'hans';
  const isList =
    phrases.length >= 3 &&
    !SENTENCE_PUNCTUATION.test(text) &&
    phrases.every((p) => p.length <= MAX_PHRASE);
  const reasons: string[] = [];
  // A visible block that also holds ordinary links (a friendly-links bar with two injected
  // entries) is not removed whole: only its spam links are, below.
  if (stats.ordinary > 0) return spamLinks(ctx, stats.links, [where]);
  if (isList && density >= 0.5 && (scan.strong >= 2 || (scan.strong >= 1 && mismatch))) {
    reasons.push('separator-list');
  } else if (scan.strong >= 3 && text.length <= 200 && !SENTENCE_PUNCTUATION.test(text)) {
    reasons.push('terms:dense');
  } else if (stats.links.length >= 2 && badLinks >= 0.5 && density >= 0.5 && scan.strong >= 2) {
    reasons.push('links:spam-list');
  }
  if (reasons.length === 0) return spamLinks(ctx, stats.links, [where]);
  if (mismatch) reasons.push('script-mismatch');
  return [finding(block, text, [...reasons, ...termReasons(scan), ...linkReasons(stats), where])];
}

/** Single links whose text is spam and whose target is off-site or a dark-link host. */
function spamLinks(ctx: ScanContext, links: readonly Element[], context: string[]): SpamFinding[] {
  const findings: SpamFinding[] = [];
  const hidden = context.some((r) => r.startsWith('hidden') || r.startsWith('offscreen'));
  if (context.includes('inside-main') && !hidden) return findings;
  for (const link of links) {
    const text = normaliseText(link.textContent ?? '');
    const scan = scanTerms(text);
    if (scan.legit || scan.spamTerms === 0) continue;
    const verdict = classifyLink(link.getAttribute('href') ?? '', ctx.pageSite);
    if (!verdict.offsite && !verdict.suspicious) continue;
    // A visible link needs an unambiguous term; a hidden one may do with a weak term to a dark-link host.
    if (scan.strong === 0 && !(hidden && verdict.suspicious)) continue;
    findings.push(
      finding(link, text, [
        'link:spam-text',
        verdict.suspicious ? 'links:suspicious' : 'links:offsite',
        ...termReasons(scan),
        ...context,
      ]),
    );
  }
  return findings;
}

/** Phrases of a block: its link texts when it is a list of links, else its separator-split text. */
function phrasesOf(block: Element, text: string, links: readonly Element[]): string[] {
  if (links.length >= 2) {
    return links.map((link) => normaliseText(link.textContent ?? '')).filter(Boolean);
  }
  return text.split(SEPARATORS).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Scripts that write spam (document.write, innerHTML, escaped or base64 strings).

const MARKUP_WRITER =
  /document\.write|innerHTML|insertAdjacentHTML|fromCharCode|atob\(|unescape\(|eval\(/;

function looksLikeMarkupWriter(code: string): boolean {
  return MARKUP_WRITER.test(code);
}

/** Undoes the usual obfuscations: \uXXXX, \xXX, %uXXXX, %XX, and atob('...') literals. */
export function decodeScriptText(code: string): string {
  let text = code
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (/%[0-9a-f]{2}/i.test(text)) {
    text = text.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
  text = text.replace(/atob\(\s*['"]([A-Za-z0-9+/=]+)['"]\s*\)/g, (whole, base64: string) => {
    try {
      const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
      // Kept as a (template) string literal, as the script would hold it.
      return '`' + new TextDecoder().decode(bytes) + '`';
    } catch {
      return whole;
    }
  });
  text = text.replace(
    /String\.fromCharCode\(([\d\s,]+)\)/g,
    (_, codes: string) =>
      '`' + String.fromCharCode(...codes.split(',').map((n) => parseInt(n, 10))) + '`',
  );
  return text;
}

function judgeScript(ctx: ScanContext, script: Element): SpamFinding | null {
  const decoded = decodeScriptText(script.textContent ?? '');
  // What the script would write: its string literals. Only markup with links counts: a comment
  // form's list of banned words (敏感词 filters) is plain strings, not written links.
  const literals = (decoded.match(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g) ?? []).join(' ');
  if (!/<a\s[^>]*href/i.test(literals)) return null;
  const written = normaliseText(literals.replace(/['"`]/g, ' ').replace(/<[^>]*>/g, ' '));
  const scan = scanTerms(written);
  if (scan.legit || scan.strong < 2) return null;
  const source = ctx.useLayout ? 'layout' : 'static-styles';
  return finding(script, written, ['script-written', source, ...termReasons(scan)]);
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function finding(element: Element, text: string, reasons: string[]): SpamFinding {
  return { element, kind: 'element', text: clip(text), reasons: [...new Set(reasons)] };
}

function termReasons(scan: TermScan): string[] {
  return [`terms:${scan.spamTerms}`, ...scan.groups.map((group) => `group:${group}`)];
}

function linkReasons(stats: LinkStats): string[] {
  const reasons: string[] = [];
  if (stats.offsite > 0) reasons.push('links:offsite');
  if (stats.suspicious > 0) reasons.push('links:suspicious');
  return reasons;
}

export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > MAX_FINDING_TEXT ? text.slice(0, MAX_FINDING_TEXT - 1) + '…' : text;
}

/** Drops findings inside other findings (candidates come in document order already). */
function outermost(findings: SpamFinding[]): SpamFinding[] {
  const elements = findings.map((f) => f.element).filter((e): e is Element => e !== null);
  return findings.filter(
    (f, i) =>
      !f.element ||
      (findings.findIndex((g) => g.element === f.element) === i &&
        !elements.some((other) => other !== f.element && other.contains(f.element))),
  );
}
