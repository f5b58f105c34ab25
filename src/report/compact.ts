import type { LintResult } from '../lint.js';
import { escapeControl as e } from './escape.js';

/** One line per finding, `file:line:col: severity message [rule]`, then input errors: what editors and grep read. */
export function formatCompact(result: LintResult): string {
  const lines = result.findings.map((f) => `${e(f.file)}:${f.line}:${f.column}: ${f.severity} ${e(f.message)} [${e(f.ruleId)}]`);
  for (const err of result.errors) lines.push(`${e(err.file)}:${err.line ?? 1}:${err.column ?? 1}: error ${e(err.message)}`);
  for (const w of result.warnings ?? []) lines.push(`${e(w.file)}:1:1: warning ${e(w.message)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
