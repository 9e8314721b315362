// Types shared by every part of the core. The core is DOM-pure: it works on any `Document`
// (a live page, happy-dom, linkedom) and never touches an extension API.

/** What the user chose for a page's script. `original` means "leave the page as it is". */
export type ScriptTarget = 'original' | 'hans' | 'hant' | 'tw' | 'hk';

/** The script a piece of text is written in, as far as can be told from its characters. */
export type DetectedScript = 'hans' | 'hant' | 'none';

/** Verdict of article detection, with the signals that produced it (for tests and the CLI). */
export interface ArticleVerdict {
  isArticle: boolean;
  /** Positive and negative signals, e.g. `meta:ArticleTitle`, `label:发布时间`, `list:dated-rows`. */
  reasons: string[];
}

/** Metadata of an article, as shown in the reader header and printed by the CLI. */
export interface ArticleMeta {
  title: string | null;
  /** ISO 8601 local time: `2024-05-23T08:54`, `2024-05-23T08:54:00`, `2020-08-02`. */
  publishedTime: string | null;
  source: string | null;
  siteName: string | null;
  /** 文号 / 發文字號 of 信息公开 pages. */
  docNumber: string | null;
  /** 索引号 of 信息公开 pages. */
  indexNumber: string | null;
}

export interface Attachment {
  name: string;
  href: string;
}

/** A full extraction: metadata plus the cleaned body. */
export interface ExtractedArticle extends ArticleMeta {
  isArticle: boolean;
  reasons: string[];
  /** Sanitised body HTML (DOMPurify, strict allow-list): paragraphs, headings, lists, tables, images. */
  contentHtml: string;
  /** Body as plain text, paragraphs separated by `\n`. */
  text: string;
  attachments: Attachment[];
  /** BCP 47 language of the page as declared or detected (`zh-CN`, `zh-TW`, `en`...). */
  lang: string | null;
  url: string | null;
}

/** One piece of injected spam found on a page. */
export interface SpamFinding {
  /** The element to remove. `null` for findings that are not an element (the stuffed `<title>`). */
  element: Element | null;
  kind: 'element' | 'title' | 'meta';
  /** The text a reader would have seen or heard (trimmed, at most a few hundred characters). */
  text: string;
  /** The rules that fired, e.g. `hidden:display-none`, `links:offsite`, `terms:3`, `separator-list`. */
  reasons: string[];
}

/** Options for spam detection. */
export interface SpamScanOptions {
  /**
   * Use `getComputedStyle` and layout (live browser). When false (Node, CLI) only inline and
   * embedded `<style>` rules that can be read statically are used.
   */
  useLayout: boolean;
  /** The page's URL, to tell on-site from off-site links. */
  pageUrl?: string;
}
