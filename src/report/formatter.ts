import type { RuleMeta } from '../engine/rule.js';
import type { LintResult } from '../lint.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

/** What a formatter is given besides the result (ESLint's shape: rule metadata, working directory, colour). */
export interface FormatOptions {
  /** ANSI colours (stylish only). */
  color?: boolean;
  /** The directory the result's file names are relative to (default: the current directory). */
  cwd?: string;
  /** Every rule's metadata, by id (for formatters that link to documentation). */
  rules?: Record<string, RuleMeta>;
}

/** Turns a lint result into the text a format prints. A custom formatter (`--format ./my-formatter.js`) default-exports one. */
export type Formatter = (result: LintResult, options?: FormatOptions) => string;

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'compact', 'github', 'junit', 'gitlab', 'checkstyle'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** A formatter by name, loaded on demand: lint's start-up (a pre-commit hook) loads stylish and json only. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return formatStylish;
    case 'json':
      return formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'compact':
      return (await import('./compact.js')).formatCompact;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'gitlab':
      return (await import('./gitlab.js')).formatGitlab;
    case 'checkstyle':
      return (await import('./checkstyle.js')).formatCheckstyle;
  }
}

/** Counts of findings by severity. */
export function countSeverities(result: LintResult): { errors: number; warnings: number; infos: number } {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  return { errors, warnings, infos: result.findings.length - errors - warnings };
}
