// What the reader does to the page behind it, and how it is undone. While the reader is open the
// page is inert (no focus, no clicks), hidden from assistive technology and does not scroll;
// printing shows the reader only. Unlocking puts back exactly what was there: attribute values,
// inline style declarations, the scroll position and the focused element. Styles are changed
// through CSSOM only, which a strict page CSP allows.

/** An attribute as it was before the reader changed it (`null`: it was absent). */
interface SavedAttribute {
  element: Element;
  name: string;
  value: string | null;
}

/** An inline style property as it was, plus the whole `style` attribute before and after. */
interface SavedStyle {
  element: HTMLElement;
  property: string;
  value: string;
  priority: string;
  attributeBefore: string | null;
  attributeAfter: string | null;
}

function hasStyle(element: Element): element is HTMLElement {
  return 'style' in element;
}

/** The focused element, looking inside open shadow roots (a focused web component's inner input). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active && active !== doc.body && active !== doc.documentElement
    ? (active as HTMLElement)
    : null;
}

export class PageLock {
  private readonly win: Window | null;
  private readonly attributes: SavedAttribute[] = [];
  private readonly styles: SavedStyle[] = [];
  private readonly printStyles: SavedStyle[] = [];
  private previousFocus: HTMLElement | null = null;
  private scrollX = 0;
  private scrollY = 0;

  /** `host` is the reader's own element, which stays live. */
  constructor(
    private readonly doc: Document,
    private readonly host: Element,
  ) {
    this.win = doc.defaultView;
  }

  /**
   * Makes the page inert and hidden from assistive technology, and stops it scrolling. `body`
   * itself gets only `inert` (axe forbids aria-hidden on body); its children get aria-hidden too,
   * for browsers and screen readers that predate `inert`. Elements the page put directly in
   * `<html>` get both.
   */
  lock(): void {
    this.previousFocus = deepActiveElement(this.doc);
    this.scrollX = this.win?.scrollX ?? 0;
    this.scrollY = this.win?.scrollY ?? 0;
    const { body, documentElement } = this.doc;
    if (body) {
      this.setAttribute(body, 'inert', '');
      for (const child of Array.from(body.children)) {
        if (child.localName !== 'script' && child.localName !== 'style') {
          this.setAttribute(child, 'aria-hidden', 'true');
        }
      }
    }
    for (const element of this.pageTopLevel()) {
      if (element === body) continue;
      this.setAttribute(element, 'inert', '');
      this.setAttribute(element, 'aria-hidden', 'true');
    }
    if (documentElement && hasStyle(documentElement)) {
      // Hiding a classic scrollbar would widen the page and make the browser lay out the whole
      // page behind the reader again (slow on long pages). Keeping its gutter keeps the width.
      // Layout is normally clean at a click, so this read costs nothing.
      const scrollbarWidth = (this.win?.innerWidth ?? 0) - documentElement.clientWidth;
      if (scrollbarWidth > 0) {
        this.setStyle(this.styles, documentElement, 'scrollbar-gutter', 'stable');
      }
      this.setStyle(this.styles, documentElement, 'overflow', 'hidden');
    }
  }

  /** Gives the page back: attributes, styles, scroll position, then focus. */
  unlock(): void {
    this.showAfterPrint();
    for (const saved of this.attributes.reverse()) {
      if (saved.value === null) saved.element.removeAttribute(saved.name);
      else saved.element.setAttribute(saved.name, saved.value);
    }
    this.attributes.length = 0;
    this.restoreStyles(this.styles);
    // `instant`: a page with `scroll-behavior: smooth` would otherwise glide back visibly.
    this.win?.scrollTo({ left: this.scrollX, top: this.scrollY, behavior: 'instant' });
    if (this.previousFocus?.isConnected) this.previousFocus.focus({ preventScroll: true });
    this.previousFocus = null;
  }

  /** Printing shows only the reader: the page behind is taken out of the print layout. */
  hideForPrint(): void {
    this.showAfterPrint();
    for (const element of this.pageTopLevel()) {
      if (hasStyle(element)) this.setStyle(this.printStyles, element, 'display', 'none');
    }
  }

  showAfterPrint(): void {
    this.restoreStyles(this.printStyles);
  }

  /** `body` and any other element the page put directly in `<html>` (not `head`, not the reader). */
  private pageTopLevel(): Element[] {
    return Array.from(this.doc.documentElement?.children ?? []).filter(
      (child) => child.localName !== 'head' && child !== this.host,
    );
  }

  private setAttribute(element: Element, name: string, value: string): void {
    this.attributes.push({ element, name, value: element.getAttribute(name) });
    element.setAttribute(name, value);
  }

  private setStyle(
    list: SavedStyle[],
    element: HTMLElement,
    property: string,
    value: string,
  ): void {
    const attributeBefore = element.getAttribute('style');
    const before = {
      value: element.style.getPropertyValue(property),
      priority: element.style.getPropertyPriority(property),
    };
    element.style.setProperty(property, value, 'important');
    list.push({
      element,
      property,
      ...before,
      attributeBefore,
      attributeAfter: element.getAttribute('style'),
    });
  }

  /**
   * Puts inline styles back. When nothing else touched the `style` attribute meanwhile, its former
   * declarations come back (or its absence); otherwise only our property is restored, keeping the
   * page's own later changes. Only CSSOM is used, never `setAttribute('style')`: a strict page CSP
   * (style-src without 'unsafe-inline') refuses that, and would even report it to the site.
   */
  private restoreStyles(list: SavedStyle[]): void {
    for (const saved of list.reverse()) {
      const { element } = saved;
      if (element.getAttribute('style') === saved.attributeAfter) {
        if (saved.attributeBefore === null) element.removeAttribute('style');
        else element.style.cssText = saved.attributeBefore;
        continue;
      }
      if (saved.value) element.style.setProperty(saved.property, saved.value, saved.priority);
      else element.style.removeProperty(saved.property);
    }
    list.length = 0;
  }
}
