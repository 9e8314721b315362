// Localisation for the extension's own pages (popup, options). Every visible string comes from the
// `_locales` catalogues through a `Translate` function, so the same code runs against
// `browser.i18n.getMessage` in the extension and against a plain catalogue in unit tests.

/** Looks a message up by key; `substitutions` fill the message's `$1`…`$9` placeholders. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

/** One entry of a `messages.json` catalogue, as the browsers read it. */
export interface CatalogueMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Record<string, CatalogueMessage>;

/**
 * A `Translate` over a catalogue, following the browsers' rules: named placeholders `$NAME$`
 * (case-insensitive) expand to their `content`, `$1`…`$9` to the substitutions, `$$` to `$`.
 */
export function catalogueTranslator(catalogue: Catalogue): Translate {
  return (key, substitutions) => {
    const entry = catalogue[key];
    if (!entry) return key;
    const subs = substitutions === undefined ? [] : [substitutions].flat();
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, value]) => [
        name.toLowerCase(),
        value.content,
      ]),
    );
    const numbered = (text: string) =>
      text.replace(/\$(\$|[1-9])/g, (_match, which: string) =>
        which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
      );
    const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (match, name: string) => {
      const content = placeholders.get(name.toLowerCase());
      return content === undefined ? match : numbered(content);
    });
    return numbered(named);
  };
}

/**
 * Fills the static markup of a page: `data-i18n` sets the text, `data-i18n-title`,
 * `data-i18n-aria-label` and `data-i18n-placeholder` the matching attributes.
 */
export function localizeTree(root: ParentNode, t: Translate): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n ?? '');
  }
  const attributes: [string, string][] = [
    ['i18nTitle', 'title'],
    ['i18nAriaLabel', 'aria-label'],
    ['i18nPlaceholder', 'placeholder'],
  ];
  for (const [dataKey, attribute] of attributes) {
    const selector = `[data-${dataKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      el.setAttribute(attribute, t(el.dataset[dataKey] ?? ''));
    }
  }
}

/** The `lang` for our pages: the browser UI language as a BCP 47 tag (`zh_CN` → `zh-CN`). */
export function uiLang(uiLanguage: string): string {
  return uiLanguage.replace(/_/g, '-') || 'en';
}
