// Builds the package: the schema validator (ajv standalone, generated once here, not at start-up),
// the bundled library (esbuild), the CLI (one file, with its V8 code cache and its launcher), and
// type declarations.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { IMPORT_PARAMETER, launcherSource, train, wrapBundle } from './lib/code-cache.mjs';

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
mkdirSync(join(root, 'dist'));
// dist/'s .js files are CommonJS (the CLI's launcher, dist/cli.js: see scripts/lib/code-cache.mjs);
// the library is ES modules named .mjs, its type declarations (dist/types) ES modules as before
writeFileSync(join(root, 'dist/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
const define = { PACKAGE_VERSION: JSON.stringify(pkg.version), PREFILTER_ANCHORS: JSON.stringify(tableAnchors()) };
// the library (and the docs generator's entry, scripts/docs.mjs, outside the package's exports)
await build({
  entryPoints: { index: join(root, 'src/index.ts'), tooling: join(root, 'src/tooling.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  define,
  // bundled CommonJS dependencies (fast-glob) call require() for Node built-ins
  banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'linked',
  minify: true,
  keepNames: false,
});
// The CLI: one CommonJS file (strict, as the modules it is made of), compiled by the launcher with
// a V8 code cache made here (scripts/lib/code-cache.mjs). Rarely used commands (fix, audit,
// rotate) stay behind lazy imports: in the file, but neither run nor compiled by a lint. Named by
// its hash, as its cache is. What only config and rule options need (the schema validator, ajv:
// a third of the code) are files of their own, required when used; node:crypto,
// node:child_process (a baseline, git, commander's executable subcommands) and node:tty (a
// terminal check, src/cli/output.ts) are required at their first call, not at start-up.
const LAZY_BUILTINS = {
  'node:crypto': ['createHash', 'createHmac', 'randomBytes'],
  'node:child_process': ['spawn', 'spawnSync'],
  'node:tty': ['isatty'],
};
const cliOnly = {
  name: 'cli-only',
  setup(b) {
    b.onResolve({ filter: /[\\/]generated[\\/]compose-schema-validate\.js$/ }, () => ({ path: './cli-schema.cjs', external: true }));
    // ajv is imported with import(), which the bundle cannot do (src/load/import-module.ts): a module
    // of the bundle requires its file instead
    b.onResolve({ filter: /^ajv$/ }, () => ({ path: 'ajv', namespace: 'cli-file' }));
    b.onResolve({ filter: /^\.\/cli-ajv\.cjs$/ }, (a) => ({ path: a.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'cli-file' }, () => ({ contents: 'module.exports = require("./cli-ajv.cjs");', loader: 'js' }));
    b.onResolve({ filter: /^node:(crypto|child_process|tty)$/ }, (a) =>
      a.namespace === 'lazy-builtin' ? { path: a.path, external: true } : { path: a.path, namespace: 'lazy-builtin' },
    );
    // picocolors decides at import whether its default instance colours, by reading
    // process.stdout.isTTY: that builds the stdout stream (5-10 ms of a cold start) which the CLI
    // never uses (src/cli/output.ts). The CLI calls createColors with its own decision
    // (src/cli/util.ts useColor), so the bundle's copy skips the probe.
    b.onLoad({ filter: /[\\/]picocolors[\\/]picocolors\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      const probe = '(p.stdout || {}).isTTY';
      if (!source.includes(probe)) throw new Error(`build: picocolors no longer probes ${probe} at import; review the cli-only plugin`);
      return { contents: source.replace(probe, 'false'), loader: 'js' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      contents: LAZY_BUILTINS[a.path]
        .map((name) => `export function ${name}(...args) { return require(${JSON.stringify(a.path)}).${name}(...args); }`)
        .join('\n'),
      loader: 'js',
    }));
  },
};
for (const [entry, out] of [
  [join(root, 'src/generated/compose-schema-validate.js'), 'cli-schema.cjs'],
  ['ajv', 'cli-ajv.cjs'],
]) {
  await build({
    entryPoints: [entry],
    outfile: join(root, 'dist', out),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'linked',
    minify: true,
  });
}
const cliBuild = await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(root, 'dist/cli.cjs'),
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { ...define, CLI_IMPORT: IMPORT_PARAMETER },
  banner: { js: '"use strict";' },
  plugins: [cliOnly],
  logLevel: 'warning',
  legalComments: 'linked',
  minify: true,
  keepNames: false,
  // ASCII only (other characters escaped): the launcher reads it as latin1, which is both faster
  // than a UTF-8 decode and half the memory of the two-byte string a single non-ASCII character
  // makes of the whole source
  charset: 'ascii',
});
let bundleName;
for (const out of cliBuild.outputFiles) {
  if (out.path.endsWith('.cjs')) {
    if (out.contents.some((byte) => byte > 0x7f)) {
      // esbuild escapes strings and templates, not regular expression literals: write `\u2026` there
      throw new Error('build: the CLI bundle is not ASCII-only (a non-ASCII character in a regular expression literal?); the launcher reads it as latin1');
    }
    const wrapped = wrapBundle(out.text);
    bundleName = `cli-${createHash('sha256').update(wrapped).digest('hex').slice(0, 12)}.cjs`;
    writeFileSync(join(root, 'dist', bundleName), wrapped, 'latin1');
  } else writeFileSync(out.path, out.contents);
}
const cacheName = `${bundleName}.cache`;
// The launcher. Node parses its own options out of the whole command line (Node 20 reads an
// `--env-file` or `--env-file-if-exists` even after the script name: a missing file exits 9, an
// existing one is loaded, NODE_OPTIONS in it included), so `compose-secrets lint --env-file x`
// must never put our options on node's command line unmarked. The bin is a shell/JavaScript
// polyglot: sh runs its second line and starts node with `--` (the end of node's options)
// before the script; to JavaScript that line is a string and a comment.
const cliFile = join(root, 'dist/cli.js');
writeFileSync(cliFile, launcherSource(bundleName, cacheName));
chmodSync(cliFile, 0o755);
// the code cache: what a lint of one small file compiles (the cold start the benchmark measures)
const demo = 'fixtures/demo/compose.yaml';
const trained = existsSync(join(root, demo))
  ? train(join(root, 'dist', bundleName), join(root, 'dist', cacheName), ['lint', demo], root)
  : { reason: `${demo} is missing` };
if (trained.reason) process.stderr.write(`build: no code cache for the CLI (${trained.reason}); it starts without one\n`);

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
writeFileSync(join(root, 'dist/types/package.json'), `${JSON.stringify({ type: 'module' })}\n`);
