import type { JsonFinding, LintResult } from '../lint.js';
import { xml } from './xml.js';

/**
 * JUnit XML, as ESLint writes it: one test suite per linted file, one failing test case per
 * finding (a clean file has one passing case), input errors as suites of their own. CI servers
 * (Jenkins, GitLab's test reports, Azure) show it as test results.
 */
export function formatJunit(result: LintResult): string {
  const byFile = new Map<string, JsonFinding[]>(result.files.map((f) => [f, []]));
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const [file, findings] of byFile) {
    const failures = findings.length;
    out.push(`  <testsuite package="compose-secrets" time="0" tests="${Math.max(failures, 1)}" failures="${failures}" errors="0" name="${xml(file)}">`);
    if (!failures) out.push(`    <testcase time="0" name="compose-secrets" classname="${xml(file)}" />`);
    for (const f of findings) {
      const detail = `line ${f.line}, col ${f.column}, ${f.severity} - ${f.message} (${f.ruleId})`;
      out.push(`    <testcase time="0" name="compose-secrets.${xml(f.ruleId)}" classname="${xml(file)}">`);
      out.push(`      <failure message="${xml(f.message)}" type="${f.severity}">${xml(detail)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const err of result.errors) {
    const where = err.line ? `line ${err.line}, col ${err.column ?? 1}, ` : '';
    out.push(`  <testsuite package="compose-secrets" time="0" tests="1" failures="0" errors="1" name="${xml(err.file)}">`);
    out.push(`    <testcase time="0" name="compose-secrets.input" classname="${xml(err.file)}">`);
    out.push(`      <error message="${xml(err.message)}">${xml(`${where}${err.message}`)}</error>`);
    out.push('    </testcase>');
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
