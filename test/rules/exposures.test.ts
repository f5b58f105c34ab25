/**
 * Over the corpus: every exposure the detectors find is claimed by exactly one rule and reported
 * in exactly one finding — nothing found goes unreported, nothing is reported twice.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { collectExposures } from '../../src/detect/exposures.js';
import { runRules } from '../../src/engine/run.js';
import { LoadError } from '../../src/load/parse.js';
import { buildModel, type ComposeModel } from '../../src/model/model.js';
import { loadProject, resolvePassthrough, type Project } from '../../src/preprocess/project.js';
import { CORPUS, HAS_SHARED, REPO, walk } from '../helpers.js';

/** The effective model and each file's own (what checkProject runs the rules on). */
function models(project: Project): ComposeModel[] {
  return [
    project.model,
    ...project.fileRoots.map((root) => {
      const model = buildModel(root);
      resolvePassthrough(model, project.environment);
      return model;
    }),
  ];
}

/** How many findings report each exposure, with these rule options over the defaults. */
function countReported(model: ComposeModel, project: Project, given: Record<string, object>): Map<number, number> {
  const reported = new Map<number, number>();
  const options = (rule: (typeof RULES)[number]) => ({ ...rule.meta.defaultOptions, ...given[rule.meta.id] });
  for (const f of runRules(model, RULES, { sourceText: project.sourceText, options }))
    for (const id of f.exposures) reported.set(id, (reported.get(id) ?? 0) + 1);
  return reported;
}

describe.skipIf(!HAS_SHARED)('exposures and findings over ../shared/corpus', () => {
  it('every exposure is claimed by exactly one rule and gives exactly one finding', async () => {
    const files = walk(CORPUS, (n) => /\.ya?ml$/.test(n)).map((f) => relative(REPO, f));
    const failures: string[] = [];
    let exposures = 0;
    for (const [i, file] of files.entries()) {
      // let the worker answer the test runner now and then (a long synchronous loop times out its RPC)
      if (i % 100 === 0) await new Promise((done) => setImmediate(done));
      let project: Project;
      try {
        project = loadProject({ files: [file], mode: 'lint', cwd: REPO });
      } catch (err) {
        if (err instanceof LoadError) continue;
        throw err;
      }
      for (const model of models(project)) {
        const found = collectExposures(model);
        // with the defaults (an optional secret, `${VAR:-}`, reported too), each exposure is reported once;
        // with the option that reports less, the optional ones only are left out
        const reported = countReported(model, project, {});
        const byDefault = countReported(model, project, { 'secret-via-environment': { optional: false } });
        for (const e of found) {
          exposures++;
          const where = `${e.verdict.origin.file}:${e.verdict.origin.line} ${e.context} ${e.verdict.class}`;
          const claimers = RULES.filter((r) => r.claims?.(e)).map((r) => r.meta.id);
          if (claimers.length !== 1) failures.push(`${where}: claimed by ${claimers.join(', ') || 'no rule'}`);
          const times = reported.get(e.id) ?? 0;
          if (times !== 1) failures.push(`${where}: in ${times} findings`);
          const optional = e.verdict.class === 'via-env' && e.verdict.optional === true;
          if ((byDefault.get(e.id) ?? 0) !== (optional ? 0 : 1)) failures.push(`${where}: in ${byDefault.get(e.id) ?? 0} findings with optional: false`);
        }
      }
    }
    expect(exposures).toBeGreaterThan(5000);
    expect(failures).toEqual([]);
  }, 600_000);
});
