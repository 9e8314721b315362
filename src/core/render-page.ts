// The clean reader page the CLI writes: one self-contained HTML document (inline styles, no
// scripts, no external resources) with the article's header and its sanitised body.
import type { ExtractedArticle } from './types.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const LABELS: Record<'hans' | 'hant', { source: string; original: string; attachments: string }> = {
  hans: { source: '来源', original: '原文链接', attachments: '附件' },
  hant: { source: '來源', original: '原文連結', attachments: '附件' },
};

export function renderReaderPage(article: ExtractedArticle, lang: string): string {
  const labels = /Hant|TW|HK|MO/i.test(lang) ? LABELS.hant : LABELS.hans;
  const title = article.title ?? '';
  const meta: string[] = [];
  if (article.publishedTime) {
    const shown = article.publishedTime.replace('T', ' ');
    meta.push(`<time datetime="${escapeHtml(article.publishedTime)}">${escapeHtml(shown)}</time>`);
  }
  if (article.source) meta.push(`<span>${labels.source}：${escapeHtml(article.source)}</span>`);
  if (article.siteName) meta.push(`<span>${escapeHtml(article.siteName)}</span>`);
  if (article.url) meta.push(`<a href="${escapeHtml(article.url)}">${labels.original}</a>`);
  const attachments = article.attachments.length
    ? `<section><h2>${labels.attachments}</h2><ul>${article.attachments
        .map((a) => `<li><a href="${escapeHtml(a.href)}">${escapeHtml(a.name)}</a></li>`)
        .join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;background:#fdfdfb;color:#1a1a1a;font:20px/1.8 "Noto Sans CJK SC","Noto Sans CJK TC","PingFang SC","Microsoft YaHei",sans-serif}
article{max-width:40em;margin:0 auto;padding:2em 1em}
h1{font-size:1.6em;line-height:1.4;margin:0 0 .5em}
header p{color:#444;font-size:.85em;display:flex;flex-wrap:wrap;gap:.25em 1em}
p{margin:0 0 1em;text-indent:2em;overflow-wrap:anywhere}
img{max-width:100%;height:auto}table{border-collapse:collapse;display:block;overflow-x:auto}
td,th{border:1px solid #999;padding:.25em .5em}a{color:#0b4f9c}
</style>
</head>
<body>
<article>
<header><h1>${escapeHtml(title)}</h1><p>${meta.join(' ')}</p></header>
${article.contentHtml}
${attachments}
</article>
</body>
</html>
`;
}
