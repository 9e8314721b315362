// Converting what a page changes after the first pass, without echoes or fights, and doing the
// first pass in slices with the visible part first.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TUNING,
  startConversion,
  startConversionWith,
  type ConversionOptions,
  type ConversionTuning,
} from '../../src/core/convert/dom.ts';
import { converter, openPage, pageHtml, settle } from '../fixtures/convert/dom-harness.ts';

async function livePage(html: string, extra: Partial<ConversionOptions> = {}) {
  const page = openPage(html);
  const controller = new AbortController();
  let calls = 0;
  const tw = converter('tw');
  const convert = (text: string) => {
    calls++;
    return tw(text);
  };
  const handle = startConversionWith(
    page.document,
    { convert, lang: 'zh-Hant-TW', signal: controller.signal, ...extra },
    DEFAULT_TUNING,
  );
  await handle.done;
  return {
    ...page,
    controller,
    handle,
    get calls() {
      return calls;
    },
    byId: (id: string) => {
      const el = page.document.getElementById(id);
      if (el === null) throw new Error(`no #${id}`);
      return el;
    },
  };
}

/** MutationObserver callbacks run as microtasks: one await lets them run, before any task. */
const microtask = () => Promise.resolve();

describe('content the page adds or changes later', () => {
  it('converts appended elements within the same microtask checkpoint', async () => {
    const page = await livePage('<body><ul id="list"><li>第一条新闻</li></ul></body>');
    const item = page.document.createElement('li');
    item.innerHTML = '<a href="/n2" title="后续报道">关于<b>干</b>部的后续报道</a>';
    page.byId('list').appendChild(item);
    await microtask();
    expect(item.innerHTML).toBe('<a href="/n2" title="後續報道">關於<b>幹</b>部的後續報道</a>');
  });

  it('converts innerHTML written by scripts, keeping phrases across markup', async () => {
    const page = await livePage('<body><div id="tab">加载中</div></body>');
    page.byId('tab').innerHTML = '<p>他剪了头<b>发</b></p>';
    await microtask();
    expect(page.byId('tab').innerHTML).toBe('<p>他剪了頭<b>髮</b></p>');
  });

  it('converts text a script changes in place, and text added next to converted text', async () => {
    const page = await livePage('<body><p id="p">头</p><span id="clock">加载中</span></body>');
    (page.byId('clock').firstChild as Text).data = '后面的时间';
    // Appending 发 after the already converted 头 makes the phrase 头发 (頭髮).
    const b = page.document.createElement('b');
    b.textContent = '发';
    page.byId('p').appendChild(b);
    await microtask();
    expect(page.byId('clock').textContent).toBe('後面的時間');
    expect(page.byId('p').innerHTML).toBe('頭<b>髮</b>');
  });

  it('converts attributes and the title set by scripts', async () => {
    const page = await livePage(
      '<html><head><title>首页</title></head><body><a id="a" href="/">x</a></body></html>',
    );
    page.byId('a').setAttribute('title', '关于我们');
    page.document.title = '新闻中心';
    await microtask();
    expect(page.byId('a').getAttribute('title')).toBe('關於我們');
    expect(page.document.title).toBe('新聞中心');
  });

  it('does not convert its own writes again', async () => {
    const page = await livePage('<body><p>头<b>发</b></p><p title="关于">后面</p></body>');
    await settle(page.window);
    const afterFirstPass = page.calls;
    const p = page.document.createElement('p');
    p.textContent = '里面';
    page.document.body.appendChild(p);
    await settle(page.window);
    await settle(page.window);
    // One call for the new paragraph; none for the echoes of writing 裡面 or the first pass.
    expect(page.calls).toBe(afterFirstPass + 1);
    expect(p.textContent).toBe('裡面');
  });

  it('leaves alone what the user types into editable regions', async () => {
    const page = await livePage(
      '<body><div id="editor" contenteditable="true">输入</div><div id="ui" data-qingyue-ui></div></body>',
    );
    (page.byId('editor').firstChild as Text).data = '用户输入的简体字';
    page.byId('editor').appendChild(page.document.createTextNode('继续输入'));
    page.byId('ui').innerHTML = '<p>扩展界面</p>';
    await settle(page.window);
    expect(page.byId('editor').textContent).toBe('用户输入的简体字继续输入');
    expect(page.byId('ui').textContent).toBe('扩展界面');
  });

  it('backs off from a page script that keeps rewriting the same node', async () => {
    const page = await livePage('<body><p id="p">后面</p></body>');
    const text = page.byId('p').firstChild as Text;
    let pageWrites = 0;
    // A hostile page: whenever the node changes, it writes its own text back.
    // happy-dom's observer class, seen through the DOM's types like the rest of the page.
    const Observer = page.window.MutationObserver as unknown as typeof MutationObserver;
    const fighter = new Observer(() => {
      if (text.data !== '后面' && pageWrites < 1000) {
        pageWrites++;
        text.data = '后面';
      }
    });
    fighter.observe(text, { characterData: true });
    text.data = '后面 '; // Starts the fight: we convert, the page reverts, and so on.
    for (let i = 0; i < 20; i++) await settle(page.window);
    fighter.disconnect();
    expect(pageWrites).toBeLessThanOrEqual(DEFAULT_TUNING.maxRewritesPerSecond + 1);
    expect(page.handle.stats.backedOff).toBeGreaterThan(0);
  });

  it('converts shadow roots and frames that change or load later', async () => {
    const page = await livePage('<body><div id="host"></div></body>');
    const shadow = page.byId('host').attachShadow({ mode: 'open' });
    // A shadow root attached after the first pass is found when its host is (re)inserted.
    shadow.innerHTML = '<p>影子里面</p>';
    page.document.body.appendChild(page.byId('host'));
    await settle(page.window);
    expect(shadow.innerHTML).toBe('<p>影子裡面</p>');
    shadow.querySelector('p')?.append('后来的');
    await microtask();
    expect(shadow.textContent).toBe('影子裡面後來的');

    const frame = page.document.createElement('iframe');
    frame.setAttribute('srcdoc', '<p>框架里面</p>');
    page.document.body.appendChild(frame);
    await settle(page.window);
    expect(frame.contentDocument?.body.textContent).toBe('框架裡面');
    // The frame navigates: a new document, converted on its load event.
    frame.setAttribute('srcdoc', '<p>第二个页面</p>');
    await settle(page.window);
    await settle(page.window);
    expect(frame.contentDocument?.body.textContent).toBe('第二個頁面');
    expect(frame.contentDocument?.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
  });

  it('restores what it converted live, and stops observing on abort', async () => {
    const page = openPage('<body><div id="feed"></div></body>');
    const original = pageHtml(page.document);
    const controller = new AbortController();
    await startConversion(page.document, {
      convert: converter('tw'),
      lang: 'zh-Hant',
      signal: controller.signal,
    }).done;
    const feed = page.document.getElementById('feed') as HTMLElement;
    feed.innerHTML = '<p>后面</p>';
    await microtask();
    expect(feed.innerHTML).toBe('<p>後面</p>');
    controller.abort();
    expect(feed.innerHTML).toBe('<p>后面</p>');
    feed.innerHTML = '';
    expect(pageHtml(page.document)).toBe(original);
    feed.innerHTML = '<p>里面</p>';
    await settle(page.window);
    expect(feed.innerHTML).toBe('<p>里面</p>');
  });
});

describe('restore after live changes', () => {
  it('gives back the text the page wrote, not our conversion of it', async () => {
    const page = await livePage('<body><p id="p">首页</p></body>');
    const text = page.byId('p').firstChild as Text;
    text.data = '后面的通知';
    await microtask();
    expect(text.data).toBe('後面的通知');
    page.controller.abort();
    expect(text.data).toBe('后面的通知');
  });

  it('stays exact on a page that drops thousands of converted rows (the journal sweeps them)', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => `<li>第${i}条:关于后面</li>`).join('');
    const page = openPage(`<body><ul id="feed">${rows}</ul><p id="kept">里面</p></body>`);
    const controller = new AbortController();
    await startConversionWith(
      page.document,
      { convert: converter('tw'), lang: 'zh-Hant', signal: controller.signal },
      { ...DEFAULT_TUNING, sliceBudgetMs: Number.POSITIVE_INFINITY },
    ).done;
    // An endless list recycling its rows: the old ones go, new ones come and are converted.
    const feed = page.document.getElementById('feed') as HTMLElement;
    feed.innerHTML = Array.from({ length: 2100 }, (_, i) => `<li>新${i}:后面</li>`).join('');
    await microtask();
    expect(feed.lastElementChild?.textContent).toBe('新2099:後面');
    controller.abort();
    expect(feed.lastElementChild?.textContent).toBe('新2099:后面');
    expect(page.document.getElementById('kept')?.textContent).toBe('里面');
  });

  it('restores a panel the page took out of the document and puts back later', async () => {
    const page = await livePage('<body><div id="tabs"><div id="panel">关于我们</div></div></body>');
    const panel = page.byId('panel');
    panel.remove(); // A tab switch that keeps the panel aside.
    page.controller.abort();
    page.byId('tabs').appendChild(panel);
    expect(panel.textContent).toBe('关于我们');
  });
});

describe('scheduling', () => {
  const sliced: ConversionTuning = { ...DEFAULT_TUNING, sliceBudgetMs: 0 };

  function longPage(paragraphs: number): string {
    const rows: string[] = [];
    for (let i = 0; i < paragraphs; i++) rows.push(`<p id="p${i}">第${i}段:关于干部的后面</p>`);
    return `<body>${rows.join('')}<p id="visible">屏幕里面的头<b>发</b></p></body>`;
  }

  it('yields to the page between slices and converts everything by `done`', async () => {
    const page = openPage(longPage(600));
    const handle = startConversionWith(
      page.document,
      { convert: converter('tw'), lang: 'zh-Hant', signal: new AbortController().signal },
      sliced,
    );
    // The call returned after one slice: the end of the page is not converted yet.
    expect(page.document.getElementById('p599')?.textContent).toBe('第599段:关于干部的后面');
    let resolved = false;
    void handle.done.then(() => (resolved = true));
    await microtask();
    expect(resolved).toBe(false);
    await handle.done;
    expect(page.document.getElementById('p599')?.textContent).toBe('第599段:關於幹部的後面');
    expect(page.document.getElementById('visible')?.innerHTML).toBe('屏幕裡面的頭<b>髮</b>');
  });

  it('converts what is on screen first', async () => {
    const page = openPage(longPage(600));
    const visible = page.document.getElementById('visible') as HTMLElement;
    // Fake layout: the last paragraph fills the viewport.
    page.document.elementFromPoint = () => visible;
    visible.getBoundingClientRect = () => ({ height: 40 }) as DOMRect;
    const handle = startConversionWith(
      page.document,
      { convert: converter('tw'), lang: 'zh-Hant', signal: new AbortController().signal },
      sliced,
    );
    expect(visible.innerHTML).toBe('屏幕裡面的頭<b>髮</b>');
    expect(page.document.getElementById('p300')?.textContent).toBe('第300段:关于干部的后面');
    await handle.done;
    expect(page.document.getElementById('p300')?.textContent).toBe('第300段:關於幹部的後面');
  });

  it('converts the on-screen neighbours of what the probes hit, and nothing off screen first', async () => {
    const page = openPage(longPage(600));
    const doc = page.document;
    const height = page.window.innerHeight;
    // Fake layout: p200..p219 are on screen, 30 px apart; the probes only ever hit p210.
    const rows = Array.from({ length: 600 }, (_, i) => doc.getElementById(`p${i}`) as HTMLElement);
    rows.forEach((row, i) => {
      const top = (i - 200) * 30;
      row.getBoundingClientRect = () =>
        ({ top, bottom: top + 24, height: 24, width: 500 }) as DOMRect;
    });
    doc.elementFromPoint = () => rows[210] ?? null;
    expect(height).toBeGreaterThan(19 * 30);
    const handle = startConversionWith(
      doc,
      { convert: converter('tw'), lang: 'zh-Hant', signal: new AbortController().signal },
      sliced,
    );
    // In the same task as the call: every paragraph on screen, not just the one hit.
    const onScreen = rows.filter((_, i) => i >= 200 && (i - 200) * 30 < height);
    for (const row of onScreen) expect(row.textContent).toMatch(/關於幹部的後面$/);
    expect(rows[199]?.textContent).toBe('第199段:关于干部的后面');
    expect(rows[599]?.textContent).toBe('第599段:关于干部的后面');
    await handle.done;
    expect(rows[599]?.textContent).toBe('第599段:關於幹部的後面');
  });

  it('slices a large insertion by a page script too', async () => {
    const page = openPage('<body><ul id="feed"></ul></body>');
    await startConversionWith(
      page.document,
      { convert: converter('tw'), lang: 'zh-Hant', signal: new AbortController().signal },
      sliced,
    ).done;
    const feed = page.document.getElementById('feed') as HTMLElement;
    feed.innerHTML = Array.from({ length: 100 }, (_, i) => `<li>第${i}条后面</li>`).join('');
    await microtask();
    // The first rows at once, the rest in later slices rather than in one long task.
    expect(feed.firstElementChild?.textContent).toBe('第0條後面');
    expect(feed.lastElementChild?.textContent).toBe('第99条后面');
    for (let i = 0; i < 1000 && feed.lastElementChild?.textContent !== '第99條後面'; i++) {
      await settle(page.window);
    }
    expect(feed.lastElementChild?.textContent).toBe('第99條後面');
  });

  it('restores exactly when aborted halfway through the first pass', async () => {
    const page = openPage(longPage(600));
    const original = pageHtml(page.document);
    const controller = new AbortController();
    startConversionWith(
      page.document,
      { convert: converter('tw'), lang: 'zh-Hant', signal: controller.signal },
      sliced,
    );
    await settle(page.window);
    controller.abort();
    expect(pageHtml(page.document)).toBe(original);
    await settle(page.window);
    await settle(page.window);
    expect(pageHtml(page.document)).toBe(original);
  });
});
