// Compares `compose-secrets config` with Debian's docker-compose v1 (`docker-compose config`) on a
// sample of corpus files: services, images, environment, command and entrypoint. v1 is only a
// second opinion (it predates the Compose Specification), so differences are listed, not fatal.
// Usage: node scripts/compare-v1.mjs [N]   (needs `apt-get install docker-compose` and a build)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(fileURLToPath(import.meta.url), '../..');
const corpus = join(root, '../shared/corpus');
const limit = Number(process.argv[2] ?? 80);
const env = { PATH: process.env.PATH };

function walk(dir, out = []) {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/^(docker-)?compose\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

const files = walk(corpus);
const step = Math.max(1, Math.floor(files.length / limit));
const sample = files.filter((_, i) => i % step === 0).slice(0, limit);
let both = 0,
  same = 0,
  v1Failed = 0,
  oursFailed = 0;
const diffs = [];
const norm = (v) =>
  v === undefined || v === null
    ? undefined
    : Array.isArray(v)
      ? v.map(String)
      : typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, x === null ? null : String(x)]),
          )
        : String(v);
for (const file of sample) {
  const v1 = spawnSync('docker-compose', ['-f', file, 'config'], { env, encoding: 'utf8', cwd: root });
  const ours = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'config', '--show-secrets', '-f', file], { env, encoding: 'utf8', cwd: root });
  const name = relative(corpus, file);
  if (v1.status !== 0) {
    v1Failed++;
    if (ours.status === 0) diffs.push(`${name}: v1 refuses it (${v1.stderr.trim().split('\n').pop()}), we accept it`);
    continue;
  }
  if (ours.status !== 0) {
    oursFailed++;
    diffs.push(`${name}: we refuse it (${ours.stderr.trim()}), v1 accepts it`);
    continue;
  }
  both++;
  const a = parse(v1.stdout).services ?? {};
  const b = parse(ours.stdout).services ?? {};
  const problems = [];
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const s of names) {
    if (!a[s] || !b[s]) {
      problems.push(`service ${s} only in ${a[s] ? 'v1' : 'ours'}`);
      continue;
    }
    for (const key of ['image', 'environment', 'command', 'entrypoint']) {
      const x = JSON.stringify(norm(a[s][key]));
      const y = JSON.stringify(norm(b[s][key]));
      if (x !== y) problems.push(`${s}.${key}: v1 ${x?.slice(0, 100)} / ours ${y?.slice(0, 100)}`);
    }
  }
  if (problems.length) diffs.push(`${name}: ${problems.join('; ')}`);
  else same++;
}
console.log(`sample ${sample.length}: both loaded ${both} (identical on the compared keys: ${same}); v1 refused ${v1Failed}; we refused ${oursFailed}`);
for (const d of diffs) console.log(`- ${d}`);
