// The run walker on its own: which text nodes are converted together (one phrase context), also
// when the page moves nodes while a walk is paused between slices.
import { describe, expect, it } from 'vitest';
import { RunWalker, type WalkVisitor } from '../../src/core/convert/dom-walk.ts';
import { openPage } from '../fixtures/convert/dom-harness.ts';

/** A visitor that records each run as its texts joined by '|', and each element's tag. */
function recorder(): WalkVisitor & { runs: string[]; elements: string[] } {
  const runs: string[] = [];
  const elements: string[] = [];
  return {
    runs,
    elements,
    run: (_nodes, texts) => runs.push(texts.join('|')),
    element: (el, kind) => elements.push(`${el.localName}:${kind}`),
  };
}

function rootOf(html: string): HTMLElement {
  const { document } = openPage(`<body><div id="root">${html}</div></body>`);
  return document.getElementById('root') as HTMLElement;
}

const never = () => false;

describe('runs', () => {
  it('keeps text across inline markup together and ends a run at blocks, <br> and code', () => {
    const root = rootOf(
      '<p>头<b>发</b>很<a href="/x">长</a></p>里<span>面<i>的</i></span><br>后面' +
        '<ul><li>资料</li><li>补<em>充</em></li></ul>尾<code>x</code>巴',
    );
    const visitor = recorder();
    const done = new RunWalker(
      { parent: root, first: root.firstChild, last: null },
      visitor,
      undefined,
    ).step(never);
    expect(done).toBe(true);
    expect(visitor.runs).toEqual(['头|发|很|长', '里|面|的', '后面', '资料', '补|充', '尾', '巴']);
    expect(visitor.elements).toEqual([
      'p:block',
      'b:inline',
      'a:inline',
      'span:inline',
      'i:inline',
      'br:block',
      'ul:block',
      'li:block',
      'li:block',
      'em:inline',
    ]);
  });

  it('still ends the run at a block the page moved the paused walk into', () => {
    // The walk pauses after 31 nodes (it looks at the clock every 32): inside the 15th <b>.
    const bolds = Array.from({ length: 20 }, (_, i) => `<b id="b${i}">字</b>`).join('');
    const root = rootOf(`<p id="a"><span>${bolds}</span></p><p id="moved-to"></p>在<i>后</i>`);
    const visitor = recorder();
    const walker = new RunWalker(
      { parent: root, first: root.firstChild, last: null },
      visitor,
      undefined,
    );
    expect(walker.step(() => true)).toBe(false);
    expect(visitor.runs).toEqual([]);
    // While paused, the page moves the <b> the walk is inside of into the empty paragraph.
    const document = root.ownerDocument;
    document.getElementById('moved-to')?.appendChild(document.getElementById('b14') as Node);
    expect(walker.step(never)).toBe(true);
    // The moved text ends its run at its new paragraph; the text after that paragraph is a run
    // of its own, not a continuation of the <span> the walk had entered before the pause.
    expect(visitor.runs).toEqual([Array(15).fill('字').join('|'), '在|后']);
  });
});
