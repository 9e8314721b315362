// Converting a page in place: what converts, what never does, phrases across markup, and exact
// restore. Live changes and scheduling are in convert-dom-live.test.ts.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TUNING,
  startConversion,
  startConversionWith,
  type ConversionOptions,
} from '../../src/core/convert/dom.ts';
import { converter, openPage, pageHtml, readFixture } from '../fixtures/convert/dom-harness.ts';

function options(signal: AbortSignal, extra: Partial<ConversionOptions> = {}): ConversionOptions {
  return { convert: converter('tw'), lang: 'zh-Hant-TW', signal, ...extra };
}

async function convertHtml(html: string, extra: Partial<ConversionOptions> = {}) {
  const page = openPage(html);
  const controller = new AbortController();
  const handle = startConversion(page.document, options(controller.signal, extra));
  await handle.done;
  return { ...page, controller, handle };
}

function bodyOf(document: Document): string {
  return document.body.innerHTML;
}

/** The reference-like fixture with an open shadow root attached to #host. */
function openReferencePage() {
  const page = openPage(readFixture('reference-like.html'));
  const host = page.document.getElementById('host');
  if (host === null) throw new Error('fixture lost #host');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<p title="影子提示">影子里面的头<b>发</b></p>';
  return page;
}

describe('what converts', () => {
  it('converts text nodes, the document title and sets lang on <html>', async () => {
    const { document } = await convertHtml(
      '<html lang="zh-CN"><head><title>头发护理</title></head><body><p>关于干部的后面</p></body></html>',
    );
    expect(document.title).toBe('頭髮護理');
    expect(document.querySelector('p')?.textContent).toBe('關於幹部的後面');
    expect(document.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
  });

  it('converts attributes people read or hear', async () => {
    const { document } = await convertHtml(`<body>
      <a id="a" href="/x" title="手机客户端" aria-label="长者版" aria-description="无障碍说明">x</a>
      <img id="img" alt="会议现场" src="/a.jpg">
      <input id="text" placeholder="请输入关键词">
      <input id="button" type="button" value="重置条件">
      <input id="reset" type="reset" value="重新填写">
      <input id="submit" type="submit" value="提交">
      <select><optgroup id="group" label="苏北地区"><option value="xz">徐州</option></optgroup></select>
    </body>`);
    const attr = (id: string, name: string) => document.getElementById(id)?.getAttribute(name);
    expect(attr('a', 'title')).toBe('手機客戶端');
    expect(attr('a', 'aria-label')).toBe('長者版');
    expect(attr('a', 'aria-description')).toBe('無障礙說明');
    expect(attr('img', 'alt')).toBe('會議現場');
    expect(attr('text', 'placeholder')).toBe('請輸入關鍵詞');
    expect(attr('button', 'value')).toBe('重置條件');
    expect(attr('reset', 'value')).toBe('重新填寫');
    expect(attr('submit', 'value')).toBe('提交');
    expect(attr('group', 'label')).toBe('蘇北地區');
    expect(document.querySelector('option')?.textContent).toBe('徐州');
  });

  it('converts open shadow roots and same-origin frames, with lang on the frame too', async () => {
    const page = openReferencePage();
    const controller = new AbortController();
    await startConversion(page.document, options(controller.signal)).done;
    const shadow = page.document.getElementById('host')?.shadowRoot;
    expect(shadow?.innerHTML).toBe('<p title="影子提示">影子裡面的頭<b>髮</b></p>');
    const frameDocument = (page.document.getElementById('frame') as HTMLIFrameElement)
      .contentDocument;
    expect(frameDocument?.title).toBe('視頻報道');
    expect(frameDocument?.body.innerHTML).toBe('<p>視頻裡面的頭<b>髮</b></p>');
    expect(frameDocument?.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
    expect(page.document.getElementById('frame')?.getAttribute('title')).toBe('相關視頻');
  });
});

describe('what never converts', () => {
  it('leaves code, scripts, styles, user input and "do not translate" marks alone', async () => {
    const { document } = await convertHtml(readFixture('reference-like.html'));
    const text = (selector: string) => document.querySelector(selector)?.textContent;
    expect(text('script')).toContain('无锡市人民政府');
    expect(text('style')).toBe('#zoom p{text-indent:2em} .info{color:#888}');
    expect(text('code')).toBe('安装软件');
    expect(text('kbd')).toBe('回车键');
    expect(text('samp')).toBe('完成设置');
    expect(text('pre.language-js')).toBe('var 说明 = "简体";');
    expect(text('[translate="no"]')).toBe('不要翻译这里的简体字');
    expect(text('.notranslate')).toBe('这里也保持原样');
    expect(text('[contenteditable]')).toBe('用户正在编辑的内容');
    expect(text('[data-qingyue-ui]')).toBe('扩展界面文字');
    expect(text('qingyue-reader')).toBe('阅读器内容');
    expect(text('noscript')).toBe('请启用脚本');
    // What the user typed, and values a form sends to the server.
    const attr = (selector: string, name: string) =>
      document.querySelector(selector)?.getAttribute(name);
    expect(attr('input[name=q]', 'value')).toBe('搜索关键词');
    expect(text('textarea')).toBe('用户输入的留言');
    expect(attr('input[name=action]', 'value')).toBe('发送');
    expect(attr('button', 'value')).toBe('发送');
    expect(text('option:not([value])')).toBe('无锡');
    // ...while the prose around them converts, and so do their readable attributes.
    expect(text('pre:not([class])')).toBe('通知:請於週一前報送材料。');
    expect(attr('input[name=q]', 'placeholder')).toBe('請輸入關鍵詞');
    expect(attr('textarea', 'placeholder')).toBe('請留言');
    expect(text('button')).toBe('發送留言');
    expect(attr('button', 'aria-description')).toBe('發送表單');
    expect(text('option[value=nj]')).toBe('南京');
  });

  it('treats a <pre> that holds code as code', async () => {
    const { document } = await convertHtml(
      '<body><pre id="a"><code>打印 后面</code></pre><pre id="b" class="brush: js">后面</pre><pre id="c">后面</pre></body>',
    );
    expect(document.getElementById('a')?.textContent).toBe('打印 后面');
    expect(document.getElementById('b')?.textContent).toBe('后面');
    expect(document.getElementById('c')?.textContent).toBe('後面');
  });

  it('honours isExcluded for elements the caller owns', async () => {
    const { document } = await convertHtml(
      '<body><div id="ui" class="toolbar">设置</div><p>设置</p></body>',
      { isExcluded: (el) => el.id === 'ui' },
    );
    expect(document.getElementById('ui')?.textContent).toBe('设置');
    expect(document.querySelector('p')?.textContent).toBe('設置');
  });
});

describe('phrases split by inline markup', () => {
  it('converts a run across inline elements as one phrase', async () => {
    const { document } = await convertHtml(
      '<body><p id="a">头<b>发</b></p><p id="b">干<a href="/">部</a></p><p id="c">理<span>发</span>店</p>' +
        '<p id="d"><font color="red">头</font><wbr>发</p></body>',
    );
    expect(document.getElementById('d')?.innerHTML).toBe('<font color="red">頭</font><wbr>髮');
    expect(document.getElementById('a')?.innerHTML).toBe('頭<b>髮</b>');
    expect(document.getElementById('b')?.innerHTML).toBe('幹<a href="/">部</a>');
    expect(document.getElementById('c')?.innerHTML).toBe('理<span>髮</span>店');
  });

  it('does not join text across blocks, <br> or skipped elements', async () => {
    const { document } = await convertHtml(
      '<body><div id="a"><p>头</p><p>发</p></div><p id="b">头<br>发</p><p id="c">头<code>x</code>发</p></body>',
    );
    // 发 alone is 發 (to send); only the phrase 头发 makes it 髮 (hair).
    expect(document.getElementById('a')?.innerHTML).toBe('<p>頭</p><p>發</p>');
    expect(document.getElementById('b')?.innerHTML).toBe('頭<br>發');
    expect(document.getElementById('c')?.innerHTML).toBe('頭<code>x</code>發');
  });

  it('cuts a run whose length changes where its prefixes end (Taiwan phrases)', async () => {
    // cn -> twp turns U盘 (2 characters) into 隨身碟 (3): offsets no longer line up.
    const page = openPage('<body><p>存进U盘的头<b>发</b>照片</p></body>');
    const handle = startConversionWith(
      page.document,
      options(new AbortController().signal, { convert: converter('twp') }),
      DEFAULT_TUNING,
    );
    await handle.done;
    expect(page.document.querySelector('p')?.innerHTML).toBe('存進隨身碟的頭<b>髮</b>照片');
    expect(handle.stats.prefixRuns).toBe(1);
  });

  it('converts node by node when a phrase that changes length straddles the markup', async () => {
    const page = openPage('<body><p>存进U<b>盘的</b></p></body>');
    const handle = startConversionWith(
      page.document,
      options(new AbortController().signal, { convert: converter('twp') }),
      DEFAULT_TUNING,
    );
    await handle.done;
    // No right place to cut 隨身碟: each node on its own, nothing lands in the wrong node.
    expect(page.document.querySelector('p')?.innerHTML).toBe('存進U<b>盤的</b>');
    expect(handle.stats.perNodeRuns).toBe(1);
  });
});

describe('restore', () => {
  it('puts the reference-like page back exactly, frames and shadow roots included', async () => {
    const page = openReferencePage();
    const before = pageHtml(page.document);
    const controller = new AbortController();
    const handle = startConversion(page.document, options(controller.signal));
    await handle.done;
    const converted = pageHtml(page.document);
    expect(converted).not.toBe(before);
    expect(handle.changed).toBeGreaterThan(40);
    controller.abort();
    expect(pageHtml(page.document)).toBe(before);
  });

  it('removes lang when the page had none, and restores a different one', async () => {
    const none = await convertHtml('<html><body><p>后面</p></body></html>');
    expect(none.document.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
    none.controller.abort();
    expect(none.document.documentElement.hasAttribute('lang')).toBe(false);

    const empty = await convertHtml('<html lang=""><body><p>后面</p></body></html>');
    empty.controller.abort();
    expect(empty.document.documentElement.getAttribute('lang')).toBe('');
  });

  it('leaves what the page changed after conversion as the page made it', async () => {
    const { document, controller } = await convertHtml(
      '<body><p id="a">后面</p><p id="b" title="关于">头<b>发</b></p><p id="c">里面</p></body>',
    );
    const a = document.getElementById('a');
    const b = document.getElementById('b');
    const c = document.getElementById('c');
    // The page rewrites one node, changes an attribute, and removes a paragraph.
    const edited = a?.firstChild as Text;
    edited.data = '页面自己写的';
    b?.setAttribute('title', '页面的提示');
    c?.remove();
    controller.abort();
    expect(edited.data).toBe('页面自己写的');
    expect(b?.getAttribute('title')).toBe('页面的提示');
    expect(b?.innerHTML).toBe('头<b>发</b>');
    expect(document.body.innerHTML).toBe(
      '<p id="a">页面自己写的</p><p id="b" title="页面的提示">头<b>发</b></p>',
    );
  });

  it('switches target (tw -> hk) by abort and restart, exactly as a fresh hk conversion', async () => {
    const html = readFixture('reference-like.html');
    const fresh = await convertHtml(html, { convert: converter('hk'), lang: 'zh-Hant-HK' });

    const page = openPage(html);
    const original = pageHtml(page.document);
    const tw = new AbortController();
    await startConversion(page.document, options(tw.signal)).done;
    tw.abort();
    const hk = new AbortController();
    await startConversion(
      page.document,
      options(hk.signal, { convert: converter('hk'), lang: 'zh-Hant-HK' }),
    ).done;
    expect(pageHtml(page.document)).toBe(pageHtml(fresh.document));
    expect(page.document.documentElement.getAttribute('lang')).toBe('zh-Hant-HK');
    hk.abort();
    expect(pageHtml(page.document)).toBe(original);
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const page = openPage('<html lang="zh-CN"><body><p>后面</p></body></html>');
    const handle = startConversion(page.document, options(controller.signal));
    await handle.done;
    expect(handle.changed).toBe(0);
    expect(bodyOf(page.document)).toBe('<p>后面</p>');
    expect(page.document.documentElement.getAttribute('lang')).toBe('zh-CN');
  });
});

describe('in Node with linkedom (the command line)', () => {
  it('converts and restores the reference-like page exactly', async () => {
    const { document } = parseHTML(readFixture('reference-like.html')) as unknown as {
      document: Document;
    };
    const before = document.documentElement.outerHTML;
    const controller = new AbortController();
    const handle = startConversion(document, options(controller.signal));
    await handle.done;
    expect(document.title).toBe('深化對接雙向賦能 攜手並進_無錫要聞_無錫市人民政府');
    expect(document.querySelector('#zoom p:nth-child(2)')?.innerHTML).toBe(
      '他剪了頭<b>髮</b>,和<a href="/rw/">幹<span>部</span></a>們一起裡<em>面</em>走。',
    );
    expect(document.querySelector('code')?.textContent).toBe('安装软件');
    controller.abort();
    expect(document.documentElement.outerHTML).toBe(before);
  });
});

describe('robustness', () => {
  it('never throws into the page: a failing converter costs only its own run', async () => {
    const tw = converter('tw');
    const convert = (text: string) => {
      if (text.includes('坏')) throw new Error('converter failure');
      return tw(text);
    };
    const page = openPage('<body><p>坏掉的段落</p><p>后面</p></body>');
    const controller = new AbortController();
    const handle = startConversion(page.document, options(controller.signal, { convert }));
    await handle.done;
    expect(bodyOf(page.document)).toBe('<p>坏掉的段落</p><p>後面</p>');
    expect(() => controller.abort()).not.toThrow();
    expect(bodyOf(page.document)).toBe('<p>坏掉的段落</p><p>后面</p>');
  });

  it('passes over a node that throws and an isExcluded that throws, converting the rest', async () => {
    const page = openPage(
      '<body><p id="a">坏掉的节点</p><div id="b" class="widget">小部件里面</div><p id="c">后面</p></body>',
    );
    const broken = page.document.getElementById('a')?.firstChild as Text;
    Object.defineProperty(broken, 'data', {
      get: () => '坏掉的节点',
      set: () => {
        throw new Error('read-only node');
      },
    });
    const controller = new AbortController();
    const isExcluded = (el: Element) => {
      if (el.id === 'b') throw new Error('caller bug');
      return false;
    };
    const handle = startConversion(page.document, options(controller.signal, { isExcluded }));
    await handle.done;
    expect(page.document.getElementById('b')?.textContent).toBe('小部件里面');
    expect(page.document.getElementById('c')?.textContent).toBe('後面');
    expect(() => controller.abort()).not.toThrow();
    expect(page.document.getElementById('c')?.textContent).toBe('后面');
  });

  it('counts every text node and attribute it changed', async () => {
    const { handle } = await convertHtml(
      '<body><p title="关于">头<b>发</b> and English</p><p>2024</p></body>',
    );
    // 头, 发, the title attribute. The English and the number need nothing.
    expect(handle.changed).toBe(3);
  });
});
