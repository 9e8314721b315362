// `npm run bench`: every figure of the spec's list, each measured by its own script in a fresh
// process, printed as a table and written to bench/results.json.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Figure = { value: number; unit: string; note?: string };
const ROOT = resolve(import.meta.dirname, '..');

const parts = [
  ['conversion engine (Node)', 'bench/convert-node.ts'],
  ['conversion in the page (Chromium)', 'bench/convert-dom.ts'],
  ['page figures (Chromium)', 'bench/page.ts'],
] as const;

function main(): void {
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('build failed');
  const figures: Record<string, Figure> = {};
  for (const [label, script] of parts) {
    process.stderr.write(`\n▶ ${label}\n`);
    const run = spawnSync('npx', ['tsx', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // Each part prints one JSON object (on one line or pretty-printed) after any other output.
    const out = run.stdout.trim();
    const start = out.lastIndexOf('\n{') >= 0 ? out.lastIndexOf('\n{') + 1 : out.indexOf('{');
    let parsed: Record<string, Figure> | null = null;
    try {
      parsed =
        run.status === 0 && start >= 0
          ? (JSON.parse(out.slice(start)) as Record<string, Figure>)
          : null;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      process.stderr.write(`✖ ${script} failed (exit ${run.status})\n`);
      continue;
    }
    Object.assign(figures, parsed);
  }
  writeFileSync(resolve(ROOT, 'bench/results.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(12)}  unit      note`);
  for (const [name, { value, unit, note }] of Object.entries(figures)) {
    const shown = value >= 1e5 ? value.toExponential(3) : String(value);
    console.log(`${name.padEnd(width)}  ${shown.padStart(12)}  ${unit.padEnd(8)}  ${note ?? ''}`);
  }
  console.log('\nwritten: bench/results.json (2 shared cores: expect ±10–20% between runs)');
}

main();
