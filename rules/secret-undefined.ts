import { ruleDocsUrl, SECRETS_TAG, type Rule } from '../src/engine/rule.js';
import { declaredSecrets, isNamedByUnsetVariable, serviceMounts } from './secret-mounts.js';

/** A service or its build uses a secret that is not declared at the top level. */
export const secretUndefined: Rule = {
  meta: {
    id: 'secret-undefined',
    severity: 'error',
    description: 'A service or build mounts a secret not declared under the top-level secrets',
    tags: [SECRETS_TAG],
    fixable: 'no',
    docs: {
      what: 'Finds a service whose `secrets:` (or whose `build.secrets:`) names a secret that is not defined under the top-level `secrets:`.',
      why: 'Compose refuses to create the service ("service refers to undefined secret"); a typo in a secret name stops the whole project from starting.',
      example: 'services:\n  db:\n    image: postgres:16\n    secrets:\n      - db_pasword\nsecrets:\n  db_password:\n    file: ./secrets/db_password',
      instead: 'services:\n  db:\n    image: postgres:16\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('secret-undefined'),
    },
    messages: {
      mount: 'service {{service}} mounts secret "{{name}}", which is not defined under the top-level secrets',
      build: 'the build of service {{service}} uses secret "{{name}}", which is not defined under the top-level secrets',
    },
  },
  check(context) {
    const declared = declaredSecrets(context.model);
    for (const service of context.model.services) {
      for (const m of serviceMounts(service)) {
        if (declared.has(m.source) || isNamedByUnsetVariable(m)) continue;
        context.report({
          messageId: m.build ? 'build' : 'mount',
          data: { service: service.name, name: m.source },
          origin: m.node.origin,
          path: m.build ? ['services', service.name, 'build', 'secrets'] : ['services', service.name, 'secrets'],
          service: service.name,
        });
      }
    }
  },
};
