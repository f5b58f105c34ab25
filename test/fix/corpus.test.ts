/**
 * `fix` over the real-world corpus (shared/corpus), on a temporary copy, with both targets and
 * --unsafe-fixes: every project with fixable findings is fixed, and each result re-parses,
 * validates no worse than before, re-lints clean of fixable findings (but the ones fix skipped
 * and said why), keeps every comment line and loses no value.
 *
 * Run time: the corpus has ~700 projects with fixable findings; CI runs on 2 cores, so by default
 * a deterministic sample of SAMPLE projects per target is fixed (every n-th one, across all
 * repositories). CORPUS_FIX_ALL=1 runs every one.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { validateProject } from '../../src/compose-config.js';
import { collectExposures } from '../../src/detect/exposures.js';
import { literalValue } from '../../src/detect/fixability.js';
import { SECRETS_TAG } from '../../src/engine/rule.js';
import { checkProject } from '../../src/engine/check.js';
import { FixError, type FixResult } from '../../src/fix/fix.js';
import { groupIntoProjects } from '../../src/load/projects.js';
import { discover } from '../../src/load/discover.js';
import { originKey } from '../../src/model/origin.js';
import { get } from '../../src/model/tree.js';
import { loadProject, type Project } from '../../src/preprocess/project.js';
import { CORPUS, HAS_SHARED } from '../helpers.js';
import { fix } from './helpers.js';

/** The rules about the use of secrets, which fix runs before and after rewriting. */
const USAGE_RULES = new Set(RULES.filter((r) => r.meta.tags.includes(SECRETS_TAG)).map((r) => r.meta.id));

const SAMPLE = Number(process.env.CORPUS_FIX_SAMPLE ?? 120);
const ALL = Boolean(process.env.CORPUS_FIX_ALL);

interface Candidate {
  unit: string[];
  /** Values fix must move (hardcoded, fixable), and the comment lines of every file the project reads. */
  values: string[];
  comments: Map<string, string[]>;
  issues: string[];
  misuse: string[];
}

/** Reasons fix leaves an entry alone on purpose: a template default (no `environment:` source keeps it), a value mixing text and variables. */
const KEPT_AS_IS = [/^the value is the default of \$\{[A-Za-z_0-9]+\}/, /^the value mixes text and variables/];

const temps: string[] = [];
// removing two copies of the corpus takes its time on a busy machine: no time limit on it
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
}, 600_000);

function load(unit: string[], cwd: string): Project | undefined {
  try {
    return loadProject({ files: unit, mode: 'lint', cwd });
  } catch {
    return undefined;
  }
}

async function candidates(root: string): Promise<Candidate[]> {
  const found = await discover([root]);
  const units = groupIntoProjects(
    found.files.map((f) => relative(root, f)),
    root,
  );
  const out: Candidate[] = [];
  for (const unit of units) {
    const project = load(unit, root);
    if (!project) continue;
    // a file Compose refuses (an invalid template, dify's and signoz's `${…}` in Coolify's templates; a merge key on a list) is
    // refused by fix as a whole, rightly: not a candidate (which directories the sample picks moves whenever a finding is
    // added anywhere, and such a directory came into it when the licence rule added two findings to the corpus)
    if (project.notes.some((n) => n.severity === 'error')) continue;
    const findings = checkProject(project, { rules: RULES });
    if (!findings.some((f) => f.fixable)) continue;
    // values written in the file itself: one read through a variable (.env, a default) follows the
    // variable instead (an `environment:` source, or a secret provisioned from the variable when set)
    const values = collectExposures(project.model)
      .filter((e) => e.fix && e.verdict.class === 'hardcoded' && e.entry?.value && !e.entry.value.interpolation?.vars.length)
      .map((e) => literalValue(e.entry!)!)
      .filter((v) => v !== undefined);
    const comments = new Map<string, string[]>();
    for (const s of project.sources) {
      const text = readFileSync(resolve(root, s), 'utf8');
      comments.set(
        s,
        text.split(/\r?\n/).filter((l) => /^\s*#/.test(l)),
      );
    }
    const misuse = findings.filter((f) => USAGE_RULES.has(f.ruleId)).map((f) => f.message);
    out.push({ unit, values, comments, issues: validateProject(project).map((i) => i.message), misuse });
  }
  return out;
}

function sample<T>(list: T[]): T[] {
  if (ALL || list.length <= SAMPLE) return list;
  const step = list.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => list[Math.floor(i * step)]);
}

/** Every file below a directory. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesBelow(join(dir, n)) : [join(dir, n)]));
}

/** The checks on one project after its directory was fixed. */
function checkFixed(c: Candidate, result: FixResult, root: string, target: string, failures: string[]): void {
  const label = c.unit.join(' + ');
  const project = load(c.unit, root);
  if (!project) {
    failures.push(`${label}: does not load after fix`);
    return;
  }
  // validates no worse than before
  const before = [...c.issues];
  for (const i of validateProject(project)) {
    const at = before.indexOf(i.message);
    if (at < 0) failures.push(`${label}: new schema issue ${i.file}:${i.line}: ${i.message}`);
    else before.splice(at, 1);
  }
  // re-lints clean of fixable findings, but the ones fix reported as skipped; secrets used correctly
  const explained = new Set(result.skipped.flatMap((s) => s.origins));
  const exposures = new Map(collectExposures(project.model).map((e) => [e.id, e]));
  const unexplained = (id: number) => exposures.has(id) && !explained.has(originKey(exposures.get(id)!.verdict.origin));
  for (const f of checkProject(project, { rules: RULES })) {
    if (f.fixable && f.exposures.some(unexplained)) failures.push(`${label}: fixable finding left at ${f.origin.file}:${f.origin.line} (${f.ruleId})`);
    if (USAGE_RULES.has(f.ruleId) && f.severity !== 'info' && !c.misuse.includes(f.message))
      failures.push(`${label}: ${f.origin.file}:${f.origin.line}: ${f.message}`);
  }
  for (const s of result.skipped) {
    if (!c.unit.some((u) => s.file === u)) continue;
    if (s.kind === 'unsafe') failures.push(`${label}: unsafe fix skipped despite --unsafe-fixes at ${s.file}:${s.line}`);
    // with --target compose fix rewrites everything but what no `environment:` or `file:` source can keep
    if (target === 'compose' && !KEPT_AS_IS.some((r) => r.test(s.reason))) failures.push(`${label}: not rewritten at ${s.file}:${s.line}: ${s.reason}`);
  }
  // every comment line is still there
  for (const [file, lines] of c.comments) {
    const now = readFileSync(resolve(root, file), 'utf8').split(/\r?\n/);
    const pool = new Map<string, number>();
    for (const l of now) pool.set(l, (pool.get(l) ?? 0) + 1);
    for (const l of lines) {
      const n = pool.get(l) ?? 0;
      if (!n) failures.push(`${label}: comment line lost in ${file}: ${l.trim().slice(0, 40)}`);
      else pool.set(l, n - 1);
    }
  }
  // no value lost: each one moved is in a secret file
  const stored = new Set<string>();
  for (const dir of new Set(c.unit.map((u) => join(dirname(resolve(root, u)), 'secrets'))))
    for (const f of filesBelow(dir)) stored.add(readFileSync(f, 'utf8'));
  const secrets = get(project.model.root, 'secrets');
  if (secrets?.kind === 'map') {
    for (const e of secrets.entries) {
      const file = get(e.value, 'file');
      if (file?.kind === 'scalar' && typeof file.value === 'string') {
        const p = join(dirname(resolve(root, file.origin.file)), file.value);
        if (existsSync(p) && statSync(p).isFile()) stored.add(readFileSync(p, 'utf8'));
      }
    }
  }
  for (const v of c.values) if (!stored.has(v)) failures.push(`${label}: a value of length ${v.length} is in no secret file`);
}

describe.skipIf(!HAS_SHARED)('fix over the corpus', () => {
  if (!HAS_SHARED) it.skip(`shared/corpus not found at ${CORPUS}: corpus fix test skipped`, () => {});

  for (const target of ['swarm', 'compose'] as const) {
    it(`--target ${target} --unsafe-fixes: every result re-parses, validates, re-lints clean, keeps comments and values`, async () => {
      const root = mkdtempSync(join(tmpdir(), `cs-corpus-${target}-`));
      temps.push(root);
      cpSync(CORPUS, root, { recursive: true });
      const all = await candidates(root);
      // one run per directory, as a user runs it: projects sharing a directory share its secrets/
      const byDir = new Map<string, Candidate[]>();
      for (const c of all) {
        const dir = dirname(resolve(root, c.unit[0]));
        byDir.set(dir, [...(byDir.get(dir) ?? []), c]);
      }
      const chosen = sample([...byDir.keys()]);
      const failures: string[] = [];
      let fixed = 0;
      let refused = 0;
      let projects = 0;
      let secretsWritten = 0;
      for (const dir of chosen) {
        const label = relative(root, dir);
        let result: FixResult;
        try {
          result = await fix({ paths: [dir], cwd: root, target, unsafeFixes: true });
        } catch (err) {
          failures.push(`${label}: ${err instanceof FixError ? err.message : (err as Error).stack}`);
          continue;
        }
        if (result.errors.length) {
          // one run is one transaction: a project Compose refuses (an invalid template in a
          // subdirectory) stops every write of the run. The candidates' own files must not be the
          // ones refused, and nothing may have been written.
          const own = new Set(byDir.get(dir)!.flatMap((c) => c.unit.map((f) => resolve(root, f))));
          const ownErrors = result.errors.filter((e) => own.has(resolve(root, e.file)));
          if (ownErrors.length) failures.push(`${label}: ${ownErrors.map((e) => e.message).join('; ')}`);
          if (result.written) failures.push(`${label}: files written although the run had errors`);
          refused++;
          continue;
        }
        fixed++;
        secretsWritten += result.secretFiles.filter((f) => !f.present).length;
        for (const c of byDir.get(dir)!) {
          projects++;
          checkFixed(c, result, root, target, failures);
        }
        // a second run changes nothing
        const again = await fix({ paths: [dir], cwd: root, target, unsafeFixes: true, dryRun: true }).catch((err: Error) => err);
        if (again instanceof Error) failures.push(`${label}: second run failed: ${again.message}`);
        else if (again.files.length || again.rewrites.length || again.secretFiles.some((f) => !f.present))
          failures.push(`${label}: a second run would change ${again.files.map((f) => f.file).join(', ')}`);
      }
      console.log(
        `fix corpus --target ${target}: ${all.length} projects with fixable findings in ${byDir.size} directories; ${chosen.length} directories run${ALL ? '' : ' (sample)'}, ${fixed} fixed (${projects} projects checked), ${refused} refused as a whole (another project of the directory does not load), ${secretsWritten} secret files written, ${failures.length} failures`,
      );
      if (process.env.CORPUS_FIX_REPORT) writeFileSync(`${process.env.CORPUS_FIX_REPORT}.${target}`, failures.join('\n') + '\n');
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
