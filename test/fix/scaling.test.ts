/**
 * fix's work grows linearly in services: a dry run on n and 4n services, each with its own hardcoded
 * password (the benchmark's shape, scripts/bench/inputs.mjs), counting the elements its searches
 * examine and the steps of its iterations — a deterministic count of work, not a time. A lookup
 * per service done by a search over every service (a service by name, a secret by the value it
 * holds, a queued mount or definition, a recorded range) makes the count grow 16× for 4× the
 * services; the bench measured fix at 1,000 → 10,000 services taking 4.8 s → 50 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fix } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

function servicesFile(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-fix-scaling-'));
  temps.push(dir);
  const lines = ['services:'];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `  db${i}:`,
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_USER: app',
      `      POSTGRES_PASSWORD: pw-${i}-${(i * 2654435761) % 4294967296}x`,
    );
  }
  writeFileSync(join(dir, 'compose.yaml'), `${lines.join('\n')}\n`);
  return dir;
}

type Patch = [object, string, PropertyDescriptor];

/** Runs `f` counting the elements array searches examine and the steps of array, Map and Set iterations. */
async function work(f: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const patches: Patch[] = [];
  const patch = (target: object, name: string, make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name)!;
    patches.push([target, name, descriptor]);
    Object.defineProperty(target, name, { ...descriptor, value: make(descriptor.value) });
  };
  const A = Array.prototype as unknown as Record<string, unknown>;
  for (const name of ['find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'filter', 'forEach', 'map', 'flatMap', 'reduce']) {
    if (typeof A[name] !== 'function') continue;
    patch(
      Array.prototype,
      name,
      (original) =>
        function (this: unknown[], callback: unknown, ...rest: unknown[]) {
          if (typeof callback !== 'function') return original.call(this, callback, ...rest);
          const counted = function (this: unknown, ...args: unknown[]) {
            count++;
            return (callback as (...a: unknown[]) => unknown).apply(this, args);
          };
          return original.call(this, counted, ...rest);
        },
    );
  }
  for (const name of ['includes', 'indexOf', 'lastIndexOf']) {
    patch(
      Array.prototype,
      name,
      (original) =>
        function (this: unknown[], ...args: unknown[]) {
          count += this.length;
          return original.apply(this, args);
        },
    );
  }
  for (const iterator of [[][Symbol.iterator](), new Map().values(), new Set().values()]) {
    patch(
      Object.getPrototypeOf(iterator),
      'next',
      (original) =>
        function (this: unknown) {
          count++;
          return original.call(this);
        },
    );
  }
  try {
    await f();
  } finally {
    for (const [target, name, descriptor] of patches.reverse()) Object.defineProperty(target, name, descriptor);
  }
  return count;
}

describe('fix --dry-run on many services', () => {
  it('does linear work: 4× the services, about 4× the searching and iterating (never 16×)', async () => {
    const dirs = [50, 200, 800].map(servicesFile);
    const run = (cwd: string) => fix({ paths: ['.'], cwd, dryRun: true, target: 'compose' });
    // the first run builds what every run shares (rule tables, lazy modules)
    const first = await run(dirs[0]);
    expect(first.rewrites.length).toBe(50);
    const small = await work(() => run(dirs[1]));
    const large = await work(() => run(dirs[2]));
    expect(large / small).toBeLessThan(5);
  }, 120_000);
});
