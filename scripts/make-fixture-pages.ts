// Writes the project's own reference-style test pages (tests/fixtures/pages/article.*.html):
// a government news article in Simplified, and the same page as a naive character-table
// "繁體版" with the typical leftovers (干部, 并進, 關于). Run: npx tsx scripts/make-fixture-pages.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';

const dir = resolve(import.meta.dirname, '../tests/fixtures/pages');
const paragraphs = readFileSync(resolve(dir, 'article-paragraphs.txt'), 'utf8').trim().split('\n');

const hans = {
  lang: 'zh-CN',
  title: '深化对接双向赋能 携手并进 为开创临江山阳协作发展新局面作出更大贡献',
  site: '临江市人民政府',
  column: '临江要闻',
  source: '临江日报',
  labels: {
    time: '发布时间',
    size: '字号',
    views: '浏览次数',
    source: '来源',
    print: '打印本页',
    close: '关闭窗口',
    position: '当前位置',
    home: '首页',
    news: '新闻中心',
    body: '正文',
    big: '大',
    mid: '中',
    small: '小',
  },
  nav: ['首页', '新闻中心', '政务公开', '政务服务', '互动交流'],
  top: ['繁體版', 'English', '无障碍浏览', '长者版'],
  footer: ['微信公众号', '政务微博', '智能问答', '网站地图', '回到顶部'],
};
const spamLine = '澳门新葡京娱乐_在线真人百家乐_免费看黄色网站_六合彩开奖直播';

function page(t: typeof hans, body: string[]): string {
  return `<!DOCTYPE html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}_${t.column}_${t.site}</title>
<meta name="SiteName" content="${t.site}">
<meta name="ColumnName" content="${t.column}">
<meta name="ArticleTitle" content="${t.title}">
<meta name="PubDate" content="2024-05-23 08:54">
<meta name="ContentSource" content="${t.source}">
<style>
body{margin:0;font:14px/1.6 sans-serif;color:#333;background:#fff}
.top{background:#b40000;padding:6px 20px;font-size:12px}.top a{color:#fff;margin-right:12px}
.banner{height:80px;background:#c00;color:#fff;font-size:28px;padding:20px 40px;box-sizing:border-box}
.nav{background:#900;padding:8px 40px}.nav a{color:#fff;margin-right:24px}
.wrap{max-width:1000px;margin:0 auto}
.position{padding:10px 0;color:#666;border-bottom:1px solid #ddd}
.article-title{font-size:26px;text-align:center;margin:24px 0 12px}
.info{text-align:center;color:#888;font-size:12px;border-bottom:1px dashed #ccc;padding-bottom:10px}
#zoom{font-size:16px;line-height:2;padding:20px 30px}#zoom p{text-indent:2em;margin:0 0 12px}
.source{text-align:right;padding:0 30px;color:#666}.tools{padding:10px 30px;font-size:12px}
.footer{background:#f3f3f3;margin-top:30px;padding:20px 40px;font-size:12px}.footer a{margin-right:16px}
</style>
</head>
<body>
<div class="top"><div class="wrap">${t.top.map((x) => `<a href="/${encodeURIComponent(x)}/">${x}</a>`).join('')}</div></div>
<div class="banner"><div class="wrap">${t.site}</div></div>
<div class="nav"><div class="wrap">${t.nav.map((x, i) => `<a href="/n${i}/">${x}</a>`).join('')}</div></div>
<div class="wrap">
<div class="position">${t.labels.position}:<a href="/">${t.labels.home}</a> &gt; <a href="/xwzx/">${t.labels.news}</a> &gt; ${t.labels.body}</div>
<h1 class="article-title">${t.title}</h1>
<div class="info">${t.labels.time}:2024-05-23 08:54 ${t.labels.size}:[ <a href="javascript:void(0)">${t.labels.big}</a> <a href="javascript:void(0)">${t.labels.mid}</a> <a href="javascript:void(0)">${t.labels.small}</a> ] ${t.labels.views}:<span id="hits"></span></div>
<div id="zoom">
${body.map((p) => `<p>${p}</p>`).join('\n')}
</div>
<div class="source">${t.labels.source}:${t.source}</div>
<div class="tools"><a href="javascript:window.print()">${t.labels.print}</a> <a href="javascript:window.close()">${t.labels.close}</a></div>
</div>
<div class="footer"><div class="wrap">${t.footer.map((x, i) => `<a href="/f${i}/">${x}</a>`).join('')}</div></div>
<div>${spamLine}</div>
</body>
</html>
`;
}

const s2t = OpenCC.Converter({ from: 'cn', to: 't' });
/** What a naive one-character table gets wrong: it maps 干/并/于/发 one way only. */
function naive(text: string): string {
  return s2t(text)
    .replaceAll('幹部', '干部')
    .replaceAll('並進', '并進')
    .replaceAll('關於', '關于')
    .replaceAll('頭髮', '頭發');
}
function deepMap<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => deepMap(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMap(v, fn)])) as T;
  }
  return value;
}

writeFileSync(resolve(dir, 'article.hans.html'), page(hans, paragraphs));
const hant = {
  ...deepMap(hans, naive),
  lang: 'zh-TW',
  top: ['简体版', 'English', '無障礙瀏覽', '長者版'],
};
writeFileSync(resolve(dir, 'article.hant.html'), page(hant, paragraphs.map(naive)));
console.log('wrote article.hans.html and article.hant.html');
