import { stringify } from 'yaml';
import { classifyKey } from './detect/keys.js';
import { collectExposures } from './detect/exposures.js';
import { redact } from './engine/types.js';
import { escapeControl } from './report/escape.js';
import { maskText } from './report/mask.js';
import { keyValueEntries, type ServiceModel } from './model/model.js';
import type { Origin } from './model/origin.js';
import { get, getEntry, toPlain, type TreeNode } from './model/tree.js';
import type { Project } from './preprocess/project.js';
import { validateCompose, type SchemaIssue } from './preprocess/schema.js';

export interface RenderOptions {
  format: 'yaml' | 'json';
  showSecrets: boolean;
}

/** A schema problem located in the file that has to change. */
export interface LocatedIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Validates the effective model against the Compose schema; each issue at its node's origin. */
export function validateProject(project: Project): LocatedIssue[] {
  const issues = validateCompose(toPlain(project.root));
  return issues.map((issue) => locate(project, issue));
}

function locate(project: Project, issue: SchemaIssue): LocatedIssue {
  let node: TreeNode = project.root;
  let origin: Origin = node.origin;
  for (const step of issue.path) {
    if (node.kind === 'map' && typeof step === 'string') {
      const entry = getEntry(node, step);
      if (!entry) break;
      origin = entry.keyOrigin;
      node = entry.value;
      if (issue.target === 'value' || step !== issue.path[issue.path.length - 1])
        origin = node.kind === 'scalar' && node.value === null ? entry.keyOrigin : node.origin;
    } else if (node.kind === 'seq' && typeof step === 'number' && node.items[step]) {
      node = node.items[step];
      origin = node.origin;
    } else break;
  }
  if (issue.target === 'key' && issue.path.length) {
    // point at the key itself
    let parent: TreeNode = project.root;
    for (const step of issue.path.slice(0, -1)) {
      const next: TreeNode | undefined =
        parent.kind === 'map' && typeof step === 'string'
          ? get(parent, step)
          : parent.kind === 'seq' && typeof step === 'number'
            ? parent.items[step]
            : undefined;
      if (!next) break;
      parent = next;
    }
    const last = issue.path[issue.path.length - 1];
    const entry = typeof last === 'string' ? getEntry(parent, last) : undefined;
    if (entry) origin = entry.keyOrigin;
  }
  return { file: origin.file, line: origin.line, column: origin.column, message: issue.message };
}

/** The effective model as `docker compose config` prints it, secrets redacted unless asked. */
export function renderConfig(project: Project, options: RenderOptions): string {
  const plain = toPlain(project.root) as Record<string, unknown>;
  const out: Record<string, unknown> = { name: project.name };
  for (const key of Object.keys(plain).sort(topLevelOrder)) {
    if (key === 'version' || key === 'name' || key === 'include') continue;
    out[key] = plain[key];
  }
  const services = (out.services ?? {}) as Record<string, Record<string, unknown>>;
  const sorted: Record<string, unknown> = {};
  for (const service of [...project.model.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    sorted[service.name] = normalizeService(service, services[service.name] ?? {});
  }
  if (out.services) out.services = sorted;
  if (!options.showSecrets) redactTree(out, [], secretValues(project));
  // like docker compose config: a literal `$` is written `$$`, so the output loads back unchanged
  escapeDollars(out);
  return options.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}

const TOP_LEVEL = ['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
function topLevelOrder(a: string, b: string): number {
  const ia = TOP_LEVEL.indexOf(a);
  const ib = TOP_LEVEL.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
}

function normalizeService(service: ServiceModel, plain: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // env_file variables come first, `environment` overrides them (Compose's order)
  const env: Record<string, string | null> = {};
  for (const e of [...service.envFile, ...service.environment]) env[e.key] = e.value ? String(e.value.value) : (e.passthrough?.value ?? null);
  for (const key of Object.keys(plain).sort()) {
    if (key === 'env_file' || key === 'environment') continue;
    out[key] = plain[key];
  }
  // sorted by name, as docker compose config prints mappings
  if (Object.keys(env).length)
    out.environment = Object.fromEntries(
      Object.keys(env)
        .sort()
        .map((k) => [k, env[k]]),
    );
  const build = out.build;
  if (typeof build === 'string') out.build = { context: build, dockerfile: 'Dockerfile' };
  if (build && typeof build === 'object' && !Array.isArray(build)) {
    const b = { ...(build as Record<string, unknown>) };
    if (Array.isArray(b.args)) b.args = entriesToMap(keyValueEntries(get(get(service.node, 'build'), 'args'), []));
    out.build = b;
  }
  if (Array.isArray(out.labels)) out.labels = entriesToMap(service.labels);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}

function entriesToMap(entries: { key: string; value?: { value: unknown } }[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const e of entries) out[e.key] = e.value ? String(e.value.value) : null;
  return out;
}

/**
 * Every secret value of the project, found by the same detectors lint uses: hardcoded values, and
 * the values the environment gives to variables that pass a secret (config resolves them).
 */
function secretValues(project: Project): Set<string> {
  const values = new Set<string>();
  for (const e of collectExposures(project.model)) {
    const v = e.verdict;
    if (v.class === 'hardcoded') values.add(v.value);
    else
      for (const name of v.variables) {
        const env = project.environment.get(name)?.value;
        if (env) values.add(env);
      }
    if (e.entry?.passthrough?.value) values.add(e.entry.passthrough.value);
  }
  return values;
}

/**
 * Redacts the rendered tree: a secret-named entry shows only its value's length; every other
 * string has the project's secret values masked wherever they stand (a command line, a URL).
 */
function redactTree(node: unknown, path: (string | number)[], values: Set<string>): unknown {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      node[i] = redactTree(v, [...path, i], values);
    });
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string' && v && classifyKey(k).sensitive && path[0] !== undefined && !isStructural(path, k)) obj[k] = redact(v);
      else obj[k] = redactTree(v, [...path, k], values);
    }
    return obj;
  }
  // a value of 8 characters or more is masked anywhere (a password glued to its flag: -pSECRET)
  if (typeof node === 'string' && values.size) return maskText(node, [], values, { anywhereFrom: 8 });
  return node;
}

/** Compose's own keys at this place (their names say nothing about secrecy). */
function isStructural(path: (string | number)[], key: string): boolean {
  return path.length <= 1 && (key === 'secrets' || key === 'configs');
}

export function describeIssues(issues: LocatedIssue[]): string {
  return issues.map((i) => escapeControl(`${i.file}:${i.line}:${i.column}: ${i.message}`)).join('\n');
}

function escapeDollars(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(/\$/g, '$$$$');
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      node[i] = escapeDollars(v);
    });
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) obj[k] = escapeDollars(v);
  }
  return node;
}
