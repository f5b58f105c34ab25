/** The GitHub Action: action.yml's lint step run locally with the GITHUB_* variables a runner sets. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../helpers.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-action-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(
    join(dir, 'deploy/compose.yaml'),
    'services:\n  app:\n    image: x\n    environment:\n      API_TOKEN: ${API_TOKEN}\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter\n',
  );
  writeFileSync(join(dir, 'out'), '');
  writeFileSync(join(dir, 'summary'), '');
  return dir;
}

function step(dir: string, inputs: Record<string, string>) {
  const r = spawnSync('bash', [join(REPO, 'action/run.sh')], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTION_PATH: REPO,
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: join(dir, 'out'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      ...inputs,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('GitHub Action', () => {
  it('action.yml is a composite action whose lint step runs action/run.sh', () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s: { uses?: string; id?: string }) => s.uses ?? s.id ?? '')).toEqual(['actions/setup-node@v4', '', 'lint']);
    expect(action.runs.steps[2].run).toBe('"$GITHUB_ACTION_PATH/action/run.sh"');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'args', 'sarif-file', 'node-version']);
  });

  it('prints annotations, writes the SARIF file, the step summary and the exit code', () => {
    const dir = workspace();
    const r = step(dir, { INPUT_PATHS: '.', INPUT_ARGS: '', INPUT_SARIF_FILE: 'results/compose-secrets.sarif' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '::warning file=deploy/compose.yaml,line=5,col=7,endLine=5,endColumn=16,title=secret-via-environment::API_TOKEN passes a token into the container through an environment variable (${API_TOKEN})\n' +
        '::error file=deploy/compose.yaml,line=9,col=26,endLine=9,endColumn=39,title=secret-in-environment::POSTGRES_PASSWORD holds a hardcoded password\n',
    );
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('exit-code=1\n');
    const sarif = JSON.parse(readFileSync(join(dir, 'results/compose-secrets.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['secret-via-environment', 'secret-in-environment']);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deploy/compose.yaml', uriBaseId: '%SRCROOT%' });
    const summary = readFileSync(join(dir, 'summary'), 'utf8');
    expect(summary).toContain('deploy/compose.yaml:9:26: error POSTGRES_PASSWORD holds a hardcoded password [secret-in-environment]');
    for (const text of [r.stdout, summary, JSON.stringify(sarif)]) expect(text).not.toContain('hunter2hunter');
  });

  it('passes args before the paths, and exits 0 when nothing is found', () => {
    const dir = workspace();
    const r = step(dir, { INPUT_PATHS: 'deploy', INPUT_ARGS: '--rule secret-in-build-args' });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('exit-code=0\n');
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('### compose-secrets\n\nNo secrets found.\n');
  });
});
