import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonFinding } from '../src/lint.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(REPO, '../shared');
export const CORPUS = join(SHARED, 'corpus');
export const HAS_SHARED = existsSync(CORPUS);

/** One line per finding: position, severity, rule, path, services, message, redacted length. */
export function findingLine(f: JsonFinding): string {
  const services = f.services.length ? ` [${f.services.join(',')}]` : '';
  const redacted = f.redacted ? ` ${f.redacted}` : '';
  return `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId} ${f.path.join('.')}${services} | ${f.message}${redacted}`;
}

/** Every file below a directory whose name matches. */
export function walk(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, match, out);
    else if (match(name)) out.push(p);
  }
  return out;
}
