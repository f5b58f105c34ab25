/** Files given alone that are not a project by themselves (what pre-commit passes): .env, an env_file, an override file. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { emptySettings } from '../../src/settings.js';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cs-partial-'));
  mkdirSync(join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const PROJECT = {
  'app/compose.yaml':
    'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n  api:\n    image: myapp\n    env_file: config/api.env\n',
  'app/.env': 'DB_PASSWORD=hunter2hunter\n',
  'app/config/api.env': 'API_TOKEN=ghp_abcdefabcdefabcdefabcdefabcdefabcdef12\n',
  'app/compose.override.yaml': 'services:\n  api:\n    environment:\n      SECRET_KEY: verysecretvalue123\n',
  'stray.env': 'X=1\n',
};

async function where(paths: string[], cwd: string) {
  const r = await lint(paths, { cwd, settings: emptySettings() });
  return { files: r.files, findings: r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), errors: r.errors, warnings: r.warnings };
}

describe('lint of files given alone', () => {
  const root = repo(PROJECT);
  const app = join(root, 'app');

  it('.env: the project of its directory is loaded and the findings in .env are reported', async () => {
    expect(await where(['.env'], app)).toEqual({ files: ['.env'], findings: ['.env:1:13 secret-in-env-file'], errors: [], warnings: [] });
  });

  it('an env_file: the project above it that reads it is loaded', async () => {
    expect(await where(['config/api.env'], app)).toEqual({
      files: ['config/api.env'],
      findings: ['config/api.env:1:11 secret-in-env-file'],
      errors: [],
      warnings: [],
    });
    expect((await where(['api.env'], join(app, 'config'))).findings).toEqual(['api.env:1:11 secret-in-env-file']);
  });

  it('an override file: loaded with its base file, only its own findings reported', async () => {
    expect(await where(['compose.override.yaml'], app)).toEqual({
      files: ['compose.override.yaml'],
      findings: ['compose.override.yaml:4:19 secret-in-environment'],
      errors: [],
      warnings: [],
    });
  });

  it('a compose file with its .env: the findings of both', async () => {
    expect((await where(['compose.yaml', '.env'], app)).findings).toEqual(['.env:1:13 secret-in-env-file', 'config/api.env:1:11 secret-in-env-file']);
  });

  it('an env file that no project reads is not linted, with a warning', async () => {
    expect(await where(['stray.env'], root)).toEqual({
      files: ['stray.env'],
      findings: [],
      errors: [],
      warnings: [{ file: 'stray.env', message: 'not linted: no compose project in this directory or above it reads this file' }],
    });
  });
});
