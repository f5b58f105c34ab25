import { stringify } from 'yaml';
import { classifyKey } from './detect/keys.js';
import { findSecretNodes, maskSecrets, type SecretNodes } from './engine/secret-nodes.js';
import { redact } from './engine/types.js';
import { escapeControl } from './report/escape.js';
import type { KeyValueEntry, ServiceModel } from './model/model.js';
import type { Origin } from './model/origin.js';
import { getEntry, get, toPlain, type TreeNode } from './model/tree.js';
import type { Project } from './preprocess/project.js';
import { validateCompose, type SchemaIssue } from './preprocess/schema.js';
import { emptyDictionary } from './dictionary.js';

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
  const secrets: SecretNodes = options.showSecrets ? { nodes: new Map(), entries: new Map() } : withCopies(findSecretNodes(project));
  const plain = toPlainMasked(project.root, secrets) as Record<string, unknown>;
  const out: Record<string, unknown> = Object.assign(emptyDictionary<unknown>(), { name: project.name });
  for (const key of Object.keys(plain).sort(topLevelOrder)) {
    if (key === 'version' || key === 'name' || key === 'include') continue;
    out[key] = plain[key];
  }
  const services = (out.services ?? {}) as Record<string, Record<string, unknown>>;
  const sorted = emptyDictionary<unknown>();
  for (const service of [...project.model.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    sorted[service.name] = normalizeService(service, services[service.name] ?? {}, secrets);
  }
  if (out.services) out.services = sorted;
  redactTree(out, [], !options.showSecrets);
  // like docker compose config: a literal `$` is written `$$`, so the output loads back unchanged
  escapeDollars(out);
  return options.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * A value that holds a secret, on its way to the output: the value itself (a secret-named key
 * shows only its length) and the value with its secrets masked (everywhere else).
 */
class Masked {
  constructor(
    readonly value: unknown,
    readonly masked: string,
  ) {}
}

/** Secrets shorter than this are masked only in the nodes that hold them: elsewhere they would blank out ordinary words. */
const MIN_COPY_LENGTH = 4;

/**
 * The secret nodes plus `copies`: a secret's text written again inside another value (a database
 * named `db_k7Rw2q` after its password `k7Rw2q`) is masked there too, touching letters or not —
 * config prints a whole file, and no part of it may give a secret away. Every value is searched
 * once for every secret through prefixSearch (an alternation regex of the secrets is
 * O(text × secrets): quadratic over a file of thousands of services).
 */
function withCopies(secrets: SecretNodes): SecretNodes & { copies?: (text: string) => Set<string> | undefined } {
  const all = new Set<string>();
  for (const set of [...secrets.nodes.values(), ...secrets.entries.values()]) for (const v of set) if (v.length >= MIN_COPY_LENGTH) all.add(v);
  if (!all.size) return secrets;
  return { ...secrets, copies: prefixSearch([...all].sort((a, b) => b.length - a.length)) };
}

/** Depth of prefixSearch's tree: longer secrets hang under their first TRIE_DEPTH characters. */
const TRIE_DEPTH = 16;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** The secret that ends here. */
  end?: string;
  /** Secrets longer than TRIE_DEPTH with this prefix, longest first. */
  long?: string[];
}

/**
 * The alternation's matches (leftmost, then the longest secret there, then on after it) found
 * through a tree of the secrets' first TRIE_DEPTH characters: at most TRIE_DEPTH steps a
 * position whatever the number of secrets (secrets that share those characters are compared in turn).
 */
export function prefixSearch(longestFirst: string[]): (text: string) => Set<string> | undefined {
  const root: TrieNode = { next: new Map() };
  for (const v of longestFirst) {
    let n = root;
    for (let k = 0; k < Math.min(v.length, TRIE_DEPTH); k++) {
      let c = n.next.get(v[k]);
      if (!c) n.next.set(v[k], (c = { next: new Map() }));
      n = c;
    }
    if (v.length <= TRIE_DEPTH) n.end = v;
    else (n.long ??= []).push(v);
  }
  const longestAt = (text: string, i: number): string | undefined => {
    let best: string | undefined;
    let n: TrieNode | undefined = root;
    for (let k = 0; k < TRIE_DEPTH && i + k < text.length; k++) {
      n = n.next.get(text[i + k]);
      if (!n) break;
      if (n.end !== undefined) best = n.end;
      if (n.long) {
        const long = n.long.find((c) => text.startsWith(c, i));
        if (long !== undefined) return long;
      }
    }
    return best;
  };
  return (text) => {
    let found: Set<string> | undefined;
    for (let i = 0; i + MIN_COPY_LENGTH <= text.length; ) {
      const v = longestAt(text, i);
      if (v === undefined) {
        i++;
        continue;
      }
      (found ??= new Set()).add(v);
      i += v.length;
    }
    return found;
  };
}

/** Service fields that name things (an image, a host, a network): a password equal to such a name does not mask it. */
const NAME_FIELDS = new Set(['image', 'container_name', 'hostname', 'domainname', 'platform', 'networks', 'depends_on', 'links', 'volumes_from', 'extends']);

function isNameField(path: (string | number)[]): boolean {
  return path[0] === 'services' && typeof path[2] === 'string' && NAME_FIELDS.has(path[2]);
}

/** Plain JSON value of a tracked node (shared nodes are copied), with the nodes holding a secret wrapped in Masked. */
function toPlainMasked(node: TreeNode, secrets: SecretNodes & { copies?: (text: string) => Set<string> | undefined }, path: (string | number)[] = []): unknown {
  switch (node.kind) {
    case 'scalar': {
      const copies = typeof node.value === 'string' && !isNameField(path) ? secrets.copies?.(node.value) : undefined;
      const found = secrets.nodes.get(node) ?? copies;
      return found && node.value !== null ? new Masked(node.value, maskSecrets(String(node.value), found)) : node.value;
    }
    case 'seq':
      return node.items.map((item, i) => toPlainMasked(item, secrets, [...path, i]));
    case 'map': {
      const out = emptyDictionary<unknown>();
      for (const e of node.entries) out[e.key] = toPlainMasked(e.value, secrets, [...path, e.key]);
      return out;
    }
  }
}

/** An entry's value as config prints it (a bare KEY: the project's value), wrapped in Masked when it holds a secret. */
function entryValue(e: KeyValueEntry, secrets: SecretNodes & { copies?: (text: string) => Set<string> | undefined }): string | Masked | null {
  const value = e.value ? String(e.value.value) : (e.passthrough?.value ?? null);
  const found =
    secrets.entries.get(e) ?? (e.node?.kind === 'scalar' ? secrets.nodes.get(e.node) : undefined) ?? (value !== null ? secrets.copies?.(value) : undefined);
  return found && value !== null ? new Masked(value, maskSecrets(value, found)) : value;
}

const TOP_LEVEL = ['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
function topLevelOrder(a: string, b: string): number {
  const ia = TOP_LEVEL.indexOf(a);
  const ib = TOP_LEVEL.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
}

function normalizeService(service: ServiceModel, plain: Record<string, unknown>, secrets: SecretNodes): Record<string, unknown> {
  const out = emptyDictionary<unknown>();
  // env_file variables come first, `environment` overrides them (Compose's order)
  const env = emptyDictionary<string | Masked | null>();
  // (an env_file's bare name the environment does not set passes nothing; an `environment:` one is printed null)
  for (const e of service.envFile) if (e.value || e.passthrough) env[e.key] = entryValue(e, secrets);
  for (const e of service.environment) env[e.key] = entryValue(e, secrets);
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
  if (typeof build === 'string' || build instanceof Masked) out.build = { context: build, dockerfile: 'Dockerfile' };
  else if (build && typeof build === 'object' && !Array.isArray(build)) {
    const b = { ...(build as Record<string, unknown>) };
    if (Array.isArray(b.args)) b.args = entriesToMap(service.buildArgs, secrets);
    out.build = b;
  }
  if (Array.isArray(out.labels)) out.labels = entriesToMap(service.labels, secrets);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}

function entriesToMap(entries: KeyValueEntry[], secrets: SecretNodes): Record<string, string | Masked | null> {
  const out = emptyDictionary<string | Masked | null>();
  for (const e of entries) out[e.key] = e.value ? entryValue(e, secrets) : null;
  return out;
}

/**
 * Redacts the rendered tree (when asked) and leaves no Masked behind: a secret-named entry shows
 * only its value's length; a value holding a secret has it masked, and only that value — the
 * same text elsewhere is not a secret there (found by node, see engine/secret-nodes.ts).
 */
function redactTree(node: unknown, path: (string | number)[], hide: boolean): unknown {
  if (node instanceof Masked) return hide ? node.masked : node.value;
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      node[i] = redactTree(v, [...path, i], hide);
    });
    return node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      const value = v instanceof Masked ? v.value : v;
      if (hide && typeof value === 'string' && value && classifyKey(k).sensitive && path[0] !== undefined && !isStructural(path, k)) obj[k] = redact(value);
      else obj[k] = redactTree(v, [...path, k], hide);
    }
    return obj;
  }
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
