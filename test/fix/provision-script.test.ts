/**
 * The provisioning script never runs code from a compose file: hostile keys are refused before
 * anything is generated, names are validated, every word is single-quoted, and values reach
 * `docker secret create` byte for byte. The script is run (bash) with a fake `docker` on PATH that
 * records each `docker secret create`'s arguments and the content it receives.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixError } from '../../src/fix/errors.js';
import { provisionScript, type ProvisionedSecret } from '../../src/fix/provision.js';
import { cleanup, fix } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

const FAKE_DOCKER = `#!/bin/sh
# records each 'docker secret create NAME SOURCE': NAME and the content it receives
[ "$1" = secret ] || exit 3
case "$2" in
  inspect) exit 1 ;;
  create)
    n=$(ls "$FAKE_DOCKER_LOG" | wc -l | tr -d ' ')
    mkdir "$FAKE_DOCKER_LOG/$n"
    printf '%s' "$3" > "$FAKE_DOCKER_LOG/$n/name"
    if [ "$4" = - ]; then cat > "$FAKE_DOCKER_LOG/$n/data"; else cat -- "$4" > "$FAKE_DOCKER_LOG/$n/data"; fi
    echo "$#" > "$FAKE_DOCKER_LOG/$n/argc"
    ;;
  *) exit 3 ;;
esac
`;

/** Runs a script with bash and the fake docker; returns what each create received, in order. */
function runScript(scriptPath: string, cwd: string, env: Record<string, string> = {}): { name: string; data: string; argc: string }[] {
  const bin = tempDir('cs-fake-docker-');
  writeFileSync(join(bin, 'docker'), FAKE_DOCKER);
  chmodSync(join(bin, 'docker'), 0o755);
  const log = join(bin, 'log');
  mkdirSync(log);
  execFileSync('bash', [scriptPath], { cwd, env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_DOCKER_LOG: log, ...env }, stdio: 'pipe' });
  return readdirSync(log)
    .sort((a, b) => Number(a) - Number(b))
    .map((n) => ({
      name: readFileSync(join(log, n, 'name'), 'utf8'),
      data: readFileSync(join(log, n, 'data'), 'utf8'),
      argc: readFileSync(join(log, n, 'argc'), 'utf8').trim(),
    }));
}

const HOSTILE_VALUES = ["it's", '$(touch pwned)', '`touch pwned`', 'line1\nline2', `"; touch pwned; echo "`, "'$(touch pwned)'"];

describe('provisioning script', () => {
  it('refuses hostile keys of a compose file: nothing of them reaches the script, and running it runs nothing', async () => {
    const work = tempDir('cs-hostile-keys-');
    writeFileSync(
      join(work, 'compose.yaml'),
      [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      - "DB_PASSWORD:-$(touch pwned)}"',
        '      - "POSTGRES_PASSWORD`touch pwned2`"',
        '      - "MYSQL_PASSWORD\\"$(touch pwned3)\\""',
        '      - POSTGRES_PASSWORD',
        '',
      ].join('\n'),
    );
    const result = await fix({ cwd: work, paths: ['.'], unsafeFixes: true, provisionScript: 'provision.sh' });
    expect(result.skipped.map((s) => [s.line, s.kind, s.reason])).toEqual([
      [5, 'unsupported', 'the key is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*); fix leaves it alone'],
      [6, 'unsupported', 'the key is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*); fix leaves it alone'],
      [7, 'unsupported', 'the key is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*); fix leaves it alone'],
    ]);
    const script = readFileSync(join(work, 'provision.sh'), 'utf8');
    expect(script).not.toMatch(/touch|pwned/);
    const created = runScript(join(work, 'provision.sh'), work, { POSTGRES_PASSWORD: 'from-env' });
    expect(created).toEqual([{ name: 'postgres_password_v1', data: 'from-env', argc: '4' }]);
    expect(readdirSync(work).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });

  it('hands docker secret create each hostile value byte for byte, from a file and from a variable', () => {
    const dir = tempDir('cs-hostile-values-');
    mkdirSync(join(dir, 'secrets'));
    const secrets: ProvisionedSecret[] = [];
    const env: Record<string, string> = {};
    HOSTILE_VALUES.forEach((v, i) => {
      writeFileSync(join(dir, 'secrets', `f${i}`), v);
      secrets.push({ externalName: `f${i}_v1`, name: `f${i}`, from: { file: `./secrets/f${i}` }, services: ["a'b$(touch pwned)\nc"] });
      env[`VAR_${i}`] = v;
      secrets.push({ externalName: `e${i}_v1`, name: `e${i}`, from: { variable: `VAR_${i}` }, services: ['s`touch pwned`'] });
    });
    writeFileSync(join(dir, 'provision.sh'), provisionScript(secrets, { cdToScript: true }));
    const created = runScript(join(dir, 'provision.sh'), tempDir('cs-elsewhere-'), env);
    expect(created).toEqual(secrets.map((s, i) => ({ name: s.externalName, data: HOSTILE_VALUES[Math.floor(i / 2)], argc: '4' })));
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it.each([
    ['a secret name', { externalName: 'x$(touch pwned)_v1', name: 'x', from: { file: './secrets/x' }, services: [] }],
    ['a secret name starting with a dash', { externalName: '-x_v1', name: 'x', from: { file: './secrets/x' }, services: [] }],
    ['a variable name', { externalName: 'x_v1', name: 'x', from: { variable: 'X:-$(touch pwned)}' }, services: [] }],
  ] as [string, ProvisionedSecret][])('refuses %s outside the rules', (_what, secret) => {
    expect(() => provisionScript([secret], {})).toThrow(FixError);
    expect(() => provisionScript([secret], {})).toThrow(
      /^refusing to write a provisioning script with an invalid (secret|variable) name; nothing was written$/,
    );
  });
});

describe('--provision-script FILE', () => {
  const compose = ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n');
  const project = () => {
    const dir = tempDir('cs-script-path-');
    writeFileSync(join(dir, 'compose.yaml'), compose);
    return dir;
  };

  it('does not create a missing directory', async () => {
    const dir = project();
    const err = await fix({ paths: ['.'], cwd: dir, provisionScript: 'deploy/provision.sh' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toBe(
      '--provision-script deploy/provision.sh: the directory deploy does not exist (fix creates no directory for the script); nothing was written',
    );
    expect(readdirSync(dir)).toEqual(['compose.yaml']);
  });

  it('does not replace a file fix did not write, unless --force', async () => {
    const dir = project();
    writeFileSync(join(dir, 'provision.sh'), 'my own script\n');
    const err = await fix({ paths: ['.'], cwd: dir, provisionScript: 'provision.sh' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toBe(
      '--provision-script provision.sh exists and was not written by fix; choose another path, or replace it with --force; nothing was written',
    );
    expect(readdirSync(dir).sort()).toEqual(['compose.yaml', 'provision.sh']);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(compose);
    const forced = await fix({ paths: ['.'], cwd: dir, provisionScript: 'provision.sh', force: true });
    expect(forced.written).toBe(true);
    expect(readFileSync(join(dir, 'provision.sh'), 'utf8')).toMatch(/^#!\/bin\/sh\n# Creates the Swarm secrets/);
  });

  it('replaces a script it wrote itself', async () => {
    const dir = project();
    writeFileSync(join(dir, 'provision.sh'), provisionScript([], { cdToScript: true }));
    const r = await fix({ paths: ['.'], cwd: dir, provisionScript: 'provision.sh' });
    expect(r.written).toBe(true);
    expect(readFileSync(join(dir, 'provision.sh'), 'utf8')).toContain('create postgres_password_v1 ./secrets/postgres_password');
  });
});

describe('a value read through a variable (swarm)', () => {
  it('the secret is created from the variable when it is set, else from the stored default', async () => {
    const dir = tempDir('cs-default-');
    writeFileSync(
      join(dir, 'compose.yaml'),
      ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: ${DB_PASSWORD:-changeme}', ''].join('\n'),
    );
    const r = await fix({ paths: ['.'], cwd: dir, provisionScript: 'provision.sh' });
    expect(r.written).toBe(true);
    expect(readFileSync(join(dir, 'secrets/db_password'), 'utf8')).toBe('changeme');
    const script = join(dir, 'provision.sh');
    expect(readFileSync(script, 'utf8')).toContain(
      `if [ -n "\${DB_PASSWORD:-}" ]; then printf '%s' "$DB_PASSWORD" | create db_password_v1 -; else create db_password_v1 ./secrets/db_password; fi  # db_password: db`,
    );
    expect(runScript(script, dir)).toEqual([{ name: 'db_password_v1', data: 'changeme', argc: '4' }]);
    expect(runScript(script, dir, { DB_PASSWORD: "from ci 'x'" })).toEqual([{ name: 'db_password_v1', data: "from ci 'x'", argc: '4' }]);
    expect(runScript(script, dir, { DB_PASSWORD: '' })).toEqual([{ name: 'db_password_v1', data: 'changeme', argc: '4' }]);
  });
});
