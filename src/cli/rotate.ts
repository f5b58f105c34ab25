import type { Command } from 'commander';
import { UsageError } from './util.js';
import { writeOut, writeErr } from './output.js';

interface RotateFlags {
  file?: string[];
  envFile?: string[];
  projectDirectory?: string;
  target?: string;
  valueFrom?: string;
  length: string;
  alphabet: string;
  dryRun?: boolean;
  stack?: string;
}

export function registerRotate(program: Command): void {
  program
    .command('rotate')
    .description('rotate one secret: a new versioned Swarm secret name (swarm) or a new secret file beside the old (compose), with the plan')
    .argument('<secret>', 'the secret, by its name under the top-level secrets')
    .option('-f, --file <file...>', 'compose files of the project, in order (like docker compose -f)')
    .option('--env-file <file...>', 'env files for interpolation instead of the project .env')
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--target <target>', 'swarm (external secret) or compose (file: source); default: from the secret')
    .option('--value-from <file>', 'the new value: a file, or - for standard input (default: a random value)')
    .option('--length <n>', 'length of a random value', '32')
    .option('--alphabet <name>', 'characters of a random value: alnum, hex, base64url or symbols', 'alnum')
    .option('--stack <name>', "the Swarm stack's name, for the plan (default: the project's name)")
    .option('--dry-run', 'print the plan, change nothing')
    .action(async (secret: string, flags: RotateFlags) => {
      const { rotate, RotateError } = await import('../rotate/rotate.js');
      const { ALPHABETS, randomValue } = await import('../rotate/value.js');
      const { readText } = await import('../load/read.js');
      if (flags.target !== undefined && flags.target !== 'swarm' && flags.target !== 'compose')
        throw new UsageError(`unknown target "${flags.target}" (use swarm or compose)`);
      const length = Number(flags.length);
      if (!Number.isInteger(length) || length < 16 || length > 4096)
        throw new UsageError(`--length takes a whole number from 16 to 4096, not "${flags.length}"`);
      if (!Object.hasOwn(ALPHABETS, flags.alphabet)) throw new UsageError(`unknown alphabet "${flags.alphabet}" (use ${Object.keys(ALPHABETS).join(', ')})`);
      const alphabet = ALPHABETS[flags.alphabet as keyof typeof ALPHABETS];
      const value = async () => {
        if (!flags.valueFrom) return randomValue(length, alphabet);
        const text = await readText(flags.valueFrom);
        if (!text.length) throw new RotateError(`${flags.valueFrom === '-' ? 'standard input' : flags.valueFrom} is empty: no new value; nothing was written`);
        return text;
      };
      try {
        const result = await rotate({
          secret,
          files: flags.file,
          envFiles: flags.envFile,
          projectDirectory: flags.projectDirectory,
          cwd: process.cwd(),
          target: flags.target as 'swarm' | 'compose' | undefined,
          valueFrom: flags.valueFrom,
          value,
          dryRun: flags.dryRun,
          stack: flags.stack,
        });
        writeOut(result.plan);
      } catch (err) {
        if (err instanceof RotateError) {
          const { escapeControl } = await import('../report/escape.js');
          writeErr(`compose-secrets rotate: ${escapeControl(err.message)}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
}
