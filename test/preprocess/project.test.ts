import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfig, validateProject } from '../../src/compose-config.js';
import { lint } from '../../src/lint.js';
import { loadProject } from '../../src/preprocess/project.js';
import { expectOutput, findingLine, folders, REPO } from '../helpers.js';

/** Projects that fail to load, checked for their error below; every other folder has expected outputs. */
const ERROR_CASES = ['bad-template', 'include-cycle', 'missing-include'];
const PROJECTS = folders(join(REPO, 'fixtures/project')).filter((d) => !ERROR_CASES.includes(d));

describe.each(PROJECTS)('project fixtures/project/%s', (name) => {
  const dir = `fixtures/project/${name}`;

  it('config prints the expected effective model (secrets redacted)', () => {
    const project = loadProject({ projectDirectory: dir, mode: 'config', processEnv: {}, cwd: REPO });
    expect(validateProject(project)).toEqual([]);
    expectOutput(join(REPO, dir, 'expected.config.txt'), renderConfig(project, { format: 'yaml', showSecrets: false }));
  });

  it('lint reports each finding in the file that has to change', async () => {
    const result = await lint([dir], { cwd: REPO });
    expect(result.errors).toEqual([]);
    expectOutput(join(REPO, dir, 'expected.txt'), result.findings.map(findingLine).join('\n') + '\n');
  });
});

describe('config options', () => {
  it('-f files merge in order and --profile enables profiled services', () => {
    const project = loadProject({ files: [`fixtures/project/profiles/compose.yaml`], profiles: ['debug'], mode: 'config', processEnv: {}, cwd: REPO });
    expect(project.model.services.map((s) => s.name)).toEqual(['app', 'debug', 'metrics']);
    const monitoring = loadProject({
      files: [`fixtures/project/profiles/compose.yaml`],
      mode: 'config',
      processEnv: { COMPOSE_PROFILES: 'monitoring' },
      cwd: REPO,
    });
    expect(monitoring.model.services.map((s) => s.name)).toEqual(['app', 'metrics']);
  });

  it('the process environment overrides .env, and --show-secrets prints values', () => {
    const project = loadProject({
      projectDirectory: 'fixtures/project/multi-file',
      mode: 'config',
      processEnv: { WEB_TAG: '9.9', DB_PASSWORD: 'from-shell' },
      cwd: REPO,
    });
    const out = renderConfig(project, { format: 'json', showSecrets: true });
    const json = JSON.parse(out);
    expect(json.services.web.image).toBe('example/web:9.9');
    expect(json.services.db.environment.POSTGRES_PASSWORD).toBe('from-shell');
  });

  it('a project of stack files takes no variable from .env in lint (docker stack deploy does not); config does, as docker compose does', async () => {
    const result = await lint(['fixtures/project/stack-dotenv/stack.yml'], { cwd: REPO });
    // the variable passes through from the host; the .env is read as a file the project commits, its secrets reported there
    // (a password and one commented out; not the `changeme` placeholder)
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'fixtures/project/stack-dotenv/.env:2:13 secret-in-project-file',
      'fixtures/project/stack-dotenv/.env:3:19 hardcoded-credential',
      'fixtures/project/stack-dotenv/stack.yml:5:7 secret-via-environment',
    ]);
    // `config` prints what `docker compose -f stack.yml config` would: compose reads .env whatever the file is called
    const project = loadProject({ files: ['fixtures/project/stack-dotenv/stack.yml'], mode: 'config', processEnv: {}, cwd: REPO });
    expect(renderConfig(project, { format: 'yaml', showSecrets: true })).toContain('DB_PASSWORD: Quartz-Lantern-42');
  });

  it('lint never reads the process environment', async () => {
    process.env.DB_PASSWORD_FROM_SHELL_TEST = 'x';
    const result = await lint(['fixtures/project/multi-file'], { cwd: REPO });
    delete process.env.DB_PASSWORD_FROM_SHELL_TEST;
    expect(result.findings.filter((f) => f.ruleId !== 'secret-file-tracked').map((f) => `${f.file}:${f.line}`)).toEqual([
      'fixtures/project/multi-file/.env:3',
      'fixtures/project/multi-file/compose.override.yaml:5',
    ]);
  });
});

describe('bad projects exit 2 with one located line', () => {
  const cli = join(REPO, 'dist/cli.js');
  const run = (args: string[]) => {
    try {
      execFileSync(process.execPath, [cli, ...args], { cwd: REPO, encoding: 'utf8', stdio: 'pipe', env: { PATH: process.env.PATH ?? '' } });
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { status: number; stderr: string };
      return { code: e.status, stderr: e.stderr };
    }
  };
  it.skipIf(!existsSync(cli))('invalid template, missing required variable, include cycle, missing include, extends cycle', () => {
    const cases: [string[], string][] = [
      [
        ['config', '--project-directory', 'fixtures/project/bad-template'],
        'compose-secrets: fixtures/project/bad-template/compose.yaml:3:12: required variable TAG is missing a value: TAG must be set\n',
      ],
      [
        ['config', '-f', 'fixtures/project/include-cycle/compose.yaml'],
        'compose-secrets: fixtures/project/include-cycle/other.yaml:2:5: include cycle: fixtures/project/include-cycle/compose.yaml -> fixtures/project/include-cycle/other.yaml -> fixtures/project/include-cycle/compose.yaml\n',
      ],
      [
        ['config', '-f', 'fixtures/project/missing-include/compose.yaml'],
        'compose-secrets: fixtures/project/missing-include/compose.yaml:2:5: included file fixtures/project/missing-include/nowhere/compose.yaml not found\n',
      ],
      [
        ['config', '-f', 'fixtures/preprocess/extends-cycle/compose.yaml'],
        'compose-secrets: fixtures/preprocess/extends-cycle/compose.yaml:9:5: extends cycle: a -> b -> c -> a\n',
      ],
      [['config', '-f', 'fixtures/project/nope.yaml'], 'compose-secrets: fixtures/project/nope.yaml: no such file\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      if (stderr) expect(r.stderr).toBe(stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^compose-secrets: [^:]+:\d+(:\d+)?: |^compose-secrets: [^:]+: /);
    }
  });

  it('lint reports an invalid template as an error (exit 2) but still lints the rest', async () => {
    const result = await lint(['fixtures/project/bad-template'], { cwd: REPO });
    expect(result.errors).toEqual([
      {
        file: 'fixtures/project/bad-template/compose.yaml',
        line: 5,
        column: 15,
        message: 'Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)',
      },
    ]);
  });
});
