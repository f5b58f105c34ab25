import { RULES } from '../rules/index.js';
import { runFix, type FixOptions, type FixResult } from './fix/fix.js';

export { lint, lintText, type LintOptions, type LintResult, type JsonFinding } from './lint.js';
export { RULES } from '../rules/index.js';
export type { Rule, RuleMeta, RuleDocs } from './engine/rule.js';
export type { Finding, Severity } from './engine/types.js';
export { interpolate, InterpolationError } from './preprocess/interpolate.js';
export { parseDotenv } from './preprocess/dotenv.js';
export { ruleTable, ruleDoc, rulesPage, updateReadme } from './report/rule-docs.js';
export { FixError, type FixOptions, type FixResult } from './fix/fix.js';
export { loadProject, type Project, type ProjectOptions } from './preprocess/project.js';
export { parseDotenvEntries } from './preprocess/dotenv.js';
export { renderConfig, validateProject } from './compose-config.js';

/** Moves the secrets of the projects found into Compose `secrets:` (see the README's fix section). */
export function fix(options: FixOptions = {}): Promise<FixResult> {
  return runFix(RULES, options);
}
