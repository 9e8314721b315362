// The whole pipeline on a saved page, as the CLI runs it: spam removal, extraction, conversion.
// The same core as the extension; only the spam scan differs (no layout in Node, so it reads
// inline and embedded styles and says so in each finding's reasons).
import { extractArticle } from './article/extract.ts';
import { converterForTarget } from './convert/engine.ts';
import { LANG_OF_TARGET } from './lang.ts';
import { renderReaderPage } from './render-page.ts';
import { detectScript } from './script.ts';
import { findSpam, removeSpam } from './spam/index.ts';
import type { ExtractedArticle, ScriptTarget } from './types.ts';

export interface CleanOptions {
  url?: string;
  script?: ScriptTarget;
  /** A window whose DOMPurify-capable globals sanitise the body (the parser's window in Node). */
  purifyWindow?: Window;
}

export interface CleanResult {
  isArticle: boolean;
  title: string | null;
  publishedTime: string | null;
  source: string | null;
  siteName: string | null;
  text: string;
  html: string;
  spam: { text: string; reasons: string[] }[];
  article: ExtractedArticle;
}

export function cleanDocument(doc: Document, options: CleanOptions = {}): CleanResult {
  const findings = findSpam(doc, { useLayout: false, pageUrl: options.url });
  removeSpam(doc, findings);
  const extracted = extractArticle(doc, { url: options.url, purifyWindow: options.purifyWindow });
  const target = options.script ?? 'original';
  const pageScript = detectScript(`${extracted.title ?? ''}\n${extracted.text}`);
  const convert = converterForTarget(target, pageScript) ?? ((s: string) => s);
  const convertOrNull = (s: string | null) => (s === null ? null : convert(s));
  const article: ExtractedArticle = {
    ...extracted,
    title: convertOrNull(extracted.title),
    source: convertOrNull(extracted.source),
    siteName: convertOrNull(extracted.siteName),
    text: convert(extracted.text),
    // Only text between tags is converted: attribute values (URLs) must stay as they are.
    contentHtml: extracted.contentHtml.replace(
      />([^<]+)</g,
      (_m, text: string) => `>${convert(text)}<`,
    ),
    attachments: extracted.attachments.map((a) => ({ ...a, name: convert(a.name) })),
  };
  const lang = (target === 'original' ? null : LANG_OF_TARGET[target]) ?? extracted.lang ?? 'zh';
  return {
    isArticle: article.isArticle,
    title: article.title,
    publishedTime: article.publishedTime,
    source: article.source,
    siteName: article.siteName,
    text: article.text,
    html: renderReaderPage(article, lang),
    spam: findings.map((f) => ({ text: f.text, reasons: [...f.reasons] })),
    article,
  };
}
