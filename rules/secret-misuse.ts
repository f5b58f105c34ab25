import { ruleDocsUrl, SECRETS_TAG, type Rule } from '../src/engine/rule.js';
import { get, getEntry, type TreeNode } from '../src/model/tree.js';

/** Where a service's secret mount puts the file, and which top-level secret it takes. */
interface Mount {
  source: string;
  target: string;
  node: TreeNode;
}

function mounts(node: TreeNode | undefined): Mount[] {
  if (node?.kind !== 'seq') return [];
  const out: Mount[] = [];
  for (const item of node.items) {
    if (item.kind === 'scalar' && item.value !== null) {
      const source = String(item.value);
      out.push({ source, target: `/run/secrets/${source}`, node: item });
    } else if (item.kind === 'map') {
      const source = get(item, 'source');
      if (source?.kind !== 'scalar' || source.value === null) continue;
      const target = get(item, 'target');
      const t = target?.kind === 'scalar' && target.value !== null ? String(target.value) : String(source.value);
      out.push({ source: String(source.value), target: t.startsWith('/') ? t : `/run/secrets/${t}`, node: source });
    }
  }
  return out;
}

interface Options {
  /** Note every `external: true` secret (as info). Off for a project deployed to a Swarm, where they are the rule. */
  external: boolean;
}

/** Mistakes in the use of Compose `secrets:` themselves. */
export const secretMisuse: Rule<Options> = {
  meta: {
    id: 'secret-misuse',
    severity: 'warning',
    description: 'A Compose secret is used in a way that cannot work',
    tags: [SECRETS_TAG],
    fixable: 'no',
    docs: {
      what: 'Finds a service mounting a secret that is not defined under the top-level `secrets:`, and a `<VAR>_FILE: /run/secrets/<name>` variable whose file the service does not mount. Notes (as info) `external: true` secrets, which only plain Swarm can provide (unless the option `external` is false).',
      why: 'Compose refuses to start a service whose secret is undefined, and an image told to read `/run/secrets/db_password` that is not mounted fails at start-up — often after someone "fixes" it by putting the password back into the environment. `external: true` secrets exist only in a Swarm (`docker stack deploy`); plain `docker compose up` needs a `file:` or `environment:` source.',
      example:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_pasword\nsecrets:\n  db_password:\n    file: ./secrets/db_password',
      instead:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('secret-misuse'),
    },
    messages: {
      undefinedSecret: 'service {{service}} mounts secret "{{name}}", which is not defined under the top-level secrets',
      fileNotMounted: '{{name}} points at {{variable}}, but service {{service}} does not mount a secret there',
      external: 'secret "{{name}}" is external: only a Swarm (docker stack deploy) provides it; plain docker compose needs a file: or environment: source',
    },
    schema: {
      type: 'object',
      properties: {
        external: {
          type: 'boolean',
          description: 'note every `external: true` secret (as info); set it to false for a project deployed to a Swarm, where external secrets are the rule',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { external: true },
  },
  check(context) {
    const { model } = context;
    const topLevel = get(model.root, 'secrets');
    const defined = new Set(topLevel?.kind === 'map' ? topLevel.entries.map((e) => e.key) : []);
    for (const service of model.services) {
      const list = mounts(get(service.node, 'secrets'));
      for (const m of list) {
        if (!defined.has(m.source)) {
          context.report({
            messageId: 'undefinedSecret',
            data: { service: service.name, name: m.source },
            origin: m.node.origin,
            path: ['services', service.name, 'secrets'],
            service: service.name,
          });
        }
      }
      const targets = new Set(list.map((m) => m.target));
      for (const e of service.environment) {
        if (!/_FILE$/.test(e.key) || !e.value) continue;
        const path = String(e.value.value);
        if (!path.startsWith('/run/secrets/') || targets.has(path)) continue;
        context.report({
          messageId: 'fileNotMounted',
          data: { service: service.name, name: e.key, variable: path },
          origin: e.value.origin,
          path: e.path,
          service: service.name,
        });
      }
    }
    if (topLevel?.kind === 'map' && context.options.external) {
      for (const s of topLevel.entries) {
        const external = getEntry(s.value, 'external');
        if (external?.value.kind === 'scalar' && (external.value.value === true || external.value.value === 'true')) {
          context.report({ messageId: 'external', data: { name: s.key }, origin: s.keyOrigin, path: ['secrets', s.key], severity: 'info' });
        }
      }
    }
  },
};
