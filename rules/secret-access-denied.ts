import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { grantingRole, rolesOf } from '../src/policy/policy.js';
import { serviceMounts } from './secret-mounts.js';

/** Under an access policy: a service mounting (or building with) a secret its roles do not grant. */
export const secretAccessDenied: Rule = {
  meta: {
    id: 'secret-access-denied',
    severity: 'error',
    description: 'A service mounts or builds with a secret its access-policy roles do not grant',
    tags: ['access-policy'],
    fixable: 'no',
    docs: {
      what: 'With an access policy in the settings (`"policy"`) or given with `--policy FILE`: finds each secret a service mounts, or its build uses, that none of its roles grants — the roles `policy.services` gives it and the one its `policy.roleLabel` label names. A service with no role is denied every secret (said once, at the service). Without a policy the rule does nothing.',
      why: 'Compose lets any service mount any secret of the project: nothing but review stops the web front end from mounting the database superuser password. A policy written next to the compose files states who may read what, and this rule holds every change to it.',
      example:
        '# .compose-secrets.yaml: policy: {roles: {web: [session-key]}, services: {frontend: [web]}}\nservices:\n  frontend:\n    image: example/web:3\n    secrets: [session-key, db-root-password]',
      instead:
        '# .compose-secrets.yaml: policy: {roles: {web: [session-key]}, services: {frontend: [web]}}\nservices:\n  frontend:\n    image: example/web:3\n    secrets: [session-key]',
      cwe: ['CWE-284', 'CWE-250'],
      url: ruleDocsUrl('secret-access-denied'),
    },
    messages: {
      denied: 'service {{service}} mounts secret "{{name}}", which its roles ({{role}}) do not grant',
      deniedBuild: 'the build of service {{service}} uses secret "{{name}}", which its roles ({{role}}) do not grant',
      noRole: 'service {{service}} has no role in the access policy, so it may use no secret; it uses {{variables}}',
      unknownLabelRole: 'the {{name}} label of service {{service}} names role "{{role}}", which the access policy does not define',
    },
  },
  check(context) {
    const { policy } = context;
    if (!policy) return;
    for (const service of context.model.services) {
      const mounts = serviceMounts(service);
      const { roles, unknownLabelRole } = rolesOf(policy, service);
      if (unknownLabelRole) {
        context.report({
          messageId: 'unknownLabelRole',
          data: { name: policy.roleLabel, service: service.name, role: unknownLabelRole.role },
          origin: unknownLabelRole.origin,
          path: ['services', service.name, 'labels', policy.roleLabel!],
          service: service.name,
        });
      }
      if (!mounts.length) continue;
      if (!roles.length) {
        context.report({
          messageId: 'noRole',
          data: { service: service.name, variables: [...new Set(mounts.map((m) => m.source))].join(', ') },
          origin: service.nameOrigin,
          path: ['services', service.name],
          service: service.name,
        });
        continue;
      }
      for (const m of mounts) {
        if (grantingRole(policy, roles, m.source)) continue;
        context.report({
          messageId: m.build ? 'deniedBuild' : 'denied',
          data: { service: service.name, name: m.source, role: roles.join(', ') },
          origin: m.node.origin,
          path: m.build ? ['services', service.name, 'build', 'secrets'] : ['services', service.name, 'secrets'],
          service: service.name,
        });
      }
    }
  },
};
