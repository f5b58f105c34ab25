/**
 * fix's guarantee checked by oracles that are not our loader (scripts/fix-oracle.mjs): on a fixed
 * sample of corpus projects, for both targets, what each container receives is unchanged, or VAR
 * became VAR_FILE naming a mounted secret whose content is exactly the old value. docker-compose v1
 * loads --target compose; `docker stack config` and the provisioning script (run with a fake
 * docker) check --target swarm. Skipped when the shared corpus, docker-compose or docker is absent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, HAS_SHARED, REPO } from '../helpers.js';

const script = join(REPO, 'scripts/fix-oracle.mjs');

/** Hardcoded values, a value passed through from the shell, an env file, a service with an override-free project. */
const SAMPLE = [
  'docker__awesome-compose/aspnet-mssql',
  'docker__awesome-compose/nextcloud-postgres',
  'Dokploy__templates/blueprints/focalboard',
  'Dokploy__templates/blueprints/activepieces',
  'deviantony__docker-elk',
];

const available = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
const HAS_V1 = available('docker-compose', ['version']);
const HAS_DOCKER = available('docker', ['--version']);
const reason = !HAS_SHARED ? 'no shared corpus' : !HAS_V1 ? 'docker-compose (v1) is not installed' : !HAS_DOCKER ? 'docker (CLI) is not installed' : '';
if (reason) console.warn(`test/fix/oracle.test.ts skipped: ${reason}`);

interface Result {
  target: string;
  project: string;
  outcome: string;
  broken?: { service: string; variable: string; what: string }[];
}

const temp = mkdtempSync(join(tmpdir(), 'fix-oracle-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the script asynchronously (a long synchronous child would starve the vitest worker's RPC). */
async function oracle(name: string, extraEnv: Record<string, string> = {}, dirs = SAMPLE): Promise<Result[]> {
  const out = join(temp, `${name}.json`);
  const child = spawn(process.execPath, [script, '--corpus', CORPUS, '--dirs', dirs.join(','), '--json', out], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  expect(status === 0 || status === 1, stderr).toBe(true);
  return JSON.parse(readFileSync(out, 'utf8')).results as Result[];
}

describe.skipIf(Boolean(reason))('fix against independent oracles (docker-compose v1, docker stack config)', () => {
  it('breaks no project of the sample, for both targets', async () => {
    const results = await oracle('sample');
    const broken = results.filter((r) => r.outcome === 'broken');
    expect(broken.flatMap((r) => (r.broken ?? []).map((b) => `${r.target} ${r.project} ${b.service} ${b.variable}: ${b.what}`))).toEqual([]);
    // not vacuous: each target fixed and compared at least a few projects
    for (const target of ['compose', 'swarm']) {
      expect(results.filter((r) => r.target === target && r.outcome === 'equivalent').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('catches a secret that differs from the old value (one extra newline)', async () => {
    const results = await oracle('tamper', { FIX_ORACLE_TAMPER: '1' }, SAMPLE.slice(0, 1));
    expect(results.map((r) => [r.target, r.outcome])).toEqual([
      ['compose', 'broken'],
      ['swarm', 'broken'],
    ]);
    expect(results[0].broken?.[0]).toMatchObject({ service: 'db', variable: 'SA_PASSWORD', what: 'secret has one extra trailing byte' });
  });
});
