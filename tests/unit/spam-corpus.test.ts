// Wider check over the shared corpus of real pages (third-party material outside the project;
// skipped when absent): the only spam in it is the reference page's keyword line, so static
// detection must find exactly that line on both seed pages and nothing on any other page.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { findSpam, removeSpam } from '../../src/core/spam/index.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus');
const REFERENCE_LINE =
  '手机国产在线观看免费av_永久免费无码中文字幕_亚洲美免无码一级在线_国产成人精品AAA视频';

function pages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return pages(full);
      return /\.html?$/i.test(name) && !/expected\.html$/i.test(name) ? [full] : [];
    });
}

const load = (file: string): Document =>
  parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;

describe.skipIf(!existsSync(corpus))('shared corpus (static styles)', () => {
  for (const variant of ['hans', 'hant']) {
    it(`reference page (${variant}): exactly the keyword line is removed, the article stays`, () => {
      const doc = load(path.join(corpus, 'seed', `wuxi-2024-05-23.${variant}.html`));
      const before = doc.documentElement.outerHTML;
      const findings = findSpam(doc, {
        useLayout: false,
        pageUrl: 'https://www.wuxi.gov.cn/doc/2024/05/23/4302380.shtml',
      });
      expect(findings.map((f) => f.text)).toEqual([REFERENCE_LINE]);
      expect(findings[0]?.reasons).toEqual(
        expect.arrayContaining(['separator-list', 'outside-main']),
      );
      if (variant === 'hant') expect(findings[0]?.reasons).toContain('script-mismatch');
      const journal = removeSpam(doc, findings);
      expect(doc.body.textContent).not.toContain('永久免费无码中文字幕');
      expect(doc.body.textContent).toContain(variant === 'hant' ? '南泥灣精神' : '南泥湾精神');
      journal.restore();
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }

  // One test per folder: linkedom parsing dominates, and each test gets its own time budget.
  for (const folder of ['gov-pages', 'news-pages', 'readability-cjk']) {
    it(`${folder}: no page has anything removed`, () => {
      const files = pages(path.join(corpus, folder));
      expect(files.length).toBeGreaterThan(3);
      const flagged = files
        .map((file) => ({
          file: path.relative(corpus, file),
          findings: findSpam(load(file), { useLayout: false }),
        }))
        .filter((page) => page.findings.length > 0)
        .map((page) => `${page.file}: ${page.findings.map((f) => f.text).join(' | ')}`);
      expect(flagged).toEqual([]);
    });
  }
});
