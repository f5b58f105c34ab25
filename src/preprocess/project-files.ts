/**
 * The configuration files a project keeps beside its compose files that no service mounts: an
 * application's `config.yml` (Tutor), `settings/production.py`, `config/horizon.php`, a stage's
 * `.env.production` that compose does not read. They are committed with the compose file, and a
 * secret in one is in the repository all the same. Only files whose name says they are
 * configuration or credentials (a shell script, `.npmrc`, an Ansible inventory, a private key
 * file), not examples, under the project directory (a few levels, a bounded walk that leaves out
 * dependencies, build output and tests, and walks documentation last, for its documents only).
 */
import { basename, join } from 'node:path';
import type { DirEntry, FileHost } from '../load/host.js';
import type { MountedFile } from '../model/model.js';
import { get, type TreeMap, wholeFileScalar } from '../model/tree.js';
import { COMPOSE_FILE_NAME } from '../load/discover.js';
import { isInside, readConfigText, structuredRoots } from './mounted-files.js';

/**
 * How deep under the project directory, and how many directory entries in all, the walk looks. Eight levels reach a
 * Fabric network's `organizations/peerOrganizations/<org>/users/<user>/msp/keystore/priv_sk` and an Obsidian plugin's
 * settings; the entries bound the work however deep a tree goes (four levels before: corpus findings the same).
 */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 600;
/** At most this many configuration files a project (the first found, in name order). */
const MAX_FILES = 48;
/** A configuration file is small; a bigger one is data or generated. */
const MAX_BYTES = 64 * 1024;

/** Directories that hold no configuration of the project's own: dependencies, output, tests, documentation, examples. */
const SKIPPED = new Set([
  'node_modules',
  'vendor',
  '.git',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  'build',
  'target',
  'out',
  'coverage',
  'test',
  'tests',
  '__tests__',
  'spec',
  'e2e',
  // (not `fixtures`: a Django app's or a Frappe app's fixtures are the records it loads, a test's are under its tests)
  'testdata',
  'examples',
  'example',
  'samples',
  'sample',
  'locale',
  'locales',
  'public',
  'static',
  'assets',
]);

/** The formats a file named as configuration is written in (`config.yml`, `settings.py`). */
// (and C headers: a firmware's `user_config_override.h`, an Arduino sketch's `secrets.h`, their `#define`s)
const CONFIG_FORMATS = [
  ...['yml', 'yaml', 'json', 'toml', 'ini', 'conf', 'cfg', 'properties', 'py', 'php', 'rb', 'exs', 'js', 'ts', 'mjs', 'cjs'],
  ...['xml', 'edn', 'h'],
];
function extensionPattern(extensions: readonly string[]): RegExp {
  return new RegExp(`\\.(?:${extensions.join('|')})$`, 'i');
}
/**
 * Names of configuration files, by a word of the name: `config.yml`, `settings.py`,
 * `appsettings.Production.json`, `application-prod.properties`, `production.py`, `secrets.json`,
 * `common_site_config.json`, `local_settings.py`; any file of a `config`/`settings`
 * directory in a configuration format; `.env.<stage>` and `<stage>.env`.
 */
const CONFIG_NAME = new RegExp(
  `^(?:[\\w-]{0,40}[._-])?(?:config|configuration|kubeconfig|settings|appsettings|application|parameters|secrets?|credentials?|production|prod|staging|values)(?:[._-][\\w.-]{0,40})?\\.(?:${CONFIG_FORMATS.join('|')})$`,
  'i',
);
/**
 * Directories whose files in a configuration format are configuration: an application's
 * (`config/`, `etc/`), Java's `src/main/resources`, Ansible's inventories, variables and playbooks, Kafka
 * Connect's `connectors/` (each connector's JSON with the credentials of the system it reads or writes).
 */
const CONFIG_DIRECTORY = /^(?:config|configs|conf|settings|etc|resources|group_vars|host_vars|inventory|inventories|playbooks|ansible|connectors)$/i;
/**
 * The hidden directories where a tool keeps its credentials, committed by accident with a project
 * (`.docker/config.json`, `.m2/settings.xml`, `.cargo/credentials.toml`, `.kube/config`,
 * `.aws/credentials`, `.duplicacy/preferences`, an Obsidian vault's `.obsidian/plugins/<plugin>/data.json`, Kamal's
 * `.kamal/secrets`): walked though hidden, each file in a configuration format, or named `config`, `credentials`,
 * `preferences` or `secrets` (Kamal's `secrets-common`, `secrets.staging`), read.
 */
const CREDENTIAL_DIRECTORY = /^\.(?:docker|m2|mvn|cargo|gradle|kube|aws|pip|composer|gem|terraform\.d|ivy2|sbt|config|duplicacy|obsidian|kamal)$/i;
const CREDENTIAL_DIRECTORY_FILE = /^(?:config|credentials|preferences|secrets(?:-common|\.[\w-]{1,30})?)$/i;
/**
 * Source roots (`src/main/resources`, `api/src/app`): walked without counting as a level, so a
 * service's own configuration deep in its sources is as near as a file beside the compose file.
 */
const SOURCE_ROOT = /^(?:src|main)$/i;
/**
 * Files that carry credentials by what they are rather than by a configuration name: shell
 * scripts (provisioning, seeding, imports), the credential files of package managers, database
 * clients and `curl`, Ansible inventories, and private keys kept as files.
 */
const CREDENTIAL_NAMES = new Set([
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.pgpass',
  // Pgpool-II's PCP password file (`host:port:user:password`) and the key that decrypts its pool_passwd
  '.pcppass',
  '.pgpoolkey',
  '.my.cnf',
  // an Erlang release's VM arguments: `-setcookie …`, the cluster's cookie (RabbitMQ, CouchDB, ejabberd)
  'vm.args',
  '.s3cfg',
  // rclone's remotes: each with its password (obscured, which rclone reveals) or keys
  'rclone.conf',
  '.dockercfg',
  // pip's index URLs with their user and password, Gradle's repository credentials, Composer's
  // auth.json, SonarScanner's token, boto's keys
  'pip.conf',
  'pip.ini',
  'gradle.properties',
  'auth.json',
  'sonar-project.properties',
  // Rocket's configuration (its `secret_key` signs private cookies)
  'rocket.toml',
  '.boto',
  'nuget.config',
  'hosts.ini',
  'inventory',
  'inventory.ini',
  'inventory.yml',
  'inventory.yaml',
  // dbt's warehouse connections (each target's `password:`), cqlsh's `[authentication]` section
  'profiles.yml',
  'cqlshrc',
  // make's variables and recipes (`DB_PASSWORD ?= …`, `PGPASSWORD=… psql`)
  'makefile',
  // msmtp's accounts (a PHP or cron container's sendmail): `user` and `password` directives
  'msmtprc',
  // firmware built beside the stack: ESP-IDF's `sdkconfig` (`CONFIG_ESP_WIFI_PASSWORD="…"`), PlatformIO's project file
  // (`upload_flags = --auth=…`, an OTA upload's password)
  'sdkconfig',
  'sdkconfig.defaults',
  'platformio.ini',
  // a Buildbot worker's settings (Python): the `passwd` it connects to the master with
  'buildbot.tac',
  '.msmtprc',
  // Oxidized's device list: each line a device's user, password and enable password
  'router.db',
  // PgBouncer's auth_file: `"name" "password"` lines
  'userlist.txt',
  // Copernicus CDS API client's key (`key: UID:UUID`)
  '.cdsapirc',
]);
/**
 * A file named for the one secret it holds, as Docker secrets and Django/AWX keep them: `SECRET_KEY`,
 * `db_password.txt`, `jwt_secret`, `api.token`, `agent.psk`, a MongoDB replica set's `mongo-keyfile` (not `*.key`: a private
 * key file is read as one).
 * Only which files are read: what the content is, the detector judges by the name as for any file
 * (exposures.ts secretFileContent).
 */
/** Whether a file's name says it holds one secret (SECRET_FILE): `password.txt`, `api.token`, `jwt.hex`. */
export function isSecretFileName(name: string): boolean {
  return SECRET_FILE.test(name);
}

/** The secret a file of a directory of secrets is named for: its name without `.txt`, `.hex` or `.secret`. */
export function secretsDirectorySecretName(file: string): string {
  return basename(file).replace(/\.(?:txt|hex|secret)$/i, '');
}

const SECRET_FILE =
  /^(?:[\w-]{0,40}[._-])?(?:secret|secret[_-]key|password|passwd|token|api[_-]?key|master[_-]?key|jwt[_-]?secret|encryption[_-]?key|storage[_-]?key|session[_-]?secret|keyfile)(?:\.txt)?$|^[\w.-]{1,60}\.(?:secret|token|psk|password|passwd)$|^jwt(?:[_-]?secret)?\.hex$|^[\w.-]{1,60}\.ecf\.custom_passwd$/i;
// Terraform's variables and modules, HCL configurations (Vault, Nomad, Consul): provider
// credentials and passwords are written in them as `name = "value"`
// Jupyter notebooks: a cell's source keeps the key it was run with (`OpenAI(api_key="sk-…")`)
// MySQL/MariaDB option files (`backup.cnf`): a client's `password=`
// KeePass key files (`.keyx`): the second factor of a password database, committed beside it
const CREDENTIAL_EXTENSIONS = ['sh', 'bash', 'pem', 'key', 'p8', 'tf', 'tfvars', 'tfstate', 'hcl', 'ipynb', 'cnf', 'keyx'];
/**
 * A crontab, by its name or its directory (`crontab`, `backup.cron`, `cron.d/backup`, `crontabs/root`): a cron job's
 * commands (`0 7 * * * curl -u user:pass …`), installed with `crontab FILE`. Kept, it is read; read, its commands are
 * read after their schedules (detect/exposures.ts).
 */
export const CRONTAB_FILE = /(?:^|\/)(?:crontab|[\w.-]+\.(?:cron|crontab))$|(?:^|\/)(?:cron\.d|crontabs)\/[\w.-]+$/i;
// (and Terraform's previous state, `terraform.tfstate.backup`, which holds what the state did)
const CREDENTIAL_FILE = new RegExp(`^[\\w.-]+\\.(?:${CREDENTIAL_EXTENSIONS.join('|')}|tfstate\\.backup)$`, 'i');
/** .NET's application configuration: `web.config`, `Web.Release.config`, `app.config`, `Orders.exe.config` (connection strings, machine keys). */
const DOTNET_CONFIG = /^(?:web|app|[\w.-]{1,60}\.(?:exe|dll))(?:\.[\w-]{1,30})?\.config$/i;
/**
 * Formats that hold nothing but settings or records, whatever the file is named (`bridge.cfg`, `zanata.ini`,
 * `odbc.ini`, a directory server's seed `users.ldif`, a BitBake recipe's `KEY ?= "…"`, a WildFly management
 * script's `keystore-password="…"` in `configure.cli`, an SQL seed's `CREATE LOGIN … WITH PASSWORD = N'…'`): a program's
 * configuration or its records.
 */
const SETTINGS_FORMATS = [
  'cfg',
  'conf',
  'ini',
  'properties',
  'toml',
  'ldif',
  'bb',
  'bbappend',
  'cli',
  'sql',
  'yml',
  'yaml',
  'json',
  'xml',
  'csv',
  'tsv',
  'service',
  // JSON5 (node-config's `config/development.json5`) and Java properties as `.props` (the Open Bank Project's; its
  // `default.props` itself is left out by its name, as every `default.*` is)
  'json5',
  'props',
  // EDN (a Clojure or Aidbox zen configuration: `zrc/main.edn`)
  'edn',
  // a program's settings named `.config` (vdirsyncer's `[storage …]` sections with their passwords, NuGet's feeds)
  'config',
  // GeneWeb's per-base settings (`bases/harlow.gwf`: `wizard_passwd=…`, `friend_passwd=…`)
  'gwf',
  // Salt's pillar and state files (YAML, often with Jinja: `secrets.sls`'s `import_pass: …`)
  'sls',
];
const SETTINGS_FORMAT = extensionPattern(SETTINGS_FORMATS);
/**
 * A program's run-control file, settings by convention whatever the program (`kamctlrc`'s database passwords,
 * RANCID's `.cloginrc`, a Zulip bot's `deploy-bot.zuliprc`): a name ending in `rc`.
 */
const RC_FILE = /^\.?[a-z][a-z0-9_.-]{1,40}rc$/i;
/**
 * A private key file by its name: `id_ed25519`, `deploy_rsa`, `deploy_key`, ssh-keygen's `-f id_deploy`, a Hyperledger Fabric MSP's
 * `keystore/priv_sk` (or `<ski>_sk`).
 */
export const KEY_FILE =
  /^(?:[\w.-]+_(?:rsa|dsa|ecdsa|ed25519)|(?:[\w.-]{0,40}[_-])?(?:deploy|ssh|host|signing|private)[_-]key|id_(?![a-z0-9_-]*[_-]pub$)[a-z0-9][a-z0-9_-]{0,40}|priv_sk|[0-9a-f]{64}_sk)$/i;
/**
 * A project's operational scripts (`scripts/weekly_report.py`, `bin/import.mjs`, `ops/rotate.rb`, Security Onion's
 * `setup/automation/standalone` answer files): run by hand or by cron against the stack, with the tokens they call it with
 * written in.
 */
const SCRIPT_DIRECTORY = /^(?:scripts?|bin|tools|ops|cron|jobs|provision(?:ing)?|maintenance|deploy|automation)$/i;
/** A script's name without extension (`bin/deploy`, `scripts/rotate-keys`), read when its first line runs a shell. */
const EXTENSIONLESS_SCRIPT = /^[A-Za-z][\w-]{0,40}$/;
/**
 * A container's start script without extension wherever it is kept (cookiecutter-django's
 * `compose/production/django/entrypoint` and `start`, a `docker-entrypoint`): read when its first line runs a shell.
 */
const ENTRYPOINT_SCRIPT = /^(?:docker-)?entrypoint$|^start(?:-[\w-]{1,30})?$/;
/** A shell script's first line (`#!/bin/sh`, `#!/usr/bin/env bash`): also how detect/exposures.ts reads a config as a script. */
/** A private key's PEM block as a file's first line (`-----BEGIN OPENSSH PRIVATE KEY-----`). */
const PRIVATE_KEY_FIRST_LINE = /^\s*-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY-----/;
export const SHELL_SHEBANG = /^#![ \t]*\/(?:usr\/)?bin\/(?:env[ \t]+)?(?:ba|z|da|k|a)?sh\b/;
const SCRIPT_EXTENSIONS = ['py', 'js', 'mjs', 'cjs', 'ts', 'rb', 'php', 'pl', 'ps1', 'sh', 'bash'];
const SCRIPT_EXTENSION = extensionPattern(SCRIPT_EXTENSIONS);
const CONFIG_DIRECTORY_FORMATS = [
  'yml',
  'yaml',
  'json',
  'toml',
  'ini',
  'conf',
  'cfg',
  'properties',
  'py',
  'php',
  // PHP's includes (Tuleap's `conf/database.inc`), nginx's snippets
  'inc',
  'rb',
  'exs',
  'js',
  'ts',
  'xml',
  'env',
  'key',
  'edn',
  'json5',
];
const CONFIG_EXTENSION = extensionPattern(CONFIG_DIRECTORY_FORMATS);
const STAGE_ENV = /^(?:\.env\.[\w-]{1,30}|[\w-]{1,30}\.env)$/i;
/**
 * Every other text file of the project, read only for credentials that say what they are by their
 * format (a pipeline's `etl.py` with an `SG.…` key, a CI workflow's `docker login -p dckr_pat_…`, a
 * Jenkinsfile's `squ_…` token, a private key block): read by names, source code would be mistaken
 * for settings. Sources, templates, CI definitions, docs beside the compose file; at most
 * MAX_TOKEN_FILES of them.
 */
/** The languages services are written in: their sources are read for tokens and generated constants (detect/exposures.ts). */
const SOURCE_CODE_EXTENSIONS = [
  ...['py', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'rb', 'php', 'pl', 'pm', 'go', 'java', 'kt', 'kts', 'scala', 'sbt', 'groovy', 'cs', 'rs'],
  // (and Rake's tasks, `lib/tasks/sync.rake`: Ruby)
  ...['rake', 'ex', 'exs', 'lua', 'swift', 'dart', 'zig', 'cr', 'nim', 'jl', 'clj', 'pas', 'lisp', 'cl', 'scm', 'rkt'],
  // C and C++ (firmware, an Arduino sketch's `.ino`), Tasmota's Berry scripts (`autoexec.be`)
  ...['c', 'cc', 'cpp', 'h', 'hpp', 'ino', 'be'],
];
export const SOURCE_CODE_FILE = extensionPattern(SOURCE_CODE_EXTENSIONS);
const TOKEN_EXTENSIONS = [
  ...SCRIPT_EXTENSIONS,
  ...CONFIG_DIRECTORY_FORMATS,
  ...SOURCE_CODE_EXTENSIONS,
  // (ecFlow's suite definitions, `.def`: `edit NAME 'value'` lines set the jobs' variables)
  ...['gradle', 'sql', 'md', 'txt', 'j2', 'tpl', 'vue', 'ipynb', 'def'],
];
const TOKEN_EXTENSION = extensionPattern(TOKEN_EXTENSIONS);
const TOKEN_NAME = /^(?:jenkinsfile|procfile|\.gitlab-ci\.yml|\.drone\.yml|\.travis\.yml|\.woodpecker\.yml|\.env\.[\w.-]+)$/i;
/** A Dockerfile by its name (`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, `Containerfile`): read for tokens, and its `ARG`/`ENV` defaults (detect/exposures.ts). */
export const DOCKERFILE_NAME = /^(?:(?:dockerfile|containerfile)(?:\.[\w-]+)?|[\w-]+\.dockerfile)$/i;
/** The hidden directories of CI definitions, walked for token-only files. */
const CI_DIRECTORY = /^\.(?:github|gitlab|circleci|woodpecker|buildkite|forgejo|gitea|drone)$/i;
const MAX_TOKEN_FILES = 160;
/** A project's documentation: `docs/`, `doc/`; and its documents, read there (Markdown and text). */
const DOCS_DIRECTORY = /^(?:docs|doc|documentation)$/i;
export const DOCUMENT_FILE = /\.(?:md|markdown|txt)$/i;

/** Words of a name that show what to write: an example's or a template's. */
const TEMPLATE_WORDS = ['example', 'examples', 'sample', 'samples', 'template', 'templates', 'tpl', 'tmpl', 'dist', 'default', 'defaults', 'schema'];
/** …and a test's, whose values are fixtures. */
const TEST_WORDS = ['spec', 'test', 'tests', 'mock', 'fake', 'stub'];
const nameWord = (words: readonly string[]) => new RegExp(`(?:^|[._-])(?:${words.join('|')})(?:[._-]|$)`, 'i');
/** Files that show what to write, not what is used. */
const EXAMPLE = nameWord([...TEMPLATE_WORDS, ...TEST_WORDS]);
/** An example's, a template's or a test's name, for a secret's file: `default` there says what it holds, not a sample. */
const SECRET_FILE_EXAMPLE = nameWord([...TEMPLATE_WORDS.filter((w) => w !== 'default' && w !== 'defaults'), ...TEST_WORDS]);
/** An example's or a template's name, not a test's (a script named for what it checks is read). */
const TEMPLATE_NAME = nameWord(TEMPLATE_WORDS);

/** A plain file in a directory of secrets (SECRETS_DIRECTORY), not an example of one (`db_password.txt.example`). */
function isSecretsDirectoryFile(name: string, directory: DirectoryKind): boolean {
  return directory === 'secrets' && SECRETS_DIRECTORY_FILE.test(name) && !EXAMPLE.test(name) && !/^(?:readme|license|\.gitkeep|\.keep)(?:\.txt)?$/i.test(name);
}

/** Whether a file's path puts it, a plain file, right in a directory of secrets (`passwords/keystore-0.txt`). */
export function isSecretsDirectoryPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 && isSecretsDirectoryFile(parts[parts.length - 1], directoryKind(parts[parts.length - 2]));
}

/**
 * The project's configuration files that are not among `known` (its compose and env files, the
 * files its services mount), each read like a mounted file and mounted by no service.
 */
export function findProjectFiles(host: FileHost, projectDirectory: string, known: ReadonlySet<string>, display: (abs: string) => string): MountedFile[] {
  if (!host.list) return [];
  const candidates: string[] = [];
  const tokenFiles: string[] = [];
  const shellScripts = new Set<string>();
  const secretFiles = new Set<string>();
  let entries = 0;
  const walk = (dir: string, depth: number, directory: DirectoryKind): void => {
    const listing = directoryEntries(host, dir);
    if (!listing) return;
    const list = [...listing];
    // a subdirectory's own `.env` (`contracts/.env` of a Hardhat project, `backend/.env`) is its
    // application's, read by no compose file: unless a compose file beside it makes it that project's
    const ownDotenv = depth > 1 && !list.some((e) => e.kind === 'file' && COMPOSE_FILE_NAME.test(e.name));
    for (const entry of list) {
      if (++entries > MAX_ENTRIES) return;
      const { name, path, kind } = entry;
      if (kind === 'directory') {
        // a source root, or a configuration directory's subdirectory, is walked without counting as a level
        const level = SOURCE_ROOT.test(name) || directory === 'config' ? depth : depth + 1;
        // a configuration directory's subdirectories are configuration too (Ansible's `group_vars/all/vars.yml`)
        if (level > MAX_DEPTH || SKIPPED.has(name.toLowerCase()) || (name.startsWith('.') && !CREDENTIAL_DIRECTORY.test(name) && !CI_DIRECTORY.test(name)))
          continue;
        const inner = directory === 'config' || directory === 'tokens' || directory === 'docs' || directory === 'migrations' ? directory : directoryKind(name);
        // documentation after everything else: a site's hundreds of pages must not use up the entries the walk has
        if (inner === 'docs' && directory !== 'docs') documentation.push({ path, level });
        else walk(path, level, inner);
      } else if (kind !== 'file' || known.has(path)) continue;
      // a CI definition's settings are its own secret references (`${{ secrets.X }}`, `$CI_JOB_TOKEN`): set T1 counted
      // four false alarms to one exposure when they were read by names; read for self-identifying tokens only
      else if (directory === 'migrations') {
        if (candidates.length < MAX_FILES && SQL_FILE.test(name) && !EXAMPLE.test(name)) candidates.push(path);
      } else if (directory === 'docs') {
        if (tokenFiles.length < MAX_TOKEN_FILES && DOCUMENT_FILE.test(name)) tokenFiles.push(path);
      } else if (directory !== 'tokens' && (isConfigName(name, directory) || CRONTAB_FILE.test(path) || (name === '.env' && ownDotenv))) {
        if (candidates.length < MAX_FILES) candidates.push(path);
        if (isSecretsDirectoryFile(name, directory)) secretFiles.add(path);
      } else if ((directory === 'scripts' && EXTENSIONLESS_SCRIPT.test(name)) || ENTRYPOINT_SCRIPT.test(name)) {
        // a script without extension (`bin/deploy`): kept if it is a shell script, which its first line says
        if (candidates.length < MAX_FILES) candidates.push(path);
        shellScripts.add(path);
      } else if (tokenFiles.length < MAX_TOKEN_FILES && isTokenFileName(name, directory)) tokenFiles.push(path);
    }
  };
  const documentation: { path: string; level: number }[] = [];
  walk(projectDirectory, 1, 'other');
  for (const { path, level } of documentation) walk(path, level, 'docs');
  const out: MountedFile[] = [];
  const read = tokenFilesRead(host);
  for (const path of tokenFiles) {
    const known = read?.get(path);
    if (known !== undefined) {
      if (known) out.push(known);
      continue;
    }
    const file = readKeptFile(host, projectDirectory, path, display, true);
    read?.set(path, file ?? null);
    if (file) out.push(file);
  }
  for (const path of candidates) {
    // read once a run too: a settings file by its format (a YAML or JSON file beside fifty compose files) is parsed once
    const key = `settings:${path}`;
    const known = read?.get(key);
    if (known !== undefined) {
      if (known) out.push(known);
      continue;
    }
    const read1 = readKeptFile(host, projectDirectory, path, display, false, shellScripts.has(path));
    // a file of a directory of secrets is a secret's file, named for the secret it holds
    const file = read1 && secretFiles.has(path) ? { ...read1, secret: secretsDirectorySecretName(path) } : read1;
    read?.set(key, file ?? null);
    if (file) out.push(file);
  }
  return out;
}

/**
 * A file the project keeps, read: a configuration file with its YAML/JSON documents, or a token-only
 * file (its text alone); undefined for a link out of the project, a file too big or not text, and a
 * compose file the project does not use (linted as one of its own, not read as configuration).
 */
function readKeptFile(
  host: FileHost,
  projectDirectory: string,
  path: string,
  display: (abs: string) => string,
  tokensOnly: boolean,
  shellOnly = false,
): MountedFile | undefined {
  // a link that leads out of the project is the host's
  const real = host.realpath?.(path) ?? path;
  if (real !== path && !isInside(real, host.realpath?.(projectDirectory) ?? projectDirectory)) return undefined;
  const text = readConfigText(host, path, MAX_BYTES);
  if (text === undefined || /^services:[ \t]*$/m.test(text)) return undefined;
  // a file without extension in a scripts directory is a shell script by its first line, or a private key kept there (`deploy/deploy_key`)
  const privateKey = shellOnly && PRIVATE_KEY_FIRST_LINE.test(text);
  if (shellOnly && !SHELL_SHEBANG.test(text) && !privateKey) return undefined;
  const file = display(path);
  const kept: MountedFile = { file, abs: path, node: wholeFileScalar(file, text), path: ['files', file], services: [], kept: true };
  if (privateKey) return { ...kept, tokensOnly: true };
  // a package manifest's `scripts` are command lines (`psql postgres://app:…@db/app`, `sentry-cli --auth-token …`), a CI
  // definition's `variables:`/`env:` set what its jobs run with: their trees are kept for them
  if (tokensOnly)
    return PACKAGE_MANIFEST.test(file) || CI_DEFINITION.test(file)
      ? { ...kept, tokensOnly: true, roots: structuredRoots(file, text) }
      : { ...kept, tokensOnly: true };
  const roots = structuredRoots(file, text);
  return roots?.some(isOwnBaseline) ? undefined : { ...kept, roots };
}

/**
 * A baseline this tool wrote, under whatever name it was given (`--output ci/secrets-baseline.json`): its salt keys
 * the tags of the findings it accepts and is no secret of the project. Known by what it says it is (`tool`) and holds.
 */
function isOwnBaseline(root: TreeMap): boolean {
  const tool = get(root, 'tool');
  return tool?.kind === 'scalar' && tool.value === 'compose-secrets' && get(root, 'salt')?.kind === 'scalar' && get(root, 'findings')?.kind === 'seq';
}

/**
 * The kept files a run has read (token-only by path, settings by `settings:` and path), by the host that keeps the
 * run's listings (runHost): a directory of fifty compose files is fifty projects walking the same files, each given
 * the same file as read once (the corpus: 60,000 reads of some 1,300 files otherwise). A host that is not a run's
 * reads every time.
 */
const TOKEN_FILES_READ = new WeakMap<FileHost, Map<string, MountedFile | null>>();
function tokenFilesRead(host: FileHost): Map<string, MountedFile | null> | undefined {
  if (!host.entries) return undefined;
  let read = TOKEN_FILES_READ.get(host);
  if (!read) TOKEN_FILES_READ.set(host, (read = new Map()));
  return read;
}

/** A directory's entries in name order: kept for the run by the host (runHost), or listed here, each stat'ed when read. */
function directoryEntries(host: FileHost, dir: string): Iterable<DirEntry> | undefined {
  if (host.entries) return host.entries(dir);
  const names = host.list!(dir);
  return names && statEach(host, dir, [...names].sort());
}

function* statEach(host: FileHost, dir: string, names: string[]): Generator<DirEntry> {
  for (const name of names) {
    const path = join(dir, name);
    yield { name, path, kind: host.stat(path)?.kind };
  }
}

/**
 * What a name that any of the patterns above accepts ends with (after its last dot, or the whole
 * name): a cheap first test, as most of a project's files (`README.md`, `Dockerfile`, a lock
 * file) are none of them, and compiling those patterns is a good part of a cold start's work.
 */
const CANDIDATE_ENDING = new Set([
  ...CONFIG_FORMATS,
  ...SETTINGS_FORMATS,
  ...CONFIG_DIRECTORY_FORMATS,
  ...SCRIPT_EXTENSIONS,
  ...CREDENTIAL_EXTENSIONS,
  'env',
  ...[...CREDENTIAL_NAMES].map((n) => n.slice(n.lastIndexOf('.') + 1)),
]);

function isCandidateName(name: string): boolean {
  const ending = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return (
    CANDIDATE_ENDING.has(ending) ||
    /^\.env\.|\.tfstate\.backup$/i.test(name) ||
    KEY_FILE.test(name) ||
    SECRET_FILE.test(name) ||
    DOTNET_CONFIG.test(name) ||
    RC_FILE.test(name)
  );
}

/**
 * A text file read for self-identifying credentials only (TOKEN_EXTENSIONS): not an example, a lock or a compose file; nor
 * a test's, but in a CI directory, where `tests.yml` is the workflow that runs them (its `env:` is what the CI runs with).
 */
function isTokenFileName(name: string, directory: DirectoryKind): boolean {
  if (
    !(TOKEN_EXTENSION.test(name) || TOKEN_NAME.test(name) || DOCKERFILE_NAME.test(name)) ||
    COMPOSE_FILE_NAME.test(name) ||
    /(?:^|[._-])lock(?:[._-]|$)|\.min\./i.test(name)
  )
    return false;
  return !(directory === 'tokens' ? TEMPLATE_NAME : EXAMPLE).test(name.replace(/^\.env\./, '')) && !FIREBASE_CLIENT_FILE.test(name);
}

/** This tool's own settings and baseline (whose salt keys the tags of the values it accepts): not the project's. */
// written here, not imported: settings.ts and lint/ are later layers than preprocess/ (test/architecture)
const OWN_FILES: ReadonlySet<string> = new Set(['.compose-secrets.json', '.compose-secrets.yaml', '.compose-secrets.yml', '.compose-secrets-baseline.json']);
/**
 * YAML and JSON files that are not settings, whatever their format: package manifests (`package.json`'s
 * dependencies), a CI definition at the top (`.woodpecker.yml`'s `from_secret:` references), a mobile app's
 * Firebase client file: read for self-identifying tokens only.
 */
const NOT_SETTINGS =
  /^(?:package|composer|bower|tsconfig(?:\.[\w-]+)?|jsconfig|deno|manifest|renovate|\.eslintrc|\.prettierrc|\.babelrc|google-services|\.gitlab-ci|\.drone|\.travis|\.woodpecker|\.pre-commit-config|\.golangci|mkdocs|pubspec|openapi|swagger|chart|catalog-info)\.(?:json|ya?ml)$/i;

/** npm's package manifest, whose `scripts` are shell command lines (read by detect/exposures.ts). */
export const PACKAGE_MANIFEST = /(?:^|\/)package\.json$/;
/** GitLab's, GitHub Actions', Drone's and Woodpecker's CI definitions, with their variables (read by detect/exposures.ts). */
export const CI_DEFINITION = /(?:^|\/)(?:\.gitlab-ci\.ya?ml|\.github\/workflows\/[^/]+\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/[^/]+\.ya?ml)$/;

/** Firebase's client configuration of a mobile app: project and app ids and the API key the app ships with, public by design. */
const FIREBASE_CLIENT_FILE = /^google-services\.json$/i;

/**
 * What a directory's files are: configuration, scripts, a tool's credentials, files read for tokens only (a CI
 * definition's), documentation (its documents read for tokens, notes and commands only: its code and settings files
 * show what to write as often as what is used), or other files.
 */
type DirectoryKind = 'config' | 'scripts' | 'credentials' | 'secrets' | 'tokens' | 'docs' | 'migrations' | 'other';

/**
 * A database's migrations: its SQL files seed the records the application starts with (`INSERT INTO api_client (name,
 * api_key) VALUES (…)`, `CREATE USER … PASSWORD '…'`), read; its code (Django's, Rails', Alembic's) is the schema's history.
 */
const MIGRATIONS_DIRECTORY = /^migrations$/i;
const SQL_FILE = /\.sql$/i;

/**
 * A directory of secrets' files (`secrets/`, `passwords/` beside a validator's keystores): each plain file in it holds
 * one secret whatever its name (`passwords/keystore-m_12381_3600_0_0_0.txt`), as a Compose secret's file does.
 */
const SECRETS_DIRECTORY = /^(?:secrets|passwords|credentials|tokens)$/i;
/** A secret's file in such a directory: text without extension, or `.txt`, `.hex`, `.secret`. */
const SECRETS_DIRECTORY_FILE = /^[\w-][\w.-]{0,100}?(?:\.(?:txt|hex|secret))?$/i;

function directoryKind(name: string): DirectoryKind {
  if (CREDENTIAL_DIRECTORY.test(name)) return 'credentials';
  if (SECRETS_DIRECTORY.test(name)) return 'secrets';
  if (CI_DIRECTORY.test(name)) return 'tokens';
  if (DOCS_DIRECTORY.test(name)) return 'docs';
  if (MIGRATIONS_DIRECTORY.test(name)) return 'migrations';
  return CONFIG_DIRECTORY.test(name) ? 'config' : SCRIPT_DIRECTORY.test(name) ? 'scripts' : 'other';
}

/** node-config's base file in its `config/` directory (`default.json`, `default.yaml`, `default.json5`, `default.toml`, `default.js`). */
const NODE_CONFIG_DEFAULT = /^default\.(?:json5?|ya?ml|toml|c?js|hjson)$/i;

function isConfigName(name: string, directory: DirectoryKind): boolean {
  if (directory === 'credentials' && CREDENTIAL_DIRECTORY_FILE.test(name)) return true;
  if (isSecretsDirectoryFile(name, directory)) return true;
  if (!isCandidateName(name) || NOT_SETTINGS.test(name) || OWN_FILES.has(name)) return false;
  // node-config's `config/default.json` is the configuration every environment starts from, not a sample
  if (directory === 'config' && NODE_CONFIG_DEFAULT.test(name)) return true;
  // an operational script named for what it checks (`scripts/restore-test.sh`, `smoke-test.sh`) runs against the stack
  // with its real credentials: only an example's or a template's name leaves a script out
  // (a secret's file named for a default is the default it holds: the AIL framework's `DEFAULT_PASSWORD`)
  // (ESP-IDF's `sdkconfig.defaults` is what the firmware is built with: `defaults` there names no sample)
  const example = directory === 'scripts' ? TEMPLATE_NAME : SECRET_FILE.test(name) || /^sdkconfig\.defaults$/i.test(name) ? SECRET_FILE_EXAMPLE : EXAMPLE;
  if (COMPOSE_FILE_NAME.test(name) || example.test(name.replace(/^\.env\./, ''))) return false;
  if (name === '.env') return false;
  return (
    CONFIG_NAME.test(name) ||
    STAGE_ENV.test(name) ||
    CREDENTIAL_NAMES.has(name.toLowerCase()) ||
    CREDENTIAL_FILE.test(name) ||
    KEY_FILE.test(name) ||
    SECRET_FILE.test(name) ||
    DOTNET_CONFIG.test(name) ||
    SETTINGS_FORMAT.test(name) ||
    RC_FILE.test(name) ||
    ((directory === 'config' || directory === 'credentials') && CONFIG_EXTENSION.test(name)) ||
    (directory === 'scripts' && SCRIPT_EXTENSION.test(name))
  );
}
