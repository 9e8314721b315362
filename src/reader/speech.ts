// Read aloud with the Web Speech API, one sentence per utterance. Short utterances keep pause and
// stop responsive, avoid Chrome cutting long utterances off after ~15 s, and let the reader
// highlight the sentence being spoken (CSS Custom Highlight API where available, which does not
// touch the DOM; otherwise the paragraph gets a class).

import { fontRegion } from './fonts.ts';
import { sentenceRanges } from './text.ts';

export type SpeechState = 'idle' | 'playing' | 'paused';

const HIGHLIGHT_NAME = 'qy-speaking';
const FALLBACK_CLASS = 'qy-speaking';

/** Blocks read one after another; a block that contains another block is read through its children. */
const BLOCK_SELECTOR =
  'h1, h2, h3, h4, h5, h6, p, li, dt, dd, caption, th, td, figcaption, blockquote, pre';

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}
/** The window globals read aloud uses; some are absent from lib.dom's `Window` or from browsers. */
interface SpeechWindow extends Window {
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
  Highlight?: new (...ranges: Range[]) => unknown;
  CSS?: { highlights?: HighlightRegistry };
}

export function speechSupported(win: Window | null): boolean {
  const speechWindow = win as SpeechWindow | null;
  return (
    !!speechWindow &&
    typeof speechWindow.speechSynthesis === 'object' &&
    speechWindow.speechSynthesis !== null &&
    typeof speechWindow.SpeechSynthesisUtterance === 'function'
  );
}

/** The BCP 47 tag speech engines know for a script choice: zh-CN, zh-TW or zh-HK. */
export function speechLang(lang: string): string {
  const region = fontRegion(lang);
  return region === 'hk' ? 'zh-HK' : region === 'tw' ? 'zh-TW' : 'zh-CN';
}

function normalizeTag(tag: string): string {
  return tag.replace(/_/g, '-').toLowerCase();
}

/**
 * Best installed voice for `lang`: the same region, then another Chinese voice (a Taiwan voice
 * reads Hong Kong text far better than an English one), local voices first (no network needed).
 */
export function pickVoice(
  voices: readonly SpeechSynthesisVoice[],
  lang: string,
): SpeechSynthesisVoice | null {
  const wanted = normalizeTag(speechLang(lang));
  const sameScriptFallback = wanted === 'zh-cn' ? ['zh-cn', 'zh-sg', 'cmn'] : ['zh-tw', 'zh-hk'];
  const score = (voice: SpeechSynthesisVoice): number => {
    const tag = normalizeTag(voice.lang);
    let value = 0;
    if (tag === wanted) value = 30;
    else if (sameScriptFallback.some((prefix) => tag.startsWith(prefix))) value = 20;
    else if (tag.startsWith('zh') || tag.startsWith('cmn') || tag.startsWith('yue')) value = 10;
    else return 0;
    return value + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
  };
  let best: SpeechSynthesisVoice | null = null;
  let bestScore = 0;
  for (const voice of voices) {
    const value = score(voice);
    if (value > bestScore) {
      best = voice;
      bestScore = value;
    }
  }
  return best;
}

interface Sentence {
  block: Element;
  range: Range;
  text: string;
}

/** Sentences of one block, as DOM ranges over its text nodes. */
function blockSentences(block: Element): Sentence[] {
  const doc = block.ownerDocument;
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push(node);
    starts.push(text.length);
    text += node.data;
  }
  const locate = (offset: number, preferNext: boolean): [Text, number] | null => {
    for (let i = nodes.length - 1; i >= 0; i -= 1) {
      const start = starts[i] ?? 0;
      const node = nodes[i];
      if (!node) continue;
      if (offset > start || (offset === start && (preferNext || i === 0)))
        return [node, offset - start];
    }
    return null;
  };
  const sentences: Sentence[] = [];
  for (const [start, end] of sentenceRanges(text)) {
    const from = locate(start, true);
    const to = locate(end, false);
    if (!from || !to) continue;
    const range = doc.createRange();
    range.setStart(from[0], from[1]);
    range.setEnd(to[0], to[1]);
    sentences.push({ block, range, text: text.slice(start, end) });
  }
  return sentences;
}

export interface ReadAloudOptions {
  win: Window;
  /** Elements whose text is read, in order (the title, then the body). */
  roots: () => Element[];
  /** The scrolling element, to bring the spoken sentence into view. */
  scroller: HTMLElement;
  /** Height covered by the sticky toolbar at the top of the scroller. */
  topInset: () => number;
  rate: () => number;
  lang: () => string;
  onStateChange: (state: SpeechState) => void;
  /** The engine failed for good (`synthesis-unavailable`, `voice-unavailable`...). */
  onError?: (error: string) => void;
}

export class ReadAloud {
  private state: SpeechState = 'idle';
  private sentences: Sentence[] = [];
  private index = 0;
  /** Bumped on every start/stop so that events of cancelled utterances are ignored. */
  private generation = 0;
  private fallbackBlock: Element | null = null;

  constructor(private readonly options: ReadAloudOptions) {}

  get current(): SpeechState {
    return this.state;
  }

  /** Starts at the first sentence on screen, so "read aloud" reads what the user is looking at. */
  start(): void {
    this.stop();
    // Clears an engine left paused or busy by an earlier page; Chrome otherwise stays silent.
    this.options.win.speechSynthesis.cancel();
    this.sentences = this.collectSentences();
    if (this.sentences.length === 0) return;
    this.index = this.firstVisibleSentence();
    this.setState('playing');
    this.speakCurrent();
  }

  pause(): void {
    if (this.state !== 'playing') return;
    this.options.win.speechSynthesis.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.options.win.speechSynthesis.resume();
    this.setState('playing');
  }

  stop(): void {
    this.generation += 1;
    if (this.state !== 'idle') this.options.win.speechSynthesis?.cancel();
    this.clearHighlight();
    this.sentences = [];
    this.setState('idle');
  }

  /** A new speed applies from the sentence being read, which is restarted. */
  rateChanged(): void {
    if (this.state !== 'playing') return;
    this.generation += 1;
    this.options.win.speechSynthesis.cancel();
    this.speakCurrent();
  }

  private setState(state: SpeechState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange(state);
  }

  private collectSentences(): Sentence[] {
    const sentences: Sentence[] = [];
    for (const root of this.options.roots()) {
      const blocks = [root, ...Array.from(root.querySelectorAll(BLOCK_SELECTOR))].filter(
        (block) => block.matches(BLOCK_SELECTOR) && !block.querySelector(BLOCK_SELECTOR),
      );
      // Text outside any block (a body of bare text and <br>) is read as one block.
      for (const block of blocks.length > 0 ? blocks : [root]) {
        sentences.push(...blockSentences(block));
      }
    }
    return sentences;
  }

  private firstVisibleSentence(): number {
    if (this.options.scroller.scrollTop < 8) return 0;
    const top = this.options.topInset();
    const index = this.sentences.findIndex(
      // The first sentence that starts below the toolbar, i.e. fully in view.
      (sentence) => sentence.range.getBoundingClientRect().top >= top,
    );
    return Math.max(0, index);
  }

  private speakCurrent(): void {
    const sentence = this.sentences[this.index];
    if (!sentence) {
      this.stop();
      return;
    }
    const win = this.options.win as SpeechWindow;
    const Utterance = win.SpeechSynthesisUtterance;
    if (!Utterance) return;
    const generation = this.generation;
    const utterance = new Utterance(sentence.text);
    const lang = this.options.lang();
    utterance.lang = speechLang(lang);
    const voice = pickVoice(win.speechSynthesis.getVoices(), lang);
    if (voice) utterance.voice = voice;
    utterance.rate = this.options.rate();
    const next = () => {
      if (generation !== this.generation) return;
      this.index += 1;
      this.speakCurrent();
    };
    utterance.onend = next;
    utterance.onerror = (event: SpeechSynthesisErrorEvent) => {
      if (generation !== this.generation) return;
      // `interrupted`/`canceled` come from our own cancel().
      if (event.error === 'interrupted' || event.error === 'canceled') return;
      // One sentence the engine cannot take is skipped; anything else (no voice, no engine)
      // would fail the same way for every sentence, so reading stops and says why.
      if (event.error === 'text-too-long') {
        next();
        return;
      }
      this.stop();
      this.options.onError?.(event.error);
    };
    this.highlight(sentence);
    win.speechSynthesis.speak(utterance);
  }

  private highlight(sentence: Sentence): void {
    const win = this.options.win as SpeechWindow;
    const registry = win.CSS?.highlights;
    if (registry && win.Highlight) {
      registry.set(HIGHLIGHT_NAME, new win.Highlight(sentence.range));
    } else if (this.fallbackBlock !== sentence.block) {
      this.fallbackBlock?.classList.remove(FALLBACK_CLASS);
      sentence.block.classList.add(FALLBACK_CLASS);
      this.fallbackBlock = sentence.block;
    }
    this.scrollIntoView(sentence.range);
  }

  private clearHighlight(): void {
    const win = this.options.win as SpeechWindow;
    win.CSS?.highlights?.delete(HIGHLIGHT_NAME);
    this.fallbackBlock?.classList.remove(FALLBACK_CLASS);
    this.fallbackBlock = null;
  }

  /** Keeps the spoken sentence between the toolbar and the bottom of the window. */
  private scrollIntoView(range: Range): void {
    const rect = range.getBoundingClientRect();
    const top = this.options.topInset();
    const bottom = this.options.win.innerHeight;
    if (rect.top >= top && rect.bottom <= bottom) return;
    const visibleHeight = Math.max(0, bottom - top);
    this.options.scroller.scrollBy({ top: rect.top - top - visibleHeight / 4 });
  }
}
