// Cheap reading of a page's visible text as "lines" (one per block element), and of the labelled
// fields government pages print around an article: 发布时间：…, 来源：…, 索引号：….
// Used by both detection (content script) and metadata extraction, so it must stay fast and must
// not pull in Readability.

/** Elements whose text a reader never sees, or which are form/UI widgets rather than content (local names). */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'select',
  'option',
  'textarea',
  'iframe',
  'svg',
  'head',
  'title',
  'button',
]);

/** Elements that start a new line of text. Inline elements (span, a, font, b...) continue it. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'nav',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'hr',
  'blockquote',
  'form',
  'center',
  'figure',
  'figcaption',
  'pre',
  'address',
  'fieldset',
  'label',
]);

/**
 * Where to read the page's content from: the whole document. Normally that is `<body>` plus a
 * `<head>` we skip; but linkedom (the CLI's parser) misplaces content on some saved pages (a
 * `<script>` before `<head>`, a self-closed `<button/>`), leaving it beside `<body>`, under `<html>`
 * or even beside `<html>`. Reading from the document finds it wherever it went.
 */
export function contentRoot(doc: Document): ParentNode {
  return doc;
}

/**
 * Repairs linkedom's misplacements on a clone: moves every element or text that is outside
 * `<head>`/`<body>` into `<body>`, in document order, so Readability (which reads `doc.body`) sees it.
 */
export function repairStrayContent(doc: Document): void {
  const html = doc.documentElement;
  if (!html) return;
  let body = doc.body;
  if (!body) {
    body = doc.createElement('body');
    html.appendChild(body);
  }
  const isShell = (node: Node): boolean =>
    node === html ||
    node === body ||
    (node.nodeType === 1 && (node as Element).tagName.toUpperCase() === 'HEAD');
  const strays: Node[] = [];
  for (const node of Array.from(html.childNodes))
    if (!isShell(node) && node.nodeType !== 8) strays.push(node);
  for (const node of Array.from(doc.childNodes))
    if (!isShell(node) && (node.nodeType === 1 || node.nodeType === 3)) strays.push(node);
  for (const node of strays) body.appendChild(node);
}

/** Normalises whitespace (incl. nbsp and the ideographic space) to single ASCII spaces. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/** Removes every kind of whitespace: for comparing Chinese strings laid out with stray spaces. */
export function compact(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
}

/** Inline `display:none` / `visibility:hidden` / `hidden` attribute: not seen by the reader. */
export function isInlineHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * The visible text of `root` split at block boundaries, whitespace-squashed, empty lines dropped.
 * Reads text nodes only, so stale `alt`/`title` attributes never leak in.
 */
export function visibleLines(root: Node, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = squash(current);
    if (line) lines.push(line);
    current = '';
  };
  const visit = (child: Node): void => {
    {
      if (child.nodeType === 3) {
        current += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const el = child as Element;
        // localName: lower case in HTML documents and, unlike tagName, not re-cased on every read
        const tag = el.localName;
        if (SKIPPED_TAGS.has(tag) || isInlineHidden(el)) return;
        const block = BLOCK_TAGS.has(tag);
        if (block) flush();
        walk(el);
        if (block) flush();
      }
    }
  };
  const walk = (node: Node): void => {
    if (lines.length >= maxLines) return;
    // linkedom gives the doctype no nextSibling, so the document's own children are listed
    if (node.nodeType === 9) {
      for (const child of Array.from(node.childNodes)) visit(child);
      return;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  walk(root);
  flush();
  return lines;
}

/** Labels of the publication time, in the scripts and wordings sites use. */
export const TIME_LABELS = [
  '发布时间',
  '发布日期',
  '發布時間',
  '發布日期',
  '发表时间',
  '發表時間',
  '更新时间',
  '更新時間',
  '时间',
  '時間',
  '日期',
  '发布于',
  '發佈日期',
  '發佈時間',
  '公布日期',
  '公布時間',
];
/** Labels of the source (来源): the publishing office or the newspaper a story comes from. */
export const SOURCE_LABELS = [
  '信息来源',
  '信息來源',
  '文章来源',
  '文章來源',
  '稿件来源',
  '稿件來源',
  '来源',
  '來源',
  '發布單位',
  '发布单位',
  '發布機關',
  '发布机构',
  '發布機構',
  '来源单位',
];
export const DOC_NUMBER_LABELS = ['发文字号', '發文字號', '文号', '文號', '发文编号'];
export const INDEX_NUMBER_LABELS = ['索引号', '索引號'];
/** Labels that never hold the publication date although they precede one (document dates). */
const OTHER_LABELS = [
  '生成日期',
  '发文日期',
  '成文日期',
  '印发日期',
  '有效期',
  '浏览次数',
  '瀏覽次數',
  '访问量',
  '點閱次數',
  '点击数',
  '點擊數',
  '阅读量',
  '作者',
  '字号',
  '字體',
  '字体',
  '分享',
  '打印',
  '责任编辑',
  '責任編輯',
  '编辑',
  '編輯',
  '访问次数',
  '发布机关',
  '公开方式',
  '公开时限',
  '公开范围',
  '主题分类',
  '责任部门',
  '名称',
  '标题',
  '更新日期',
  '点击',
  '浏览',
];

const ALL_LABELS = [
  ...TIME_LABELS,
  ...SOURCE_LABELS,
  ...DOC_NUMBER_LABELS,
  ...INDEX_NUMBER_LABELS,
  ...OTHER_LABELS,
].sort((a, b) => b.length - a.length);

/** Lets sites' spaced labels match: `索 引 号`, `来  源`. */
function spaced(label: string): string {
  return [...label].join('\\s*');
}

/** `label：value` with ASCII or full-width colon; the value runs to the next label or a wide gap. */
const LABEL_PATTERN = new RegExp(
  `(?<=^|[\\s\\[【(（|｜\\d)）\\]】])(${ALL_LABELS.map(spaced).join('|')})\\s*[:：]\\s*`,
  'g',
);

export interface LabelledField {
  label: string;
  value: string;
  /** Index of the line it was found on. */
  line: number;
}

/** Every `label：value` pair in the lines, in page order. Labels are returned without spaces. */
export function labelledFields(lines: readonly string[]): LabelledField[] {
  const fields: LabelledField[] = [];
  lines.forEach((line, lineIndex) => {
    if (line.length > 300) return; // labels sit on short meta lines, not inside paragraphs
    if (!line.includes('：') && !line.includes(':')) return; // cheap pre-filter: no colon, no label
    const matches = [...line.matchAll(LABEL_PATTERN)];
    matches.forEach((match, i) => {
      const start = (match.index ?? 0) + match[0].length;
      const end = matches[i + 1]?.index ?? line.length;
      let value = cleanValue(line.slice(start, end));
      // table and <dl> layouts put the value in the next cell: `<td>发布日期：</td><td>2018年12月29日</td>`
      const next = lines[lineIndex + 1];
      if (
        !value &&
        i === matches.length - 1 &&
        next &&
        next.length <= 80 &&
        !startsWithLabel(next)
      ) {
        value = cleanValue(next);
      }
      fields.push({ label: compact(match[1] ?? ''), value, line: lineIndex });
    });
  });
  return fields;
}

function startsWithLabel(line: string): boolean {
  LABEL_PATTERN.lastIndex = 0;
  const match = LABEL_PATTERN.exec(line);
  LABEL_PATTERN.lastIndex = 0;
  return match !== null && match.index === 0;
}

/** Cuts a label's value at controls and separators that follow it on the same line. */
function cleanValue(raw: string): string {
  return squash(
    raw
      .split(/\s{2,}|[|｜【[]|\s(?=[【[])/)[0]
      ?.replace(/[】\]]+$/, '')
      .replace(/[，,；;。]+$/, '') ?? '',
  );
}
