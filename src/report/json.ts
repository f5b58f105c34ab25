import type { LintResult } from '../lint.js';

/** The stable JSON format (version 1): see the README. */
export function formatJson(result: LintResult): string {
  const { version, files, findings, errors, warnings } = result;
  // `warnings` (directories that could not be searched) only when there are some: the shape stays the same otherwise
  return JSON.stringify({ version, files, findings, errors, ...(warnings?.length ? { warnings } : {}) }, null, 2) + '\n';
}
