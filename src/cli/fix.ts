import { expandRuleIds } from '../engine/aliases.js';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { FixResult } from '../fix/fix.js';
import { escapeControl } from '../report/escape.js';
import { repeatable, useColor, UsageError } from './util.js';
import { writeOut, writeErr } from './output.js';

interface FixFlags {
  file?: string[];
  envFile?: string[];
  projectDirectory?: string;
  target: string;
  secretsDir?: string;
  dryRun?: boolean;
  unsafeFixes?: boolean;
  rule?: string[];
  provisionScript?: string;
  force?: boolean;
  patch?: string;
  fileSuffixImages?: string;
  color: boolean;
  config?: string;
}

export function registerFix(program: Command): void {
  program
    .command('fix')
    .description('move secrets out of environment variables, env files and build arguments into Compose secrets')
    .argument('[paths...]', 'compose files or directories', [])
    .option('-f, --file <file>', 'a compose file of the project; repeat for several, in order (like docker compose -f)', repeatable)
    .option('--env-file <file>', 'an env file for interpolation instead of the project .env; repeatable', repeatable)
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--target <target>', 'swarm (external secrets, docker stack deploy) or compose (file/environment sources, docker compose)', 'swarm')
    .option('--secrets-dir <dir>', 'where secret files are written (default: secrets/ beside each project)')
    .option('--dry-run', 'print a diff of every change (values masked) and the secret files; write nothing')
    .option('--unsafe-fixes', 'also apply fixes that need the application or the Dockerfile to change')
    .option('--rule <id>', 'fix only findings of this rule; repeatable', repeatable)
    .option('--config <file>', 'settings file (default: ./.compose-secrets.json when present)')
    .option('--provision-script <file>', 'write the Swarm provisioning script here (default: printed); its directory must exist')
    .option('--patch <file>', 'with --dry-run: also write the diff with secret values unmasked (for git apply) to this file, mode 0600')
    .option('--force', 'let --provision-script replace a file that fix did not write, and --patch an existing file')
    .option('--file-suffix-images <file>', 'JSON file adding images that read <VAR>_FILE ({"images":[{"image":"org/app","variables":["API_TOKEN"]}]})')
    .option('--no-color', 'no colours in the output (also NO_COLOR=1)')
    .action(async (paths: string[], flags: FixFlags) => {
      process.exitCode = await runFix(paths, flags);
    });
}

/**
 * A test hook: with COMPOSE_SECRETS_TEST_HOLD_BEFORE_WRITE set, fix stops for good once it has
 * planned everything (every secret read, nothing written), so a test can kill it there.
 */
function holdBeforeWriting(): (() => void) | undefined {
  if (!process.env.COMPOSE_SECRETS_TEST_HOLD_BEFORE_WRITE) return undefined;
  return () => {
    writeErr('holding before writing\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}

/**
 * A test hook: with COMPOSE_SECRETS_TEST_SIGNAL_DURING_WRITE=SIGTERM (or SIGINT), fix sends itself
 * that signal right after writing its first temporary file, to show a signal cannot cut the writes short.
 */
async function signalDuringWrite(): Promise<import('../fix/transaction.js').FileOps | undefined> {
  const signal = process.env.COMPOSE_SECRETS_TEST_SIGNAL_DURING_WRITE;
  if (signal !== 'SIGTERM' && signal !== 'SIGINT') return undefined;
  const { nodeFileOps } = await import('../fix/transaction.js');
  let sent = false;
  return {
    ...nodeFileOps,
    writeDurable(path, data, mode) {
      nodeFileOps.writeDurable(path, data, mode);
      if (!sent) process.kill(process.pid, signal);
      sent = true;
    },
  };
}

async function runFix(paths: string[], flags: FixFlags): Promise<number> {
  if (flags.target !== 'swarm' && flags.target !== 'compose') throw new UsageError(`unknown target "${flags.target}" (use swarm or compose)`);
  if (flags.file?.length && paths.length) throw new UsageError('give either paths or -f files, not both');
  // loaded on demand: lint's start-up does not pay for fix
  const { runFix, FixError } = await import('../fix/fix.js');
  const { formatFixResult } = await import('../fix/report.js');
  let result: FixResult;
  try {
    const { loadSettings } = await import('../settings.js');
    const { RULES } = await import('../../rules/index.js');
    result = await runFix(RULES, {
      settings: loadSettings(
        process.cwd(),
        flags.config,
        RULES.map((r) => r.meta.id),
      ),
      paths,
      files: flags.file,
      envFiles: flags.envFile,
      projectDirectory: flags.projectDirectory,
      target: flags.target,
      secretsDir: flags.secretsDir,
      dryRun: flags.dryRun,
      unsafeFixes: flags.unsafeFixes,
      rules: flags.rule && expandRuleIds(flags.rule),
      provisionScript: flags.provisionScript,
      force: flags.force,
      patch: flags.patch,
      fileSuffixImages: flags.fileSuffixImages,
      beforeWrite: holdBeforeWriting(),
      ops: await signalDuringWrite(),
    });
  } catch (err) {
    if (err instanceof FixError) {
      writeErr(`compose-secrets fix: ${escapeControl(err.message)}\n`);
      return 2;
    }
    throw err;
  }
  const color = useColor(flags.color);
  const out = formatFixResult(result, { color: color ? pc.createColors(true) : undefined });
  writeOut(out.stdout);
  if (out.stderr) writeErr(out.stderr);
  return out.exitCode;
}
