// The CLI starts from a V8 code cache made at build time (Node 20 has no module compile cache:
// module.enableCompileCache is Node 22's). The CLI is bundled into one CommonJS file; the
// launcher (dist/cli.js) compiles it with vm.Script and the cached data this module's `train`
// wrote after a lint of the demo file, so neither the bundle nor the functions that lint runs are
// parsed and compiled again at each start. V8 refuses a cache made by another V8 version or with
// other V8 flags (node --cpu-prof, --max-old-space-size…): the launcher then compiles the source
// as any script is, and writes nothing. The bundle's and the cache's names carry the hash of the
// bundle, so a cache is never used with another bundle (V8 itself only checks the length).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node's own CommonJS wrapper, and the import() of the launcher (a script compiled from cached
 * data cannot import on Node 20). The build writes the bundle with it around (wrapBundle), so
 * the launcher and the trainer compile the file's text as read: joining a head, the 600 KB source
 * and a tail made V8 flatten a second copy of it (~4 ms of a cold start).
 */
export const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname, __csImport) { ';
/** What the bundle's CLI_IMPORT is built as (src/load/import-module.ts): the wrapper's last parameter. */
export const IMPORT_PARAMETER = '__csImport';
export const WRAP_TAIL = '\n})';

/** The bundle's text as the build writes it: the CommonJS source inside the launcher's wrapper. */
export function wrapBundle(source) {
  return WRAP_HEAD + source + WRAP_TAIL;
}

/**
 * The launcher: a shell/JavaScript polyglot (see scripts/build.mjs) whose JavaScript part loads
 * `bundle` with the cache `cache` (file names in the same directory). A CommonJS script (dist/ has
 * a package.json of type commonjs, written by the build): an ES module main would make node load
 * its ES module loader first, ~7 ms of a cold start that needs none of it.
 */
export function launcherSource(bundle, cache) {
  return `#!/bin/sh
':' //; exec node -- "$0" "$@"
// compose-secrets' launcher, written by scripts/build.mjs: runs ${bundle} compiled with the V8
// code cache ${cache} made at build time, when this node accepts it (scripts/lib/code-cache.mjs).
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, ${JSON.stringify(bundle)});
// The bundle and then its cache are read into one buffer: a page of memory touched for the first
// time is the dearest part of reading a file here (~10 us each on a virtual machine), and the
// bundle's bytes are garbage once they are a string. The bundle is ASCII-only (scripts/build.mjs),
// so latin1 decodes it exactly and faster than UTF-8; it is already wrapped in a function
// (scripts/lib/code-cache.mjs wrapBundle). Without its cache (removed, unreadable) the bundle is
// compiled from its source.
function compile() {
  const bundle = openSync(file, 'r');
  let cache;
  try {
    cache = openSync(join(__dirname, ${JSON.stringify(cache)}), 'r');
  } catch {}
  const buffer = Buffer.allocUnsafeSlow(Math.max(fstatSync(bundle).size, cache === undefined ? 0 : fstatSync(cache).size));
  const source = read(bundle, buffer).latin1Slice();
  return new Script(source, { filename: file, cachedData: cache === undefined ? undefined : read(cache, buffer) });
}
// the file's bytes, into the start of the buffer
function read(fd, buffer) {
  try {
    let length = 0;
    for (let n; (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
const script = compile();
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(file), bundleModule, file, __dirname, (specifier) => import(specifier));
`;
}

/**
 * Makes `cacheFile` for `bundleFile`: a node started as the launcher starts the CLI runs `argv`
 * (from `cwd`) and writes the cache of everything compiled by then when it exits. Returns the
 * cache's size, or a reason when none was made (the CLI then starts without one).
 */
export function train(bundleFile, cacheFile, argv, cwd) {
  rmSync(cacheFile, { force: true });
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), bundleFile, cacheFile, ...argv], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) rmSync(cacheFile, { force: true });
  if (!existsSync(cacheFile)) return { reason: `the training run made no cache (exit ${r.status}): ${r.stderr.trim().split('\n')[0] ?? ''}` };
  return { bytes: statSync(cacheFile).size };
}

// the training run itself: node code-cache.mjs BUNDLE CACHE ARGS…
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [bundleFile, cacheFile, ...argv] = process.argv.slice(2);
  const { writeFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const { Script } = await import('node:vm');
  const script = new Script(readFileSync(bundleFile, 'latin1'), { filename: bundleFile });
  process.argv = [process.execPath, bundleFile, ...argv];
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), (specifier) => import(specifier));
}
