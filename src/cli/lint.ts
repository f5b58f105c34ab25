import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { RULE_ALIASES } from '../engine/aliases.js';
import { lint, type LintResult } from '../lint.js';
import { BASELINE_FILE, baselineText, readBaseline } from '../lint/baseline.js';
import { loadPolicyFile } from '../policy/policy.js';
import { FORMAT_NAMES, type Formatter, loadFormatter, type FormatName } from '../report/formatter.js';
import { loadSettings, SETTINGS_FILE } from '../settings.js';
import { checkRuleIds, repeatable, useColor, UsageError } from './util.js';
import { importModule } from '../load/import-module.js';
import { writeOut, writeErr } from './output.js';

export interface LintFlags {
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
  outputFile?: string;
  baseline?: string;
  prune?: boolean;
  reportUnusedIgnores?: boolean;
}

/** The flags of a lint given none: what commander fills in, and what a plain `lint FILE…` runs with (main.ts). */
export const LINT_DEFAULTS: Readonly<Pick<LintFlags, 'format' | 'color'>> = { format: 'stylish', color: true };

export function registerLint(program: Command): void {
  program
    .command('lint', { isDefault: true })
    .description('report secrets in compose files (files, directories, or - for standard input)')
    .argument('[paths...]', 'compose files or directories', [])
    .option('--format <format>', `output format: ${FORMAT_NAMES.join(', ')}, or a formatter module (./my-formatter.js)`, LINT_DEFAULTS.format)
    .option('--output-file <file>', 'write the report to this file instead of standard output')
    .option('--baseline <file>', `report only findings not in this baseline (written by compose-secrets baseline; ${BASELINE_FILE})`)
    .option('--report-unused-ignores', 'warn about compose-secrets-ignore comments that silence nothing')
    .option('--prune', 'with --baseline: remove the entries no longer found from the baseline file')
    .option('--quiet', 'report errors only, not warnings')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('-f, --file <file>', 'a compose file of the project; repeat for several, in order (like docker compose -f)', repeatable)
    .option('--env-file <file>', 'an env file for interpolation instead of the project .env; repeatable', repeatable)
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--profile <name>', 'refused: lint checks the services of every profile (profiles are for config)', repeatable)
    .option('--rule <id>', 'run only this rule; repeatable', repeatable)
    .option('--config <file>', `settings file (default: the nearest ${SETTINGS_FILE}, .yaml or .yml above each file)`)
    .option('--policy <file>', "access policy (YAML or JSON, a policy: section or only the policy) instead of the settings' one")
    .option('--no-color', 'no colours in the output (also NO_COLOR=1)')
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

/** Whole number of warnings allowed, or -1 for no limit. */
function maxWarningsOf(flags: LintFlags): number {
  if (flags.maxWarnings === undefined) return -1;
  const n = Number(flags.maxWarnings);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings takes a whole number, not "${flags.maxWarnings}"`);
  return n;
}

function checkFlags(paths: string[], flags: LintFlags, ruleIds: string[]): void {
  if (!(FORMAT_NAMES as readonly string[]).includes(flags.format) && !isFormatterPath(flags.format))
    throw new UsageError(
      `unknown format "${flags.format}" (use ${FORMAT_NAMES.slice(0, -1).join(', ')} or ${FORMAT_NAMES.at(-1)}, or a path to a formatter module)`,
    );
  if (flags.profile?.length)
    throw new UsageError('lint checks the services of every profile (a secret in an inactive profile is still committed): --profile is for config');
  if (flags.file?.length && paths.length) throw new UsageError('give either paths or -f files, not both');
  // an alias (secret-misuse) is a rule id too
  checkRuleIds(flags.rule, [...ruleIds, ...Object.keys(RULE_ALIASES)]);
  if (flags.prune && !flags.baseline) throw new UsageError('--prune needs --baseline FILE');
}

export async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  const ruleIds = RULES.map((r) => r.meta.id);
  checkFlags(paths, flags, ruleIds);
  const maxWarnings = maxWarningsOf(flags);
  // --config wins; otherwise each file gets the nearest settings file above it
  const settings = flags.config ? loadSettings(process.cwd(), flags.config, ruleIds) : undefined;
  const baseline = flags.baseline ? readBaseline(flags.baseline) : undefined;
  const policy = flags.policy ? loadPolicyFile(process.cwd(), flags.policy) : undefined;
  const result: LintResult = await lint(paths, {
    settings,
    policy,
    baseline,
    reportUnusedIgnores: flags.reportUnusedIgnores,
    rules: flags.rule,
    files: flags.file,
    envFiles: flags.envFile,
    projectDirectory: flags.projectDirectory,
  });
  // counted before --quiet hides them, as ESLint does
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (flags.quiet) {
    const shown = result.findings.filter((f) => f.severity === 'error');
    if (shown.length < result.findings.length) result.hidden = result.findings.length - shown.length;
    result.findings = shown;
  }
  const format = isFormatterPath(flags.format) ? await loadCustomFormatter(flags.format) : await loadFormatter(flags.format as FormatName);
  const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta]));
  const text = format(result, { color: !flags.outputFile && useColor(flags.color), cwd: process.cwd(), rules });
  if (flags.outputFile) writeReport(flags.outputFile, text);
  else writeOut(text);
  if (baseline && flags.prune && result.baseline?.stale.length) {
    const stale = new Set(result.baseline.stale);
    writeReport(baseline.file, baselineText({ ...baseline, entries: baseline.entries.filter((e) => !stale.has(e)) }));
    writeErr(`compose-secrets: removed ${stale.size} stale entr${stale.size === 1 ? 'y' : 'ies'} from ${flags.baseline}\n`);
  }
  if (result.errors.length) return 2;
  if (!result.files.length) return 2;
  if (result.findings.some((f) => f.severity === 'error')) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    writeErr(`compose-secrets: too many warnings (${warnings}; --max-warnings is ${maxWarnings})\n`);
    return 1;
  }
  return 0;
}

/** A --format that names a module rather than a built-in format: a path, or a .js/.mjs/.cjs file. */
function isFormatterPath(format: string): boolean {
  return /[\\/]/.test(format) || /\.[cm]?js$/.test(format);
}

/** A formatter module's default export (or its `format` export), as ESLint loads `--format ./x.js`. */
async function loadCustomFormatter(path: string): Promise<Formatter> {
  let mod: { default?: unknown; format?: unknown };
  try {
    mod = (await importModule(pathToFileURL(resolve(path)).href)) as typeof mod;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot load formatter ${path}${code ? ` (${code})` : ''}`);
  }
  const fn = typeof mod.default === 'function' ? mod.default : mod.format;
  if (typeof fn !== 'function') throw new UsageError(`formatter ${path} exports no function (export default (result, {rules, cwd, color}) => string)`);
  return fn as Formatter;
}

/** Writes the report whole: to a temporary file beside it, renamed into place. */
export function writeReport(file: string, text: string): void {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
