import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { RULES } from '../../rules/index.js';
import { runFix, type FixOptions, type FixResult, type FixRunOptions } from '../../src/fix/fix.js';
import { REPO } from '../helpers.js';

/** fix with every rule, as the CLI and the library run it (and the test hooks of FixRunOptions). */
export function fix(options: FixRunOptions = {}): Promise<FixResult> {
  return runFix(RULES, options);
}

export const FIX_FIXTURES = join(REPO, 'fixtures/fix');

export interface FixCase {
  name: string;
  dir: string;
  options: FixOptions;
  exitCode: number;
}

export function fixCases(): FixCase[] {
  return readdirSync(FIX_FIXTURES)
    .filter((d) => existsSync(join(FIX_FIXTURES, d, 'case.json')))
    .sort()
    .map((name) => {
      const dir = join(FIX_FIXTURES, name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { options: FixOptions; exitCode: number };
      return { name, dir, options: c.options, exitCode: c.exitCode };
    });
}

/** A fresh copy of a case's input/ in a temporary directory. */
export function copyInput(c: FixCase, temps: string[]): string {
  const root = mkdtempSync(join(tmpdir(), `cs-fix-${c.name}-`));
  temps.push(root);
  const work = join(root, c.name);
  cpSync(join(c.dir, 'input'), work, { recursive: true });
  return work;
}

/** Every file below a directory: relative path → content. */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function cleanup(temps: string[]): void {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

/**
 * The whole expected tree of a case: expected/ plus the secret files, kept apart in
 * expected-secrets/ because the expected .gitignore (written by fix) would keep them out of git.
 */
export function expectedTree(c: FixCase): Map<string, string> {
  const all = new Map([...tree(join(c.dir, 'expected')), ...tree(join(c.dir, 'expected-secrets'))]);
  return new Map([...all.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Sorted copy of a tree, for comparisons. */
export function sorted(t: Map<string, string>): Map<string, string> {
  return new Map([...t.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
