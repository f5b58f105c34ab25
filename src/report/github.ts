import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,title=<rule>::message`, which GitHub
 * shows as annotations on the pull request's lines. A workflow command ends at a line break and
 * its properties at `,` and `:`: the message escapes `%`, CR and LF, a property `:` and `,` too,
 * as the Actions toolkit does; other control characters are escaped like every text output.
 */
export function formatGithub(result: LintResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = { file: f.file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId };
    lines.push(command(level, props, f.message));
  }
  for (const err of result.errors) lines.push(command('error', { file: err.file, line: err.line, col: err.column, title: 'compose-secrets' }, err.message));
  for (const w of result.warnings ?? []) lines.push(command('warning', { file: w.file, title: 'compose-secrets' }, w.message));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function command(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${list}::${escapeData(message)}`;
}

/** A workflow command's message. */
export function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
