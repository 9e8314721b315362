// Wider checks over the real pages in ../shared/corpus (skipped when the folder is absent):
// every page converts and restores to the exact same HTML, and the per-node fallback (runs whose
// converted length differs, see convertRun) is rare enough not to matter.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, startConversionWith } from '../../src/core/convert/dom.ts';
import { converter } from '../fixtures/convert/dom-harness.ts';

const CORPUS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return /\.html?$/i.test(name) ? [full] : [];
  });
}

/** Pages saved as GBK stay readable: UTF-8 when valid, else GB18030 (a superset of GBK). */
function decode(file: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * The government and reference pages, and the other pages up to 300 KB (69 of 85 pages, half the
 * bytes): parsing is most of this test's time, and the biggest news pages add nothing new.
 */
const MAX_OTHER_PAGE_BYTES = 300_000;
const files = htmlFiles(CORPUS).filter(
  (file) => /[\\/](gov-pages|seed)[\\/]/.test(file) || statSync(file).size <= MAX_OTHER_PAGE_BYTES,
);

describe.skipIf(files.length === 0)('corpus pages (../shared/corpus)', () => {
  // About 10 s on an idle machine; generous for a busy one.
  it(
    'converts every page and restores it to the exact same HTML',
    { timeout: 60_000 },
    async () => {
      const convert = converter('tw');
      let runs = 0;
      let prefixRuns = 0;
      let perNodeRuns = 0;
      let changed = 0;
      const notRestored: string[] = [];
      for (const file of files) {
        // linkedom: parses these pages several times faster than happy-dom, and has no layout.
        const { document } = parseHTML(decode(file)) as unknown as { document: Document };
        const before = document.documentElement.outerHTML;
        const controller = new AbortController();
        const handle = startConversionWith(
          document,
          { convert, lang: 'zh-Hant-TW', signal: controller.signal },
          { ...DEFAULT_TUNING, sliceBudgetMs: Number.POSITIVE_INFINITY, visibleFirst: false },
        );
        await handle.done;
        runs += handle.stats.runs;
        prefixRuns += handle.stats.prefixRuns;
        perNodeRuns += handle.stats.perNodeRuns;
        changed += handle.changed;
        controller.abort();
        if (document.documentElement.outerHTML !== before) notRestored.push(path.basename(file));
      }
      console.info(
        `convert-dom corpus: ${files.length} pages, ${changed} values changed, ${runs} runs ` +
          `converted: ${prefixRuns} cut by prefixes, ${perNodeRuns} node by node`,
      );
      expect(notRestored).toEqual([]);
      expect(changed).toBeGreaterThan(5_000);
      // Offsets work for (nearly) every run: phrases across markup are kept almost everywhere.
      expect((prefixRuns + perNodeRuns) / runs).toBeLessThan(0.005);
    },
  );
});
