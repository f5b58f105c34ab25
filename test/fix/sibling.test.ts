/**
 * Projects fix was not asked about but whose files it would change: fixtures/fix-refused/sibling-env-file
 * has docker-compose.yml and docker-compose.test.yml sharing env/postgres.env. Rewriting the env
 * file for one would hand the other a POSTGRES_PASSWORD_FILE it does not mount: named alone, fix
 * refuses, names the service, the line and the sibling, and writes nothing; fixed together, the
 * later project mounts the secret the earlier one's rewrite of the shared line names.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixError } from '../../src/fix/errors.js';
import { cleanup, FIX_FIXTURES, fix, tree } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-sibling-'));
  temps.push(dir);
  cpSync(join(FIX_FIXTURES, '../fix-refused/sibling-env-file/input'), dir, { recursive: true });
  return dir;
}

describe('a sibling project sharing an env_file', () => {
  it('only the test project named: fix refuses, says why, and writes nothing', async () => {
    const dir = copy();
    const before = tree(dir);
    for (const target of ['swarm', 'compose'] as const) {
      const err = await fix({ files: ['docker-compose.test.yml'], target, cwd: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FixError);
      expect((err as Error).message).toBe(
        'the rewrite would change what a container receives: env/postgres.env:2: service postgres: POSTGRES_PASSWORD would be replaced by POSTGRES_PASSWORD_FILE, which names no secret the service mounts — docker-compose.yml reads env/postgres.env, which fix changes, and was not named: fix them in one run (name their directory); nothing was written',
      );
      expect(tree(dir)).toEqual(before);
    }
  });

  // fixed together (the directory): fixtures/fix/shared-env-file holds the byte-exact output
  it.each(['swarm', 'compose'] as const)('the directory (%s): both projects mount the one secret of the shared line', async (target) => {
    const dir = copy();
    const result = await fix({ paths: ['.'], target, cwd: dir });
    expect(result.errors).toEqual([]);
    expect(result.secrets.map((s) => [s.name, s.users.map((u) => u.service)])).toEqual([['postgres_password', ['postgres-test', 'postgres']]]);
    const after = tree(dir);
    for (const f of ['docker-compose.yml', 'docker-compose.test.yml']) expect(after.get(f)).toMatch(/secrets:\n {6}- postgres_password\n/);
  });
});
