/**
 * `compose-secrets fix`: moves secrets out of environment variables, env files and build
 * arguments into Compose `secrets:`.
 *
 * Flow, per project: load it from a private in-memory copy of its files (workspace.ts); plan a round of
 * rewrites from the exposures that lint reports as fixable (plan.ts); apply them as surgical text
 * edits (edit.ts); reload and add any mount or definition the services still miss; repeat until a
 * round finds nothing (a value shadowed in a base file shows up once the override is rewritten).
 * Then check the result: it parses, validates against the Compose schema no worse than before,
 * and lint finds no fixable finding but the ones skipped on purpose. Only then, and only without
 * --dry-run, are the secret files and the changed files written, all or nothing (transaction.ts).
 */
import { closeSync, existsSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { validateProject } from '../compose-config.js';
import { collectExposures, type Exposure } from '../detect/exposures.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { activeRules, checkProject, type CheckOptions } from '../engine/check.js';
import { SECRETS_TAG, type Rule } from '../engine/rule.js';
import { validateRuleOptions } from '../engine/rule-options.js';
import type { Finding } from '../engine/types.js';
import { discover } from '../load/discover.js';
import { LoadError } from '../load/parse.js';
import { groupIntoProjects } from '../load/projects.js';
import { get } from '../model/tree.js';
import type { Project } from '../preprocess/project.js';
import { emptySettings, type Settings } from '../settings.js';
import { maskText, unifiedDiff } from './diff.js';
import { EditError } from './edit.js';
import { FixError } from './errors.js';
import { loadImageTable } from './images.js';
import {
  addMount,
  definitionPairs,
  mountsSecret,
  ownFile,
  planRound,
  primaryFile,
  relativeFile,
  rootHasSecret,
  SecretRegistry,
  yamlEditor,
  type Editors,
  type FollowUp,
  type PlanContext,
  type Rewrite,
  type SecretDef,
  type Skipped,
  type Target,
} from './plan.js';
import { isProvisionScript, provisionScript, type ProvisionedSecret } from './provision.js';
import { defaultSecretsDir, gitignoreUpdate, SECRET_DIR_MODE, SECRET_FILE_MODE, SecretStore, StoreConflictError } from './store.js';
import { commit, nodeFileOps, removeStaleTemps, TransactionError, withSignalsDeferred, type FileOps, type FileWrite } from './transaction.js';
import { verifyEquivalence } from './verify.js';
import { Workspace } from './workspace.js';
import type { ExternalSource } from './equivalence.js';

export type { Target, Rewrite, Skipped, FollowUp } from './plan.js';

export interface FixOptions {
  /** Files or directories, grouped into projects as lint does. */
  paths?: string[];
  /** Compose files of one project (`-f`). */
  files?: string[];
  envFiles?: string[];
  projectDirectory?: string;
  /** 'swarm' (default): external secrets and a provisioning script; 'compose': `file:` / `environment:` sources. */
  target?: Target;
  /** Where secret files go (default: `secrets/` in each project's directory). */
  secretsDir?: string;
  dryRun?: boolean;
  /** Also apply fixes that need the application (or the Dockerfile) to change. */
  unsafeFixes?: boolean;
  /** Only findings of these rules. */
  rules?: string[];
  /** Rules turned off and names allowed by .compose-secrets.json are neither fixed nor reported. */
  settings?: Settings;
  /** Write the provisioning script here (default: returned for printing). */
  provisionScript?: string;
  /** Replace an existing --provision-script file that fix did not write, or an existing --patch file. */
  force?: boolean;
  /** With dryRun: write the diff with the secret values unmasked (a patch `git apply` takes) to this file, mode 0600. */
  patch?: string;
  /** A JSON file extending the table of images that read `<VAR>_FILE`. */
  fileSuffixImages?: string;
  cwd?: string;
}

/** FixOptions with the hooks tests use; not part of the public API. */
export interface FixRunOptions extends FixOptions {
  /** File operations of the final write (tests inject failures). */
  ops?: FileOps;
  /** Called after planning, right before anything is written (tests simulate a concurrent edit, or kill the process). */
  beforeWrite?: () => void;
}

/** A secret the run created, or an existing one it reused. */
export interface FixSecret {
  name: string;
  kind: SecretDef['kind'];
  externalName?: string;
  /** The secret file, as displayed. */
  file?: string;
  /** The variable of an `environment:` source or of a provisioning step. */
  variable?: string;
  reused: boolean;
  users: SecretDef['users'];
}

export interface FixResult {
  target: Target;
  dryRun: boolean;
  /** The compose files of each project fixed. */
  projects: string[][];
  secrets: FixSecret[];
  rewrites: Rewrite[];
  skipped: Skipped[];
  followUps: FollowUp[];
  /** Files changed (or that would change), as displayed; `created` for new ones. */
  files: { file: string; created: boolean }[];
  /** Secret files written (or that would be); `present` when one already held the value. */
  secretFiles: { file: string; present: boolean }[];
  /** Unified diff of every changed file, secret values masked. */
  diff: string;
  /** The --patch file written (unmasked diff, mode 0600), as displayed. */
  patch?: string;
  /** The Swarm provisioning script (target swarm, when secrets were created); `file` when written. */
  provision?: { text: string; file?: string };
  /** Lines to add to Dockerfiles for build secrets. */
  dockerfile: { service: string; dockerfile: string; secret: string; key: string }[];
  /** Projects that could not be loaded (left alone). */
  errors: { file: string; line?: number; column?: number; message: string }[];
  /** Problems that did not stop fix: directories that could not be searched. */
  warnings: { file: string; message: string }[];
  /** Whether files were written (false for --dry-run or when nothing changed). */
  written: boolean;
}

/** A failure that stops fix: nothing was written. The CLI exits 2. */
export { FixError } from './errors.js';

const MAX_ROUNDS = 8;

/**
 * Fixes the projects of `options` with a set of rules (the linter's: `compose-secrets`'s `fix`
 * passes every rule; fix itself knows none of them).
 */
export async function runFix(ruleSet: readonly Rule[], options: FixRunOptions = {}): Promise<FixResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const target = options.target ?? 'swarm';
  if (options.patch && !options.dryRun) throw new FixError('--patch writes what --dry-run would change; use it with --dry-run');
  if (target !== 'swarm' && target !== 'compose') throw new FixError(`unknown target "${String(target)}" (use swarm or compose)`);
  let table: FileSuffixTable;
  try {
    table = loadImageTable(options.fileSuffixImages ? resolve(cwd, options.fileSuffixImages) : undefined);
  } catch (err) {
    throw new FixError((err as Error).message);
  }
  const unknown = (options.rules ?? []).filter((id) => !ruleSet.some((r) => r.meta.id === id));
  if (unknown.length) throw new FixError(`unknown rule ${unknown.join(', ')} (rules: ${ruleSet.map((r) => r.meta.id).join(', ')})`);
  const settings = options.settings ?? emptySettings();
  try {
    await validateRuleOptions(ruleSet, settings);
  } catch (err) {
    if (err instanceof LoadError) throw new FixError(`${err.file}: ${err.message}`);
    throw err;
  }
  const rules = activeRules(options.rules?.length ? ruleSet.filter((r) => options.rules!.includes(r.meta.id)) : ruleSet, settings);
  // the checks of the use of secrets, run before and after rewriting
  const usageRules = ruleSet.filter((r) => r.meta.tags.includes(SECRETS_TAG));

  let units: string[][];
  const errors: FixResult['errors'] = [];
  const warnings: FixResult['warnings'] = [];
  if (options.files?.length) units = [options.files];
  else {
    const found = await discover(
      (options.paths?.length ? options.paths : ['.']).map((p) => (p === '-' ? p : resolve(cwd, p))),
      settings.ignore,
      cwd,
    );
    for (const e of found.empty) errors.push({ file: e.path, message: e.reason });
    warnings.push(...found.skipped.map((s) => ({ file: relative(cwd, s.path) || s.path, message: s.reason })));
    units = groupIntoProjects(found.files, cwd);
  }

  const ops = options.ops ?? nodeFileOps;
  const ws = new Workspace(cwd, ops);
  const store = new SecretStore((abs) => ws.display(abs), ops);
  const result: FixResult = {
    target,
    dryRun: Boolean(options.dryRun),
    projects: [],
    secrets: [],
    rewrites: [],
    skipped: [],
    followUps: [],
    files: [],
    secretFiles: [],
    diff: '',
    dockerfile: [],
    errors,
    warnings,
    written: false,
  };
  const ranges: Ranges = new Map();
  const positions = new Positions(ws, cwd);
  const secretDirs = new Map<string, string[]>();
  const defs: SecretDef[] = [];
  try {
    for (const unit of units) {
      if (unit.includes('-')) {
        errors.push({ file: '-', message: 'fix cannot rewrite standard input; give the file' });
        continue;
      }
      let project: Project;
      try {
        project = ws.load({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory });
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        errors.push({ file: err.file, line: err.line, column: err.column, message: err.message });
        continue;
      }
      // a file Compose itself refuses (an invalid template, a merge key on a scalar) is not rewritten:
      // its values are not what any container receives, and fix could not prove the result equivalent
      const refused = project.notes.filter((n) => n.severity === 'error');
      if (refused.length) {
        for (const n of refused) errors.push({ file: n.file, line: n.line, column: n.column, message: n.message });
        continue;
      }
      const fixed = fixProject(project, { ...options, target, cwd }, { ws, store, table, rules, usageRules, settings, positions, ranges });
      result.projects.push(project.files);
      result.rewrites.push(...fixed.rewrites);
      result.skipped.push(...fixed.skipped);
      result.followUps.push(...fixed.followUps);
      result.dockerfile.push(...fixed.dockerfile);
      defs.push(...fixed.defs);
      if (fixed.defs.some((d) => d.created && d.storePath)) {
        const dirs = secretDirs.get(fixed.secretsDir) ?? [];
        if (!dirs.includes(fixed.projectDirectory)) dirs.push(fixed.projectDirectory);
        secretDirs.set(fixed.secretsDir, dirs);
      }
    }

    const newFiles = store.list().filter((f) => !f.present);
    // keep the secret files out of git
    for (const [dir, projectDirs] of secretDirs) {
      if (!newFiles.some((f) => dirname(f.path) === dir)) continue;
      for (const pd of projectDirs) {
        const path = join(pd, '.gitignore');
        const updated = gitignoreUpdate(pd, dir, ws.text(path));
        if (updated !== undefined) ws.write(path, updated);
      }
      const mode = ops.mode(dir);
      if (mode !== undefined && mode & 0o077) {
        result.followUps.push({
          file: ws.display(dir),
          line: 0,
          message: `the secrets directory is readable by other users (mode ${mode.toString(8)}); run chmod 700 on it`,
        });
      }
    }

    // the provisioning script (Swarm)
    const external = uniqueBy(
      defs.filter((d) => d.created && d.kind === 'external'),
      (d) => d.externalName!,
    );
    let scriptAbs: string | undefined;
    if (target === 'swarm' && external.length) {
      scriptAbs = options.provisionScript ? resolve(cwd, options.provisionScript) : undefined;
      if (scriptAbs && (ws.has(scriptAbs) || store.list().some((f) => f.path === scriptAbs))) {
        throw new FixError(`--provision-script ${ws.display(scriptAbs)} names a file fix reads or writes; choose another path; nothing was written`);
      }
      if (scriptAbs) checkScriptPath(scriptAbs, ws.display(scriptAbs), ops, Boolean(options.force), new Set(newFiles.map((f) => dirname(f.path))));
      const base = scriptAbs ? dirname(scriptAbs) : cwd;
      const secrets: ProvisionedSecret[] = external.map((d) => ({
        externalName: d.externalName!,
        name: d.name,
        from: d.storePath ? { file: relativeFile(base, d.storePath) } : { variable: (d.source as { variable: string }).variable },
        ...(d.storePath && d.override ? { override: d.override } : {}),
        services: [...new Set(d.users.map((u) => u.service))],
      }));
      const text = provisionScript(secrets, scriptAbs ? { cdToScript: true } : { runFrom: 'the directory fix ran in' });
      result.provision = { text };
      if (scriptAbs) {
        ws.write(scriptAbs, text);
        result.provision.file = ws.display(scriptAbs);
      }
    }

    // the property: every container receives what it did, checked on every project that reads a changed file
    const externals = new Map<string, ExternalSource>();
    for (const d of defs) {
      if (!d.externalName || !d.source) continue;
      externals.set(d.externalName, 'value' in d.source ? { value: d.source.value, override: d.override } : { variable: d.source.variable });
    }
    await verifyEquivalence({
      cwd,
      ws,
      store,
      projects: result.projects,
      envFiles: options.envFiles,
      projectDirectory: options.projectDirectory,
      ignore: settings.ignore,
      externals,
    });

    positions.settle(!options.dryRun);
    result.secrets = summarizeSecrets(defs, ws);
    result.secretFiles = store.list().map((f) => ({ file: f.display, present: f.present }));
    const changed = ws.changed();
    result.files = changed.map((c) => ({ file: ws.display(c.abs), created: c.before === null }));
    const bomless = (t: string) => t.replace(/^\uFEFF/, '');
    // masked at the nodes that hold a secret (their ranges are known), nothing else: a text search
    // would both miss a short value touching letters and blank out image names that contain it
    const masked = (text: string, abs: string, version: number) => maskText(bomless(text), ranges.get(abs)?.get(version) ?? [], []);
    result.diff = changed
      .map((c) => unifiedDiff(ws.display(c.abs), c.before === null ? null : masked(c.before, c.abs, 0), masked(c.after, c.abs, ws.version(c.abs))))
      .join('');
    if (options.patch) {
      const patchAbs = resolve(cwd, options.patch);
      if (ws.has(patchAbs) || store.list().some((f) => f.path === patchAbs) || patchAbs === scriptAbs) {
        throw new FixError(`--patch ${ws.display(patchAbs)} names a file fix reads or writes; choose another path; nothing was written`);
      }
      const text = changed.map((c) => unifiedDiff(ws.display(c.abs), c.before === null ? null : bomless(c.before), bomless(c.after))).join('');
      writePatch(patchAbs, ws.display(patchAbs), text, Boolean(options.force));
      result.patch = ws.display(patchAbs);
    }

    if (!options.dryRun && (changed.length || newFiles.length)) {
      const writes: FileWrite[] = [
        ...newFiles.map((f) => ({ path: f.path, display: f.display, expected: null, data: f.value, mode: SECRET_FILE_MODE, secret: true })),
        ...changed.map((c) => ({ path: c.abs, display: ws.display(c.abs), expected: c.before, data: c.after, mode: c.abs === scriptAbs ? 0o755 : 0o644 })),
      ];
      const dirs = missingDirs([...new Set(newFiles.map((f) => dirname(f.path)))], ops, [
        ...new Set(changed.filter((c) => c.before === null).map((c) => dirname(c.abs))),
      ]);
      options.beforeWrite?.();
      try {
        // what an earlier run killed mid-write left behind (its temporary copies may hold secrets)
        removeStaleTemps(writes.map((w) => dirname(w.path)));
        withSignalsDeferred(() => commit(writes, dirs, ops));
      } catch (err) {
        if (err instanceof TransactionError) throw new FixError(err.message);
        throw err;
      }
      result.written = true;
      // a signal that arrived during the writes is dispatched here (see withSignalsDeferred)
      await new Promise((turn) => setTimeout(turn, 0));
    }
    return result;
  } catch (err) {
    if (err instanceof StoreConflictError) throw new FixError(`${err.message}; nothing was written`);
    throw err;
  }
}

/** Lines taken from a model are lines of the file version it was loaded from; they are all shown in one version at the end. */
class Positions {
  private readonly stamps = new Map<{ file: string; line: number }, { abs: string; v: number }>();

  constructor(
    private readonly ws: Workspace,
    private readonly cwd: string,
  ) {}

  stamp<T extends { file: string; line: number }>(record: T, like?: { file: string; line: number }): T {
    if (this.stamps.has(record)) return record;
    const from = like && this.stamps.get(like);
    if (from && like!.file === record.file && like!.line === record.line) this.stamps.set(record, from);
    else {
      const abs = resolve(this.cwd, record.file);
      this.stamps.set(record, { abs, v: this.ws.version(abs) });
    }
    return record;
  }

  /** Rewrites every stamped line into the file as read (`final` false) or as written. */
  settle(final: boolean): void {
    for (const [record, { abs, v }] of this.stamps) if (record.line > 0) record.line = this.ws.mapLine(abs, record.line, v, final);
  }
}

/** Where secret values are, per file and file version, to mask them in diffs. */
type Ranges = Map<string, Map<number, [number, number][]>>;

function recordRanges(project: Project, shared: Shared, abs: (d: string) => string): void {
  const { ranges, ws } = shared;
  for (const e of collectExposures(project.model, shared.table)) {
    if (e.verdict.class !== 'hardcoded') continue;
    const spans: [string, [number, number]][] = [[e.verdict.origin.file, e.verdict.origin.range]];
    const v = e.entry?.value;
    if (v && e.fix) spans.push([v.origin.file, v.origin.range]);
    for (const [file, range] of spans) {
      const a = abs(file);
      let byVersion = ranges.get(a);
      if (!byVersion) ranges.set(a, (byVersion = new Map()));
      const version = ws.version(a);
      const list = byVersion.get(version) ?? [];
      if (!list.some((r) => r[0] === range[0] && r[1] === range[1])) list.push([range[0], range[1]]);
      byVersion.set(version, list);
    }
  }
}

interface Shared {
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
}

interface ProjectFix {
  rewrites: Rewrite[];
  skipped: Skipped[];
  followUps: FollowUp[];
  dockerfile: FixResult['dockerfile'];
  defs: SecretDef[];
  secretsDir: string;
  projectDirectory: string;
}

function fixProject(initial: Project, options: FixOptions & { target: Target; cwd: string }, shared: Shared): ProjectFix {
  const { ws, store, positions } = shared;
  const abs = (display: string) => resolve(options.cwd, display);
  const unit = initial.files;
  const reload = (): Project => {
    try {
      return ws.load({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory });
    } catch (err) {
      if (err instanceof LoadError) throw new FixError(`the rewritten ${err.file} cannot be loaded (${err.message}); nothing was written`);
      throw err;
    }
  };
  const projectDirectory = initial.projectDirectory;
  const secretsDir = options.secretsDir ? resolve(options.cwd, options.secretsDir) : defaultSecretsDir(projectDirectory);
  const projectFiles = unit.map(abs);
  let project = initial;
  const sources = () => project.sources.map(abs);
  const registry = SecretRegistry.fromProject({
    model: project.model,
    sources: sources(),
    secretsDir,
    text: (p) => ws.text(p),
    abs,
    readFile: (p) => store.valueAt(p),
  });
  const originalIssues = validateProject(project).map((i) => i.message);
  const originalMisuse = misuse(project, shared.usageRules);

  const out: ProjectFix = { rewrites: [], skipped: [], followUps: [], dockerfile: [], defs: [], secretsDir, projectDirectory };
  recordRanges(project, shared, abs);
  // lint's findings (suppressed ones and allowed names are neither fixed nor reported)
  const check: CheckOptions = { rules: shared.rules, settings: shared.settings, fileSuffixImages: shared.table };
  const findings = (p: Project) => checkProject(p, check);
  const firstFindings = findings(project);
  // what fix leaves to the user: the findings of values it does not rewrite
  for (const f of firstFindings)
    if (!f.fixable && f.exposures.length && f.severity !== 'info')
      out.followUps.push(positions.stamp({ file: f.origin.file, line: f.origin.line, message: `${f.message}; ${advice(f)}` }));

  const context = (): PlanContext => {
    const selected = new Set(
      findings(project)
        .filter((f) => f.fixable)
        .flatMap((f) => f.exposures),
    );
    return {
      model: project.model,
      projectFiles,
      sources: sources(),
      target: options.target,
      unsafeFixes: Boolean(options.unsafeFixes),
      table: shared.table,
      secretsDir,
      registry,
      store,
      text: (p) => ws.text(p),
      abs,
      display: (p) => ws.display(p),
      selected: (e: Exposure) => selected.has(e.id),
    };
  };

  // the skipped entries of the last round (their origins match the final findings), each reported
  // as the record of the round that first met it (its line was stamped in that round's file version)
  let skipped: Skipped[] = [];
  let skippedExposures = new Set<number>();
  const firstSeen = new Map<string, Skipped>();
  const skipKey = (s: Skipped) => `${s.file}\u0000${s.key}\u0000${s.services.join(',')}\u0000${s.kind}`;
  for (let round = 0; ; round++) {
    if (round === MAX_ROUNDS) throw new FixError(`internal error: fixing ${unit.join(', ')} did not settle after ${MAX_ROUNDS} rounds; nothing was written`);
    const plan = planRound(context());
    for (const r of [...plan.rewrites, ...plan.skipped, ...plan.followUps]) positions.stamp(r);
    for (const r of plan.rewrites) if (r.dotenv) positions.stamp(r.dotenv);
    for (const d of registry.defs.values()) for (const u of d.users) positions.stamp(u);
    skipped = plan.skipped;
    skippedExposures = plan.skippedExposures;
    if (!plan.rewrites.length) break;
    for (const s of plan.skipped) if (!firstSeen.has(skipKey(s))) firstSeen.set(skipKey(s), s);
    out.rewrites.push(...plan.rewrites);
    out.followUps.push(...plan.followUps);
    apply(plan.editors, ws);
    project = reload();
    // services that receive a value through an anchor, extends or env_file, and definitions
    for (let pass = 0; ; pass++) {
      const ctx = context();
      const editors: Editors = { yaml: new Map(), dotenv: new Map() };
      let missing = 0;
      for (const rw of out.rewrites) {
        const build = rw.context === 'build-args';
        for (const s of rw.services) {
          if (!project.model.services.some((x) => x.name === s) || mountsSecret(ctx, s, rw.secret, build)) continue;
          const own = ownFile(ctx, editors, s, abs(rw.file));
          if (!own) throw new FixError(`cannot find where service ${s} is defined to mount secret ${rw.secret}; nothing was written`);
          wrapEdit(() => addMount(own.editor, own.map, rw.secret, build));
          missing++;
        }
        if (!rootHasSecret(project.model, rw.secret)) {
          const primary = primaryFile(ctx);
          const f = yamlEditor(ctx, editors, primary)!;
          const root = f.rootMap('secrets') ?? f.rootMap('services') ?? f.rootMap();
          if (!root) throw new FixError(`${ws.display(primary)} has no top-level mapping; nothing was written`);
          wrapEdit(() => f.addMapEntry(root, 'secrets', rw.secret, definitionPairs(registry.defs.get(rw.secret)!, primary)));
          missing++;
        }
      }
      if (!missing) break;
      if (pass === 3) throw new FixError(`internal error: the secrets of ${unit.join(', ')} could not be mounted; nothing was written`);
      apply(editors, ws);
      project = reload();
    }
  }

  // a rewritten entry must not let another definition of its key take effect (the base of an override, a `<<` merge it overrode)
  for (const rw of out.rewrites) {
    for (const name of rw.services) {
      const s = project.model.services.find((x) => x.name === name);
      const left = s && (rw.context === 'build-args' ? s.buildArgs : [...s.environment, ...s.envFile]).find((e) => e.key === rw.key);
      if (left) {
        throw new FixError(
          `rewriting ${rw.key} of service ${name} would let the ${rw.key} it overrode (${left.keyOrigin.file}:${left.keyOrigin.line}) take effect; move that value by hand and run fix again; nothing was written`,
        );
      }
    }
  }

  // the result must load, validate no worse than before, and leave no fixable finding unexplained
  const issues = validateProject(project);
  const before = [...originalIssues];
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
  const broken = misuse(project, shared.usageRules).filter((m) => !originalMisuse.includes(m));
  if (broken.length) throw new FixError(`internal error: the rewritten project would use its secrets wrongly (${broken.join('; ')}); nothing was written`);
  // of the exposures of the rewritten model, the fixable ones lint still reports must be the skipped ones
  const current = new Set(collectExposures(project.model, shared.table).map((e) => e.id));
  const left = findings(project).filter((f) => f.fixable && f.exposures.some((id) => current.has(id) && !skippedExposures.has(id)));
  if (left.length) {
    throw new FixError(
      `internal error: ${left.length} fixable finding(s) left after fixing (${left.map((f) => `${f.origin.file}:${f.origin.line} ${f.ruleId}`).join(', ')}); nothing was written`,
    );
  }
  // the record of the round that first met the entry (its line), with the origins of the last round (they match the final findings)
  out.skipped = skipped.map((s) => {
    const first = firstSeen.get(skipKey(s));
    if (!first) return s;
    first.origins = s.origins;
    return first;
  });
  recordRanges(project, shared, abs);

  out.defs = [...registry.defs.values()].filter((d) => d.users.length);
  out.followUps.push(...afterFix(out.rewrites, registry, ws, positions));
  out.dockerfile = dockerfileLines(out.rewrites, project, abs, ws);
  return out;
}

/** Problems with the use of secrets (undefined secret, `_FILE` pointing at nothing mounted), as `file: message`. */
function misuse(project: Project, usageRules: readonly Rule[]): string[] {
  return checkProject(project, { rules: usageRules })
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.origin.file}: ${f.message}`);
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

/** What to do about a finding fix does not rewrite. */
function advice(f: Finding): string {
  const context = f.data?.context;
  const passed = f.redacted === undefined; // passed through a variable, not written in the file
  if (context === 'command') {
    return passed
      ? 'not rewritten: interpolating it into the command puts it on the command line; mount it as a secret and have the command read the file, e.g. sh -c \'exec prog --password "$$(cat /run/secrets/NAME)"\''
      : 'not rewritten: mount the credential as a secret and have the command read the file, e.g. sh -c \'exec prog --password "$$(cat /run/secrets/NAME)"\'';
  }
  if (context === 'labels') return 'not rewritten: labels are readable by anyone who can inspect the container; take the credential out of the label';
  if (context === 'environment' || context === 'env-file' || context === 'build-args') {
    return 'not rewritten: the value mixes text and variables, which no secret source can express; have the program read the secret part from a secret file';
  }
  return passed
    ? 'not rewritten: fix moves environment variables, env files and build arguments only; give the program the value as a secret file'
    : 'not rewritten: move the credential out of the file (into a secret file, or a variable from the environment)';
}

/** Follow-ups of the rewrites themselves: programs that must learn to read a file, values left in .env, defaults. */
function afterFix(rewrites: Rewrite[], registry: SecretRegistry, ws: Workspace, positions: Positions): FollowUp[] {
  const out: FollowUp[] = [];
  const dotenvSeen = new Set<string>();
  for (const rw of rewrites) {
    const def = registry.defs.get(rw.secret);
    const file = def?.storePath ? ws.display(def.storePath) : undefined;
    if (!rw.safe && rw.newKey) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${rw.services.join(', ')}: the application must read ${rw.key} from the file named by ${rw.newKey} (${rw.reason})`,
          },
          rw,
        ),
      );
    }
    if (rw.source === 'default' && file) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${rw.key} took the default of \${${rw.variable}}: setting ${rw.variable} no longer changes it; put the real value in ${file}`,
          },
          rw,
        ),
      );
    }
    if (rw.source === 'dotenv' && rw.dotenv && !dotenvSeen.has(`${rw.dotenv.file}:${rw.variable}`)) {
      dotenvSeen.add(`${rw.dotenv.file}:${rw.variable}`);
      out.push(
        positions.stamp(
          {
            file: rw.dotenv.file,
            line: rw.dotenv.line,
            message: `${rw.variable} is left in ${rw.dotenv.file} (other tools may read it); its value is now in ${file}: delete the line once nothing else uses it`,
          },
          rw.dotenv,
        ),
      );
    }
    if (rw.source === 'passthrough' && def?.kind === 'external' && def.created) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${def.externalName} is created from $${(def.source as { variable: string }).variable} by the provisioning script: set it when you run the script`,
          },
          rw,
        ),
      );
    }
  }
  return uniqueBy(out, (f) => `${f.file}:${f.line}:${f.message}`);
}

/** The Dockerfile of each service whose build argument became a build secret, and the line it needs. */
function dockerfileLines(rewrites: Rewrite[], project: Project, abs: (d: string) => string, ws: Workspace): FixResult['dockerfile'] {
  const out: FixResult['dockerfile'] = [];
  for (const rw of rewrites) {
    if (rw.context !== 'build-args') continue;
    for (const name of rw.services) {
      const s = project.model.services.find((x) => x.name === name);
      const build = s && get(s.node, 'build');
      let context = '.';
      let dockerfile = 'Dockerfile';
      let base = dirname(abs(rw.file));
      if (build?.kind === 'scalar' && build.value !== null) context = String(build.value);
      if (build?.kind === 'map') {
        const c = get(build, 'context');
        const d = get(build, 'dockerfile');
        if (c?.kind === 'scalar' && c.value !== null) {
          context = String(c.value);
          base = dirname(abs(c.origin.file));
        }
        if (d?.kind === 'scalar' && d.value !== null) dockerfile = String(d.value);
      }
      out.push({ service: name, dockerfile: ws.display(resolve(base, context, dockerfile)), secret: rw.secret, key: rw.key });
    }
  }
  return out;
}

function summarizeSecrets(defs: SecretDef[], ws: Workspace): FixSecret[] {
  const out: FixSecret[] = [];
  for (const d of uniqueBy(defs, (d) => `${d.name}\u0000${d.storePath ?? ''}\u0000${d.externalName ?? ''}`)) {
    const s: FixSecret = { name: d.name, kind: d.kind, reused: !d.created, users: d.users };
    if (d.externalName) s.externalName = d.externalName;
    if (d.storePath) s.file = ws.display(d.storePath);
    if (d.source && 'variable' in d.source) s.variable = d.source.variable;
    out.push(s);
  }
  return out;
}

function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Directories to create: each secrets directory (0700) and its missing ancestors (0755) first, then the other new files' (0755). */
function missingDirs(dirs: string[], ops: FileOps, others: string[] = []): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  const secretDirs = new Set(dirs);
  for (const dir of [...dirs, ...others]) {
    const chain: string[] = [];
    for (let d = dir; ops.mode(d) === undefined && dirname(d) !== d; d = dirname(d)) chain.unshift(d);
    for (const d of chain) if (!out.some((o) => o.path === d)) out.push({ path: d, mode: secretDirs.has(d) ? SECRET_DIR_MODE : 0o755 });
  }
  return out;
}

/**
 * The --provision-script path: its directory must exist (fix creates no directory for it, but for the
 * secrets directory it creates anyway), and an
 * existing file is replaced only when fix wrote it (or with --force).
 */
function checkScriptPath(abs: string, display: string, ops: FileOps, force: boolean, secretDirs: Set<string>): void {
  if (ops.mode(dirname(abs)) === undefined && !secretDirs.has(dirname(abs))) {
    throw new FixError(
      `--provision-script ${display}: the directory ${relativeDisplay(display)} does not exist (fix creates no directory for the script); nothing was written`,
    );
  }
  if (ops.mode(abs) === undefined || force) return;
  let text: string | undefined;
  try {
    text = ops.read(abs);
  } catch {
    text = undefined;
  }
  if (text === undefined || !isProvisionScript(text)) {
    throw new FixError(`--provision-script ${display} exists and was not written by fix; choose another path, or replace it with --force; nothing was written`);
  }
}

function relativeDisplay(display: string): string {
  return dirname(display) === '.' ? '.' : dirname(display);
}

/** The unmasked diff of --patch: a new file, 0600 (it holds secret values), replaced only with --force; no directory is created for it. */
function writePatch(abs: string, display: string, text: string, force: boolean): void {
  if (!existsSync(dirname(abs))) throw new FixError(`--patch ${display}: the directory ${relativeDisplay(display)} does not exist; nothing was written`);
  if (existsSync(abs)) {
    if (!force) throw new FixError(`--patch ${display} exists; choose another path, or replace it with --force; nothing was written`);
    unlinkSync(abs);
  }
  try {
    const fd = openSync(abs, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new FixError(`--patch ${display} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing was written`);
  }
}
