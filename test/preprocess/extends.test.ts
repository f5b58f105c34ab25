import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeAt, parseRoot, pos } from '../helpers.js';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/load/parse.js';
import { toPlain, type TreeMap, type TreeScalar } from '../../src/model/tree.js';
import { resolveExtends, rebasePath, type ExtendsHost } from '../../src/preprocess/extends.js';
import { applyResetTags, mergeRoots } from '../../src/preprocess/merge.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'fixtures/preprocess');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** A host reading files from disk, counting loads. */
function diskHost(): ExtendsHost & { loads: string[] } {
  return {
    loads: [],
    loadFile(p: string) {
      this.loads.push(p);
      if (!existsSync(p)) throw new LoadError(p, 'no such file');
      return parseRoot(p, readFileSync(p, 'utf8'));
    },
  };
}

/** A host serving in-memory files by absolute path. */
function memoryHost(files: Record<string, string>): ExtendsHost {
  return {
    loadFile(p: string) {
      const text = files[p];
      if (text === undefined) throw new LoadError(p, 'no such file');
      return parseRoot(p, text);
    },
  };
}

function resolveFile(file: string, host: ExtendsHost = diskHost()): TreeMap {
  return resolveExtends(parseRoot(file, readFileSync(file, 'utf8')), file, host);
}

function svc(root: TreeMap, name: string): unknown {
  return toPlain(nodeAt(root, 'services', name));
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

describe('extends in the same file', () => {
  const file = path.join(fixtures, 'extends-same-file/compose.yaml');

  it('merges the base service under the extending one, with the merge rules, and drops `extends`', () => {
    const r = resolveFile(file);
    expect(svc(r, 'web')).toEqual({
      image: 'example/base:1',
      environment: { LOG_LEVEL: 'info', DB_PASSWORD: 'web-secret' },
      ports: ['8080:80/tcp'],
      command: ['serve'],
      hostname: 'web',
    });
    expect(Object.keys(svc(r, 'web') as object)).toEqual(['image', 'environment', 'ports', 'command', 'hostname']);
    // the base itself is untouched
    expect(svc(r, 'base')).toEqual({
      image: 'example/base:1',
      environment: { LOG_LEVEL: 'info', DB_PASSWORD: 'base-secret' },
      ports: ['8080:80'],
      command: ['serve'],
    });
  });

  it('follows chains (worker -> web -> base), in either form of `extends`', () => {
    const r = resolveFile(file);
    expect(svc(r, 'worker')).toEqual({
      image: 'example/base:1',
      environment: { LOG_LEVEL: 'info', DB_PASSWORD: 'web-secret' },
      ports: ['8080:80/tcp'],
      command: ['work'],
      hostname: 'web',
    });
  });

  it('every value keeps its origin: inherited from the base, or the extending service', () => {
    const r = resolveFile(file);
    expect(pos(nodeAt(r, 'services', 'web', 'image'))).toBe(`${file}:3:12`);
    expect(pos(nodeAt(r, 'services', 'web', 'environment', 'LOG_LEVEL'))).toBe(`${file}:5:18`);
    // the overriding password points inside `- DB_PASSWORD=web-secret`
    expect(pos(nodeAt(r, 'services', 'web', 'environment', 'DB_PASSWORD'))).toBe(`${file}:13:21`);
    expect(pos(nodeAt(r, 'services', 'worker', 'hostname'))).toBe(`${file}:16:15`);
    expect(pos(nodeAt(r, 'services', 'worker', 'command'))).toBe(`${file}:20:14`);
  });

  it('!reset in the extending service removes the inherited value (compose-go testdata/extends/reset.yaml)', () => {
    const r = resolveFile(file);
    // the tag stays for a later merge with earlier files; one file alone drops it
    expect(Object.keys(svc(r, 'reset') as object)).toEqual(['image', 'command']);
    expect(nodeAt(r, 'services', 'reset', 'command').tag).toBe('!reset');
    expect(svc(applyResetTags(r), 'reset')).toEqual({ image: 'alpine:latest' });
  });

  it('!override in the extending service replaces instead of appending', () => {
    const root = parseRoot(
      '/p/compose.yaml',
      'services:\n  base:\n    volumes: [./a:/a]\n    environment: {A: 1}\n  web:\n    extends: base\n    volumes: !override [./b:/b]\n    environment: !reset {}\n',
    );
    const r = applyResetTags(resolveExtends(root, '/p/compose.yaml', memoryHost({})));
    expect(svc(r, 'web')).toEqual({ volumes: ['./b:/b'] });
  });

  it('the kept tags act again when the file is merged onto an earlier one (compose-go applies them to both)', () => {
    const base = parseRoot('/p/compose.yaml', 'services:\n  web:\n    image: a\n    command: [x]\n    environment: {A: 1}\n');
    const override = parseRoot(
      '/p/compose.override.yaml',
      'services:\n  tmpl:\n    command: [y]\n    user: u\n  web:\n    extends: tmpl\n    command: !reset\n',
    );
    const resolved = resolveExtends(override, '/p/compose.override.yaml', memoryHost({}));
    expect(svc(mergeRoots(base, resolved), 'web')).toEqual({ image: 'a', environment: { A: 1 }, user: 'u' });
  });

  it('deduplicates the merged service (environment lists, ports…)', () => {
    const root = parseRoot('/p/c.yaml', 'services:\n  a:\n    environment: [A=1, B=1]\n  b:\n    extends: a\n    environment: [A=2]\n');
    expect(svc(resolveExtends(root, '/p/c.yaml', memoryHost({})), 'b')).toEqual({ environment: ['A=2', 'B=1'] });
  });

  it('returns the root itself when no service extends another', () => {
    const root = parseRoot('/p/c.yaml', 'services:\n  a:\n    image: x\n');
    expect(resolveExtends(root, '/p/c.yaml', memoryHost({}))).toBe(root);
  });

  it('extending a service left empty keeps the extending service as it is (compose-go TestExtendsNil)', () => {
    const root = parseRoot('/p/c.yaml', 'services:\n  nil:\n  test:\n    image: test\n    extends: nil\n');
    expect(svc(resolveExtends(root, '/p/c.yaml', memoryHost({})), 'test')).toEqual({ image: 'test' });
  });
});

describe('extends from another file', () => {
  const dir = path.join(fixtures, 'extends-other-file');
  const file = path.join(dir, 'compose.yaml');

  it('rebases the relative paths of the other file onto the extending file directory', () => {
    const r = resolveFile(file);
    expect(svc(r, 'app')).toEqual({
      build: { context: './common/app', additional_contexts: ['shared=./shared', 'img=docker-image://alpine'] },
      env_file: ['./common/app.env', { path: './global.env', required: false }],
      volumes: [
        './common/data:/data',
        'named:/named',
        '/abs:/abs',
        { type: 'bind', source: './common/conf', target: '/conf' },
        { type: 'volume', source: 'vol', target: '/vol' },
      ],
      develop: { watch: [{ path: './common/src', action: 'sync', target: '/src' }] },
      environment: { API_TOKEN: 'from-app', LEVEL: 'debug' },
    });
  });

  it('a chain through a third file is rebased step by step; remote build contexts are left alone', () => {
    const r = resolveFile(file);
    expect(svc(r, 'proxy')).toEqual({
      image: 'nginx:1.27',
      volumes: ['./proxy/nginx.conf:/etc/nginx/nginx.conf:ro'],
      env_file: './proxy/proxy.env',
      build: 'https://github.com/example/proxy.git',
    });
  });

  it('a same-file extends inside the other file is resolved there first', () => {
    const r = resolveFile(file);
    expect(svc(r, 'local')).toMatchObject({
      build: { context: './common/app', additional_contexts: ['shared=./shared', 'img=docker-image://alpine'], target: 'dev' },
    });
  });

  it('inherited values report the other file; rebased values still point at what was written there', () => {
    const r = resolveFile(file);
    const common = path.join(dir, 'common/services.yaml');
    expect(pos(nodeAt(r, 'services', 'app', 'environment', 'LEVEL'))).toBe(`${common}:29:14`);
    expect(pos(nodeAt(r, 'services', 'app', 'environment', 'API_TOKEN'))).toBe(`${file}:7:18`);
    const context = nodeAt(r, 'services', 'app', 'build', 'context') as TreeScalar;
    expect(pos(context)).toBe(`${common}:4:16`);
    expect(context.value).toBe('./common/app');
    expect(context.sourceOffset).toBeUndefined();
    // untouched values keep their exact source mapping
    expect((nodeAt(r, 'services', 'app', 'volumes', 1) as TreeScalar).sourceOffset).toBe(0);
  });

  it('loads each other file once', () => {
    const host = diskHost();
    resolveFile(file, host);
    expect(host.loads.map((p) => path.relative(dir, p)).sort()).toEqual(['common/services.yaml', 'proxy/proxy.yaml']);
  });

  it('a relative path climbing out of the other directory (compose-go TestLoadExtendsSameFile)', () => {
    const r = resolveFile(path.join(fixtures, 'extends-sub-dir/compose.yaml'));
    expect(svc(r, 'out-base')).toEqual({ build: { context: '.' } });
    expect(svc(r, 'out-service')).toEqual({ build: { context: '.', target: 'target' } });
  });

  it('workingDir: relative paths of an override file kept elsewhere resolve against the project directory, as compose-go does', () => {
    const host = memoryHost({ '/p/common.yaml': 'services:\n  b:\n    build: ./ctx\n' });
    const root = parseRoot('/p/overrides/o.yaml', 'services:\n  a:\n    extends: {file: ./common.yaml, service: b}\n');
    expect(svc(resolveExtends(root, '/p/overrides/o.yaml', host, { workingDir: '/p' }), 'a')).toEqual({ build: './ctx' });
    const err = thrown(() => resolveExtends(root, '/p/overrides/o.yaml', host));
    expect(err.message).toBe('cannot extend service "a": file ./common.yaml: no such file');
  });

  it('rebasePath', () => {
    expect(rebasePath('./data', 'common')).toBe('./common/data');
    expect(rebasePath('data', '../x')).toBe('../x/data');
    expect(rebasePath('..', 'sub')).toBe('.');
    expect(rebasePath('.hidden', 'a')).toBe('./a/.hidden');
    expect(rebasePath('/abs', 'a')).toBe('/abs');
    expect(rebasePath('~/x', 'a')).toBe('~/x');
    expect(rebasePath('C:\\x', 'a')).toBe('C:\\x');
    expect(rebasePath('./x', '')).toBe('./x');
  });
});

describe('errors', () => {
  it('a cycle names the chain, at the extends that closes it', () => {
    const file = path.join(fixtures, 'extends-cycle/compose.yaml');
    const err = thrown(() => resolveFile(file));
    expect(err.message).toBe('extends cycle: a -> b -> c -> a');
    expect([err.file, err.line, err.column]).toEqual([file, 9, 5]);
  });

  it('a service extending itself', () => {
    const err = thrown(() => resolveExtends(parseRoot('/p/c.yaml', 'services:\n  web:\n    image: x\n    extends: web\n'), '/p/c.yaml', memoryHost({})));
    expect(err.message).toBe('extends cycle: web -> web');
    expect([err.file, err.line, err.column]).toEqual(['/p/c.yaml', 4, 5]);
  });

  it('a cycle across files names each file', () => {
    const dir = path.join(fixtures, 'extends-cycle-files');
    const err = thrown(() => resolveFile(path.join(dir, 'compose.yaml')));
    expect(err.message).toBe('extends cycle: web (./compose.yaml) -> api (./other.yaml) -> web (./compose.yaml)');
    expect([err.file, err.line, err.column]).toEqual([path.join(dir, 'other.yaml'), 4, 5]);
  });

  it('the same service name in two files is no cycle', () => {
    const host = memoryHost({ '/p/base.yaml': 'services:\n  web:\n    image: base\n' });
    const root = parseRoot('/p/c.yaml', 'services:\n  web:\n    extends: {file: base.yaml, service: web}\n    user: me\n');
    expect(svc(resolveExtends(root, '/p/c.yaml', host), 'web')).toEqual({ image: 'base', user: 'me' });
  });

  it('an unknown service, in the same file or another one', () => {
    const same = thrown(() => resolveExtends(parseRoot('/p/c.yaml', 'services:\n  web:\n    extends: base\n'), '/p/c.yaml', memoryHost({})));
    expect(same.message).toBe('service "base" not found (extends of service "web")');
    expect([same.file, same.line, same.column]).toEqual(['/p/c.yaml', 3, 14]);
    const host = memoryHost({ '/p/common.yaml': 'services:\n  other:\n    image: x\n' });
    const other = thrown(() =>
      resolveExtends(parseRoot('/p/c.yaml', 'services:\n  web:\n    extends:\n      file: ./common.yaml\n      service: base\n'), '/p/c.yaml', host),
    );
    expect(other.message).toBe('service "base" not found in ./common.yaml (extends of service "web")');
    expect([other.file, other.line, other.column]).toEqual(['/p/c.yaml', 5, 16]);
    const noServices = thrown(() =>
      resolveExtends(
        parseRoot('/p/c.yaml', 'services:\n  web:\n    extends: {file: e.yaml, service: base}\n'),
        '/p/c.yaml',
        memoryHost({ '/p/e.yaml': 'volumes: {}\n' }),
      ),
    );
    expect(noServices.message).toBe('service "base" not found in e.yaml (extends of service "web")');
  });

  it('a missing file is reported at `file:`', () => {
    const err = thrown(() =>
      resolveExtends(parseRoot('/p/c.yaml', 'services:\n  x:\n    extends:\n      service: base\n      file: ./missing.yaml\n'), '/p/c.yaml', memoryHost({})),
    );
    expect(err.message).toBe('cannot extend service "x": file ./missing.yaml: no such file');
    expect([err.file, err.line, err.column]).toEqual(['/p/c.yaml', 5, 13]);
  });

  it('a broken other file keeps its own position', () => {
    const err = thrown(() =>
      resolveExtends(
        parseRoot('/p/c.yaml', 'services:\n  x:\n    extends: {file: bad.yaml, service: b}\n'),
        '/p/c.yaml',
        memoryHost({ '/p/bad.yaml': 'services:\n  b: [\n' }),
      ),
    );
    expect(err.file).toBe('/p/bad.yaml');
    expect(err.message).toMatch(/^invalid YAML/);
  });

  it('a malformed extends', () => {
    const noService = thrown(() => resolveExtends(parseRoot('/p/c.yaml', 'services:\n  x:\n    extends: {file: a.yaml}\n'), '/p/c.yaml', memoryHost({})));
    expect(noService.message).toBe('extends of service "x" needs the name of a service to extend ("service:")');
    const list = thrown(() => resolveExtends(parseRoot('/p/c.yaml', 'services:\n  x:\n    extends: [a]\n'), '/p/c.yaml', memoryHost({})));
    expect(list.message).toBe('extends of service "x" must be a service name or a mapping with "service" (and "file")');
    expect([list.line, list.column]).toEqual([3, 14]);
  });

  it('does not mutate its input', () => {
    const file = path.join(fixtures, 'extends-other-file/compose.yaml');
    const root = parseRoot(file, readFileSync(file, 'utf8'));
    const before = structuredClone(root);
    resolveExtends(root, file, diskHost());
    expect(root).toEqual(before);
  });
});

describe.skipIf(!existsSync(corpus))(`compose-go and docker compose fixtures (${corpus})`, () => {
  const goLoader = path.join(corpus, 'compose-spec__compose-go/loader');

  it('compose-go TestExtends / Ulimits / Port / RelativePath / Nil, against testdata/extends/base.yaml', () => {
    const file = path.join(goLoader, '(inline).yaml');
    const root = parseRoot(
      file,
      `services:
  test1:
    extends: {file: testdata/extends/base.yaml, service: base}
    hostname: test1
  test3:
    extends: {file: testdata/extends/base.yaml, service: another}
    hostname: test3
  ulimits:
    extends: {file: testdata/extends/base.yaml, service: withUlimits}
  port:
    image: test
    extends: {file: testdata/extends/base.yaml, service: with-port}
  relative:
    extends: {file: testdata/extends/base.yaml, service: with-build}
  nil:
    image: test
    extends: {file: testdata/extends/base.yaml, service: nil}
`,
    );
    const r = resolveExtends(root, file, diskHost());
    expect(svc(r, 'test1')).toEqual({ image: 'base', hostname: 'test1' });
    expect(svc(r, 'test3')).toEqual({ image: 'base', hostname: 'test3' });
    expect(svc(r, 'ulimits')).toEqual({ image: 'test', ulimits: { nproc: 65535, nofile: { soft: 20000, hard: 40000 } } });
    expect(svc(r, 'port')).toEqual({ ports: ['8000:8000'], image: 'test' });
    // compose-go: Build.Context == filepath.Join("testdata", "extends")
    expect(svc(r, 'relative')).toEqual({ build: './testdata/extends' });
    expect(svc(r, 'nil')).toEqual({ image: 'test' });
  });

  it('compose-go compose-test-extends.yaml: env_file relative to the imported file', () => {
    const r = resolveFile(path.join(goLoader, 'testdata/compose-test-extends.yaml'));
    expect(svc(r, 'importer')).toEqual({
      image: 'nginx',
      container_name: '${SOURCE:-imported}',
      env_file: ['./subdir/extra.env'],
      volumes: ['/opt/data:/var/lib/mysql'],
    });
  });

  it('compose-go testdata/extends/withdir: nested extends through a subdirectory', () => {
    const r = resolveFile(path.join(goLoader, 'testdata/extends/withdir/compose.yaml'));
    expect(svc(r, 'test')).toEqual({ image: 'hello-world' });
  });

  it('compose-go testdata/extends/reset.yaml', () => {
    const r = applyResetTags(resolveFile(path.join(goLoader, 'testdata/extends/reset.yaml')));
    expect(svc(r, 'base')).toEqual({ image: 'alpine:latest' });
  });

  it('compose-go compose-test-extends-with-context-url.yaml: a URL context is not a path', () => {
    const r = resolveFile(path.join(goLoader, 'testdata/compose-test-extends-with-context-url.yaml'));
    expect(svc(r, 'importer-with-https-url')).toEqual({ build: { context: 'https://github.com/docker/compose.git' } });
  });

  it('docker compose publish/oci: extends, then an override file adds env_file', () => {
    const dir = path.join(corpus, 'docker__compose/pkg/e2e/fixtures/publish/oci');
    const host = diskHost();
    const base = resolveFile(path.join(dir, 'compose.yaml'), host);
    const overrideFile = path.join(dir, 'compose-override.yaml');
    const override = resolveExtends(parseRoot(overrideFile, readFileSync(overrideFile, 'utf8')), overrideFile, host);
    const m = mergeRoots(base, override);
    expect(svc(m, 'app')).toEqual({ image: 'alpine', env_file: 'test.env' });
    expect(nodeAt(m, 'services', 'app', 'image').origin.file).toBe(path.join(dir, 'extends.yaml'));
  });

  it('docker compose TestPublishWithExtends', () => {
    const r = resolveFile(path.join(corpus, 'docker__compose/pkg/e2e/testdata/TestPublishWithExtends/compose.yaml'));
    expect(svc(r, 'test')).toEqual({ image: 'bar' });
  });
});
