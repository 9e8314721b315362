// Finds controls the way a screen-reader user does: by role and accessible name. A small,
// deliberate subset of the accessible-name algorithm (aria-labelledby, aria-label, <label>,
// <legend>, text content), enough for the popup's native controls; runs the same in both browsers.
import type { ElementHandle, Page } from 'puppeteer-core';

export type Role =
  'button' | 'checkbox' | 'switch' | 'radio' | 'radiogroup' | 'spinbutton' | 'slider' | 'status';

/** Runs in the page: returns the element with that role and accessible name, or null. */
function findByRole(role: string, name: string, scope?: Node): Element | null {
  const root = (scope ?? document) as ParentNode;
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  // Text content without aria-hidden parts (decorative glyphs), as assistive technology reads it.
  const textOf = (el: Element): string => {
    let text = '';
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
      else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true')
        text += ` ${textOf(node)} `;
    }
    return norm(text);
  };
  const accessibleName = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      return norm(
        labelledBy
          .split(/\s+/)
          .map((id) => {
            const ref = (el.getRootNode() as Document).getElementById(id);
            return ref ? textOf(ref) : '';
          })
          .join(' '),
      );
    }
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    ) {
      const labels = el.labels ? Array.from(el.labels) : [];
      if (labels.length) return norm(labels.map(textOf).join(' '));
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type))
        return norm(el.value);
      return norm(el.getAttribute('title'));
    }
    if (el instanceof HTMLFieldSetElement) {
      const legend = el.querySelector(':scope > legend');
      return legend ? textOf(legend) : '';
    }
    return textOf(el) || norm(el.getAttribute('title'));
  };
  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0] ?? null;
    if (el instanceof HTMLButtonElement) return 'button';
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox') return 'checkbox';
      if (el.type === 'radio') return 'radio';
      if (el.type === 'number') return 'spinbutton';
      if (el.type === 'range') return 'slider';
      if (['button', 'submit', 'reset'].includes(el.type)) return 'button';
    }
    if (el instanceof HTMLOutputElement) return 'status';
    return null;
  };
  const all = root.querySelectorAll('*');
  for (const el of Array.from(all)) {
    const r = roleOf(el);
    if (r === role && (role === 'status' || accessibleName(el) === name)) return el;
  }
  return null;
}

/**
 * esbuild (under tsx) wraps named inner functions in `__name(...)`; functions sent to the page
 * need that helper there too. A string is evaluated as it is, untransformed.
 */
async function shimNames(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

export async function getByRole(
  page: Page,
  role: Role | Role[],
  name: string,
  timeout = 10_000,
): Promise<ElementHandle<Element>> {
  const roles = Array.isArray(role) ? role : [role];
  const deadline = Date.now() + timeout;
  for (;;) {
    await shimNames(page).catch(() => undefined);
    for (const r of roles) {
      const handle = await page.evaluateHandle(findByRole, r, name);
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (element) return element;
      await handle.dispose();
    }
    if (Date.now() > deadline) throw new Error(`no ${roles.join('/')} named "${name}"`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Text of the popup's `role="status"` element. */
export async function statusText(page: Page): Promise<string> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="status"], output'))
      .map((el) => (el as HTMLElement).innerText)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Finds a control inside the reader's shadow root by its accessible name. */
export async function getReaderButton(page: Page, name: string): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await shimNames(page).catch(() => undefined);
    const handle = await page.evaluateHandle((label: string) => {
      const root = document.querySelector('qingyue-reader')?.shadowRoot;
      if (!root) return null;
      const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      // Text without aria-hidden parts (decorative glyphs), as assistive technology reads it.
      const textOf = (el: Element): string => {
        let text = '';
        for (const node of Array.from(el.childNodes)) {
          if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
          else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') {
            text += ` ${textOf(node)} `;
          }
        }
        return norm(text);
      };
      for (const button of Array.from(root.querySelectorAll('button'))) {
        const name =
          norm(button.getAttribute('aria-label')) || textOf(button) || norm(button.title);
        if (name === label) return button;
      }
      return null;
    }, name);
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (element) return element;
    await handle.dispose();
    if (Date.now() > deadline) {
      const found = await page.evaluate(() => {
        const root = document.querySelector('qingyue-reader')?.shadowRoot;
        if (!root) return 'no reader';
        return Array.from(root.querySelectorAll('button'))
          .map((b) => b.title)
          .join(', ');
      });
      throw new Error(`no reader button named "${name}" (found: ${found})`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
