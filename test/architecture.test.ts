/**
 * Data flows one way: files → load → preprocess → model → detect → rules → engine → report / fix.
 * A module imports only from its own layer and the layers before it; fix knows no rule and no
 * linter (it is given the rules), and rules know nothing of fix.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, walk } from './helpers.js';

/** Layers in the order data flows; a module may import from its layer and those before it. */
const LAYERS: [prefix: string, rank: number][] = [
  // lookup tables without a prototype, for names read from a user's files: used from the model up
  ['src/dictionary.ts', 0],
  ['src/model/', 0],
  ['src/load/', 1],
  ['src/generated/', 2],
  ['src/preprocess/', 2],
  ['src/detect/', 3],
  ['src/settings.ts', 4],
  ['src/engine/', 4],
  ['src/policy/', 4],
  ['rules/', 5],
  ['src/report/', 6],
  ['src/lint.ts', 6],
  ['src/lint/', 6],
  ['src/compose-config.ts', 6],
  ['src/fix/', 7],
  ['src/audit/', 7],
  ['src/rotate/', 7],
  ['src/cli/', 8],
  ['src/cli.ts', 8],
  ['src/index.ts', 9],
  ['src/tooling.ts', 9],
];

/** Edges the ranks allow but the design does not. */
const FORBIDDEN: [from: string, to: string, why: string][] = [
  ['src/fix/', 'rules/', 'fix is given the rules'],
  ['src/fix/', 'src/lint.ts', 'fix uses checkProject, not the linter'],
  ['src/fix/', 'src/lint/', 'fix uses checkProject, not the linter'],
  ['src/fix/', 'src/report/sarif.ts', 'fix has its own report'],
  ['rules/', 'src/report/', 'rules are reported, they do not report'],
];

function layer(file: string): number {
  const found = LAYERS.find(([prefix]) => file === prefix || file.startsWith(prefix));
  if (!found) throw new Error(`${file} is in no layer: add it to LAYERS`);
  return found[1];
}

/** Every relative import of a source file (static, dynamic, type-only), as repository paths. */
function imports(file: string): string[] {
  const text = readFileSync(join(REPO, file), 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => relative(REPO, resolve(dirname(join(REPO, file)), s)).replace(/\.js$/, '.ts')).filter((p) => !p.startsWith('data/'));
}

describe('architecture', () => {
  const files = [...walk(join(REPO, 'src'), (n) => n.endsWith('.ts')), ...walk(join(REPO, 'rules'), (n) => n.endsWith('.ts'))].map((f) => relative(REPO, f));

  it('no module imports from a later layer', () => {
    const backwards: string[] = [];
    for (const file of files) for (const target of imports(file)) if (layer(target) > layer(file)) backwards.push(`${file} → ${target}`);
    expect(backwards).toEqual([]);
  });

  it('fix imports no rule and not the linter; rules import nothing of fix or the reports', () => {
    const found: string[] = [];
    for (const file of files) {
      for (const target of imports(file)) {
        for (const [from, to, why] of FORBIDDEN) if (file.startsWith(from) && target.startsWith(to)) found.push(`${file} → ${target} (${why})`);
      }
    }
    expect(found).toEqual([]);
  });
});
