/**
 * Never lose anything: a write that fails midway leaves every file as it was; an existing secret
 * file with another value is never overwritten (exit 2); a compose file changed on disk since it
 * was read is not written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixError } from '../../src/fix/fix.js';
import { nodeFileOps, type FileOps } from '../../src/fix/transaction.js';
import { main } from '../../src/cli/main.js';
import { cleanup, copyInput, expectedTree, fixCases, sorted, tree, fix } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

const byName = (name: string) => fixCases().find((c) => c.name === name)!;

/** File operations that throw at the n-th mutating call (write, rename, mkdir). */
function failingAt(n: number): FileOps & { calls: number } {
  const ops = {
    ...nodeFileOps,
    calls: 0,
  };
  const wrap = <K extends 'writeDurable' | 'rename' | 'mkdir'>(name: K) => {
    const real = nodeFileOps[name] as (...a: unknown[]) => void;
    (ops as Record<string, unknown>)[name] = (...args: unknown[]) => {
      ops.calls++;
      if (ops.calls === n) throw new Error(`injected failure in ${name}`);
      real(...args);
    };
  };
  wrap('writeDurable');
  wrap('rename');
  wrap('mkdir');
  return ops as FileOps & { calls: number };
}

describe('fix failure safety', () => {
  it('a write failing at any step leaves every file as it was', async () => {
    // the override case changes three files and writes two secret files: count its writes first
    const c = byName('override');
    const probe = copyInput(c, temps);
    const counting = failingAt(0);
    await fix({ ...c.options, cwd: probe, ops: counting });
    const steps = counting.calls;
    expect(steps).toBeGreaterThan(5);
    for (let n = 1; n <= steps; n++) {
      const work = copyInput(c, temps);
      const before = tree(work);
      const err = await fix({ ...c.options, cwd: work, ops: failingAt(n) }).catch((e: unknown) => e);
      expect(err, `failure at step ${n}`).toBeInstanceOf(FixError);
      expect((err as Error).message).toMatch(/injected failure/);
      expect((err as Error).message).toMatch(/every file was left as it was/);
      expect(tree(work), `files after a failure at step ${n}`).toEqual(before);
    }
  });

  it('a secrets directory that cannot be created stops everything (natural failure)', async () => {
    const c = byName('map-env');
    const work = copyInput(c, temps);
    writeFileSync(join(work, 'not-a-dir'), 'x');
    const before = tree(work);
    const err = await fix({ ...c.options, cwd: work, secretsDir: 'not-a-dir/secrets' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect(tree(work)).toEqual(before);
  });

  it('never overwrites a secret file holding another value, and exits 2', async () => {
    const c = byName('map-env');
    const work = copyInput(c, temps);
    mkdirSync(join(work, 'secrets'));
    writeFileSync(join(work, 'secrets/postgres_password'), 'someone-elses-value');
    const before = tree(work);
    const err = await fix({ ...c.options, cwd: work }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toMatch(/secrets\/postgres_password already exists with a different value/);
    expect(tree(work)).toEqual(before);
    // the CLI says why and exits 2
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const cwd = process.cwd();
    process.stderr.write = ((s: string) => (stderr.push(String(s)), true)) as typeof process.stderr.write;
    try {
      process.chdir(work);
      process.exitCode = undefined;
      expect(await main(['node', 'compose-secrets', 'fix', '.'])).toBe(2);
    } finally {
      process.chdir(cwd);
      process.stderr.write = write;
      process.exitCode = undefined;
    }
    expect(stderr.join('')).toMatch(/already exists with a different value.*nothing was written/);
    expect(readFileSync(join(work, 'secrets/postgres_password'), 'utf8')).toBe('someone-elses-value');
    expect(tree(work)).toEqual(before);
  });

  it('an existing secret file with the same value is kept and reused', async () => {
    const c = byName('map-env');
    const work = copyInput(c, temps);
    mkdirSync(join(work, 'secrets'), { mode: 0o700 });
    writeFileSync(join(work, 'secrets/postgres_password'), 's3cret-db-pass', { mode: 0o600 });
    const result = await fix({ ...c.options, cwd: work });
    expect(result.secretFiles).toContainEqual({ file: 'secrets/postgres_password', present: true });
    expect(sorted(tree(work))).toEqual(expectedTree(c));
  });

  it('does not write a compose file that changed on disk since it was read', async () => {
    const c = byName('map-env');
    const work = copyInput(c, temps);
    const compose = join(work, 'compose.yaml');
    const err = await fix({
      ...c.options,
      cwd: work,
      beforeWrite: () => writeFileSync(compose, readFileSync(compose, 'utf8') + '# edited meanwhile\n'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toMatch(/compose\.yaml changed on disk since it was read/);
    expect(readFileSync(compose, 'utf8')).toBe(readFileSync(join(c.dir, 'input/compose.yaml'), 'utf8') + '# edited meanwhile\n');
    expect(Object.keys(Object.fromEntries(tree(work))).sort()).toEqual(['compose.yaml']);
  });

  it('puts everything back when a compose file changes while secret files are being written', async () => {
    const c = byName('override');
    const work = copyInput(c, temps);
    const compose = join(work, 'compose.yaml');
    let first = true;
    const ops: FileOps = {
      ...nodeFileOps,
      writeDurable(path, data, mode) {
        nodeFileOps.writeDurable(path, data, mode);
        if (first && path.includes('/secrets/')) {
          first = false;
          writeFileSync(compose, 'services: {}\n');
        }
      },
    };
    const err = await fix({ ...c.options, cwd: work, ops }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toMatch(/changed on disk while fix was writing/);
    const after = tree(work);
    expect(after.get('compose.yaml')).toBe('services: {}\n');
    expect(after.get('compose.override.yaml')).toBe(readFileSync(join(c.dir, 'input/compose.override.yaml'), 'latin1'));
    expect([...after.keys()].sort()).toEqual(['compose.override.yaml', 'compose.yaml']);
  });
});
