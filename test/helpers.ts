import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { JsonFinding } from '../src/lint.js';
import { parseComposeText } from '../src/load/parse.js';
import { get, type TreeMap, type TreeNode } from '../src/model/tree.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(REPO, '../shared');
export const CORPUS = join(SHARED, 'corpus');
export const HAS_SHARED = existsSync(CORPUS);
export const CONFORMANCE = join(SHARED, 'conformance');
export const HAS_CONFORMANCE = existsSync(CONFORMANCE);

/**
 * Compares an output with its expected file; a missing expected file fails (a fixture without its
 * expected output is never skipped). UPDATE_EXPECTED=1 writes it instead: review the diff.
 */
export function expectOutput(path: string, actual: string): void {
  if (process.env.UPDATE_EXPECTED) writeFileSync(path, actual);
  expect(existsSync(path), `${relative(REPO, path)} is missing: write it with UPDATE_EXPECTED=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The sub-directories of a directory, sorted. */
export function folders(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

/** The test vectors of ../shared/conformance/<name> (none when the folder is absent). */
export function conformanceVectors<T>(name: string): T[] {
  return HAS_CONFORMANCE ? (JSON.parse(readFileSync(join(CONFORMANCE, name), 'utf8')) as T[]) : [];
}

/** One line per finding: position, severity, rule, path, services, message, redacted length, and how fix rewrites it. */
export function findingLine(f: JsonFinding): string {
  const services = f.services.length ? ` [${f.services.join(',')}]` : '';
  const redacted = f.redacted ? ` ${f.redacted}` : '';
  const fix = f.fix ? ` (fix: ${f.fix.applicability})` : '';
  return `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId} ${f.path.join('.')}${services} | ${f.message}${redacted}${fix}`;
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

/** The root of a compose text (throws for an empty one). */
export function parseRoot(file: string, text: string): TreeMap {
  const root = parseComposeText(file, text).roots[0];
  if (!root) throw new Error(`${file} is empty`);
  return root;
}

/** The node at a path of keys and list indexes (throws when there is none). */
export function nodeAt(root: TreeNode, ...keys: (string | number)[]): TreeNode {
  let cur: TreeNode | undefined = root;
  for (const k of keys) {
    if (typeof k === 'number') cur = cur?.kind === 'seq' ? cur.items[k] : undefined;
    else cur = get(cur, k);
  }
  if (!cur) throw new Error(`nothing at ${keys.join('.')}`);
  return cur;
}

/** file:line:column of a node. */
export function pos(n: TreeNode): string {
  return `${n.origin.file}:${n.origin.line}:${n.origin.column}`;
}
