/**
 * The files fix writes, read by real Compose loaders:
 *  - `docker stack config -c …` (the docker CLI runs it without an engine) for every fixture fixed
 *    with the swarm target;
 *  - Debian's docker-compose v1 (`docker-compose -f … config`) for every fixture whose output uses
 *    only constructs v1 knows (it has no `environment:` secret source and no build secrets).
 * Both skip with a message when the program is not installed. Also: the provisioning script is
 * valid sh, and run against a stand-in `docker` it never puts a value on a command line.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { groupIntoProjects } from '../../src/load/projects.js';
import { discover } from '../../src/load/discover.js';
import { cleanup, copyInput, expectedTree, fixCases, fix, sorted, tree } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

function available(cmd: string, args: string[], says: RegExp): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 && says.test(`${r.stdout}${r.stderr}`);
}

/** `docker stack config` exists from Docker 23 (Debian's docker.io 20.10 lacks it). */
const HAS_STACK = available('docker', ['stack', 'config', '--help'], /--compose-file/);
const HAS_V1 = available('docker-compose', ['version'], /docker-compose version 1\./);

/** The cases where fix writes something (a case that leaves everything alone has no output to load). */
const written = fixCases().filter((c) => !c.options.dryRun && !isDeepStrictEqual(sorted(tree(join(c.dir, 'input'))), expectedTree(c)));

async function units(dir: string): Promise<string[][]> {
  const found = await discover([dir]);
  return groupIntoProjects(found.files, dir).map((u) => u.map((f) => relative(dir, f)));
}

describe('docker stack config reads every swarm-target output', () => {
  if (!HAS_STACK) it.skip('`docker stack config` not found (it needs the Docker CLI 23 or later): swarm outputs not checked by a real loader', () => {});
  const swarm = written.filter((c) => (c.options.target ?? 'swarm') === 'swarm');
  it.skipIf(!HAS_STACK).each(swarm.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = join(c.dir, 'expected');
    for (const unit of await units(dir)) {
      const r = spawnSync('docker', ['stack', 'config', ...unit.flatMap((f) => ['-c', f])], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(r.stderr, `${c.name}: docker stack config ${unit.join(' ')}`).not.toMatch(/invalid|error/i);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/secrets:/);
    }
  });
});

/** Constructs docker-compose v1 does not know, which fix may write for --target compose. */
function v1Unsupported(text: string): string | undefined {
  if (/^\s+environment: [A-Z_][A-Z0-9_]*\s*$/m.test(text) && /^secrets:/m.test(text)) return 'a secret with an `environment:` source';
  if (/^\s+build:[\s\S]*?^\s+secrets:/m.test(text) && /args:/.test(text)) return 'build secrets';
  return undefined;
}

describe('docker-compose v1 reads the outputs it supports', () => {
  if (!HAS_V1) it.skip("docker-compose (v1) not found: install Debian's docker-compose package to run these", () => {});
  it.skipIf(!HAS_V1).each(written.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = join(c.dir, 'expected');
    for (const unit of await units(dir)) {
      const text = unit.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
      const unsupported = v1Unsupported(text);
      if (unsupported) {
        console.log(`docker-compose v1: ${c.name} skipped: v1 does not support ${unsupported}`);
        continue;
      }
      const r = spawnSync('docker-compose', [...unit.flatMap((f) => ['-f', f]), 'config'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
      });
      expect(r.stderr, `${c.name}: docker-compose ${unit.join(' ')} config`).not.toMatch(/invalid|ERROR/);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/secrets:/);
    }
  });
});

describe('the provisioning script', () => {
  it('is valid sh, creates every secret from its file or variable, and never passes a value as an argument', async () => {
    const c = fixCases().find((x) => x.name === 'swarm-script')!;
    const work = copyInput(c, temps);
    await fix({ ...c.options, cwd: work });
    const script = join(work, 'deploy/provision.sh');
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
    // a stand-in docker: `secret inspect` fails (nothing exists yet), `secret create` records its arguments and input
    const bin = mkdtempSync(join(tmpdir(), 'cs-fake-docker-'));
    temps.push(bin);
    const log = join(bin, 'log');
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\nif [ "$2" = inspect ]; then exit 1; fi\nprintf 'ARGS %s\\n' "$*" >> ${log}\nif [ "$4" = - ]; then printf 'STDIN %s\\n' "$(cat)" >> ${log}; else printf 'FILE %s\\n' "$(cat "$4")" >> ${log}; fi\n`,
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, MYSQL_PASSWORD: 'value-from-the-environment' };
    const r = spawnSync('sh', [script], { cwd: tmpdir(), encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      'ARGS secret create mysql_root_password_v1 ../.secrets/mysql_root_password',
      'FILE swarm-root-pass',
      'ARGS secret create mysql_password_v1 -',
      'STDIN value-from-the-environment',
    ]);
    // without the variable it stops before creating an empty secret
    rmSync(log);
    const missing = spawnSync('sh', [script], { cwd: tmpdir(), encoding: 'utf8', env: { PATH: env.PATH } });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/set MYSQL_PASSWORD/);
    expect(readFileSync(log, 'utf8')).not.toMatch(/mysql_password_v1/);

    // a name that exists already may hold another value (Swarm never shows it): an error, unless KEEP_EXISTING=1
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nif [ "$2" = inspect ]; then exit 0; fi\nprintf 'ARGS %s\\n' "$*" >> ${log}\n`);
    rmSync(log, { force: true });
    const exists = spawnSync('sh', [script], { cwd: tmpdir(), encoding: 'utf8', env });
    expect(exists.status).toBe(1);
    expect(exists.stderr).toBe(
      'secret mysql_root_password_v1 exists already and Swarm cannot show whether it holds this value: if an earlier run of this script created it, run again with KEEP_EXISTING=1; otherwise create the next version (secrets are immutable)\n',
    );
    const kept = spawnSync('sh', [script], { cwd: tmpdir(), encoding: 'utf8', env: { ...env, KEEP_EXISTING: '1' } });
    expect(kept.status).toBe(0);
    expect(kept.stderr).toBe(
      'secret mysql_root_password_v1 exists already: kept (KEEP_EXISTING=1)\nsecret mysql_password_v1 exists already: kept (KEEP_EXISTING=1)\n',
    );
    expect(() => readFileSync(log, 'utf8')).toThrow();
  });
});
