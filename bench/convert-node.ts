/**
 * Conversion benchmark in Node: start-up cost and throughput of Qingyue's engine against
 * opencc-js (the baseline whose output it reproduces) and two peers, tongwen-core + tongwen-dict
 * and simplecc-wasm. Run with `npx tsx bench/convert-node.ts` (after `npx tsx scripts/build-dicts.ts`).
 *
 * Every figure comes from a fresh child process (`node --expose-gc`), so module loading, JIT
 * warm-up and heap are clean:
 * - init_ms: from before importing the library to a converter that has converted a short string
 *   (our tables are decoded lazily, so the first call is part of being ready);
 * - init_cpu_ms: CPU time (all threads) over the same span: less sensitive than wall time to
 *   other processes on a shared machine, though it counts the JIT's background compilation;
 * - heap_mb: heapUsed after a full GC, minus the same before the import, converter kept alive.
 *   ArrayBuffer memory (our typed arrays, simplecc's WASM memory) is not JS heap; it is shown in
 *   the table as external_mb and reported as convert.*external_mb;
 * - chars_per_s: converting the same 1,000,000-character Simplified text (the reference page's
 *   text converted to Simplified by opencc-js, repeated), median of 5 timed runs after 2 warm-ups.
 * Medians over several children. Prints a table to stderr and one JSON object to stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as OpenCC from 'opencc-js';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const WORK = path.join(os.tmpdir(), `qingyue-convert-bench-${process.pid}`);
const TEXT_LENGTH = 1_000_000;
const INIT_RUNS = 7;
const THROUGHPUT_RUNS = 3;

type Library = 'ours' | 'opencc' | 'tongwen' | 'simplecc';
const LIBRARIES: Library[] = ['ours', 'opencc', 'tongwen', 'simplecc'];
const LABELS: Record<Library, string> = {
  ours: 'qingyue engine (cn->tw)',
  opencc: 'opencc-js 1.4.2 (cn->tw)',
  tongwen: 'tongwen-core + tongwen-dict (s2t)',
  simplecc: 'simplecc-wasm (s2tw)',
};

/**
 * Our engine as plain JavaScript, as the extension ships it: the TypeScript sources transpiled
 * file by file (no bundling), with import specifiers given their `.js` extension.
 */
function transpileEngine(): string {
  const out = path.join(WORK, 'engine');
  const sources = [
    'src/core/convert/engine.ts',
    'src/core/convert/project-dict.ts',
    ...readdirSync(path.join(ROOT, 'src/core/convert/generated'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/core/convert/generated/${f}`),
  ];
  for (const source of sources) {
    const input = readFileSync(path.join(ROOT, source), 'utf8');
    const { outputText } = ts.transpileModule(input, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    });
    const fixed = outputText.replace(/(from\s+['"])(\.{1,2}\/[^'"]+?)(\.ts)?(['"])/g, '$1$2.js$4');
    const target = path.join(out, source.replace(/^src\/core\//, '').replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, fixed);
  }
  // The files are ES modules; without this Node 20 first compiles each as CommonJS, fails, and
  // compiles it again (syntax detection), which a shipped bundle never pays.
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return path.join(out, 'convert', 'engine.js');
}

/** The child: loads one library, measures, prints one JSON line. */
const CHILD = String.raw`
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const [library, mode, textFile, expectedFile, enginePath, root] = process.argv.slice(2);
const require = createRequire(root + '/package.json');
const MB = 1024 * 1024;

async function load() {
  switch (library) {
    case 'ours': {
      const { createConverter } = await import(enginePath);
      return createConverter('cn', 'tw');
    }
    case 'opencc': {
      const OpenCC = await import(require.resolve('opencc-js').replace(/umd\/full\.js$/, 'esm/full.js'));
      return OpenCC.Converter({ from: 'cn', to: 'tw' });
    }
    case 'tongwen': {
      // The converter alone: tongwen-core's index also loads its DOM walker, which needs NodeFilter.
      const { createConverterMap } = require('tongwen-core/cjs/converter');
      const dict = (name) => require('tongwen-dict/dist/' + name + '.json');
      const converter = createConverterMap({
        s2t: [dict('s2t-char'), dict('s2t-phrase')],
        t2s: [dict('t2s-char'), dict('t2s-phrase')],
      });
      return (text) => converter.phrase('s2t', text);
    }
    case 'simplecc': {
      const { simplecc } = require('simplecc-wasm');
      return (text) => simplecc(text, 's2tw');
    }
  }
  throw new Error('unknown library ' + library);
}

globalThis.gc();
globalThis.gc();
const before = process.memoryUsage();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const convert = await load();
convert('测试繁简转换');
const initMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
globalThis.gc();
globalThis.gc();
const after = process.memoryUsage();
const result = {
  init_ms: initMs,
  init_cpu_ms: (cpu.user + cpu.system) / 1000,
  heap_mb: (after.heapUsed - before.heapUsed) / MB,
  external_mb: (after.external - before.external) / MB,
};
if (mode === 'throughput') {
  const text = readFileSync(textFile, 'utf8');
  let output = '';
  for (let i = 0; i < 2; i++) output = convert(text);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    output = convert(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  result.chars_per_s = text.length / (times[2] / 1000);
  if (expectedFile) result.identical = output === readFileSync(expectedFile, 'utf8') ? 1 : 0;
  else result.output = output;
}
process.stdout.write(JSON.stringify(result) + '\n');
`;

interface ChildResult {
  init_ms: number;
  init_cpu_ms: number;
  heap_mb: number;
  external_mb: number;
  chars_per_s?: number;
  identical?: number;
}

function runChild(args: string[]): ChildResult {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', path.join(WORK, 'child.mjs'), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0)
    throw new Error(`child ${args.slice(0, 2).join(' ')} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildResult;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The reference page's text in Simplified, repeated to TEXT_LENGTH characters. */
function benchmarkText(): string {
  const seed = path.join(CORPUS, 'seed', '000_5f548a48bfc179cb.txt');
  let source: string;
  try {
    source = OpenCC.Converter({ from: 't', to: 'cn' })(readFileSync(seed, 'utf8'));
  } catch {
    // Without the corpus: a Simplified paragraph of the project's own, in the same register.
    source =
      '无锡市党政代表团赴延安市学习考察，双方签订关于深化苏陕协作的合作协议。会上，两地干部群众' +
      '围绕产业合作、乡村振兴、干部交流和公共服务等工作进行了深入交流，并就下一步发展达成共识。\n';
  }
  let text = '';
  while (text.length < TEXT_LENGTH) text += source;
  return text.slice(0, TEXT_LENGTH);
}

function main(): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  try {
    const enginePath = pathToFileURL(transpileEngine()).href;
    writeFileSync(path.join(WORK, 'child.mjs'), CHILD);
    const textFile = path.join(WORK, 'text.txt');
    writeFileSync(textFile, benchmarkText());
    const expectedFile = path.join(WORK, 'expected.txt');
    writeFileSync(
      expectedFile,
      OpenCC.Converter({ from: 'cn', to: 'tw' })(readFileSync(textFile, 'utf8')),
    );

    const rows: Record<
      Library,
      {
        init: number;
        cpu: number;
        heap: number;
        external: number;
        speed: number;
        identical: number;
      }
    > = {} as never;
    for (const library of LIBRARIES) {
      const inits: ChildResult[] = [];
      for (let i = 0; i < INIT_RUNS; i++)
        inits.push(runChild([library, 'init', textFile, expectedFile, enginePath, ROOT]));
      const runs: ChildResult[] = [];
      for (let i = 0; i < THROUGHPUT_RUNS; i++) {
        runs.push(runChild([library, 'throughput', textFile, expectedFile, enginePath, ROOT]));
      }
      rows[library] = {
        init: median(inits.map((r) => r.init_ms)),
        cpu: median(inits.map((r) => r.init_cpu_ms)),
        heap: median(inits.map((r) => r.heap_mb)),
        external: median(inits.map((r) => r.external_mb)),
        speed: median(runs.map((r) => r.chars_per_s ?? 0)),
        identical: runs.every((r) => r.identical === 1) ? 1 : 0,
      };
      process.stderr.write(`measured ${LABELS[library]}\n`);
    }

    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(36) : c.padStart(12))).join(' ');
    process.stderr.write(
      `\n${line(['converter', 'init ms', 'init CPU ms', 'heap MB', 'external MB', 'M chars/s', 'same as OpenCC'])}\n`,
    );
    for (const library of LIBRARIES) {
      const r = rows[library];
      process.stderr.write(
        line([
          LABELS[library],
          r.init.toFixed(1),
          r.cpu.toFixed(1),
          r.heap.toFixed(2),
          r.external.toFixed(2),
          (r.speed / 1e6).toFixed(2),
          r.identical ? 'yes' : 'no',
        ]) + '\n',
      );
    }
    process.stderr.write(
      `(medians of ${INIT_RUNS} fresh processes for init/heap, ${THROUGHPUT_RUNS} for throughput; ${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})\n`,
    );

    const figure = (value: number, unit: string) => ({
      value: Number(value.toFixed(unit === 'chars/s' ? 0 : 3)),
      unit,
    });
    const results = {
      'convert.init_ms': figure(rows.ours.init, 'ms'),
      'convert.init_cpu_ms': figure(rows.ours.cpu, 'ms'),
      'convert.heap_mb': figure(rows.ours.heap, 'MB'),
      'convert.external_mb': figure(rows.ours.external, 'MB'),
      'convert.baseline_init_ms': figure(rows.opencc.init, 'ms'),
      'convert.baseline_init_cpu_ms': figure(rows.opencc.cpu, 'ms'),
      'convert.baseline_heap_mb': figure(rows.opencc.heap, 'MB'),
      'convert.chars_per_s': figure(rows.ours.speed, 'chars/s'),
      'convert.baseline_chars_per_s': figure(rows.opencc.speed, 'chars/s'),
      'convert.identical': { value: rows.ours.identical, unit: 'bool' },
      'convert.peer_tongwen_chars_per_s': figure(rows.tongwen.speed, 'chars/s'),
      'convert.peer_tongwen_init_ms': figure(rows.tongwen.init, 'ms'),
      'convert.peer_tongwen_identical': { value: rows.tongwen.identical, unit: 'bool' },
      'convert.peer_simplecc_chars_per_s': figure(rows.simplecc.speed, 'chars/s'),
      'convert.peer_simplecc_init_ms': figure(rows.simplecc.init, 'ms'),
      'convert.peer_simplecc_identical': { value: rows.simplecc.identical, unit: 'bool' },
    };
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

main();
