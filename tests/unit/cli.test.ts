// The `qingyue clean` command on the project's own reference-style page, as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE = resolve(ROOT, 'tests/fixtures/pages/article.hant.html');
const URL = 'http://www.linjiang.gov.cn/art/2024/5/23/art_1_2.html';

function qingyue(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [resolve(ROOT, 'bin/qingyue.mjs'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('qingyue clean', () => {
  it('prints the article, its metadata and the removed spam as JSON', () => {
    const { code, stdout } = qingyue(['clean', PAGE, '--url', URL, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(
      ['html', 'isArticle', 'publishedTime', 'siteName', 'source', 'spam', 'text', 'title'].sort(),
    );
    expect(result.isArticle).toBe(true);
    expect(result.title).toBe('深化對接雙向賦能 攜手并進 爲開創臨江山陽協作發展新局面作出更大貢獻');
    expect(result.publishedTime).toBe('2024-05-23T08:54');
    expect(result.source).toBe('臨江日報');
    const text = result.text as string;
    expect(text.split('\n').filter((line) => line.trim())).toHaveLength(12);
    for (const chrome of ['當前位置', '打印本頁', '微信公眾號', '新葡京'])
      expect(text).not.toContain(chrome);
    const spam = result.spam as { text: string; reasons: string[] }[];
    expect(spam).toHaveLength(1);
    expect(spam[0]!.text).toContain('澳门新葡京娱乐');
    expect(spam[0]!.reasons.length).toBeGreaterThan(0);
    expect(result.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('repairs the naive Traditional page with --script tw', () => {
    const { code, stdout } = qingyue(['clean', PAGE, '--url', URL, '--script', 'tw', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { title: string; text: string };
    expect(result.title).toContain('攜手並進');
    expect(result.text).toContain('幹部');
    expect(result.text).not.toContain('干部');
    expect(result.text).toContain('關於');
  });

  it('writes a self-contained reader page without --json, from standard input too', () => {
    const { code, stdout } = qingyue(
      ['clean', '-', '--script', 'hans'],
      readFileSync(PAGE, 'utf8'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('<article>');
    expect(stdout).toContain('<time datetime="2024-05-23T08:54">');
    expect(stdout).toContain('临江日报');
    expect(stdout).not.toMatch(/<script|<link|src="http/);
  });

  it.each([
    [['clean'], /usage/],
    [['clean', '/no/such/file.html'], /no such file/],
    [['clean', PAGE, '--script', 'klingon'], /--script must be one of/],
    [['frobnicate'], /usage/],
  ])('rejects %j with one line and exit code 2', (args, message) => {
    const { code, stderr } = qingyue(args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it.each([
    ['empty', ''],
    ['binary', '\u0000\u0001\u0002ELF'],
    ['not HTML', 'just some words\n'],
  ])('rejects %s input with exit code 2', (_kind, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'qingyue-cli-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, content);
    const { code, stderr, stdout } = qingyue(['clean', file, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^qingyue: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
