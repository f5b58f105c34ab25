import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { declaredSecrets, isNamedByUnsetVariable, serviceMounts } from './secret-mounts.js';

/** A declared secret that no service mounts and no build uses. */
export const secretUnused: Rule = {
  meta: {
    id: 'secret-unused',
    severity: 'warning',
    description: 'A declared secret is mounted by no service and used by no build',
    // not one of the checks fix runs before and after: fix leaves a secret defined by hand as it is
    tags: ['secret-files'],
    fixable: 'no',
    docs: {
      what: 'Finds a secret defined under the top-level `secrets:` that no service mounts and no `build.secrets:` uses, in the project as a whole (all its compose files merged). A mount named by a variable the environment does not set (`source: ${WHICH}`) could be any of them: then none is reported.',
      why: 'A secret nobody reads is still provisioned, copied and kept: one more credential to protect and rotate for nothing. It is often the trace of a rename, and the service meant to read it reads something else (or the environment).',
      example:
        'services:\n  api:\n    image: example/api:7\n    secrets: [api_key]\nsecrets:\n  api_key:\n    environment: API_KEY\n  stale_token:\n    environment: STALE_TOKEN',
      instead: 'services:\n  api:\n    image: example/api:7\n    secrets: [api_key]\nsecrets:\n  api_key:\n    environment: API_KEY',
      cwe: ['CWE-1164'],
      url: ruleDocsUrl('secret-unused'),
    },
    messages: {
      unused: 'secret "{{name}}" is defined, but no service mounts it and no build uses it',
    },
  },
  check(context) {
    const mounts = context.model.services.flatMap((s) => serviceMounts(s));
    // a mount named by a variable the environment does not set (`source: ${VARIABLE}`) may be any secret: none is shown unused
    if (mounts.some(isNamedByUnsetVariable)) return;
    const used = new Set(mounts.map((m) => m.source));
    for (const secret of declaredSecrets(context.model).values()) {
      if (used.has(secret.name)) continue;
      context.report({ messageId: 'unused', data: { name: secret.name }, origin: secret.keyOrigin, path: ['secrets', secret.name] });
    }
  },
};
