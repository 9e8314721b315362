#!/usr/bin/env node
// The `qingyue` command: runs the TypeScript core through tsx, so the CLI and the extension share
// one source.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = run(process.argv.slice(2));
