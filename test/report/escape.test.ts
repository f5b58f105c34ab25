import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControl, escapeLines } from '../../src/report/escape.js';
import { REPO } from '../helpers.js';

const CLI = join(REPO, 'dist/cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Any control character a terminal acts on, other than the line breaks we print ourselves. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('escapeControl', () => {
  it('makes every control character visible and keeps one field on one line', () => {
    expect(escapeControl('a\u001b[31mb\rc\nd\te\u0007f\u009bg\u202eh\u2028i')).toBe('a\\e[31mb\\rc\\nd\\te\\x07f\\x9bg\\u202eh\\u2028i');
    expect(escapeControl('plain ünïcode ✔ •••• (7 chars)')).toBe('plain ünïcode ✔ •••• (7 chars)');
    expect(escapeLines('one\u001b\ntwo\r')).toBe('one\\e\ntwo\\r');
  });
});

describe('keys and file names with control characters are printed escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-escape-'));
  const name = 'compose-\u001b[31mred\nline.yaml';
  writeFileSync(
    join(dir, name),
    'services:\n  "web\\e[31m\\rX":\n    image: x\n    environment:\n      "DB_PASSWORD\\e[2J\\nfake": Hunter2Secret\n  b:\n    image: x\n    environment:\n      PW: ${X:-Hunter2Secret\n',
  );
  const shown = 'compose-\\e[31mred\\nline.yaml';

  it('stylish', () => {
    const r = run(['lint', '--no-color', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toEqual([
      shown,
      '  5:33  error    DB_PASSWORD\\e[2J\\nfake holds a hardcoded password that looks like a placeholder; the container still runs with it [web\\e[31m\\rX] •••• (13 chars)  secret-in-environment',
      '  9:11  error    PW holds a hardcoded password that looks like a placeholder; the container still runs with it [b] •••• (18 chars)  secret-in-environment',
      '',
      `error ${shown}:9:11: Invalid template: \${X:- has no closing "}" on its line`,
      '',
      '✖ 2 problems (2 errors, 0 warnings)',
      '  2 fixable with `compose-secrets fix --unsafe-fixes`.',
      '',
    ]);
  });

  it('SARIF texts and JSON (JSON escapes by construction; the file keeps its real name there)', () => {
    const sarif = run(['lint', '--format', 'sarif', '.'], dir);
    const results = JSON.parse(sarif.stdout).runs[0].results as { message: { text: string } }[];
    for (const r of results) expect(r.message.text).not.toMatch(RAW_CONTROL);
    const json = JSON.parse(run(['lint', '--format', 'json', '.'], dir).stdout);
    expect(json.files).toEqual([name]);
  });

  it("fix's report and its errors", () => {
    const refused = run(['fix', '--dry-run', '.'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`compose-secrets fix: ${shown}:9:11: Invalid template: \${X:- has no closing "}" on its line\n`);
    const clean = mkdtempSync(join(tmpdir(), 'cs-escape-'));
    writeFileSync(join(clean, name), 'services:\n  "web\\e[31m\\rX":\n    image: x\n    environment:\n      "DB_PASSWORD\\e[2J\\nfake": Hunter2Secret\n');
    const r = run(['fix', '--dry-run', '.'], clean);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain(
      `  ${shown}:5  web\\e[31m\\rX DB_PASSWORD\\e[2J\\nfake: the key is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*); fix leaves it alone\n`,
    );
  });

  it('error lines of config and of the command line', () => {
    const c = run(['config', '-f', name], dir);
    expect(c).toEqual({ code: 2, stdout: '', stderr: `compose-secrets: ${shown}:9:11: Invalid template: \${X:- has no closing "}" on its line\n` });
    const u = run(['lint', '--format', 'x\u001b[2Jy', '.'], dir);
    expect(u.stderr).toBe(
      'compose-secrets: unknown format "x\\e[2Jy" (use stylish, json, sarif, compact, github, junit, gitlab or checkstyle, or a path to a formatter module)\n',
    );
    const o = run(['lint', '--bad\u001b[2J', '.'], dir);
    expect(o.stderr).not.toMatch(RAW_CONTROL);
    expect(o.stderr).toContain('--bad\\e[2J');
  });
});
