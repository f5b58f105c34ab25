/**
 * Projects fix was not asked about but whose files it would change: fixtures/fix-refused/sibling-env-file
 * has docker-compose.yml and docker-compose.test.yml sharing env/postgres.env. Rewriting the env
 * file for one would hand the other a POSTGRES_PASSWORD_FILE it does not mount: fix refuses,
 * names the service and the line, and writes nothing.
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
  it.each([
    ['only the test project named', { files: ['docker-compose.test.yml'] }, ''],
    ['the directory', { paths: ['.'] }, ' (and 1 more)'],
  ])('%s: fix refuses and writes nothing', async (_what, options, more) => {
    const dir = copy();
    const before = tree(dir);
    for (const target of ['swarm', 'compose'] as const) {
      const err = await fix({ ...options, target, cwd: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FixError);
      expect((err as Error).message).toBe(
        `the rewrite would change what a container receives: env/postgres.env:2: service postgres: POSTGRES_PASSWORD would be replaced by POSTGRES_PASSWORD_FILE, which names no secret the service mounts${more}; nothing was written`,
      );
      expect(tree(dir)).toEqual(before);
    }
  });
});
