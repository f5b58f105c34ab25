import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { grantMatches, rolesOf } from '../src/policy/policy.js';
import { declaredSecrets, serviceMounts } from './secret-mounts.js';

/** Under an access policy: grants no service uses, roles no service holds, grants of secrets the project does not define. */
export const secretAccessUnusedGrant: Rule = {
  meta: {
    id: 'secret-access-unused-grant',
    severity: 'info',
    description: 'An access-policy grant that no service uses',
    tags: ['access-policy'],
    fixable: 'no',
    docs: {
      what: 'With an access policy: notes each grant of a role that no service holding the role uses, and each role no service holds (reported in the policy file, per project). A grant that matches no secret the project defines is a warning: usually a typo, or a secret renamed.',
      why: 'The least privilege a policy states is only as tight as its grants: a grant nobody uses is access that can start being used without any change to the policy being reviewed.',
      example:
        '# .compose-secrets.yaml: policy: {roles: {web: [session-key, db-password]}, services: {frontend: [web]}}\nservices:\n  frontend:\n    image: example/web:3\n    secrets: [session-key]',
      instead:
        '# .compose-secrets.yaml: policy: {roles: {web: [session-key]}, services: {frontend: [web]}}\nservices:\n  frontend:\n    image: example/web:3\n    secrets: [session-key]',
      cwe: ['CWE-272'],
      url: ruleDocsUrl('secret-access-unused-grant'),
    },
    messages: {
      unusedGrant: 'role "{{role}}" grants "{{name}}", which no service with that role uses',
      unusedRole: 'role "{{role}}" is held by no service of this project',
      unknownSecret: 'role "{{role}}" grants "{{name}}", which matches no secret this project defines',
    },
  },
  check(context) {
    const { policy, model } = context;
    if (!policy) return;
    const declared = [...declaredSecrets(model).keys()];
    // role → the secrets its holders use
    const used = new Map<string, string[]>();
    for (const service of model.services) {
      const sources = serviceMounts(service).map((m) => m.source);
      for (const role of rolesOf(policy, service).roles) used.set(role, [...(used.get(role) ?? []), ...sources]);
    }
    for (const role of policy.roles.values()) {
      const secrets = used.get(role.name);
      if (!secrets) context.report({ messageId: 'unusedRole', data: { role: role.name }, origin: role.origin, path: ['policy', 'roles', role.name] });
      for (const g of role.grants) {
        const base = { data: { role: role.name, name: g.pattern }, origin: g.origin, path: ['policy', 'roles', role.name] };
        if (!declared.some((s) => grantMatches(g.pattern, s))) context.report({ ...base, messageId: 'unknownSecret', severity: 'warning' });
        else if (secrets && !secrets.some((s) => grantMatches(g.pattern, s))) context.report({ ...base, messageId: 'unusedGrant' });
      }
    }
  },
};
