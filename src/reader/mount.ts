// The reader view: a full-window overlay in the page, built in an open shadow root so that page
// CSS cannot reach it, for elderly and low-vision readers of government notices. While it is open
// the page behind is inert and still (page-lock.ts); closing gives back exactly what was there.
//
// Only the article body (already sanitised by the extractor) is parsed as HTML; all other text,
// page data included, goes in through textContent and attributes.

import type { ExtractedArticle } from '../core/types.ts';
import { buildBody } from './content.ts';
import { PageLock } from './page-lock.ts';
import { fontRegion, fontStack } from './fonts.ts';
import {
  PREF_RANGES,
  READER_FONTS,
  READER_THEMES,
  DEFAULT_READER_PREFS,
  normalizeReaderPrefs,
  stepFontSize,
  type ReaderFont,
  type ReaderPrefs,
  type ReaderTheme,
} from './prefs.ts';
import { ReadAloud, speechSupported, type SpeechState } from './speech.ts';
import { ENGLISH_READER_STRINGS, fillTemplate, type ReaderStringKey } from './strings.ts';
import { READER_CSS } from './styles.ts';
import { formatPublishedTime, readingMinutes } from './text.ts';

export {
  READER_STRING_KEYS,
  ENGLISH_READER_STRINGS,
  ZH_HANS_READER_STRINGS,
  ZH_HANT_READER_STRINGS,
} from './strings.ts';

/** UI text by key (see READER_STRING_KEYS); missing keys fall back to English. */
export interface ReaderStrings {
  [key: string]: string;
}

export interface ReaderOptions {
  article: ExtractedArticle;
  prefs: ReaderPrefs;
  strings: ReaderStrings;
  /** BCP47 for lang on the article: 'zh-Hans' | 'zh-Hant-TW' | 'zh-Hant-HK' | 'zh-Hant' | page lang */
  lang: string;
  onPrefsChange?: (prefs: ReaderPrefs) => void;
  onClose?: () => void;
}

export interface ReaderHandle {
  readonly element: HTMLElement;
  close(): void;
  setPrefs(prefs: ReaderPrefs): void;
  /** re-render text through a converter (the tab's script choice), or null to show the original */
  setTextConverter(convert: ((s: string) => string) | null, lang: string): void;
}

export const READER_TAG = 'qingyue-reader';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon shapes (24×24, stroked unless `fill`). Decorative: every button has a text name. */
const ICONS: Record<string, Array<{ d: string; fill?: boolean }>> = {
  close: [{ d: 'M6 6l12 12M18 6L6 18' }],
  settings: [
    { d: 'M4 7h9M17 7h3M4 17h3M11 17h9' },
    {
      d: 'M15 4.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5zM9 14.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5z',
    },
  ],
  play: [{ d: 'M7 4.5l12 7.5-12 7.5z', fill: true }],
  pause: [{ d: 'M8 5v14M16 5v14' }],
  stop: [{ d: 'M6 6h12v12H6z', fill: true }],
  print: [{ d: 'M7 9V3h10v6M7 17H4v-8h16v8h-3M7 13h10v8H7z' }],
};

/** Above this many top-level blocks the body is "long" and lays out lazily (see styles.ts). */
const LONG_BODY_BLOCKS = 40;

/** Wheel distance (CSS px) of one font-size step with Ctrl/⌘: one mouse notch, or a pinch. */
const WHEEL_STEP_DISTANCE = 100;

const openReaders = new WeakMap<Document, ReaderView>();
const sharedSheets = new WeakMap<Window, CSSStyleSheet>();

/** Opens the reader over `doc`. An already open reader in the same document is closed first. */
export function openReader(doc: Document, options: ReaderOptions): ReaderHandle {
  openReaders.get(doc)?.close();
  const view = new ReaderView(doc, options);
  openReaders.set(doc, view);
  return view;
}

const voicesRequested = new WeakSet<Window>();

/**
 * Chrome loads its voice list on first request; ask once per page, when it is idle, so the right
 * Chinese voice is known by the time "Read aloud" is pressed. A module-level function, so the
 * pending callback holds the window only, never a (closed) reader.
 */
function warmUpVoices(win: Window): void {
  if (voicesRequested.has(win)) return;
  voicesRequested.add(win);
  const request = () => void win.speechSynthesis.getVoices();
  if (typeof win.requestIdleCallback === 'function')
    win.requestIdleCallback(request, { timeout: 2000 });
  else win.setTimeout(request, 500);
}

function safeHref(doc: Document, href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, doc.baseURI);
    return ['http:', 'https:', 'ftp:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function isEditable(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.isContentEditable) return true;
  if (element.localName === 'textarea' || element.localName === 'select') return true;
  if (element.localName !== 'input') return false;
  const type = (element as HTMLInputElement).type;
  return !['range', 'checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

class ReaderView implements ReaderHandle {
  readonly element: HTMLElement;
  private readonly doc: Document;
  private readonly win: Window | null;
  private readonly options: ReaderOptions;
  private prefs: ReaderPrefs;
  private lang: string;
  private closed = false;

  private readonly shadow: ShadowRoot;
  private readonly root: HTMLDivElement;
  private readonly bar: HTMLElement;
  private readonly articleElement: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly body: HTMLElement;
  private readonly sizeDisplay: HTMLElement;
  private readonly increaseButton: HTMLButtonElement;
  private readonly decreaseButton: HTMLButtonElement;
  private readonly settingsButton: HTMLButtonElement;
  private readonly panel: HTMLElement;
  /** Announces problems (no voice for read-aloud); empty and invisible otherwise. */
  private readonly barStatus: HTMLElement;
  private readonly controls = new Map<string, HTMLInputElement>();
  private readonly rangeOutputs = new Map<string, HTMLOutputElement>();
  private readonly rangeDescribers = new Map<string, (value: number) => string>();
  /** Elements whose text comes from the page and follows the script converter. */
  private readonly convertibleRoots: Element[] = [];
  /** Page text inside UI-language parts, which carries the article's lang itself. */
  private readonly articleLangParts: HTMLElement[] = [];
  private readonly originalText = new Map<Text, string>();
  private readonly originalAlt = new Map<Element, string>();
  private speech: ReadAloud | null = null;
  private speakButton: HTMLButtonElement | null = null;
  private stopButton: HTMLButtonElement | null = null;
  private wheelDistance = 0;

  private readonly pageLock: PageLock;

  constructor(doc: Document, options: ReaderOptions) {
    this.doc = doc;
    this.win = doc.defaultView;
    this.options = options;
    this.prefs = normalizeReaderPrefs(options.prefs);
    this.lang = options.lang || options.article.lang || 'zh';

    this.element = doc.createElement(READER_TAG);
    this.pageLock = new PageLock(doc, this.element);
    this.shadow = this.element.attachShadow({ mode: 'open' });
    this.adoptStyles();

    this.root = this.el('div', 'qy-root');
    this.root.tabIndex = -1; // clicking the text focuses the reader, so arrow keys scroll it
    this.root.lang = this.uiLang();

    // Toolbar.
    this.bar = this.el('section', 'qy-bar');
    this.barStatus = this.el('p', 'qy-bar-status');
    this.barStatus.setAttribute('role', 'status');
    this.bar.setAttribute('aria-label', this.text('toolbarLabel'));
    const row = this.el('div', 'qy-bar-row');
    this.decreaseButton = this.button('decreaseFont', null, () => this.stepFont(-1));
    this.decreaseButton.classList.add('qy-font-btn');
    this.decreaseButton.prepend(this.glyph('A−', 'qy-a-small'));
    this.sizeDisplay = this.el('span', 'qy-size');
    this.sizeDisplay.setAttribute('role', 'status');
    this.increaseButton = this.button('increaseFont', null, () => this.stepFont(1));
    this.increaseButton.classList.add('qy-font-btn');
    this.increaseButton.prepend(this.glyph('A+', 'qy-a-big'));
    const fontGroup = this.el('div', 'qy-group');
    fontGroup.append(this.decreaseButton, this.sizeDisplay, this.increaseButton);

    this.settingsButton = this.button('settings', 'settings', () => this.togglePanel());
    this.settingsButton.setAttribute('aria-expanded', 'false');
    this.settingsButton.setAttribute('aria-controls', 'qy-settings');
    row.append(fontGroup, this.settingsButton);

    const speechGroup = this.buildSpeechControls();
    if (speechGroup) row.append(speechGroup);
    if (this.win && typeof this.win.print === 'function') {
      row.append(this.button('print', 'print', () => this.win?.print(), true));
    }
    row.append(this.el('span', 'qy-spacer'));
    row.append(this.button('close', 'close', () => this.close()));

    // The panel's controls are built the first time it is opened: opening the reader stays fast.
    this.panel = this.el('div', 'qy-panel');
    this.panel.id = 'qy-settings';
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'group');
    this.panel.setAttribute('aria-label', this.text('settings'));
    this.bar.append(row, this.barStatus, this.panel);

    // Article.
    const main = this.el('main');
    this.articleElement = this.el('article');
    this.articleElement.lang = this.lang;
    this.title = this.el('h1');
    this.title.tabIndex = -1;
    this.title.id = 'qy-title';
    this.articleElement.append(this.buildHeader());
    const body = this.el('div', 'qy-body');
    this.body = body;
    const { article } = options;
    body.append(
      buildBody(doc, article.contentHtml ?? '', article.text ?? '', {
        tableLabel: this.text('tableLabel'),
      }),
    );
    if (body.childElementCount > LONG_BODY_BLOCKS) body.classList.add('qy-long');
    this.articleElement.append(body);
    this.convertibleRoots.push(body);
    const attachments = this.buildAttachments();
    if (attachments) this.articleElement.append(attachments);
    main.append(this.articleElement);
    this.root.append(this.bar, main);
    this.shadow.append(this.root);

    this.applyPrefs();
    this.pageLock.lock();
    (doc.documentElement ?? doc.body).append(this.element);
    this.title.focus({ preventScroll: true });
    this.listen();
  }

  // ---- public API -------------------------------------------------------------------------

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.speech?.stop();
    this.unlisten();
    this.element.remove();
    this.pageLock.unlock();
    if (openReaders.get(this.doc) === this) openReaders.delete(this.doc);
    this.options.onClose?.();
  }

  setPrefs(prefs: ReaderPrefs): void {
    this.prefs = normalizeReaderPrefs(prefs);
    this.applyPrefs();
  }

  setTextConverter(convert: ((s: string) => string) | null, lang: string): void {
    this.speech?.stop();
    // The caller knows the language of what is now shown (the page's own when `convert` is null).
    this.lang = lang || (convert ? this.lang : this.options.lang) || this.lang;
    this.articleElement.lang = this.lang;
    for (const part of this.articleLangParts) part.lang = this.lang;
    for (const root of this.convertibleRoots) {
      const walker = this.doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (
        let node = walker.nextNode() as Text | null;
        node;
        node = walker.nextNode() as Text | null
      ) {
        let original = this.originalText.get(node);
        if (original === undefined) {
          original = node.data;
          this.originalText.set(node, original);
        }
        const shown = convert ? convert(original) : original;
        if (node.data !== shown) node.data = shown;
      }
      for (const image of Array.from(root.querySelectorAll('img[alt]'))) {
        let original = this.originalAlt.get(image);
        if (original === undefined) {
          original = image.getAttribute('alt') ?? '';
          this.originalAlt.set(image, original);
        }
        image.setAttribute('alt', convert ? convert(original) : original);
      }
    }
    this.applyFontFamily();
  }

  // ---- building -----------------------------------------------------------------------------

  private text(key: ReaderStringKey): string {
    const value = this.options.strings[key];
    return typeof value === 'string' && value !== ''
      ? value
      : ((ENGLISH_READER_STRINGS as Record<string, string>)[key] ?? '');
  }

  /**
   * Language of the UI text, so screen readers pick the right voice for labels. A Chinese UI whose
   * `uiLang` message is missing (and fell back to English `en`) is recognised by its wording.
   */
  private uiLang(): string {
    const declared = this.text('uiLang').replace(/_/g, '-');
    if (/[\u4e00-\u9fff]/.test(this.text('close')) && !declared.toLowerCase().startsWith('zh')) {
      return 'zh';
    }
    return declared || 'en';
  }

  private el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className?: string,
  ): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    if (className) element.className = className;
    return element;
  }

  private adoptStyles(): void {
    // The sheet is made with the page window's constructor: in Firefox content scripts a sheet
    // from the sandbox's own constructor is refused by adoptedStyleSheets. It is parsed once per
    // window and shared by later openings.
    const win = this.win as (Window & typeof globalThis) | null;
    try {
      if (!win?.CSSStyleSheet || !('adoptedStyleSheets' in this.shadow))
        throw new Error('no support');
      let sheet = sharedSheets.get(win);
      if (!sheet) {
        sheet = new win.CSSStyleSheet();
        sheet.replaceSync(READER_CSS);
        sharedSheets.set(win, sheet);
      }
      this.shadow.adoptedStyleSheets = [sheet];
    } catch {
      const style = this.el('style');
      style.textContent = READER_CSS;
      this.shadow.append(style);
    }
  }

  private icon(name: string): SVGSVGElement {
    const svg = this.doc.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (const shape of ICONS[name] ?? []) {
      const path = this.doc.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', shape.d);
      if (shape.fill) path.setAttribute('fill', 'currentColor');
      svg.append(path);
    }
    return svg as SVGSVGElement;
  }

  private glyph(text: string, className: string): HTMLElement {
    const span = this.el('span', className);
    span.setAttribute('aria-hidden', 'true');
    span.textContent = text;
    return span;
  }

  /**
   * A button whose accessible name is exactly the string `key`. With an icon the name is also
   * the visible label; without one (A−/A+) it is visually hidden text and a tooltip.
   */
  private button(
    key: ReaderStringKey,
    icon: string | null,
    onClick: () => void,
    iconOnly = false,
  ): HTMLButtonElement {
    const button = this.el('button');
    button.type = 'button';
    const label = this.el('span', icon ? 'qy-label' : 'qy-sr-only');
    label.textContent = this.text(key);
    if (icon) button.append(this.icon(icon));
    // A tooltip wherever the label may be hidden (always, or on narrow screens).
    button.title = this.text(key);
    if (iconOnly) button.classList.add('qy-icon-only');
    button.append(label);
    button.addEventListener('click', onClick);
    return button;
  }

  private buildHeader(): HTMLElement {
    const { article } = this.options;
    const header = this.el('header');
    this.title.textContent =
      article.title?.trim() || this.doc.title.trim() || this.text('readerLabel');
    header.append(this.title);
    this.convertibleRoots.push(this.title);

    const meta = this.el('p', 'qy-meta');
    if (article.siteName?.trim()) {
      const site = this.el('span', 'qy-site');
      site.textContent = article.siteName.trim();
      this.convertibleRoots.push(site);
      meta.append(site);
    }
    if (article.publishedTime?.trim()) {
      const time = this.el('time');
      time.setAttribute('datetime', article.publishedTime.trim());
      time.textContent = formatPublishedTime(
        article.publishedTime.trim(),
        this.text('dateFormat'),
        this.text('dateTimeFormat'),
      );
      meta.append(this.templated('qy-published', this.text('published'), 'time', time));
    }
    if (article.source?.trim()) {
      const value = this.el('span', 'qy-source-value');
      value.textContent = article.source.trim();
      value.lang = this.lang;
      this.articleLangParts.push(value);
      this.convertibleRoots.push(value);
      meta.append(this.templated('qy-source', this.text('source'), 'source', value));
    }
    const bodyText = article.text?.trim() ? article.text : (article.title ?? '');
    const minutes = this.el('span', 'qy-reading-time');
    minutes.lang = this.root.lang;
    minutes.textContent = fillTemplate(this.text('readingTime'), {
      minutes: readingMinutes(bodyText),
    });
    meta.append(minutes);
    const href = safeHref(this.doc, article.url);
    if (href) {
      const link = this.el('a', 'qy-original-link');
      link.lang = this.root.lang;
      link.href = href;
      link.rel = 'noopener noreferrer';
      link.textContent = this.text('originalLink');
      meta.append(link);
    }
    header.append(meta);
    return header;
  }

  /** `template` with `{slot}` replaced by `node`, as text around an element (no markup parsing). */
  private templated(className: string, template: string, slot: string, node: Node): HTMLElement {
    const span = this.el('span', className);
    span.lang = this.root.lang; // the label is UI text; the value inside may set its own lang
    const marker = `{${slot}}`;
    const at = template.indexOf(marker);
    if (at < 0) {
      span.append(template, ' ', node);
    } else {
      span.append(template.slice(0, at), node, template.slice(at + marker.length));
    }
    return span;
  }

  private buildAttachments(): HTMLElement | null {
    const items = this.options.article.attachments ?? [];
    if (items.length === 0) return null;
    const section = this.el('section', 'qy-attachments');
    const heading = this.el('h2');
    heading.id = 'qy-attachments-heading';
    heading.textContent = this.text('attachments');
    section.setAttribute('aria-labelledby', heading.id);
    const list = this.el('ul');
    for (const attachment of items) {
      const item = this.el('li');
      const href = safeHref(this.doc, attachment.href);
      const name = attachment.name?.trim() || attachment.href;
      if (href) {
        const link = this.el('a');
        link.href = href;
        link.rel = 'noopener noreferrer';
        link.textContent = name;
        item.append(link);
      } else {
        item.textContent = name;
      }
      list.append(item);
    }
    this.convertibleRoots.push(list);
    section.append(heading, list);
    return section;
  }

  private buildSpeechControls(): HTMLElement | null {
    const win = this.win;
    if (!speechSupported(win) || !win) return null;
    const group = this.el('div', 'qy-group');
    this.speakButton = this.button('readAloud', 'play', () => this.toggleSpeech());
    this.stopButton = this.button(
      'stopReading',
      'stop',
      () => {
        this.speech?.stop();
        this.speakButton?.focus();
      },
      true,
    );
    this.stopButton.disabled = true;
    group.append(this.speakButton, this.stopButton);
    this.speech = new ReadAloud({
      win,
      roots: () => [this.title, this.body],
      scroller: this.root,
      topInset: () => this.bar.getBoundingClientRect().bottom,
      rate: () => this.prefs.speechRate,
      lang: () => this.lang,
      onStateChange: (state) => this.showSpeechState(state),
      onError: () => {
        this.barStatus.textContent = this.text('speechUnavailable');
      },
    });
    warmUpVoices(win);
    return group;
  }

  private showSpeechState(state: SpeechState): void {
    if (!this.speakButton || !this.stopButton) return;
    const key: ReaderStringKey =
      state === 'playing' ? 'pauseReading' : state === 'paused' ? 'resumeReading' : 'readAloud';
    const label = this.speakButton.querySelector('.qy-label');
    if (label) label.textContent = this.text(key);
    this.speakButton.title = this.text(key);
    this.speakButton
      .querySelector('svg')
      ?.replaceWith(this.icon(state === 'playing' ? 'pause' : 'play'));
    if (state === 'idle' && this.shadow.activeElement === this.stopButton) this.speakButton.focus();
    this.stopButton.disabled = state === 'idle';
    if (state === 'playing') this.barStatus.textContent = '';
  }

  private toggleSpeech(): void {
    const speech = this.speech;
    if (!speech) return;
    if (speech.current === 'playing') speech.pause();
    else if (speech.current === 'paused') speech.resume();
    else speech.start();
  }

  private fillPanel(): void {
    const panel = this.panel;
    panel.append(
      this.choiceField('theme', 'theme', READER_THEMES, {
        light: 'themeLight',
        sepia: 'themeSepia',
        dark: 'themeDark',
        contrast: 'themeContrast',
      }),
      this.choiceField('font', 'font', READER_FONTS, {
        sans: 'fontSans',
        serif: 'fontSerif',
        kai: 'fontKai',
      }),
      // Plain numbers read the same in every language: no message needed.
      this.rangeField('lineHeight', 'lineHeight', (value) => value.toFixed(1)),
      this.rangeField('contentWidth', 'contentWidth', (value) =>
        fillTemplate(this.text('contentWidthValue'), { value: Math.round(value) }),
      ),
      this.rangeField('letterSpacing', 'letterSpacing', (value) => `${Math.round(value * 100)}%`),
      this.checkField('indent', 'indent'),
      this.checkField('justify', 'justify'),
    );
    if (this.speech) {
      panel.append(
        this.rangeField('speechRate', 'speechRate', (value) =>
          fillTemplate(this.text('speechRateValue'), { value: value.toFixed(1) }),
        ),
      );
    }
    const reset = this.button('resetPrefs', null, () => {
      // Font size and colours are kept: they are what the person set up first and needs most.
      this.updatePrefs({
        ...DEFAULT_READER_PREFS,
        fontSize: this.prefs.fontSize,
        theme: this.prefs.theme,
      });
    });
    reset.replaceChildren(this.text('resetPrefs'));
    reset.removeAttribute('title');
    reset.classList.add('qy-reset');
    panel.append(reset);
    this.applyPrefs();
  }

  private rangeField(
    pref: 'lineHeight' | 'contentWidth' | 'letterSpacing' | 'speechRate',
    labelKey: ReaderStringKey,
    describe: (value: number) => string,
  ): HTMLElement {
    const field = this.el('div', 'qy-field');
    const id = `qy-${pref}`;
    const label = this.el('label');
    label.htmlFor = id;
    label.textContent = this.text(labelKey);
    const input = this.el('input');
    input.type = 'range';
    input.id = id;
    const range = PREF_RANGES[pref];
    input.min = String(range.min);
    input.max = String(range.max);
    input.step = String(range.step);
    const output = this.el('output');
    output.setAttribute('for', id);
    output.setAttribute('aria-hidden', 'true'); // the slider announces the same text as its value
    input.dataset.describe = pref;
    // Dragging applies at once; the new value is reported (and stored) when the slider is let go.
    input.addEventListener('input', () => {
      this.updatePrefs({ ...this.prefs, [pref]: Number(input.value) }, false);
    });
    input.addEventListener('change', () => {
      this.updatePrefs({ ...this.prefs, [pref]: Number(input.value) });
      if (pref === 'speechRate') this.speech?.rateChanged();
    });
    this.controls.set(pref, input);
    this.rangeOutputs.set(pref, output);
    this.rangeDescribers.set(pref, describe);
    field.append(label, input, output);
    return field;
  }

  private checkField(pref: 'indent' | 'justify', labelKey: ReaderStringKey): HTMLElement {
    const label = this.el('label', 'qy-check');
    const input = this.el('input');
    input.type = 'checkbox';
    input.addEventListener('change', () =>
      this.updatePrefs({ ...this.prefs, [pref]: input.checked }),
    );
    this.controls.set(pref, input);
    const text = this.el('span');
    text.textContent = this.text(labelKey);
    label.append(input, text);
    return label;
  }

  private choiceField<T extends ReaderFont | ReaderTheme>(
    pref: 'font' | 'theme',
    legendKey: ReaderStringKey,
    choices: readonly T[],
    labels: Record<T, ReaderStringKey>,
  ): HTMLElement {
    const fieldset = this.el('fieldset', 'qy-field');
    const legend = this.el('legend');
    legend.textContent = this.text(legendKey);
    const list = this.el('div', 'qy-choices');
    for (const choice of choices) {
      const label = this.el('label', 'qy-choice');
      const input = this.el('input');
      input.type = 'radio';
      input.name = `qy-${pref}`;
      input.value = choice;
      input.addEventListener('change', () => {
        if (input.checked) this.updatePrefs({ ...this.prefs, [pref]: choice });
      });
      this.controls.set(`${pref}:${choice}`, input);
      const face = this.el('span');
      if (pref === 'theme') {
        const swatch = this.el('span', 'qy-swatch');
        swatch.dataset.swatch = choice;
        face.append(swatch);
      } else {
        // Each typeface name is shown in that typeface, so the choice can be seen, not just read.
        face.style.fontFamily = fontStack(choice as ReaderFont, fontRegion(this.lang));
      }
      face.append(this.text(labels[choice]));
      label.append(input, face);
      list.append(label);
    }
    fieldset.append(legend, list);
    return fieldset;
  }

  // ---- prefs ---------------------------------------------------------------------------------

  private updatePrefs(next: ReaderPrefs, report = true): void {
    this.prefs = normalizeReaderPrefs(next);
    this.applyPrefs();
    if (report) this.options.onPrefsChange?.({ ...this.prefs });
  }

  private stepFont(direction: 1 | -1): void {
    const size = stepFontSize(this.prefs.fontSize, direction);
    if (size !== this.prefs.fontSize) this.updatePrefs({ ...this.prefs, fontSize: size });
  }

  /** Writes prefs as custom properties and data attributes: no layout is read, one style recalc. */
  private applyPrefs(): void {
    const p = this.prefs;
    const style = this.root.style;
    style.setProperty('--qy-font-size', `${p.fontSize}px`);
    style.setProperty('--qy-line-height', String(p.lineHeight));
    style.setProperty('--qy-content-width', String(p.contentWidth));
    style.setProperty('--qy-letter-spacing', String(p.letterSpacing));
    this.root.dataset.theme = p.theme;
    this.root.dataset.font = p.font;
    this.root.dataset.indent = String(p.indent);
    this.root.dataset.justify = String(p.justify);
    this.applyFontFamily();

    this.sizeDisplay.textContent = fillTemplate(this.text('fontSizeValue'), {
      size: Math.round(p.fontSize),
    });
    this.decreaseButton.disabled = stepFontSize(p.fontSize, -1) === p.fontSize;
    this.increaseButton.disabled = stepFontSize(p.fontSize, 1) === p.fontSize;

    for (const pref of ['lineHeight', 'contentWidth', 'letterSpacing', 'speechRate'] as const) {
      const input = this.controls.get(pref);
      if (!input) continue;
      input.value = String(p[pref]);
      const text = this.rangeDescribers.get(pref)?.(p[pref]) ?? String(p[pref]);
      input.setAttribute('aria-valuetext', text);
      const output = this.rangeOutputs.get(pref);
      if (output) output.textContent = text;
    }
    for (const pref of ['indent', 'justify'] as const) {
      const input = this.controls.get(pref);
      if (input) input.checked = p[pref];
    }
    for (const choice of READER_THEMES) {
      const input = this.controls.get(`theme:${choice}`);
      if (input) input.checked = p.theme === choice;
    }
    for (const choice of READER_FONTS) {
      const input = this.controls.get(`font:${choice}`);
      if (input) input.checked = p.font === choice;
    }
  }

  private applyFontFamily(): void {
    this.root.style.setProperty(
      '--qy-font-family',
      fontStack(this.prefs.font, fontRegion(this.lang)),
    );
  }

  private togglePanel(force?: boolean): void {
    const open = force ?? this.panel.hidden;
    if (open && !this.panel.hasChildNodes()) this.fillPanel();
    this.panel.hidden = !open;
    this.settingsButton.setAttribute('aria-expanded', String(open));
  }

  // ---- events --------------------------------------------------------------------------------

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === 'Escape') {
      const active = this.shadow.activeElement;
      if (!this.panel.hidden && active && this.panel.contains(active)) {
        this.togglePanel(false);
        this.settingsButton.focus();
      } else {
        this.close();
      }
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return; // Ctrl/⌘ + plus is browser zoom
    const path = event.composedPath();
    const target = path[0] ?? event.target;
    if (isEditable(target)) return;
    let direction: 1 | -1 | 0 = 0;
    if (event.key === '+' || event.key === '=') direction = 1;
    else if (event.key === '-' || event.key === '_') direction = -1;
    if (direction === 0) return;
    this.stepFont(direction);
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onWheel = (event: WheelEvent): void => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault(); // instead of zooming the whole page
    // deltaMode 1 = lines, 2 = pages; normalise to pixels.
    const scale = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1;
    this.wheelDistance += (event.deltaY || 0) * scale;
    while (Math.abs(this.wheelDistance) >= WHEEL_STEP_DISTANCE) {
      const up = this.wheelDistance < 0;
      this.stepFont(up ? 1 : -1);
      this.wheelDistance += up ? WHEEL_STEP_DISTANCE : -WHEEL_STEP_DISTANCE;
    }
  };

  private readonly onBeforePrint = (): void => this.pageLock.hideForPrint();
  private readonly onAfterPrint = (): void => this.pageLock.showAfterPrint();

  private listen(): void {
    this.doc.addEventListener('keydown', this.onKeyDown, true);
    this.element.addEventListener('wheel', this.onWheel, { passive: false });
    this.win?.addEventListener('beforeprint', this.onBeforePrint);
    this.win?.addEventListener('afterprint', this.onAfterPrint);
  }

  private unlisten(): void {
    this.doc.removeEventListener('keydown', this.onKeyDown, true);
    this.element.removeEventListener('wheel', this.onWheel);
    this.win?.removeEventListener('beforeprint', this.onBeforePrint);
    this.win?.removeEventListener('afterprint', this.onAfterPrint);
  }
}
