import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { reportPassedThrough } from './shared.js';

interface ViaEnvironmentOptions extends Record<string, unknown> {
  /** Report a secret whose variable has an empty default (`${OPENAI_API_KEY:-}`), a setting the file declares optional (default: true). */
  optional: boolean;
}

/** A secret-bearing variable fed from interpolation or host passthrough. */
export const secretViaEnvironment: Rule<ViaEnvironmentOptions> = {
  meta: {
    id: 'secret-via-environment',
    severity: 'warning',
    description: 'A secret reaches a container through an environment variable',
    tags: ['environment', 'passthrough'],
    fixable: 'sometimes-safe',
    docs: {
      what: 'Finds secrets handed to a container as environment variables that are filled at run time: a bare `- DB_PASSWORD` (host passthrough), `DB_PASSWORD:` with no value, or `${DB_PASSWORD}` / `${DB_PASSWORD:?required}` interpolation. Also credentials that Compose interpolates into a command line or a URL. A variable with an empty default (`${OPENAI_API_KEY:-}`) is a setting the file declares optional, an integration left off unless the deployment sets it; when it is set, the secret reaches the container the same way, so it is reported too (the option `optional: false` leaves such lines out).',
      why: 'The value is not in the repository, which is good, but environment variables leak: `docker inspect` shows them to anyone with access to the Docker API, child processes inherit them, crash reporters and debug pages dump them, and they end up in logs. Compose secrets are mounted as files readable only inside the container.',
      example: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}',
      instead:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    environment: POSTGRES_PASSWORD   # plain docker compose reads it from the host once',
      cwe: ['CWE-526', 'CWE-214'],
      url: ruleDocsUrl('secret-via-environment'),
      fix: 'With `--target compose` the secret gets an `environment:` source, so nothing new has to be stored; with `--target swarm` it becomes an external secret that the provisioning script creates from the variable. Safe only where the image reads `<VAR>_FILE`. Not fixable when the value mixes text and variables (a URL around `${DB_PASSWORD}`), or in commands and other fields.',
    },
    schema: {
      type: 'object',
      properties: {
        optional: {
          type: 'boolean',
          description:
            'Report a secret whose variable has an empty default (`${OPENAI_API_KEY:-}`), a setting the file declares optional; false leaves such lines out.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { optional: true },
    messages: {
      passthrough: '{{name}} passes {{aKind}} from the host environment into the container',
      interpolated: '{{name}} passes {{aKind}} into the container through an environment variable (${{{variables}}})',
      command:
        'the command line of service {{service}} receives {{aKind}} through interpolation (${{{variables}}}); it shows in `docker inspect` and the process list',
      value: '{{name}} receives {{aKind}} through interpolation (${{{variables}}})',
    },
  },
  // a variable passed into the build is secret-in-build-args'
  claims: (e) => e.verdict.class === 'via-env' && e.context !== 'build-args',
  check(context) {
    const optional = context.options.optional !== false;
    for (const e of context.exposures) {
      const v = e.verdict;
      if (v.class !== 'via-env' || (v.optional && !optional)) continue;
      const fromEnvironment = e.context === 'environment' || e.context === 'env-file';
      const messageId = e.context === 'command' ? 'command' : !fromEnvironment ? 'value' : e.entry && !e.entry.value ? 'passthrough' : 'interpolated';
      reportPassedThrough(context, e, v, messageId);
    }
  },
};
