/**
 * fix killed mid-run (SIGKILL, no clean-up runs) leaves nothing behind: no copy of a file, and so
 * no secret, outside the project — in particular none in the temporary directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';
import { cleanup, copyInput, expectedTree, fix, fixCases, tree } from './helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const temps: string[] = [];
afterAll(() => cleanup(temps));

/** Every file below a directory (Node's own compile cache aside), relative. */
function filesBelow(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node-compile-cache' ? [] : filesBelow(p, base);
    return [relative(base, p)];
  });
}

describe.skipIf(!existsSync(CLI))('fix killed before it writes', () => {
  it('leaves the project as it was and nothing in $TMPDIR', async () => {
    const c = fixCases().find((x) => x.name === 'map-env')!;
    const work = copyInput(c, temps);
    const before = tree(work);
    const privateTmp = mkdtempSync(join(tmpdir(), 'cs-killed-tmp-'));
    temps.push(privateTmp);
    const child = spawn(process.execPath, [CLI, 'fix', '.'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', TMPDIR: privateTmp, COMPOSE_SECRETS_TEST_HOLD_BEFORE_WRITE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    await new Promise<void>((held, failed) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('holding before writing')) held();
      });
      child.on('exit', () => failed(new Error(`fix ended before holding: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(filesBelow(privateTmp)).toEqual([]);
    expect(tree(work)).toEqual(before);
    // and the value fix had read is nowhere in the temporary directory
    const secret = readFileSync(join(c.dir, 'expected-secrets/secrets/postgres_password'), 'utf8');
    for (const f of filesBelow(privateTmp)) expect(readFileSync(join(privateTmp, f), 'utf8')).not.toContain(secret);
  });
});

describe('fix interrupted while writing', () => {
  it('a temporary file left by a killed run is removed by the next run; one of a running process is kept', async () => {
    const c = fixCases().find((x) => x.name === 'map-env')!;
    const work = copyInput(c, temps);
    // the pid of a process that has ended
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(work, 'secrets'), { mode: 0o700 });
    const stale = [`secrets/.postgres_password.compose-secrets-${ended}-abc-0.tmp`, `.compose.yaml.compose-secrets-${ended}-abc-1.tmp`];
    const live = `secrets/.other.compose-secrets-${process.pid}-abc-2.tmp`;
    for (const f of [...stale, live]) writeFileSync(join(work, f), 'plaintext copy', { mode: 0o600 });
    const result = await fix({ ...c.options, cwd: work });
    expect(result.written).toBe(true);
    for (const f of stale) expect(existsSync(join(work, f)), f).toBe(false);
    expect(existsSync(join(work, live))).toBe(true);
  });

  it.skipIf(!existsSync(CLI)).each(['SIGTERM', 'SIGINT'])(
    '%s during the writes ends fix only once every file is written, with no temporary file left',
    async (signal) => {
      const c = fixCases().find((x) => x.name === 'map-env')!;
      const work = copyInput(c, temps);
      const child = spawn(process.execPath, [CLI, 'fix', '.'], {
        cwd: work,
        env: { PATH: process.env.PATH ?? '', COMPOSE_SECRETS_TEST_SIGNAL_DURING_WRITE: signal },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, sig) => done({ code, signal: sig })),
      );
      // the signal ends fix once the writes are done (or, when the event loop never turns again, fix
      // simply finishes): never in the middle of them
      expect([`signal ${signal}`, 'code 0']).toContain(exited.signal ? `signal ${exited.signal}` : `code ${exited.code}`);
      expect(filesBelow(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(tree(work)).toEqual(expectedTree(c));
    },
  );
});
