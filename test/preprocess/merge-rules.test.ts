/**
 * The merge tables row by row (src/preprocess/merge/rules.ts, unique.ts): every path with a rule
 * of its own merges by that rule, and the same values at a path without one merge differently;
 * every sequence unique by a key loses its duplicate there and keeps it elsewhere. Also the tag
 * seam (collectResetTags, deletePaths) on its own.
 */
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/load/parse.js';
import { type TreeMap, toPlain } from '../../src/model/tree.js';
import { collectResetTags, deletePaths, mergeRoots } from '../../src/preprocess/merge.js';
import { MERGE_RULES, type MergeRule } from '../../src/preprocess/merge/rules.js';
import { UNIQUE_KEYS } from '../../src/preprocess/merge/unique.js';
import { nodeAt, parseRoot } from '../helpers.js';

/** A pattern with each `*` replaced by a name. */
function concrete(pattern: string): string[] {
  return pattern.split('.').map((k) => (k === '*' ? 'n' : k));
}

/** A compose text (flow style) holding `value` at `path`. */
function nest(path: string[], value: string): string {
  return path.reduceRight((inner, key) => `{${key}: ${inner}}`, value);
}

/** The plain value at `path` after merging the two values there; the LoadError's message if they cannot merge. */
function mergedAt(path: string[], base: string, override: string): unknown {
  try {
    const root: TreeMap = mergeRoots(parseRoot('base.yaml', nest(path, base)), parseRoot('override.yaml', nest(path, override)));
    return toPlain(nodeAt(root, ...path));
  } catch (err) {
    if (err instanceof LoadError) return err.message;
    throw err;
  }
}

/** For each rule: a base value, an override value, and what the rule makes of them. */
const RULE_CASES: Record<MergeRule, [string, string, unknown]> = {
  replace: ['[a, b]', '[c]', ['c']],
  'key-value': ['[A=1, B=2]', '{A: 3}', { A: 3, B: '2' }],
  append: ['a', '[b]', ['a', 'b']],
  'extra-hosts': ['["h1:10.0.0.1", "h2:10.0.0.2"]', '["h2:10.0.0.2", "h3:10.0.0.3"]', ['h1:10.0.0.1', 'h2:10.0.0.2', 'h3:10.0.0.3']],
  'name-map': ['[front]', '{back: {priority: 1}}', { front: null, back: { priority: 1 } }],
  'depends-on': [
    '[db]',
    '{cache: {condition: service_healthy}}',
    { db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy' } },
  ],
  build: ['./dir', '{dockerfile: D}', { context: './dir', dockerfile: 'D' }],
  logging: ['{driver: json-file, options: {max-size: 1m}}', '{driver: syslog, options: {tag: x}}', { driver: 'syslog', options: { tag: 'x' } }],
  'ipam-config': [
    '[{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]',
    '[{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}]',
    [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1', ip_range: '10.0.0.0/25' }],
  ],
};

/** compose-go's mergeSpecials, by rule: changing the table means changing this list too. */
const COMPOSE_GO_RULES: Record<MergeRule, string[]> = {
  replace: ['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test', 'services.*.ulimits.*'],
  'key-value': [
    'networks.*.labels',
    'volumes.*.labels',
    'services.*.annotations',
    'services.*.build.args',
    'services.*.build.additional_contexts',
    'services.*.build.labels',
    'services.*.deploy.labels',
    'services.*.environment',
    'services.*.labels',
    'services.*.sysctls',
  ],
  append: ['services.*.dns', 'services.*.dns_opt', 'services.*.dns_search', 'services.*.env_file', 'services.*.label_file', 'services.*.tmpfs'],
  'extra-hosts': ['services.*.extra_hosts', 'services.*.build.extra_hosts'],
  'name-map': ['services.*.models', 'services.*.networks'],
  'depends-on': ['services.*.depends_on'],
  build: ['services.*.build'],
  logging: ['services.*.logging'],
  'ipam-config': ['networks.*.ipam.config'],
};

describe('merge rules table: every row', () => {
  it('names the paths compose-go gives a rule of their own, each once', () => {
    for (const [rule, paths] of Object.entries(COMPOSE_GO_RULES)) {
      expect([
        rule,
        MERGE_RULES.filter(([, r]) => r === rule)
          .map(([p]) => p)
          .sort(),
      ]).toEqual([rule, [...paths].sort()]);
    }
    expect(new Set(MERGE_RULES.map(([p]) => p)).size).toBe(MERGE_RULES.length);
  });

  it.each(MERGE_RULES.map(([pattern, rule]) => [pattern, rule] as const))('%s merges by %s', (pattern, rule) => {
    const [base, override, expected] = RULE_CASES[rule];
    const path = concrete(pattern);
    expect(mergedAt(path, base, override)).toEqual(expected);
    // the row matters: the default merge of the same values gives something else
    expect(mergedAt(['x-default', ...path], base, override)).not.toEqual(expected);
  });

  it('the default merge: mappings deep-merge, lists append, scalars are replaced, a mapping cannot become a list', () => {
    expect(mergedAt(['x-a'], '{k: {a: 1}, l: [1]}', '{k: {b: 2}, l: [2], s: 3}')).toEqual({ k: { a: 1, b: 2 }, l: [1, 2], s: 3 });
    expect(mergedAt(['x-a'], '{k: 1}', '[1]')).toBe('cannot override x-a: a mapping (base.yaml:1) can only be overridden by a mapping, not a list');
  });
});

/** For each path unique by a key: base items, override items, and what is left after the merge. */
const KEY_VALUE: [string, string, unknown] = ['[A=1, B=2]', '[A=3]', ['A=3', 'B=2']];
const UNIQUE_CASES: Record<string, [string, string, unknown]> = {
  'networks.*.labels': KEY_VALUE,
  'networks.*.ipam.options': KEY_VALUE,
  'services.*.annotations': KEY_VALUE,
  'services.*.build.args': KEY_VALUE,
  'services.*.build.additional_contexts': KEY_VALUE,
  'services.*.build.platform': KEY_VALUE,
  'services.*.build.tags': ['[app:1, app:2]', '[app:1]', ['app:1', 'app:2']],
  'services.*.build.labels': KEY_VALUE,
  'services.*.cap_add': ['[NET_ADMIN, SYS_TIME]', '[NET_ADMIN]', ['NET_ADMIN', 'SYS_TIME']],
  'services.*.cap_drop': ['[ALL, NET_RAW]', '[ALL]', ['ALL', 'NET_RAW']],
  'services.*.configs': ['[cfg, other]', '[{source: cfg2, target: /cfg}]', [{ source: 'cfg2', target: '/cfg' }, 'other']],
  'services.*.deploy.labels': KEY_VALUE,
  'services.*.devices': ['["/dev/a:/dev/x", /dev/b]', '[{source: /dev/c, target: /dev/b}]', ['/dev/a:/dev/x', { source: '/dev/c', target: '/dev/b' }]],
  'services.*.dns': ['[8.8.8.8, 1.1.1.1]', '[8.8.8.8]', ['8.8.8.8', '1.1.1.1']],
  'services.*.dns_opt': ['[use-vc, rotate]', '[use-vc]', ['use-vc', 'rotate']],
  'services.*.dns_search': ['[a.example, b.example]', '[a.example]', ['a.example', 'b.example']],
  'services.*.environment': KEY_VALUE,
  'services.*.env_file': ['[a.env, b.env]', '[{path: a.env, required: false}]', [{ path: 'a.env', required: false }, 'b.env']],
  'services.*.expose': ['[80, 443]', '["80"]', ['80', 443]],
  'services.*.labels': KEY_VALUE,
  'services.*.links': ['[db, cache]', '[db]', ['db', 'cache']],
  'services.*.networks.*.aliases': ['[web, www]', '[web]', ['web', 'www']],
  'services.*.networks.*.link_local_ips': ['[169.254.0.1, 169.254.0.2]', '[169.254.0.1]', ['169.254.0.1', '169.254.0.2']],
  'services.*.ports': ['["8080:80", "9090:90"]', '["8080:80/tcp"]', ['8080:80/tcp', '9090:90']],
  'services.*.profiles': ['[dev, debug]', '[dev]', ['dev', 'debug']],
  'services.*.secrets': ['[db, api]', '[{source: db2, target: /run/secrets/db}]', [{ source: 'db2', target: '/run/secrets/db' }, 'api']],
  'services.*.sysctls': KEY_VALUE,
  'services.*.tmpfs': ['[/run, /tmp]', '[/run]', ['/run', '/tmp']],
  'services.*.volumes': [
    '["./a:/data", "logs:/var/log"]',
    '[{type: bind, source: ./b, target: /data}]',
    [{ type: 'bind', source: './b', target: '/data' }, 'logs:/var/log'],
  ],
};

describe('uniqueness table: every row', () => {
  it('has a case for every path of the table and no other', () => {
    expect(Object.keys(UNIQUE_CASES).sort()).toEqual(UNIQUE_KEYS.map(([path]) => path).sort());
  });

  it.each(UNIQUE_KEYS.map(([path]) => path))('%s', (pattern) => {
    const [base, override, expected] = UNIQUE_CASES[pattern];
    const path = concrete(pattern);
    expect(mergedAt(path, base, override)).toEqual(expected);
    // elsewhere the duplicate stays
    expect((mergedAt(['x-default', ...path], base, override) as unknown[]).length).toBe((expected as unknown[]).length + 1);
  });
});

describe('tags seam', () => {
  it('collectResetTags records mapping paths of both tags, not paths through a sequence, and leaves its input alone', () => {
    const text = 'services:\n  web:\n    environment: !reset {}\n    ports: !override ["80:80"]\n    volumes: [!reset a]\n';
    const root = parseRoot('f.yaml', text);
    const { node, paths } = collectResetTags(root);
    expect(paths).toEqual([
      ['services', 'web', 'environment'],
      ['services', 'web', 'ports'],
    ]);
    expect(toPlain(node)).toEqual({ services: { web: { ports: ['80:80'], volumes: [] } } });
    expect(toPlain(root)).toEqual({ services: { web: { environment: {}, ports: ['80:80'], volumes: ['a'] } } });
  });

  it('deletePaths walks mappings only, and shares what it does not change', () => {
    const root = parseRoot('f.yaml', 'services:\n  web: {image: a, ports: [1]}\n  db: {image: b}\nx: [{y: 1}]\n');
    const out = deletePaths(root, [['services', 'web', 'ports'], ['x', 'y'], ['nothing', 'here'], []]);
    expect(toPlain(out)).toEqual({ services: { web: { image: 'a' }, db: { image: 'b' } }, x: [{ y: 1 }] });
    expect(nodeAt(out, 'services', 'db')).toBe(nodeAt(root, 'services', 'db'));
    expect(nodeAt(out, 'x')).toBe(nodeAt(root, 'x'));
    expect(deletePaths(root, [['nothing']])).toBe(root);
  });
});
