#!/usr/bin/env node
import module from 'node:module';
import { escapeControl } from './report/escape.js';

// Node 22+ keeps compiled code between runs (a pre-commit hook runs this often); a no-op on Node 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { main } = await import('./cli/main.js');
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`compose-secrets: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 2;
  },
);
