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
import { get, type TreeNode } from '../model/tree.js';
import { loadProject, type Project } from '../preprocess/project.js';

/** The value a variable is set to when the comparison is made with it set. */
export const SENTINEL = 'compose-secrets-sentinel-value';

/** What the container gets for one key: a value, or nothing (a bare `KEY` whose variable is unset). */
type Received = { value: string | undefined; origin: Origin };

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
  for (const e of [...s.envFile, ...s.environment]) out.set(e.key, { value: receivedValue(e), origin: e.keyOrigin });
  return out;
}

function buildArgsOf(s: ServiceModel): Map<string, Received> {
  const out = new Map<string, Received>();
  for (const e of s.buildArgs) out.set(e.key, { value: receivedValue(e), origin: originOf(e) });
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

/** The content of a top-level secret of the after project, under an environment; null when it cannot exist (its variable unset), undefined when unknown. */
function secretContent(
  project: Project,
  defs: Map<string, TreeNode>,
  name: string,
  env: Record<string, string>,
  options: CompareOptions,
): string | null | undefined {
  const def = defs.get(name);
  if (def?.kind !== 'map') return undefined;
  const file = get(def, 'file');
  const environment = get(def, 'environment');
  const external = get(def, 'external');
  if (file?.kind === 'scalar' && typeof file.value === 'string') {
    return options.fileContent(join(dirname(resolve(options.cwd, file.origin.file)), file.value));
  }
  if (environment?.kind === 'scalar' && environment.value !== null) return project.environment.get(String(environment.value))?.value ?? null;
  if (external?.kind === 'scalar' && (external.value === true || external.value === 'true')) {
    const n = get(def, 'name');
    const source = options.external(n?.kind === 'scalar' && n.value !== null ? String(n.value) : name);
    if (!source) return undefined;
    // the provisioning script reads the variable from the shell it runs in
    if ('variable' in source) return env[source.variable] ?? null;
    const o = source.override && env[source.override.variable];
    return o !== undefined && (o !== '' || source.override!.when === 'set') ? o : source.value;
  }
  return undefined;
}

/** Compares one service's keys (environment or build arguments) before and after. */
function compareKeys(
  service: string,
  before: Map<string, Received>,
  after: Map<string, Received>,
  moved: (key: string, old: string | undefined, afterEntry: Received | undefined) => string | undefined,
  out: Difference[],
): void {
  const explained = new Set<string>();
  for (const [key, b] of before) {
    const a = after.get(key);
    if (a && a.value === b.value) continue;
    if (a) {
      out.push({ file: b.origin.file, line: b.origin.line, service, key, reason: 'would receive a different value' });
      continue;
    }
    const why = moved(key, b.value, after.get(`${key}_FILE`));
    if (why) out.push({ file: b.origin.file, line: b.origin.line, service, key, reason: why });
    // reported (or explained) with the key it replaces
    explained.add(`${key}_FILE`);
  }
  for (const [key, a] of after) {
    if (before.has(key) || explained.has(key)) continue;
    out.push({ file: a.origin.file, line: a.origin.line, service, key, reason: 'would receive a variable it did not receive before' });
  }
}

/** The differences of one project under one environment (both sides loaded). */
function compareProjects(before: Project, after: Project, env: Record<string, string>, options: CompareOptions): Difference[] {
  const out: Difference[] = [];
  // get()'s answers (the last entry of a name), looked up once per service
  const secretDefs = new Map<string, TreeNode>();
  const secretsNode = get(after.model.root, 'secrets');
  if (secretsNode?.kind === 'map') for (const e of secretsNode.entries) secretDefs.set(e.key, e.value);
  const afterServices = new Map<string, ServiceModel>();
  for (const s of after.model.services) if (!afterServices.has(s.name)) afterServices.set(s.name, s);
  for (const b of before.model.services) {
    const a = afterServices.get(b.name);
    if (!a) {
      out.push({ file: b.nameOrigin.file, line: b.nameOrigin.line, service: b.name, key: '', reason: 'would no longer be defined' });
      continue;
    }
    const runtimeMounts = mountsOf(get(a.node, 'secrets'), true);
    compareKeys(
      b.name,
      environmentOf(b),
      environmentOf(a),
      (key, old, file) => {
        if (!file) return 'would no longer be set';
        const target = file.value;
        const secret = target === undefined ? undefined : runtimeMounts.get(target);
        if (secret === undefined) return `would be replaced by ${key}_FILE, which names no secret the service mounts`;
        const content = secretContent(after, secretDefs, secret, env, options);
        // a secret that cannot exist (its variable unset) stops the deployment: loud, not a silent change
        if (content === null) return undefined;
        if (content !== old) return `would be replaced by ${key}_FILE, whose secret ${secret} does not hold the same value`;
        return undefined;
      },
      out,
    );
    const buildMounts = mountsOf(get(get(a.node, 'build'), 'secrets'), false);
    compareKeys(
      b.name,
      buildArgsOf(b),
      buildArgsOf(a),
      (key, old) => {
        for (const secret of buildMounts.values()) {
          const content = secretContent(after, secretDefs, secret, env, options);
          if (content === null || content === old) return undefined;
        }
        return `build argument ${key} would be removed without a build secret holding its value`;
      },
      out,
    );
  }
  return out;
}

/**
 * The differences between what the project's containers receive before and after, under every
 * environment of environmentsFor(). A project Compose refuses before is not compared; one it
 * refuses only after is a difference.
 */
export function compareProject(options: CompareOptions): Difference[] {
  const base = load(options, options.before, {});
  if (!base) return [];
  const afterBase = load(options, options.after, {});
  const variables = new Set([...variablesOf(base), ...(afterBase ? variablesOf(afterBase) : [])]);
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
      const k = `${d.file}:${d.line}:${d.service}:${d.key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ...d, reason: Object.keys(env).length ? `${d.reason} when ${Object.keys(env)[0]} is set` : d.reason });
    }
  }
  return out;
}
