/** The rules about secret files on disk: git status (secret-file-tracked) and permissions (secret-file-permissive), on real files. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { REPO } from '../helpers.js';

const COMPOSE = [
  'services:',
  '  api:',
  '    image: example/api:7',
  '    env_file: api.env',
  '    environment:',
  '      DB_PASSWORD: ${DB_PASSWORD}',
  '    secrets: [committed, loose, ignored]',
  'secrets:',
  '  committed:',
  '    file: ./committed.txt',
  '  loose:',
  '    file: ./loose.txt',
  '  ignored:',
  '    file: ./secrets/ignored.txt',
  '',
].join('\n');

/** A git repository with a compose project: one secret file committed, one loose, one ignored; an env_file committed and a .env not ignored. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, 'committed.txt'), 'not-a-real-password-1\n');
  writeFileSync(join(dir, 'loose.txt'), 'not-a-real-password-2\n');
  writeFileSync(join(dir, 'secrets/ignored.txt'), 'not-a-real-password-3\n');
  writeFileSync(join(dir, 'api.env'), 'LOG_LEVEL=debug\nAPI_TOKEN=not-a-real-token-4711\n');
  writeFileSync(join(dir, '.env'), 'DB_PASSWORD=not-a-real-password-5\n');
  writeFileSync(join(dir, '.gitignore'), 'secrets/\n');
  git('add', 'compose.yaml', 'committed.txt', 'api.env', '.gitignore');
  git('commit', '-qm', 'init');
  for (const f of ['committed.txt', 'loose.txt', 'secrets/ignored.txt']) chmodSync(join(dir, f), 0o600);
  return dir;
}

const lines = async (dir: string, rule: string) =>
  (await lint([dir], { cwd: dir, rules: [rule] })).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);

describe('secret-file-tracked', () => {
  it('reports a secret file git tracks, one it does not ignore, and env files holding secrets; not an ignored one', async () => {
    const dir = repository();
    expect(await lines(dir, 'secret-file-tracked')).toEqual([
      '.env:1:13 error .env holds secrets (DB_PASSWORD) and is not ignored by git (git check-ignore): add it to .gitignore before it is committed',
      'api.env:2:11 error api.env holds secrets (API_TOKEN) and is tracked by git (git ls-files): they are in plaintext in version control',
      'compose.yaml:10:11 error the file of secret "committed" (./committed.txt) is tracked by git (git ls-files): the secret is in plaintext in version control',
      'compose.yaml:12:11 error the file of secret "loose" (./loose.txt) is not ignored by git (git check-ignore): add it to .gitignore before it is committed',
    ]);
  });

  it('checks nothing outside a repository, and says once that git is missing', async () => {
    const dir = repository();
    const outside = mkdtempSync(join(tmpdir(), 'cs-nogit-'));
    writeFileSync(join(outside, 'compose.yaml'), COMPOSE);
    writeFileSync(join(outside, 'committed.txt'), 'x\n');
    // a temporary directory may itself be inside a repository on some machines: only assert when it is not
    const inRepo = spawnSync('git', ['rev-parse'], { cwd: outside }).status === 0;
    if (!inRepo) expect(await lines(outside, 'secret-file-tracked')).toEqual([]);
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-such-dir');
    try {
      const result = await lint([dir, outside], { cwd: dir, rules: ['secret-file-tracked'] });
      expect(result.findings.map((f) => `${f.severity} ${f.message}`)).toEqual([
        'info git is not available: whether secret files are tracked in version control was not checked',
      ]);
    } finally {
      process.env.PATH = path;
    }
  });

  it('runs git at most twice per repository in a run (ls-files, then one check-ignore batch)', () => {
    const dir = repository();
    writeFileSync(join(dir, 'docker-compose.test.yml'), COMPOSE);
    const trace = join(dir, 'trace.log');
    const run = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', '--rule', 'secret-file-tracked', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_TRACE: trace },
    });
    // the two projects' file: findings, and the env files' they share
    expect(JSON.parse(run.stdout).findings).toHaveLength(6);
    const commands = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git (ls-files|check-ignore)/.test(l))
      .map((l) => /git (ls-files|check-ignore)/.exec(l)![1]);
    expect(commands).toEqual(['ls-files', 'check-ignore']);
  });
});

describe('secret-file-permissive', () => {
  it('reports a secret file readable by group or others, not one only its owner reads', async () => {
    const dir = repository();
    chmodSync(join(dir, 'loose.txt'), 0o644);
    chmodSync(join(dir, 'secrets/ignored.txt'), 0o640);
    expect(await lines(dir, 'secret-file-permissive')).toEqual([
      'compose.yaml:12:11 warning the file of secret "loose" (./loose.txt) has mode 0644, which lets group and others read it: chmod 600 it',
      'compose.yaml:14:11 warning the file of secret "ignored" (./secrets/ignored.txt) has mode 0640, which lets its group read it: chmod 600 it',
    ]);
  });
});
