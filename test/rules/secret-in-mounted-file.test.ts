/** secret-in-mounted-file on real files: which mounted files are read, and which are not. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';

const PASSWORD = 'password = Hunter-Otter-42\n';

/** A project in a fresh directory: `files` by relative path (the compose file among them). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-mounted-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const compose = (...volumes: string[]) =>
  ['services:', '  app:', '    image: example/app:1', '    volumes:', ...volumes.map((v) => `      - ${v}`), ''].join('\n');

const found = async (dir: string, cwd = dir) =>
  (await lint([dir], { cwd, rules: ['secret-in-mounted-file'] })).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);

describe('secret-in-mounted-file', () => {
  it('reads a bind-mounted file, the files of a small mounted directory, and a config file a service uses', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    volumes:',
        '      - ./app.ini:/etc/app.ini:ro',
        '      - type: bind',
        '        source: conf',
        '        target: /etc/conf',
        '    configs: [extra]',
        'configs:',
        '  extra:',
        '    file: ./extra.properties',
        '  unused:',
        '    file: ./unused.properties',
        '',
      ].join('\n'),
      'app.ini': `[db]\n${PASSWORD}`,
      'conf/a.yaml': 'api:\n  token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n',
      'conf/deep/b.json': '{ "client_secret": "Zq8Wm3Xn7Lp2Rb5Vt9Ck4Hd" }\n',
      'extra.properties': `db.user=app\ndb.${PASSWORD}`,
      'unused.properties': PASSWORD,
    });
    expect(await found(dir)).toEqual([
      'app.ini:2:12 password holds a hardcoded password in a file mounted by service app',
      'conf/a.yaml:2:10 token holds a hardcoded token in a file mounted by service app',
      'conf/deep/b.json:1:21 client_secret holds a hardcoded client secret in a file mounted by service app',
      'extra.properties:2:15 db.password holds a hardcoded password in a file mounted by service app',
    ]);
  });

  it("reads the .env of a mounted project directory, all of it: the application finds it there (Laravel's `.:/var/www/html`)", async () => {
    const dir = project({
      'compose.yaml': compose('.:/var/www/html'),
      '.env': 'APP_ENV=production\nSESSION_COOKIE=app_session\nPUSHER_APP_SECRET=02ccd0655484eb93adbe6d0735b11b42\n',
      'app.ini': PASSWORD,
    });
    expect(await found(dir)).toEqual(['.env:3:19 PUSHER_APP_SECRET holds a hardcoded secret in a file mounted by service app']);
    // the same .env, not mounted: compose reads it only for the variables it uses (none here)
    const unmounted = project({ 'compose.yaml': compose('./data:/data'), '.env': 'PUSHER_APP_SECRET=02ccd0655484eb93adbe6d0735b11b42\n' });
    expect(await found(unmounted)).toEqual([]);
  });

  it("does not read an example shipped in a mounted directory (Misskey's .config/example.yml); a file mounted by its name is read", async () => {
    const dir = project({
      'compose.yaml': compose('./.config:/misskey/.config:ro', './app.sample.ini:/etc/app.ini'),
      '.config/example.yml': 'db:\n  pass: Thistle-Heron-31\n',
      '.config/default.yml': 'db:\n  pass: Juniper-Otter-85\n',
      'app.sample.ini': PASSWORD,
    });
    expect(await found(dir)).toEqual([
      '.config/default.yml:2:9 pass holds a hardcoded password in a file mounted by service app',
      'app.sample.ini:1:12 password holds a hardcoded password in a file mounted by service app',
    ]);
  });

  it('does not read the host: absolute paths, paths out of the project, named volumes, `~`, variables', async () => {
    const outside = project({ 'secret.ini': PASSWORD });
    const dir = project({
      'compose.yaml': compose(
        `${outside}/secret.ini:/a`,
        `../${outside.split('/').pop()}/secret.ini:/b`,
        'data:/c',
        '~/secret.ini:/d',
        '${CONF}/secret.ini:/e',
      ),
    });
    expect(await found(dir)).toEqual([]);
  });

  it('does not walk a directory that holds the compose file (the source), nor one too big to be configuration', async () => {
    const big: Record<string, string> = {};
    for (let i = 0; i < 33; i++) big[`data/f${i}.ini`] = PASSWORD;
    const dir = project({ 'compose.yaml': compose('.:/src', './data:/data'), 'app.ini': PASSWORD, ...big });
    expect(await found(dir)).toEqual([]);
  });

  it('leaves out binary files, files over 256 KiB, compose and stack files in a mounted directory, and what git ignores', async () => {
    const dir = project({
      'compose.yaml': compose('./conf:/conf', './local.ini:/local.ini', './kept.ini:/kept.ini'),
      'conf/blob.bin': `\u0000${PASSWORD}`,
      'conf/nul.ini': `${PASSWORD}\u0000`,
      'conf/large.ini': `${PASSWORD}${'#'.repeat(256 * 1024)}\n`,
      'conf/compose.yaml': `x-a:\n  ${PASSWORD.replace(' = ', ': ')}`,
      'conf/docker-stack.yml': `x-a:\n  ${PASSWORD.replace(' = ', ': ')}`,
      'local.ini': PASSWORD,
      'kept.ini': PASSWORD,
      '.gitignore': 'local.ini\n',
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(await found(dir)).toEqual(['kept.ini:1:12 password holds a hardcoded password in a file mounted by service app']);
  });

  it("reads a secret's file when git tracks it or does not ignore it, not when git ignores it; outside a repository, as the project's .gitignore says", async () => {
    const files = {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    secrets: [admin, db_password, api_token, local]',
        '    volumes: [./authd.pass:/etc/authd.pass]',
        'secrets:',
        '  admin:',
        '    file: ./secrets/admin.txt',
        '  db_password:',
        '    file: ./secrets/db_password.txt',
        '  api_token:',
        '    file: ./secrets/api_token.txt',
        '  local:',
        '    file: ./local/pw.txt',
        '  unused:',
        '    file: ./secrets/unused.txt',
        '',
      ].join('\n'),
      // the whole content is the secret, whatever the secret's name
      'secrets/admin.txt': 'Ember-Lemon-14\n',
      'secrets/db_password.txt': 'Meadow_river_81uo\n',
      'secrets/api_token.txt': 'changeme\n',
      'secrets/unused.txt': 'Saffron_canyon_88um\n',
      'local/pw.txt': 'Saffron_canyon_88um\n',
      // a file named by its extension (`.pass`), mounted as a file
      'authd.pass': 'mqXdsbtfceDTuKuLxWzM\n',
      '.gitignore': 'local/\n',
    };
    const bare = project(files);
    // outside a repository the project's .gitignore decides (local/ is ignored): what git would do once it is one
    const unversioned = (name: string, kind: string) =>
      `secrets/${name}.txt:1:1 the file of secret "${name}" holds a hardcoded ${kind} and no .gitignore of the project ignores it (not a git repository yet: \`git add .\` would commit it)`;
    expect(await found(bare)).toEqual([
      'authd.pass:1:1 authd_pass holds a hardcoded password in a file mounted by service app',
      unversioned('admin', 'secret'),
      unversioned('api_token', 'token'),
      unversioned('db_password', 'password'),
    ]);
    const severities = (await lint([bare], { cwd: bare, rules: ['secret-in-mounted-file'] })).findings.map((f) => f.severity);
    expect(severities).toEqual(['error', 'warning', 'warning', 'warning']);
    const ignoredHere = project({ ...files, '.gitignore': 'local/\nsecrets/*.txt\n' });
    expect(await found(ignoredHere)).toEqual(['authd.pass:1:1 authd_pass holds a hardcoded password in a file mounted by service app']);
    const dir = project(files);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', 'secrets/db_password.txt'], { cwd: dir });
    expect(await found(dir)).toEqual([
      'authd.pass:1:1 authd_pass holds a hardcoded password in a file mounted by service app',
      'secrets/admin.txt:1:1 the file of secret "admin" holds a hardcoded secret and is not ignored by git',
      // a placeholder in a secret's file is reported as elsewhere: the file is about to hold the real one
      'secrets/api_token.txt:1:1 the file of secret "api_token" holds a hardcoded token and is not ignored by git',
      'secrets/db_password.txt:1:1 the file of secret "db_password" holds a hardcoded password and is tracked by git',
    ]);
  });

  it('walks a directory met again through a link once, and reads no file a link leads out of the project', async () => {
    const outside = project({ 'shadow.ini': PASSWORD });
    const dir = project({ 'compose.yaml': compose('./conf:/conf', './link.ini:/link.ini'), 'conf/app.ini': PASSWORD });
    symlinkSync(join(dir, 'conf'), join(dir, 'conf/self'));
    symlinkSync(join(outside, 'shadow.ini'), join(dir, 'link.ini'));
    symlinkSync(join(outside, 'shadow.ini'), join(dir, 'conf/shadow.ini'));
    expect(await found(dir)).toEqual(['conf/app.ini:1:12 password holds a hardcoded password in a file mounted by service app']);
  });

  it('reports a file two services mount once, naming both, and an env file that is also mounted only as an env file', async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  a:',
        '    image: example/a:1',
        '    env_file: app.env',
        '    volumes: [./shared.ini:/s.ini, ./app.env:/app.env]',
        '  b:',
        '    image: example/b:1',
        '    volumes: [./shared.ini:/etc/s.ini]',
        '',
      ].join('\n'),
      'shared.ini': PASSWORD,
      'app.env': 'API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n',
    });
    expect(await found(dir)).toEqual(['shared.ini:1:12 password holds a hardcoded password in a file mounted by services a and b']);
    const rules = (await lint([dir], { cwd: dir, rules: ['secret-in-env-file', 'secret-in-mounted-file'] })).findings
      .filter((f) => f.file === 'app.env')
      .map((f) => f.ruleId);
    expect(rules).toEqual(['secret-in-env-file']);
  });

  it('names the settings of a YAML or JSON file by their key paths; a rendered template is a reference', async () => {
    const dir = project({
      'compose.yaml': compose(
        './octoprint/config.yaml:/octoprint/config.yaml',
        './flows/sync.yaml:/flows/sync.yaml',
        './hass/configuration.yaml:/config/configuration.yaml',
        './keyed.json:/keyed.json',
      ),
      // an application's YAML tag is its own lookup (Home Assistant `!secret name`), not the value
      'hass/configuration.yaml': ['tibber:', '  access_token: !secret tibber_token', 'notify:', '  - token: Zq8Wm3Xn7Lp2Rb5Vt9Ck4Hd6', ''].join('\n'),
      // a key that is itself a token is not repeated in the message
      'keyed.json': '{ "secrets": { "ghp_Zq8Wm3Xn7Lp2Rb5Vt9Ck4Hd6Jf1Gs0Ay2Bz4Q": "Hunter-Otter-42" } }\n',
      'octoprint/config.yaml': ['api:', '  key: JG5RIP2AYG7NWFRBWQ80BQ3ATKIQLB5Q', 'server:', '  host: 0.0.0.0', ''].join('\n'),
      'flows/sync.yaml': [
        'defaults: &auth',
        '  token: Zq8Wm3Xn7Lp2Rb5Vt9Ck4Hd6',
        'tasks:',
        '  - <<: *auth',
        '    headers:',
        '      Authorization: "Bearer {{ secret(\'GITHUB_TOKEN\') }}"',
        '  - <<: *auth',
        '    key: "orders/{{ execution.id }}.ion"',
        '',
      ].join('\n'),
    });
    expect(await found(dir)).toEqual([
      'flows/sync.yaml:2:10 token holds a hardcoded token in a file mounted by service app',
      'hass/configuration.yaml:4:12 token holds a hardcoded token in a file mounted by service app',
      'keyed.json:1:17 keyed.json holds a hardcoded GitHub personal access token in a file mounted by service app',
      'keyed.json:1:61 setting holds a hardcoded secret in a file mounted by service app',
      'octoprint/config.yaml:2:8 api.key holds a hardcoded API key in a file mounted by service app',
    ]);
  });

  it('walks a file of nested aliases once per node: the value is reported where it is written, once', async () => {
    const lines = ['a0: &a0 {password: Zq8Wm3Xn7Lp2Rb5Vt9Ck4Hd6}'];
    // 10^4 key paths lead to it (the parser refuses a file that expands past 500,000 nodes)
    for (let i = 1; i <= 4; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const dir = project({ 'compose.yaml': compose('./laughs.yaml:/laughs.yaml'), 'laughs.yaml': `${lines.join('\n')}\n` });
    expect(await found(dir)).toEqual(['laughs.yaml:1:20 a0.password holds a hardcoded password in a file mounted by service app']);
  });
});
