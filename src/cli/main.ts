// `qingyue clean <file.html|-> [--url <page url>] [--script original|hans|hant|tw|hk] [--json]`
// Bad input gets one line on standard error and exit code 2; never a stack trace.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { cleanDocument } from '../core/clean.ts';
import { isScriptTarget } from '../settings/schema.ts';
import type { ScriptTarget } from '../core/types.ts';

const USAGE =
  'usage: qingyue clean <file.html|-> [--url <page url>] [--script original|hans|hant|tw|hk] [--json]';

class UsageError extends Error {}

interface CliArgs {
  input: string;
  url?: string;
  script: ScriptTarget;
  json: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'clean') throw new UsageError(USAGE);
  let input: string | undefined;
  let url: string | undefined;
  let script: ScriptTarget = 'original';
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--url') {
      url = rest[++i];
      if (!url) throw new UsageError('--url needs a value');
      try {
        new URL(url);
      } catch {
        throw new UsageError(`--url is not a URL: ${url}`);
      }
    } else if (arg === '--script') {
      const value = rest[++i];
      if (!isScriptTarget(value))
        throw new UsageError(`--script must be one of original, hans, hant, tw, hk`);
      script = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (input === undefined) throw new UsageError(USAGE);
  return { input, url, script, json };
}

function readInput(input: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input === '-' ? 0 : input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${input}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`,
    );
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '')
    throw new UsageError(`${input} is empty`);
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${input} is binary, not HTML`);
  const text = bytes.toString('utf8');
  if (!/<[a-z!][^>]*>/i.test(text.slice(0, 65536))) throw new UsageError(`${input} is not HTML`);
  return text;
}

export function run(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    const html = readInput(args.input);
    const { document, window } = parseHTML(html);
    const result = cleanDocument(document as unknown as Document, {
      url: args.url,
      script: args.script,
      purifyWindow: window as unknown as Window,
    });
    if (args.json) {
      const { article: _article, ...output } = result;
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    } else {
      process.stdout.write(result.html);
    }
    return 0;
  } catch (error) {
    const message =
      error instanceof UsageError ? error.message : `failed: ${(error as Error)?.message ?? error}`;
    process.stderr.write(`qingyue: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
