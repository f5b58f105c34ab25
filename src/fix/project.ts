/**
 * Fixing one project: plan a round of rewrites from the exposures lint reports as fixable
 * (plan.ts), apply them as text edits (edit.ts), reload and add any mount or definition the services
 * still miss; repeat until a round finds nothing (a value shadowed in a base file shows up once the
 * override is rewritten). Then check the result (verify.ts).
 */
import { resolve } from 'node:path';
import { validateProject } from '../compose-config.js';
import type { Exposure } from '../detect/exposures.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { checkProject, type CheckOptions } from '../engine/check.js';
import type { Rule } from '../engine/rule.js';
import type { Finding } from '../engine/types.js';
import { LoadError } from '../load/parse.js';
import type { Project } from '../preprocess/project.js';
import type { Settings } from '../settings.js';
import { advice, afterFix, dockerfileLines } from './advice.js';
import { EditError } from './edit.js';
import { FixError } from './errors.js';
import type { FixOptions, FixResult } from './options.js';
import {
  addMount,
  definitionPairs,
  definitionVersion,
  mountsSecret,
  ownFile,
  planRound,
  primaryFile,
  rootSecretNames,
  SecretRegistry,
  yamlEditor,
  type Editors,
  type FollowUp,
  type PlanContext,
  type Rewrite,
  type SecretDef,
  type Skipped,
  type SwarmNames,
  type Target,
} from './plan.js';
import { recordRanges, type Positions, type Ranges } from './positions.js';
import { defaultSecretsDir, type SecretStore } from './store.js';
import { checkNoOverrideExposed, checkRewritten, misuse } from './verify.js';
import type { Workspace } from './workspace.js';

const MAX_ROUNDS = 8;

export interface Shared {
  ranges: Ranges;
  positions: Positions;
  ws: Workspace;
  store: SecretStore;
  table: FileSuffixTable;
  /** The rules whose findings fix rewrites or reports. */
  rules: readonly Rule[];
  /** The rules about the use of secrets (SECRETS_TAG). */
  usageRules: readonly Rule[];
  settings: Settings;
  /** Swarm names of the whole run (one name, one value). */
  swarmNames: SwarmNames;
  /** The rewrites of the projects fixed so far in the run, with their secrets. */
  runRewrites: { rewrite: Rewrite; def: SecretDef }[];
}

export interface ProjectFix {
  rewrites: Rewrite[];
  skipped: Skipped[];
  followUps: FollowUp[];
  dockerfile: FixResult['dockerfile'];
  defs: SecretDef[];
  secretsDir: string;
  projectDirectory: string;
}

type ProjectOptions = FixOptions & { target: Target; cwd: string };

/** The state of one project's fixing: its current model (reloaded after each edit) and what it needs to plan. */
class ProjectState {
  readonly abs = (display: string) => resolve(this.options.cwd, display);
  readonly unit: string[];
  readonly projectFiles: string[];
  readonly secretsDir: string;
  readonly registry: SecretRegistry;
  readonly check: CheckOptions;

  constructor(
    public project: Project,
    readonly options: ProjectOptions,
    readonly shared: Shared,
  ) {
    this.unit = project.files;
    this.projectFiles = this.unit.map(this.abs);
    this.secretsDir = options.secretsDir ? resolve(options.cwd, options.secretsDir) : defaultSecretsDir(project.projectDirectory);
    this.registry = SecretRegistry.fromProject({
      model: project.model,
      sources: this.sources(),
      secretsDir: this.secretsDir,
      text: (p) => shared.ws.text(p),
      abs: this.abs,
      readFile: (p) => shared.store.valueAt(p),
    });
    // the Swarm names the project's files already define stay theirs
    for (const d of this.registry.defs.values()) if (d.externalName) shared.swarmNames.claim(d.externalName, `existing:${d.externalName}`);
    // lint's findings (suppressed ones and allowed names are neither fixed nor reported)
    this.check = { rules: shared.rules, settings: shared.settings, fileSuffixImages: shared.table };
  }

  sources(): string[] {
    return this.project.sources.map(this.abs);
  }

  findings(p: Project = this.project): Finding[] {
    return checkProject(p, this.check);
  }

  reload(): void {
    try {
      this.project = this.shared.ws.load({ files: this.unit, envFiles: this.options.envFiles, projectDirectory: this.options.projectDirectory });
    } catch (err) {
      if (err instanceof LoadError) throw new FixError(`the rewritten ${err.file} cannot be loaded (${err.message}); nothing was written`);
      throw err;
    }
  }

  context(): PlanContext {
    const { ws, store, table } = this.shared;
    const selected = new Set(
      this.findings()
        .filter((f) => f.fixable)
        .flatMap((f) => f.exposures),
    );
    return {
      model: this.project.model,
      projectFiles: this.projectFiles,
      sources: this.sources(),
      target: this.options.target,
      unsafeFixes: Boolean(this.options.unsafeFixes),
      table,
      secretsDir: this.secretsDir,
      registry: this.registry,
      store,
      text: (p) => ws.text(p),
      abs: this.abs,
      display: (p) => ws.display(p),
      selected: (e: Exposure) => selected.has(e.id),
      projectName: this.project.name,
      swarmNames: this.shared.swarmNames,
    };
  }
}

export function fixProject(initial: Project, options: ProjectOptions, shared: Shared): ProjectFix {
  const { ws, positions } = shared;
  const state = new ProjectState(initial, options, shared);
  const originalIssues = validateProject(initial).map((i) => i.message);
  const originalMisuse = misuse(initial, shared.usageRules);

  const out: ProjectFix = {
    rewrites: [],
    skipped: [],
    followUps: [],
    dockerfile: [],
    defs: [],
    secretsDir: state.secretsDir,
    projectDirectory: initial.projectDirectory,
  };
  recordRanges(initial, shared, state.abs);
  // what fix leaves to the user: the findings of values it does not rewrite
  for (const f of state.findings())
    if (!f.fixable && f.exposures.length && f.severity !== 'info')
      out.followUps.push(positions.stamp({ file: f.origin.file, line: f.origin.line, message: `${f.message}; ${advice(f)}` }));

  const { skipped, skippedExposures } = rewriteRounds(state, out);
  const adopted = adoptShared(state, shared.runRewrites);
  if (adopted.length) mountMissing(state, adopted);
  const project = state.project;

  // a rewritten entry must not let another definition of its key take effect (the base of an override, a `<<` merge it overrode)
  checkNoOverrideExposed(out.rewrites, project);
  // the result must load, validate no worse than before, and leave no fixable finding unexplained
  checkRewritten({
    project,
    originalIssues,
    originalMisuse,
    usageRules: shared.usageRules,
    table: shared.table,
    findings: () => state.findings(),
    skippedExposures,
    skippedOrigins: new Set(skipped.flatMap((s) => s.origins ?? [])),
  });
  out.skipped = skipped;
  recordRanges(project, shared, state.abs);

  out.defs = [...state.registry.defs.values()].filter((d) => d.users.length);
  for (const rewrite of out.rewrites) shared.runRewrites.push({ rewrite, def: state.registry.defs.get(rewrite.secret)! });
  out.followUps.push(...afterFix(out.rewrites, state.registry, ws, positions));
  out.dockerfile = dockerfileLines(out.rewrites, project, state.abs, ws);
  return out;
}

/**
 * Plans and applies rounds of rewrites until one finds nothing. Returns the skipped entries of the
 * last round (their origins match the final findings), each reported as the record of the round
 * that first met it (its line was stamped in that round's file version).
 */
function rewriteRounds(state: ProjectState, out: ProjectFix): { skipped: Skipped[]; skippedExposures: Set<number> } {
  const { ws, positions } = state.shared;
  let skipped: Skipped[] = [];
  let skippedExposures = new Set<number>();
  const firstSeen = new Map<string, Skipped>();
  const skipKey = (s: Skipped) => `${s.file}\u0000${s.key}\u0000${s.services.join(',')}\u0000${s.kind}`;
  for (let round = 0; ; round++) {
    if (round === MAX_ROUNDS)
      throw new FixError(`internal error: fixing ${state.unit.join(', ')} did not settle after ${MAX_ROUNDS} rounds; nothing was written`);
    const plan = planRound(state.context());
    for (const r of [...plan.rewrites, ...plan.skipped, ...plan.followUps]) positions.stamp(r);
    for (const r of plan.rewrites) if (r.dotenv) positions.stamp(r.dotenv);
    for (const d of state.registry.defs.values()) for (const u of d.users) positions.stamp(u);
    skipped = plan.skipped;
    skippedExposures = plan.skippedExposures;
    if (!plan.rewrites.length) break;
    for (const s of plan.skipped) if (!firstSeen.has(skipKey(s))) firstSeen.set(skipKey(s), s);
    out.rewrites.push(...plan.rewrites);
    out.followUps.push(...plan.followUps);
    apply(plan.editors, ws);
    state.reload();
    mountMissing(state, out.rewrites);
  }
  // the record of the round that first met the entry (its line), with the origins of the last round (they match the final findings)
  const reported = skipped.map((s) => {
    const first = firstSeen.get(skipKey(s));
    if (!first) return s;
    first.origins = s.origins;
    return first;
  });
  return { skipped: reported, skippedExposures };
}

/**
 * What earlier projects of the run rewrote in a file this project reads too (a shared env_file, an
 * extends base): the services that now receive `<KEY>_FILE` from that line mount the same secret,
 * defined in this project as well. Returned as rewrites naming those services (for mountMissing).
 */
function adoptShared(state: ProjectState, runRewrites: Shared['runRewrites']): Rewrite[] {
  const sources = new Set(state.sources());
  const out: Rewrite[] = [];
  for (const { rewrite: rw, def } of runRewrites) {
    if (!rw.newKey || !sources.has(state.abs(rw.file))) continue;
    const services = state.project.model.services
      .filter((s) => [...s.environment, ...s.envFile].some((e) => e.key === rw.newKey && e.keyOrigin.file === rw.file && e.keyOrigin.line === rw.line))
      .map((s) => s.name);
    if (!services.length) continue;
    state.registry.add(def);
    for (const service of services) def.users.push({ service, key: rw.key, file: rw.file, line: rw.line, build: false });
    out.push({ ...rw, services });
  }
  return out;
}

/** Mounts and definitions the rewritten secrets still miss: services that receive a value through an anchor, extends or env_file. */
function mountMissing(state: ProjectState, rewrites: Rewrite[]): void {
  const { ws } = state.shared;
  for (let pass = 0; ; pass++) {
    const ctx = state.context();
    const editors: Editors = { yaml: new Map(), dotenv: new Map() };
    let missing = 0;
    // the model does not change within a pass: its services, secrets and primary file are looked up once
    const services = new Set(state.project.model.services.map((x) => x.name));
    const defined = rootSecretNames(state.project.model);
    let primary: string | undefined;
    for (const rw of rewrites) {
      const build = rw.context === 'build-args';
      for (const s of rw.services) {
        if (!services.has(s) || mountsSecret(ctx, s, rw.secret, build)) continue;
        const own = ownFile(ctx, editors, s, state.abs(rw.file));
        if (!own) throw new FixError(`cannot find where service ${s} is defined to mount secret ${rw.secret}; nothing was written`);
        wrapEdit(() => addMount(own.editor, own.map, rw.secret, build));
        missing++;
      }
      if (!defined.has(rw.secret)) {
        const file = (primary ??= primaryFile(ctx));
        const f = yamlEditor(ctx, editors, file)!;
        const root = f.rootMap('secrets') ?? f.rootMap('services') ?? f.rootMap();
        if (!root) throw new FixError(`${ws.display(file)} has no top-level mapping; nothing was written`);
        const def = state.registry.defs.get(rw.secret)!;
        wrapEdit(() => f.addMapEntry(root, 'secrets', rw.secret, definitionPairs(def, file)));
        f.requireVersion(definitionVersion(def));
        missing++;
      }
    }
    if (!missing) break;
    if (pass === 3) throw new FixError(`internal error: the secrets of ${state.unit.join(', ')} could not be mounted; nothing was written`);
    apply(editors, ws);
    state.reload();
  }
}

function wrapEdit(f: () => void): void {
  try {
    f();
  } catch (err) {
    if (err instanceof EditError) throw new FixError(`${err.message}; nothing was written`);
    throw err;
  }
}

/** Writes every editor's result into the workspace. */
function apply(editors: Editors, ws: Workspace): void {
  for (const [abs, f] of editors.yaml) {
    let text: string;
    try {
      text = f.flush();
    } catch (err) {
      if (err instanceof EditError) throw new FixError(`${f.name}: ${err.message}; nothing was written`);
      throw err;
    }
    if (text !== f.text) ws.write(abs, text);
  }
  for (const [abs, d] of editors.dotenv) {
    const text = d.flush();
    if (text !== d.text) ws.write(abs, text);
  }
}
