// Builds the package: the schema validator (ajv standalone, generated once here, not at start-up),
// the bundled CLI and library (esbuild: one file to load instead of hundreds), and type declarations.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (existsSync(join(root, 'scripts/build-schema.mjs'))) {
  execFileSync(process.execPath, [join(root, 'scripts/build-schema.mjs')], { stdio: 'inherit', cwd: root });
}

// the scan prefilter's anchors of the pattern table, derived here instead of at every start-up
const anchorsModule = await build({
  entryPoints: [join(root, 'src/detect/prefilter-table.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { tableAnchors } = await import(`data:text/javascript;base64,${Buffer.from(anchorsModule.outputFiles[0].text).toString('base64')}`);

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  // tooling: the docs generator's entry (scripts/docs.mjs), outside the package's exports
  entryPoints: { cli: join(root, 'src/cli.ts'), index: join(root, 'src/index.ts'), tooling: join(root, 'src/tooling.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version), PREFILTER_ANCHORS: JSON.stringify(tableAnchors()) },
  // bundled CommonJS dependencies (fast-glob) call require() for Node built-ins
  banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'linked',
  minify: true,
  keepNames: false,
});
// The launcher. Node parses its own options out of the whole command line (Node 20 reads an
// `--env-file` or `--env-file-if-exists` even after the script name: a missing file exits 9, an
// existing one is loaded, NODE_OPTIONS in it included), so `compose-secrets lint --env-file x`
// must never put our options on node's command line unmarked. The bin is a shell/JavaScript
// polyglot: sh runs its second line and starts node with `--` (the end of node's options)
// before the script; to JavaScript that line is a string and a comment.
const cliFile = join(root, 'dist/cli.js');
const cli = readFileSync(cliFile, 'utf8');
if (!cli.startsWith('#!/usr/bin/env node\n')) throw new Error('dist/cli.js does not start with the expected #! line');
writeFileSync(cliFile, `#!/bin/sh\n':' //; exec node -- "$0" "$@"\n${cli.slice(cli.indexOf('\n') + 1)}`);
chmodSync(cliFile, 0o755);

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
