// The on-demand modules (`convert.js`, `reader.js`) run in the content script's isolated world via
// `scripting.executeScript`; they hand their API over through these globals, which live only in
// the extension's world and are invisible to the page.
import type { DetectedScript, ExtractedArticle, ScriptTarget } from '../core/types.ts';
import type { ReaderPrefs } from '../reader/prefs.ts';

export interface ConvertModule {
  detectScript(text: string): DetectedScript;
  converterForTarget(
    target: ScriptTarget,
    pageScript: DetectedScript,
  ): ((text: string) => string) | null;
  startConversion(
    doc: Document,
    options: {
      convert: (text: string) => string;
      lang: string;
      signal: AbortSignal;
      isExcluded?: (el: Element) => boolean;
    },
  ): { done: Promise<void>; readonly changed: number };
}

export interface ReaderModuleOpenOptions {
  prefs: ReaderPrefs;
  strings: Record<string, string>;
  lang: string;
  convert: ((text: string) => string) | null;
  onPrefsChange: (prefs: ReaderPrefs) => void;
  onClose: () => void;
}

export interface ReaderModuleHandle {
  close(): void;
  setPrefs(prefs: ReaderPrefs): void;
  setTextConverter(convert: ((text: string) => string) | null, lang: string): void;
}

export interface ReaderModule {
  extract(doc: Document): ExtractedArticle;
  open(
    doc: Document,
    article: ExtractedArticle,
    options: ReaderModuleOpenOptions,
  ): ReaderModuleHandle;
  stringKeys: readonly string[];
  englishStrings: Record<string, string>;
}

interface QingyueGlobals {
  __qingyueConvert?: ConvertModule;
  __qingyueReader?: ReaderModule;
}

export const qingyueGlobals = globalThis as typeof globalThis & QingyueGlobals;

export { LANG_OF_TARGET } from '../core/lang.ts';
