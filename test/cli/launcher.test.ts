import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';

const CLI = join(REPO, 'dist/cli.js');

/** Runs the built CLI the way a shell runs an installed bin: the file itself, through its #! line. */
function runBin(args: string[], cwd: string) {
  const r = spawnSync(CLI, args, {
    cwd,
    encoding: 'utf8',
    input: '',
    env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the launcher keeps our options away from node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-launch-'));
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n');

  it('starts node with -- before the script', () => {
    expect(readFileSync(CLI, 'utf8').split('\n').slice(0, 2)).toEqual(['#!/bin/sh', `':' //; exec node -- "$0" "$@"`]);
  });

  it("a missing --env-file is our error (exit 2), not node's (exit 9)", () => {
    const r = runBin(['lint', '--env-file', 'missing.env', '--', 'compose.yaml'], dir);
    expect(r).toEqual({ code: 2, stdout: 'error missing.env: env file not found\n\n', stderr: '' });
    const c = runBin(['config', '--env-file=missing.env'], dir);
    expect(c).toEqual({ code: 2, stdout: '', stderr: 'compose-secrets: missing.env: env file not found\n' });
  });

  it('an --env-file is never loaded by node: NODE_OPTIONS in it runs nothing', () => {
    writeFileSync(join(dir, 'evil.cjs'), "process.stderr.write('EVIL CODE RAN\\n');\n");
    writeFileSync(join(dir, 'evil.env'), `NODE_OPTIONS=--require ${join(dir, 'evil.cjs')}\n`);
    const r = runBin(['lint', '--env-file', 'evil.env', '--', 'compose.yaml'], dir);
    expect(r).toEqual({ code: 0, stdout: '✔ no secrets found in 1 file\n', stderr: '' });
    const i = runBin(['lint', '--env-file-if-exists=evil.env', 'compose.yaml'], dir);
    expect(i.stderr).not.toContain('EVIL');
    expect(i.code).toBe(2);
  });
});

describe('the launcher reads the bundle and its code cache', () => {
  const demo = join(REPO, 'fixtures/demo/compose.yaml');
  const expected = spawnSync(process.execPath, [CLI, 'lint', '--no-color', demo], { encoding: 'utf8' });
  /** A copy of dist/ whose code cache is missing, or made other than V8 wrote it. */
  function lintWithCache(cache: ((bytes: Buffer) => Buffer | undefined) | undefined) {
    const dist = join(mkdtempSync(join(tmpdir(), 'cs-dist-')), 'dist');
    cpSync(join(REPO, 'dist'), dist, { recursive: true });
    const file = readdirSync(dist).find((f) => f.endsWith('.cjs.cache'))!;
    const bytes = cache?.(readFileSync(join(dist, file)));
    if (bytes) writeFileSync(join(dist, file), bytes);
    else rmSync(join(dist, file));
    return spawnSync(process.execPath, [join(dist, 'cli.js'), 'lint', '--no-color', demo], { encoding: 'utf8' });
  }

  it('runs the same without its cache, and with a cache V8 refuses (shorter, longer, another bundle of the same length)', () => {
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain('8 problems');
    for (const cache of [undefined, (b: Buffer) => b.subarray(0, 100), (b: Buffer) => Buffer.concat([b, b]), (b: Buffer) => Buffer.alloc(b.length, 7)]) {
      const r = lintWithCache(cache);
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: expected.status, stdout: expected.stdout, stderr: expected.stderr });
    }
  });
});
