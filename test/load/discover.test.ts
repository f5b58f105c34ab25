import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeShape, looksLikeCompose } from '../../src/load/content.js';
import { discover, ignoreMatcher } from '../../src/load/discover.js';
import { REPO } from '../helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const root = process.getuid?.() === 0;

/** The built CLI, as an unprivileged user when the tests run as root (root reads a mode-000 directory). */
function run(args: string[], cwd: string) {
  const command = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
  const r = spawnSync(command[0], [...command.slice(1), CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('directory search', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-scan-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'data/pg'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
  writeFileSync(join(dir, 'app/compose.yaml'), 'services:\n  a:\n    image: x\n');
  writeFileSync(join(dir, 'app/Docker-Compose.Prod.YML'), 'services:\n  a:\n    image: x\n');
  writeFileSync(join(dir, 'app/web.compose.yaml'), 'services:\n  a:\n    image: x\n');
  writeFileSync(join(dir, 'app/notcompose.yaml'), 'x: 1\n');
  writeFileSync(join(dir, 'node_modules/x/compose.yaml'), 'x: 1\n');
  writeFileSync(join(dir, 'data/pg/compose.yaml'), 'services:\n  b:\n    image: x\n');
  chmodSync(join(dir, 'data'), 0o000);
  afterAll(() => chmodSync(join(dir, 'data'), 0o755));

  it('finds compose files by name, case-insensitively, skipping node_modules', async () => {
    chmodSync(join(dir, 'data'), 0o755);
    try {
      expect(await discover(['.'], [], dir)).toEqual({
        files: ['app/Docker-Compose.Prod.YML', 'app/compose.yaml', 'app/web.compose.yaml', 'data/pg/compose.yaml'],
        empty: [],
        skipped: [],
        byShape: new Set(),
      });
    } finally {
      chmodSync(join(dir, 'data'), 0o000);
    }
  });

  it('skips an unreadable directory with a warning in every format, and lints the rest', () => {
    const stylish = run(['lint', '--no-color', '.'], dir);
    expect(stylish).toEqual({ code: 0, stdout: 'warning data: directory not searched: permission denied\n\n✔ no secrets found in 3 files\n', stderr: '' });
    const json = run(['lint', '--format', 'json', '.'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).warnings).toEqual([{ file: 'data', message: 'directory not searched: permission denied' }]);
    const sarif = JSON.parse(run(['lint', '--format', 'sarif', '.'], dir).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'directory not searched: permission denied' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'data', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    const fix = run(['fix', '--dry-run', '.'], dir);
    expect(fix.stderr).toBe('compose-secrets fix: warning: data: directory not searched: permission denied\n');
    expect(fix.code).toBe(0);
  });
});

describe('settings ignore patterns', () => {
  it('are matched against the files named', async () => {
    const found = await discover(['fixtures/demo/compose.yaml', 'fixtures/lint/tokens/compose.yaml'], ['**/tokens/**'], REPO);
    expect(found.files).toEqual(['fixtures/demo/compose.yaml']);
  });

  it('are matched against the files a directory search finds', async () => {
    const found = await discover(['fixtures/lint'], ['fixtures/lint/[a-s]*/**', 'fixtures/lint/unknown-*/**'], REPO);
    expect(found.files).toEqual(['fixtures/lint/tokens/compose.yaml', 'fixtures/lint/traps/compose.yaml', 'fixtures/lint/values/compose.yaml']);
  });

  it('are relative to the working directory, match dot files, and take ./ and absolute paths alike', async () => {
    const ignored = await ignoreMatcher(['test/**', './deploy/*.yaml', '**/.hidden/**'], '/work/p');
    expect(ignored('test/a/compose.yaml')).toBe(true);
    expect(ignored('/work/p/test/compose.yaml')).toBe(true);
    expect(ignored('./deploy/compose.yaml')).toBe(true);
    expect(ignored('deploy/sub/compose.yaml')).toBe(false);
    expect(ignored('x/.hidden/compose.yaml')).toBe(true);
    expect(ignored('/elsewhere/test/compose.yaml')).toBe(false);
    expect(ignored(join('..', 'p', 'test', 'compose.yaml'))).toBe(true);
  });
});

describe('stack files', () => {
  it('are found by a directory search: stack.yml, docker-stack.yml, *.stack.y{a,}ml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-stack-'));
    mkdirSync(join(dir, 'ops'));
    for (const name of ['stack.yml', 'ops/docker-stack.yml', 'ops/prod.stack.yaml', 'ops/Stack.YAML']) {
      writeFileSync(join(dir, name), 'services:\n  a:\n    image: x\n');
    }
    // found by name, not by content
    for (const name of ['ops/bookstack.yaml', 'ops/stack-notes.yml']) writeFileSync(join(dir, name), 'x: 1\n');
    expect(await discover(['.'], [], dir)).toEqual({
      files: ['ops/Stack.YAML', 'ops/docker-stack.yml', 'ops/prod.stack.yaml', 'stack.yml'],
      empty: [],
      skipped: [],
      byShape: new Set(),
    });
  });

  it('with secrets are reported by lint DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-stack-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'stack.yml'), 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: s3cr3tpassw0rd\n');
    const r = run(['lint', '--format', 'json', '.'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'stack.yml:5 secret-in-environment',
    ]);
  });
});

describe('compose files of other names', () => {
  const COMPOSE = 'services:\n  app:\n    image: nginx\n    environment:\n      DB_PASSWORD: s3cr3tpassw0rd\n';
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cs-content-'));
    chmodSync(dir, 0o755);
    const files: Record<string, string> = {
      'templates/compose/app.yaml': COMPOSE,
      'pwd.yml': `# play with docker\nversion: "3"\n${COMPOSE}`,
      '.github/workflows/ci.yml': `on: push\n${COMPOSE}jobs:\n  a:\n    runs-on: ubuntu-latest\n`,
      'k8s/deploy.yaml': `apiVersion: v1\nkind: List\n${COMPOSE}`,
      'ansible/site.yml': '- hosts: all\n  tasks:\n    - name: x\n',
      'helm/values.yaml': 'services:\n  web:\n    port: 80\n',
      'notes.yaml': 'services: [a, b]\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('a directory search takes YAML files whose top level maps services, not workflows, manifests, plays or values', async () => {
    expect((await discover(['.'], [], tree())).files).toEqual(['pwd.yml', 'templates/compose/app.yaml']);
  });

  it('a file given by name is linted whatever its content; findByContent: false turns the search off', async () => {
    const dir = tree();
    expect((await discover(['.'], [], dir, { byContent: false })).files).toEqual([]);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"findByContent": false}');
    expect(run(['lint', '--format', 'compact', '.'], dir)).toMatchObject({ code: 2 });
    expect(run(['lint', '--format', 'compact', 'pwd.yml'], dir)).toMatchObject({
      code: 1,
      stdout: 'pwd.yml:7:20: error DB_PASSWORD holds a hardcoded password [secret-in-environment]\n',
    });
  });
});

describe('a compose file of another name, told by its lines alone (lint: no second parse)', () => {
  const SERVICES = 'services:\n  app:\n    image: nginx\n    environment:\n      A: "1"\n  db:\n';
  it('plain block mappings down to the service keys are enough', () => {
    expect(composeShape(`# a template\nversion: "3.8"\n${SERVICES}volumes:\n  data:\n`)).toBe(true);
    expect(composeShape('services:\n\n  # the app\n  app:\n\n    ports:\n      - "80:80"\n')).toBe(true);
    // the same verdict as a parse
    expect(looksLikeCompose(SERVICES)).toBe(true);
  });
  it('anything the lines cannot settle is parsed: anchors, merges, tabs, documents, quoted keys, sequences at key level, no service key', () => {
    for (const text of [
      `x-base: &base\n  image: nginx\n${SERVICES}`,
      'services:\n  app:\n    <<: {image: nginx}\n',
      'services:\n  app:\n\timage: nginx\n',
      `${SERVICES}---\nservices:\n  b:\n    image: x\n`,
      'services:\n  "app":\n    image: nginx\n',
      'services:\n  app:\n    environment:\n    - A=1\n',
      'services:\n  web:\n    port: 80\n',
      'services:\n  app: {image: nginx}\n',
      'services:\n    app:\n  image: nginx\n',
    ])
      expect(composeShape(text), text).toBeUndefined();
    expect(composeShape('jobs:\n  a: 1\nservices:\n  app:\n    image: x\n')).toBe(false);
  });
  it('lint drops such a file that is not YAML after all, as a search that parsed it would not have found it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-shape-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates/broken.yaml'), `${SERVICES}volumes:\n  data: [\n`);
    writeFileSync(join(dir, 'templates/app.yaml'), 'services:\n  app:\n    image: nginx\n    environment:\n      DB_PASSWORD: s3cr3tpassw0rd\n');
    const found = await discover(['.'], [], dir, { trustShape: true });
    expect(found.files).toEqual(['templates/app.yaml', 'templates/broken.yaml']);
    expect([...found.byShape].sort()).toEqual(['templates/app.yaml', 'templates/broken.yaml']);
    // without it (fix, audit), the parse decides and the broken file is never found
    expect((await discover(['.'], [], dir)).files).toEqual(['templates/app.yaml']);
    expect(run(['lint', '--format', 'compact', '.'], dir)).toEqual({
      code: 1,
      stdout: 'templates/app.yaml:5:20: error DB_PASSWORD holds a hardcoded password [secret-in-environment]\n',
      stderr: '',
    });
    // named on the command line, it is linted, and its error said
    expect(run(['lint', '--format', 'compact', 'templates/broken.yaml'], dir)).toMatchObject({ code: 2 });
  });
});
