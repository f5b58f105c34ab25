import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { declaredSecrets } from './secret-mounts.js';

/** `app_db_password_v3`, `db_password.2`, `tls-key-v10`. */
export const VERSION_SUFFIX = /[._-]v?(\d+)$/;

/** An external secret whose name carries no version. */
export const secretUnversionedExternal: Rule = {
  meta: {
    id: 'secret-unversioned-external',
    severity: 'info',
    description: 'An external secret has no version suffix in its name, which makes rotation awkward',
    tags: ['swarm'],
    fixable: 'no',
    docs: {
      what: 'Notes an `external: true` secret whose name in the engine (its `name:`, else its key) does not end in a version such as `_v2`.',
      why: 'Swarm secrets are immutable: there is no `docker secret update`. Rotating one means creating a secret under a new name, moving every service to it (`docker service update --secret-rm old --secret-add source=new,target=…`) and removing the old one. A versioned name (`db_password_v3` → `_v4`) makes that a one-word change, and `compose-secrets rotate` does it for you; keep `target:` stable so the application reads the same path.',
      example:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_password\n        target: db_password\nsecrets:\n  db_password:\n    external: true',
      instead:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_password\n        target: db_password\nsecrets:\n  db_password:\n    external: true\n    name: app_db_password_v1',
      cwe: ['CWE-324'],
      url: ruleDocsUrl('secret-unversioned-external'),
    },
    messages: {
      unversioned:
        'external secret "{{name}}" has no version suffix (like _v1): Swarm secrets cannot be updated, so rotating it means a new name for every service',
    },
  },
  check(context) {
    for (const s of declaredSecrets(context.model).values()) {
      if (!s.external) continue;
      const name = s.externalName ? String(s.externalName.value) : s.name;
      if (VERSION_SUFFIX.test(name)) continue;
      context.report({
        messageId: 'unversioned',
        data: { name },
        origin: s.externalName?.origin ?? s.keyOrigin,
        path: ['secrets', s.name, ...(s.externalName ? ['name'] : [])],
      });
    }
  },
};
