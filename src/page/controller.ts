// The content script's brain. Each feature (spam removal, conversion, reader) is switched on with
// an AbortController and switched off by aborting it, which undoes exactly what it did — the
// Refined GitHub `init(signal)` model. Settings arrive through storage, so a change made in the
// popup or in another tab reaches this page at once.
import { browser } from 'wxt/browser';
import { detectArticle } from '../core/article/detect.ts';
import { extractTitleOnly } from '../core/article/meta.ts';
import { startSpamRemoval } from '../core/spam/index.ts';
import type { ArticleVerdict, DetectedScript, ScriptTarget, SpamFinding } from '../core/types.ts';
import {
  getReaderPrefs,
  getSiteSettings,
  readerPrefsItem,
  setReaderPrefs,
  watchSiteSettings,
} from '../settings/storage.ts';
import { siteKeyOf, type SiteSettings } from '../settings/schema.ts';
import { tOrEmpty } from '../shared/i18n.ts';
import type { BackgroundRequest, ContentRequest, PageState } from '../shared/messages.ts';
import { LANG_OF_TARGET, qingyueGlobals, type ReaderModuleHandle } from './injected.ts';
import { hidePageUntil, revealPage } from './reveal.ts';

/** Runs `fn` when the page is idle (bounded, so it always runs soon). */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 1000 });
  else setTimeout(fn, 50);
}

/** Runs `fn`, reporting instead of throwing: the extension must never break a page. */
function guard<T>(label: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    console.warn(`[Qingyue] ${label} failed:`, error);
    return undefined;
  }
}

async function injectModule(module: 'convert' | 'reader'): Promise<void> {
  // Loaded once per page: running the script again would only parse it again.
  const loaded =
    module === 'convert' ? qingyueGlobals.__qingyueConvert : qingyueGlobals.__qingyueReader;
  if (loaded) return;
  const request: BackgroundRequest = { type: 'qy:inject', module };
  await browser.runtime.sendMessage(request);
}

/** Text to tell the page's own script from, read before any conversion touches it. */
function sampleText(doc: Document): string {
  const parts = [doc.title];
  const body = doc.body;
  if (body) parts.push((body.textContent ?? '').slice(0, 20_000));
  return parts.join('\n');
}

export class PageController {
  private readonly site: string | null;
  private settings: SiteSettings | null = null;
  private spamController: AbortController | null = null;
  private spamFindings: readonly SpamFinding[] = [];
  private convertController: AbortController | null = null;
  private appliedScript: ScriptTarget = 'original';
  private pageScript: DetectedScript | null = null;
  private verdict: ArticleVerdict | null = null;
  private title: string | null = null;
  private reader: ReaderModuleHandle | null = null;
  private currentConvert: ((text: string) => string) | null = null;
  private readonly domReady: Promise<void>;

  constructor(private readonly doc: Document) {
    this.site = siteKeyOf(doc.location?.href ?? '');
    this.domReady = new Promise((resolve) => {
      if (doc.readyState !== 'loading') resolve();
      else doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    });
  }

  async start(): Promise<void> {
    browser.runtime.onMessage.addListener((message: unknown) => this.onMessage(message));
    if (!this.site) return;
    // Convert before first paint where the user asked for a script on this site. The choice is in
    // asynchronous storage, and a browser may paint before it arrives (Firefox often does), so on
    // those sites the background's pre-hide script has already hidden the page at document_start
    // (reveal.ts). Every other page is left alone while the settings load: nothing is on there.
    let settings: SiteSettings;
    try {
      settings = await getSiteSettings(this.site);
    } catch (error) {
      revealPage(this.doc);
      throw error;
    }
    const applied = this.applySettings(settings);
    if (settings.script === 'original') {
      // The pre-hide ran (both scripts run before any storage answer), and its registration
      // was for an older choice: show the page now.
      revealPage(this.doc);
    } else {
      // Shown again once the visible part is converted (bounded, so a failure never leaves the
      // page blank). Without the pre-hide (its registration not made yet), this still hides
      // before the first paint whenever the settings arrive in time.
      hidePageUntil(this.doc, applied, 1500);
    }
    watchSiteSettings(this.site, (next) => void this.applySettings(next));
    readerPrefsItem.watch((prefs) => {
      if (prefs && this.reader) guard('reader prefs', () => this.reader?.setPrefs(prefs));
    });
    await this.domReady;
    // Detection only feeds the badge and the popup: it waits for an idle moment so that it never
    // competes with the page's own loading (the popup asks for it at once if it comes first).
    whenIdle(() => {
      this.detect();
      this.reportState();
      if (this.settings?.autoReader && this.verdict?.isArticle) void this.openReader();
    });
  }

  private detect(): void {
    if (this.verdict) return;
    guard('detect', () => {
      this.verdict = detectArticle(this.doc, this.doc.location.href);
      this.title = extractTitleOnly(this.doc);
    });
  }

  private async applySettings(settings: SiteSettings): Promise<void> {
    const previous = this.settings;
    this.settings = settings;
    if (previous?.spam !== settings.spam) await this.setSpam(settings.spam);
    if (previous?.script !== settings.script) await this.setScript(settings.script);
  }

  private async setSpam(enabled: boolean): Promise<void> {
    this.spamController?.abort();
    this.spamController = null;
    this.spamFindings = [];
    if (enabled) {
      await this.domReady;
      if (!this.settings?.spam) return;
      const controller = new AbortController();
      this.spamController = controller;
      guard('spam', () => {
        const run = startSpamRemoval(this.doc, {
          useLayout: true,
          pageUrl: this.doc.location.href,
          signal: controller.signal,
          onChange: (findings) => {
            this.spamFindings = findings;
            this.reportState();
          },
        });
        this.spamFindings = run.findings;
      });
    }
    this.reportState();
  }

  private async setScript(target: ScriptTarget): Promise<void> {
    this.convertController?.abort();
    this.convertController = null;
    this.appliedScript = 'original';
    this.currentConvert = null;
    if (target !== 'original') {
      try {
        await injectModule('convert');
        // The setting may have changed while the dictionaries loaded.
        if (this.settings?.script !== target) return;
        const module = qingyueGlobals.__qingyueConvert;
        if (!module) throw new Error('conversion module did not load');
        await this.domReady;
        if (this.settings?.script !== target) return;
        // Read the page's own script before the first conversion touches it (the detector's
        // character tables live in the conversion module, not in this always-loaded script).
        const pageScript = this.pageScript ?? module.detectScript(sampleText(this.doc));
        this.pageScript = pageScript;
        const convert = module.converterForTarget(target, pageScript);
        if (convert) {
          convert('中'); // decodes the dictionary tables now, not in the first visible slice
          const controller = new AbortController();
          this.convertController = controller;
          this.appliedScript = target;
          this.currentConvert = convert;
          const handle = module.startConversion(this.doc, {
            convert,
            lang: LANG_OF_TARGET[target],
            signal: controller.signal,
            // The extension's own UI (the reader, anything marked data-qingyue-ui) is skipped
            // by the walker's own rules (dom-rules.ts).
          });
          // What is on screen was converted inside startConversion; the rest follows in small
          // slices. Resolving here lets a page hidden at document_start show as soon as the
          // visible part is right, instead of waiting for the whole document.
          void handle.done.then(() => this.reportState());
        }
      } catch (error) {
        console.warn('[Qingyue] conversion failed:', error);
      }
    }
    guard('reader script', () =>
      this.reader?.setTextConverter(this.currentConvert, this.readerLang()),
    );
    this.reportState();
  }

  private readerLang(): string {
    if (this.appliedScript !== 'original') return LANG_OF_TARGET[this.appliedScript];
    return this.doc.documentElement.lang || 'zh';
  }

  async openReader(): Promise<void> {
    if (this.reader) return;
    await this.domReady;
    await injectModule('reader');
    const module = qingyueGlobals.__qingyueReader;
    if (!module || this.reader) return;
    const strings: Record<string, string> = {};
    for (const key of module.stringKeys) {
      strings[key] = tOrEmpty(`reader_${key}`) || (module.englishStrings[key] ?? key);
    }
    const article = module.extract(this.doc);
    const prefs = await getReaderPrefs();
    if (this.reader) return;
    this.reader = module.open(this.doc, article, {
      prefs,
      strings,
      lang: this.readerLang(),
      convert: this.currentConvert,
      onPrefsChange: (next) => void setReaderPrefs(next),
      onClose: () => {
        this.reader = null;
        this.reportState();
      },
    });
    this.reportState();
  }

  closeReader(): void {
    guard('close reader', () => this.reader?.close());
    this.reader = null;
    this.reportState();
  }

  getState(): PageState {
    this.detect();
    return {
      url: this.doc.location.href,
      site: this.site,
      isArticle: this.verdict?.isArticle ?? false,
      title: this.title,
      spamEnabled: this.settings?.spam ?? false,
      spamItems: this.spamFindings.map((finding) => ({
        text: finding.text,
        reasons: [...finding.reasons],
      })),
      script:
        this.appliedScript === 'original'
          ? (this.settings?.script ?? 'original')
          : this.appliedScript,
      pageScript: this.pageScript ?? 'none',
      readerOpen: this.reader !== null,
    };
  }

  private reportState(): void {
    const request: BackgroundRequest = { type: 'qy:state', state: this.getState() };
    browser.runtime.sendMessage(request).catch(() => {
      // The background may be restarting; the popup asks for the state itself anyway.
    });
  }

  private onMessage(message: unknown): Promise<unknown> | undefined {
    const request = message as ContentRequest;
    switch (request?.type) {
      case 'qy:getState':
        return this.domReady.then(() => this.getState());
      case 'qy:openReader':
        return this.openReader().then(() => this.getState());
      case 'qy:prepareReader':
        return this.domReady.then(() => injectModule('reader')).then(() => true);
      case 'qy:closeReader':
        this.closeReader();
        return Promise.resolve(this.getState());
      case 'qy:toggleReader':
        if (this.reader) {
          this.closeReader();
          return Promise.resolve(this.getState());
        }
        return this.openReader().then(() => this.getState());
      default:
        return undefined;
    }
  }
}
