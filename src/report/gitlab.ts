import { createHash } from 'node:crypto';
import type { LintResult } from '../lint.js';

const SEVERITY = { error: 'critical', warning: 'major', info: 'info' } as const;

/**
 * GitLab Code Quality JSON (`artifacts: reports: codequality`): a list of issues, each with a
 * fingerprint GitLab compares between the merge request and its target branch. The fingerprint
 * is a hash of rule, file and the value's path in the model — the same finding on another line
 * keeps it, as SARIF's partialFingerprints do; it never depends on the value.
 */
export function formatGitlab(result: LintResult): string {
  const used = new Map<string, number>();
  const issues = result.findings.map((f) => {
    const base = createHash('sha256')
      .update(JSON.stringify([f.ruleId, f.file, f.path]))
      .digest('hex')
      .slice(0, 32);
    // two findings of one rule at one path (a value and its default): the second gets its own fingerprint
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const fingerprint = n ? createHash('sha256').update(`${base}:${n}`).digest('hex').slice(0, 32) : base;
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      categories: ['Security'],
      severity: SEVERITY[f.severity],
      fingerprint,
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
