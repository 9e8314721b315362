// The popup's behaviour over its static markup (entrypoints/popup/index.html). Everything that
// touches the browser goes through `PopupApi`, so the same code runs in the extension and, with a
// fake API, in unit tests over happy-dom.
import type { ScriptTarget } from '../core/types.ts';
import type { ReaderPrefs } from '../reader/prefs.ts';
import { PREF_RANGES } from '../reader/prefs.ts';
import { isScriptTarget, siteKeyOf, type SiteSettings } from '../settings/schema.ts';
import { isGovHost } from '../shared/hosts.ts';
import type { PageState } from '../shared/messages.ts';
import type { Translate } from './i18n.ts';
import {
  explainReasons,
  pageKindOf,
  pageScriptHint,
  spamItemPreview,
  statusLines,
  type PageKind,
} from './page-status.ts';
import {
  applyChange,
  createWriteQueue,
  type ApplyScope,
  type SettingsStore,
} from './settings-scope.ts';

export interface TargetTab {
  id: number;
  /** Absent when the extension may not read the tab's address. */
  url: string | undefined;
}

export interface PopupApi extends SettingsStore {
  t: Translate;
  /** The tab to act on: `?tab=` or the active tab of the current window. */
  findTargetTab(): Promise<TargetTab | null>;
  /** The content script's state, or null when no content script answers in the tab. */
  getPageState(tabId: number): Promise<PageState | null>;
  /** Calls `listener` with every state the tab's content script reports; returns the unsubscribe. */
  onPageState(tabId: number, listener: (state: PageState) => void): () => void;
  getSiteSettings(site: string): Promise<SiteSettings>;
  watchSite(site: string, listener: (settings: SiteSettings) => void): () => void;
  getReaderPrefs(): Promise<ReaderPrefs>;
  setReaderPrefs(prefs: ReaderPrefs): Promise<void>;
  watchReaderPrefs(listener: (prefs: ReaderPrefs) => void): () => void;
  openReader(tabId: number): Promise<void>;
  /** Loads the reader's module into the tab ahead of a likely click (an article is shown). */
  prepareReader?(tabId: number): Promise<void>;
  /** Runs the content script in the tab once (activeTab). */
  runContentScript(tabId: number): Promise<void>;
  hasHostAccess(hostname: string): Promise<boolean>;
  /** Must be called synchronously from the click handler: browsers demand a user gesture. */
  requestHostAccess(hostname: string): Promise<boolean>;
  removeHostAccess(hostname: string): Promise<boolean>;
  openOptions(): void;
  /** Closes the popup window; absent when the popup was opened in a tab (`?tab=`). */
  close?: () => void;
}

/** How long "Open reader view" waits for the page before the popup closes anyway. */
const OPEN_READER_WAIT_MS = 1500;
/** Typing pauses shorter than this are one edit of the font size. */
const FONT_SIZE_DEBOUNCE_MS = 250;

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`popup markup lacks #${id}`);
  return el as T;
}

/** Sets text only when it changes, so the live status region never re-announces the same words. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Popup {
  private readonly t: Translate;
  private tab: TargetTab | null = null;
  private kind: PageKind = 'restricted';
  private hostname: string | null = null;
  private site: string | null = null;
  private state: PageState | null = null;
  private running = false;
  private hostGranted = false;
  private scope: ApplyScope = 'site';
  /** Settles once `hostGranted` is known; the access section waits for it so it never flickers. */
  private hostAccessKnown: Promise<void> = Promise.resolve();
  private unwatchSite: (() => void) | null = null;
  private fontSizeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cleanups: (() => void)[] = [];
  /** Settings writes run one at a time, so quick successive clicks never undo each other. */
  private readonly serial = createWriteQueue();

  private readonly el;

  constructor(
    private readonly doc: Document,
    private readonly api: PopupApi,
  ) {
    this.t = api.t;
    this.el = {
      host: byId(doc, 'host'),
      status: byId(doc, 'status'),
      statusArticle: byId(doc, 'status-article'),
      statusSpam: byId(doc, 'status-spam'),
      title: byId(doc, 'article-title'),
      access: byId(doc, 'access'),
      accessText: byId(doc, 'access-text'),
      accessError: byId(doc, 'access-error'),
      runOnce: byId<HTMLButtonElement>(doc, 'run-once'),
      alwaysRun: byId<HTMLButtonElement>(doc, 'always-run'),
      stopRunning: byId<HTMLButtonElement>(doc, 'stop-running'),
      spam: byId<HTMLInputElement>(doc, 'spam'),
      spamSummary: byId(doc, 'spam-summary'),
      spamList: byId(doc, 'spam-list'),
      spamEmpty: byId(doc, 'spam-empty'),
      pageScript: byId(doc, 'page-script'),
      openReader: byId<HTMLButtonElement>(doc, 'open-reader'),
      fontSize: byId<HTMLInputElement>(doc, 'font-size'),
      openOptions: byId<HTMLButtonElement>(doc, 'open-options'),
      error: byId(doc, 'error'),
    };
  }

  private get scopeInputs(): HTMLInputElement[] {
    return [...this.doc.querySelectorAll<HTMLInputElement>('input[name="scope"]')];
  }

  private get scriptInputs(): HTMLInputElement[] {
    return [...this.doc.querySelectorAll<HTMLInputElement>('input[name="script"]')];
  }

  /** Wires the controls, then fills them as the tab, settings and page state arrive. */
  async start(): Promise<void> {
    this.bindEvents();
    this.showSpamItems([]);
    setText(this.el.statusArticle, this.t('statusChecking'));
    const prefsLoaded = this.loadReaderPrefs();

    this.tab = await this.api.findTargetTab();
    if (!this.tab) {
      this.showUnavailable('popupNoTab');
      await prefsLoaded;
      return;
    }
    this.setLocation(this.tab.url);
    const tabId = this.tab.id;
    this.cleanups.push(this.api.onPageState(tabId, (state) => this.showState(state)));
    if (this.kind !== 'restricted') this.el.openReader.disabled = false;
    const settingsLoaded = this.site ? this.loadSiteSettings(this.site) : Promise.resolve();
    this.hostAccessKnown = this.refreshHostAccess();
    // Off the government sites, the likely answer is "not running": lay that out at once.
    if (this.kind === 'other') void this.hostAccessKnown.then(() => this.showAccess());

    const [state] = await Promise.all([
      this.api.getPageState(tabId).catch(() => null),
      settingsLoaded,
      this.hostAccessKnown,
    ]);
    if (state) this.showState(state);
    else if (!this.running) this.showNotRunning();
    await prefsLoaded;
  }

  /** Unsubscribes from the page and from storage (the popup is closing). */
  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.unwatchSite?.();
    this.unwatchSite = null;
    this.flushFontSize();
  }

  private setLocation(url: string | undefined): void {
    this.kind = pageKindOf(url);
    this.site = url ? siteKeyOf(url) : null;
    this.hostname = this.site && url ? new URL(url).hostname : null;
    setText(this.el.host, this.site ?? '');
  }

  // --- Page state -------------------------------------------------------------------------------

  private showState(state: PageState): void {
    this.state = state;
    const firstAnswer = !this.running;
    this.running = true;
    this.el.status.removeAttribute('aria-busy');
    const [articleLine, spamLine] = statusLines(state, this.t);
    setText(this.el.statusArticle, articleLine);
    setText(this.el.statusSpam, spamLine);
    this.el.status.dataset.article = String(state.isArticle);
    setText(this.el.title, state.isArticle ? (state.title ?? '') : '');
    this.el.title.title = state.isArticle ? (state.title ?? '') : '';
    this.showSpamItems(state.spamItems);
    setText(this.el.pageScript, pageScriptHint(state, this.t));
    // The tab's address may have been hidden from us (no host access), or the tab has moved on
    // to another site: the page knows where it is.
    if (state.site && state.site !== this.site) {
      this.setLocation(state.url);
      this.hostAccessKnown = this.refreshHostAccess();
      void this.loadSiteSettings(state.site);
    }
    if (firstAnswer) this.el.openReader.disabled = false;
    // Opening the popup on an article is the moment a reader is likely wanted: load the reader's
    // module now, so that the click shows it at once (it stays unloaded on every other page).
    if (firstAnswer && state.isArticle && !state.readerOpen && this.tab) {
      this.api.prepareReader?.(this.tab.id).catch(() => undefined);
    }
    void this.hostAccessKnown.then(() => this.showAccess());
  }

  private showNotRunning(): void {
    this.el.status.removeAttribute('aria-busy');
    if (this.kind === 'restricted') {
      // No address at all: the page is one we may not read (opened with ?tab= on a site without
      // access), not a browser page.
      this.showUnavailable('statusRestricted', this.tab?.url ? 'restrictedHint' : 'noAccessHint');
      return;
    }
    setText(this.el.statusArticle, this.t('statusNotRunning'));
    setText(this.el.statusSpam, '');
    void this.hostAccessKnown.then(() => this.showAccess());
  }

  /** Nothing can run here: say so and switch off everything that would act on the page. */
  private showUnavailable(statusKey: string, hintKey?: string): void {
    this.el.status.removeAttribute('aria-busy');
    setText(this.el.statusArticle, this.t(statusKey));
    setText(this.el.statusSpam, hintKey ? this.t(hintKey) : '');
    this.el.access.hidden = true;
    this.el.openReader.disabled = true;
    this.setSiteControlsEnabled(false);
  }

  private showSpamItems(items: PageState['spamItems']): void {
    setText(this.el.spamSummary, this.t('spamListSummary', String(items.length)));
    this.el.spamEmpty.hidden = items.length > 0;
    const list = this.el.spamList;
    list.hidden = items.length === 0;
    list.replaceChildren(
      ...items.map((item) => {
        const entry = this.doc.createElement('li');
        const text = this.doc.createElement('p');
        text.className = 'spam-text';
        text.textContent = spamItemPreview(item.text) || this.t('spamItemNoText');
        const reasons = this.doc.createElement('p');
        reasons.className = 'spam-reasons';
        const label = this.doc.createElement('span');
        label.textContent = this.t('spamReasonsLabel');
        reasons.append(label, ' ');
        explainReasons(item.reasons, this.t).forEach((group, index) => {
          if (index > 0) reasons.append('; ');
          if (group.label) reasons.append(`${group.label} `);
          const code = this.doc.createElement('code');
          code.textContent = group.label ? `(${group.rules.join(', ')})` : group.rules.join(', ');
          reasons.append(code);
        });
        entry.append(text, reasons);
        return entry;
      }),
    );
  }

  // --- Running outside the government hosts ----------------------------------------------------

  private async refreshHostAccess(): Promise<void> {
    if (this.kind === 'restricted' || !this.hostname) return;
    this.hostGranted = await this.api.hasHostAccess(this.hostname).catch(() => false);
  }

  /** The run-on-this-site section: shown wherever Qingyue does not run by itself. */
  private showAccess(): void {
    const { access, accessText, runOnce, alwaysRun, stopRunning } = this.el;
    const builtIn = this.kind === 'gov' && this.hostGranted;
    if (this.kind === 'restricted' || !this.hostname || (builtIn && this.running)) {
      access.hidden = true;
      return;
    }
    access.hidden = false;
    runOnce.hidden = this.running;
    alwaysRun.hidden = this.hostGranted;
    // The government hosts are the extension's own; only hosts the user added can be given back.
    stopRunning.hidden = !this.hostGranted || isGovHost(this.hostname);
    let key: string;
    if (this.hostGranted) key = this.running ? 'accessGranted' : 'accessGrantedReload';
    else if (this.running) key = 'accessRunningOnce';
    else key = this.kind === 'gov' ? 'accessGovNotGranted' : 'accessAsk';
    setText(accessText, this.t(key, this.hostname));
  }

  private showAccessError(key: string | null): void {
    this.el.accessError.hidden = key === null;
    setText(this.el.accessError, key ? this.t(key) : '');
  }

  private async runHere(): Promise<boolean> {
    if (!this.tab) return false;
    try {
      await this.api.runContentScript(this.tab.id);
      const state = await this.api.getPageState(this.tab.id);
      if (state) this.showState(state);
      this.showAccessError(null);
      return true;
    } catch (error) {
      console.warn('[Qingyue] run on this page:', error);
      this.showAccessError('runFailed');
      return false;
    }
  }

  private onAlwaysRun(): void {
    const hostname = this.hostname;
    if (!hostname) return;
    // Called before any await: the permission prompt needs the click's user gesture.
    const request = this.api.requestHostAccess(hostname);
    void request
      .then(async (granted) => {
        this.hostGranted = granted;
        if (!granted) {
          this.showAccessError('permissionDenied');
          return;
        }
        this.showAccessError(null);
        if (!this.running) await this.runHere();
        this.showAccess();
      })
      .catch((error: unknown) => {
        console.warn('[Qingyue] permission request:', error);
        this.showAccessError('permissionDenied');
      });
  }

  private async onStopRunning(): Promise<void> {
    if (!this.hostname) return;
    try {
      const removed = await this.api.removeHostAccess(this.hostname);
      if (removed) this.hostGranted = false;
      this.showAccessError(null);
    } catch (error) {
      console.warn('[Qingyue] permission removal:', error);
    }
    this.showAccess();
  }

  // --- Site settings -----------------------------------------------------------------------------

  private async loadSiteSettings(site: string): Promise<void> {
    this.unwatchSite?.();
    this.unwatchSite = this.api.watchSite(site, (settings) => {
      if (site === this.site) this.showSettings(settings);
    });
    try {
      const settings = await this.api.getSiteSettings(site);
      if (site !== this.site) return;
      this.showSettings(settings);
      this.setSiteControlsEnabled(true);
    } catch (error) {
      this.showError(error);
    }
  }

  private showSettings(settings: SiteSettings): void {
    this.el.spam.checked = settings.spam;
    for (const input of this.scriptInputs) input.checked = input.value === settings.script;
  }

  private setSiteControlsEnabled(enabled: boolean): void {
    for (const input of [this.el.spam, ...this.scriptInputs, ...this.scopeInputs]) {
      input.disabled = !enabled;
    }
  }

  private async write(change: Partial<SiteSettings>): Promise<void> {
    if (!this.site) return;
    try {
      const { site, scope } = this;
      await this.serial(() => applyChange(this.api, scope, site, change));
      this.showError(null);
    } catch (error) {
      this.showError(error);
      // Show what is really stored, not what the failed click suggested.
      this.showSettings(await this.api.getSiteSettings(this.site));
    }
  }

  // --- Reader -----------------------------------------------------------------------------------

  private async loadReaderPrefs(): Promise<void> {
    try {
      const prefs = await this.api.getReaderPrefs();
      this.el.fontSize.value = String(prefs.fontSize);
      this.el.fontSize.disabled = false;
      this.cleanups.push(
        this.api.watchReaderPrefs((next) => {
          // Never overwrite what the user is typing.
          if (this.doc.activeElement !== this.el.fontSize) {
            this.el.fontSize.value = String(next.fontSize);
          }
        }),
      );
    } catch (error) {
      this.showError(error);
    }
  }

  /** The typed font size, or null while it is not a number in the allowed range yet. */
  private typedFontSize(): number | null {
    const value = this.el.fontSize.valueAsNumber;
    const { min, max } = PREF_RANGES.fontSize;
    return Number.isFinite(value) && value >= min && value <= max ? Math.round(value) : null;
  }

  private scheduleFontSize(): void {
    clearTimeout(this.fontSizeTimer);
    this.fontSizeTimer = setTimeout(() => this.flushFontSize(), FONT_SIZE_DEBOUNCE_MS);
  }

  private flushFontSize(): void {
    clearTimeout(this.fontSizeTimer);
    this.fontSizeTimer = undefined;
    const size = this.typedFontSize();
    if (size === null) return;
    void this.saveFontSize(size);
  }

  private async saveFontSize(fontSize: number): Promise<void> {
    try {
      await this.serial(async () => {
        const prefs = await this.api.getReaderPrefs();
        if (prefs.fontSize !== fontSize) await this.api.setReaderPrefs({ ...prefs, fontSize });
      });
      this.showError(null);
    } catch (error) {
      this.showError(error);
    }
  }

  /** On leaving the field, a number out of range snaps to the nearest end; garbage is undone. */
  private settleFontSize(): void {
    const value = this.el.fontSize.valueAsNumber;
    const { min, max } = PREF_RANGES.fontSize;
    if (Number.isFinite(value)) {
      const size = Math.round(Math.min(max, Math.max(min, value)));
      this.el.fontSize.value = String(size);
      clearTimeout(this.fontSizeTimer);
      void this.saveFontSize(size);
    } else {
      void this.api.getReaderPrefs().then((prefs) => {
        this.el.fontSize.value = String(prefs.fontSize);
      });
    }
  }

  private async onOpenReader(): Promise<void> {
    const tab = this.tab;
    if (!tab) return;
    this.el.openReader.disabled = true;
    try {
      // Elsewhere than the government hosts, the click itself grants activeTab: run first.
      if (!this.running && this.kind === 'other' && !(await this.runHere())) return;
      await Promise.race([this.api.openReader(tab.id), delay(OPEN_READER_WAIT_MS)]);
      this.showError(null);
      this.api.close?.();
    } catch (error) {
      this.showError(error);
    } finally {
      this.el.openReader.disabled = false;
    }
  }

  // --- Wiring -----------------------------------------------------------------------------------

  private showError(error: unknown): void {
    if (error) console.warn('[Qingyue] popup:', error);
    this.el.error.hidden = !error;
    setText(this.el.error, error ? this.t('errorGeneric') : '');
  }

  private bindEvents(): void {
    const { el } = this;
    el.spam.addEventListener('change', () => void this.write({ spam: el.spam.checked }));
    for (const input of this.scriptInputs) {
      input.addEventListener('change', () => {
        const script: unknown = input.value;
        if (input.checked && isScriptTarget(script))
          void this.write({ script: script as ScriptTarget });
      });
    }
    for (const input of this.scopeInputs) {
      input.addEventListener('change', () => {
        if (input.checked) this.scope = input.value === 'all' ? 'all' : 'site';
      });
    }
    el.openReader.addEventListener('click', () => void this.onOpenReader());
    el.fontSize.addEventListener('input', () => this.scheduleFontSize());
    el.fontSize.addEventListener('change', () => this.settleFontSize());
    el.runOnce.addEventListener('click', () => void this.runHere().then(() => this.showAccess()));
    el.alwaysRun.addEventListener('click', () => this.onAlwaysRun());
    el.stopRunning.addEventListener('click', () => void this.onStopRunning());
    el.openOptions.addEventListener('click', () => this.api.openOptions());
    this.doc.defaultView?.addEventListener('pagehide', () => this.stop());
  }
}
