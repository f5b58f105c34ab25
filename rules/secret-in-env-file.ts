import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';

/** A secret literal in an env_file or the project .env that a service receives. */
export const secretInEnvFile: Rule = {
  meta: {
    id: 'secret-in-env-file',
    severity: 'error',
    description: 'A service receives a secret written in an env file (env_file or the project .env)',
    tags: ['env-file', 'hardcoded'],
    fixable: 'sometimes-safe',
    docs: {
      what: 'Finds secret literals in the files a service takes variables from: its `env_file`s, and the project `.env` (or `--env-file`) when interpolation carries one of its values into a secret-named variable, a build argument or a URL, or the `environment:` source of a top-level secret names its variable. The finding points at the line in the env file, the place that has to change.',
      why: '`.env` files are committed more often than anyone intends, copied between machines, and read by every tool in the project directory. The value still reaches the container as an environment variable, visible to `docker inspect` and inherited by every process.',
      example:
        '# .env\nDB_PASSWORD=hunter2\n\n# compose.yaml\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}',
      instead:
        '# compose.yaml\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password   # git-ignored, mode 0600',
      cwe: ['CWE-798', 'CWE-312'],
      url: ruleDocsUrl('secret-in-env-file'),
      fix: 'Safe where the image reads `<VAR>_FILE`. A line of an `env_file` is rewritten in place to `<VAR>_FILE=/run/secrets/<name>` and its value moves to a secret file. A value from the project `.env` moves to a secret file and the compose entry that reads it is rewritten; the `.env` line itself is left in place (other tools may read it) and fix lists it as a follow-up — once nothing reads it, lint reports it as a line of a committed file (`secret-in-project-file`) until it is removed or `.env` is git-ignored. With `--target compose` a variable passed through becomes the `environment:` source of a top-level secret, and its `.env` line is still reported until the value moves to a `file:` kept out of the repository or to the deploying shell.',
    },
    messages: {
      dotenv: '{{name}} of service {{service}} gets a hardcoded {{kind}} from {{variable}} in this file',
      dotenvPlaceholder: '{{name}} of service {{service}} gets a placeholder-like hardcoded {{kind}} from {{variable}} in this file',
      envFile: 'service {{service}} receives a hardcoded {{kind}} in {{name}} from this env_file',
      envFilePlaceholder: 'service {{service}} receives a placeholder-like hardcoded {{kind}} in {{name}} from this env_file',
      secretSource:
        "secret {{name}} takes a hardcoded {{kind}} from {{variable}} in this file; a plain-Compose secret's value belongs in a file kept out of the repository (`file:`) or in the deploying shell's environment",
      secretSourcePlaceholder: 'secret {{name}} takes a placeholder-like hardcoded {{kind}} from {{variable}} in this file',
    },
  },
  // literals in an env_file, and .env values wherever interpolation carries them
  claims: (e) => e.verdict.class === 'hardcoded' && (e.context === 'env-file' || e.verdict.source === 'dotenv'),
  check(context) {
    for (const e of context.exposures) {
      const v = e.verdict;
      if (v.class !== 'hardcoded') continue;
      const base = e.context === 'env-file' ? 'envFile' : e.context === 'secret-source' ? 'secretSource' : 'dotenv';
      context.report({
        messageId: v.placeholder ? `${base}Placeholder` : base,
        data: { name: e.name ?? '', kind: v.kind, variable: v.variable ?? '', service: e.service ?? '' },
        origin: v.origin,
        path: e.path,
        service: e.service,
        value: v.value,
        exposure: e,
        detail: { context: e.context, source: v.source, variable: v.variable, placeholder: v.placeholder },
      });
    }
  },
};
