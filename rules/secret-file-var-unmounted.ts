import { ruleDocsUrl, SECRETS_TAG, type Rule, type RuleContext } from '../src/engine/rule.js';
import type { KeyValueEntry, ServiceModel } from '../src/model/model.js';
import { serviceMounts } from './secret-mounts.js';

/** A `<VAR>_FILE` variable pointing into /run/secrets at a file the service does not mount. */
export const secretFileVarUnmounted: Rule = {
  meta: {
    id: 'secret-file-var-unmounted',
    severity: 'error',
    description: 'A <VAR>_FILE variable points at a /run/secrets file the service does not mount',
    tags: [SECRETS_TAG],
    fixable: 'no',
    docs: {
      what: 'Finds a variable named `<VAR>_FILE` whose value is a path under `/run/secrets/` at which the service mounts no secret — wherever the variable comes from: `environment:`, an `env_file:`, or a `${VAR}` (or bare `- VAR`) the project `.env` fills in.',
      why: 'The image is told to read its password from a file that is not there, and fails at start-up — often after someone "fixes" it by putting the password back into the environment. An env file shared by several compose files (a test file beside the main one) makes it easy for one of them to forget the mount.',
      example:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD',
      instead:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('secret-file-var-unmounted'),
    },
    messages: {
      environment: '{{name}} points at {{file}}, but service {{service}} does not mount a secret there',
      envFile: '{{name}} (from an env_file) points at {{file}}, but service {{service}} does not mount a secret there',
      interpolated: '{{name}} points at {{file}} (through ${{{variable}}} from the project environment), but service {{service}} does not mount a secret there',
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const targets = new Set(
        serviceMounts(service)
          .filter((m) => !m.build)
          .map((m) => m.target),
      );
      const fromEnvironment = new Set(service.environment.map((e) => e.key));
      for (const e of service.environment) checkEntry(context, service, e, targets, false);
      // environment: overrides env_file
      for (const e of service.envFile) if (!fromEnvironment.has(e.key)) checkEntry(context, service, e, targets, true);
    }
  },
};

function checkEntry(context: RuleContext, service: ServiceModel, e: KeyValueEntry, targets: Set<string>, envFile: boolean): void {
  if (!/_FILE$/.test(e.key)) return;
  const text = e.value ? String(e.value.value) : e.passthrough?.value;
  if (text === undefined || !text.startsWith('/run/secrets/') || targets.has(text)) return;
  // the variable the project environment (.env) filled it in through, if any
  const variable = e.value ? e.value.interpolation?.vars.find((v) => v.resolution === 'set')?.name : e.key;
  const messageId = envFile ? 'envFile' : variable ? 'interpolated' : 'environment';
  context.report({
    messageId,
    data: { name: e.key, file: text, service: service.name, variable: variable ?? '' },
    origin: e.value?.origin ?? e.keyOrigin,
    path: e.path,
    service: service.name,
  });
}
