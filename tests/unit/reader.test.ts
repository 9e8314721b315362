// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ENGLISH_READER_STRINGS,
  READER_STRING_KEYS,
  ZH_HANS_READER_STRINGS,
  openReader,
  type ReaderHandle,
  type ReaderOptions,
} from '../../src/reader/mount.ts';
import { DEFAULT_READER_PREFS, type ReaderPrefs } from '../../src/reader/prefs.ts';
import { NOTICE_PARAGRAPHS, noticeArticle } from '../fixtures/reader/notice.ts';

/** Accessible name of a button as a screen reader computes it here: text not marked aria-hidden. */
function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label;
  let name = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3) name += node.textContent ?? '';
    else if (node.nodeType === 1 && (node as Element).getAttribute('aria-hidden') !== 'true') {
      name += accessibleName(node as Element);
    }
  }
  return name.trim();
}

function buttonNamed(root: ShadowRoot, name: string): HTMLButtonElement {
  const button = Array.from(root.querySelectorAll('button')).find(
    (candidate) => accessibleName(candidate) === name,
  );
  if (!button) throw new Error(`no button named ${name}`);
  return button;
}

function pageFixture(): void {
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML =
    '<div id="top"><a href="#" id="link">繁體版</a></div>' +
    '<main id="page" aria-hidden="false"><p>正文</p></main>' +
    '<footer id="foot" inert>页脚</footer>';
}

let handle: ReaderHandle | null = null;

function open(overrides: Partial<ReaderOptions> = {}): ShadowRoot {
  handle = openReader(document, {
    article: noticeArticle(),
    prefs: DEFAULT_READER_PREFS,
    strings: { ...ENGLISH_READER_STRINGS },
    lang: 'zh-Hans',
    ...overrides,
  });
  const root = handle.element.shadowRoot;
  if (!root) throw new Error('no open shadow root');
  return root;
}

function key(target: EventTarget, keyName: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: keyName, bubbles: true, composed: true, ...init }),
  );
}

beforeEach(() => pageFixture());
afterEach(() => {
  handle?.close();
  handle = null;
});

describe('reader view structure', () => {
  it('mounts a qingyue-reader element with an open shadow root holding one article', () => {
    const root = open();
    const host = document.querySelector('qingyue-reader');
    expect(host).toBe(handle?.element);
    expect(host?.parentElement).toBe(document.documentElement);
    expect(root.querySelectorAll('article')).toHaveLength(1);
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-Hans');
  });

  it('shows the title as the only h1, the time, the source and the body paragraphs', () => {
    const root = open();
    const h1s = root.querySelectorAll('h1');
    expect(h1s).toHaveLength(1);
    expect(h1s[0]?.textContent).toBe('市政务服务中心开设长者专窗');
    const time = root.querySelector('article header time');
    expect(time?.getAttribute('datetime')).toBe('2024-05-23T08:54');
    expect(time?.textContent).toBe('2024-05-23 08:54');
    const header = root.querySelector('article header')?.textContent ?? '';
    expect(header).toContain('Source: 市政务服务中心');
    expect(header).toContain('示例市人民政府');
    expect(header).toContain('About 1 min read');
    // Three text paragraphs and the image paragraph; the empty &nbsp; paragraph is gone.
    const paragraphs = Array.from(root.querySelectorAll('.qy-body p'));
    expect(paragraphs).toHaveLength(4);
    // The typed full-width-space indent is removed (the reader indents with CSS).
    expect(paragraphs[0]?.textContent).toBe(NOTICE_PARAGRAPHS[0]?.trim());
    const original = root.querySelector<HTMLAnchorElement>('a.qy-original-link');
    expect(original?.getAttribute('href')).toBe('https://www.example.gov.cn/news/2024/0523.html');
  });

  it('uses the Chinese source label with Chinese strings', () => {
    const root = open({ strings: { ...ZH_HANS_READER_STRINGS } });
    const header = root.querySelector('article header')?.textContent ?? '';
    expect(header).toContain('来源：市政务服务中心');
    expect(header).toContain('2024年5月23日 08:54');
    expect(buttonNamed(root, '放大字号')).toBeTruthy();
  });

  it('takes every piece of UI text from the strings it is given', () => {
    const marked = Object.fromEntries(READER_STRING_KEYS.map((key) => [key, `[${key}]`]));
    const root = open({ strings: marked });
    buttonNamed(root, '[settings]').click();
    const texts: string[] = [];
    for (const container of Array.from(root.querySelectorAll('.qy-bar, article header'))) {
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const inPageData = node.parentElement?.closest('h1, .qy-site, .qy-source-value, time');
        if (text && !inPageData) texts.push(text);
      }
    }
    // Allowed besides messages: the glyphs drawn on the font-size buttons (hidden from assistive
    // technology) and plain numbers (line spacing 1.8, letter spacing 2%).
    const unexpected = texts.filter(
      (text) => !/^\[\w+\]$/.test(text) && !['A−', 'A+'].includes(text) && !/^[\d.]+%?$/.test(text),
    );
    expect(unexpected).toEqual([]);
    expect(texts).toContain('[increaseFont]');
    expect(texts).toContain('[lineHeight]');
    expect(root.querySelector('.qy-root')?.getAttribute('lang')).toBe('[uiLang]');
  });

  it('has font size and close buttons with their exact English names', () => {
    const root = open();
    for (const name of ['Increase font size', 'Decrease font size', 'Close reader view']) {
      expect(buttonNamed(root, name).type).toBe('button');
    }
    expect(buttonNamed(root, 'Reading settings').getAttribute('aria-expanded')).toBe('false');
  });

  it('demotes body headings, wraps tables in a labelled focusable scroller and gives images alt', () => {
    const root = open();
    expect(root.querySelector('.qy-body h2')?.textContent).toBe('办理地点');
    const scroller = root.querySelector('.qy-table-scroll');
    expect(scroller?.getAttribute('tabindex')).toBe('0');
    expect(scroller?.getAttribute('aria-label')).toBe('Table 1: 窗口开放时间');
    expect(scroller?.querySelector('table')).not.toBeNull();
    expect(root.querySelector('.qy-body img')?.hasAttribute('alt')).toBe(true);
  });

  it('lists attachments and drops links that are not web addresses', () => {
    const root = open();
    const items = Array.from(root.querySelectorAll('.qy-attachments li'));
    expect(items.map((item) => item.textContent)).toEqual(['长者专窗办事指南.pdf', 'bad link']);
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe(
      'https://www.example.gov.cn/files/guide.pdf',
    );
    expect(items[1]?.querySelector('a')).toBeNull();
  });

  it('never parses page text outside the sanitised body as HTML', () => {
    const root = open({
      article: noticeArticle({ title: '<img src=x onerror=alert(1)>标题', source: '<b>来源</b>' }),
    });
    expect(root.querySelector('h1')?.textContent).toBe('<img src=x onerror=alert(1)>标题');
    expect(root.querySelector('header img, header b')).toBeNull();
  });

  it('builds paragraphs from the plain text when there is no body HTML', () => {
    const root = open({ article: noticeArticle({ contentHtml: '' }) });
    expect(root.querySelectorAll('.qy-body p')).toHaveLength(3);
  });
});

describe('font size controls', () => {
  it('steps the size with the buttons, shows it, and reports it', () => {
    const changes: ReaderPrefs[] = [];
    const root = open({ onPrefsChange: (prefs) => changes.push(prefs) });
    const size = root.querySelector('.qy-size');
    expect(size?.textContent).toBe('20 px');
    buttonNamed(root, 'Increase font size').click();
    expect(size?.textContent).toBe('22 px');
    expect(changes.at(-1)?.fontSize).toBe(22);
    expect(
      root.querySelector<HTMLElement>('.qy-root')?.style.getPropertyValue('--qy-font-size'),
    ).toBe('22px');
    buttonNamed(root, 'Decrease font size').click();
    buttonNamed(root, 'Decrease font size').click();
    expect(size?.textContent).toBe('18 px');
  });

  it('stops at 128 px and 12 px and disables the button at the end', () => {
    const root = open({ prefs: { ...DEFAULT_READER_PREFS, fontSize: 112 } });
    const increase = buttonNamed(root, 'Increase font size');
    increase.click();
    expect(root.querySelector('.qy-size')?.textContent).toBe('128 px');
    expect(increase.disabled).toBe(true);
    handle?.setPrefs({ ...DEFAULT_READER_PREFS, fontSize: 14 });
    const decrease = buttonNamed(root, 'Decrease font size');
    decrease.click();
    expect(root.querySelector('.qy-size')?.textContent).toBe('12 px');
    expect(decrease.disabled).toBe(true);
  });

  it('answers + and - keys but leaves Ctrl/⌘ + plus to the browser', () => {
    const changes: number[] = [];
    const root = open({ onPrefsChange: (prefs) => changes.push(prefs.fontSize) });
    const title = root.querySelector('h1');
    if (!title) throw new Error('no title');
    key(title, '+');
    key(title, '+');
    key(title, '-');
    key(title, '+', { ctrlKey: true });
    expect(changes).toEqual([22, 24, 22]);
  });

  it('changes size with Ctrl + wheel inside the reader', () => {
    const changes: number[] = [];
    open({ onPrefsChange: (prefs) => changes.push(prefs.fontSize) });
    const wheel = (deltaY: number, ctrlKey: boolean) => {
      const event = new Event('wheel', { bubbles: true, cancelable: true, composed: true });
      Object.assign(event, { deltaY, deltaMode: 0, ctrlKey, metaKey: false });
      handle?.element.dispatchEvent(event);
      return event;
    };
    expect(wheel(-100, true).defaultPrevented).toBe(true);
    expect(wheel(-100, false).defaultPrevented).toBe(false);
    wheel(100, true);
    expect(changes).toEqual([22, 20]);
  });

  it('applies prefs set from outside without reporting them back', () => {
    const onPrefsChange = vi.fn();
    const root = open({ onPrefsChange });
    handle?.setPrefs({ ...DEFAULT_READER_PREFS, fontSize: 40, theme: 'contrast' });
    expect(root.querySelector('.qy-size')?.textContent).toBe('40 px');
    expect(root.querySelector<HTMLElement>('.qy-root')?.dataset.theme).toBe('contrast');
    expect(onPrefsChange).not.toHaveBeenCalled();
  });
});

describe('settings panel', () => {
  it('opens as a disclosure and changes prefs from its controls', () => {
    const changes: ReaderPrefs[] = [];
    const root = open({ onPrefsChange: (prefs) => changes.push(prefs) });
    const toggle = buttonNamed(root, 'Reading settings');
    const panel = root.getElementById('qy-settings');
    expect(panel?.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.hidden).toBe(false);

    const dark = root.querySelector<HTMLInputElement>('input[name="qy-theme"][value="dark"]');
    dark?.click();
    expect(changes.at(-1)?.theme).toBe('dark');
    expect(root.querySelector<HTMLElement>('.qy-root')?.dataset.theme).toBe('dark');

    const lineHeight = root.getElementById('qy-lineHeight') as HTMLInputElement | null;
    if (!lineHeight) throw new Error('no line height slider');
    expect(root.querySelector('label[for="qy-lineHeight"]')?.textContent).toBe('Line spacing');
    lineHeight.value = '2.2';
    const reported = changes.length;
    lineHeight.dispatchEvent(new Event('input', { bubbles: true }));
    // Applied while dragging, stored once the slider is let go.
    expect(
      root.querySelector<HTMLElement>('.qy-root')?.style.getPropertyValue('--qy-line-height'),
    ).toBe('2.2');
    expect(changes).toHaveLength(reported);
    lineHeight.dispatchEvent(new Event('change', { bubbles: true }));
    expect(changes.at(-1)?.lineHeight).toBe(2.2);

    const indent = Array.from(root.querySelectorAll('label.qy-check')).find((label) =>
      label.textContent?.includes('Indent'),
    );
    const checkbox = indent?.querySelector('input');
    expect(checkbox?.checked).toBe(true);
    checkbox?.click();
    expect(changes.at(-1)?.indent).toBe(false);
    expect(root.querySelector<HTMLElement>('.qy-root')?.dataset.indent).toBe('false');
  });

  it('closes the panel first when Escape is pressed inside it', () => {
    const root = open();
    const toggle = buttonNamed(root, 'Reading settings');
    toggle.click();
    const slider = root.getElementById('qy-contentWidth') as HTMLInputElement;
    slider.focus();
    key(slider, 'Escape');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('qingyue-reader')).not.toBeNull();
  });
});

describe('opening and closing', () => {
  it('makes the page inert and hidden while open, and restores it exactly on close', () => {
    const link = document.getElementById('link') as HTMLAnchorElement;
    link.focus();
    window.scrollTo(0, 300);
    const before = {
      scrollY: window.scrollY,
      body: document.body.outerHTML,
      html: document.documentElement.getAttribute('style'),
    };
    const onClose = vi.fn();
    const root = open({ onClose });
    expect(document.body.hasAttribute('inert')).toBe(true);
    expect(document.body.hasAttribute('aria-hidden')).toBe(false); // forbidden on body
    expect(document.getElementById('page')?.getAttribute('aria-hidden')).toBe('true');
    expect(document.documentElement.style.overflow).toBe('hidden');
    expect(root.activeElement).toBe(root.querySelector('h1'));
    expect(root.querySelector('h1')?.getAttribute('tabindex')).toBe('-1');

    window.scrollTo(0, 0); // something scrolled the page while the reader was open
    buttonNamed(root, 'Close reader view').click();
    expect(document.querySelector('qingyue-reader')).toBeNull();
    expect(document.body.outerHTML).toBe(before.body);
    expect(document.getElementById('page')?.getAttribute('aria-hidden')).toBe('false');
    expect(document.getElementById('foot')?.hasAttribute('inert')).toBe(true);
    expect(document.documentElement.getAttribute('style')).toBe(before.html);
    expect(window.scrollY).toBe(before.scrollY);
    expect(document.activeElement).toBe(link);
    expect(onClose).toHaveBeenCalledTimes(1);
    handle = null;
  });

  it('puts back the inline styles it changed, and their priority', () => {
    const html = document.documentElement;
    html.setAttribute('style', 'scroll-behavior:smooth;overflow:auto !important');
    open();
    expect(html.style.overflow).toBe('hidden');
    handle?.close();
    handle = null;
    expect(html.style.getPropertyValue('overflow')).toBe('auto');
    expect(html.style.getPropertyPriority('overflow')).toBe('important');
    expect(html.style.getPropertyValue('scroll-behavior')).toBe('smooth');
    expect(html.style.getPropertyValue('scrollbar-gutter')).toBe('');
    html.removeAttribute('style');
  });

  it('keeps style changes the page made while the reader was open', () => {
    const html = document.documentElement;
    open();
    html.style.setProperty('color', 'red'); // the page's own script, meanwhile
    handle?.close();
    handle = null;
    expect(html.style.getPropertyValue('color')).toBe('red');
    expect(html.style.getPropertyValue('overflow')).toBe('');
    html.removeAttribute('style');
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    const root = open({ onClose });
    key(root.querySelector('h1') as HTMLElement, 'Escape');
    expect(document.querySelector('qingyue-reader')).toBeNull();
    expect(document.body.hasAttribute('inert')).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    handle?.close(); // closing twice is harmless
    expect(onClose).toHaveBeenCalledTimes(1);
    handle = null;
  });

  it('replaces a reader that is already open instead of stacking two', () => {
    open();
    const first = handle;
    open();
    expect(document.querySelectorAll('qingyue-reader')).toHaveLength(1);
    expect(first?.element.isConnected).toBe(false);
    expect(document.body.hasAttribute('inert')).toBe(true);
  });
});

describe('script conversion', () => {
  const toTraditional = (text: string) =>
    text
      .replace(/务/g, '務')
      .replace(/长者/g, '長者')
      .replace(/专窗/g, '專窗')
      .replace(/开设/g, '開設')
      .replace(/为/g, '為')
      .replace(/办/g, '辦');

  it('converts title, source and body text, and restores the original', () => {
    const root = open();
    const title = root.querySelector('h1');
    const body = root.querySelector('.qy-body');
    const originalBody = body?.textContent;
    handle?.setTextConverter(toTraditional, 'zh-Hant-TW');
    expect(title?.textContent).toBe('市政務服務中心開設長者專窗');
    expect(body?.textContent).toContain('為方便老年人辦理社保業務'.replace('業', '业'));
    expect(root.querySelector('.qy-source')?.textContent).toBe('Source: 市政務服務中心');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-Hant-TW');
    // UI labels are not page text: they stay as given.
    expect(buttonNamed(root, 'Increase font size')).toBeTruthy();

    // A second converter works from the original text, not from the converted one.
    handle?.setTextConverter((text) => text.replace(/务/g, '[务]'), 'zh-Hant-HK');
    expect(title?.textContent).toBe('市政[务]服[务]中心开设长者专窗');

    handle?.setTextConverter(null, 'zh-CN');
    expect(title?.textContent).toBe('市政务服务中心开设长者专窗');
    expect(body?.textContent).toBe(originalBody);
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-CN');
  });

  it('opens already converted and goes back to the original', () => {
    const root = open({ lang: 'zh-Hant-TW' });
    handle?.setTextConverter(toTraditional, 'zh-Hant-TW');
    expect(root.querySelector('h1')?.textContent).toBe('市政務服務中心開設長者專窗');
    handle?.setTextConverter(null, 'zh-CN');
    expect(root.querySelector('h1')?.textContent).toBe('市政务服务中心开设长者专窗');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-CN');
    // The typeface follows the glyph standard: Mainland fonts first again.
    expect(
      root.querySelector<HTMLElement>('.qy-root')?.style.getPropertyValue('--qy-font-family'),
    ).toMatch(/^"PingFang SC"/);
  });
});

describe('read aloud', () => {
  it('hides the read-aloud controls when the browser has no speech synthesis', () => {
    const root = open();
    const names = Array.from(root.querySelectorAll('button')).map(accessibleName);
    expect(names).not.toContain('Read aloud');
  });

  it('reads sentence by sentence in a voice of the script and highlights the paragraph', () => {
    const spoken: Array<{ text: string; lang: string; rate: number; voice: string | null }> = [];
    let current: { onend: (() => void) | null } | null = null;
    class FakeUtterance {
      lang = '';
      rate = 1;
      voice: SpeechSynthesisVoice | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(public text: string) {}
    }
    const synth = {
      getVoices: () =>
        [
          { lang: 'zh-CN', name: 'Mainland', localService: true, default: false },
          { lang: 'zh-TW', name: 'Taiwan', localService: true, default: false },
        ] as SpeechSynthesisVoice[],
      speak: (utterance: FakeUtterance) => {
        spoken.push({
          text: utterance.text,
          lang: utterance.lang,
          rate: utterance.rate,
          voice: utterance.voice?.name ?? null,
        });
        current = utterance;
      },
      cancel: vi.fn(),
      pause: vi.fn(),
      resume: vi.fn(),
    };
    vi.stubGlobal('speechSynthesis', synth);
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    try {
      const root = open({ prefs: { ...DEFAULT_READER_PREFS, speechRate: 1.5 } });
      handle?.setTextConverter((text) => text, 'zh-Hant-TW');
      buttonNamed(root, 'Read aloud').click();
      expect(spoken[0]).toEqual({
        text: '市政务服务中心开设长者专窗',
        lang: 'zh-TW',
        rate: 1.5,
        voice: 'Taiwan',
      });
      (current as { onend: (() => void) | null } | null)?.onend?.();
      expect(spoken[1]?.text).toBe(
        '为方便老年人办理社保业务，市政务服务中心自6月1日起开设“长者专窗”。',
      );
      expect(root.querySelector('.qy-body p')?.classList.contains('qy-speaking')).toBe(true);
      expect(buttonNamed(root, 'Pause reading')).toBeTruthy();
      buttonNamed(root, 'Pause reading').click();
      expect(synth.pause).toHaveBeenCalled();
      buttonNamed(root, 'Stop reading').click();
      expect(synth.cancel).toHaveBeenCalled();
      expect(buttonNamed(root, 'Read aloud')).toBeTruthy();
      expect(root.querySelector('.qy-speaking')).toBeNull();
      handle?.close();
      handle = null;
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
