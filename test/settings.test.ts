import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { validateRuleOptions } from '../src/engine/rule-options.js';
import { lint } from '../src/lint.js';
import { LoadError } from '../src/load/parse.js';
import { emptySettings, loadSettings, type Settings } from '../src/settings.js';
import { REPO } from './helpers.js';

function settingsError(json: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-settings-'));
  writeFileSync(join(dir, '.compose-secrets.json'), json);
  try {
    loadSettings(dir, undefined, ['secret-in-environment']);
  } catch (err) {
    if (err instanceof LoadError) return err.message;
    throw err;
  }
  return 'no error';
}

describe('settings (.compose-secrets.json)', () => {
  it('refuses bad settings with one clear line', () => {
    expect(settingsError('{"rule": {}}')).toBe('unknown setting "rule" (rules, allow, ignore, policy, findByContent)');
    expect(settingsError('{"rules": {"secret-in-environment": "loud"}}')).toBe('rule "secret-in-environment" must be off, info, warning or error');
    expect(settingsError('{"rules": {"no-such-rule": "off"}}')).toBe('"rules" names an unknown rule "no-such-rule"');
    expect(settingsError('{"allow": ["("]}')).toBe('"allow" has an invalid regular expression: (');
    expect(settingsError('{"allow": "x"}')).toBe('"allow" must be a list of strings');
    expect(settingsError('{oops')).toBe('not valid JSON');
    expect(loadSettings(REPO)).toEqual({ rules: {}, allow: [], ignore: [] });
  });

  it('turns rules off, changes severities, allows names and ignores files', async () => {
    const base = await lint(['fixtures/lint/list-and-map'], { cwd: REPO });
    const tuned = await lint(['fixtures/lint/list-and-map', 'fixtures/lint/tokens'], {
      cwd: REPO,
      settings: { rules: { 'secret-via-environment': 'off', 'secret-in-environment': 'warning' }, allow: [/^GF_/], ignore: ['**/tokens/**'] },
    });
    expect(base.findings.map((f) => f.ruleId)).toContain('secret-via-environment');
    expect(tuned.files).toEqual(['fixtures/lint/list-and-map/compose.yaml']);
    expect(tuned.findings.map((f) => `${f.severity} ${f.path[f.path.length - 1]}`)).toEqual([
      'warning RABBITMQ_DEFAULT_PASS',
      'warning RABBITMQ_ERLANG_COOKIE',
      'warning MONGO_INITDB_ROOT_PASSWORD',
    ]);
  });

  it('the CLI reads .compose-secrets.json from the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-settings-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n    environment:\n      DEMO_PASSWORD: not-a-real-one\n');
    const run = () => spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(run().stdout).findings).toHaveLength(1);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"allow": ["^DEMO_"]}');
    expect(JSON.parse(run().stdout).findings).toHaveLength(0);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"allow": 1}');
    expect(run()).toMatchObject({ status: 2, stderr: 'compose-secrets: .compose-secrets.json: "allow" must be a list of strings\n' });
  });
});

describe('rule options', () => {
  const withOptions = (ruleOptions: Settings['ruleOptions']): Settings => ({ ...emptySettings(), ruleOptions, source: 'my-settings.json' });
  const optionsError = async (ruleOptions: Settings['ruleOptions']) => {
    try {
      await validateRuleOptions(RULES, withOptions(ruleOptions));
    } catch (err) {
      if (err instanceof LoadError) return `${err.file}: ${err.message}`;
      throw err;
    }
    return 'no error';
  };

  it("are read as [level, options] and checked against the rule's schema", async () => {
    expect(settingsError('{"rules": {"secret-in-environment": ["warning"]}}')).toBe('rule "secret-in-environment" takes a level or [level, {options}]');
    expect(settingsError('{"rules": {"secret-in-environment": ["loud", {}]}}')).toBe('rule "secret-in-environment" must be off, info, warning or error');
    expect(await optionsError({ 'secret-in-environment': { x: 1 } })).toBe('my-settings.json: rule "secret-in-environment" takes no options');
  });

  it('secret-misuse is an alias of the hygiene rules: its level sets each of them, a rule named on its own wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-settings-'));
    const levels = (json: string) => {
      writeFileSync(join(dir, '.compose-secrets.json'), json);
      const { rules } = loadSettings(dir, undefined, ['secret-unused', 'secret-undefined']);
      return [rules['secret-undefined'], rules['secret-unused'], rules['secret-external-without-swarm']];
    };
    expect(levels('{"rules": {"secret-misuse": "off"}}')).toEqual(['off', 'off', 'off']);
    expect(levels('{"rules": {"secret-unused": "error", "secret-misuse": "info"}}')).toEqual(['info', 'error', 'info']);
    expect(levels('{"rules": {"secret-misuse": ["warning", {"external": false}]}}')).toEqual(['warning', 'warning', 'off']);
    expect(settingsError('{"rules": {"secret-misuse": ["warning", {"external": "no"}]}}')).toBe('rule "secret-misuse": option external must be boolean');
    expect(settingsError('{"rules": {"secret-misuse": ["warning", {"extrnal": false}]}}')).toBe('rule "secret-misuse": unknown option "extrnal"');
    // a name Object.prototype has is no option either (it read as one whose type is undefined)
    expect(settingsError('{"rules": {"secret-misuse": ["warning", {"constructor": true}]}}')).toBe('rule "secret-misuse": unknown option "constructor"');
    expect(settingsError('{"rules": {"toString": "off"}}')).toBe('"rules" names an unknown rule "toString"');
  });

  it('the old secret-misuse settings still work through the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-settings-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n  s:\n    external: true\n');
    const run = () => spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const found = () => JSON.parse(run().stdout).findings.map((f: { ruleId: string; severity: string }) => `${f.severity} ${f.ruleId}`);
    expect(found()).toEqual(['info secret-external-without-swarm', 'info secret-unversioned-external']);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"rules": {"secret-misuse": ["warning", {"external": false}]}}');
    expect(found()).toEqual(['warning secret-unversioned-external']);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"rules": {"secret-misuse": ["warning", {"external": "no"}]}}');
    expect(run()).toMatchObject({ status: 2, stderr: 'compose-secrets: .compose-secrets.json: rule "secret-misuse": option external must be boolean\n' });
  });
});

describe('fix honours the settings', () => {
  it('neither fixes nor reports an allowed name or a rule turned off', async () => {
    const { fix } = await import('./fix/helpers.js');
    const dir = mkdtempSync(join(tmpdir(), 'cs-settings-fix-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2-hunter2\n      DEMO_PASSWORD: not-a-real-one\n      POSTGRES_DB: ${POSTGRES_DB_PASSWORD}\n',
    );
    const all = await fix({ paths: ['.'], cwd: dir, dryRun: true, unsafeFixes: true });
    expect(all.secrets.map((s) => s.name).sort()).toEqual(['demo_password', 'postgres_password']);
    const tuned = await fix({ paths: ['.'], cwd: dir, dryRun: true, unsafeFixes: true, settings: { rules: {}, allow: [/^DEMO_/], ignore: [] } });
    expect(tuned.secrets.map((s) => s.name)).toEqual(['postgres_password']);
    const off = await fix({
      paths: ['.'],
      cwd: dir,
      dryRun: true,
      unsafeFixes: true,
      settings: { rules: { 'secret-in-environment': 'off' }, allow: [], ignore: [] },
    });
    expect(off.secrets).toEqual([]);
  });
});

describe('settings files found upwards', () => {
  const SECRET = (name: string) => `services:\n  a:\n    image: x\n    environment:\n      ${name}: not-a-real-one-42\n`;
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cs-settings-up-'));
    for (const d of ['.git', 'app/deep', 'vendor', 'legacy']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, '.compose-secrets.yaml'), 'allow: ["^DEMO_"]\nignore: ["vendor/**"]\n');
    writeFileSync(join(dir, 'app/deep/compose.yaml'), SECRET('DEMO_PASSWORD') + '      DB_PASSWORD: another-real-one-42\n');
    writeFileSync(join(dir, 'vendor/compose.yaml'), SECRET('DB_PASSWORD'));
    writeFileSync(join(dir, 'legacy/.compose-secrets.json'), '{"rules": {"secret-in-environment": "warning"}}');
    writeFileSync(join(dir, 'legacy/compose.yaml'), SECRET('DEMO_PASSWORD'));
    return dir;
  }
  const lintIn = (cwd: string, args: string[] = []) => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', '--format', 'compact', ...args], { cwd, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('each file gets the nearest .compose-secrets.{json,yaml,yml} above it; its globs are relative to it', () => {
    const dir = tree();
    expect(lintIn(dir)).toEqual({
      status: 1,
      stdout:
        'app/deep/compose.yaml:6:20: error DB_PASSWORD holds a hardcoded password [secret-in-environment]\nlegacy/compose.yaml:5:22: warning DEMO_PASSWORD holds a hardcoded password [secret-in-environment]\n',
      stderr: '',
    });
    // from a sub-directory, the same settings apply
    expect(lintIn(join(dir, 'app/deep')).stdout).toBe('compose.yaml:6:20: error DB_PASSWORD holds a hardcoded password [secret-in-environment]\n');
    expect(lintIn(join(dir, 'app'), ['../vendor']).stdout).toBe('');
  });

  it('--config wins over the files found', () => {
    const dir = tree();
    writeFileSync(join(dir, 'strict.json'), '{}');
    expect(lintIn(join(dir, 'app'), ['--config', '../strict.json']).stdout).toBe(
      'deep/compose.yaml:5:22: error DEMO_PASSWORD holds a hardcoded password [secret-in-environment]\ndeep/compose.yaml:6:20: error DB_PASSWORD holds a hardcoded password [secret-in-environment]\n',
    );
  });

  it('a bad YAML settings file is a located error', () => {
    const dir = tree();
    writeFileSync(join(dir, '.compose-secrets.yaml'), 'allow: [\n');
    expect(lintIn(join(dir, 'app'))).toMatchObject({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/^compose-secrets: \.\.\/\.compose-secrets\.yaml:\d+:\d+: not valid YAML\n$/),
    });
  });
});
