import pc from 'picocolors';
import type { JsonFinding, LintResult } from '../lint.js';
import { escapeControl as e } from './escape.js';
import type { FormatOptions } from './formatter.js';

type Colors = ReturnType<typeof pc.createColors>;

/** ESLint-like output: findings grouped by file, one line each, then a summary. */
export function formatStylish(result: LintResult, options: FormatOptions = {}): string {
  const c: Colors = pc.createColors(options.color ?? false);
  const lines: string[] = [];
  const byFile = new Map<string, JsonFinding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(e(file)));
    const pos = findings.map((f) => `${f.line}:${f.column}`);
    const width = Math.max(...pos.map((p) => p.length));
    findings.forEach((f, i) => {
      const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      const where = f.services.length > 1 ? ` [services: ${e(f.services.join(', '))}]` : f.service ? ` [${e(f.service)}]` : '';
      const redacted = f.redacted ? c.dim(` ${e(f.redacted)}`) : '';
      lines.push(`  ${c.dim(pos[i].padEnd(width))}  ${sev}  ${e(f.message)}${where}${redacted}  ${c.dim(e(f.ruleId))}`);
    });
    lines.push('');
  }
  for (const err of result.errors) {
    const where = err.line ? `${err.file}:${err.line}:${err.column ?? 1}` : err.file;
    lines.push(`${c.red('error')} ${e(where)}: ${e(err.message)}`);
  }
  for (const n of result.notFound) lines.push(`${c.yellow('warning')} ${e(n.path)}: ${e(n.reason)}`);
  for (const w of result.warnings ?? []) lines.push(`${c.yellow('warning')} ${e(w.file)}: ${e(w.message)}`);
  if (result.errors.length || result.notFound.length || result.warnings?.length) lines.push('');
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const infos = result.findings.length - errors - warnings;
  if (result.findings.length) {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    if (infos) parts.push(`${infos} info`);
    const total = `✖ ${result.findings.length} problem${result.findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
    lines.push((errors ? c.red : c.yellow)(c.bold(total)));
    const fixes = fixSummary(result.findings);
    if (fixes) lines.push(c.dim(`  ${fixes}`));
    if (result.baseline?.known) lines.push(c.dim(`  ${result.baseline.known} more in the baseline, not shown.`));
  } else if (result.hidden) {
    lines.push(
      c.green(
        `✔ no errors in ${result.files.length} file${result.files.length === 1 ? '' : 's'} (${result.hidden} warning${result.hidden === 1 ? '' : 's'} hidden by --quiet)`,
      ),
    );
  } else if (!result.errors.length && result.baseline?.known) {
    lines.push(
      c.green(`✔ no new secrets found in ${result.files.length} file${result.files.length === 1 ? '' : 's'} (${result.baseline.known} in the baseline)`),
    );
  } else if (!result.errors.length) {
    lines.push(c.green(`✔ no secrets found in ${result.files.length} file${result.files.length === 1 ? '' : 's'}`));
  }
  return lines.join('\n') + '\n';
}

/** How many findings fix rewrites, ruff-style: `3 fixable with \`compose-secrets fix\`, 2 more with \`--unsafe-fixes\`.` */
export function fixSummary(findings: readonly JsonFinding[]): string | undefined {
  const safe = findings.filter((f) => f.fix?.applicability === 'safe').length;
  const unsafe = findings.filter((f) => f.fix?.applicability === 'unsafe').length;
  if (safe && unsafe) return `${safe} fixable with \`compose-secrets fix\`, ${unsafe} more with \`--unsafe-fixes\`.`;
  if (safe) return `${safe} fixable with \`compose-secrets fix\`.`;
  if (unsafe) return `${unsafe} fixable with \`compose-secrets fix --unsafe-fixes\`.`;
  return undefined;
}
