/** secret-in-project-file on real files: which configuration files beside a compose file are read, and which are not. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';

/** A project in a fresh directory: `files` by relative path (the compose file among them). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-kept-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const COMPOSE = [
  'services:',
  '  app:',
  '    image: example/app:1',
  '    build: .',
  '    env_file: app.env',
  '    volumes: [./mounted.ini:/etc/app.ini]',
  '',
].join('\n');

const FILE_RULES = ['secret-in-project-file', 'secret-in-mounted-file', 'secret-in-env-file'];
const found = async (dir: string, rules = FILE_RULES) =>
  (await lint([dir], { cwd: dir, rules })).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);

describe('secret-in-project-file', () => {
  it("reads configuration files no service mounts: by name, in a config directory, a stage's env file", async () => {
    const dir = project({
      'compose.yaml': COMPOSE,
      'app.env': 'API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n',
      'mounted.ini': 'password = Hunter-Otter-42\n',
      'config.yml': ['MYSQL_ROOT_PASSWORD: 9eVvhxcB', 'OPENEDX_SECRET_KEY: 1e8bm7CFnK3oMULiUVXDDrIb', 'LMS_HOST: lms.example.org', ''].join('\n'),
      'mes/settings/production.py': 'DEBUG = False\nEMAIL_HOST_PASSWORD = "Wm3Xn7-Lp2Rb5-Vt9Ck4"\n',
      'sites/common_site_config.json': '{ "mail_password": "Saffron.Willow.36" }\n',
      'config/horizon.php': "<?php return ['password' => env('HORIZON_BASIC_PASSWORD', 'dfueDdZMtCQl8Qx6')];\n",
      '.env.production': 'STRIPE_SECRET_KEY=sk_live_51RjGGdnIJlARc1H94ivMXqbNXNfEaMQ0QyOLn6OWB\n',
      // a public-by-design key under its public name, and a placeholder in a file nothing mounts
      '.env.staging': 'EXPO_PUBLIC_FIREBASE_API_KEY=AIzaNSAZXPFagxImbwEi0GJzfx3uWAekOmEZMVY\nSECRET_KEY=changeme\n',
    });
    expect(await found(dir)).toEqual([
      '.env.production:1:19 secret-in-project-file .env.production holds a hardcoded Stripe secret key in a file of the project that no service mounts: it is committed with the compose file',
      'app.env:1:11 secret-in-env-file service app receives a hardcoded token in API_TOKEN from this env_file',
      'config.yml:1:22 secret-in-project-file MYSQL_ROOT_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'config.yml:2:21 secret-in-project-file OPENEDX_SECRET_KEY holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'config/horizon.php:1:60 secret-in-project-file HORIZON_BASIC_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'mes/settings/production.py:2:24 secret-in-project-file EMAIL_HOST_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'mounted.ini:1:12 secret-in-mounted-file password holds a hardcoded password in a file mounted by service app',
      'sites/common_site_config.json:1:21 secret-in-project-file mail_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });

  it('leaves a file that another project of the run reads (its env_file) to that project', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  app:\n    image: example/app:1\n',
      'compose.test.yaml': 'services:\n  test:\n    image: example/app:1\n    env_file: .env.ci\n',
      '.env.ci': 'DB_PASSWORD=Wm3Xn7-Lp2Rb5-Vt9Ck4\n',
    });
    expect(await found(dir)).toEqual(['.env.ci:1:13 secret-in-env-file service test receives a hardcoded password in DB_PASSWORD from this env_file']);
  });

  it('leaves out examples, tests, dependencies, documentation, unrelated names, compose files and what git ignores (outside a repository, what its .gitignore ignores)', async () => {
    const pw = 'EMAIL_HOST_PASSWORD = "Wm3Xn7-Lp2Rb5-Vt9Ck4"\n';
    const files = {
      'compose.yaml': COMPOSE,
      'app.env': '',
      'mounted.ini': '',
      '.env.example': 'SECRET_KEY=Wm3Xn7Lp2Rb5Vt9Ck4Hd6Q\n',
      'config.sample.py': pw,
      'settings.template.py': pw,
      'tests/settings.py': pw,
      'node_modules/pkg/config.js': pw,
      'docs/config.py': pw,
      // source code is read for tokens, generated constants and passwords of mixed case, digits and a sign only
      // (categories.test.ts): a password of lower-case letters and digits is not one
      'src/views.py': 'EMAIL_HOST_PASSWORD = "falcon246"\n',
      'config/docker-compose.override.yml': `x-a:\n  password: Hunter-Otter-42\n`,
      'config/other-stack.yaml': 'services:\n  b:\n    image: x\n    environment:\n      PASSWORD: Hunter-Otter-42\n',
      'config/local.py': pw,
      '.gitignore': 'config/local.py\n',
    };
    expect(await found(project(files))).toEqual([]);
    expect(await found(project({ ...files, '.gitignore': '' }))).toEqual([
      'config/local.py:1:24 secret-in-project-file EMAIL_HOST_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
    ]);
    const dir = project(files);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(await found(dir)).toEqual([]);
  });
});

describe('secret-in-project-file: files that carry credentials by what they are', () => {
  it("reads shell scripts, package managers' and clients' credential files, Ansible's inventories and variables, private key files, and configuration deep in a service's sources", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  api:\n    build: ./api\n',
      'scripts/import.sh':
        '#!/bin/sh\nset -eu\nMC_KEY="c74671b241961997706598f62de81b88-us21"\ncurl -s "https://us21.api.mailchimp.com/3.0/lists?apikey=$MC_KEY"\n',
      '.npmrc': '@acme:registry=https://npm.pkg.github.com\n//registry.npmjs.org/:_authToken=npm_uGB0oZW4MXvkjm7nywQYoiFJNqVp43CUZk7Z\n',
      'playbooks/inventory/hosts.ini': '[kiosks]\nkiosk-001 ansible_host=10.41.1.11 ansible_user=pi ansible_password=Wm3Xn7-Lp2Rb5\n',
      'playbooks/group_vars/hamburg.yml': 'kiosk_wifi_psk: "Harbor191_IJPQNQ"\nkiosk_timezone: Europe/Berlin\n',
      'api/src/main/resources/application-docker.yml': 'spring:\n  mail:\n    password: Falcon246!sjZxaY\n',
      'deploy/fleet_ed25519':
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n',
      '.git-credentials': 'https://deploy:ghp_R8wX2kLm9QvT4nB7cJ5hY1pZ3sD6fG0aE2uK@github.com\n',
      // a public key and a script that only reads its secrets stay silent; the sources' code is read for tokens and for
      // constants holding a generated value (App.java's password is one)
      'deploy/fleet_ed25519.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKx7Vd9hqYv3QmPq4gKdJ2aF8cT0sLpE1uNwXzR6bYcM fleet\n',
      'scripts/seed.sh': '#!/bin/sh\ncurl -H "Authorization: Token $FLAGSMITH_TOKEN" http://flagsmith:8000/api/v1/projects/\n',
      'api/src/main/java/App.java': 'class App { String password = "Falcon246!sjZxaY"; }\n',
    });
    expect(await found(dir)).toEqual([
      '.git-credentials:1:16 secret-in-project-file .git-credentials holds a hardcoded GitHub personal access token in a file of the project that no service mounts: it is committed with the compose file',
      '.npmrc:2:34 secret-in-project-file .npmrc holds a hardcoded npm access token in a file of the project that no service mounts: it is committed with the compose file',
      'api/src/main/java/App.java:1:32 secret-in-project-file password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'api/src/main/resources/application-docker.yml:3:15 secret-in-project-file password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'deploy/fleet_ed25519:1:1 secret-in-project-file fleet_ed25519 holds a hardcoded private key in a file of the project that no service mounts: it is committed with the compose file',
      'playbooks/group_vars/hamburg.yml:1:18 secret-in-project-file kiosk_wifi_psk holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'playbooks/inventory/hosts.ini:2:68 secret-in-project-file ansible_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'scripts/import.sh:3:9 secret-in-project-file MC_KEY= holds a hardcoded Mailchimp API key in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe('secret-in-project-file: operational scripts', () => {
  it('reads the scripts of a scripts/, bin/, tools/ or ops/ directory (Python, JavaScript, Ruby…); code that reads its secrets, and scripts elsewhere, stay silent', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  matomo:\n    image: matomo:5\n',
      'scripts/weekly_report.py':
        'import requests\nMATOMO_URL = "https://stats.example.org"\nTOKEN_AUTH = "6428fe7b6bc349dadf811b929b33abd1"  # view access only\nrequests.get(MATOMO_URL, params={"token_auth": TOKEN_AUTH})\n',
      'bin/import.mjs': "const key = process.env.GHOST_ADMIN_KEY;\nconst password = readFileSync('/run/secrets/db_password', 'utf8');\n",
      'ops/rotate.rb': "API_TOKEN = ENV.fetch('API_TOKEN')\n",
      // a script elsewhere is source code: read for a generated value only (a hex token is one; a word is not)
      'app/report.py': 'TOKEN_AUTH = "0d1e8f3a9b2c4d5e6f708192a3b4c5d6"\n',
      'app/other.py': 'TOKEN_AUTH = "anonymous-reader"\n',
    });
    expect(await found(dir)).toEqual([
      'app/report.py:1:15 secret-in-project-file TOKEN_AUTH holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
      'scripts/weekly_report.py:3:15 secret-in-project-file TOKEN_AUTH holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe("secret-in-project-file: the project's .env", () => {
  it('reports a secret of .env that no service reads, once; a value a service reads stays with secret-in-env-file', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  app:\n    image: example/app:1\n    env_file: app.env\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n',
      '.env': [
        'DB_PASSWORD=Hx7-kq2Lm9vPzR',
        'CODER_SESSION_TOKEN=sSws20jqoA-VCiovInxT0jqaa7L8jniLT',
        '# SMTP_PASSWORD=<app-specific password from settings>',
        'APP_SECRET=changeme',
        'LOG_LEVEL=info',
        '',
      ].join('\n'),
      // an env_file's lines are all the service's: reported by secret-in-env-file, not as a project file
      'app.env': 'API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n# SMTP_PASSWORD=<app-specific password from settings>\n',
    });
    expect(await found(dir)).toEqual([
      '.env:1:13 secret-in-env-file DB_PASSWORD of service app gets a hardcoded password from DB_PASSWORD in this file',
      '.env:2:21 secret-in-project-file CODER_SESSION_TOKEN holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
      'app.env:1:11 secret-in-env-file service app receives a hardcoded token in API_TOKEN from this env_file',
    ]);
  });

  it('reports a line of a .env shared by two projects once, by the rule of the project that reads it', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  app:\n    image: example/app:1\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n',
      'other/compose.yaml': 'services:\n  worker:\n    image: example/worker:1\n',
      '.env': 'DB_PASSWORD=Hx7-kq2Lm9vPzR\n',
    });
    // other/ has no .env of its own; the root project's line is reported by the project that carries it
    expect(await found(dir)).toEqual(['.env:1:13 secret-in-env-file DB_PASSWORD of service app gets a hardcoded password from DB_PASSWORD in this file']);
  });
});

describe('secret-in-project-file: infrastructure code', () => {
  it("reads Terraform/HCL files, references in them silent; CI pipelines are read for self-identifying tokens and their variables' generated values only (their own secret references and test databases' words: set T1 counted four false alarms to one exposure when read by names)", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  app:\n    image: example/app:1\n',
      '.github/workflows/deploy.yml': [
        'jobs:',
        '  deploy:',
        '    steps:',
        '      - run: deck gateway sync kong.yml',
        '        env:',
        '          DECK_KONNECT_TOKEN: ${{ secrets.KONNECT_TOKEN }}',
        '          REGISTRY_PASSWORD: Granite-quartz-2845',
        '    services:',
        '      postgres:',
        '        image: postgres:16',
        '        env:',
        '          POSTGRES_PASSWORD: postgres',
        '',
      ].join('\n'),
      '.github/ISSUE_TEMPLATE/config.yml': 'REGISTRY_PASSWORD: Basalt-marble-7731\n',
      '.gitlab-ci.yml': 'variables:\n  SONAR_TOKEN: 4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e0f\n  SONAR_HOST_URL: https://sonar.example.org\n',
      '.woodpecker/build.yaml': 'steps:\n  build:\n    environment:\n      NPM_PASSWORD: Amber-nickel-5392\n',
      'infra/main.tf': [
        'resource "docker_container" "app" {',
        '  env = {',
        '    GITHUB_TOKEN = data.coder_external_auth.github.access_token',
        '    NPM_TOKEN    = var.npm_token',
        '    DB_PASSWORD  = "Willow-orchid-9206"',
        '  }',
        '}',
        '',
      ].join('\n'),
      'infra/prod.tfvars': 'db_password = "Falcon246!sjZxaY"\nregion = "eu-central-1"\n',
      'vault/config.hcl': 'storage "consul" {\n  address = "consul:8500"\n  token   = "7c1d9e4b-2f8a-4c6e-9b3d-5a0f8e2c7d41"\n}\n',
      // a Kafka Connect connector's configuration
      'connectors/jdbc-sink.json':
        '{\n  "name": "jdbc-sink",\n  "config": {\n    "connection.user": "sink",\n    "connection.password": "Violet-cobalt-4148"\n  }\n}\n',
      // a client's credential file, wherever it is kept
      'backup/rclone.conf': '[nas]\ntype = sftp\nhost = nas.lan\nuser = backup\npass = pwttJlJRJU-2m0Fflp6-Urj5jKxphfR42sLn1VS4BhLACNvcXj9R6w\n',
    });
    expect(await found(dir)).toEqual([
      '.github/workflows/deploy.yml:7:30 secret-in-project-file REGISTRY_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      '.gitlab-ci.yml:2:16 secret-in-project-file SONAR_TOKEN holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
      'backup/rclone.conf:5:8 secret-in-project-file pass holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'connectors/jdbc-sink.json:5:29 secret-in-project-file connection.password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'infra/main.tf:5:21 secret-in-project-file DB_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'infra/prod.tfvars:1:16 secret-in-project-file db_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'vault/config.hcl:3:14 secret-in-project-file token holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe('commented-out settings in mounted and project files', () => {
  it('reports a setting commented out in a file a service mounts or the project keeps, once; prose and placeholders stay silent', async () => {
    const dir = project({
      'compose.yaml':
        'services:\n  alertmanager:\n    image: prom/alertmanager:v0.27.0\n    volumes: [./alertmanager.yml:/etc/alertmanager/alertmanager.yml]\n',
      'alertmanager.yml': [
        'receivers:',
        '  - name: pagerduty',
        '    pagerduty_configs:',
        '      - routing_key: "{{ .Values.routing }}"',
        '        # service_key: 58bcb2518ed63e57cce4aeeeca2cb701',
        '        # service_key: <your PagerDuty service key>',
        '        # the service key is in the team vault',
        '',
      ].join('\n'),
      'config/users_database.yml':
        'users:\n  scanner:\n    # password: "Sc4nner-2023"\n    password: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"\n',
      'scripts/backup.sh': '#!/bin/sh\n# export RESTIC_PASSWORD=Harbor-harbor-3816\nrestic backup /data\n',
    });
    const result = await lint([dir], { cwd: dir, rules: ['hardcoded-credential', 'secret-in-project-file', 'secret-in-mounted-file'] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([
      'alertmanager.yml:5:24 hardcoded-credential a commented-out service_key holds a hardcoded secret: the comment is committed with the file',
      'config/users_database.yml:3:18 hardcoded-credential a commented-out password holds a hardcoded password: the comment is committed with the file',
      // a script's own reading finds the commented export: reported once, by it
      'scripts/backup.sh:2:26 secret-in-project-file RESTIC_PASSWORD holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe('typed settings with a default', () => {
  it('reads pydantic\'s and TypeScript\'s `name: type = "…"`; an empty default, a lookup or a setting stay silent', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  api:\n    image: example/api:1\n',
      'api/app/settings.py': [
        'class Settings(BaseSettings):',
        '    secret_key: str = "Hx7kq2Lm9vPzQ8rT4wY6uI1o"',
        '    api_keys: list[str] = ["98eee117-57b2-4333-84a2-c7d90c51233f"]',
        '    db_password: SecretStr = SecretStr("Violet-cobalt-4148")',
        '    token: str | None = None',
        '    jwt_secret: str = ""',
        '    api_key: str = os.environ["API_KEY"]',
        '    password_min_length: int = 12',
        '',
      ].join('\n'),
      'config/settings.ts': "export class Settings {\n  private readonly apiToken: string = 'Zq8WmN3vKp5RtY7uHs2L';\n  public tokenTtl: number = 3600;\n}\n",
    });
    expect(await found(dir)).toEqual([
      'api/app/settings.py:2:24 secret-in-project-file secret_key holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'api/app/settings.py:3:29 secret-in-project-file api_keys holds a hardcoded API key in a file of the project that no service mounts: it is committed with the compose file',
      'api/app/settings.py:4:41 secret-in-project-file db_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'config/settings.ts:2:40 secret-in-project-file apiToken holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe('files named for a secret', () => {
  it('reads a file named for the one secret it holds (secrets/db_password.txt, SECRET_KEY, api.token); a placeholder or a file of settings stays silent', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  app:\n    image: example/app:1\n',
      'secrets/db_password.txt': 'Hx7kq2Lm9vPzQ8rT\n',
      'awx/SECRET_KEY': 'Zq8WmN3vKp5RtY7uHs2LxQ\n',
      'deploy/api.token': '8f14e45fceea167a5a36dedd4bea2543\n',
      'secrets/api_token': 'changeme\n',
      'secret.txt': '# notes\nfoo: bar\nbaz: 1\n',
    });
    expect(await found(dir)).toEqual([
      'awx/SECRET_KEY:1:1 secret-in-project-file SECRET_KEY holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'deploy/api.token:1:1 secret-in-project-file api_token holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
      'secrets/db_password.txt:1:1 secret-in-project-file db_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});

describe("a project's other committed files (set U)", () => {
  const withComments = (dir: string) => found(dir, [...FILE_RULES, 'hardcoded-credential']);

  it("reads a subdirectory's own .env and a notebook's cells; a .env beside another compose file is that project's", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  node:\n    image: example/node:1\n',
      'contracts/.env': 'DEPLOYER_PRIVATE_KEY=0xc5d4c9ec7da3ee246e56cd00059ac04f28a8bd328cbf93a19187174da7fc2eea\nNETWORK=sepolia\n',
      'notebooks/01-embeddings.ipynb': `{\n "cells": [\n  {\n   "source": [\n    "client = OpenAI(api_key=\\"sk-proj-${'Ab3Cd5Ef7Gh9'.repeat(6)}T3BlbkFJ${'Xy2Wv4Ut6Sr8'.repeat(6)}\\")\\n"\n   ]\n  }\n ]\n}\n`,
      'other/compose.yaml': 'services:\n  web:\n    image: example/web:1\n',
      'other/.env': 'WEB_TOKEN=Zq8WmN3vKp5RtY7uHs2L\n',
    });
    expect(await withComments(dir)).toEqual([
      'contracts/.env:1:22 secret-in-project-file DEPLOYER_PRIVATE_KEY holds a hardcoded private key in a file of the project that no service mounts: it is committed with the compose file',
      'notebooks/01-embeddings.ipynb:5:32 secret-in-project-file 01-embeddings.ipynb holds a hardcoded OpenAI API key in a file of the project that no service mounts: it is committed with the compose file',
      'other/.env:1:11 secret-in-project-file WEB_TOKEN holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });

  it("reads net-snmp's communities and v3 passphrases; the stock public community stays silent", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  traps:\n    image: example/snmptrapd:1\n    volumes: [./snmptrapd.conf:/etc/snmp/snmptrapd.conf]\n',
      'snmptrapd.conf': [
        'authCommunity log,execute,net VhUf9Nh3ZIvcUO',
        'createUser -e 0x8000000001020304 trapuser SHA "Pepper+copper9655*" AES "Willow.granite9970"',
        'rocommunity public default',
        'disableAuthorization no',
        '',
      ].join('\n'),
    });
    expect(await withComments(dir)).toEqual([
      'snmptrapd.conf:1:31 secret-in-mounted-file community holds a hardcoded password in a file mounted by service traps',
      'snmptrapd.conf:2:48 secret-in-mounted-file createUser holds a hardcoded password in a file mounted by service traps',
      'snmptrapd.conf:2:73 secret-in-mounted-file createUser holds a hardcoded password in a file mounted by service traps',
    ]);
  });

  it('reads a key Django generated, what a script pipes into docker secret create, and commands commented out; not a sentence, a hand-written key or what cat reads', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  web:\n    image: example/web:1\n',
      'web/settings/dev.py': [
        'SECRET_KEY = "django-insecure-*%#^0f^@26w5(n8)+a3a92lqq72r6tc*&@v0&otj8d7g*l4n%4"',
        'OTHER_KEY = "django-insecure-change-me-please-replace-with-a-real-key-x"',
        '',
      ].join('\n'),
      'scripts/deploy.sh': [
        '#!/bin/sh',
        "printf '%s' '3180BFF3785BF69FA2D11FFC14B56417' | docker secret create steam_api_key_v2 -",
        'cat secrets/db.txt | docker secret create db_password -',
        'echo "$REGISTRY_TOKEN" | docker login -u ci --password-stdin ghcr.io',
        "# mcrcon -H 127.0.0.1 -P 25575 -p 'Thistle!bramble3131' stop",
        '# tailscale up --authkey b3feb91c4e461547409fe69ad198d242b7338b70b20c3e6c',
        '# use --password to set it, or -p with the password',
        '',
      ].join('\n'),
    });
    expect(await withComments(dir)).toEqual([
      'scripts/deploy.sh:2:14 secret-in-project-file docker secret create holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'scripts/deploy.sh:5:36 hardcoded-credential a commented-out -p holds a hardcoded password: the comment is committed with the file',
      'scripts/deploy.sh:6:26 hardcoded-credential a commented-out --authkey holds a hardcoded secret: the comment is committed with the file',
      'web/settings/dev.py:1:15 secret-in-project-file dev.py holds a hardcoded Django secret key in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });

  it('leaves a placeholder commented out in a mounted file, an encrypted value, and a value on the next line alone', async () => {
    const dir = project({
      'compose.yaml':
        'services:\n  wiki:\n    image: example/wiki:1\n    volumes: [./xwiki.cfg:/etc/xwiki/xwiki.cfg, ./datastore.xml:/data/datastore.xml, ./config/runtime.exs:/app/runtime.exs]\n',
      'xwiki.cfg':
        '# xwiki.authentication.encryptionKey=titititititititititititititititi\nxwiki.authentication.validationKey=rrfI3g7168A5G2TdoIbO966BcB6naJ01\n',
      'datastore.xml': '<entry key="passwd">crypt2:eEkTZHQUYP3bzyoxqrY3PSuxcF0iy9K6icynqV/F2KQ=</entry>\n',
      'config/runtime.exs': 'import Config\n  secret_key_base =\n    System.fetch_env!("SECRET_KEY_BASE")\n',
    });
    expect(await withComments(dir)).toEqual([
      'xwiki.cfg:2:36 secret-in-mounted-file xwiki.authentication.validationKey holds a hardcoded secret in a file mounted by service wiki',
    ]);
  });
});

describe('options commented out (set U)', () => {
  it("reads a program's options commented out under a name that says nothing of a secret", async () => {
    const dir = project({
      'compose.yaml': [
        'services:',
        '  solr:',
        '    image: solr:9',
        '    environment:',
        '      - SOLR_HEAP=1g',
        '#     - SOLR_AUTHENTICATION_OPTS=-Dbasicauth=solr:Cobalt.atlas1178',
        '#     - SOLR_OPTS=-Dsolr.jetty.request.header.size=65535',
        '',
      ].join('\n'),
    });
    expect((await lint([dir], { cwd: dir, rules: ['hardcoded-credential'] })).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'compose.yaml:6:46 a commented-out -Dbasicauth holds a hardcoded credential: the comment is committed with the file',
    ]);
  });
});

describe("a project's committed tool credentials and scripts (set V)", () => {
  it("reads the credential files of package managers and clients in their hidden directories, Gradle's and pip's files, Rocket.toml and Ansible's nested variables; encrypted and placeholder values stay silent", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  api:\n    image: example/api:1\n',
      '.m2/settings.xml': [
        '<settings><servers>',
        '<server><id>a</id><username>ci</username><password>AKCp8zZ6uZRO3ZEhXdzdm4SFbGvoWSX5sV3W5BpgApfdAQSmEdFD8IUYRPnLtbuPCKUmSqFnB</password></server>',
        '<server><id>b</id><username>ci</username><password>{IVeiutFVbKhd8e9UjRcxGnH05fQ=}</password></server>',
        '</servers></settings>',
        '',
      ].join('\n'),
      '.cargo/credentials.toml': '[registry]\ntoken = "ciozT1vBmQOPi2p2JD0NBEAGJV7lAOuarNt"\n',
      '.docker/config.json': '{\n  "auths": {\n    "registry.example.com": {\n      "auth": "Y2ktYm90Ok1naURVNDhvckx1bkxmQnVlNjMzVkpnVA=="\n    }\n  }\n}\n',
      'gradle.properties': 'org.gradle.jvmargs=-Xmx2g\nartifactoryPassword=cmVmdGtuOjAxOjE5NTIwNTA1NDg6a3JkMFplOGhhZE14UTlVUGhGRHpIMVl1dmNj\n',
      'clients/pip.conf': '[global]\nindex-url = https://ci:cwT3fxlR14sF6Wqb@devpi.example.internal/ci/prod/+simple/\n',
      'clients/.pypirc': '[devpi]\nusername = ci\npassword = <devpi ci password>\n',
      'Rocket.toml': '[release]\n# secret_key = "DYf+zffmFoB/Kp8wh+wDjKzNsKJoeGMuSpvAauECPeU="\n',
      'ansible/group_vars/all/vars.yml': 'smtp_relay_host: smtp.example.com\nsmtp_relay_password: e062fef42981560aca9894ed761aeda4\n',
    });
    expect(await found(dir)).toEqual([
      '.cargo/credentials.toml:2:10 secret-in-project-file token holds a hardcoded token in a file of the project that no service mounts: it is committed with the compose file',
      '.docker/config.json:4:16 secret-in-project-file config.json holds a hardcoded registry credential (Docker auth config) in a file of the project that no service mounts: it is committed with the compose file',
      '.m2/settings.xml:2:52 secret-in-project-file settings.xml holds a hardcoded JFrog Artifactory API key or reference token in a file of the project that no service mounts: it is committed with the compose file',
      'Rocket.toml:2:17 secret-in-project-file secret_key holds a hardcoded secret in a file of the project that no service mounts: it is committed with the compose file',
      'ansible/group_vars/all/vars.yml:2:22 secret-in-project-file smtp_relay_password holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'clients/pip.conf:2:24 secret-in-project-file pip.conf holds a hardcoded password in a URL in a file of the project that no service mounts: it is committed with the compose file',
      'gradle.properties:2:21 secret-in-project-file gradle.properties holds a hardcoded JFrog Artifactory API key or reference token in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });

  it('reads the command a script runs in a container (docker compose exec, docker exec, kubectl exec); a name, not a key, in a call stays silent', async () => {
    const dir = project({
      'compose.yaml': 'services:\n  radio:\n    image: example/liquidsoap:1\n    volumes: [./radio.liq:/etc/radio.liq]\n',
      'scripts/backup.sh': [
        '#!/bin/sh',
        'docker compose exec -T mariadb mysqldump -usnipeit -prY1gTFQiSbmm4FZLBZnZGo snipeit | gzip > /srv/dump.sql.gz',
        'kubectl exec -n prod deploy/api -c app -- mysql -uroot -pQw8erTy6uIo app',
        'docker exec -u postgres pg psql -d app',
        '',
      ].join('\n'),
      'radio.liq': [
        'dj_pw = environment.get("DJ_PASSWORD")',
        'live = input.harbor("live", port=8005, password=dj_pw)',
        'backup = input.harbor("backup", port=8006, password=Wq7eRt5yUi)',
        '',
      ].join('\n'),
    });
    expect(await found(dir)).toEqual([
      'radio.liq:3:53 secret-in-mounted-file radio.liq holds a hardcoded password in a connection string in a file mounted by service radio',
      'scripts/backup.sh:2:54 secret-in-project-file -p holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
      'scripts/backup.sh:3:58 secret-in-project-file -p holds a hardcoded password in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });

  it("reads SonarQube's tokens and its `.secured` settings, YouTube's stream key in an ingest URL; Stripe's test tokens stay silent", async () => {
    const dir = project({
      'compose.yaml': 'services:\n  sonar:\n    image: sonarqube:10\n    volumes: [./conf/sonar.properties:/opt/sonarqube/conf/sonar.properties]\n',
      'conf/sonar.properties': 'sonar.email.smtp_password.secured=VelvetRiver40.5\nsonar.email.smtp_port.secured=587\n',
      'billing-api/sonar-project.properties': 'sonar.projectKey=billing\nsonar.token=sqp_b76c60be776e9f5725137e1a459b3299723b3b2b\n',
      'config/nginx.conf': 'rtmp { server { application live { push rtmp://a.rtmp.youtube.com/live2/hafj-j6aq-cedq-ia7r-vvgg; } } }\n',
      'scripts/checkout.js': "const PAYMENT_TOKEN = 'tok_visa';\nconst CARD = 'pm_card_mastercard';\n",
    });
    expect(await found(dir)).toEqual([
      'billing-api/sonar-project.properties:2:13 secret-in-project-file sonar-project.properties holds a hardcoded SonarQube token in a file of the project that no service mounts: it is committed with the compose file',
      'conf/sonar.properties:1:35 secret-in-mounted-file sonar.email.smtp_password.secured holds a hardcoded password in a file mounted by service sonar',
      'config/nginx.conf:1:73 secret-in-project-file nginx.conf holds a hardcoded stream key in an RTMP URL in a file of the project that no service mounts: it is committed with the compose file',
    ]);
  });
});
