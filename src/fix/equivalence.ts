/**
 * The property fix keeps: what every container receives is the same before and after. Two loaded
 * effective configurations are compared service by service (environment after `env_file`, and
 * build arguments), independently of what the planner meant to change: each variable is
 * unchanged, or `VAR` became `VAR_FILE=/run/secrets/<target>` where the service mounts a secret
 * whose content is exactly the old value (a build argument: a build secret holding it). Anything
 * else is a difference, located at the entry that held the old value; no value is ever quoted.
 *
 * The comparison is made under several environments (see `environmentsFor`): every variable the
 * values depend on unset, and each one set to a sentinel in turn.
 */
import { dirname, join, resolve } from 'node:path';
import type { FileHost } from '../load/host.js';
import { LoadError } from '../load/parse.js';
import type { KeyValueEntry, ServiceModel } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import { get, type TreeMap, type TreeNode, type TreeScalar, type TreeSeq } from '../model/tree.js';
import { loadProject, type Project } from '../preprocess/project.js';
import { emptyDictionary } from '../dictionary.js';

/** The value a variable is set to when the comparison is made with it set. */
export const SENTINEL = 'compose-secrets-sentinel-value';

/** What the container gets for one key: a value, or nothing (a bare `KEY` whose variable is unset); `entry` for the variables it read. */
type Received = { value: string | undefined; origin: Origin; entry: KeyValueEntry };

/** A secret's content as a function of the environment; undefined when it cannot exist (a provisioning variable unset). */
export type SecretContent = (env: Record<string, string>) => string | undefined;

/** Where an external secret's content comes from: what the provisioning script (or an earlier run) puts into it. */
export type ExternalSource = { value: string; override?: { variable: string; when: 'set' | 'nonEmpty' } } | { variable: string };

export interface Difference {
  file: string;
  line: number;
  service: string;
  key: string;
  reason: string;
}

export interface CompareOptions {
  files: string[];
  envFiles?: string[];
  projectDirectory?: string;
  cwd: string;
  /** The files before (the disk) and after (fix's overlay). */
  before: FileHost;
  after: FileHost;
  /** The content of a file after the run (a secret file fix writes, else the disk's). */
  fileContent(abs: string): string | undefined;
  /** The content of an external secret, by its Swarm name. */
  external(name: string): ExternalSource | undefined;
}

/** Loads one side in Compose's own way (every profile), under an environment; undefined when Compose would refuse it. */
function load(options: CompareOptions, host: FileHost, env: Record<string, string>): Project | undefined {
  try {
    return loadProject({
      files: options.files.map((f) => resolve(options.cwd, f)),
      envFiles: options.envFiles?.map((f) => resolve(options.cwd, f)),
      projectDirectory: options.projectDirectory && resolve(options.cwd, options.projectDirectory),
      mode: 'config',
      projectFiles: false,
      processEnv: env,
      profiles: ['*'],
      cwd: options.cwd,
      host,
    });
  } catch (err) {
    if (err instanceof LoadError) return undefined;
    throw err;
  }
}

/** Every variable the services' values depend on (interpolations, bare keys), in both projects. */
function variablesOf(project: Project): Set<string> {
  const out = new Set<string>();
  const add = (entries: KeyValueEntry[]) => {
    for (const e of entries) {
      if (!e.value) out.add(e.key);
      for (const v of e.value?.interpolation?.vars ?? []) out.add(v.name);
    }
  };
  for (const s of project.model.services) {
    add(s.environment);
    add(s.envFile);
    add(s.buildArgs);
  }
  const secrets = get(project.model.root, 'secrets');
  if (secrets?.kind === 'map') {
    for (const e of secrets.entries) {
      const env = get(e.value, 'environment');
      if (env?.kind === 'scalar' && env.value !== null) out.add(String(env.value));
    }
  }
  return out;
}

/**
 * The environments to compare under: none set, and each variable set to SENTINEL on its own. One
 * at a time covers values that depend on one variable each; a value built from several (which fix
 * never moves: it mixes variables) is compared with all unset and with each one set.
 */
export function environmentsFor(variables: Iterable<string>): Record<string, string>[] {
  const names = [...new Set(variables)].sort();
  return [{}, ...names.map((n) => ({ [n]: SENTINEL }))];
}

function receivedValue(e: KeyValueEntry): string | undefined {
  if (!e.value) return e.passthrough?.resolution === 'set' ? (e.passthrough.value ?? '') : undefined;
  return e.value.value === null ? '' : String(e.value.value);
}

function originOf(e: KeyValueEntry): Origin {
  return e.value?.origin ?? e.keyOrigin;
}

/** What a service's container receives: env_file entries, then `environment` over them. */
function environmentOf(s: ServiceModel): Map<string, Received> {
  const out = new Map<string, Received>();
  for (const e of [...s.envFile, ...s.environment]) out.set(e.key, { value: receivedValue(e), origin: e.keyOrigin, entry: e });
  return out;
}

function buildArgsOf(s: ServiceModel): Map<string, Received> {
  const out = new Map<string, Received>();
  for (const e of s.buildArgs) out.set(e.key, { value: receivedValue(e), origin: originOf(e), entry: e });
  return out;
}

/** The service's mounts: target path → secret name (runtime), or secret id → name (build). */
function mountsOf(list: TreeNode | undefined, runtime: boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (list?.kind !== 'seq') return out;
  for (const item of list.items) {
    let source: string | undefined;
    let target: string | undefined;
    if (item.kind === 'scalar' && item.value !== null) source = String(item.value);
    else if (item.kind === 'map') {
      const s = get(item, 'source');
      const t = get(item, 'target');
      if (s?.kind === 'scalar' && s.value !== null) source = String(s.value);
      if (t?.kind === 'scalar' && t.value !== null) target = String(t.value);
    }
    if (source === undefined) continue;
    target ??= source;
    if (runtime && !target.startsWith('/')) target = `/run/secrets/${target}`;
    out.set(target, source);
  }
  return out;
}

/** A top-level secret's definition: where its content comes from. */
type SecretSource =
  | { kind: 'file'; path: string }
  | { kind: 'environment'; variable: string }
  | { kind: 'external'; source: ExternalSource | undefined }
  | { kind: 'unknown' };

function secretSource(defs: Map<string, TreeNode>, name: string, options: CompareOptions): SecretSource {
  const def = defs.get(name);
  if (def?.kind !== 'map') return { kind: 'unknown' };
  const file = get(def, 'file');
  const environment = get(def, 'environment');
  const external = get(def, 'external');
  if (file?.kind === 'scalar' && typeof file.value === 'string')
    return { kind: 'file', path: join(dirname(resolve(options.cwd, file.origin.file)), file.value) };
  if (environment?.kind === 'scalar' && environment.value !== null) return { kind: 'environment', variable: String(environment.value) };
  if (external?.kind === 'scalar' && (external.value === true || external.value === 'true')) {
    const n = get(def, 'name');
    return { kind: 'external', source: options.external(n?.kind === 'scalar' && n.value !== null ? String(n.value) : name) };
  }
  return { kind: 'unknown' };
}

/** The content of a top-level secret of the after project, under an environment; null when it cannot exist (its variable unset), undefined when unknown. */
function secretContent(project: Project, source: SecretSource, env: Record<string, string>, options: CompareOptions): string | null | undefined {
  switch (source.kind) {
    case 'file':
      return options.fileContent(source.path);
    case 'environment':
      return project.environment.get(source.variable)?.value ?? null;
    case 'external': {
      const s = source.source;
      if (!s) return undefined;
      // the provisioning script reads the variable from the shell it runs in
      if ('variable' in s) return env[s.variable] ?? null;
      const o = s.override && env[s.override.variable];
      return o !== undefined && (o !== '' || s.override!.when === 'set') ? o : s.value;
    }
    default:
      return undefined;
  }
}

/** The variables a secret's content reads (the project environment, or the provisioning script's shell). */
function secretVariables(source: SecretSource): string[] {
  if (source.kind === 'environment') return [source.variable];
  if (source.kind === 'external' && source.source) {
    const s = source.source;
    return 'variable' in s ? [s.variable] : s.override ? [s.override.variable] : [];
  }
  return [];
}

/** The variables an entry's value read: its interpolation's, or its own name for a bare `KEY`. */
function entryVariables(r: Received | undefined): string[] {
  if (!r) return [];
  const e = r.entry;
  if (!e.value) return [e.key];
  return e.value.interpolation?.vars.map((v) => v.name) ?? [];
}

/**
 * What a comparison visited, for comparing under several variables at once (compareGrouped): one
 * unit per key compared (a service that disappears, a key before, a key only after), with the
 * variables its verdict read, and the unit of each difference.
 */
interface Units {
  variables: string[][];
  ofDifference: number[];
}

/** Compares one service's keys (environment or build arguments) before and after. */
function compareKeys(
  service: string,
  before: Map<string, Received>,
  after: Map<string, Received>,
  moved: (key: string, old: string | undefined, afterEntry: Received | undefined) => string | undefined,
  movedVariables: (afterEntry: Received | undefined) => string[],
  out: Difference[],
  units: Units | undefined,
): void {
  const explained = new Set<string>();
  const push = (d: Difference, variables: () => string[]) => {
    if (units) {
      units.variables.push(variables());
      if (d.reason) units.ofDifference[out.length] = units.variables.length - 1;
    }
    if (d.reason) out.push(d);
  };
  for (const [key, b] of before) {
    const a = after.get(key);
    if (a) {
      push({ file: b.origin.file, line: b.origin.line, service, key, reason: a.value === b.value ? '' : 'would receive a different value' }, () => [
        ...entryVariables(b),
        ...entryVariables(a),
      ]);
      continue;
    }
    const file = after.get(`${key}_FILE`);
    const why = moved(key, b.value, file);
    push({ file: b.origin.file, line: b.origin.line, service, key, reason: why ?? '' }, () => [
      ...entryVariables(b),
      ...entryVariables(file),
      ...movedVariables(file),
    ]);
    // reported (or explained) with the key it replaces
    explained.add(`${key}_FILE`);
  }
  for (const [key, a] of after) {
    if (before.has(key) || explained.has(key)) continue;
    push({ file: a.origin.file, line: a.origin.line, service, key, reason: 'would receive a variable it did not receive before' }, () => []);
  }
}

/** The differences of one project under one environment (both sides loaded); `units`, when given, receives what was compared. */
function compareProjects(before: Project, after: Project, env: Record<string, string>, options: CompareOptions, units?: Units): Difference[] {
  const out: Difference[] = [];
  // get()'s answers (the last entry of a name), looked up once per service
  const secretDefs = new Map<string, TreeNode>();
  const secretsNode = get(after.model.root, 'secrets');
  if (secretsNode?.kind === 'map') for (const e of secretsNode.entries) secretDefs.set(e.key, e.value);
  const sources = new Map<string, SecretSource>();
  const sourceOf = (name: string) => {
    let s = sources.get(name);
    if (!s) sources.set(name, (s = secretSource(secretDefs, name, options)));
    return s;
  };
  const afterServices = new Map<string, ServiceModel>();
  for (const s of after.model.services) if (!afterServices.has(s.name)) afterServices.set(s.name, s);
  for (const b of before.model.services) {
    const a = afterServices.get(b.name);
    if (!a) {
      if (units) {
        units.variables.push([]);
        units.ofDifference[out.length] = units.variables.length - 1;
      }
      out.push({ file: b.nameOrigin.file, line: b.nameOrigin.line, service: b.name, key: '', reason: 'would no longer be defined' });
      continue;
    }
    const runtimeMounts = mountsOf(get(a.node, 'secrets'), true);
    const runtimeSecret = (file: Received | undefined) => (file?.value === undefined ? undefined : runtimeMounts.get(file.value));
    compareKeys(
      b.name,
      environmentOf(b),
      environmentOf(a),
      (key, old, file) => {
        if (!file) return 'would no longer be set';
        const secret = runtimeSecret(file);
        if (secret === undefined) return `would be replaced by ${key}_FILE, which names no secret the service mounts`;
        const content = secretContent(after, sourceOf(secret), env, options);
        // a secret that cannot exist (its variable unset) stops the deployment: loud, not a silent change
        if (content === null) return undefined;
        if (content !== old) return `would be replaced by ${key}_FILE, whose secret ${secret} does not hold the same value`;
        return undefined;
      },
      (file) => {
        const secret = runtimeSecret(file);
        return secret === undefined ? [] : secretVariables(sourceOf(secret));
      },
      out,
      units,
    );
    const buildMounts = mountsOf(get(get(a.node, 'build'), 'secrets'), false);
    compareKeys(
      b.name,
      buildArgsOf(b),
      buildArgsOf(a),
      (key, old) => {
        for (const secret of buildMounts.values()) {
          const content = secretContent(after, sourceOf(secret), env, options);
          if (content === null || content === old) return undefined;
        }
        return `build argument ${key} would be removed without a build secret holding its value`;
      },
      () => [...buildMounts.values()].flatMap((secret) => secretVariables(sourceOf(secret))),
      out,
      units,
    );
  }
  return out;
}

const differenceKey = (d: Difference) => `${d.file}:${d.line}:${d.service}:${d.key}`;

/**
 * The differences between what the project's containers receive before and after, under every
 * environment of environmentsFor(). A project Compose refuses before is not compared; one it
 * refuses only after is a difference.
 *
 * The result is the one-at-a-time comparison's (compareOneByOne, or `oneAtATime`), computed with
 * a few loads of each side instead of one per variable when compareGrouped can show that it gives
 * the same.
 */
export function compareProject(options: CompareOptions, oneAtATime = false): Difference[] {
  const base = load(options, options.before, {});
  if (!base) return [];
  const afterBase = load(options, options.after, {});
  const variables = new Set([...variablesOf(base), ...(afterBase ? variablesOf(afterBase) : [])]);
  return (!oneAtATime && afterBase && compareGrouped(options, base, afterBase, variables)) || compareOneByOne(options, base, afterBase, variables);
}

/** The comparison under {} and then each variable set alone: two loads per variable. */
function compareOneByOne(options: CompareOptions, base: Project, afterBase: Project | undefined, variables: Set<string>): Difference[] {
  const seen = new Set<string>();
  const out: Difference[] = [];
  for (const env of environmentsFor(variables)) {
    const before = Object.keys(env).length ? load(options, options.before, env) : base;
    if (!before) continue;
    const after = Object.keys(env).length ? load(options, options.after, env) : afterBase;
    if (!after) {
      out.push({ file: options.files[0], line: 0, service: '', key: '', reason: 'the rewritten project would not load' });
      break;
    }
    for (const d of compareProjects(before, after, env, options)) {
      const k = differenceKey(d);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ...d, reason: Object.keys(env).length ? `${d.reason} when ${Object.keys(env)[0]} is set` : d.reason });
    }
  }
  return out;
}

/**
 * The one-at-a-time comparison with several variables set at once: variables that no compared
 * key reads together share an environment (a greedy colouring), so "each service with its own
 * variable" takes two loads of each side instead of one per variable — linear, not variables ×
 * services.
 *
 * A key whose verdict read one variable X of such an environment G (and no other of G) gets the
 * verdict it gets with X set alone, when everything else reads the same under G as with nothing
 * set: its evaluation under X alone takes the same path (it can only diverge at a read of another
 * variable of G, and it read none). So the environments are checked, and anything unproven gives
 * undefined (the caller then compares one variable at a time):
 *  - both sides load under G, with the same structure as under {} (same services, keys, lists),
 *    every scalar equal to its value under {} unless it read a variable of G, and only the values
 *    of `environment` and `build.args` reading one;
 *  - the project environment is the one under {} with the variables of G set, and nothing else changed;
 *  - every compared key read at most one variable of G (under {} or under G);
 *  - no file holds SENTINEL (a default spelling it could hide that a variable was read).
 */
function compareGrouped(options: CompareOptions, base: Project, afterBase: Project, variables: Set<string>): Difference[] | undefined {
  const names = environmentsFor(variables)
    .slice(1)
    .map((env) => Object.keys(env)[0]);
  if (!names.length) return undefined;
  if (holdsSentinel(base) || holdsSentinel(afterBase)) return undefined;
  const baseUnits: Units = { variables: [], ofDifference: [] };
  const baseDifferences = compareProjects(base, afterBase, {}, options, baseUnits);
  const order = new Map(names.map((n, i) => [n, i]));
  const groups = colour(names, order, baseUnits.variables);
  const found: { at: number; seq: number; d: Difference }[] = [];
  for (const group of groups) {
    const env = emptyDictionary<string>();
    for (const n of group) env[n] = SENTINEL;
    const before = load(options, options.before, env);
    const after = load(options, options.after, env);
    if (!before || !after) return undefined;
    if (!sameExceptFor(base, before, group) || !sameExceptFor(afterBase, after, group)) return undefined;
    const units: Units = { variables: [], ofDifference: [] };
    const differences = compareProjects(before, after, env, options, units);
    if (units.variables.length !== baseUnits.variables.length) return undefined;
    // the one variable of the group each key read, if any
    const read: (string | undefined)[] = [];
    for (let u = 0; u < units.variables.length; u++) {
      let one: string | undefined;
      for (const n of [...baseUnits.variables[u], ...units.variables[u]]) {
        if (!group.has(n) || n === one) continue;
        if (one !== undefined) return undefined;
        one = n;
      }
      read.push(one);
    }
    differences.forEach((d, seq) => {
      const n = read[units.ofDifference[seq]];
      // a key that read none of the group gets its verdict under {}, already in baseDifferences
      if (n !== undefined) found.push({ at: order.get(n)!, seq, d: { ...d, reason: `${d.reason} when ${n} is set` } });
    });
  }
  found.sort((x, y) => x.at - y.at || x.seq - y.seq);
  const seen = new Set<string>();
  const out: Difference[] = [];
  for (const d of [...baseDifferences, ...found.map((f) => f.d)]) {
    const k = differenceKey(d);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/**
 * Environments of variables no key reads together, in the order of `names`: each variable takes
 * the first group none of its neighbours (the variables read with it) is in.
 */
function colour(names: string[], order: Map<string, number>, unitVariables: string[][]): Set<string>[] {
  const neighbours = names.map(() => new Set<number>());
  for (const vars of unitVariables) {
    const ids = [...new Set(vars.map((v) => order.get(v)).filter((i): i is number => i !== undefined))];
    for (const i of ids) for (const j of ids) if (i !== j) neighbours[i].add(j);
  }
  const groupOf: number[] = [];
  const groups: Set<string>[] = [];
  names.forEach((name, i) => {
    const taken = new Set<number>();
    for (const j of neighbours[i]) if (groupOf[j] !== undefined) taken.add(groupOf[j]);
    let g = 0;
    while (taken.has(g)) g++;
    groupOf[i] = g;
    (groups[g] ??= new Set()).add(name);
  });
  return groups;
}

function holdsSentinel(project: Project): boolean {
  return project.sources.some((file) => project.sourceText(file)?.includes(SENTINEL));
}

/**
 * Whether `other` (loaded with the variables of `group` set) is `base` (loaded with none) but for
 * values that read one of them: the project environment, every compose file as interpolated, the
 * merged tree and the services' keys. Only the values of `environment` and `build.args` (and of
 * the `x-` extension fields Compose ignores, where anchors for them are kept) may read a variable
 * of the group; any other scalar must read none and be as it was.
 */
function sameExceptFor(base: Project, other: Project, group: Set<string>): boolean {
  // the project environment: the variables of the group set, everything else as it was
  for (const [name, v] of other.environment) {
    if (group.has(name)) {
      if (v.value !== SENTINEL) return false;
      continue;
    }
    const w = base.environment.get(name);
    if (!w || w.value !== v.value || w.source !== v.source) return false;
  }
  for (const name of base.environment.keys()) if (!group.has(name) && !other.environment.has(name)) return false;
  const reads = (n: TreeScalar | undefined) => n?.interpolation?.vars.some((v) => group.has(v.name)) ?? false;
  if (base.fileRoots.length !== other.fileRoots.length) return false;
  const trees = new TreeComparison(reads);
  if (!base.fileRoots.every((r, i) => trees.same(r, other.fileRoots[i], 'root'))) return false;
  if (!trees.same(base.root, other.root, 'root')) return false;
  // the model: the same services and keys; env_file values may differ only where they read the group
  if (base.model.services.length !== other.model.services.length) return false;
  const sameKeys = (x: KeyValueEntry[], y: KeyValueEntry[]) => x.length === y.length && x.every((e, i) => e.key === y[i].key);
  return base.model.services.every((s, i) => {
    const o = other.model.services[i];
    if (s.name !== o.name || !sameKeys(s.environment, o.environment) || !sameKeys(s.buildArgs, o.buildArgs) || !sameKeys(s.envFile, o.envFile)) return false;
    return s.envFile.every((e, j) => reads(e.value) || reads(o.envFile[j].value) || e.value?.value === o.envFile[j].value?.value);
  });
}

/** Where a node is in a compose tree, as far as sameExceptFor cares. */
type Place = 'root' | 'services' | 'service' | 'build' | 'entries' | 'value' | 'extension' | 'other';

function placeOf(parent: Place, key: string | undefined): Place {
  switch (parent) {
    case 'root':
      return key === 'services' ? 'services' : key?.startsWith('x-') ? 'extension' : 'other';
    case 'services':
      return 'service';
    case 'service':
      return key === 'environment' ? 'entries' : key === 'build' ? 'build' : 'other';
    case 'build':
      return key === 'args' ? 'entries' : 'other';
    case 'entries':
      return 'value';
    case 'extension':
      return 'extension';
    default:
      return 'other';
  }
}

/** Two trees of the same shape, scalars equal unless they read the group where that is allowed; a node shared through aliases is compared once per place. */
class TreeComparison {
  private readonly done = new Map<TreeNode, Map<TreeNode, Set<Place>>>();
  constructor(private readonly reads: (n: TreeScalar) => boolean) {}

  same(a: TreeNode, b: TreeNode, place: Place): boolean {
    if (a.kind !== b.kind || a.tag !== b.tag) return false;
    if (a.kind === 'scalar') {
      const s = b as TreeScalar;
      if (this.reads(a) || this.reads(s)) return place === 'value' || place === 'extension';
      return a.value === s.value;
    }
    let pairs = this.done.get(a);
    if (!pairs) this.done.set(a, (pairs = new Map()));
    let places = pairs.get(b);
    if (!places) pairs.set(b, (places = new Set()));
    if (places.has(place)) return true;
    places.add(place);
    if (a.kind === 'seq') {
      const items = (b as TreeSeq).items;
      const inner = placeOf(place, undefined);
      return a.items.length === items.length && a.items.every((item, i) => this.same(item, items[i], inner));
    }
    const entries = (b as TreeMap).entries;
    return (
      a.entries.length === entries.length && a.entries.every((e, i) => e.key === entries[i].key && this.same(e.value, entries[i].value, placeOf(place, e.key)))
    );
  }
}
