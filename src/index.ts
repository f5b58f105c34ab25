/**
 * The library: what the CLI does, as functions. Linting (lint, lintText, checkProject for a
 * loaded project), the rules and their contract, settings, formatters, fix, and the loader.
 */
import { RULES } from '../rules/index.js';
import { runFix, type FixOptions, type FixResult } from './fix/fix.js';

export { lint, lintText, type LintOptions, type LintTextOptions, type LintResult, type JsonFinding } from './lint.js';
export { RULES } from '../rules/index.js';
export { checkProject, type CheckOptions } from './engine/check.js';
export { validateRuleOptions } from './engine/rule-options.js';
export { ruleDocsUrl, SECRETS_TAG, type Rule, type RuleMeta, type RuleDocs, type RuleContext, type ReportDescriptor } from './engine/rule.js';
export type { Finding, Severity, InputError } from './engine/types.js';
export type { Exposure, ExposureContext } from './detect/exposures.js';
export type { Fixability } from './detect/fixability.js';
export type { FileHost, FileStat } from './load/host.js';
export { LoadError } from './load/parse.js';
export { loadSettings, emptySettings, SETTINGS_FILE, type Settings } from './settings.js';
export { formatJson } from './report/json.js';
export { formatStylish } from './report/stylish.js';
export { formatSarif } from './report/sarif.js';
export { loadFormatter, FORMAT_NAMES, type Formatter, type FormatName, type FormatOptions } from './report/formatter.js';
export { interpolate, InterpolationError } from './preprocess/interpolate.js';
export { parseDotenv, parseDotenvEntries } from './preprocess/dotenv.js';
export { FixError, type FixOptions, type FixResult } from './fix/fix.js';
export { loadProject, type Project, type ProjectOptions } from './preprocess/project.js';
export { renderConfig, validateProject } from './compose-config.js';

/** Moves the secrets of the projects found into Compose `secrets:` (see the README's fix section). */
export function fix(options: FixOptions = {}): Promise<FixResult> {
  return runFix(RULES, options);
}
