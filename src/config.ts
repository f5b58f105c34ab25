import { stringify } from 'yaml';
import { classifyKey } from './detect/keys.js';
import { findEmbeddedAssignments } from './detect/embedded.js';
import { scanValue, findUrlCredentials } from './detect/scan.js';
import { redact } from './engine/types.js';
import { LoadError } from './load/parse.js';
import { keyValueEntries, type ServiceModel } from './model/model.js';
import type { Origin } from './model/origin.js';
import { get, getEntry, toPlain, type TNode } from './model/tree.js';
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
  let node: TNode = project.root;
  let origin: Origin = node.origin;
  for (const step of issue.path) {
    if (node.kind === 'map' && typeof step === 'string') {
      const entry = getEntry(node, step);
      if (!entry) break;
      origin = entry.keyOrigin;
      node = entry.value;
      if (issue.target === 'value' || step !== issue.path[issue.path.length - 1]) origin = node.kind === 'scalar' && node.value === null ? entry.keyOrigin : node.origin;
    } else if (node.kind === 'seq' && typeof step === 'number' && node.items[step]) {
      node = node.items[step];
      origin = node.origin;
    } else break;
  }
  if (issue.target === 'key' && issue.path.length) {
    // point at the key itself
    let parent: TNode = project.root;
    for (const step of issue.path.slice(0, -1)) {
      const next: TNode | undefined = parent.kind === 'map' && typeof step === 'string' ? get(parent, step) : parent.kind === 'seq' && typeof step === 'number' ? parent.items[step] : undefined;
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
  if (!options.showSecrets) redactTree(out, []);
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
  if (Object.keys(env).length) out.environment = Object.fromEntries(Object.keys(env).sort().map((k) => [k, env[k]]));
  const build = out.build;
  if (typeof build === 'string') out.build = { context: build, dockerfile: 'Dockerfile' };
  if (build && typeof build === 'object' && !Array.isArray(build)) {
    const b = { ...(build as Record<string, unknown>) };
    if (Array.isArray(b.args)) b.args = entriesToMap(keyValueEntries(get(get(service.node, 'build'), 'args'), []));
    out.build = b;
  }
  if (Array.isArray(out.labels)) out.labels = entriesToMap(service.labels);
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

function entriesToMap(entries: { key: string; value?: { value: unknown } }[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const e of entries) out[e.key] = e.value ? String(e.value.value) : null;
  return out;
}

/** Replaces every secret-named value and every recognised credential in the rendered tree. */
function redactTree(node: unknown, path: (string | number)[]): unknown {
  if (Array.isArray(node)) {
    node.forEach((v, i) => (node[i] = redactTree(v, [...path, i])));
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string' && v && classifyKey(k).sensitive && path[0] !== undefined && !isStructural(path, k)) obj[k] = redact(v);
      else obj[k] = redactTree(v, [...path, k]);
    }
    return obj;
  }
  if (typeof node === 'string') return redactText(node);
  return node;
}

/** Compose's own keys at this place (their names say nothing about secrecy). */
function isStructural(path: (string | number)[], key: string): boolean {
  return path.length <= 1 && (key === 'secrets' || key === 'configs');
}

/** A text with every credential span masked. */
export function redactText(text: string): string {
  const spans: [number, number][] = [];
  for (const m of scanValue(text)) spans.push([m.start, m.end]);
  for (const m of findUrlCredentials(text)) if (!m.viaVariable) spans.push([m.start, m.end]);
  for (const a of findEmbeddedAssignments(text)) if (!a.viaVariable) spans.push([a.start, a.end]);
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    out += text.slice(at, s) + '********';
    at = e;
  }
  return out + text.slice(at);
}

export function describeIssues(issues: LocatedIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join('\n');
}

export { LoadError };

function escapeDollars(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(/\$/g, '$$$$');
  if (Array.isArray(node)) {
    node.forEach((v, i) => (node[i] = escapeDollars(v)));
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) obj[k] = escapeDollars(v);
  }
  return node;
}
