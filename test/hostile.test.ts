/**
 * Every command on hostile inputs. Each input plants a distinctive value; whatever the command
 * and the format, the run ends with exit 2 and located one-line errors, and no part of the value
 * (4 characters or more), no internal error and no stack trace reaches the output.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const CLI = join(REPO, 'dist/cli.js');
const SECRET = 'Qx7Zv9Kj2Wq';
const SERVICE = 'services:\n  db:\n    image: postgres\n    environment:\n';

interface Case {
  name: string;
  files: Record<string, string>;
  /** Extra arguments for every command (after the command name); default: the case's compose.yaml. */
  args?: string[];
  /** Commands where the input is not an error (lint does not need required variables; config reads no settings). */
  lenient?: ('lint' | 'fix' | 'config')[];
}

const deepMapping = (levels: number) => `x-deep:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}${' '.repeat(levels + 1)}v\n`;

const CASES: Case[] = [
  { name: 'template default without its brace', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: \${X:-${SECRET}\n` } },
  { name: 'template with a trailing ${', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: ${SECRET}\${X:-v}\${\n` } },
  { name: 'nested template without its brace', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: \${X:-\${Y:-${SECRET}}\n` } },
  { name: 'block scalar header with text', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: |${SECRET}\n` } },
  { name: 'value read as an alias', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: *${SECRET}\n` } },
  { name: 'bad escape in a double-quoted value', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: "p\\U${SECRET}"\n` } },
  { name: 'unterminated double quote', files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: "${SECRET}\n  x: [\n` } },
  { name: 'flow mapping with a missing comma', files: { 'compose.yaml': `${SERVICE}      { A: ${SECRET} B: 1 }\n` } },
  {
    name: '.env: invalid template with a default',
    files: { 'compose.yaml': `${SERVICE}      - DB_PASSWORD\n`, '.env': `DB_PASSWORD=\${X:-${SECRET}\n` },
  },
  { name: '.env: unterminated single quote', files: { 'compose.yaml': `${SERVICE}      - DB_PASSWORD\n`, '.env': `DB_PASSWORD='${SECRET}\n` } },
  { name: '.env: bad character in a name', files: { 'compose.yaml': `${SERVICE}      - DB_PASSWORD\n`, '.env': `DB@PASSWORD=abc"${SECRET}\n` } },
  {
    name: '.env: a template nested 20,000 deep',
    files: { 'compose.yaml': `${SERVICE}      - DB_PASSWORD\n`, '.env': `DB_PASSWORD=${'${A:-'.repeat(20_000)}${SECRET}${'}'.repeat(20_000)}\n` },
  },
  {
    name: 'env_file in JSON form',
    files: { 'compose.yaml': `${SERVICE}      A: b\n    env_file: db.env\n`, 'db.env': `{"DB_PASSWORD": "${SECRET}"}\n` },
  },
  {
    name: 'env_file with an unterminated quote',
    files: { 'compose.yaml': `${SERVICE}      A: b\n    env_file: db.env\n`, 'db.env': `DB_PASSWORD="${SECRET}\n` },
  },
  {
    name: 'a required variable whose message reads a secret',
    files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: \${DB_PASSWORD}\n      X: \${NOPE:?\${DB_PASSWORD}}\n`, '.env': `DB_PASSWORD=${SECRET}\n` },
    lenient: ['lint', 'fix'],
  },
  {
    name: 'nesting hidden behind an apostrophe',
    files: { 'compose.yaml': `x-a: it 's\n${SERVICE}      POSTGRES_PASSWORD: ${SECRET}\n${deepMapping(790)}` },
  },
  {
    name: 'nesting hidden behind a quote on a continuation line',
    files: { 'compose.yaml': `x-a: it\n  'hidden\n${SERVICE}      POSTGRES_PASSWORD: ${SECRET}\n${deepMapping(790)}` },
  },
  {
    name: 'extends from /dev/zero',
    files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: ${SECRET}\n    extends:\n      file: /dev/zero\n      service: db\n` },
  },
  {
    name: '--env-file /dev/zero',
    files: { 'compose.yaml': `${SERVICE}      POSTGRES_PASSWORD: ${SECRET}\n` },
    args: ['--env-file', '/dev/zero', '-f', 'compose.yaml'],
  },
  { name: 'a compose file that is a device', files: {}, args: ['-f', '/dev/zero'] },
  { name: 'a compose file that is a FIFO', files: { 'compose.yaml': 'fifo' }, args: ['-f', 'compose.yaml'] },
  {
    name: 'settings that are not JSON',
    files: { 'compose.yaml': `${SERVICE}      A: b\n`, '.compose-secrets.json': `{"allow": ["${SECRET}"` },
    lenient: ['config'],
  },
];

function setUp(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-hostile-'));
  for (const [file, text] of Object.entries(c.files)) {
    if (text === 'fifo') execFileSync('mkfifo', [join(dir, file)]);
    else writeFileSync(join(dir, file), text);
  }
  return dir;
}

/**
 * Runs the built CLI without a time limit of its own (no test depends on the machine's speed):
 * asynchronously, so that a command that hangs is still ended by the test runner's timeout.
 */
function run(args: string[], cwd: string): Promise<{ code: number | null; out: string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // `--` as the installed launcher does: node itself would read an --env-file among the arguments
    const child = spawn(process.execPath, ['--', CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: `${stdout}${stderr}`, stdout, stderr }));
  });
}

/** Every 4-character piece of the planted value. */
const PIECES = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));

function expectClean(out: string): void {
  for (const piece of PIECES) expect(out).not.toContain(piece);
  expect(out).not.toContain('internal error');
  expect(out).not.toMatch(/^\s+at /m);
}

/** The error lines of each command's output, which must all be located one-line errors. */
const ERROR_LINE = {
  stylish: /^error ([^:\n]+)(?::(\d+):(\d+))?: (.+)$/,
  config: /^compose-secrets: ([^:\n]+)(?::(\d+):(\d+))?: (.+)$/,
  fix: /^compose-secrets fix: ([^:\n]+)(?::(\d+):(\d+))?: (.+)$/,
};

function commands(c: Case): { command: 'lint' | 'config' | 'fix'; format: string; args: string[] }[] {
  const lintArgs = c.args ?? ['compose.yaml'];
  const configArgs = c.args ?? ['-f', 'compose.yaml'];
  return [
    ...['stylish', 'json', 'sarif'].map((format) => ({ command: 'lint' as const, format, args: ['lint', '--no-color', '--format', format, ...lintArgs] })),
    { command: 'config' as const, format: 'yaml', args: ['config', ...configArgs] },
    { command: 'fix' as const, format: 'text', args: ['fix', '--dry-run', '--no-color', ...(c.args ?? ['compose.yaml'])] },
  ];
}

describe('every command on hostile inputs', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const dir = setUp(c);
      for (const cmd of commands(c)) {
        it(`${cmd.command} ${cmd.format}`, async () => {
          const r = await run(cmd.args, dir);
          expectClean(r.out);
          if (c.lenient?.includes(cmd.command)) {
            expect(r.code).not.toBe(2);
            return;
          }
          expect(r.code).toBe(2);
          if (!r.stdout && (cmd.format === 'json' || cmd.format === 'sarif')) {
            // refused before linting (a usage or settings error): one located line on stderr
            expect(r.stderr).toMatch(/^compose-secrets: [^\n]+: [^\n]+\n$/);
          } else if (cmd.format === 'json') {
            const errors = JSON.parse(r.stdout).errors as { message: string }[];
            expect(errors.length + (r.stderr ? 1 : 0)).toBeGreaterThan(0);
            for (const e of errors) expect(e.message).not.toContain('\n');
          } else if (cmd.format === 'sarif') {
            const notes = JSON.parse(r.stdout).runs[0].invocations[0].toolExecutionNotifications;
            expect(notes.length + (r.stderr ? 1 : 0)).toBeGreaterThan(0);
          } else {
            // stylish errors on stdout; errors that stop a command before it starts on stderr
            const text = cmd.command === 'lint' ? r.stdout + r.stderr : r.stderr;
            const errorLines = text.split('\n').filter((l) => /^(error |compose-secrets)/.test(l));
            expect(errorLines.length).toBeGreaterThan(0);
            for (const l of errorLines)
              expect(
                Object.values(ERROR_LINE).some((p) => p.test(l)),
                l,
              ).toBe(true);
          }
        });
      }
    });
  }
});

describe('every command on fixtures/broken', () => {
  const broken = join(REPO, 'fixtures/broken');
  const files = readdirSync(broken).filter((f) => /\.ya?ml$/.test(f));
  for (const file of files) {
    it(file, async () => {
      for (const args of [
        ['lint', '--format', 'stylish', `fixtures/broken/${file}`],
        ['lint', '--format', 'json', `fixtures/broken/${file}`],
        ['lint', '--format', 'sarif', `fixtures/broken/${file}`],
        ['config', '-f', `fixtures/broken/${file}`],
        ['fix', '--dry-run', `fixtures/broken/${file}`],
      ]) {
        const r = await run(args, REPO);
        expect(r.out).not.toContain('internal error');
        expect(r.out).not.toMatch(/^\s+at /m);
        expect([0, 1, 2]).toContain(r.code);
      }
    });
  }
});
