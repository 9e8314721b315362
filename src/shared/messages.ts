// Messages between the popup, the background and the content script. Settings themselves travel
// through storage (every tab watches them); messages carry only page state and one-off actions.
import type { DetectedScript, ScriptTarget } from '../core/types.ts';

export interface SpamItem {
  text: string;
  reasons: string[];
}

/** What the content script knows about its page, shown by the popup and the toolbar badge. */
export interface PageState {
  url: string;
  site: string | null;
  isArticle: boolean;
  title: string | null;
  spamEnabled: boolean;
  spamItems: SpamItem[];
  script: ScriptTarget;
  pageScript: DetectedScript;
  readerOpen: boolean;
}

export type ContentRequest =
  | { type: 'qy:getState' }
  | { type: 'qy:openReader' }
  /** Loads the reader module without opening it (the popup was opened on an article). */
  | { type: 'qy:prepareReader' }
  | { type: 'qy:closeReader' }
  | { type: 'qy:toggleReader' };

/** Sent by a content script to the background. */
export type BackgroundRequest =
  { type: 'qy:inject'; module: 'convert' | 'reader' } | { type: 'qy:state'; state: PageState };

export const INJECTED_FILES = {
  convert: '/convert.js',
  reader: '/reader.js',
} as const;
