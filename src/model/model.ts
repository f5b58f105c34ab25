import { subOrigin, type Origin } from './origin.js';
import { get, type TreeMap, type TreeNode, type TreeScalar, type VarUse } from './tree.js';

export type Path = (string | number)[];

/** One KEY=VALUE of an environment, build.args or labels block, whichever form it was written in. */
export interface KeyValueEntry {
  key: string;
  keyOrigin: Origin;
  /** Undefined for a bare `KEY` (list) or `KEY:` with no value (map): the value comes from the host environment. */
  value?: TreeScalar;
  path: Path;
  form: 'map' | 'list';
  /** The node as written: the map value, or the whole `KEY=VALUE` list item. */
  node?: TreeNode;
  /** For a bare `KEY`: the value the project environment (.env, and the shell for config) gives it. */
  passthrough?: VarUse;
}

export interface ServiceModel {
  name: string;
  nameOrigin: Origin;
  node: TreeMap;
  image?: string;
  environment: KeyValueEntry[];
  buildArgs: KeyValueEntry[];
  labels: KeyValueEntry[];
  /** Variables the service receives from its `env_file`s, located in those files (filled by the project loader). */
  envFile: KeyValueEntry[];
}

/**
 * A file of the repository that containers read: a bind-mounted file or a config's `file:`
 * (filled by the project loader). Its whole text is one scalar whose lines map to the file.
 */
export interface MountedFile {
  /** As displayed. */
  file: string;
  abs: string;
  node: TreeScalar;
  /** A YAML or JSON file's documents as trees (located), when it parses: its settings are named by their key paths. */
  roots?: TreeMap[];
  /** Where the mount (or the config) is declared. */
  path: Path;
  /** The services that mount it, in model order. */
  services: string[];
  /** The top-level secret whose `file:` it is: its whole content is that secret's value. */
  secret?: string;
  /** Mounted with the directory that holds it (`./workspace:/var/lib/app`), not by its own name. */
  inDirectory?: true;
  /** A configuration file the project keeps beside its compose files that no service mounts (`services` is empty). */
  kept?: true;
  /** A kept file that names no setting by what it is (source code, a CI workflow, a README): read for self-identifying credentials only. */
  tokensOnly?: true;
}

/** A top-level secret whose value is a variable of the project environment (`secrets: {x: {environment: VAR}}`). */
export interface SecretFromVariable {
  /** The secret's name. */
  name: string;
  variable: string;
  path: Path;
  /** The value the project's .env gives the variable (filled by the project loader). */
  passthrough?: VarUse;
}

/** The normalized view of one compose project (or one file before preprocessing). */
export interface ComposeModel {
  root: TreeMap;
  services: ServiceModel[];
  /** The project's mounted files (a project's model only; a single file's model has none). */
  mountedFiles?: MountedFile[];
  /** Top-level secrets whose value is an environment variable, with what the project's .env gives it (a project's model only). */
  secretsFromVariables?: SecretFromVariable[];
  /** The whole-line comments of the project's compose files, each a one-line scalar (a project's model only). */
  comments?: TreeScalar[];
}

const serviceIndexes = new WeakMap<ServiceModel[], Map<string, ServiceModel>>();

/**
 * The service of a model named `name` (the first of that name, as a search finds it): a model is
 * never changed once built, so its services are indexed once (fix looks one up per rewritten
 * entry: a search each was quadratic in services).
 */
export function serviceNamed(model: ComposeModel, name: string): ServiceModel | undefined {
  let index = serviceIndexes.get(model.services);
  if (!index) {
    index = new Map();
    for (const s of model.services) if (!index.has(s.name)) index.set(s.name, s);
    serviceIndexes.set(model.services, index);
  }
  return index.get(name);
}

export function buildModel(root: TreeMap): ComposeModel {
  const services: ServiceModel[] = [];
  const servicesNode = get(root, 'services');
  if (servicesNode?.kind === 'map') {
    for (const entry of servicesNode.entries) {
      if (entry.value.kind !== 'map') continue;
      services.push(buildService(entry.key, entry.keyOrigin, entry.value));
    }
  }
  return { root, services };
}

function buildService(name: string, nameOrigin: Origin, node: TreeMap): ServiceModel {
  const base: Path = ['services', name];
  const image = get(node, 'image');
  const build = get(node, 'build');
  return {
    name,
    nameOrigin,
    node,
    image: image?.kind === 'scalar' && typeof image.value === 'string' ? image.value : undefined,
    environment: keyValueEntries(get(node, 'environment'), [...base, 'environment']),
    buildArgs: keyValueEntries(get(build, 'args'), [...base, 'build', 'args']),
    labels: keyValueEntries(get(node, 'labels'), [...base, 'labels']),
    envFile: [],
  };
}

/** Entries of a map (`KEY: value`) or list (`- KEY=value`, `- KEY`) block. */
export function keyValueEntries(node: TreeNode | undefined, path: Path): KeyValueEntry[] {
  const out: KeyValueEntry[] = [];
  if (!node) return out;
  if (node.kind === 'map') {
    for (const e of node.entries) {
      const value = e.value.kind === 'scalar' && e.value.value !== null ? e.value : undefined;
      out.push({ key: e.key, keyOrigin: e.keyOrigin, value, path: [...path, e.key], form: 'map', node: e.value });
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind !== 'scalar' || item.value === null) continue;
      const text = String(item.value);
      // Positions come from the text as written (the template, when the item was interpolated).
      const raw = item.interpolation?.template ?? text;
      const eq = text.indexOf('=');
      const rawEq = raw.indexOf('=');
      const key = eq < 0 ? text : text.slice(0, eq);
      const keyOrigin = subOrigin(item.origin, 0, rawEq < 0 ? raw.length : rawEq, item.sourceOffset);
      let value: TreeScalar | undefined;
      if (eq >= 0) {
        const origin = subOrigin(item.origin, rawEq + 1, raw.length, item.sourceOffset);
        value = { kind: 'scalar', value: text.slice(eq + 1), origin };
        if (origin !== item.origin) value.sourceOffset = 0;
        if (item.interpolation) value.interpolation = { template: raw.slice(rawEq + 1), vars: item.interpolation.vars };
      }
      out.push({ key, keyOrigin, value, path: [...path, key], form: 'list', node: item });
    }
  }
  return out;
}
