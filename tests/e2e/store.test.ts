// Store readiness: Mozilla's addons-linter finds no error in the Firefox build, Chromium packs the
// Chrome build into a .crx, and both store zips (from `wxt zip` / `wxt zip -b firefox`) install
// into a clean profile and do the job on a government page.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  ROOT,
  browserAvailable,
  extensionDir,
  launch,
  startServer,
  visibleText,
  waitFor,
  type BrowserName,
  type TestServer,
} from './harness.ts';

const run = promisify(execFile);
const OUT_DIR = resolve(ROOT, process.env.QINGYUE_OUT_DIR ?? '.output');
const SPAM = '澳门新葡京娱乐_在线真人百家乐_免费看黄色网站_六合彩开奖直播';
const UNZIP = ['/usr/bin/unzip', '/bin/unzip'].find((path) => existsSync(path));

interface LinterMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * The `innerHTML` assignments addons-linter still finds: all three inside the unmodified libraries
 * bundled into reader.js (our own code parses HTML with DOMParser). addons-linter 10.14.0 only
 * exempts libraries it knows by file hash, and its list has neither Readability nor DOMPurify 3.
 * Each sink is recognised by a string literal just before it that survives minification, so an
 * `innerHTML` assignment anywhere else (our code included) fails the test.
 */
const LIBRARY_SINKS = [
  // Readability#_grabArticle restores the page from its cache before another attempt.
  { name: 'Readability: page cache', before: /Article content after paging: / },
  // Readability#_unwrapNoscriptImages parses a <noscript>'s own content.
  { name: 'Readability: noscript images', before: /getElementsByTagName\(.noscript.\)/ },
  // DOMPurify's _initDocument fallback for when DOMParser fails.
  { name: 'DOMPurify: parser fallback', before: /parseFromString\(.*createDocument\(.*template/ },
];
const SINK_CONTEXT = 200; // characters before the flagged column searched for the marker

/** Which known library sink this warning points at, if any. */
function librarySink(warning: LinterMessage, dir: string): string | null {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || warning.file !== 'reader.js') return null;
  if (!/innerHTML/.test(warning.message) || !warning.line || warning.column === undefined) {
    return null;
  }
  const line = readFileSync(join(dir, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  const context = line.slice(Math.max(0, warning.column - SINK_CONTEXT), warning.column);
  return LIBRARY_SINKS.find((sink) => sink.before.test(context))?.name ?? null;
}

/**
 * `data_collection_permissions` exists from Firefox 140 (Android 142); the manifest declares it
 * (Qingyue collects nothing) with `strict_min_version` 128, which older versions ignore. Accepted
 * until the minimum version is decided.
 */
function isMinVersionWarning(warning: LinterMessage): boolean {
  return (
    /^KEY_FIREFOX(_ANDROID)?_UNSUPPORTED_BY_MIN_VERSION$/.test(warning.code) &&
    warning.file === 'manifest.json' &&
    /data_collection_permissions/.test(warning.description ?? '')
  );
}

/** The store zip `wxt zip` made for this browser, if it has been made. */
function storeZip(name: BrowserName): string | null {
  if (!existsSync(OUT_DIR)) return null;
  const suffix = name === 'chromium' ? '-chrome.zip' : '-firefox.zip';
  const zip = readdirSync(OUT_DIR).find((file) => file.endsWith(suffix));
  return zip ? join(OUT_DIR, zip) : null;
}

describe.skipIf(!existsSync(extensionDir('firefox')))('addons-linter (Firefox build)', () => {
  it('reports no errors, and no warnings beyond the known library sinks and minimum version', async () => {
    const linter = resolve(ROOT, 'node_modules/.bin/addons-linter');
    // The linter exits non-zero when it finds errors; the JSON report is on stdout either way.
    const { stdout } = await run(
      linter,
      ['--output', 'json', '--boring', extensionDir('firefox')],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      errors: LinterMessage[];
      warnings: LinterMessage[];
      notices: LinterMessage[];
    };
    for (const warning of report.warnings) {
      console.info(
        `addons-linter warning: ${warning.code} ${warning.file ?? ''}:${warning.line ?? ''} ${warning.message}`,
      );
    }
    expect(report.errors).toEqual([]);
    const sinks = report.warnings.map((warning) => librarySink(warning, extensionDir('firefox')));
    expect(report.warnings.filter((w, i) => !sinks[i] && !isMinVersionWarning(w))).toEqual([]);
    // Each library sink at most once: a second hit at the same marker is new code.
    const found = sinks.filter((sink) => sink !== null);
    expect(new Set(found).size).toBe(found.length);
  }, 60_000);
});

describe.skipIf(!browserAvailable('chromium'))('chromium --pack-extension', () => {
  it('packs the Chrome build into a signed .crx', async () => {
    // A copy of the build, a throwaway HOME and profile: nothing is left behind.
    const work = mkdtempSync(join(tmpdir(), 'qingyue-pack-'));
    try {
      const dir = join(work, 'qingyue');
      cpSync(extensionDir('chromium'), dir, { recursive: true });
      await run(
        CHROMIUM,
        [
          `--pack-extension=${dir}`,
          '--no-message-box',
          '--headless=new',
          '--no-sandbox',
          `--user-data-dir=${join(work, 'profile')}`,
        ],
        { env: { ...process.env, HOME: work }, timeout: 60_000 },
      );
      const crx = readFileSync(join(work, 'qingyue.crx'));
      expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
      expect(crx.readUInt32LE(4)).toBe(3); // CRX format version 3
      expect(crx.length).toBeGreaterThan(100_000);
      expect(readFileSync(join(work, 'qingyue.pem'), 'utf8')).toContain('PRIVATE KEY');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  const zip = storeZip(name);
  const skip = !browserAvailable(name)
    ? 'browser or build missing'
    : !zip
      ? `no store zip under ${OUT_DIR} (run wxt zip${name === 'firefox' ? ' -b firefox' : ''})`
      : !UNZIP
        ? 'unzip is not installed'
        : null;
  describe.skipIf(skip !== null)(
    `${name}: the store zip${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let server: TestServer;
      let dir: string;

      beforeAll(async () => {
        server = await startServer();
        dir = mkdtempSync(join(tmpdir(), `qingyue-${name}-zip-`));
        await run(UNZIP!, ['-q', zip!, '-d', dir]);
      });
      afterAll(async () => {
        await server?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      });

      it('installs in a clean profile and removes the spam line on a government page', async () => {
        expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
        const ext = await launch(name, { extensionPath: dir });
        try {
          const page = await ext.browser.newPage();
          await page.goto(server.url('www.linjiang.gov.cn', '/fixtures/article.hans.html'), {
            waitUntil: 'load',
          });
          await waitFor(page, () => !document.body.innerText.includes('澳门新葡京娱乐'));
          const text = await visibleText(page);
          expect(text).not.toContain(SPAM);
          expect(text).toContain('临江市广大干部群众求真务实');
        } finally {
          await ext.close();
        }
      });
    },
  );
}
