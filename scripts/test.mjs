// `npm test`: every gate in order — types, lint, formatting, unit tests, both builds, end-to-end
// tests in Chromium and Firefox — then one closing line counting the tests of both runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  [
    'unit tests',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
  ],
  // `zip` builds too: the end-to-end tests install both the build folders and the store zips.
  ['build and zip (Chrome)', 'npm', ['run', 'zip', '--silent']],
  ['build and zip (Firefox)', 'npm', ['run', 'zip:firefox', '--silent']],
  [
    'end-to-end tests',
    'npx',
    [
      'vitest',
      'run',
      '-c',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
  ],
];

mkdirSync('test-results', { recursive: true });
let failedStep = null;
for (const [label, command, args] of steps) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = label;
    console.error(`✖ ${label} failed (exit ${result.status})`);
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (failedStep) failed = Math.max(failed, 1);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
