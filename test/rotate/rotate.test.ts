/** compose-secrets rotate: the file before → after byte for byte, the plan exactly, the value never printed. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextFileVersion, nextVersion } from '../../src/rotate/version.js';
import { ALPHABETS, randomValue } from '../../src/rotate/value.js';
import { expectOutput, folders, REPO } from '../helpers.js';

const VALUE = 'fake-new-value-9f8e7d6c5b4a\n';
const OLD = 'fake-old-value-0123456789\n';
const HAS_DOCKER = spawnSync('docker', ['--version']).status === 0;

function cli(dir: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), ...args], { cwd: dir, encoding: 'utf8', input });
}

function setUp(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-rotate-'));
  cpSync(join(REPO, 'fixtures/rotate', folder, 'compose.yaml'), join(dir, 'compose.yaml'));
  writeFileSync(join(dir, 'new-value.txt'), VALUE);
  mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
  writeFileSync(join(dir, 'secrets/db_password.txt'), OLD, { mode: 0o600 });
  return dir;
}

describe.each(folders(join(REPO, 'fixtures/rotate')))('rotate %s', (folder) => {
  const fixture = join(REPO, 'fixtures/rotate', folder);
  const c = JSON.parse(readFileSync(join(fixture, 'case.json'), 'utf8')) as { args: string[]; newFile: string | null };

  it('rewrites the file surgically, prints the plan, writes the value only where it belongs', () => {
    const dir = setUp(folder);
    const run = cli(dir, c.args, VALUE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectOutput(join(fixture, 'expected.yaml'), readFileSync(join(dir, 'compose.yaml'), 'utf8'));
    expectOutput(join(fixture, 'expected.plan.txt'), run.stdout);
    expect(run.stdout.includes(VALUE.trim())).toBe(false);
    if (c.newFile) {
      expect(readFileSync(join(dir, c.newFile), 'utf8')).toBe(VALUE);
      expect(statSync(join(dir, c.newFile)).mode & 0o777).toBe(0o600);
      // the old one is kept until removed
      expect(readFileSync(join(dir, 'secrets/db_password.txt'), 'utf8')).toBe(OLD);
    } else if (HAS_DOCKER) {
      const config = spawnSync('docker', ['stack', 'config', '-c', join(dir, 'compose.yaml')], { encoding: 'utf8' });
      expect(config.stderr).toBe('');
      expect(config.status).toBe(0);
    }
  });
});

describe('rotate', () => {
  it('without --value-from writes a random value (0600) for docker secret create, never printed', () => {
    const dir = setUp('swarm');
    const run = cli(dir, ['rotate', 'db_password']);
    expect(run.status).toBe(0);
    const value = readFileSync(join(dir, 'secrets/app_db_password_v4'), 'utf8');
    expect(value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(statSync(join(dir, 'secrets/app_db_password_v4')).mode & 0o777).toBe(0o600);
    expect(run.stdout).toContain('   docker secret create app_db_password_v4 secrets/app_db_password_v4\n');
    expect(run.stdout.includes(value) || run.stderr.includes(value)).toBe(false);
  });

  it('refuses with one line and writes nothing: unknown secret, wrong target, a new file already there', () => {
    const dir = setUp('compose');
    const before = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    expect(cli(dir, ['rotate', 'nope'])).toMatchObject({
      status: 2,
      stderr: 'compose-secrets rotate: secret "nope" is not defined under the top-level secrets of compose.yaml\n',
    });
    expect(cli(dir, ['rotate', 'db_password', '--target', 'swarm'])).toMatchObject({
      status: 2,
      stderr:
        'compose-secrets rotate: secret "db_password" is not external: only an external secret lives in the Swarm (use --target compose for a file: source)\n',
    });
    writeFileSync(join(dir, 'secrets/db_password_v2.txt'), 'someone else\n');
    expect(cli(dir, ['rotate', 'db_password'])).toMatchObject({
      status: 2,
      stderr: 'compose-secrets rotate: secrets/db_password_v2.txt already exists; nothing was written\n',
    });
    expect(cli(dir, ['rotate', 'db_password', '--length', '8'])).toMatchObject({
      status: 2,
      stderr: 'compose-secrets: --length takes a whole number from 16 to 4096, not "8"\n',
    });
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'secrets/app_db_password_v4'))).toBe(false);
  });

  it('--dry-run prints the plan and changes nothing', () => {
    const dir = setUp('compose');
    const before = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    const run = cli(dir, ['rotate', 'db_password', '--dry-run']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'rotate db_password (compose): ./secrets/db_password.txt → ./secrets/db_password_v2.txt',
      'would write the new value to secrets/db_password_v2.txt (mode 0600)',
      "would change compose.yaml: the secret's file: is now ./secrets/db_password_v2.txt",
    ]);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'secrets/db_password_v2.txt'))).toBe(false);
  });

  it('versions: _v3 → _v4, -09 → -10, unversioned → _v2; files on their stem', () => {
    expect(['app_db_password_v3', 'tls-key-09', 'api.2', 'db_password', 'v2'].map(nextVersion)).toEqual([
      'app_db_password_v4',
      'tls-key-10',
      'api.3',
      'db_password_v2',
      'v2_v2',
    ]);
    expect(['./secrets/db.txt', 'secrets/db_v2.txt', 'db', '.env.db'].map(nextFileVersion)).toEqual([
      './secrets/db_v2.txt',
      'secrets/db_v3.txt',
      'db_v2',
      '.env_v2.db',
    ]);
  });

  it('random values: the length asked, only the alphabet, every character possible, no bias from the byte range', () => {
    const v = randomValue(4000, ALPHABETS.symbols);
    expect(v).toHaveLength(4000);
    expect([...v].every((ch) => ALPHABETS.symbols.includes(ch))).toBe(true);
    expect(new Set(v).size).toBe(ALPHABETS.symbols.length);
    // bytes from 252 up are drawn again for a 63-character alphabet (252 = 4 × 63)
    const bytes = [251, 252, 253, 254, 255, 0];
    let i = 0;
    const fixed = (n: number) => Buffer.from(Array.from({ length: n }, () => bytes[i++ % bytes.length]));
    expect(randomValue(2, 'a'.repeat(62) + 'b', fixed)).toBe('ba');
  });

  it('a random value refuses an alphabet that is no string of 2 to 256 characters (one character, a function) rather than make a guessable value', () => {
    expect(() => randomValue(32, 'a')).toThrow('alphabet of 2 to 256 characters');
    expect(() => randomValue(32, Object as unknown as string)).toThrow('alphabet of 2 to 256 characters');
    expect(randomValue(32, 'ab')).toMatch(/^[ab]{32}$/);
  });
});
