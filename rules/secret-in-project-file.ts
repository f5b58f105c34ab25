import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';

/** A secret in a configuration file the project keeps beside its compose files, which no service mounts. */
export const secretInProjectFile: Rule = {
  meta: {
    id: 'secret-in-project-file',
    severity: 'error',
    description: 'A configuration file kept beside the compose files (not mounted) holds a secret',
    tags: ['hardcoded', 'project-file'],
    fixable: 'no',
    docs: {
      what: "Reads the configuration files a project keeps under its directory that no service mounts and compose does not read: files named as configuration (`config.yml`, `settings.py`, `production.py`, `appsettings.Production.json`, `application-prod.properties`, `secrets.json`), files in a configuration format under a `config/`, `conf/`, `settings/` or `resources/` directory (Spring's `src/main/resources`: `src` and `main` do not count as levels), a stage's env file (`.env.production`, `prod.env`), and files that carry credentials by what they are: shell scripts (`scripts/seed.sh`; in a scripts directory also one named for what it checks, `smoke-test.sh`), the credential files of package managers and clients (`.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.pgpass`, `.my.cnf`, msmtp's `msmtprc`, and any run-control file: `kamctlrc`, `.cloginrc`, `zuliprc`), crontabs (`crontab`, `*.cron`: each line's command after its schedule), Ansible's inventories, `group_vars/`, `host_vars/` and playbooks, private keys kept as files (`id_ed25519`, `deploy.pem`), `rclone.conf`, Terraform and HCL files (`main.tf`, `prod.tfvars`, `config.hcl`), Kafka Connect's `connectors/`, any file in a format that holds only settings or records whatever its name (`.cfg`, `.conf`, `.ini`, `.properties`, `.toml`, YAML and JSON — each mapping of a top-level list a settings object —, XML (Tomcat's `context.xml` and `tomcat-users.xml`), but not a package manifest (`package.json`, `composer.json`), a CI definition (`.woodpecker.yml`) or a mobile app's `google-services.json`, an SQL seed, an LDIF seed, a BitBake recipe, a WildFly `configure.cli`), and a file named for the one secret it holds (`secrets/db_password.txt`, `SECRET_KEY`); and the project's own `.env`, for its lines no service reads (a line interpolation carries to a service is `secret-in-env-file`'s). Example and template files (`.env.example`, `config.sample.yml`), compose files, and the directories of dependencies, build output, tests and documentation are left out; the walk goes four levels down (a BitBake layer's `meta-x/recipes-y/pkg/pkg.bb`) and reads at most 48 files of at most 64 KiB. Every other text file it meets (sources, CI pipelines, a Jenkinsfile, a README; at most 160, each read once a run) is scanned for credentials whose format says what they are only (a vendor's prefix, a private key block, a webhook's token), not for settings by name: source code and a pipeline's own `${{ secrets.X }}` references would read as settings. Secrets are found as in a mounted file; a salt stored beside the hash it salts (`password_hash` and `password_salt` of one user) is not a secret; a placeholder is not reported, a product's stock default password (`changeit`, `postgres`, `guest`) is. A file git ignores is not reported.",
      why: "A file committed beside the compose file is in every clone, fork and backup of the repository whether or not a container mounts it: a build copies it into the image (`COPY . .`), a deployment script reads it, or it is what the application used before. Tutor's `config.yml`, Django's `settings/production.py` and a `.env.production` are where a project's real passwords end up.",
      example: '# config/production.py, beside compose.yaml\nEMAIL_HOST_PASSWORD = "Hunter-Otter-42"',
      instead: "# config/production.py reads it at run time\nimport os\nEMAIL_HOST_PASSWORD = open('/run/secrets/smtp_password').read().strip()",
      cwe: ['CWE-798', 'CWE-312'],
      url: ruleDocsUrl('secret-in-project-file'),
      fix: 'Not rewritten automatically: how a program reads a secret instead of a line of its own configuration differs from program to program.',
    },
    messages: {
      kept: '{{name}} holds a hardcoded {{kind}} in a file of the project that no service mounts: it is committed with the compose file',
      keptPlaceholder: '{{name}} holds a placeholder-like hardcoded {{kind}} in a file of the project that no service mounts',
    },
  },
  claims: (e) => e.context === 'project-file' && e.verdict.class === 'hardcoded',
  check(context) {
    // a file git ignores is the deployment's own (`config/local.py`), not the repository's
    const kept = new Map((context.model.mountedFiles ?? []).filter((m) => m.kept).map((m) => [m.file, m.abs]));
    const files = [...new Set(context.exposures.map((e) => kept.get(e.verdict.origin.file)).filter((p) => p !== undefined))];
    const statuses = files.length ? context.git.statuses(files, context.projectDirectory) : new Map();
    for (const e of context.exposures) {
      const v = e.verdict;
      if (v.class !== 'hardcoded' || statuses.get(kept.get(v.origin.file) ?? '') === 'ignored') continue;
      context.report({
        messageId: v.placeholder ? 'keptPlaceholder' : 'kept',
        data: { name: e.name ?? '', kind: v.kind },
        origin: v.origin,
        path: e.path,
        value: v.value,
        exposure: e,
        detail: { context: e.context, placeholder: v.placeholder },
      });
    }
  },
};
