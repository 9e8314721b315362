import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseHtmlFragment } from '../../src/core/article/parse-html';

// Sanitised article markup of the kind the extractor writes: paragraphs, a table, an image, a link.
const ARTICLE =
  '<p>\u3000\u3000第一段<strong>重点</strong></p><table><tbody><tr><td>1</td></tr></tbody></table>' +
  '<p><img src="https://www.example.gov.cn/a.png" alt="图"> <a href="https://www.example.gov.cn/f.pdf">附件</a></p>尾';

function serialise(doc: Document, fragment: DocumentFragment): string {
  const holder = doc.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

const DOMS: [string, () => Document][] = [
  [
    'linkedom',
    () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document,
  ],
  [
    'happy-dom',
    () => new Window({ url: 'https://www.example.gov.cn/' }).document as unknown as Document,
  ],
];

describe.each(DOMS)('parseHtmlFragment in %s', (_name, makeDoc) => {
  it('gives the same nodes as innerHTML, owned by the target document', () => {
    const doc = makeDoc();
    const fragment = parseHtmlFragment(doc, ARTICLE);
    expect(Array.from(fragment.childNodes).every((node) => node.ownerDocument === doc)).toBe(true);
    const viaInnerHtml = doc.createElement('div');
    viaInnerHtml.innerHTML = ARTICLE; // the reference the helper replaces
    expect(serialise(doc, fragment)).toBe(viaInnerHtml.innerHTML);
  });

  it('parses for a window-less clone with the parser of the page it came from', () => {
    const page = makeDoc();
    const clone = page.cloneNode(true) as Document;
    // As the extractor uses it: into an element of the clone. (happy-dom gives a clone's
    // fragments to the window's document, so ownership is checked once the nodes are placed.)
    const holder = clone.createElement('div');
    holder.append(parseHtmlFragment(clone, '<p>一</p><p>二<b>三</b></p>', { parserSource: page }));
    expect(holder.querySelectorAll('p')).toHaveLength(2);
    expect(holder.querySelector('b')?.ownerDocument).toBe(clone);
  });

  it('hands the whole document markup to the trust hook (Trusted Types)', () => {
    const doc = makeDoc();
    const seen: string[] = [];
    const fragment = parseHtmlFragment(doc, '<p>正文</p>', {
      trust: (markup) => {
        seen.push(markup);
        return markup;
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('<body><p>正文</p></body>');
    expect(serialise(doc, fragment)).toBe('<p>正文</p>');
  });
});
