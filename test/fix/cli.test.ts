/** `compose-secrets fix` through the built CLI (dist/cli.js; `npm install` builds it). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WRAP_HEAD } from '../../scripts/lib/code-cache.mjs';
import { REPO } from '../helpers.js';
import { cleanup, copyInput, expectedTree, fixCases, sorted, tree } from './helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const BUILT = existsSync(CLI);
const temps: string[] = [];
afterAll(() => cleanup(temps));

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!BUILT)('compose-secrets fix (CLI)', () => {
  if (!BUILT) it.skip('dist/cli.js not built: run `node scripts/build.mjs`', () => {});

  it("a .env value that expands another's is reported at that other line; fix's follow-up names the variable's own line", () => {
    const r = run(['fix', '--dry-run', '--unsafe-fixes', 'fixtures/project/dotenv-expansion']);
    expect(r.stderr).toBe('');
    const followUps = r.stdout.split('\n').filter((l) => l.includes('is left in'));
    expect(followUps.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'fixtures/project/dotenv-expansion/.env:1 POSTGRES_PASSWORD',
      'fixtures/project/dotenv-expansion/.env:3 DATABASE_URL',
    ]);
  });

  it('leaves a secret with an empty default alone and says why: no secret source keeps a default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-optional-'));
    temps.push(dir);
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: example/app:1\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY:-}\n      SMTP_URL: smtp://mail:${SMTP_PASSWORD}@mail:587\n',
    );
    const r = run(['fix', '--dry-run', '--target', 'compose', 'compose.yaml'], dir);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n').filter((l) => l.includes('not rewritten'));
    expect(
      lines.map(
        (l) =>
          l
            .trim()
            .replace(/ .* not rewritten: /, ' ')
            .split(';')[0],
      ),
    ).toEqual([
      'compose.yaml:5 the variable has an empty default (the setting is optional), which no secret source keeps',
      'compose.yaml:6 the value mixes text and variables, which no secret source can express',
    ]);
  });

  it('--dry-run fixtures/demo prints a masked diff and the secret files, writes nothing, exits 1', () => {
    const before = tree(join(REPO, 'fixtures/demo'));
    const r = run(['fix', '--dry-run', 'fixtures/demo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/fixtures\/demo\/\.gitignore\n/);
    expect(r.stdout).toContain('+      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password');
    expect(r.stdout).toContain('Secret files that would be written (mode 0600, directory 0700):\n  fixtures/demo/secrets/postgres_password\n');
    expect(r.stdout).toMatch(/Dry run: nothing was written/);
    for (const value of ['hunter2', 's3cr3t-redis-pass', 'changeme']) expect(r.stdout).not.toContain(value);
    expect(tree(join(REPO, 'fixtures/demo'))).toEqual(before);
  });

  it('fixes a project, then a second run has nothing to do', () => {
    const c = fixCases().find((x) => x.name === 'map-env')!;
    const work = copyInput(c, temps);
    const first = run(['fix', '.'], work);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(readFileSync(join(c.dir, 'expected.stdout.txt'), 'utf8'));
    expect(sorted(tree(work))).toEqual(expectedTree(c));
    const second = run(['fix', '.'], work);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('Nothing to fix.\n');
    expect(sorted(tree(work))).toEqual(expectedTree(c));
  });

  it('rejects an unknown target and an unknown rule with exit 2', () => {
    expect(run(['fix', '--target', 'k8s', 'fixtures/demo']).code).toBe(2);
    const r = run(['fix', '--rule', 'no-such-rule', '--dry-run', 'fixtures/demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule no-such-rule/);
  });

  it('lint does not run the fix code', () => {
    // The CLI is one bundle (scripts/build.mjs) in which fix sits behind lazy imports: V8's
    // coverage of a lint says which of its functions ran. The module init that holds fix's
    // provisioning header, and the diff library's patch writer, must not have.
    const dir = mkdtempSync(join(tmpdir(), 'cs-cov-'));
    temps.push(dir);
    const r = spawnSync(process.execPath, [CLI, 'lint', 'fixtures/demo/compose.yaml'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NODE_V8_COVERAGE: dir },
    });
    expect(r.status).toBe(1);
    const scripts = readdirSync(dir).flatMap(
      (f) =>
        (
          JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
            result: { url: string; functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[] }[];
          }
        ).result,
    );
    const bundle = scripts.find((s) => /\/dist\/cli-[0-9a-f]+\.cjs$/.test(s.url));
    expect(bundle).toBeDefined();
    const source = readFileSync(new URL(bundle!.url), 'utf8');
    // offsets are in the compiled text, which is the file's: the build writes the bundle wrapped in the launcher's function head
    expect(source.startsWith(WRAP_HEAD)).toBe(true);
    for (const marker of ['Creates the Swarm secrets', 'No newline at end of file']) {
      const at = source.indexOf(marker);
      expect(at).toBeGreaterThan(WRAP_HEAD.length);
      const innermost = bundle!.functions
        .map((f) => f.ranges[0])
        .filter((range) => range.startOffset <= at && at < range.endOffset)
        .sort((a, b) => a.endOffset - a.startOffset - (b.endOffset - b.startOffset))[0];
      expect(innermost?.count, marker).toBe(0);
    }
  });
});
