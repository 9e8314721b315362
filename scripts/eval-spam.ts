// Runs spam detection (static styles, no layout) over every HTML page of the shared corpus and
// prints each finding with its reasons, the total, and the scan time per page.
// Usage: npx tsx scripts/eval-spam.ts [--quiet]
// The corpus is third-party material outside the project; without it this script says so and exits 0.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { findSpam } from '../src/core/spam/index.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus');
const quiet = process.argv.includes('--quiet');

function listPages(dir: string): string[] {
  const pages: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) pages.push(...listPages(full));
    else if (/\.html?$/i.test(name) && !/expected\.html$/i.test(name)) pages.push(full);
  }
  return pages;
}

function main(): void {
  let exists = false;
  try {
    exists = statSync(corpus).isDirectory();
  } catch {
    exists = false;
  }
  if (!exists) {
    console.log(`eval-spam: corpus not found at ${corpus}; skipped.`);
    return;
  }
  const folders = ['gov-pages', 'news-pages', 'readability-cjk', 'seed'].map((f) =>
    path.join(corpus, f),
  );
  const pages = folders
    .filter((f) => statSync(f, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(listPages);
  // Warm up the lexicon automaton once so the first page does not pay for building it.
  findSpam(parseHTML('<html><body><p>预热</p></body></html>').document, { useLayout: false });

  let total = 0;
  const times: number[] = [];
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const { document } = parseHTML(html);
    const start = performance.now();
    const findings = findSpam(document, { useLayout: false });
    const ms = performance.now() - start;
    times.push(ms);
    total += findings.length;
    const name = path.relative(corpus, file);
    if (!quiet || findings.length > 0)
      console.log(`${ms.toFixed(2).padStart(7)} ms  ${findings.length}  ${name}`);
    for (const finding of findings) {
      console.log(`      - [${finding.kind}] ${finding.text.slice(0, 120)}`);
      console.log(`        reasons: ${finding.reasons.join(', ')}`);
    }
  }
  times.sort((a, b) => a - b);
  const median = times.length ? (times[Math.floor((times.length - 1) / 2)] as number) : 0;
  const max = times.length ? (times[times.length - 1] as number) : 0;
  console.log(
    `\npages: ${pages.length}  findings: ${total}  scan ms median: ${median.toFixed(2)}  max: ${max.toFixed(2)}`,
  );
}

main();
