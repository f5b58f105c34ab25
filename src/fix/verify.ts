/**
 * The checks of a rewritten project: it validates no worse than before, uses its secrets no worse,
 * leaves no fixable finding unexplained, and lets no overridden value take effect.
 *
 * Before fix writes anything: every compose project that reads a file fix changes — the ones it
 * fixed, and any other project in the directories of those files (a sibling sharing an env_file,
 * a .env, an extends base or an include) — must give every container what it gave before
 * (equivalence.ts). Otherwise fix stops, saying where, and writes nothing.
 */
import { dirname, relative, resolve } from 'node:path';
import { validateProject } from '../compose-config.js';
import { collectExposures } from '../detect/exposures.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { checkProject } from '../engine/check.js';
import type { Rule } from '../engine/rule.js';
import type { Finding } from '../engine/types.js';
import { discover } from '../load/discover.js';
import { nodeHost } from '../load/host.js';
import { serviceNamed } from '../model/model.js';
import { originKey } from '../model/origin.js';
import { LoadError } from '../load/parse.js';
import { groupIntoProjects } from '../load/projects.js';
import { compareProject, type Difference, type ExternalSource } from './equivalence.js';
import { FixError } from './errors.js';
import type { Rewrite } from './plan.js';
import type { Project } from '../preprocess/project.js';
import type { SecretStore } from './store.js';
import type { Workspace } from './workspace.js';

export interface VerifyInput {
  cwd: string;
  ws: Workspace;
  store: SecretStore;
  /** The projects fix worked on (their compose files, as displayed). */
  projects: string[][];
  envFiles?: string[];
  projectDirectory?: string;
  ignore?: string[];
  /** External secrets by Swarm name: what the provisioning script (or an earlier run) gives them. */
  externals: Map<string, ExternalSource>;
}

/** A project's key: its compose files, absolute (fix's projects are named as displayed, discovery's absolute), in any order. */
const unitKey = (files: string[], cwd: string) =>
  files
    .map((f) => resolve(cwd, f))
    .sort()
    .join('\u0000');

/** The other projects (not in `known`) whose files include one of `changed`. */
async function siblingProjects(input: VerifyInput, changed: Set<string>, known: Set<string>): Promise<{ unit: string[]; shared: string }[]> {
  const dirs = [...new Set([...changed].map((f) => dirname(f)))];
  const found = await discover(dirs, input.ignore, input.cwd);
  const out: { unit: string[]; shared: string }[] = [];
  for (const unit of groupIntoProjects(found.files, input.cwd)) {
    if (unit.includes('-') || known.has(unitKey(unit, input.cwd))) continue;
    try {
      const p = input.ws.load({ files: unit });
      const shared = p.sources.find((s) => changed.has(resolve(input.cwd, s)));
      if (shared !== undefined) out.push({ unit, shared });
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
    }
  }
  return out;
}

function describe(d: Difference): string {
  const what = d.service ? `service ${d.service}${d.key ? `: ${d.key}` : ''} ${d.reason}` : d.reason;
  return `${d.file}${d.line ? `:${d.line}` : ''}: ${what}`;
}

/** Throws FixError when a container would receive something else after the run. */
export async function verifyEquivalence(input: VerifyInput): Promise<void> {
  const changed = new Set(input.ws.changed().map((c) => c.abs));
  if (!changed.size) return;
  const known = new Set(input.projects.map((files) => unitKey(files, input.cwd)));
  const siblings = await siblingProjects(input, changed, known);
  const differences: Difference[] = [];
  const check = (files: string[], own: boolean) =>
    compareProject({
      files,
      envFiles: own ? input.envFiles : undefined,
      projectDirectory: own ? input.projectDirectory : undefined,
      cwd: input.cwd,
      before: nodeHost,
      after: input.ws,
      fileContent: (abs) => input.store.valueAt(abs),
      external: (name) => input.externals.get(name),
    });
  for (const unit of input.projects) differences.push(...check(unit, true));
  const own = differences.length;
  const sibling = siblings.map((s) => ({ ...s, differences: check(s.unit, false) })).find((s) => s.differences.length);
  if (sibling) differences.push(...sibling.differences);
  if (!differences.length) return;
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : '';
  // a project fix was not asked about, reading a file it changes: say so, it is the cause
  const why =
    !own && sibling
      ? ` — ${sibling.unit.map((f) => relative(input.cwd, f) || f).join(', ')} reads ${sibling.shared}, which fix changes, and was not named: fix them in one run (name their directory)`
      : '';
  throw new FixError(`the rewrite would change what a container receives: ${describe(differences[0])}${more}${why}; nothing was written`);
}

/** Problems with the use of secrets (undefined secret, `_FILE` pointing at nothing mounted), as `file: message`. */
export function misuse(project: Project, usageRules: readonly Rule[]): string[] {
  return checkProject(project, { rules: usageRules })
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.origin.file}: ${f.message}`);
}

/** A rewritten entry must not let another definition of its key take effect (the base of an override, a `<<` merge it overrode). */
export function checkNoOverrideExposed(rewrites: Rewrite[], project: Project): void {
  for (const rw of rewrites) {
    for (const name of rw.services) {
      const s = serviceNamed(project.model, name);
      const left = s && (rw.context === 'build-args' ? s.buildArgs : [...s.environment, ...s.envFile]).find((e) => e.key === rw.key);
      if (left) {
        throw new FixError(
          `rewriting ${rw.key} of service ${name} would let the ${rw.key} it overrode (${left.keyOrigin.file}:${left.keyOrigin.line}) take effect; move that value by hand and run fix again; nothing was written`,
        );
      }
    }
  }
}

export interface RewrittenCheck {
  project: Project;
  /** The messages of the Compose schema issues of the project before. */
  originalIssues: string[];
  /** misuse() of the project before. */
  originalMisuse: string[];
  usageRules: readonly Rule[];
  table: FileSuffixTable;
  /** lint's findings on the rewritten project. */
  findings: () => Finding[];
  /** The exposures fix skipped on purpose. */
  skippedExposures: Set<number>;
  /**
   * The same, by where their values are (`file\0start\0end`, Skipped.origins): a project that adopts
   * another project's rewrite of a shared file after its last round has exposures of a new model.
   */
  skippedOrigins?: Set<string>;
}

/** The rewritten project must validate no worse than before, use its secrets no worse, and leave no fixable finding unexplained. */
export function checkRewritten(c: RewrittenCheck): void {
  const issues = validateProject(c.project);
  const before = [...c.originalIssues];
  const added = issues.filter((i) => {
    const at = before.indexOf(i.message);
    if (at < 0) return true;
    before.splice(at, 1);
    return false;
  });
  if (added.length) {
    const first = added[0];
    const more = added.length > 1 ? ` (and ${added.length - 1} more)` : '';
    throw new FixError(`the rewritten project would not be valid: ${first.file}:${first.line}:${first.column}: ${first.message}${more}; nothing was written`);
  }
  const broken = misuse(c.project, c.usageRules).filter((m) => !c.originalMisuse.includes(m));
  if (broken.length) throw new FixError(`internal error: the rewritten project would use its secrets wrongly (${broken.join('; ')}); nothing was written`);
  // of the exposures of the rewritten model, the fixable ones lint still reports must be the skipped ones
  const current = new Set(
    collectExposures(c.project.model, c.table)
      .filter((e) => {
        const o = e.verdict.origin;
        return !c.skippedOrigins?.has(originKey(o));
      })
      .map((e) => e.id),
  );
  const left = c.findings().filter((f) => f.fixable && f.exposures.some((id) => current.has(id) && !c.skippedExposures.has(id)));
  if (left.length) {
    throw new FixError(
      `internal error: ${left.length} fixable finding(s) left after fixing (${left.map((f) => `${f.origin.file}:${f.origin.line} ${f.ruleId}`).join(', ')}); nothing was written`,
    );
  }
}
