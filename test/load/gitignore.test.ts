/** The .gitignore judge outside a repository gives git's own answers (git check-ignore is the oracle). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitignoreJudge } from '../../src/load/gitignore.js';

const GITIGNORES: Record<string, string> = {
  '.gitignore': [
    '# secrets stay on the host',
    'secrets/',
    '!secrets/README.md',
    '*.key',
    '!public.key',
    '/local.env',
    'config/**/*.local.yml',
    'build',
    'logs/*.log',
    '\\#hash.txt',
    'trailing.txt   ',
    '',
  ].join('\n'),
  'app/.gitignore': '*.pem\n!ca.pem\n/only-here.txt\n',
  'deep/.gitignore': '!*.key\n',
};

const FILES = [
  'secrets/db_password.txt',
  'secrets/README.md',
  'app/secrets/api.txt',
  'tls/server.key',
  'tls/public.key',
  'local.env',
  'app/local.env',
  'config/a/b/site.local.yml',
  'config/site.local.yml',
  'config/site.yml',
  'build',
  'src/build/out.js',
  'logs/app.log',
  'logs/old/app.log',
  '#hash.txt',
  'trailing.txt',
  'app/cert.pem',
  'app/ca.pem',
  'app/only-here.txt',
  'app/sub/only-here.txt',
  'deep/server.key',
  'compose.yaml',
];

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-gitignore-'));
  for (const [file, text] of Object.entries(GITIGNORES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  for (const file of FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'x\n');
  }
  return dir;
}

describe('GitignoreJudge', () => {
  it('ignores what git check-ignore ignores once the directory is a repository', () => {
    const dir = project();
    const judge = new GitignoreJudge();
    const ours = FILES.filter((f) => judge.ignored(join(dir, f), dir));
    expect(ours).toEqual([
      'secrets/db_password.txt',
      'secrets/README.md',
      'app/secrets/api.txt',
      'tls/server.key',
      'local.env',
      'config/a/b/site.local.yml',
      'config/site.local.yml',
      'build',
      'src/build/out.js',
      'logs/app.log',
      '#hash.txt',
      'trailing.txt',
      'app/cert.pem',
      'app/only-here.txt',
    ]);
    // the oracle: the same directory made a repository
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    const git = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: dir, input: FILES.join('\n'), encoding: 'utf8' });
    expect(git.stdout.split('\n').filter(Boolean)).toEqual(ours);
  });

  it('reads no .gitignore above the project directory, and none for a file outside it', () => {
    const dir = project();
    const judge = new GitignoreJudge();
    // from app/, the top .gitignore (secrets/, *.key) is not the project's
    expect(judge.ignored(join(dir, 'app/secrets/api.txt'), join(dir, 'app'))).toBe(false);
    expect(judge.ignored(join(dir, 'app/cert.pem'), join(dir, 'app'))).toBe(true);
    expect(judge.ignored(join(dir, 'secrets/db_password.txt'), join(dir, 'app'))).toBe(false);
  });
});
