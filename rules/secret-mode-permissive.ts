import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { absoluteFile, modeBits, octal, readableBy, serviceMounts, writtenScalar } from './secret-mounts.js';

/** A long-form mount whose mode lets group or others read the secret. */
export const secretModePermissive: Rule = {
  meta: {
    id: 'secret-mode-permissive',
    severity: 'warning',
    description: "A secret mount's mode lets group or others read it",
    tags: ['secrets-at-rest'],
    fixable: 'no',
    docs: {
      what: 'Finds a long-form secret mount (`source:`/`target:`) whose `mode:` gives read permission to the group or to others (`0644`, `0444`, `0640`…). Modes are read as Compose reads them: `0440` is octal.',
      why: 'Inside the container every process and user that is not the owner can then read the secret: a compromised or untrusted process running as another user gets it without escalating. Give the secret to its reader only: `mode: 0400` with the `uid:` of the process that reads it.',
      example:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_creds\n        mode: 0644\nsecrets:\n  db_creds:\n    environment: DB_CREDS',
      instead:
        'services:\n  api:\n    image: example/api:7\n    secrets:\n      - source: db_creds\n        uid: "1000"\n        mode: 0400\nsecrets:\n  db_creds:\n    environment: DB_CREDS',
      cwe: ['CWE-732'],
      url: ruleDocsUrl('secret-mode-permissive'),
    },
    messages: {
      permissive: 'service {{service}} mounts secret "{{name}}" with mode {{mode}}, which lets {{other}} read it',
    },
  },
  check(context) {
    const { model, projectDirectory, host } = context;
    for (const service of model.services) {
      for (const m of serviceMounts(service)) {
        if (!m.mode) continue;
        const bits = modeBits(m.mode, writtenScalar(host, absoluteFile(model, projectDirectory, m.mode.origin.file), m.mode));
        const who = bits === undefined ? undefined : readableBy(bits);
        if (bits === undefined || !who) continue;
        context.report({
          messageId: 'permissive',
          data: { service: service.name, name: m.source, mode: octal(bits), other: who },
          origin: m.mode.origin,
          path: m.build ? ['services', service.name, 'build', 'secrets'] : ['services', service.name, 'secrets'],
          service: service.name,
        });
      }
    }
  },
};
