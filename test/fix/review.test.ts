/**
 * Adversarial review of `compose-secrets fix`: each test is one concrete input that broke (or
 * nearly broke) a promise of the command. See the review report for the reasoning.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixError } from '../../src/fix/fix.js';
import { nodeFileOps, type FileOps } from '../../src/fix/transaction.js';
import { fix, tree } from './helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A fresh project directory holding the given files. */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-fix-review-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file below a directory, temporary files included (tree() of helpers hides nothing either, but says so). */
function names(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out.push(`${rel}${n}`);
    }
  };
  walk(dir, '');
  return out;
}

describe('fix review: no secret value in the output', () => {
  it('masks a secret at the nodes that hold it, however short, and nothing else', async () => {
    // before: a text search for the value skipped `k7Rw2q` where letters touch it, and blanked out
    // every other occurrence of a common value (an image name, a user name)
    const dir = project({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: k7Rw2q',
        '      POSTGRES_DB: db_k7Rw2q',
        '      POSTGRES_USER: k7Rw2qAdmin',
        '  cache:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_USER: ${POSTGRES_USER:-postgres}',
        '      POSTGRES_PASSWORD: postgres',
        '',
      ].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose' });
    const diffLines = r.diff.split('\n');
    expect(diffLines.filter((l) => l.startsWith('-  '))).toEqual(['-      POSTGRES_PASSWORD: ********', '-      POSTGRES_PASSWORD: ********']);
    expect(diffLines).toContain('       POSTGRES_USER: k7Rw2qAdmin');
    expect(diffLines).toContain('     image: postgres:16');
    expect(diffLines).toContain('       POSTGRES_USER: ${POSTGRES_USER:-postgres}');
  });

  it('masks a value written in YAML escaped form, at its node', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', `      POSTGRES_PASSWORD: "pa\\"ss'word123"`, ''].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose' });
    expect(r.diff).toContain('POSTGRES_PASSWORD_FILE');
    expect(r.diff).toContain('-      POSTGRES_PASSWORD: ********\n');
    expect(r.diff).not.toMatch(/ss'word123/);
  });

  it('a very long value (64 KiB on one line) is masked, not quoted in an error', async () => {
    const secret = `K${'x9'.repeat(32 * 1024)}`;
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', `      POSTGRES_PASSWORD: ${secret}`, ''].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose' }).catch((e: Error) => e);
    expect(r).not.toBeInstanceOf(Error);
    const diff = (r as Awaited<ReturnType<typeof fix>>).diff;
    expect(diff).toContain('POSTGRES_PASSWORD_FILE');
    expect(diff).not.toContain('x9x9x9');
  });

  it('--dry-run --patch FILE writes the unmasked diff (mode 0600) that git apply takes', async () => {
    const compose = [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_PASSWORD: k7Rw2q',
      '      POSTGRES_USER: k7Rw2qAdmin',
      '',
    ].join('\n');
    const dir = project({ 'compose.yaml': compose, '.env': 'X=1\n' });
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true, patch: 'fix.patch' });
    expect(r.patch).toBe('fix.patch');
    expect(r.diff).not.toContain('k7Rw2q\n');
    expect(statSync(join(dir, 'fix.patch')).mode & 0o777).toBe(0o600);
    const patch = readFileSync(join(dir, 'fix.patch'), 'utf8');
    expect(patch).toContain('-      POSTGRES_PASSWORD: k7Rw2q\n');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(compose);
    const check = spawnSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // the masked diff is for reading only
    writeFileSync(join(dir, 'masked.patch'), r.diff);
    expect(spawnSync('git', ['apply', '--check', 'masked.patch'], { cwd: dir }).status).not.toBe(0);
    // an existing file is replaced only with --force; --patch needs --dry-run
    await expect(fix({ paths: ['.'], cwd: dir, dryRun: true, patch: 'fix.patch' })).rejects.toThrow(
      '--patch fix.patch exists; choose another path, or replace it with --force; nothing was written',
    );
    await expect(fix({ paths: ['.'], cwd: dir, patch: 'other.patch' })).rejects.toThrow('--patch writes what --dry-run would change; use it with --dry-run');
    expect(existsSync(join(dir, 'other.patch'))).toBe(false);
  });

  it('a masked block scalar keeps its line breaks (the diff stays line-true)', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: |',
        '        -----BEGIN-----',
        '        abcdefghijkl',
        '        -----END-----',
        '      POSTGRES_USER: admin',
        '',
      ].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose' });
    expect(r.diff).not.toMatch(/abcdefghijkl|BEGIN|No newline/);
    // the untouched line after the block stays a line of its own
    expect(r.diff).toMatch(/\n {7}POSTGRES_USER: admin\n/);
    // the hunk header counts the lines of the file as it is
    const hunk = /@@ -(\d+),(\d+) \+\d+,\d+ @@/.exec(r.diff.slice(r.diff.indexOf('a/compose.yaml')))!;
    expect(Number(hunk[1]) + Number(hunk[2]) - 1).toBe(9);
  });
});

describe('fix review: the provisioning script', () => {
  it('a service name with a line break cannot add a command to the script', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  "db\\ntouch /tmp/pwned #":',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: s3cretvalue99',
        '',
      ].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, dryRun: true });
    expect(r.provision).toBeDefined();
    const lines = r.provision!.text.split('\n');
    expect(lines.filter((l) => /^touch/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^create /.test(l))).toHaveLength(1);
  });

  it('refuses a --provision-script path that is the compose file', async () => {
    const compose = ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n');
    const dir = project({ 'compose.yaml': compose });
    const before = tree(dir);
    const err = await fix({ paths: ['.'], cwd: dir, provisionScript: 'compose.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toMatch(/--provision-script/);
    expect(tree(dir)).toEqual(before);
  });

  it('a provisioning script inside the secrets directory does not loosen its mode', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n'),
    });
    await fix({ paths: ['.'], cwd: dir, provisionScript: 'secrets/provision.sh' });
    expect(existsSync(join(dir, 'secrets/provision.sh'))).toBe(true);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'secrets/postgres_password')).mode & 0o777).toBe(0o600);
  });
});

describe('fix review: failures leave every file as it was', () => {
  it('a write that fails after creating its file (disk full) leaves no temporary file behind', async () => {
    const compose = ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n');
    for (const failOn of ['secret', 'compose'] as const) {
      const dir = project({ 'compose.yaml': compose });
      mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
      const before = names(dir);
      const ops: FileOps = {
        ...nodeFileOps,
        writeDurable(path, data, mode) {
          const isSecret = path.includes('/secrets/');
          if ((failOn === 'secret') === isSecret) {
            // like ENOSPC: the file exists, part of the data is written, then the write fails
            nodeFileOps.writeDurable(path, data.slice(0, 3), mode);
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          nodeFileOps.writeDurable(path, data, mode);
        },
      };
      const err = await fix({ paths: ['.'], cwd: dir, ops }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FixError);
      expect((err as Error).message).toMatch(/ENOSPC/);
      expect(names(dir), `failure in a ${failOn} write`).toEqual(before);
      expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(compose);
    }
  });

  it('an unreadable secret path is reported as unreadable, not as a different value', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n'),
    });
    const ops: FileOps = {
      ...nodeFileOps,
      read(path) {
        if (path.includes('/secrets/')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        return nodeFileOps.read(path);
      },
    };
    const before = tree(dir);
    const err = await fix({ paths: ['.'], cwd: dir, ops }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).not.toMatch(/different value/);
    expect((err as Error).message).toMatch(/cannot be read.*EACCES/);
    expect(tree(dir)).toEqual(before);
  });
});

describe('fix review: text outside the edited nodes stays', () => {
  it('keeps a comment between a key and its value, and an explicit key (`? KEY`)', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  a:',
        '    image: postgres:16',
        '    environment:',
        '      "POSTGRES_PASSWORD":   # the comment stays',
        '        value-on-next-line-1',
        '  d:',
        '    image: postgres:16',
        '    environment:',
        '      ? POSTGRES_PASSWORD',
        '      : explicit-key-secret',
        '',
      ].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, target: 'compose' });
    expect(r.rewrites).toHaveLength(2);
    const text = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    expect(text).toContain('      "POSTGRES_PASSWORD_FILE":   # the comment stays\n        /run/secrets/postgres_password\n');
    expect(text).toContain('      ? POSTGRES_PASSWORD_FILE\n      : /run/secrets/d_postgres_password\n');
  });

  it('the .gitignore line matches a secrets directory whose name has glob characters', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n'),
    });
    await fix({ paths: ['.'], cwd: dir, secretsDir: 'sec[1]' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('\n/sec\\[1\\]/\n');
    const git = spawnSync('git', ['init', '-q', '.'], { cwd: dir });
    if (git.status === 0) expect(spawnSync('git', ['check-ignore', '-q', 'sec[1]/postgres_password'], { cwd: dir }).status).toBe(0);
    // a second run finds its own line
    const again = await fix({ paths: ['.'], cwd: dir, secretsDir: 'sec[1]', dryRun: true });
    expect(again.files).toEqual([]);
  });
});

describe('fix review: an existing secret file is never overwritten', () => {
  // The check that a secret path is free runs before the writes; a new secret file is put in
  // place with link(temp, path), which fails with EEXIST where rename() would replace whatever
  // appeared there meanwhile (another fix run, an editor).
  it('a secret file created by someone else while fix writes is not replaced', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: s3cretvalue99', ''].join('\n'),
    });
    const theirs = join(dir, 'secrets/postgres_password');
    const ops: FileOps = {
      ...nodeFileOps,
      writeDurable(path, data, mode) {
        nodeFileOps.writeDurable(path, data, mode);
        if (path.includes('/secrets/') && !existsSync(theirs)) writeFileSync(theirs, 'someone-elses-value');
      },
    };
    await fix({ paths: ['.'], cwd: dir, ops }).catch(() => undefined);
    expect(readFileSync(theirs, 'utf8')).toBe('someone-elses-value');
  });
});

describe('fix review: the rewritten project means what it meant', () => {
  it('does not unshadow a definition the rewritten entry overrode (override file)', async () => {
    const dir = project({
      'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: "${PW_PREFIX}-devpassword"', ''].join(
        '\n',
      ),
      'compose.override.yaml': ['services:', '  db:', '    environment:', '      POSTGRES_PASSWORD: prod-real-secret-77', ''].join('\n'),
    });
    const before = tree(dir);
    const err = await fix({ paths: ['.'], cwd: dir, target: 'compose' }).catch((e: unknown) => e);
    // before the fix db received only the override's value; after it, it would receive
    // POSTGRES_PASSWORD from compose.yaml and POSTGRES_PASSWORD_FILE, which postgres refuses
    expect(err).toBeInstanceOf(FixError);
    expect((err as Error).message).toMatch(/POSTGRES_PASSWORD/);
    expect((err as Error).message).not.toMatch(/prod-real-secret-77|devpassword/);
    expect(tree(dir)).toEqual(before);
  });

  it('does not unshadow a value merged in with << that cannot be moved', async () => {
    const dir = project({
      'compose.yaml': [
        'x-env: &env',
        '  POSTGRES_PASSWORD: &pw anchoredsecret1',
        'services:',
        '  a:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: *pw',
        '  c:',
        '    image: postgres:16',
        '    environment:',
        '      <<: *env',
        '      POSTGRES_PASSWORD: overridden-secret2',
        '',
      ].join('\n'),
    });
    const before = tree(dir);
    const err = await fix({ paths: ['.'], cwd: dir, target: 'compose' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FixError);
    expect(tree(dir)).toEqual(before);
  });

  it('does not move an unquoted number whose text YAML parsers read differently', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: 00012345',
        '  web:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: 0x1F',
        '',
      ].join('\n'),
    });
    const r = await fix({ paths: ['.'], cwd: dir, target: 'compose' });
    // YAML 1.2 reads 12345 and 31, YAML 1.1 (and go-yaml's compatibility octals) 5349; the text says 00012345
    expect(r.rewrites).toEqual([]);
    expect(r.skipped.map((s) => s.kind)).toEqual(['unsupported', 'unsupported']);
    expect(existsSync(join(dir, 'secrets'))).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/00012345|0x1F/);
  });

  // Compose reads env files as bytes; decoding a Latin-1 file as UTF-8 would turn a byte into
  // U+FFFD (EF BF BD) and change another variable of the service: fix refuses such a file.
  it('keeps the bytes of an env file that is not UTF-8 (or refuses it)', async () => {
    const env = Buffer.concat([Buffer.from('GREETING=caf'), Buffer.from([0xe9]), Buffer.from('\nPOSTGRES_PASSWORD=latin1secret9\n')]);
    const dir = project({ 'compose.yaml': ['services:', '  db:', '    image: postgres:16', '    env_file: db.env', ''].join('\n'), 'db.env': env });
    await fix({ paths: ['.'], cwd: dir, target: 'compose' }).catch(() => undefined);
    const after = readFileSync(join(dir, 'db.env'));
    expect(after.subarray(0, 13)).toEqual(env.subarray(0, 13));
  });
});
