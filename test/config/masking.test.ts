import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/compose-config.js';
import { loadProject } from '../../src/preprocess/project.js';

/** config's output for a project of these files, secrets redacted. */
function config(files: Record<string, string>, processEnv: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-mask-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const project = loadProject({ projectDirectory: dir, mode: 'config', processEnv, cwd: dir });
  return renderConfig(project, { format: 'yaml', showSecrets: false }).replace(/^name: .*\n/, '');
}

describe("an env_file's bare name", () => {
  it('passes the variable the environment sets (masked when a secret), and nothing when it is unset, as compose-go reads it', () => {
    const files = {
      'compose.yaml': ['services:', '  app:', '    image: example/app', '    env_file: app.env', ''].join('\n'),
      'app.env': ['AWS_SECRET_ACCESS_KEY', 'REGION', 'PREFIX=invoices/', ''].join('\n'),
    };
    const lines = (env: string) => ['services:', '  app:', '    environment:', ...env.split('|').filter(Boolean), '    image: example/app', ''].join('\n');
    expect(config(files)).toBe(lines('      PREFIX: invoices/'));
    expect(config(files, { AWS_SECRET_ACCESS_KEY: 'k7Rw2qZ9', REGION: 'eu-west-1' })).toBe(
      lines('      AWS_SECRET_ACCESS_KEY: •••• (8 chars)|      PREFIX: invoices/|      REGION: eu-west-1'),
    );
  });
});

describe('config masks the nodes that hold a secret, and copies of a secret in other values', () => {
  it('a short secret touching letters is masked everywhere, also where another value repeats it', () => {
    const out = config({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    command: ["mysql", "-pk7Rw2q"]',
        '    environment:',
        '      POSTGRES_PASSWORD: k7Rw2q',
        '      POSTGRES_DB: db_k7Rw2q',
        '      DATABASE_URL: postgres://app:k7Rw2q@db:5432/db_k7Rw2q',
        '',
      ].join('\n'),
    });
    expect(out).toBe(
      [
        'services:',
        '  db:',
        '    command:',
        '      - mysql',
        '      - -p********',
        '    environment:',
        '      DATABASE_URL: postgres://app:********@db:5432/db_********',
        '      POSTGRES_DB: db_********',
        '      POSTGRES_PASSWORD: •••• (6 chars)',
        '    image: postgres:16',
        '',
      ].join('\n'),
    );
  });

  it('a password equal to a word of an image name leaves the image as it is; a value repeating it is masked', () => {
    const out = config({
      'compose.yaml': [
        'services:',
        '  mailer:',
        '    image: example/mailer:1.2',
        '    environment:',
        '      SMTP_PASSWORD: mailer',
        '      SMTP_HOST: mailer.example.com',
        '',
      ].join('\n'),
    });
    expect(out).toBe(
      [
        'services:',
        '  mailer:',
        '    environment:',
        '      SMTP_HOST: "********.example.com"',
        '      SMTP_PASSWORD: •••• (6 chars)',
        '    image: example/mailer:1.2',
        '',
      ].join('\n'),
    );
  });

  it('every value interpolated from a variable that holds a secret is masked there, whatever its length', () => {
    const compose = [
      'x-copy: "${DB_PASSWORD}x"',
      'services:',
      '  app:',
      '    image: app-Zq8v:1',
      '    command: sh -c "echo ${DB_PASSWORD}"',
      '    labels:',
      '      - note=pw:${DB_PASSWORD}',
      '    environment:',
      '      - DB_PASSWORD',
      '      - POSTGRES_PASSWORD=${DB_PASSWORD}',
      '      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/Zq8v',
      '      - SHELL_COPY=${FROM_SHELL}',
      '      - API_TOKEN=${FROM_SHELL}',
      '',
    ].join('\n');
    const out = config({ 'compose.yaml': compose, '.env': 'DB_PASSWORD=Zq8v\n' }, { FROM_SHELL: 'sh3ll' });
    expect(out).toBe(
      [
        'services:',
        '  app:',
        '    command: sh -c "echo ********"',
        '    environment:',
        '      API_TOKEN: •••• (5 chars)',
        '      DATABASE_URL: postgres://app:********@db/********',
        '      DB_PASSWORD: •••• (4 chars)',
        '      POSTGRES_PASSWORD: •••• (4 chars)',
        '      SHELL_COPY: "********"',
        '    image: app-Zq8v:1',
        '    labels:',
        '      note: pw:********',
        'x-copy: "********x"',
        '',
      ].join('\n'),
    );
  });
});
