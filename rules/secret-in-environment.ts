import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { reportHardcoded } from './shared.js';

/** A literal secret in a service's `environment`. */
export const secretInEnvironment: Rule = {
  meta: {
    id: 'secret-in-environment',
    severity: 'error',
    description: "A literal secret is written in a service's environment",
    tags: ['environment', 'hardcoded'],
    fixable: 'sometimes-safe',
    docs: {
      what: "Finds secrets written as literal values of a service's `environment` (map or list form), including the literal default of a template such as `${DB_PASSWORD:-postgres}`.",
      why: 'A secret in the compose file is in the repository, in every clone and fork, in CI logs that print the config, and in `docker inspect` output of the running container. Anyone with read access to the file, or to the Docker API, has the credential; rotating it means rewriting history.',
      example: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2',
      instead:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password   # plain docker compose\n    # external: true                   # docker stack deploy (Swarm)',
      cwe: ['CWE-798', 'CWE-256'],
      url: ruleDocsUrl('secret-in-environment'),
      fix: 'Safe where the image is known to read `<VAR>_FILE` (the official postgres, mysql, mariadb, … images): the value moves to a secret file and the variable becomes `<VAR>_FILE: /run/secrets/<name>`. For other images the fix is unsafe (the application must learn to read the file) and needs `--unsafe-fixes`. A template default (`${DB_PASSWORD:-postgres}`) moves too, and fix warns that setting the variable no longer changes the value.',
    },
    messages: {
      literal: '{{name}} holds a hardcoded {{kind}}',
      literalPlaceholder: '{{name}} holds a hardcoded {{kind}} that looks like a placeholder; the container still runs with it',
      default: '{{name}} falls back to a hardcoded {{kind}} as the default of ${{{variable}}}',
      defaultPlaceholder:
        '{{name}} falls back to a placeholder-like hardcoded {{kind}} as the default of ${{{variable}}}; containers run with it when the variable is unset',
    },
  },
  claims: (e) => e.context === 'environment' && e.verdict.class === 'hardcoded' && e.verdict.source !== 'dotenv',
  check(context) {
    for (const e of context.exposures) if (e.verdict.class === 'hardcoded') reportHardcoded(context, e, e.verdict);
  },
};
