/**
 * The run of `compose-secrets fix` over every project: check the options, find the projects, fix
 * each one (project.ts), keep the secret files out of git, write the provisioning script, check that
 * every container receives what it did (verify.ts), and, without --dry-run, write everything at
 * once (transaction.ts).
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { activeRules } from '../engine/check.js';
import { SECRETS_TAG, type Rule } from '../engine/rule.js';
import { validateRuleOptions } from '../engine/rule-options.js';
import { discover } from '../load/discover.js';
import { LoadError } from '../load/parse.js';
import { coveringProjects, groupIntoProjects } from '../load/projects.js';
import type { Project } from '../preprocess/project.js';
import { emptySettings, type Settings } from '../settings.js';
import { summarizeSecrets, uniqueBy } from './advice.js';
import { maskText, unifiedDiff } from './diff.js';
import type { ExternalSource } from './equivalence.js';
import { FixError } from './errors.js';
import { loadImageTable } from './images.js';
import type { FixResult, FixRunOptions } from './options.js';
import { checkScriptPath, missingDirs, writePatch } from './outputs.js';
import { relativeFile, type SecretDef, SwarmNames, type Target } from './plan.js';
import { Positions, type Ranges } from './positions.js';
import { fixProject, type Shared } from './project.js';
import { provisionScript, type ProvisionedSecret } from './provision.js';
import { gitignoreUpdate, SECRET_FILE_MODE, SecretStore, StoreConflictError, type SecretFile } from './store.js';
import { commit, nodeFileOps, removeStaleTemps, TransactionError, withSignalsDeferred, type FileOps, type FileWrite } from './transaction.js';
import { verifyEquivalence } from './verify.js';
import { Workspace } from './workspace.js';

/** The run's inputs once the options are checked. */
interface Prepared {
  cwd: string;
  target: Target;
  table: FileSuffixTable;
  settings: Settings;
  rules: readonly Rule[];
  usageRules: readonly Rule[];
}

/** The state of a run: the in-memory files, the secret store, and what the projects gave. */
interface Run {
  options: FixRunOptions;
  prepared: Prepared;
  ops: FileOps;
  ws: Workspace;
  store: SecretStore;
  result: FixResult;
  ranges: Ranges;
  positions: Positions;
  /** Secrets directories with a new file, and the directories of the projects that use them. */
  secretDirs: Map<string, string[]>;
  defs: SecretDef[];
  swarmNames: SwarmNames;
  /** The rewrites of the projects fixed so far, with their secrets (a later project reading the same file mounts them). */
  runRewrites: Shared['runRewrites'];
}

/**
 * Fixes the projects of `options` with a set of rules (the linter's: `compose-secrets`'s `fix`
 * passes every rule; fix itself knows none of them).
 */
export async function runFix(ruleSet: readonly Rule[], options: FixRunOptions = {}): Promise<FixResult> {
  const prepared = await prepare(ruleSet, options);
  const { cwd, target } = prepared;
  const errors: FixResult['errors'] = [];
  const warnings: FixResult['warnings'] = [];
  const units = await findUnits(options, prepared, errors, warnings);

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
  const run: Run = {
    options,
    prepared,
    ops,
    ws,
    store,
    result,
    ranges: new Map(),
    positions: new Positions(ws, cwd),
    secretDirs: new Map(),
    defs: [],
    swarmNames: new SwarmNames(),
    runRewrites: [],
  };
  try {
    for (const unit of withoutSubsumed(units, ws, options)) fixUnit(run, unit);

    const newFiles = store.list().filter((f) => !f.present);
    protectSecretDirs(run, newFiles);
    const scriptAbs = provision(run, newFiles);

    // the property: every container receives what it did, checked on every project that reads a changed file
    const externals = new Map<string, ExternalSource>();
    for (const d of run.defs) {
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
      ignore: prepared.settings.ignore,
      externals,
    });

    run.positions.settle(!options.dryRun);
    result.secrets = summarizeSecrets(run.defs, ws);
    result.secretFiles = store.list().map((f) => ({ file: f.display, present: f.present }));
    const changed = ws.changed();
    result.files = changed.map((c) => ({ file: ws.display(c.abs), created: c.before === null }));
    diffs(run, changed, scriptAbs);

    // all projects of a run are one transaction: one that cannot be fixed (it does not load, Compose
    // refuses it) stops the others' writes too, so that exit 2 always means nothing was written
    if (!options.dryRun && !errors.length && (changed.length || newFiles.length)) await writeAll(run, changed, newFiles, scriptAbs);
    return result;
  } catch (err) {
    if (err instanceof StoreConflictError) throw new FixError(`${err.message}; nothing was written`);
    throw err;
  }
}

/** Checks the options and the rules' options; the rules to fix with and the checks of the use of secrets. */
async function prepare(ruleSet: readonly Rule[], options: FixRunOptions): Promise<Prepared> {
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
  return { cwd, target, table, settings, rules, usageRules };
}

/** The projects to fix: the -f files, or the projects found under the paths as lint finds them. */
async function findUnits(options: FixRunOptions, prepared: Prepared, errors: FixResult['errors'], warnings: FixResult['warnings']): Promise<string[][]> {
  if (options.files?.length) return [options.files];
  const { cwd } = prepared;
  const found = await discover(
    (options.paths?.length ? options.paths : ['.']).map((p) => (p === '-' ? p : resolve(cwd, p))),
    prepared.settings.ignore,
    cwd,
  );
  for (const e of found.empty) errors.push({ file: e.path, message: e.reason });
  warnings.push(...found.skipped.map((s) => ({ file: relative(cwd, s.path) || s.path, message: s.reason })));
  return groupIntoProjects(found.files, cwd);
}

/**
 * Drops the projects whose files another project reads (a file extended or included by another
 * one, found on its own by the directory search — by name or by content): it is fixed with the
 * project that uses it, as lint reports it there. Of two projects of the same files the first is
 * kept. A project that does not load is kept, so that fixUnit reports why.
 */
function withoutSubsumed(units: string[][], ws: Workspace, options: FixRunOptions): string[][] {
  if (units.length < 2) return units;
  const loaded = units.map((unit) => {
    if (unit.includes('-')) return undefined;
    try {
      return ws.load({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory });
    } catch (err) {
      if (err instanceof LoadError) return undefined;
      throw err;
    }
  });
  const cover = coveringProjects(loaded);
  return units.filter((_, i) => cover[i] < 0);
}

/** Loads and fixes one project, adding what it gave to the run; a project that cannot be loaded is an error, left alone. */
function fixUnit(run: Run, unit: string[]): void {
  const { options, prepared, ws, result } = run;
  if (unit.includes('-')) {
    result.errors.push({ file: '-', message: 'fix cannot rewrite standard input; give the file' });
    return;
  }
  let project: Project;
  try {
    project = ws.load({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory });
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    result.errors.push({ file: err.file, line: err.line, column: err.column, message: err.message });
    return;
  }
  // a file Compose itself refuses (an invalid template, a merge key on a scalar) is not rewritten:
  // its values are not what any container receives, and fix could not prove the result equivalent
  const refused = project.notes.filter((n) => n.severity === 'error');
  if (refused.length) {
    for (const n of refused) result.errors.push({ file: n.file, line: n.line, column: n.column, message: n.message });
    return;
  }
  const shared: Shared = {
    ws,
    store: run.store,
    table: prepared.table,
    rules: prepared.rules,
    usageRules: prepared.usageRules,
    settings: prepared.settings,
    positions: run.positions,
    ranges: run.ranges,
    swarmNames: run.swarmNames,
    runRewrites: run.runRewrites,
  };
  const fixed = fixProject(project, { ...options, target: prepared.target, cwd: prepared.cwd }, shared);
  result.projects.push(project.files);
  result.rewrites.push(...fixed.rewrites);
  result.skipped.push(...fixed.skipped);
  result.followUps.push(...fixed.followUps);
  result.dockerfile.push(...fixed.dockerfile);
  run.defs.push(...fixed.defs);
  if (fixed.defs.some((d) => d.created && d.storePath)) {
    const dirs = run.secretDirs.get(fixed.secretsDir) ?? [];
    if (!dirs.includes(fixed.projectDirectory)) dirs.push(fixed.projectDirectory);
    run.secretDirs.set(fixed.secretsDir, dirs);
  }
}

/** Keeps the secret files out of git (.gitignore of each project using a secrets directory), and warns of a directory others can read. */
function protectSecretDirs(run: Run, newFiles: SecretFile[]): void {
  const { ws, ops, result } = run;
  for (const [dir, projectDirs] of run.secretDirs) {
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
}

/** The provisioning script (Swarm): returned for printing, or written to --provision-script (its path, returned). */
function provision(run: Run, newFiles: SecretFile[]): string | undefined {
  const { options, ws, store, result } = run;
  const { cwd, target } = run.prepared;
  const external = uniqueBy(
    run.defs.filter((d) => d.created && d.kind === 'external'),
    (d) => d.externalName!,
  );
  if (target !== 'swarm' || !external.length) return undefined;
  const scriptAbs = options.provisionScript ? resolve(cwd, options.provisionScript) : undefined;
  if (scriptAbs && (ws.has(scriptAbs) || store.list().some((f) => f.path === scriptAbs))) {
    throw new FixError(`--provision-script ${ws.display(scriptAbs)} names a file fix reads or writes; choose another path; nothing was written`);
  }
  if (scriptAbs) checkScriptPath(scriptAbs, ws.display(scriptAbs), run.ops, Boolean(options.force), new Set(newFiles.map((f) => dirname(f.path))));
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
  return scriptAbs;
}

type Changed = ReturnType<Workspace['changed']>;

/** The masked diff of the result, and the unmasked --patch file. */
function diffs(run: Run, changed: Changed, scriptAbs: string | undefined): void {
  const { options, ws, store, result, ranges } = run;
  const bomless = (t: string) => t.replace(/^\uFEFF/, '');
  // masked at the nodes that hold a secret (their ranges are known), nothing else: a text search
  // would both miss a short value touching letters and blank out image names that contain it
  const masked = (text: string, abs: string, version: number) => maskText(bomless(text), ranges.get(abs)?.get(version) ?? [], []);
  result.diff = changed
    .map((c) => unifiedDiff(ws.display(c.abs), c.before === null ? null : masked(c.before, c.abs, 0), masked(c.after, c.abs, ws.version(c.abs))))
    .join('');
  if (options.patch) {
    const patchAbs = resolve(run.prepared.cwd, options.patch);
    if (ws.has(patchAbs) || store.list().some((f) => f.path === patchAbs) || patchAbs === scriptAbs) {
      throw new FixError(`--patch ${ws.display(patchAbs)} names a file fix reads or writes; choose another path; nothing was written`);
    }
    const text = changed.map((c) => unifiedDiff(ws.display(c.abs), c.before === null ? null : bomless(c.before), bomless(c.after))).join('');
    writePatch(patchAbs, ws.display(patchAbs), text, Boolean(options.force));
    result.patch = ws.display(patchAbs);
  }
}

/** Writes the secret files and the changed files, all or nothing. */
async function writeAll(run: Run, changed: Changed, newFiles: SecretFile[], scriptAbs: string | undefined): Promise<void> {
  const { options, ws, ops, result } = run;
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
