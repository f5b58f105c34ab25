import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import type { ComposeModel } from '../src/model/model.js';
import { get } from '../src/model/tree.js';
import { declaredSecrets } from './secret-mounts.js';

/** `deploy:` keys only a Swarm acts on. */
const SWARM_DEPLOY_KEYS = ['placement', 'endpoint_mode', 'update_config', 'rollback_config'];

/** Whether anything besides external secrets says the project is deployed to a Swarm. */
export function looksLikeSwarm(model: ComposeModel): boolean {
  for (const service of model.services) {
    const deploy = get(service.node, 'deploy');
    if (deploy?.kind !== 'map') continue;
    if (SWARM_DEPLOY_KEYS.some((k) => get(deploy, k) !== undefined)) return true;
    const mode = get(deploy, 'mode');
    if (mode?.kind === 'scalar' && mode.value === 'global') return true;
  }
  const networks = get(model.root, 'networks');
  if (networks?.kind === 'map') {
    for (const n of networks.entries) {
      const driver = get(n.value, 'driver');
      if (driver?.kind === 'scalar' && driver.value === 'overlay') return true;
    }
  }
  return false;
}

/** External secrets in a project that is otherwise plain Compose. */
export const secretExternalWithoutSwarm: Rule = {
  meta: {
    id: 'secret-external-without-swarm',
    severity: 'info',
    description: 'An external secret in a project that is otherwise plain Compose',
    tags: ['swarm'],
    fixable: 'no',
    docs: {
      what: 'Notes an `external: true` secret in a project where nothing else points at a Swarm (no `deploy.placement`, `update_config`, `rollback_config`, `endpoint_mode`, `mode: global`, no overlay network).',
      why: 'External secrets exist only in a Swarm: they are created with `docker secret create` and provided by `docker stack deploy`. Plain `docker compose up` cannot provide them and fails; for Compose, give the secret a `file:` or `environment:` source.',
      example: 'services:\n  api:\n    image: example/api:7\n    secrets: [api_key]\nsecrets:\n  api_key:\n    external: true',
      instead: 'services:\n  api:\n    image: example/api:7\n    secrets: [api_key]\nsecrets:\n  api_key:\n    file: ./secrets/api_key',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('secret-external-without-swarm'),
    },
    messages: {
      external:
        'secret "{{name}}" is external: only a Swarm (docker stack deploy) provides it, and nothing else in this project is Swarm; docker compose up fails on it — give it a file: or environment: source for Compose',
    },
  },
  check(context) {
    const external = [...declaredSecrets(context.model).values()].filter((s) => s.external);
    if (!external.length || looksLikeSwarm(context.model)) return;
    for (const s of external) context.report({ messageId: 'external', data: { name: s.name }, origin: s.keyOrigin, path: ['secrets', s.name] });
  },
};
