import type { LintResult } from '../lint.js';

/** The stable JSON format (version 1): see the README. */
export function formatJson(result: LintResult): string {
  const { version, files, findings, errors } = result;
  return JSON.stringify({ version, files, findings, errors }, null, 2) + '\n';
}
