/**
 * Names that a plain JavaScript object answers from Object.prototype (`constructor`, `__proto__`,
 * `toString`…) used wherever a compose project puts a name: services, variables, labels, secrets,
 * networks, volumes, profiles, anchors, build args, a mounted config's keys, a SilverStripe-style
 * `constructor:` block. Every command runs on it to the end (no internal error), and lint finds
 * exactly the secrets planted among them. Before dictionary.ts, `constructor` as a key crashed lint
 * ("e is not iterable") and every other command that reads names.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const CLI = join(REPO, 'dist/cli.js');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-proto-'));
  mkdirSync(join(dir, 'app/_config'), { recursive: true });
  writeFileSync(
    join(dir, 'compose.yaml'),
    [
      'x-constructor: &constructor',
      '  image: nginx',
      'services:',
      '  constructor:',
      '    <<: *constructor',
      '    environment:',
      '      constructor: ${constructor:-x}',
      '      __proto__: ${__proto__}',
      '      toString: y',
      '      DB_PASSWORD: Harbor-maple-4417x',
      '    labels:',
      '      hasOwnProperty: "1"',
      '    secrets: [constructor]',
      '    networks: [constructor]',
      '    volumes:',
      '      - constructor:/data',
      '      - ./conf.json:/etc/conf.json',
      '      - ./app/_config/app.yml:/var/www/app/_config/app.yml',
      '  toString:',
      '    image: valueOf',
      '    profiles: [constructor]',
      '    build:',
      '      context: .',
      '      args:',
      '        constructor: x',
      '        valueOf: y',
      '  __proto__:',
      '    image: constructor',
      '    environment:',
      '      DB_PASSWORD: Quartz-lantern-5521x',
      'secrets:',
      '  constructor:',
      '    file: ./constructor.txt',
      'networks:',
      '  constructor: {}',
      'volumes:',
      '  constructor: {}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, '.env'), 'constructor=1\n__proto__=2\nvalueOf=3\n');
  writeFileSync(join(dir, 'constructor.txt'), 'Lantern-quartz-8812\n');
  chmodSync(join(dir, 'constructor.txt'), 0o600);
  writeFileSync(join(dir, 'conf.json'), '{"constructor": {"password": "Zk8ddhJd99Hh"}, "__proto__": {"token": "Rq4sTt7uVv0wXx3yZz6aBb9c"}, "toString": 1}\n');
  writeFileSync(
    join(dir, 'app/_config/app.yml'),
    ['SilverStripe\\Core\\Injector\\Injector:', '  Mailer:', '    constructor:', '      - "%$Transport"', '    properties:', '      valueOf: 1', ''].join('\n'),
  );
  return dir;
}

function run(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('names Object.prototype answers to', () => {
  it('lint finds exactly the planted secrets', () => {
    const dir = project();
    const r = run(dir, ['lint', '--format', 'json', '.']);
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.out) as { findings: { file: string; line: number; column: number; ruleId: string }[] }).findings;
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'compose.yaml:10:20 secret-in-environment',
      'compose.yaml:30:20 secret-in-environment',
      'conf.json:1:31 secret-in-mounted-file',
      'conf.json:1:71 secret-in-mounted-file',
      'constructor.txt:1:1 secret-in-mounted-file',
    ]);
  });

  it.each([
    [['lint', '.'], 1],
    [['lint', '--format', 'sarif', '.'], 1],
    [['config'], 0],
    [['config', '--profile', 'constructor'], 0],
    [['audit', '.'], 0],
    // manual follow-ups remain (the mounted config, the committed secret file): 1
    [['fix', '--dry-run', '.'], 1],
    [['fix', '--dry-run', '--unsafe-fixes', '.'], 1],
    [['rotate', 'constructor', '--dry-run'], 0],
    // an alphabet named for Object's own (a value drawn from it was `undefined` repeated): a usage error, nothing written
    [['rotate', 'constructor', '--alphabet', 'constructor'], 2],
    [['rules', 'constructor'], 2],
    [['lint', '--rule', 'constructor', '.'], 2],
  ])('%j ends as it should, without an internal error', (args, status) => {
    const r = run(project(), args);
    // nor a name answered from Object.prototype in a message (`image constructor gives *_FILE variables another meaning (function Object() …)`)
    expect(r.out).not.toMatch(/internal error|TypeError|\n\s+at |native code/);
    expect(r.status).toBe(status);
  });

  it('rotate with an alphabet named constructor writes nothing', () => {
    const dir = project();
    const before = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    const r = run(dir, ['rotate', 'constructor', '--alphabet', 'constructor']);
    expect(r.out).toContain('unknown alphabet "constructor"');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'constructor_v2.txt'))).toBe(false);
  });
});
