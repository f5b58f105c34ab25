import { Command, CommanderError } from 'commander';
import { LoadError } from '../load/parse.js';
import { escapeControl, escapeLines } from '../report/escape.js';
import { registerAudit } from './audit.js';
import { registerConfig } from './config.js';
import { registerFix } from './fix.js';
import { registerLint } from './lint.js';
import { registerRotate } from './rotate.js';
import { registerRules } from './rules.js';
import { UsageError } from './util.js';

declare const PACKAGE_VERSION: string;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('compose-secrets')
    .description('Find secrets in Docker Compose files and move them into Compose secrets.')
    .version(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev')
    .exitOverride()
    // commander quotes the arguments it refuses: escaped like every other line we print
    .configureOutput({ writeErr: (s) => process.stderr.write(escapeLines(s)) });
  registerLint(program);
  registerConfig(program);
  registerFix(program);
  registerRules(program);
  registerAudit(program);
  registerRotate(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`compose-secrets: ${escapeControl(err.message)}\n`);
      return 2;
    }
    if (err instanceof LoadError) {
      const where = err.line ? `${err.file}:${err.line}:${err.column ?? 1}` : err.file;
      process.stderr.write(`compose-secrets: ${escapeControl(where)}: ${escapeControl(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`compose-secrets: internal error: ${escapeControl(message.split('\n')[0])}\n`);
    if (process.env.COMPOSE_SECRETS_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}
