/** `compose-secrets fix` through the built CLI (dist/cli.js; `npm install` builds it). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('lint does not load the fix code', () => {
    const main = readdirSync(join(REPO, 'dist/chunks')).find((f) => /^main-.*\.js$/.test(f));
    if (!main) return; // a single-file bundle: nothing to check
    const text = readFileSync(join(REPO, 'dist/chunks', main), 'utf8');
    expect(text).not.toContain('Creates the Swarm secrets');
    expect(text).toMatch(/import\("\.\/fix-[A-Z0-9]+\.js"\)/);
    // nor the diff library: it is in fix's lazy chunk, outside what main loads statically
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const code = readFileSync(join(REPO, 'dist/chunks', file), 'utf8');
      for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(m[1]);
    };
    visit(main);
    for (const file of loaded) expect(readFileSync(join(REPO, 'dist/chunks', file), 'utf8')).not.toContain('No newline at end of file');
  });
});
