/** `compose-secrets audit` on a fixture project in a git repository of its own, every format asserted exactly. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOutput, REPO } from '../helpers.js';

const FIXTURE = join(REPO, 'fixtures/audit/shop');
const VALUES = ['not-a-real-smtp-pass-0000', 'not-a-real-db-password-1234', 'not-a-real-api-key-5678'];

/** The fixture in a new git repository: secrets/ ignored, compose.yaml and api_key.txt committed. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-audit-'));
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !/expected|README/.test(src) });
  renameSync(join(dir, 'gitignore.txt'), join(dir, '.gitignore'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', 'compose.yaml', 'api_key.txt', '.gitignore', 'policy.yaml');
  git('commit', '-qm', 'init');
  return dir;
}

const audit = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'audit', ...args], { cwd: dir, encoding: 'utf8' });

describe('audit', () => {
  const dir = repository();
  it.each([
    ['table', 'expected.table.txt'],
    ['markdown', 'expected.md'],
    ['json', 'expected.json'],
    ['csv', 'expected.csv'],
  ])('--format %s: secrets × services, roles, git status and what is still exposed', (format, expected) => {
    const run = audit(dir, '--policy', 'policy.yaml', '--format', format);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectOutput(join(FIXTURE, expected), run.stdout);
    for (const v of VALUES) expect(run.stdout.includes(v)).toBe(false);
    if (format === 'table') for (const line of run.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('without a policy there is no role column; a bad format is a usage error', () => {
    const run = audit(dir);
    expect(run.stdout.split('\n').filter((l) => /SERVICE {2}SECRET/.test(l))).toEqual([
      'SERVICE  SECRET       TARGET                    USE    OWNER      MODE',
    ]);
    expect(audit(dir, '--format', 'xml')).toMatchObject({ status: 2, stderr: 'compose-secrets: unknown format "xml" (use table, markdown, json or csv)\n' });
  });
});
