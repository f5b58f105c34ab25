import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { LoadError } from '../load/parse.js';
import { escapeControl, escapeLines } from '../report/escape.js';
import { registerAudit } from './audit.js';
import { registerBaseline } from './baseline.js';
import { registerConfig } from './config.js';
import { registerFix } from './fix.js';
import { LINT_DEFAULTS, type LintFlags, registerLint, runLint } from './lint.js';
import { registerRotate } from './rotate.js';
import { registerRules } from './rules.js';
import { UsageError } from './util.js';
import { writeErr, writeOut } from './output.js';

declare const PACKAGE_VERSION: string;

export async function main(argv: string[]): Promise<number> {
  try {
    // what a pre-commit hook runs, `lint FILE…` and nothing else, needs no option parser: commander is
    // loaded and the commands are declared only for anything more (a few ms of a cold start)
    const plain = plainLint(argv);
    if (plain) return await runLint(plain.paths, plain.flags);
    return await parsed(argv);
  } catch (err) {
    if (isCommanderError(err)) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      writeErr(`compose-secrets: ${escapeControl(err.message)}\n`);
      return 2;
    }
    if (err instanceof LoadError) {
      const where = err.line ? `${err.file}:${err.line}:${err.column ?? 1}` : err.file;
      writeErr(`compose-secrets: ${escapeControl(where)}: ${escapeControl(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    writeErr(`compose-secrets: internal error: ${escapeControl(message.split('\n')[0])}\n`);
    if (process.env.COMPOSE_SECRETS_DEBUG) writeErr(`${(err as Error).stack}\n`);
    return 2;
  }
}

/**
 * `lint` followed by paths (none of them `-`), perhaps with `--no-color` or `--quiet`, as a hook or
 * a script runs it: its flags; undefined for any other command line, which commander reads.
 */
function plainLint(argv: string[]): { paths: string[]; flags: LintFlags } | undefined {
  if (argv[2] !== 'lint') return undefined;
  const paths: string[] = [];
  const flags: LintFlags = { ...LINT_DEFAULTS };
  for (const arg of argv.slice(3)) {
    if (arg === '--no-color') flags.color = false;
    else if (arg === '--quiet') flags.quiet = true;
    else if (arg === '' || arg.startsWith('-')) return undefined;
    else paths.push(arg);
  }
  return paths.length ? { paths, flags } : undefined;
}

/** commander's own error (help shown, a version printed, an option refused): its exit code says which. */
function isCommanderError(err: unknown): err is Error & { exitCode: number } {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}

async function parsed(argv: string[]): Promise<number> {
  const { Command } = await import('commander');
  const program = new Command();
  program
    .name('compose-secrets')
    .description('Find secrets in Docker Compose files and move them into Compose secrets.')
    .version(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev')
    .exitOverride()
    // commander quotes the arguments it refuses: escaped like every other line we print
    .configureOutput({ writeOut, writeErr: (s) => writeErr(escapeLines(s)) });
  registerLint(program);
  registerConfig(program);
  registerFix(program);
  registerRules(program);
  registerAudit(program);
  registerRotate(program);
  registerBaseline(program);
  refuseUnknownCommand(argv[2], program);
  await program.parseAsync(argv);
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/**
 * lint is the default command, so `compose-secrets lnit` would lint a path named lnit: a first
 * argument that is a bare word, names no command and no file is refused as an unknown command.
 */
function refuseUnknownCommand(first: string | undefined, program: Command): void {
  if (first === undefined) return;
  const names = program.commands.map((c) => c.name());
  if (names.includes(first) || first === 'help' || !/^[a-z][a-z0-9-]*$/i.test(first) || existsSync(first)) return;
  throw new UsageError(`unknown command "${first}" (commands: ${names.join(', ')}; a path that does not exist is not linted)`);
}
