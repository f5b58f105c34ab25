import { ruleDocsUrl, SECRETS_TAG, type Rule } from '../src/engine/rule.js';
import { serviceMounts, type SecretMount } from './secret-mounts.js';

/** Two secrets mounted at one path of a container. */
export const secretTargetConflict: Rule = {
  meta: {
    id: 'secret-target-conflict',
    severity: 'error',
    description: 'Two secrets are mounted at the same target in one service',
    tags: [SECRETS_TAG],
    fixable: 'no',
    // Compose keeps one mount per target when it loads a file (the last): only the file as written shows both
    eachFile: true,
    docs: {
      what: "Finds a service (or a build) that mounts two secrets at the same path: the same `target:`, or a `target:` equal to another secret's default `/run/secrets/<name>`. Each compose file is checked as written: Compose itself keeps only the last mount of a target, and an override file replacing a mount is how overriding works.",
      why: 'Only one file can be at a path: one secret silently hides the other, and the application reads a credential meant for something else.',
      example:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_password\n        target: password\n      - source: cache_password\n        target: password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n  cache_password:\n    environment: CACHE_PASSWORD',
      instead:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_password\n        target: db_password\n      - source: cache_password\n        target: cache_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n  cache_password:\n    environment: CACHE_PASSWORD',
      cwe: ['CWE-694'],
      url: ruleDocsUrl('secret-target-conflict'),
    },
    messages: {
      conflict: 'service {{service}} mounts secret "{{name}}" at {{target}}, where it already mounts secret "{{other}}"',
      buildConflict: 'the build of service {{service}} uses secret "{{name}}" at {{target}}, where it already uses secret "{{other}}"',
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const first = new Map<string, SecretMount>();
      for (const m of serviceMounts(service)) {
        const key = `${m.build}\u0000${m.target}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, m);
          continue;
        }
        // the same secret listed twice at one target is harmless (and Compose merges it)
        if (earlier.source === m.source) continue;
        context.report({
          messageId: m.build ? 'buildConflict' : 'conflict',
          data: { service: service.name, name: m.source, target: m.target, other: earlier.source },
          origin: m.node.origin,
          path: m.build ? ['services', service.name, 'build', 'secrets'] : ['services', service.name, 'secrets'],
          service: service.name,
        });
      }
    }
  },
};
