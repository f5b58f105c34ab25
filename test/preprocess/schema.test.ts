import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaIssue } from '../../src/preprocess/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const generated = join(root, 'src', 'generated', 'compose-schema-validate.js');
const corpus = '/work/shared/corpus';

let validateCompose: (model: unknown) => SchemaIssue[];

beforeAll(async () => {
  if (!existsSync(generated)) execFileSync(process.execPath, [join(root, 'scripts', 'build-schema.mjs')], { stdio: 'inherit' });
  ({ validateCompose } = await import('../../src/preprocess/schema.js'));
});

/** The messages of the issues, in the order returned. */
function messages(model: unknown): string[] {
  return validateCompose(model).map((i) => i.message);
}

function service(extra: Record<string, unknown>): unknown {
  return { services: { app: { image: 'nginx:alpine', ...extra } } };
}

describe('valid files', () => {
  it('accepts a small file with extensions at the top level and in a service', () => {
    expect(
      validateCompose({
        name: 'demo',
        'x-common': { restart: 'always' },
        services: {
          web: {
            image: 'nginx:alpine',
            'x-note': 'anything goes here',
            ports: ['8080:80', { target: 443, published: '8443', protocol: 'tcp' }],
            environment: { A: 'b', N: 1, T: true, E: null },
            depends_on: { db: { condition: 'service_healthy' } },
            volumes: ['./site:/usr/share/nginx/html:ro', { type: 'volume', source: 'data', target: '/data' }],
            secrets: ['db_password'],
            deploy: { resources: { limits: { cpus: '0.5', memory: '512M' } } },
            healthcheck: { test: ['CMD', 'true'], interval: '10s' },
          },
          db: { image: 'postgres', environment: ['POSTGRES_PASSWORD_FILE=/run/secrets/db_password'], command: null },
        },
        volumes: { data: null },
        networks: { default: { driver: 'bridge' } },
        secrets: { db_password: { file: './db_password.txt' } },
      }),
    ).toEqual([]);
  });

  // Real files; interpolation is not applied, so only sets whose files are schema-valid as written.
  const files = fg
    .sync(['docker__awesome-compose/**/{compose,docker-compose}*.{yml,yaml}', 'docker__compose/pkg/e2e/fixtures/**/{compose,docker-compose}*.{yml,yaml}'], {
      cwd: corpus,
      ignore: ['**/wrong-composefile/**'],
    })
    .sort();

  it('finds corpus files to check', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s has no schema issues', (file) => {
    const model = parse(readFileSync(join(corpus, file), 'utf8'), { merge: true });
    expect(validateCompose(model)).toEqual([]);
  });
});

describe('unknown keys', () => {
  it('suggests the service key that was meant', () => {
    expect(validateCompose(service({ enviroment: { A: '1' } }))).toEqual([
      {
        path: ['services', 'app', 'enviroment'],
        target: 'key',
        message: 'unknown key "enviroment" in service "app" — did you mean "environment"?',
      },
    ]);
  });

  it('handles transpositions, dashes and case', () => {
    expect(messages(service({ restrat: 'always' }))).toEqual(['unknown key "restrat" in service "app" — did you mean "restart"?']);
    expect(messages(service({ 'network-mode': 'host' }))).toEqual(['unknown key "network-mode" in service "app" — did you mean "network_mode"?']);
    expect(messages(service({ Image: 'x' }))).toEqual(['unknown key "Image" in service "app" — did you mean "image"?']);
  });

  it('gives no suggestion when nothing is close', () => {
    expect(messages(service({ wrongField: 'test' }))).toEqual(['unknown key "wrongField" in service "app"']);
  });

  it('reports unknown top-level keys', () => {
    expect(validateCompose({ servics: { app: { image: 'x' } } })).toEqual([
      { path: ['servics'], target: 'key', message: 'unknown top-level key "servics" — did you mean "services"?' },
    ]);
    expect(messages({ Version: '3' })).toEqual(['unknown top-level key "Version" — did you mean "version"?']);
    expect(messages({ services: {}, app: { image: 'nginx' } })).toEqual(['unknown top-level key "app" — if it is a service, it belongs under "services"']);
    expect(messages({ services: {}, foo: 1 })).toEqual(['unknown top-level key "foo"']);
  });

  it('names the network, volume, secret and config in context', () => {
    expect(
      validateCompose({
        services: {},
        networks: { front: { drivr: 'bridge' } },
        volumes: { data: { extrnal: true } },
        secrets: { token: { fil: './token' } },
        configs: { conf: { files: './conf' } },
      }),
    ).toEqual([
      { path: ['configs', 'conf', 'files'], target: 'key', message: 'unknown key "files" in config "conf" — did you mean "file"?' },
      { path: ['networks', 'front', 'drivr'], target: 'key', message: 'unknown key "drivr" in network "front" — did you mean "driver"?' },
      { path: ['secrets', 'token', 'fil'], target: 'key', message: 'unknown key "fil" in secret "token" — did you mean "file"?' },
      { path: ['volumes', 'data', 'extrnal'], target: 'key', message: 'unknown key "extrnal" in volume "data" — did you mean "external"?' },
    ]);
  });

  it('uses the full path for nested keys', () => {
    expect(validateCompose(service({ deploy: { resources: { limit: { cpus: '1' } } } }))).toEqual([
      {
        path: ['services', 'app', 'deploy', 'resources', 'limit'],
        target: 'key',
        message: 'unknown key "limit" in services.app.deploy.resources — did you mean "limits"?',
      },
    ]);
    expect(messages(service({ build: { contxt: '.' } }))).toEqual(['unknown key "contxt" in services.app.build — did you mean "context"?']);
    expect(messages(service({ ports: [{ target: 80, protocl: 'tcp' }] }))).toEqual([
      'unknown key "protocl" in services.app.ports[0] — did you mean "protocol"?',
    ]);
  });

  it('reports a misspelt required key once', () => {
    expect(validateCompose(service({ depends_on: { db: { conditon: 'service_healthy' } } }))).toEqual([
      {
        path: ['services', 'app', 'depends_on', 'db', 'conditon'],
        target: 'key',
        message: 'unknown key "conditon" in services.app.depends_on.db — did you mean "condition"?',
      },
    ]);
  });

  it('accepts x- keys only where the schema allows extensions', () => {
    expect(validateCompose({ 'x-top': 1, services: { app: { image: 'x', 'x-foo': { a: 1 } } } })).toEqual([]);
    expect(messages(service({ extends: { service: 'base', 'x-foo': 1 } }))).toEqual(['unknown key "x-foo" in services.app.extends']);
  });

  it('reports names that are not allowed', () => {
    expect(validateCompose({ services: { 'my app': { image: 'x' } } })).toEqual([
      {
        path: ['services', 'my app'],
        target: 'key',
        message: 'invalid service name: only letters, digits, ".", "_" and "-" are allowed',
      },
    ]);
    expect(messages(service({ depends_on: { 'a b': { condition: 'service_started' } } }))).toEqual([
      'invalid service name in services.app.depends_on: only letters, digits, ".", "_" and "-" are allowed',
    ]);
    expect(messages(service({ environment: { '': 'x' } }))).toEqual(['empty key in services.app.environment']);
  });
});

describe('wrong types', () => {
  it('says what the value must be', () => {
    expect(validateCompose(service({ ports: '80:80' }))).toEqual([
      { path: ['services', 'app', 'ports'], target: 'value', message: 'services.app.ports must be a list' },
    ]);
    expect(messages(service({ privileged: 1 }))).toEqual(['services.app.privileged must be a boolean or a string']);
    expect(messages(service({ deploy: { replicas: 'two' } }))).toEqual([]); // strings are allowed (interpolation)
    expect(messages(service({ deploy: { replicas: 1.5 } }))).toEqual(['services.app.deploy.replicas must be an integer or a string']);
    expect(messages(service({ networks: ['front', 5] }))).toEqual(['services.app.networks[1] must be a string']);
    expect(messages(service({ environment: ['A=1', { B: 2 }] }))).toEqual(['services.app.environment[1] must be a string']);
  });

  it('collapses oneOf alternatives into one issue that names the allowed forms', () => {
    expect(validateCompose(service({ build: 42 }))).toEqual([
      { path: ['services', 'app', 'build'], target: 'value', message: 'services.app.build must be a string or a mapping' },
    ]);
    expect(messages(service({ command: 5 }))).toEqual(['services.app.command must be a string, a list of strings or empty']);
    expect(messages(service({ healthcheck: { test: 5 } }))).toEqual(['services.app.healthcheck.test must be a string or a list of strings']);
    expect(messages(service({ depends_on: 'db' }))).toEqual(['services.app.depends_on must be a list of strings or a mapping']);
    expect(messages(service({ env_file: [{ path: 'a' }, 5] }))).toEqual(['services.app.env_file[1] must be a string or a mapping']);
    expect(messages(service({ extra_hosts: { host: 5 } }))).toEqual(['services.app.extra_hosts.host must be a string or a list of strings']);
    expect(messages(service({ labels: { 'com.example.x': ['a'] } }))).toEqual([
      'services.app.labels["com.example.x"] must be a string, a number, a boolean or empty',
    ]);
    expect(messages(service({ gpus: 'some' }))).toEqual(['services.app.gpus must be "all" or a list of mappings']);
  });

  it('says when a value is empty', () => {
    expect(validateCompose({ services: { app: null } })).toEqual([
      { path: ['services', 'app'], target: 'value', message: 'services.app must be a mapping (it is empty)' },
    ]);
    expect(messages(service({ environment: null }))).toEqual(['services.app.environment must be a mapping or a list of strings (it is empty)']);
  });

  it('checks the document itself', () => {
    expect(validateCompose('hello')).toEqual([{ path: [], target: 'value', message: 'the Compose file must be a mapping' }]);
    expect(messages([])).toEqual(['the Compose file must be a mapping']);
    expect(messages(null)).toEqual(['the Compose file must be a mapping (it is empty)']);
    expect(messages({ services: ['app'] })).toEqual(['services must be a mapping']);
  });
});

describe('other constraints', () => {
  it('lists the allowed values of an enum, with a suggestion', () => {
    expect(validateCompose(service({ cgroup: 'hots' }))).toEqual([
      { path: ['services', 'app', 'cgroup'], target: 'value', message: 'services.app.cgroup must be one of "host", "private" — did you mean "host"?' },
    ]);
    expect(messages(service({ depends_on: { db: { condition: 'healthy' } } }))).toEqual([
      'services.app.depends_on.db.condition must be one of "service_started", "service_healthy", "service_completed_successfully"',
    ]);
  });

  it('reports missing required keys', () => {
    expect(validateCompose(service({ volumes: [{ source: './a', target: '/a' }] }))).toEqual([
      { path: ['services', 'app', 'volumes', 0], target: 'value', message: 'services.app.volumes[0] is missing required key "type"' },
    ]);
    expect(messages({ services: {}, models: { llm: {} } })).toEqual(['model "llm" is missing required key "model"']);
  });

  it('reports bounds, patterns and duplicates', () => {
    expect(messages(service({ cpu_percent: 200 }))).toEqual(['services.app.cpu_percent must be at most 100']);
    expect(messages(service({ oom_score_adj: -2000 }))).toEqual(['services.app.oom_score_adj must be at least -1000']);
    expect(messages(service({ container_name: '-' }))).toEqual(['services.app.container_name must match the pattern /[a-zA-Z0-9][a-zA-Z0-9_.-]+/']);
    expect(validateCompose(service({ ports: ['80:80', '443:443', '80:80'] }))).toEqual([
      { path: ['services', 'app', 'ports', 2], target: 'value', message: 'services.app.ports[2] is a duplicate of services.app.ports[0]' },
    ]);
    expect(messages(service({ ports: [{ target: 80 }, { target: 80 }] }))).toEqual(['services.app.ports[1] is a duplicate of services.app.ports[0]']);
  });

  it('returns every problem, ordered by path, the same way each time', () => {
    const model = {
      volumes: { data: { extrnal: true } },
      services: {
        web: { image: 'x', ports: '80', enviroment: {} },
        api: { build: 1, restart: 5 },
      },
      servics: {},
    };
    const expected = [
      { path: ['services', 'api', 'build'], target: 'value', message: 'services.api.build must be a string or a mapping' },
      { path: ['services', 'api', 'restart'], target: 'value', message: 'services.api.restart must be a string' },
      { path: ['services', 'web', 'enviroment'], target: 'key', message: 'unknown key "enviroment" in service "web" — did you mean "environment"?' },
      { path: ['services', 'web', 'ports'], target: 'value', message: 'services.web.ports must be a list' },
      { path: ['servics'], target: 'key', message: 'unknown top-level key "servics" — did you mean "services"?' },
      { path: ['volumes', 'data', 'extrnal'], target: 'key', message: 'unknown key "extrnal" in volume "data" — did you mean "external"?' },
    ];
    expect(validateCompose(model)).toEqual(expected);
    expect(validateCompose(model)).toEqual(expected);
  });
});

describe('docker/compose e2e fixture wrong-composefile', () => {
  const dir = join(corpus, 'docker__compose/pkg/e2e/fixtures/wrong-composefile');
  const load = (name: string): unknown => parse(readFileSync(join(dir, name), 'utf8'));

  it('compose.yaml: reports the unknown service key', () => {
    expect(validateCompose(load('compose.yaml'))).toEqual([
      { path: ['services', 'simple', 'wrongField'], target: 'key', message: 'unknown key "wrongField" in service "simple"' },
    ]);
  });

  it('build-error.yml and unknown-image.yml are schema-valid (they fail later, at build and pull time)', () => {
    expect(validateCompose(load('build-error.yml'))).toEqual([]);
    expect(validateCompose(load('unknown-image.yml'))).toEqual([]);
  });
});

describe('the schema and the generated module', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'compose-spec.json'), 'utf8'));

  it('keeps the vendored schema byte for byte', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256')
      .update(readFileSync(join(root, 'schema', 'compose-spec.json')))
      .digest('hex');
    expect(sha).toBe('73ca5878c77570ba222a558016c7b3c6770ba5f3377786593e32180666512f8f');
  });

  // src/preprocess/schema.ts picks the oneOf branch by the value's JSON type. That is exact only
  // while every oneOf chooses between branches of different types; a schema update breaking it
  // shows up here.
  it('has only oneOf whose branches accept disjoint JSON types', () => {
    const deref = (s: any): any => {
      while (s?.$ref)
        s = s.$ref
          .slice(2)
          .split('/')
          .reduce((a: any, k: string) => a[k], schema);
      return s;
    };
    const typesOf = (s: any): string[] => {
      const n = deref(s);
      if (n.oneOf) return n.oneOf.flatMap(typesOf);
      const t: string[] = Array.isArray(n.type) ? n.type : [n.type];
      return t.flatMap((x) => (x === 'number' ? ['number', 'integer'] : [x]));
    };
    const problems: string[] = [];
    const walk = (n: any, at: string): void => {
      if (Array.isArray(n)) {
        n.forEach((x, i) => {
          walk(x, `${at}/${i}`);
        });
        return;
      }
      if (!n || typeof n !== 'object') return;
      if (n.anyOf) problems.push(`${at}: anyOf`);
      if (n.oneOf) {
        const seen = new Set<string>();
        for (const branch of n.oneOf) {
          for (const t of typesOf(branch)) {
            if (t === undefined || seen.has(t)) problems.push(`${at}: ${t} in more than one branch`);
            seen.add(t);
          }
        }
        const siblings = Object.keys(n).filter((k) => !['oneOf', 'description'].includes(k));
        if (siblings.length) problems.push(`${at}: oneOf next to ${siblings.join(', ')}`);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${at}/${k}`);
    };
    walk(schema, '#');
    expect(problems).toEqual([]);
  });

  it('generates an ES module with no require() that also bundles with esbuild', async () => {
    const code = readFileSync(generated, 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    const esbuild = await import('esbuild');
    const out = mkdtempSync(join(tmpdir(), 'compose-schema-'));
    try {
      const entry = join(out, 'entry.ts');
      writeFileSync(
        entry,
        `import { validateCompose } from ${JSON.stringify(join(root, 'src', 'preprocess', 'schema.js'))};\n` +
          `export const issues = validateCompose({ services: { app: { image: 'x', ports: ['1:1', '1:1'] } } });\n`,
      );
      const bundle = join(out, 'bundle.mjs');
      await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
      const bundled = readFileSync(bundle, 'utf8');
      expect(bundled).not.toMatch(/\brequire\(/);
      const mod = await import(pathToFileURL(bundle).href);
      expect(mod.issues).toEqual([
        { path: ['services', 'app', 'ports', 1], target: 'value', message: 'services.app.ports[1] is a duplicate of services.app.ports[0]' },
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rebuilding is a silent no-op', () => {
    const before = readFileSync(generated, 'utf8');
    const output = execFileSync(process.execPath, [join(root, 'scripts', 'build-schema.mjs')], { encoding: 'utf8' });
    expect(output).toBe('');
    expect(readFileSync(generated, 'utf8')).toBe(before);
    expect(relative(root, generated)).toBe(join('src', 'generated', 'compose-schema-validate.js'));
  });
});
