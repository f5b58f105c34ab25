import type { LintResult } from '../lint.js';
import { xml } from './xml.js';

/** Checkstyle XML (ESLint's shape): what Jenkins' warnings plugin, reviewdog and Sonar import. */
export function formatCheckstyle(result: LintResult): string {
  const byFile = new Map<string, string[]>();
  const add = (file: string, line: string) => byFile.set(file, [...(byFile.get(file) ?? []), line]);
  for (const f of result.findings) {
    add(
      f.file,
      `<error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(`${f.message} (${f.ruleId})`)}" source="compose-secrets.${xml(f.ruleId)}" />`,
    );
  }
  for (const err of result.errors) {
    add(
      err.file,
      `<error line="${err.line ?? 1}" column="${err.column ?? 1}" severity="error" message="${xml(err.message)}" source="compose-secrets.input" />`,
    );
  }
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, errors] of byFile) out.push(`  <file name="${xml(file)}">`, ...errors.map((e) => `    ${e}`), '  </file>');
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
