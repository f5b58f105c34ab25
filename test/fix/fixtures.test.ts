/**
 * Fixture projects: fixtures/fix/<case>/input → expected/ byte for byte (secret files with fake
 * values, the provisioning script, .gitignore), the exact text fix prints (expected.stdout.txt)
 * and its exit code. Each case is also run a second time (nothing changes), re-linted (no fixable
 * finding left but the ones reported as skipped), validated, and checked for leaked values.
 * UPDATE_EXPECTED=1 rewrites the expected files (review the diff!).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { validateProject } from '../../src/compose-config.js';
import { collectExposures } from '../../src/detect/exposures.js';
import { checkProject } from '../../src/engine/check.js';
import { SECRETS_TAG } from '../../src/engine/rule.js';
import { formatFixResult } from '../../src/fix/report.js';
import { groupIntoProjects } from '../../src/load/projects.js';
import { discover } from '../../src/load/discover.js';
import { originKey } from '../../src/model/origin.js';
import { loadProject } from '../../src/preprocess/project.js';
import { folders } from '../helpers.js';
import { cleanup, copyInput, expectedTree, FIX_FIXTURES, fix, fixCases, sorted, tree } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

/** The secret values of a project before fixing (what must never be printed). */
function valuesOf(work: string, units: string[][]): string[] {
  const out: string[] = [];
  for (const unit of units) {
    const project = loadProject({ files: unit, mode: 'lint', cwd: work });
    for (const e of collectExposures(project.model)) if (e.verdict.class === 'hardcoded' && e.verdict.value.length >= 4) out.push(e.verdict.value);
  }
  return out;
}

async function unitsOf(work: string): Promise<string[][]> {
  const found = await discover([work]);
  return groupIntoProjects(found.files, work);
}

describe.each(fixCases())('fix fixtures/fix/$name', (c) => {
  it('turns input/ into expected/, prints expected.stdout.txt, exits as expected', async () => {
    const work = copyInput(c, temps);
    const values = valuesOf(work, await unitsOf(work));
    const result = await fix({ ...c.options, cwd: work });
    const out = formatFixResult(result);
    const expectedDir = join(c.dir, 'expected');
    const secretsDir = join(c.dir, 'expected-secrets');
    const stdoutFile = join(c.dir, 'expected.stdout.txt');
    const secretPaths = new Set(result.secretFiles.map((f) => relative(work, resolve(work, f.file))));
    if (process.env.UPDATE_EXPECTED) {
      rmSync(expectedDir, { recursive: true, force: true });
      rmSync(secretsDir, { recursive: true, force: true });
      for (const [file, text] of tree(work)) {
        const target = join(secretPaths.has(file) ? secretsDir : expectedDir, file);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text, 'latin1');
        if (file.endsWith('.sh')) chmodSync(target, 0o755);
      }
      if (!existsSync(expectedDir)) mkdirSync(expectedDir);
      writeFileSync(stdoutFile, out.stdout);
    }
    expect(out.stdout).toBe(readFileSync(stdoutFile, 'utf8'));
    expect(out.exitCode).toBe(c.exitCode);
    expect(out.stderr).toBe('');
    const actual = sorted(tree(work));
    const expected = expectedTree(c);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);
    for (const file of tree(secretsDir).keys()) expect(secretPaths.has(file), `${file} is a secret file of the run`).toBe(true);
    if (c.options.dryRun) expect(actual).toEqual(tree(join(c.dir, 'input')));

    // secret files: 0600 in a 0700 directory
    if (!c.options.dryRun) {
      for (const f of result.secretFiles) {
        const p = resolve(work, f.file);
        expect(statSync(p).mode & 0o777, f.file).toBe(0o600);
        expect(statSync(dirname(p)).mode & 0o777, dirname(f.file)).toBe(0o700);
      }
    }

    // no value in anything printed or written besides the secret files
    const printed = [out.stdout, out.stderr, result.diff, result.provision?.text ?? '', JSON.stringify(result)];
    for (const v of values) for (const p of printed) expect(p.includes(v), `a value of length ${v.length} leaked`).toBe(false);

    if (c.options.dryRun) return;
    // the result loads, validates, and lint finds no fixable finding but those fix skipped
    const explained = new Set(result.skipped.flatMap((s) => s.origins));
    for (const unit of await unitsOf(work)) {
      const project = loadProject({ files: unit, mode: 'lint', cwd: work });
      expect(validateProject(project)).toEqual([]);
      const rules = c.options.rules?.length ? RULES.filter((r) => c.options.rules!.includes(r.meta.id)) : RULES;
      // fixable findings of the effective model's exposures, but those fix said it skipped
      const exposures = new Map(collectExposures(project.model).map((e) => [e.id, e]));
      const left = checkProject(project, { rules }).filter(
        (f) => f.fixable && f.exposures.some((id) => exposures.has(id) && !explained.has(originKey(exposures.get(id)!.verdict.origin))),
      );
      expect(left.map((f) => `${f.origin.file}:${f.origin.line} ${f.ruleId}`)).toEqual([]);
      const misuse = checkProject(project, { rules: RULES.filter((r) => r.meta.tags.includes(SECRETS_TAG)) }).filter((f) => f.severity !== 'info');
      expect(misuse.map((f) => f.message)).toEqual([]);
    }

    // running it again changes nothing
    const again = await fix({ ...c.options, cwd: work });
    expect(again.files).toEqual([]);
    expect(again.rewrites).toEqual([]);
    expect(again.secretFiles.filter((f) => !f.present)).toEqual([]);
    expect(sorted(tree(work))).toEqual(expected);
  });
});

describe('fixture layout', () => {
  it('every folder of fixtures/fix is a case: case.json, input/, expected/ and expected.stdout.txt', () => {
    const names = folders(FIX_FIXTURES);
    expect(fixCases().map((c) => c.name)).toEqual(names);
    for (const name of names) {
      for (const p of ['case.json', 'input', 'expected', 'expected.stdout.txt']) expect(existsSync(join(FIX_FIXTURES, name, p)), `${name}/${p}`).toBe(true);
    }
  });
});
