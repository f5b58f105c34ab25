export { lint, lintText, type LintOptions, type LintResult, type JsonFinding } from './lint.js';
export { RULES } from '../rules/index.js';
export type { Rule, RuleMeta, RuleDocs } from './engine/rule.js';
export type { Finding, Severity } from './engine/types.js';
export { interpolate, InterpolationError } from './preprocess/interpolate.js';
export { parseDotenv } from './preprocess/dotenv.js';
export { ruleTable, ruleDoc, rulesPage, updateReadme } from './report/rule-docs.js';
