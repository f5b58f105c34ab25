import { main } from './cli/main.js';
import { escapeControl } from './report/escape.js';
import { writeErr, writeToDescriptors } from './cli/output.js';

// The CLI's entry, bundled by scripts/build.mjs into one CommonJS file that the launcher
// (dist/cli.js) compiles with the V8 code cache made at build time (see scripts/lib/code-cache.mjs).
writeToDescriptors();
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    writeErr(`compose-secrets: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 2;
  },
);
