import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';

/** A secret written in a repository file that a service mounts (a bind-mounted file, a config's `file:`). */
export const secretInMountedFile: Rule = {
  meta: {
    id: 'secret-in-mounted-file',
    severity: 'error',
    description: 'A service mounts a file of the repository that holds a secret (a bind mount or a config file)',
    tags: ['hardcoded', 'mounted-file'],
    fixable: 'no',
    docs: {
      what: "Reads the files of the repository that containers read besides env files: a service's bind-mounted files (`./config/app.ini:/etc/app/app.ini`, or `type: bind` with `source:`) and the `file:` of the configs it uses, and finds secrets in them as in an inline `configs` content: known token formats, private keys, URL credentials, and assignments in the usual config syntaxes (`password=…`, `\"api_key\": \"…\"`, `secret: …`, `define('DB_PASSWORD', '…')`).  A YAML or JSON file's settings are also named by their key paths (`api: {key: …}` is `api.key`); a value the application renders (`{{ secret(…) }}`) is a reference. Only relative paths under the project or working directory, regular text files up to 256 KiB, not ignored by git; a mounted directory is read when it is small enough to be configuration (at most 32 files, 5 levels) and holds no compose file, leaving out the examples shipped in it (`example.yml`, `app.sample.ini`); a mounted directory that holds the compose file is the project's source, and only its `.env` is read, whole: the application finds it there (Laravel Sail's `.:/var/www/html`). A `secrets:` `file:` is the right place for a secret when git ignores it: its content is reported when git tracks the file or does not ignore it, as `secret-file-tracked` reports the `file:` line. Outside a git repository (a copy of one, an unpacked archive) the project's `.gitignore` files are read as git would read them: a secret's file they ignore is the deployment's own, one they do not is reported as a warning (it is one `git init && git add .` from being committed). The same `.gitignore` files decide, outside a repository, which mounted and project files are the deployment's own. `lint` reads a mounted file when it lints the compose file that mounts it: a pre-commit hook that passes only changed compose files does not see a change to the mounted file alone.",
      why: 'A configuration file committed next to the compose file is in every clone, fork and backup of the repository, and in its history for ever. Moving the environment variables of a service into secrets protects nothing while the same password sits in the `app.ini` it mounts.',
      example:
        '# compose.yaml\nservices:\n  app:\n    image: gitea/gitea:1.22\n    volumes:\n      - ./gitea/app.ini:/data/gitea/conf/app.ini:ro\n\n# gitea/app.ini\n[database]\nPASSWD = Hunter-Otter-42',
      instead:
        '# gitea/app.ini leaves the password out; the service reads it from a secret\n[database]\nPASSWD =\n\n# compose.yaml\nservices:\n  app:\n    image: gitea/gitea:1.22\n    environment:\n      GITEA__database__PASSWD__FILE: /run/secrets/gitea_db_password\n    secrets: [gitea_db_password]\n    volumes:\n      - ./gitea/app.ini:/data/gitea/conf/app.ini:ro\nsecrets:\n  gitea_db_password:\n    file: ./secrets/gitea_db_password   # git-ignored',
      cwe: ['CWE-798', 'CWE-312'],
      url: ruleDocsUrl('secret-in-mounted-file'),
      fix: 'Not rewritten automatically: how a program reads a secret instead of a line of its own config file differs from program to program (a `*_FILE` variable, an include, a template rendered at start-up).',
    },
    messages: {
      mounted: '{{name}} holds a hardcoded {{kind}} in a file mounted by {{services}}',
      mountedPlaceholder: '{{name}} holds a placeholder-like hardcoded {{kind}} in a file mounted by {{services}}',
      secretFileTracked: 'the file of secret "{{name}}" holds a hardcoded {{kind}} and is tracked by git',
      secretFileNotIgnored: 'the file of secret "{{name}}" holds a hardcoded {{kind}} and is not ignored by git',
      secretFileUnversioned:
        'the file of secret "{{name}}" holds a hardcoded {{kind}} and no .gitignore of the project ignores it (not a git repository yet: `git add .` would commit it)',
    },
  },
  claims: (e) => e.context === 'mounted-file' && e.verdict.class === 'hardcoded',
  check(context) {
    // a file git ignores is the deployment's own, not the repository's (`config/local.json`)
    const mounted = new Map((context.model.mountedFiles ?? []).map((m) => [m.file, m]));
    const abs = new Map([...mounted].map(([file, m]) => [file, m.abs]));
    const files = [...new Set(context.exposures.map((e) => abs.get(e.verdict.origin.file)).filter((p) => p !== undefined))];
    const statuses = files.length ? context.git.statuses(files, context.projectDirectory) : new Map();
    for (const e of context.exposures) {
      const v = e.verdict;
      const status = statuses.get(abs.get(v.origin.file) ?? '');
      if (v.class !== 'hardcoded' || status === 'ignored') continue;
      const secret = mounted.get(v.origin.file)?.secret;
      // a secret's file is where a secret belongs, unless it is (or is about to be) committed
      if (secret !== undefined && !Object.hasOwn(SECRET_FILE_MESSAGE, status ?? '')) continue;
      context.report({
        messageId: secret === undefined ? (v.placeholder ? 'mountedPlaceholder' : 'mounted') : SECRET_FILE_MESSAGE[status as SecretFileStatus],
        // outside a repository nothing is committed yet: a warning, where git's own word is an error
        ...(secret !== undefined && status === 'no-repository' ? { severity: 'warning' as const } : {}),
        data: {
          name: secret ?? e.name ?? '',
          kind: v.kind,
          services: mounters(mounted.get(v.origin.file)?.services ?? [e.service ?? '']),
        },
        origin: v.origin,
        path: e.path,
        service: e.service,
        value: v.value,
        exposure: e,
        detail: { context: e.context, placeholder: v.placeholder },
      });
    }
  },
};

type SecretFileStatus = 'tracked' | 'not-ignored' | 'no-repository';
const SECRET_FILE_MESSAGE: Record<SecretFileStatus, string> = {
  tracked: 'secretFileTracked',
  'not-ignored': 'secretFileNotIgnored',
  'no-repository': 'secretFileUnversioned',
};

/** "service app", "services app and worker", "services a, b and c". */
function mounters(services: string[]): string {
  if (services.length === 1) return `service ${services[0]}`;
  return `services ${services.slice(0, -1).join(', ')} and ${services[services.length - 1]}`;
}
