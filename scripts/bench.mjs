// npm run bench: start-up and throughput. Timing targets live here, not in the tests.
//   - lint of one small file vs `node -e 0` (what a pre-commit hook pays)
//   - lint of the whole shared corpus (files per second), when ../shared is there
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../..');
const cli = join(root, 'dist/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function time(args, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], p90: samples[Math.floor(runs * 0.9)] };
}

const fmt = (r) => `median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms`;
const base = time(['-e', '0']);
const one = time([cli, 'lint', '--no-color', 'fixtures/demo/compose.yaml']);
const version = time([cli, '--version']);
console.log(`node -e 0                         ${fmt(base)}`);
console.log(`compose-secrets --version         ${fmt(version)}`);
console.log(`compose-secrets lint (one file)   ${fmt(one)}  (+${(one.median - base.median).toFixed(1)} ms over node)`);

const corpus = join(root, '../shared/corpus');
if (existsSync(corpus)) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', corpus], { cwd: root, maxBuffer: 1 << 28, encoding: 'utf8' });
  const ms = performance.now() - t;
  const files = JSON.parse(r.stdout).files.length;
  console.log(`lint ../shared/corpus             ${files} files in ${(ms / 1000).toFixed(2)} s (${(files / (ms / 1000)).toFixed(0)} files/s)`);
}
const limit = Number(process.env.BENCH_MAX_OVERHEAD_MS ?? 150);
if (one.median - base.median > limit) {
  console.error(`start-up overhead over ${limit} ms`);
  process.exitCode = 1;
}
