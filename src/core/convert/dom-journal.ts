// The journal of every write the converter made to a page, so that it can be undone exactly.
//
// For each text node and attribute we keep two strings: `before` (the value our last write
// replaced) and `written` (what we wrote). A value that still equals `written` is ours; anything
// else was changed by the page since, and belongs to the page. That one comparison serves three
// purposes:
// - restore: put back `before` only where the value is still `written`;
// - self-write detection: a mutation whose new value equals `written` is our own echo;
// - re-conversion: a node converted before is converted again from `before`, never from our
//   output (converting converted text is not always idempotent).
//
// The journal holds the nodes it wrote to, so that a node the page detaches and re-attaches later
// (a tab panel kept aside) is still restored. To bound memory on pages that keep dropping nodes
// (endless lists), entries of nodes no longer in a live document are swept whenever the journal
// has doubled since the last sweep. (Plain Maps, not weak references: a WeakRef per node costs
// several times more, and this walk writes tens of thousands of nodes.)

interface WriteRecord {
  before: string;
  written: string;
}

interface AttributeRecord extends WriteRecord {
  name: string;
}

interface LangRecord {
  root: Element;
  /** The original attribute, or `null` when the element had none (restore removes it then). */
  before: string | null;
  written: string;
}

/** The journal is swept for dropped nodes once it holds this many entries, then at each doubling. */
const FIRST_SWEEP = 4096;

export class ConversionJournal {
  private readonly texts = new Map<Text, WriteRecord>();
  private textSweepAt = FIRST_SWEEP;

  /** Per element, the attributes we wrote (usually one). */
  private readonly attributes = new Map<Element, AttributeRecord[]>();
  private attributeSweepAt = FIRST_SWEEP;

  private readonly langs: LangRecord[] = [];

  /** `page`: the converted document, live even without a window (a parsed document in Node). */
  constructor(private readonly page: Document) {}

  /** Whether `node` is in the page or in a frame's current document (not dropped, not left). */
  private isLive(node: Node): boolean {
    if (!node.isConnected) return false;
    const owner = node.ownerDocument;
    return owner === this.page || owner?.defaultView != null;
  }

  /** The text `node` had before we converted it: `current` unless `current` is our own write. */
  textSource(node: Text, current: string): string {
    const record = this.texts.get(node);
    return record !== undefined && record.written === current ? record.before : current;
  }

  /** Whether `current` is exactly what we last wrote into `node`. */
  isOwnText(node: Text, current: string): boolean {
    return this.texts.get(node)?.written === current;
  }

  /** Records that `node`, whose unconverted text is `before`, now holds `written`. */
  recordText(node: Text, before: string, written: string): void {
    const record = this.texts.get(node);
    if (record !== undefined) {
      record.before = before;
      record.written = written;
      return;
    }
    this.texts.set(node, { before, written });
    if (this.texts.size >= this.textSweepAt) {
      for (const known of this.texts.keys()) if (!this.isLive(known)) this.texts.delete(known);
      this.textSweepAt = Math.max(FIRST_SWEEP, this.texts.size * 2);
    }
  }

  private attributeRecord(el: Element, name: string): AttributeRecord | undefined {
    const records = this.attributes.get(el);
    if (records === undefined) return undefined;
    for (const record of records) if (record.name === name) return record;
    return undefined;
  }

  attributeSource(el: Element, name: string, current: string): string {
    const record = this.attributeRecord(el, name);
    return record !== undefined && record.written === current ? record.before : current;
  }

  isOwnAttribute(el: Element, name: string, current: string): boolean {
    return this.attributeRecord(el, name)?.written === current;
  }

  recordAttribute(el: Element, name: string, before: string, written: string): void {
    const records = this.attributes.get(el);
    if (records === undefined) {
      this.attributes.set(el, [{ name, before, written }]);
      if (this.attributes.size >= this.attributeSweepAt) {
        for (const known of this.attributes.keys()) {
          if (!this.isLive(known)) this.attributes.delete(known);
        }
        this.attributeSweepAt = Math.max(FIRST_SWEEP, this.attributes.size * 2);
      }
      return;
    }
    const record = this.attributeRecord(el, name);
    if (record !== undefined) {
      record.before = before;
      record.written = written;
    } else {
      records.push({ name, before, written });
    }
  }

  /** Sets `lang` on a document's root element, remembering what was there. Once per root. */
  setLang(root: Element, lang: string): void {
    if (this.langs.some((record) => record.root === root)) return;
    this.langs.push({ root, before: root.getAttribute('lang'), written: lang });
    root.setAttribute('lang', lang);
  }

  /**
   * Puts back every value that is still ours, and forgets everything. Values the page changed
   * since we wrote them are the page's and stay. One broken node does not stop the rest.
   */
  restore(): void {
    for (const [node, record] of this.texts) {
      try {
        if (node.data === record.written) node.data = record.before;
      } catch {
        // A node the page has made unwritable; leave it.
      }
    }
    this.texts.clear();

    for (const [el, records] of this.attributes) {
      for (const record of records) {
        try {
          if (el.getAttribute(record.name) === record.written) {
            el.setAttribute(record.name, record.before);
          }
        } catch {
          // As above.
        }
      }
    }
    this.attributes.clear();

    for (const record of this.langs) {
      try {
        if (record.root.getAttribute('lang') !== record.written) continue;
        if (record.before === null) record.root.removeAttribute('lang');
        else record.root.setAttribute('lang', record.before);
      } catch {
        // As above.
      }
    }
    this.langs.length = 0;
  }
}
