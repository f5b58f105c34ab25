/** Baselines: only new findings are reported; moves, reorders and reformatting keep entries; a changed value is new. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { type Baseline, readBaseline, valueTagger } from '../../src/lint/baseline.js';
import { emptySettings } from '../../src/settings.js';
import { REPO } from '../helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const SALT = '00112233445566778899aabbccddeeff';
const ORIGINAL =
  'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2\n  app:\n    image: x\n    environment:\n      API_TOKEN: ${API_TOKEN}\n';
/** The same findings: services reordered, lines moved, flow style. */
const REFORMATTED =
  'services:\n  app:\n    environment:\n      API_TOKEN: ${API_TOKEN}\n    image: x\n\n\n  db:\n    environment: {POSTGRES_PASSWORD: hunter2}\n    image: postgres\n';

function project(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-baseline-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'compose.yaml'), text);
  return dir;
}

async function record(dir: string): Promise<Baseline> {
  const file = join(dir, '.compose-secrets-baseline.json');
  const r = await lint([], { cwd: dir, settings: emptySettings(), record: { salt: SALT, file } });
  return { file, salt: SALT, entries: r.baselineEntries ?? [] };
}

async function against(dir: string, baseline: Baseline) {
  const r = await lint([], { cwd: dir, settings: emptySettings(), baseline });
  return { findings: r.findings.map((f) => `${f.line} ${f.ruleId}`), known: r.baseline?.known, stale: r.baseline?.stale.length, warnings: r.warnings };
}

describe('baseline', () => {
  it('records file, rule, key path and 16 bits of a keyed hash of the value', async () => {
    const baseline = await record(project(ORIGINAL));
    expect(baseline.entries).toEqual([
      {
        file: 'compose.yaml',
        ruleId: 'secret-in-environment',
        path: ['services', 'db', 'environment', 'POSTGRES_PASSWORD'],
        value: valueTagger(SALT)('hunter2'),
      },
      { file: 'compose.yaml', ruleId: 'secret-via-environment', path: ['services', 'app', 'environment', 'API_TOKEN'], value: '' },
    ]);
    expect(valueTagger(SALT)('hunter2')).toMatch(/^[0-9a-f]{4}$/);
    // another salt, another tag: a tag cannot be looked up in a table made for every baseline
    expect(valueTagger('ffeeddccbbaa99887766554433221100')('hunter2')).not.toBe(valueTagger(SALT)('hunter2'));
  });

  it('lint --baseline reports nothing new after lines move, services are reordered and the file reformatted', async () => {
    const dir = project(ORIGINAL);
    const baseline = await record(dir);
    expect(await against(dir, baseline)).toEqual({ findings: [], known: 2, stale: 0, warnings: [] });
    writeFileSync(join(dir, 'compose.yaml'), REFORMATTED);
    expect(await against(dir, baseline)).toEqual({ findings: [], known: 2, stale: 0, warnings: [] });
  });

  it('a changed value is reported again, and its old entry is stale', async () => {
    const dir = project(ORIGINAL);
    const baseline = await record(dir);
    writeFileSync(join(dir, 'compose.yaml'), ORIGINAL.replace('hunter2', 'hunter3'));
    expect(await against(dir, baseline)).toEqual({
      findings: ['5 secret-in-environment'],
      known: 1,
      stale: 1,
      warnings: [
        {
          file: '.compose-secrets-baseline.json',
          message: 'stale entry: secret-in-environment at services.db.environment.POSTGRES_PASSWORD in compose.yaml is no longer found (--prune removes it)',
        },
      ],
    });
  });

  it('the CLI writes a baseline without the value, honours it, and --prune drops stale entries', () => {
    const dir = project(ORIGINAL);
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', input: '' });
    expect(run(['baseline'])).toMatchObject({ status: 0, stdout: '2 findings recorded in .compose-secrets-baseline.json\n' });
    const text = readFileSync(join(dir, '.compose-secrets-baseline.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(readBaseline(join(dir, '.compose-secrets-baseline.json')).entries).toHaveLength(2);
    expect(run(['lint', '--baseline', '.compose-secrets-baseline.json'])).toMatchObject({
      status: 0,
      stdout: '✔ no new secrets found in 1 file (2 in the baseline)\n',
    });
    writeFileSync(join(dir, 'compose.yaml'), REFORMATTED.replace('hunter2', 'another-pass'));
    expect(run(['lint', '--baseline', '.compose-secrets-baseline.json', '--prune', '--format', 'compact'])).toMatchObject({
      status: 1,
      stdout:
        'compose.yaml:9:38: error POSTGRES_PASSWORD holds a hardcoded password [secret-in-environment]\n.compose-secrets-baseline.json:1:1: warning stale entry: secret-in-environment at services.db.environment.POSTGRES_PASSWORD in compose.yaml is no longer found (--prune removes it)\n',
      stderr: 'compose-secrets: removed 1 stale entry from .compose-secrets-baseline.json\n',
    });
    expect(readBaseline(join(dir, '.compose-secrets-baseline.json')).entries.map((e) => e.ruleId)).toEqual(['secret-via-environment']);
    // regenerating keeps the salt
    expect(run(['baseline'])).toMatchObject({ status: 0 });
    expect(JSON.parse(readFileSync(join(dir, '.compose-secrets-baseline.json'), 'utf8')).salt).toBe(JSON.parse(text).salt);
  });

  it('a baseline written under another name is not read as a settings file of the project (its salt is no secret)', () => {
    const dir = project(ORIGINAL);
    mkdirSync(join(dir, 'ci'));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', input: '' });
    expect(run(['baseline', '--output', 'ci/secrets-baseline.json'])).toMatchObject({ status: 0, stdout: '2 findings recorded in ci/secrets-baseline.json\n' });
    expect(run(['lint', '--baseline', 'ci/secrets-baseline.json'])).toMatchObject({
      status: 0,
      stdout: '✔ no new secrets found in 1 file (2 in the baseline)\n',
    });
    expect(run(['lint', '--format', 'compact'])).toMatchObject({
      status: 1,
      stdout:
        'compose.yaml:5:26: error POSTGRES_PASSWORD holds a hardcoded password [secret-in-environment]\ncompose.yaml:9:7: warning API_TOKEN passes a token into the container through an environment variable (${API_TOKEN}) [secret-via-environment]\n',
    });
  });

  it('a malformed baseline is an input error, exit 2', () => {
    const dir = project(ORIGINAL);
    writeFileSync(join(dir, 'b.json'), '{"version": 1, "salt": "zz", "findings": []}');
    const r = spawnSync(process.execPath, [CLI, 'lint', '--baseline', 'b.json'], { cwd: dir, encoding: 'utf8', input: '' });
    expect(r).toMatchObject({ status: 2, stdout: '', stderr: 'compose-secrets: b.json: not a compose-secrets baseline (version 1, salt, findings)\n' });
  });
});
