import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeAt, parseRoot, pos } from '../helpers.js';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/load/parse.js';
import { buildModel } from '../../src/model/model.js';
import { get, toPlain, type TreeMap } from '../../src/model/tree.js';
import { applyResetTags, enforceUnicity, mergeRoots, parseShortPort, volumeTarget } from '../../src/preprocess/merge.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'fixtures/preprocess');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** Merges texts named f1.yaml, f2.yaml… in order. */
function merge(...texts: string[]): TreeMap {
  const roots = texts.map((t, i) => parseRoot(`f${i + 1}.yaml`, t));
  return roots.slice(1).reduce((acc, r) => mergeRoots(acc, r), roots[0]);
}

function svc(root: TreeMap, name = 'web'): unknown {
  return toPlain(nodeAt(root, 'services', name));
}

function loadFile(file: string): TreeMap {
  return parseRoot(file, readFileSync(file, 'utf8'));
}

function mergeFiles(...files: string[]): TreeMap {
  const roots = files.map(loadFile);
  return roots.slice(1).reduce((acc, r) => mergeRoots(acc, r), roots[0]);
}

function thrown(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LoadError) return err;
    throw err;
  }
  throw new Error('expected a LoadError');
}

describe('plain merges', () => {
  const base = `name: app
services:
  web:
    image: nginx:1
    restart: always
    deploy:
      resources:
        limits: {cpus: "1", memory: 1g}
    security_opt: [no-new-privileges]
x-common:
  a: 1
  b: {c: 2}
`;
  const override = `services:
  web:
    image: nginx:2
    deploy:
      resources:
        limits: {memory: 2g}
    security_opt: [no-new-privileges, seccomp=unconfined]
  db:
    image: postgres
x-common:
  b: {d: 3}
`;

  it('replaces scalars, deep-merges mappings, appends plain lists, adds new keys', () => {
    const m = merge(base, override);
    expect(toPlain(m)).toEqual({
      name: 'app',
      services: {
        web: {
          image: 'nginx:2',
          restart: 'always',
          deploy: { resources: { limits: { cpus: '1', memory: '2g' } } },
          security_opt: ['no-new-privileges', 'no-new-privileges', 'seccomp=unconfined'],
        },
        db: { image: 'postgres' },
      },
      'x-common': { a: 1, b: { c: 2, d: 3 } },
    });
    // base keys keep their place, new keys come after
    expect(Object.keys(toPlain(m) as object)).toEqual(['name', 'services', 'x-common']);
    expect(Object.keys(svc(m) as object)).toEqual(['image', 'restart', 'deploy', 'security_opt']);
    expect(Object.keys(toPlain(nodeAt(m, 'services')) as object)).toEqual(['web', 'db']);
  });

  it('keeps the origin of every value: the override file for overridden values, the base for the others', () => {
    const m = merge(base, override);
    expect(pos(nodeAt(m, 'services', 'web', 'image'))).toBe('f2.yaml:3:12');
    expect(pos(nodeAt(m, 'services', 'web', 'restart'))).toBe('f1.yaml:5:14');
    expect(pos(nodeAt(m, 'services', 'web', 'deploy', 'resources', 'limits', 'cpus'))).toBe('f1.yaml:8:24');
    expect(pos(nodeAt(m, 'services', 'web', 'deploy', 'resources', 'limits', 'memory'))).toBe('f2.yaml:6:26');
    expect(pos(nodeAt(m, 'services', 'web', 'security_opt', 0))).toBe('f1.yaml:9:20');
    expect(pos(nodeAt(m, 'services', 'web', 'security_opt', 2))).toBe('f2.yaml:7:39');
    expect(pos(nodeAt(m, 'services', 'db', 'image'))).toBe('f2.yaml:9:12');
    const web = (nodeAt(m, 'services') as TreeMap).entries[0];
    expect(web.keyOrigin.file).toBe('f1.yaml');
    const image = (nodeAt(m, 'services', 'web') as TreeMap).entries[0];
    expect(image.keyOrigin.file).toBe('f2.yaml');
  });

  it('does not mutate its inputs', () => {
    const a = parseRoot('f1.yaml', base);
    const b = parseRoot('f2.yaml', override);
    const a0 = structuredClone(a);
    const b0 = structuredClone(b);
    mergeRoots(a, b);
    expect(a).toEqual(a0);
    expect(b).toEqual(b0);
  });

  it('keeps the base value when the override is null', () => {
    const m = merge('services:\n  web:\n    image: a\n    ports: ["80:80"]\n', 'services:\n  web:\n    image:\n    ports:\n');
    expect(svc(m)).toEqual({ image: 'a', ports: ['80:80'] });
    expect(svc(merge('services:\n  web:\n    image: a\n', 'services:\n  web:\n'))).toEqual({ image: 'a' });
    expect(svc(merge('services:\n  web:\n', 'services:\n  web:\n    image: b\n'))).toEqual({ image: 'b' });
  });

  it('a scalar may replace a list or a mapping, not the other way round', () => {
    expect(svc(merge('services:\n  web:\n    x-a: 1\n', 'services:\n  web:\n    x-a: {b: 2}\n'))).toEqual({ 'x-a': { b: 2 } });
    const err = thrown(() => merge('services:\n  web:\n    healthcheck:\n      interval: 5s\n', 'services:\n  web:\n    healthcheck: [CMD, true]\n'));
    expect(err.message).toBe('cannot override services.web.healthcheck: a mapping (f1.yaml:4) can only be overridden by a mapping, not a list');
    expect([err.file, err.line, err.column]).toEqual(['f2.yaml', 3, 18]);
    const err2 = thrown(() => merge('services:\n  web:\n    security_opt: [a]\n', 'services:\n  web:\n    security_opt: b\n'));
    expect(err2.message).toContain('a list (f1.yaml:3) can only be overridden by a list, not a scalar value');
  });

  it('merges three files in order', () => {
    const m = merge(
      'services:\n  web:\n    image: a\n    environment: [A=1]\n',
      'services:\n  web:\n    image: b\n',
      'services:\n  web:\n    environment: {A: 3}\n',
    );
    expect(svc(m)).toEqual({ image: 'b', environment: { A: 3 } });
    expect(pos(nodeAt(m, 'services', 'web', 'environment', 'A'))).toBe('f3.yaml:3:22');
  });
});

describe('key/value blocks (environment, labels, build.args, annotations, sysctls…)', () => {
  it('list + list stays a list, later keys replace earlier ones in place', () => {
    const m = merge(
      'services:\n  web:\n    environment:\n      - A=1\n      - B=2\n',
      'services:\n  web:\n    environment:\n      - B=3\n      - C\n      - EMPTY=\n',
    );
    expect(svc(m)).toEqual({ environment: ['A=1', 'B=3', 'C', 'EMPTY='] });
    expect(pos(nodeAt(m, 'services', 'web', 'environment', 1))).toBe('f2.yaml:4:9');
  });

  it('map + map is a mapping; null and empty values are kept apart', () => {
    const m = merge(
      'services:\n  web:\n    environment:\n      FOO: BAR\n      KEEP: 1\n',
      'services:\n  web:\n    environment:\n      EMPTY: ""\n      NIL: null\n      FOO: QIX\n',
    );
    expect(svc(m)).toEqual({ environment: { FOO: 'QIX', KEEP: 1, EMPTY: '', NIL: null } });
    expect(Object.keys((svc(m) as { environment: object }).environment)).toEqual(['FOO', 'KEEP', 'EMPTY', 'NIL']);
  });

  it('map + list and list + map become a mapping whose values point into the list items', () => {
    const base = `services:
  web:
    environment:
      DB_USER: app
      DB_PASSWORD: hunter2
`;
    const override = `services:
  web:
    environment:
      - DB_PASSWORD=s3cr3t
      - API_TOKEN
      - URL=http://x?a=b
`;
    const m = merge(base, override);
    expect(svc(m)).toEqual({ environment: { DB_USER: 'app', DB_PASSWORD: 's3cr3t', API_TOKEN: null, URL: 'http://x?a=b' } });
    const env = nodeAt(m, 'services', 'web', 'environment') as TreeMap;
    expect(env.kind).toBe('map');
    // the value from the override points at `s3cr3t` inside the list item, its key at `DB_PASSWORD`
    const pw = env.entries.find((e) => e.key === 'DB_PASSWORD')!;
    expect(pos(pw.value)).toBe('f2.yaml:4:21');
    expect(pw.value.origin.range[1] - pw.value.origin.range[0]).toBe('s3cr3t'.length);
    expect(`${pw.keyOrigin.file}:${pw.keyOrigin.line}:${pw.keyOrigin.column}`).toBe('f2.yaml:4:9');
    expect(pos(get(env, 'DB_USER')!)).toBe('f1.yaml:4:16');
    expect(pos(get(env, 'API_TOKEN')!)).toBe('f2.yaml:5:9');

    // the model reads the merged block like any other
    const model = buildModel(m);
    const entries = model.services[0].environment;
    expect(entries.map((e) => [e.key, e.value?.value, e.value ? `${e.value.origin.file}:${e.value.origin.line}:${e.value.origin.column}` : undefined])).toEqual(
      [
        ['DB_USER', 'app', 'f1.yaml:4:16'],
        ['DB_PASSWORD', 's3cr3t', 'f2.yaml:4:21'],
        ['API_TOKEN', undefined, undefined],
        ['URL', 'http://x?a=b', 'f2.yaml:6:13'],
      ],
    );

    const reverse = merge(override, base);
    expect(svc(reverse)).toEqual({ environment: { DB_PASSWORD: 'hunter2', API_TOKEN: null, URL: 'http://x?a=b', DB_USER: 'app' } });
    expect(pos(nodeAt(reverse, 'services', 'web', 'environment', 'DB_PASSWORD'))).toBe('f2.yaml:5:20');
    expect(pos(nodeAt(reverse, 'services', 'web', 'environment', 'URL'))).toBe('f1.yaml:6:13');
  });

  it('applies to labels, annotations, sysctls, build.args, build.labels, deploy.labels, network and volume labels', () => {
    const m = merge(
      `services:
  web:
    labels: [a=1, b=2]
    annotations: {x: "1"}
    sysctls: [net.core.somaxconn=1024]
    build:
      context: .
      args: {A: "1", B: "2"}
      labels: [l=1]
    deploy:
      labels: {d: "1"}
networks:
  n:
    labels: {k: v}
volumes:
  v:
    labels: [k=v]
`,
      `services:
  web:
    labels: {b: "3"}
    annotations: [x=2, y=3]
    sysctls: {net.core.somaxconn: 2048}
    build:
      args: [B=3, C]
      labels: {l: "2"}
    deploy:
      labels: [d=2]
networks:
  n:
    labels: [k=w]
volumes:
  v:
    labels: {k: w}
`,
    );
    expect(toPlain(m)).toEqual({
      services: {
        web: {
          labels: { a: '1', b: '3' },
          annotations: { x: '2', y: '3' },
          sysctls: { 'net.core.somaxconn': 2048 },
          build: { context: '.', args: { A: '1', B: '3', C: null }, labels: { l: '2' } },
          deploy: { labels: { d: '2' } },
        },
      },
      networks: { n: { labels: { k: 'w' } } },
      volumes: { v: { labels: { k: 'w' } } },
    });
  });

  it('a lone string counts as a one-item list', () => {
    expect(svc(merge('services:\n  web:\n    environment: A=1\n', 'services:\n  web:\n    environment: [B=2]\n'))).toEqual({ environment: ['A=1', 'B=2'] });
  });
});

describe('values the override replaces as a whole', () => {
  it('command, entrypoint and healthcheck.test', () => {
    const m = merge(
      'services:\n  web:\n    command: [a, b]\n    entrypoint: [sh, -c]\n    healthcheck:\n      test: [CMD, x]\n      interval: 10s\n',
      'services:\n  web:\n    command: c\n    entrypoint: [bash]\n    healthcheck:\n      test: [CMD, y]\n',
    );
    expect(svc(m)).toEqual({ command: 'c', entrypoint: ['bash'], healthcheck: { test: ['CMD', 'y'], interval: '10s' } });
  });

  it('command: null in the override clears it (compose-go takes the override as is)', () => {
    expect(svc(merge('services:\n  web:\n    command: [a]\n', 'services:\n  web:\n    command: null\n'))).toEqual({ command: null });
  });

  it('ulimits: each limit is replaced, not merged (compose-go Test_mergeYamlUlimits)', () => {
    const m = merge(
      `services:
  test:
    image: foo
    ulimits:
      nofile: {soft: 20000, hard: 40000}
      nproc: 65535
      locks: {soft: 20000, hard: 40000}
`,
      `services:
  test:
    image: foo
    ulimits:
      nofile: {soft: 10000, hard: 40000}
      nproc: {soft: 65535}
      locks: {hard: 65535}
`,
    );
    expect(svc(m, 'test')).toEqual({ image: 'foo', ulimits: { nofile: { soft: 10000, hard: 40000 }, nproc: { soft: 65535 }, locks: { hard: 65535 } } });
  });

  it('logging: same driver merges options, a different driver replaces, no driver merges', () => {
    const same = merge(
      'services:\n  web:\n    logging:\n      driver: syslog\n      options:\n        syslog-address: "tcp://192.168.0.42:123"\n        tag: a\n',
      'services:\n  web:\n    logging:\n      driver: syslog\n      options:\n        syslog-address: "tcp://127.0.0.1:123"\n',
    );
    expect(svc(same)).toEqual({ logging: { driver: 'syslog', options: { 'syslog-address': 'tcp://127.0.0.1:123', tag: 'a' } } });
    const distinct = merge(
      'services:\n  web:\n    logging:\n      driver: local\n      options:\n        max-size: "10m"\n',
      'services:\n  web:\n    logging:\n      driver: syslog\n      options:\n        syslog-address: "tcp://127.0.0.1:123"\n',
    );
    expect(svc(distinct)).toEqual({ logging: { driver: 'syslog', options: { 'syslog-address': 'tcp://127.0.0.1:123' } } });
    const implicit = merge(
      'services:\n  web:\n    logging:\n      options:\n        max-size: "10m"\n',
      'services:\n  web:\n    logging:\n      options:\n        max-file: 3\n',
    );
    expect(svc(implicit)).toEqual({ logging: { options: { 'max-size': '10m', 'max-file': 3 } } });
    const oneDriver = merge('services:\n  web:\n    logging:\n      driver: local\n', 'services:\n  web:\n    logging:\n      options: {a: b}\n');
    expect(svc(oneDriver)).toEqual({ logging: { driver: 'local', options: { a: 'b' } } });
  });
});

describe('sequences unique by a key', () => {
  it('ports: deduplicated as written, then by their canonical form (host ip, published, target, protocol)', () => {
    const m = merge(
      'services:\n  web:\n    ports:\n      - "8080:80"\n      - 22\n      - "9090:90"\n      - {target: 443, published: "8443"}\n',
      'services:\n  web:\n    ports:\n      - "8080:80/tcp"\n      - "22"\n      - "9090:90"\n      - "127.0.0.1:5000:5000"\n      - "8443:443"\n      - "3000-3001:3000-3001"\n      - "53:53/udp"\n',
    );
    expect(svc(m)).toEqual({ ports: ['8080:80/tcp', '22', '9090:90', '8443:443', '127.0.0.1:5000:5000', '3000-3001:3000-3001', '53:53/udp'] });
    expect(pos(nodeAt(m, 'services', 'web', 'ports', 0))).toBe('f2.yaml:4:9');
  });

  it('ports: a published port written as a number in long syntax is not the same key (as in compose-go)', () => {
    const m = merge('services:\n  web:\n    ports: ["8080:80"]\n', 'services:\n  web:\n    ports: [{target: 80, published: 8080}]\n');
    expect(svc(m)).toEqual({ ports: ['8080:80', { target: 80, published: 8080 }] });
  });

  it('volumes: by container path, short and long syntax alike', () => {
    const m = merge(
      'services:\n  web:\n    volumes:\n      - ./data:/data\n      - logs:/var/log\n      - {type: volume, source: cache, target: /cache}\n      - C:\\win:/win\n',
      'services:\n  web:\n    volumes:\n      - ./other:/data:ro\n      - {type: bind, source: ./c, target: /cache}\n      - /tmp:/tmp\n      - D:\\w:/win\n',
    );
    expect(svc(m)).toEqual({ volumes: ['./other:/data:ro', 'logs:/var/log', { type: 'bind', source: './c', target: '/cache' }, 'D:\\w:/win', '/tmp:/tmp'] });
  });

  it('secrets and configs: by mount path (/run/secrets/<name> by default for secrets)', () => {
    const m = merge(
      'services:\n  web:\n    secrets: [db_pass, {source: api_key, target: /run/secrets/api}]\n    configs: [cfg, other]\n',
      'services:\n  web:\n    secrets: [{source: db_pass2, target: /run/secrets/db_pass}, api]\n    configs: [{source: cfg, target: /cfg}, {source: other}]\n',
    );
    expect(svc(m)).toEqual({
      secrets: [{ source: 'db_pass2', target: '/run/secrets/db_pass' }, 'api'],
      configs: [{ source: 'cfg', target: '/cfg' }, { source: 'other' }],
    });
  });

  it('expose, cap_add, cap_drop, profiles, links, dns, tmpfs, devices, env_file', () => {
    const m = merge(
      `services:
  web:
    expose: [80, "443"]
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    profiles: [dev]
    links: [db, "cache:c"]
    dns: 8.8.8.8
    tmpfs: /run
    devices: ["/dev/a:/dev/x", "/dev/b"]
    env_file: a.env
`,
      `services:
  web:
    expose: ["80", 8080]
    cap_add: [NET_ADMIN, SYS_PTRACE]
    cap_drop: [ALL]
    profiles: [dev, debug]
    links: [db]
    dns: [9.9.9.9, 8.8.8.8]
    tmpfs: [/tmp, /run]
    devices: ["/dev/c:/dev/x", {source: /dev/d, target: /dev/b}]
    env_file: [{path: a.env, required: false}, b.env]
`,
    );
    expect(svc(m)).toEqual({
      expose: ['80', '443', 8080],
      cap_add: ['NET_ADMIN', 'SYS_PTRACE'],
      cap_drop: ['ALL'],
      profiles: ['dev', 'debug'],
      links: ['db', 'cache:c'],
      dns: ['8.8.8.8', '9.9.9.9'],
      tmpfs: ['/run', '/tmp'],
      devices: ['/dev/c:/dev/x', { source: '/dev/d', target: '/dev/b' }],
      env_file: [{ path: 'a.env', required: false }, 'b.env'],
    });
    // the surviving 8.8.8.8 is the override's, at the base's position
    expect(pos(nodeAt(m, 'services', 'web', 'dns', 0))).toBe('f2.yaml:8:20');
  });

  it('platforms are never deduplicated (compose-go indexes build.platform, a key the spec does not have)', () => {
    const m = merge(
      'services:\n  web:\n    build:\n      platforms: [linux/amd64]\n',
      'services:\n  web:\n    build:\n      platforms: [linux/amd64, linux/arm64]\n',
    );
    expect(svc(m)).toEqual({ build: { platforms: ['linux/amd64', 'linux/amd64', 'linux/arm64'] } });
  });

  it('enforceUnicity also deduplicates within a single file', () => {
    const root = parseRoot('f1.yaml', 'services:\n  web:\n    environment: [A=1, B=2, A=3]\n    ports: ["80:80", "80:80"]\n');
    expect(svc(enforceUnicity(root))).toEqual({ environment: ['A=3', 'B=2'], ports: ['80:80'] });
  });
});

describe('mappings that may be written as lists', () => {
  it('service networks: list entries become name: null, then a deep merge; aliases are unique', () => {
    const mixed = merge(
      'services:\n  web:\n    networks: [front, back, n1]\n',
      'services:\n  web:\n    networks:\n      n1:\n        aliases: [a1, a2]\n      n2:\n',
    );
    expect(svc(mixed)).toEqual({ networks: { front: null, back: null, n1: { aliases: ['a1', 'a2'] }, n2: null } });
    const maps = merge(
      'services:\n  web:\n    networks:\n      n1:\n        aliases: [alias1, alias2]\n        link_local_ips: [57.123.22.11, 57.123.22.13]\n',
      'services:\n  web:\n    networks:\n      n1:\n        aliases: [alias3, alias1]\n        link_local_ips: [57.123.22.12, 57.123.22.13]\n',
    );
    expect(svc(maps)).toEqual({
      networks: { n1: { aliases: ['alias1', 'alias2', 'alias3'], link_local_ips: ['57.123.22.11', '57.123.22.13', '57.123.22.12'] } },
    });
    const lists = merge('services:\n  web:\n    networks: [front, back]\n', 'services:\n  web:\n    networks: [front]\n');
    expect(svc(lists)).toEqual({ networks: { front: null, back: null } });
  });

  it('depends_on: list entries get compose defaults, so a list in the override resets the condition', () => {
    const m = merge(
      'services:\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n      cache: {condition: service_started, restart: true}\n',
      'services:\n  web:\n    depends_on: [db]\n',
    );
    expect(svc(m)).toEqual({ depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_started', restart: true } } });
    expect(pos(nodeAt(m, 'services', 'web', 'depends_on', 'db', 'condition'))).toBe('f2.yaml:3:18');
    const back = merge('services:\n  web:\n    depends_on: [db]\n', 'services:\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n');
    expect(svc(back)).toEqual({ depends_on: { db: { condition: 'service_healthy', required: true } } });
  });

  it('null on either side (compose-go merge_null_test)', () => {
    for (const attribute of ['networks', 'models', 'depends_on']) {
      const want = attribute === 'depends_on' ? { runtime: { condition: 'service_started', required: true } } : { runtime: null };
      expect(svc(merge(`services:\n  test:\n    image: foo\n    ${attribute}: [runtime]\n`, `services:\n  test:\n    ${attribute}: null\n`), 'test')).toEqual({
        image: 'foo',
        [attribute]: want,
      });
      expect(svc(merge(`services:\n  test:\n    image: foo\n    ${attribute}: null\n`, `services:\n  test:\n    ${attribute}: [runtime]\n`), 'test')).toEqual({
        image: 'foo',
        [attribute]: want,
      });
    }
  });

  it('build: a string is the context; args and additional_contexts merge by key', () => {
    const m = merge('services:\n  web:\n    build: ./app\n', 'services:\n  web:\n    build:\n      args: {A: 1}\n      target: prod\n');
    expect(svc(m)).toEqual({ build: { context: './app', args: { A: 1 }, target: 'prod' } });
    expect(pos(nodeAt(m, 'services', 'web', 'build', 'context'))).toBe('f1.yaml:3:12');
    const back = merge('services:\n  web:\n    build:\n      context: .\n      dockerfile: A\n', 'services:\n  web:\n    build: ./other\n');
    expect(svc(back)).toEqual({ build: { context: './other', dockerfile: 'A' } });
    const mixed = merge(
      'services:\n  test:\n    build:\n      context: .\n      args: {FOO: BAR}\n      additional_contexts: [resources=/path/to/resources, app=docker-image://my-app:latest]\n      tags: ["myimage:mytag"]\n',
      'services:\n  test:\n    build:\n      args: [QIX=ZOT]\n      additional_contexts: {app: "docker-image://new-app:latest", source: "https://github.com/myuser/project.git"}\n      tags: ["registry/username/myrepos:my-other-tag", "myimage:mytag"]\n',
    );
    expect(svc(mixed, 'test')).toEqual({
      build: {
        context: '.',
        args: { FOO: 'BAR', QIX: 'ZOT' },
        additional_contexts: { resources: '/path/to/resources', app: 'docker-image://new-app:latest', source: 'https://github.com/myuser/project.git' },
        tags: ['myimage:mytag', 'registry/username/myrepos:my-other-tag'],
      },
    });
  });

  it('extra_hosts: both sides as lists, entries of the override already present are dropped (compose-go merge_extra_hosts_test)', () => {
    const seq = merge(
      'services:\n  test:\n    extra_hosts: [example.com=1.2.3.4]\n',
      'services:\n  test:\n    extra_hosts: [localhost=127.0.0.1, example.com=1.2.3.4, example.com=4.3.2.1]\n',
    );
    expect(svc(seq, 'test')).toEqual({ extra_hosts: ['example.com=1.2.3.4', 'localhost=127.0.0.1', 'example.com=4.3.2.1'] });
    const maps = merge(
      'services:\n  test:\n    extra_hosts:\n      "example.com": "1.2.3.4"\n',
      'services:\n  test:\n    extra_hosts:\n      "localhost": "127.0.0.1"\n      "example.com": ["1.2.3.4", "4.3.2.1"]\n',
    );
    expect(svc(maps, 'test')).toEqual({ extra_hosts: ['example.com=1.2.3.4', 'example.com=4.3.2.1', 'localhost=127.0.0.1'] });
    // a synthesized `host=ip` item points at the value it was made from
    expect(pos(nodeAt(maps, 'services', 'test', 'extra_hosts', 2))).toBe('f2.yaml:4:20');
    const build = merge(
      'services:\n  test:\n    build:\n      extra_hosts: ["somehost=1.1.1.1"]\n',
      'services:\n  test:\n    build:\n      extra_hosts: ["somehost=1.1.1.1", "other=2.2.2.2"]\n',
    );
    expect(svc(build, 'test')).toEqual({ build: { extra_hosts: ['somehost=1.1.1.1', 'other=2.2.2.2'] } });
  });

  it('networks.*.ipam.config: merged by subnet (compose-go Test_mergeYamlNetworks)', () => {
    const m = merge(
      `networks:
  network1:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.0/24
          gateway: 172.28.5.254
          aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.6, host3: 172.28.1.7}
      options: {foo: bar, baz: "0"}
`,
      `networks:
  network1:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.1/24
          gateway: 172.28.5.254
          aux_addresses: {host1: 172.28.1.5, host2: 172.28.1.4, host4: 172.28.1.10}
        - subnet: 172.28.10.0/16
          ip_range: 172.28.10.1/24
      options: {bar: foo, baz: "0"}
  network2:
`,
    );
    expect(toPlain(m)).toEqual({
      networks: {
        network1: {
          ipam: {
            config: [
              {
                subnet: '172.28.0.0/16',
                ip_range: '172.28.5.1/24',
                gateway: '172.28.5.254',
                aux_addresses: { host1: '172.28.1.5', host2: '172.28.1.4', host3: '172.28.1.7', host4: '172.28.1.10' },
              },
              { subnet: '172.28.10.0/16', ip_range: '172.28.10.1/24' },
            ],
            options: { foo: 'bar', baz: '0', bar: 'foo' },
          },
        },
        network2: null,
      },
    });
  });

  it('networks.*.ipam.config: base configs no override names are dropped, as compose-go does', () => {
    const m = merge(
      'networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/8}, {subnet: 192.168.0.0/16}]\n',
      'networks:\n  n:\n    ipam:\n      config: [{subnet: 192.168.0.0/16, gateway: 192.168.0.1}]\n',
    );
    expect(toPlain(m)).toEqual({ networks: { n: { ipam: { config: [{ subnet: '192.168.0.0/16', gateway: '192.168.0.1' }] } } } });
  });
});

describe('!reset and !override', () => {
  it('!reset removes a value of the base, whatever its kind', () => {
    const m = merge(
      'services:\n  web:\n    image: a\n    ports: ["80:80"]\n    environment: {A: 1}\n    user: root\n  db:\n    image: b\n',
      'services:\n  web:\n    ports: !reset []\n    environment: !reset {}\n    user: !reset null\n  db: !reset\n',
    );
    expect(toPlain(m)).toEqual({ services: { web: { image: 'a' } } });
  });

  it('!reset on one key of a mapping-form environment removes it; on a list-form base it cannot (compose-go matches paths by key)', () => {
    const override = 'services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: !reset null\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db\n';
    const fromMap = merge('services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: secret\n      OTHER: 1\n', override);
    expect(svc(fromMap, 'db')).toEqual({ environment: { OTHER: 1, MYSQL_ROOT_PASSWORD_FILE: '/run/secrets/db' } });
    const fromList = merge('services:\n  db:\n    environment:\n      - MYSQL_ROOT_PASSWORD=secret\n', override);
    expect(svc(fromList, 'db')).toEqual({ environment: { MYSQL_ROOT_PASSWORD: 'secret', MYSQL_ROOT_PASSWORD_FILE: '/run/secrets/db' } });
  });

  it('!override replaces a list instead of appending, and a mapping instead of merging', () => {
    const m = merge(
      'services:\n  web:\n    volumes: [./a:/a, ./b:/b]\n    environment: {A: 1, B: 2}\n    labels: [x=1]\n',
      'services:\n  web:\n    volumes: !override\n      - ./c:/c\n    environment: !override {C: 3}\n    labels: !override {y: "2"}\n',
    );
    expect(svc(m)).toEqual({ volumes: ['./c:/c'], environment: { C: 3 }, labels: { y: '2' } });
    const web = nodeAt(m, 'services', 'web') as TreeMap;
    expect(web.entries.every((e) => e.value.tag === undefined)).toBe(true);
    expect(pos(nodeAt(m, 'services', 'web', 'volumes', 0))).toBe('f2.yaml:4:9');
  });

  it('!override on a key the base does not have just sets it', () => {
    expect(svc(merge('services:\n  web:\n    image: a\n', 'services:\n  web:\n    ports: !override ["80:80"]\n'))).toEqual({ image: 'a', ports: ['80:80'] });
  });

  it('!reset on a list item drops the item from its own file only', () => {
    const m = merge('services:\n  web:\n    ports: ["80:80"]\n', 'services:\n  web:\n    ports: [!reset "80:80", "90:90"]\n');
    expect(svc(m)).toEqual({ ports: ['80:80', '90:90'] });
  });

  it('tags inside an !override value are not looked at (compose-go takes it as is)', () => {
    const m = merge('services:\n  web:\n    environment: {A: 1}\n', 'services:\n  web:\n    environment: !override {B: !reset x}\n');
    expect(svc(m)).toEqual({ environment: { B: 'x' } });
  });

  it('a tagged anchor applies at every alias', () => {
    const m = merge(
      'services:\n  a:\n    ports: ["1:1"]\n  b:\n    ports: ["2:2"]\n',
      'x-none: &none !reset []\nservices:\n  a:\n    ports: *none\n  b:\n    ports: *none\n',
    );
    expect(toPlain(m)).toEqual({ services: { a: {}, b: {} } });
  });

  it('applyResetTags: within one file !reset just drops the node and !override is a no-op', () => {
    const root = parseRoot(
      'f1.yaml',
      'services:\n  web:\n    image: a\n    command: !reset [x]\n    ports: !override ["80:80"]\n    environment: [A=1, !reset B=2]\n',
    );
    const out = applyResetTags(root);
    expect(svc(out)).toEqual({ image: 'a', ports: ['80:80'], environment: ['A=1'] });
    expect(nodeAt(out, 'services', 'web', 'ports').tag).toBeUndefined();
    expect(nodeAt(root, 'services', 'web', 'ports').tag).toBe('!override');
  });

  it('tags of the base file are resolved too before merging', () => {
    const m = merge('services:\n  web:\n    image: a\n    command: !reset x\n', 'services:\n  web:\n    user: me\n');
    expect(svc(m)).toEqual({ image: 'a', user: 'me' });
  });
});

describe('helpers', () => {
  it('parseShortPort reads the short syntax as docker does', () => {
    expect(parseShortPort('8080:80')).toEqual([{ ip: '', published: '8080', target: 80, protocol: 'tcp' }]);
    expect(parseShortPort('127.0.0.1:53:53/UDP')).toEqual([{ ip: '127.0.0.1', published: '53', target: 53, protocol: 'udp' }]);
    expect(parseShortPort('[::1]:6001:6001')).toEqual([{ ip: '::1', published: '6001', target: 6001, protocol: 'tcp' }]);
    expect(parseShortPort('::1:6000:6000')).toEqual([{ ip: '::1', published: '6000', target: 6000, protocol: 'tcp' }]);
    expect(parseShortPort('8000-9000:80')).toEqual([{ ip: '', published: '8000-9000', target: 80, protocol: 'tcp' }]);
    expect(parseShortPort('9090-9091:8080-8081')).toHaveLength(2);
    expect(parseShortPort('x:80')).toBeUndefined();
  });

  it('volumeTarget reads the container path as compose-go does', () => {
    expect(volumeTarget('/data')).toBe('/data');
    expect(volumeTarget('./a:/b:ro')).toBe('/b');
    expect(volumeTarget('C:\\a:/b')).toBe('/b');
    expect(volumeTarget('/a::b')).toBeUndefined();
    expect(volumeTarget('/a:/b:ro:x')).toBeUndefined();
    expect(volumeTarget('a:b:c:d')).toBe('c:d');
  });
});

describe('fixtures', () => {
  it('merge-secrets: an override moves a password into a secret; every value reports its own file', () => {
    const dir = path.join(fixtures, 'merge-secrets');
    const base = path.join(dir, 'compose.yaml');
    const over = path.join(dir, 'compose.override.yaml');
    const m = mergeFiles(base, over);
    expect(toPlain(m)).toEqual({
      services: {
        api: {
          image: 'example/api:1.4',
          environment: { DB_HOST: 'db', DB_USER: 'api', API_KEY: 'sk_live_fromoverride', DB_PASSWORD_FILE: '/run/secrets/db_password' },
          secrets: ['db_password'],
          ports: ['127.0.0.1:8080:8080'],
        },
        db: {
          image: 'postgres:16',
          environment: ['POSTGRES_USER=api', 'POSTGRES_PASSWORD_FILE=/run/secrets/db_password'],
          secrets: ['db_password'],
        },
      },
      secrets: { db_password: { file: './db_password.txt' } },
    });
    expect(pos(nodeAt(m, 'services', 'api', 'environment', 'API_KEY'))).toBe(`${over}:6:16`);
    expect(pos(nodeAt(m, 'services', 'api', 'environment', 'DB_USER'))).toBe(`${base}:7:16`);
    expect(pos(nodeAt(m, 'services', 'api', 'image'))).toBe(`${base}:3:12`);
    expect(pos(nodeAt(m, 'services', 'db', 'environment', 1))).toBe(`${over}:14:9`);
  });
});

describe.skipIf(!existsSync(corpus))(`real multi-file projects (${corpus})`, () => {
  it('frappe_docker: compose.yaml + compose.mariadb.yaml + compose.mariadb-secrets.yaml (!reset on one environment key)', () => {
    const dir = path.join(corpus, 'frappe__frappe_docker');
    const m = mergeFiles(
      path.join(dir, 'compose.yaml'),
      path.join(dir, 'overrides/compose.mariadb.yaml'),
      path.join(dir, 'overrides/compose.mariadb-secrets.yaml'),
    );
    expect(svc(m, 'db')).toEqual({
      image: 'mariadb:11.8',
      healthcheck: { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], start_period: '5s', interval: '5s', timeout: '5s', retries: 5 },
      restart: 'unless-stopped',
      command: ['--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--skip-character-set-client-handshake'],
      environment: { MARIADB_AUTO_UPGRADE: 1, MYSQL_ROOT_PASSWORD_FILE: '/run/secrets/db_password' },
      volumes: ['db-data:/var/lib/mysql'],
      secrets: ['db_password'],
    });
    const conf = svc(m, 'configurator') as Record<string, unknown>;
    expect(conf.environment).toEqual({ DB_HOST: 'db', DB_PORT: '3306', REDIS_CACHE: '${REDIS_CACHE:-}', REDIS_QUEUE: '${REDIS_QUEUE:-}', SOCKETIO_PORT: 9000 });
    expect(conf.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(nodeAt(m, 'services', 'configurator', 'environment', 'DB_HOST').origin.file).toMatch(/compose\.mariadb\.yaml$/);
    expect(nodeAt(m, 'services', 'configurator', 'environment', 'REDIS_CACHE').origin.file).toMatch(/frappe_docker\/compose\.yaml$/);
    expect(toPlain(nodeAt(m, 'secrets'))).toEqual({ db_password: { file: '${DB_PASSWORD_SECRETS_FILE:?No db secret file set}' } });
    expect(Object.keys(toPlain(nodeAt(m, 'volumes')) as object)).toContain('db-data');
  });

  it('docker-compose-services/phoenix: three files, `volumes: !override` replaces the bind mount', () => {
    const dir = path.join(corpus, 'yorch__docker-compose-services/phoenix');
    const m = mergeFiles(path.join(dir, 'docker-compose.yml'), path.join(dir, 'docker-compose.dev.yml'), path.join(dir, 'docker-compose.macos.yml'));
    const pg = svc(m, 'postgres') as Record<string, unknown>;
    expect(pg.volumes).toEqual(['./data/postgres:/var/lib/postgresql/data']);
    expect(pg.environment).toEqual([
      'POSTGRES_DB=${POSTGRES_DB:?}',
      'POSTGRES_USER=${POSTGRES_USER:?}',
      'POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?set a database password}',
      'PGDATA=/var/lib/postgresql/data',
    ]);
    expect(nodeAt(m, 'services', 'postgres', 'volumes', 0).origin.file).toMatch(/docker-compose\.macos\.yml$/);
    expect((svc(m, 'phoenix') as Record<string, unknown>).ports).toEqual(['6006:6006', '4317:4317']);
  });

  it('zammad-docker-compose: add-external-network-to-nginx.yml (`ports: !reset []`)', () => {
    const dir = path.join(corpus, 'zammad__zammad-docker-compose');
    const m = mergeFiles(path.join(dir, 'docker-compose.yml'), path.join(dir, 'scenarios/add-external-network-to-nginx.yml'));
    const nginx = svc(m, 'zammad-nginx') as Record<string, unknown>;
    expect(nginx.ports).toBeUndefined();
    expect(nginx.networks).toEqual(['default', 'zammad-nginx-external-network']);
    expect(nginx.expose).toEqual(['${NGINX_PORT:-8080}']);
    expect(nginx.command).toEqual(['zammad-nginx']);
    expect(toPlain(nodeAt(m, 'networks'))).toEqual({ 'zammad-nginx-external-network': { external: true, name: '${ZAMMAD_NGINX_EXTERNAL_NETWORK}' } });
    // other services sharing the same anchors are untouched
    expect((svc(m, 'zammad-railsserver') as Record<string, unknown>).command).toEqual(['zammad-railsserver']);
  });
});
