// Does an element hide its content from sight? Two kinds of rule: box rules (display, opacity,
// position...) hide everything inside an element; text rules (visibility, font-size,
// text-indent, colour) are inherited and can be undone by a child, so they are judged for the
// text itself. Two sources of style:
// - static (Node, CLI, no layout): the inline `style` attribute plus embedded `<style>` rules whose
//   selector is a bare class or id (`.hid`, `#ad`, `div.x`), the only ones matchable without a
//   cascade engine;
// - computed (live page): getComputedStyle and getBoundingClientRect, asked only for candidates.
// Each technique from the spam catalogue has a named rule; the reason strings end up in findings.

/** Reads one CSS property (lower-case name) of an element; '' when unset. */
export type StyleReader = (property: string) => string;

/** Below this many pixels text is unreadable (font-size:1px, height:0 wrappers). */
const TINY_PX = 2;
/** Positions or indents this far off the top/left edge put content off-screen. */
const OFFSCREEN_PX = -500;

const px = (value: string): number => {
  const n = parseFloat(value);
  if (Number.isNaN(n)) return NaN;
  // pt and em are rare in spam CSS; scale them roughly so `font-size:1pt` still counts as tiny.
  if (value.endsWith('pt')) return n * 1.33;
  if (value.endsWith('em') || value.endsWith('rem')) return n * 16;
  return n;
};

const WHITE = 'rgb(255,255,255)';
const NAMED_COLOURS: Record<string, string> = {
  white: WHITE,
  black: 'rgb(0,0,0)',
  transparent: 'transparent',
};

/** `#FFF`, `#ffffff`, `white`, `rgb(255, 255, 255)` → `rgb(255,255,255)`; '' when unset or unknown. */
export function canonicalColour(value: string): string {
  const v = value.trim().toLowerCase();
  if (!v) return '';
  const named = NAMED_COLOURS[v];
  if (named) return named;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? Array.from(hex, (d) => d + d).join('') : hex;
    const channel = (i: number): number => parseInt(full.slice(i, i + 2), 16);
    return `rgb(${channel(0)},${channel(2)},${channel(4)})`;
  }
  const rgb = /^rgba?\(([^)]*)\)$/.exec(v)?.[1];
  if (rgb) {
    const parts = rgb.split(/[\s,/]+/).filter(Boolean);
    if (parts.length === 4 && parseFloat(parts[3] as string) === 0) return 'transparent';
    return `rgb(${parts.slice(0, 3).join(',')})`;
  }
  return v;
}

/**
 * Hiding by the element's box, whatever its text inherits: display, opacity, off-screen
 * positions and margins, negative z-index, clip, clip-path, zero-size overflow. These hide
 * every descendant, so any ancestor of a text can be the one hiding it.
 */
export function boxHidingRule(read: StyleReader): string | null {
  if (read('display') === 'none') return 'hidden:display-none';
  const opacity = read('opacity');
  if (opacity !== '' && parseFloat(opacity) <= 0.05) return 'hidden:opacity';

  const position = read('position');
  if (position !== '' && position !== 'static') {
    for (const side of ['left', 'top']) {
      const value = read(side);
      // Old IE spam writes `left:expression(1-900)`; any expression() placing content is suspect.
      if (value.startsWith('expression(') || px(value) <= OFFSCREEN_PX) return 'offscreen:position';
    }
    const zIndex = parseInt(read('z-index'), 10);
    if (zIndex < 0) return 'hidden:z-index';
    const clip = read('clip').replace(/\s+/g, '');
    if (
      /^rect\((0|1)(px)?[, ](0|1)(px)?[, ]/.test(clip) ||
      /^rect\(0(px)?,?0(px)?,?0(px)?,?0(px)?\)$/.test(clip)
    ) {
      return 'hidden:clip';
    }
  }
  for (const side of ['margin-left', 'margin-top']) {
    if (px(read(side)) <= OFFSCREEN_PX * 2) return 'offscreen:margin';
  }
  const clipPath = read('clip-path').replace(/\s+/g, '');
  if (/^(inset\((50|100)%|circle\(0|polygon\(00,00,00\))/.test(clipPath)) return 'hidden:clip-path';

  const clips = (value: string): boolean => value.startsWith('hidden') || value.startsWith('clip');
  if (clips(read('overflow')) || clips(read('overflow-x')) || clips(read('overflow-y'))) {
    const height = read('height') || read('max-height');
    const width = read('width') || read('max-width');
    if (px(height) < TINY_PX || px(width) < TINY_PX) return 'hidden:zero-size';
  }
  return null;
}

/**
 * Hiding by properties text inherits: visibility, font-size, text-indent, colour. A child can
 * undo them (`ul {font-size:0} li {font-size:14px}` is a common layout trick), so they are read
 * for the text itself: computed on its element, or, statically, from the nearest ancestor that
 * declares each one. `background-color` is the text's effective background.
 */
export function textHidingRule(read: StyleReader): string | null {
  const visibility = read('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'hidden:visibility';
  const fontSize = read('font-size');
  if (fontSize !== '' && px(fontSize) < TINY_PX) return 'hidden:tiny-text';
  if (px(read('text-indent')) <= OFFSCREEN_PX) return 'hidden:text-indent';
  const colour = canonicalColour(read('color'));
  if (colour !== '' && colour === canonicalColour(read('background-color')))
    return 'hidden:same-colour';
  return null;
}

/** The inherited properties textHidingRule reads, and the property each rule is about. */
const TEXT_PROPERTIES = ['visibility', 'font-size', 'text-indent', 'color'] as const;
const PROPERTY_OF_RULE: Record<string, string> = {
  'hidden:visibility': 'visibility',
  'hidden:tiny-text': 'font-size',
  'hidden:text-indent': 'text-indent',
  'hidden:same-colour': 'color',
};

/** `<marquee height=1 width=5 scrollamount=3000>`: a ticker too small or too fast to read. */
export function marqueeRule(element: Element): string | null {
  if (element.localName !== 'marquee') return null;
  const height = px(element.getAttribute('height') ?? '');
  const width = px(element.getAttribute('width') ?? '');
  const speed = parseInt(element.getAttribute('scrollamount') ?? '', 10);
  if (height < TINY_PX + 1 || width < 10 || speed >= 500) return 'hidden:marquee';
  return null;
}

/** Parses `a:b; c:d` declarations into a map (lower-case names, `!important` dropped). */
export function parseDeclarations(text: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (name && value) declarations.set(name, value);
  }
  return declarations;
}

interface StaticRule {
  readonly tag: string | null;
  readonly declarations: Map<string, string>;
}

/**
 * Rules from embedded `<style>` elements that a plain class or id selector can match, keyed
 * `.class` / `#id`. Rules inside at-rules (`@media print { .noprint {display:none} }`) are skipped:
 * they do not apply to the screen in general.
 */
export class StaticStyleSheet {
  private readonly rules = new Map<string, StaticRule[]>();

  constructor(doc: Document) {
    for (const style of Array.from(doc.querySelectorAll('style')))
      this.add(style.textContent ?? '');
  }

  get size(): number {
    return this.rules.size;
  }

  private add(css: string): void {
    const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    let start = 0;
    let selector = '';
    let skipping = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{') {
        if (depth === 0) {
          selector = text.slice(start, i).trim();
          skipping = selector.startsWith('@');
          start = i + 1;
        }
        depth++;
      } else if (ch === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
          if (!skipping) this.addRule(selector, text.slice(start, i));
          start = i + 1;
          skipping = false;
        }
      }
    }
  }

  private addRule(selectorList: string, body: string): void {
    let declarations: Map<string, string> | null = null;
    for (const selector of selectorList.split(',')) {
      const match = /^([a-z][a-z0-9]*)?([.#][\w-]+)$/i.exec(selector.trim());
      if (!match) continue;
      declarations ??= parseDeclarations(body);
      if (declarations.size === 0) return;
      const key = match[2] as string;
      const list = this.rules.get(key) ?? [];
      list.push({ tag: match[1]?.toLowerCase() ?? null, declarations });
      this.rules.set(key, list);
    }
  }

  /** Declarations from matching rules, in source order (later wins), then the inline style. */
  declarationsFor(element: Element): Map<string, string> {
    const merged = new Map<string, string>();
    if (this.rules.size > 0) {
      const keys: string[] = [];
      const id = element.getAttribute('id');
      if (id) keys.push('#' + id);
      const classes = element.getAttribute('class');
      if (classes) for (const name of classes.split(/\s+/)) if (name) keys.push('.' + name);
      for (const key of keys) {
        for (const rule of this.rules.get(key) ?? []) {
          if (rule.tag && rule.tag !== element.localName) continue;
          for (const [name, value] of rule.declarations) merged.set(name, value);
        }
      }
    }
    const inline = element.getAttribute('style');
    if (inline) for (const [name, value] of parseDeclarations(inline)) merged.set(name, value);
    return merged;
  }
}

/** Box hiding rule of an element from static styles (inline + simple embedded rules). */
export function staticBoxRule(element: Element, sheet: StaticStyleSheet): string | null {
  if (element.hasAttribute('hidden')) return 'hidden:attribute';
  const declarations = sheet.declarationsFor(element);
  return declarations.size === 0 ? null : boxHidingRule((name) => declarations.get(name) ?? '');
}

/** A hiding rule and the element whose style applies it (the wrapper to remove). */
export interface HidingRule {
  readonly rule: string;
  readonly element: Element;
}

/**
 * Text hiding rule for text inside `element`, from static styles: each inherited property is
 * taken from the nearest ancestor-or-self declaring it (below `stop`), the background from the
 * nearest declaring one too, white when none does (government pages are white).
 */
export function staticTextRule(
  element: Element,
  sheet: StaticStyleSheet,
  stop: Element | null,
): HidingRule | null {
  const found = new Map<string, { value: string; from: Element }>();
  for (let node: Element | null = element; node && node !== stop; node = node.parentElement) {
    const declarations = sheet.declarationsFor(node);
    if (declarations.size === 0) continue;
    for (const name of TEXT_PROPERTIES) {
      const value = declarations.get(name);
      if (value && !found.has(name)) found.set(name, { value, from: node });
    }
    if (!found.has('background-color')) {
      const background =
        declarations.get('background-color') ?? firstColour(declarations.get('background'));
      if (background) found.set('background-color', { value: background, from: node });
    }
  }
  if (found.size === 0) return null;
  const rule = textHidingRule(
    (name) => found.get(name)?.value ?? (name === 'background-color' ? 'white' : ''),
  );
  if (!rule) return null;
  const property = PROPERTY_OF_RULE[rule] ?? 'color';
  return { rule, element: found.get(property)?.from ?? element };
}

/** The colour in a `background` shorthand (`#fff url(x.png)` → `#fff`); '' for an image. */
function firstColour(background: string | undefined): string {
  const first = background?.split(/\s+(?![^(]*\))/)[0] ?? '';
  return first.startsWith('url(') || first.includes('gradient(') ? 'image' : first;
}

/** Reads computed values, with `auto`/`normal` (nothing set) read as unset. */
function computedReader(element: Element, view: Window): StyleReader {
  const style = view.getComputedStyle(element);
  return (name) => {
    const value = style.getPropertyValue(name);
    return value === 'auto' || value === 'normal' ? '' : value;
  };
}

/** Box hiding rule of an element from the live page's computed style and layout. */
export function computedBoxRule(element: Element, view: Window): string | null {
  const read = computedReader(element, view);
  const byStyle = boxHidingRule(read);
  if (byStyle) return byStyle;
  const position = read('position');
  if (position === 'absolute' || position === 'fixed') {
    const rect = element.getBoundingClientRect();
    const scrollX = view.scrollX || 0;
    const scrollY = view.scrollY || 0;
    // Entirely left of or above the page, or far beyond its right edge.
    if (rect.right + scrollX < 0 || rect.bottom + scrollY < 0) return 'offscreen:layout';
    if (rect.left > Math.max(view.innerWidth, 1) * 3) return 'offscreen:layout';
  }
  return null;
}

/** Text hiding rule for the text of `element`, from its computed (inherited) values. */
export function computedTextRule(element: Element, view: Window): string | null {
  const read = computedReader(element, view);
  return textHidingRule((name) =>
    name === 'background-color' ? effectiveBackground(element, view) : read(name),
  );
}

/** The first non-transparent background colour up the tree (white when none is set). */
function effectiveBackground(element: Element, view: Window): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = view.getComputedStyle(node);
    const image = style.getPropertyValue('background-image');
    // Text over an image cannot be judged by colour.
    if (image && image !== 'none') return '';
    const background = canonicalColour(style.getPropertyValue('background-color'));
    if (background && background !== 'transparent') return background;
  }
  return WHITE;
}
