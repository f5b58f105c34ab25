import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { lint, type LintResult } from '../lint.js';
import { FORMAT_NAMES, loadFormatter, type FormatName } from '../report/formatter.js';
import { loadPolicyFile } from '../policy/policy.js';
import { loadSettings, SETTINGS_FILE } from '../settings.js';
import { useColor, UsageError } from './util.js';

interface LintFlags {
  format: string;
  quiet?: boolean;
  maxWarnings?: string;
  color: boolean;
  rule?: string[];
  file?: string[];
  envFile?: string[];
  projectDirectory?: string;
  profile?: string[];
  config?: string;
  policy?: string;
}

export function registerLint(program: Command): void {
  program
    .command('lint', { isDefault: true })
    .description('report secrets in compose files (files, directories, or - for standard input)')
    .argument('[paths...]', 'compose files or directories', [])
    .option('--format <format>', 'output format: stylish, json or sarif', 'stylish')
    .option('--quiet', 'report errors only, not warnings')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('-f, --file <file...>', 'compose files of one project, in order (like docker compose -f)')
    .option('--env-file <file...>', 'env files for interpolation instead of the project .env')
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--profile <name...>', 'accepted for symmetry with config; lint always checks every profile')
    .option('--rule <id...>', 'run only these rules')
    .option('--config <file>', `settings file (default: ./${SETTINGS_FILE} when present)`)
    .option('--policy <file>', "access policy (YAML or JSON, a policy: section or only the policy) instead of the settings' one")
    .option('--no-color', 'no colours in the output (also NO_COLOR=1)')
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  if (!(FORMAT_NAMES as readonly string[]).includes(flags.format))
    throw new UsageError(`unknown format "${flags.format}" (use ${FORMAT_NAMES.slice(0, -1).join(', ')} or ${FORMAT_NAMES.at(-1)})`);
  let maxWarnings = -1;
  if (flags.maxWarnings !== undefined) {
    maxWarnings = Number(flags.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not "${flags.maxWarnings}"`);
  }
  if (flags.file?.length && paths.length) throw new UsageError('give either paths or -f files, not both');
  const settings = loadSettings(
    process.cwd(),
    flags.config,
    RULES.map((r) => r.meta.id),
  );
  if (flags.policy) settings.policy = loadPolicyFile(process.cwd(), flags.policy);
  const result: LintResult = await lint(paths, {
    settings,
    rules: flags.rule,
    files: flags.file,
    envFiles: flags.envFile,
    projectDirectory: flags.projectDirectory,
  });
  if (flags.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
  const format = await loadFormatter(flags.format as FormatName);
  process.stdout.write(format(result, { color: useColor(flags.color) }));
  if (result.errors.length) return 2;
  if (!result.files.length) return 2;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) return 1;
  return 0;
}
