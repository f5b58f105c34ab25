/**
 * What fix refuses, and that a refusal writes nothing: fixtures/fix-refused/<case>/input.
 *  - partial-run: two fixable projects and one Compose refuses (an invalid template) — every project
 *    of a run is one transaction, so exit 2 means nothing was written;
 *  - schema-invalid-values: a mapping or a list as a variable's value (Compose refuses the file) is
 *    left alone, never deleted;
 *  - quoted-env-file: an env_file value in quotes, which `docker stack deploy` passes with its quotes
 *    (docker's --env-file rules) and `docker compose` without: refused for swarm, fixed for compose.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFixResult } from '../../src/fix/report.js';
import { cleanup, FIX_FIXTURES, fix, tree } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cs-refused-${name}-`));
  temps.push(dir);
  cpSync(join(FIX_FIXTURES, `../fix-refused/${name}/input`), dir, { recursive: true });
  return dir;
}

describe('one run, one transaction', () => {
  it.each(['swarm', 'compose'] as const)('a project Compose refuses stops the writes of the others (%s)', async (target) => {
    const dir = copy('partial-run');
    const before = tree(dir);
    const out = formatFixResult(await fix({ paths: ['.'], target, cwd: dir }));
    expect(out).toEqual({
      stdout: 'Nothing was written: 1 error (below). fix writes every project of a run or none; fix the errors, or name only the projects to fix.\n',
      stderr: 'compose-secrets fix: c/compose.yaml:5:26: Invalid template: ${DB_PASSWORD:- has no closing "}" on its line\n',
      exitCode: 2,
    });
    expect(tree(dir)).toEqual(before);
  });

  it('the projects that load are fixed when named alone', async () => {
    const dir = copy('partial-run');
    const out = formatFixResult(await fix({ paths: ['a', 'b'], target: 'compose', cwd: dir }));
    expect(out.exitCode).toBe(0);
    expect([...tree(dir).keys()].filter((f) => f.includes('secrets/'))).toEqual(['a/secrets/postgres_password', 'b/secrets/postgres_password']);
  });
});

describe('values Compose refuses', () => {
  it('a mapping or a list is left alone with the reason, and nothing is written', async () => {
    const dir = copy('schema-invalid-values');
    const before = tree(dir);
    const out = formatFixResult(await fix({ paths: ['.'], target: 'compose', cwd: dir }));
    expect(out).toEqual({
      stdout: [
        'Nothing to fix.',
        '',
        'Not rewritten (2):',
        '  compose.yaml:6  db POSTGRES_PASSWORD: the value is a mapping, which Compose refuses (a variable holds a string, number, boolean or null); fix leaves it alone',
        '  compose.yaml:10  replica POSTGRES_PASSWORD: the value is a list, which Compose refuses (a variable holds a string, number, boolean or null); fix leaves it alone',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 1,
    });
    expect(tree(dir)).toEqual(before);
  });
});

describe('env_file values that docker stack and docker compose read differently', () => {
  it('a quoted value is refused for swarm, with the reason, and nothing is written', async () => {
    const dir = copy('quoted-env-file');
    const before = tree(dir);
    const out = formatFixResult(await fix({ paths: ['.'], target: 'swarm', cwd: dir }));
    expect(out.stdout).toContain(
      'db.env:2  db POSTGRES_PASSWORD: docker stack deploy passes this env_file value as written (17 characters, its quotes included) where docker compose passes 15; write it without quotes, or fix with --target compose',
    );
    expect(out.stdout).not.toContain('Quartz-Heron-51');
    expect(tree(dir)).toEqual(before);
  });

  it('the same value is fixed for compose, which unquotes it', async () => {
    const dir = copy('quoted-env-file');
    const out = formatFixResult(await fix({ paths: ['.'], target: 'compose', cwd: dir }));
    expect(out.exitCode).toBe(0);
    expect([...tree(dir).keys()].filter((f) => f.includes('secrets/'))).toEqual(['secrets/postgres_password']);
    expect(readFileSync(join(dir, 'secrets/postgres_password'), 'utf8')).toBe('Quartz-Heron-51');
  });
});
