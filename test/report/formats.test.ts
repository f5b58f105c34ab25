/** Every CI format: exact output for the demo, escaping of hostile names, no secret value, --output-file and a custom formatter. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../../src/lint.js';
import { FORMAT_NAMES, loadFormatter } from '../../src/report/formatter.js';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { emptySettings } from '../../src/settings.js';
import { expectOutput, REPO } from '../helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const FORMATS = ['compact', 'github', 'junit', 'gitlab', 'checkstyle'] as const;
/** The demo's secret values: none may appear in any format. */
const SECRETS = ['hunter2', 's3cr3t-redis-pass', 'changeme'];

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CI formats', () => {
  for (const name of FORMATS) {
    it(`--format ${name}: the demo's exact output, no secret value`, async () => {
      const result = await lint(['fixtures/demo', 'fixtures/broken/invalid-yaml.yaml'], { cwd: REPO, settings: emptySettings() });
      const text = (await loadFormatter(name))(result, { cwd: REPO });
      expectOutput(join(REPO, `test/report/expected/demo.${name}.txt`), text);
      for (const s of SECRETS) expect(text).not.toContain(s);
    });
  }

  it('the CLI prints the same, and exits as for stylish', () => {
    for (const name of FORMATS) {
      const r = run(['lint', '--format', name, 'fixtures/demo']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
    }
    expect(run(['lint', '--format', 'compact', 'fixtures/demo']).stdout).toBe(
      readFileSync(join(REPO, 'test/report/expected/demo.compact.txt'), 'utf8').split('fixtures/broken')[0],
    );
  });

  it('hostile file names and keys stay on one line and inside their field in every format', async () => {
    const hostile = 'evil%0A::error::x,y:z\r\n\u001b[31m.yaml';
    const key = 'API_TOKEN%,:\u001b]8;;';
    const result = await lintText(
      hostile,
      `services:\n  app:\n    image: x\n    environment:\n      "${key.replace(/\u001b/g, '\\e')}": ghp_abcdefabcdefabcdefabcdefabcdefabcdef12\n`,
      {
        settings: emptySettings(),
      },
    );
    expect(result.findings).toHaveLength(1);
    const github = (await loadFormatter('github'))(result);
    expect(github).toBe(
      '::error file=evil%250A%3A%3Aerror%3A%3Ax%2Cy%3Az%0D%0A\\e[31m.yaml,line=5,col=29,endLine=5,endColumn=71,title=secret-in-environment::API_TOKEN%25,:\\e]8;; holds a hardcoded token\n',
    );
    for (const name of FORMAT_NAMES) {
      const text = (await loadFormatter(name))(result);
      expect(text, name).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      expect(text, name).not.toContain('ghp_abcdef');
    }
    const compact = (await loadFormatter('compact'))(result);
    expect(compact.split('\n')).toHaveLength(2);
    const checkstyle = (await loadFormatter('checkstyle'))(result);
    expect(checkstyle).toContain('<file name="evil%0A::error::x,y:z\\r\\n\\e[31m.yaml">');
  });

  it('escapes workflow command data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('--output-file writes the report whole and nothing to standard output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-out-'));
    const r = run(['lint', '--format', 'github', '--output-file', join(dir, 'reports/lint.txt'), 'fixtures/demo']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'reports/lint.txt'), 'utf8')).toBe(run(['lint', '--format', 'github', 'fixtures/demo']).stdout);
  });

  it('--format ./my-formatter.js gets the result, the rules and the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-fmt-'));
    writeFileSync(
      join(dir, 'my-formatter.mjs'),
      'export default (result, { rules, cwd }) => result.findings.map((f) => `${f.ruleId} ${rules[f.ruleId].docs.cwe.join("+")} ${cwd === process.cwd()}`).join("\\n") + "\\n";\n',
    );
    writeFileSync(join(dir, 'not-a-formatter.mjs'), 'export const x = 1;\n');
    const r = run(['lint', '--format', join(dir, 'my-formatter.mjs'), 'fixtures/lint/build-args/compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('secret-in-build-args CWE-798+CWE-538 true');
    expect(run(['lint', '--format', join(dir, 'not-a-formatter.mjs'), 'fixtures/demo'])).toMatchObject({
      code: 2,
      stderr: `compose-secrets: formatter ${join(dir, 'not-a-formatter.mjs')} exports no function (export default (result, {rules, cwd, color}) => string)\n`,
    });
    expect(run(['lint', '--format', './nope.js', 'fixtures/demo'])).toMatchObject({
      code: 2,
      stderr: 'compose-secrets: cannot load formatter ./nope.js (ERR_MODULE_NOT_FOUND)\n',
    });
    expect(run(['lint', '--format', 'xml', 'fixtures/demo'])).toMatchObject({
      code: 2,
      stderr:
        'compose-secrets: unknown format "xml" (use stylish, json, sarif, compact, github, junit, gitlab or checkstyle, or a path to a formatter module)\n',
    });
  });
});
