import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';
import { RULES } from '../../rules/index.js';
import { RULE_ALIASES } from '../../src/engine/aliases.js';

const CLI = join(REPO, 'dist/cli.js');

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { PATH: process.env.PATH ?? '', ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('compose-secrets lint (CLI)', () => {
  it('a plain `lint FILE…` (read without commander) says what the same command with every default spelled out says', () => {
    const files = ['fixtures/demo/compose.yaml', 'fixtures/broken/invalid-yaml.yaml', 'no/such/file.yaml'];
    for (const [plain, spelled] of [
      [
        ['lint', files[0]],
        ['lint', '--format', 'stylish', files[0]],
      ],
      [
        ['lint', '--no-color', '--quiet', files[0]],
        ['lint', '--format', 'stylish', '--no-color', '--quiet', files[0]],
      ],
      [
        ['lint', ...files],
        ['lint', '--format=stylish', ...files],
      ],
      [
        ['lint', 'fixtures/demo'],
        ['lint', '--format', 'stylish', 'fixtures/demo'],
      ],
    ]) {
      const a = run(plain);
      expect(a).toEqual(run(spelled));
      expect(a.code).not.toBe(0);
    }
    // an unknown option still goes to commander, which refuses it
    expect(run(['lint', '--nope', files[0]])).toMatchObject({ code: 2, stderr: "error: unknown option '--nope'\n" });
  });

  it('prints the demo findings in stylish format and exits 1', () => {
    const r = run(['lint', 'fixtures/demo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(REPO, 'fixtures/demo/expected.stylish.txt'), 'utf8'));
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR or --no-color', () => {
    expect(run(['lint', 'fixtures/demo'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(run(['lint', 'fixtures/demo'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(run(['lint', '--no-color', 'fixtures/demo'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('colours a terminal, and not a file or a pipe', () => {
    // util-linux script(1) gives the CLI a pseudo-terminal as its stdout
    const tty = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" lint fixtures/demo`, '/dev/null'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm' },
    });
    expect(tty.stdout).toContain('\u001b[31m');
    const dir = mkdtempSync(join(tmpdir(), 'cs-out-'));
    try {
      spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint fixtures/demo > "${dir}/out"`], { cwd: REPO, env: { PATH: process.env.PATH ?? '' } });
      expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(readFileSync(join(REPO, 'fixtures/demo/expected.stylish.txt'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(run(['lint', 'fixtures/demo']).stdout).not.toContain('\u001b[');
  });

  // a report larger than a pipe holds (64 KiB): the JSON of a corpus project with 165 findings
  const BIG = join(REPO, '../shared/corpus/yorch__docker-compose-services');

  // a parent that made its stdout non-blocking (Python's asyncio, some task runners) hands the
  // child a pipe that can be full (EAGAIN) while the reader sleeps; python3 comes with
  // docker-compose v1, which CI installs
  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('a report arrives whole through a non-blocking pipe whose reader is slow', () => {
    const parent = 'import os, subprocess, sys; os.set_blocking(1, False); sys.exit(subprocess.run(sys.argv[1:]).returncode)';
    const r = spawnSync('sh', ['-c', `python3 -c "$1" "${process.execPath}" "${CLI}" lint --format json "${BIG}" | (sleep 1; cat)`, 'sh', parent], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.stderr).toBe('');
    // whole: the same report as through an ordinary pipe (its size is the detector's business)
    const direct = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', BIG], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(direct.stdout.length).toBeGreaterThan(65_536);
    expect(r.stdout).toBe(direct.stdout);
  });

  it('a reader that goes away (| head) ends the output quietly, with the exit code of the findings', () => {
    const r = spawnSync('sh', ['-c', `{ "${process.execPath}" "${CLI}" lint --format json "${BIG}"; echo "exit $?" >&2; } | head -c 100 > /dev/null`], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('exit 1\n');
  });

  it('--format json gives the documented shape', () => {
    const r = run(['lint', '--format', 'json', 'fixtures/lint/anchors']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['version', 'files', 'findings', 'errors']);
    expect(json.findings[0]).toEqual({
      ruleId: 'secret-in-environment',
      severity: 'error',
      file: 'fixtures/lint/anchors/compose.yaml',
      line: 4,
      column: 16,
      endLine: 4,
      endColumn: 37,
      message: 'DB_PASSWORD holds a hardcoded password',
      service: 'api',
      services: ['api', 'worker'],
      path: ['services', 'api', 'environment', 'DB_PASSWORD'],
      fixable: true,
      fix: { applicability: 'unsafe', reason: 'the image is not known to read DB_PASSWORD_FILE' },
      redacted: '•••• (21 chars)',
    });
  });

  it('--quiet drops warnings; --max-warnings decides the exit code for warnings', () => {
    const warningsOnly = 'services:\n  app:\n    image: x\n    environment:\n      - API_TOKEN\n';
    expect(run(['lint', '-'], { input: warningsOnly }).code).toBe(0);
    expect(run(['lint', '--max-warnings', '0', '-'], { input: warningsOnly }).code).toBe(1);
    const quiet = run(['lint', '--quiet', '--format', 'json', '-'], { input: warningsOnly });
    expect(JSON.parse(quiet.stdout).findings).toEqual([]);
    expect(run(['lint', '--max-warnings', 'many', '-'], { input: warningsOnly })).toMatchObject({
      code: 2,
      stderr: 'compose-secrets: --max-warnings takes a whole number, not "many"\n',
    });
  });

  it('reads standard input for -', () => {
    const r = run(['lint', '--format', 'json', '-'], { input: 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: s3cr3t\n' });
    const json = JSON.parse(r.stdout);
    expect(json.files).toEqual(['<stdin>']);
    expect(json.findings.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`)).toEqual(['<stdin>:5:26']);
    expect(r.stdout).not.toContain('s3cr3t');
  });

  it('bad input: one located line and exit 2; the other files are still linted', () => {
    const r = run(['lint', '--format', 'json', 'fixtures/broken/invalid-yaml.yaml', 'fixtures/lint/anchors/compose.yaml']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.errors).toEqual([{ file: 'fixtures/broken/invalid-yaml.yaml', line: 6, column: 1, message: expect.stringMatching(/^invalid YAML: /) }]);
    expect(json.findings).toHaveLength(2);
    const stylish = run(['lint', 'fixtures/broken/alias-bomb.yaml']);
    expect(stylish.code).toBe(2);
    expect(stylish.stdout).toContain('error fixtures/broken/alias-bomb.yaml:6:7: the document expands to more than 500000 nodes');
    expect(stylish.stdout).not.toMatch(/\n\s+at /);
  });

  it('a directory without compose files, a missing file and an unknown option are usage errors', () => {
    const empty = run(['lint', 'src/cli']);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe(
      'error src/cli: no compose files found (looked for compose*.yaml, docker-compose*.yml, *.compose.yaml, stack.yml, docker-stack.yml, *.stack.yml)\n\n',
    );
    expect(run(['lint', 'nope.yaml']).stdout).toContain('error nope.yaml: no such file');
    const unknown = run(['lint', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown option '--frobnicate'\n");
  });

  it("rules lists the rules and prints one rule's documentation", () => {
    // ids padded to the longest (secret-external-without-swarm)
    expect(run(['rules']).stdout.split('\n')[0]).toBe("secret-in-environment          error    A literal secret is written in a service's environment");
    expect(run(['rules', 'secret-in-build-args']).stdout).toContain('**Why is this bad?**');
    expect(run(['rules', 'nope'])).toMatchObject({ code: 2, stderr: 'compose-secrets: unknown rule "nope" (see compose-secrets rules)\n' });
  });

  it('-f, --env-file and --rule take one value each and repeat: the paths after them stay paths', () => {
    const one = run(['lint', '--format', 'json', '--rule', 'secret-in-build-args', 'fixtures/lint/build-args']);
    const json = JSON.parse(one.stdout);
    expect(json.files).toEqual(['fixtures/lint/build-args/compose.yaml']);
    expect(new Set(json.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['secret-in-build-args']));
    const two = JSON.parse(run(['lint', '--format', 'json', '--rule', 'secret-in-build-args', '--rule', 'secret-in-environment', 'fixtures/demo']).stdout);
    expect(two.files).toEqual(['fixtures/demo/compose.yaml']);
    expect(two.findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`)).toEqual([
      '9 secret-in-environment',
      '22 secret-in-build-args',
      '24 secret-in-environment',
      '27 secret-in-environment',
    ]);
    const files = JSON.parse(run(['lint', '--format', 'json', '-f', 'fixtures/demo/compose.yaml', '-f', 'fixtures/lint/anchors/compose.yaml']).stdout);
    expect(files.files).toEqual(['fixtures/demo/compose.yaml', 'fixtures/lint/anchors/compose.yaml']);
    expect(run(['lint', '-f', 'fixtures/demo/compose.yaml', 'fixtures/lint/anchors'])).toMatchObject({
      code: 2,
      stderr: 'compose-secrets: give either paths or -f files, not both\n',
    });
  });

  it('an unknown rule id, an unknown command and lint --profile are usage errors', () => {
    // every rule, then the aliases (secret-misuse)
    const ids = [...RULES.map((r) => r.meta.id), ...Object.keys(RULE_ALIASES)].join(', ');
    expect(run(['lint', '--rule', 'bogus', 'fixtures/demo'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `compose-secrets: unknown rule "bogus" (rules: ${ids})\n`,
    });
    expect(run(['lnit', 'fixtures/demo'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'compose-secrets: unknown command "lnit" (commands: lint, config, fix, rules, audit, rotate, baseline; a path that does not exist is not linted)\n',
    });
    // a bare word that names a file is a path
    expect(run(['LICENSE']).stdout).toMatch(/^error LICENSE:1:1: invalid YAML/);
    expect(run(['lint', '--profile', 'debug', 'fixtures/demo'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'compose-secrets: lint checks the services of every profile (a secret in an inactive profile is still committed): --profile is for config\n',
    });
  });

  it('nothing linted: the reason is an error of every format', () => {
    const json = run(['lint', '--format', 'json', 'src/cli']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors).toEqual([
      {
        file: 'src/cli',
        message: 'no compose files found (looked for compose*.yaml, docker-compose*.yml, *.compose.yaml, stack.yml, docker-stack.yml, *.stack.yml)',
      },
    ]);
    const sarif = JSON.parse(run(['lint', '--format', 'sarif', 'src/cli']).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe(
      'no compose files found (looked for compose*.yaml, docker-compose*.yml, *.compose.yaml, stack.yml, docker-stack.yml, *.stack.yml)',
    );
  });

  it('--max-warnings says why it failed; --quiet says what it hid', () => {
    const warningsOnly = 'services:\n  app:\n    image: x\n    environment:\n      - API_TOKEN\n';
    expect(run(['lint', '--max-warnings', '0', '-'], { input: warningsOnly })).toMatchObject({
      code: 1,
      stderr: 'compose-secrets: too many warnings (1; --max-warnings is 0)\n',
    });
    expect(run(['lint', '--quiet', '--max-warnings', '0', '-'], { input: warningsOnly })).toMatchObject({
      code: 1,
      stdout: '✔ no errors in 1 file (1 warning hidden by --quiet)\n',
      stderr: 'compose-secrets: too many warnings (1; --max-warnings is 0)\n',
    });
    expect(run(['lint', '--quiet', '-'], { input: warningsOnly })).toMatchObject({ code: 0, stdout: '✔ no errors in 1 file (1 warning hidden by --quiet)\n' });
  });
});
