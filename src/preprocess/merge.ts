import { LoadError } from '../load/parse.js';
import { keyValueEntries } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import { get, type TreeEntry, type TreeMap, type TreeNode, type TreeScalar } from '../model/tree.js';

/**
 * Merging compose files the way compose-go (`override.Merge` + `override.EnforceUnicity`, and the
 * loader's `!reset` / `!override` processing) does, on the tracked tree: every value keeps the
 * origin of the file it came from.
 *
 * Sequence of one merge step (compose-go's loader, per file):
 *  1. tags of the new file are collected: a `!reset` node is dropped from the file, an `!override`
 *     node is kept; the path of both is recorded (only paths made of mapping keys count: compose-go
 *     never matches a path that goes through a sequence);
 *  2. every recorded path is deleted from the accumulated tree;
 *  3. the two trees are merged with the per-path rules below;
 *  4. sequences with a uniqueness key are deduplicated (the later entry wins, at the position of
 *     the first one).
 */

export type MergePath = readonly string[];

export const RESET_TAG = '!reset';
export const OVERRIDE_TAG = '!override';

/** Merges `override` onto `base` (both whole compose-file roots), as compose-go's override.Merge: mappings deep-merge; per-path special rules (environment, labels, build.args, annotations, sysctls, extra_hosts… merge by key across list and map forms; command, entrypoint, healthcheck.test replace; ports, volumes, secrets, configs, networks, depends_on, … unique by their keys; logging, ulimits special cases); `!reset` removes, `!override` replaces. Returns a new tree; input trees are not mutated; every value keeps its own origin (the file it came from). */
export function mergeRoots(base: TreeMap, override: TreeMap): TreeMap {
  const cleanBase = applyResetTags(base);
  const { node, paths } = collectResetTags(override);
  const cut = deletePaths(cleanBase, paths) as TreeMap;
  const merged = mergeMappings(cut, node as TreeMap, []);
  return enforceUnicity(merged);
}

/** Strips `!reset` nodes and applies `!override` within a single file (compose-go resets on load, too). */
export function applyResetTags(root: TreeMap): TreeMap {
  return collectResetTags(root).node as TreeMap;
}

/**
 * Removes the `!reset` nodes of a tree and un-tags its `!override` nodes, returning the paths
 * (mapping keys from the given node) where either tag was found. Paths through a sequence are
 * not returned: compose-go records them in a form that never matches anything.
 */
export function collectResetTags(node: TreeNode): { node: TreeNode; paths: string[][] } {
  const paths: string[][] = [];
  const out = strip(node, [], paths, true);
  return { node: out ?? node, paths };
}

function strip(node: TreeNode, path: string[] | null, paths: string[][], isRoot = false): TreeNode | undefined {
  if (!isRoot && node.tag === RESET_TAG) {
    if (path) paths.push(path);
    return undefined;
  }
  if (!isRoot && node.tag === OVERRIDE_TAG) {
    if (path) paths.push(path);
    // compose-go does not look for tags inside an !override node: its content is taken as is.
    return untagDeep(node);
  }
  if (node.kind === 'map') {
    let changed = node.tag !== undefined;
    const entries: TreeEntry[] = [];
    for (const e of node.entries) {
      const v = strip(e.value, path ? [...path, e.key] : null, paths);
      if (v !== e.value) changed = true;
      if (v) entries.push(v === e.value ? e : { ...e, value: v });
    }
    return changed ? { kind: 'map', entries, origin: node.origin } : node;
  }
  if (node.kind === 'seq') {
    let changed = node.tag !== undefined;
    const items: TreeNode[] = [];
    for (const item of node.items) {
      const v = strip(item, null, paths);
      if (v !== item) changed = true;
      if (v) items.push(v);
    }
    return changed ? { kind: 'seq', items, origin: node.origin } : node;
  }
  if (node.tag !== undefined) {
    const { tag: _tag, ...rest } = node;
    return rest;
  }
  return node;
}

/** A copy of the node without any `tag` (nested ones included); untagged subtrees are shared. */
function untagDeep(node: TreeNode): TreeNode {
  if (node.kind === 'map') {
    const entries = node.entries.map((e) => {
      const v = untagDeep(e.value);
      return v === e.value ? e : { ...e, value: v };
    });
    const same = node.tag === undefined && entries.every((e, i) => e === node.entries[i]);
    return same ? node : { kind: 'map', entries, origin: node.origin };
  }
  if (node.kind === 'seq') {
    const items = node.items.map(untagDeep);
    const same = node.tag === undefined && items.every((n, i) => n === node.items[i]);
    return same ? node : { kind: 'seq', items, origin: node.origin };
  }
  if (node.tag === undefined) return node;
  const { tag: _tag, ...rest } = node;
  return rest;
}

/** Deletes the mapping entries at the given paths (walking mappings only); copy-on-write. */
export function deletePaths(node: TreeNode, paths: readonly (readonly string[])[]): TreeNode {
  let out = node;
  for (const p of paths) if (p.length) out = deleteOne(out, p, 0);
  return out;
}

function deleteOne(node: TreeNode, path: readonly string[], depth: number): TreeNode {
  if (node.kind !== 'map') return node;
  const key = path[depth];
  let changed = false;
  const entries: TreeEntry[] = [];
  for (const e of node.entries) {
    if (e.key !== key) {
      entries.push(e);
      continue;
    }
    if (depth === path.length - 1) {
      changed = true;
      continue;
    }
    const v = deleteOne(e.value, path, depth + 1);
    if (v !== e.value) changed = true;
    entries.push(v === e.value ? e : { ...e, value: v });
  }
  return changed ? { ...node, entries } : node;
}

// ---------------------------------------------------------------------------------------------
// Merge rules

type Merger = (base: TreeNode, override: TreeNode, path: MergePath) => TreeNode;

/** Path patterns (`*` matches one key) with a merge rule of their own, as in compose-go's mergeSpecials. */
const SPECIALS: [string[], Merger][] = [
  ['networks.*.ipam.config', mergeIpamConfig],
  ['networks.*.labels', mergeKeyValue],
  ['volumes.*.labels', mergeKeyValue],
  ['services.*.annotations', mergeKeyValue],
  ['services.*.build', mergeBuild],
  ['services.*.build.args', mergeKeyValue],
  ['services.*.build.additional_contexts', mergeKeyValue],
  ['services.*.build.extra_hosts', mergeExtraHosts],
  ['services.*.build.labels', mergeKeyValue],
  ['services.*.command', replace],
  ['services.*.depends_on', mergeDependsOn],
  ['services.*.deploy.labels', mergeKeyValue],
  ['services.*.dns', mergeToSequence],
  ['services.*.dns_opt', mergeToSequence],
  ['services.*.dns_search', mergeToSequence],
  ['services.*.entrypoint', replace],
  ['services.*.env_file', mergeToSequence],
  ['services.*.label_file', mergeToSequence],
  ['services.*.environment', mergeKeyValue],
  ['services.*.extra_hosts', mergeExtraHosts],
  ['services.*.healthcheck.test', replace],
  ['services.*.labels', mergeKeyValue],
  ['services.*.logging', mergeLogging],
  ['services.*.models', mergeNameMap],
  ['services.*.networks', mergeNameMap],
  ['services.*.sysctls', mergeKeyValue],
  ['services.*.tmpfs', mergeToSequence],
  ['services.*.ulimits.*', replace],
].map(([p, m]) => [(p as string).split('.'), m as Merger]);

function matches(path: MergePath, pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < path.length; i++) {
    if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  }
  return true;
}

/** compose-go's mergeYaml: the value at `path` in the merged tree, given the base and override values there. */
export function mergeValue(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  for (const [pattern, merger] of SPECIALS) {
    if (matches(path, pattern)) return merger(base, override, path);
  }
  if (isNil(override)) return base;
  if (base.kind === 'map') {
    if (override.kind !== 'map') throw mismatch(base, override, path);
    return mergeMappings(base, override, path);
  }
  if (base.kind === 'seq') {
    if (override.kind !== 'seq') throw mismatch(base, override, path);
    return { kind: 'seq', items: [...base.items, ...override.items], origin: base.origin };
  }
  return override;
}

/** Deep merge of two mappings: base keys keep their place, new keys are appended. */
export function mergeMappings(base: TreeMap, override: TreeMap, path: MergePath): TreeMap {
  const entries = base.entries.slice();
  const index = new Map<string, number>();
  entries.forEach((e, i) => {
    index.set(e.key, i);
  });
  for (const oe of override.entries) {
    const i = index.get(oe.key);
    if (i === undefined) {
      index.set(oe.key, entries.length);
      entries.push(oe);
      continue;
    }
    const be = entries[i];
    const value = mergeValue(be.value, oe.value, [...path, oe.key]);
    entries[i] = { key: oe.key, keyOrigin: value === oe.value ? oe.keyOrigin : be.keyOrigin, value };
  }
  return { kind: 'map', entries, origin: base.origin };
}

function mismatch(base: TreeNode, override: TreeNode, path: MergePath): LoadError {
  const o = override.origin;
  return new LoadError(
    o.file,
    `cannot override ${path.join('.')}: ${describe(base)} (${base.origin.file}:${base.origin.line}) can only be overridden by ${describe(base)}, not ${describe(override)}`,
    o.line,
    o.column,
  );
}

function describe(n: TreeNode): string {
  return n.kind === 'map' ? 'a mapping' : n.kind === 'seq' ? 'a list' : 'a scalar value';
}

function isNil(n: TreeNode | undefined): boolean {
  return !n || (n.kind === 'scalar' && n.value === null);
}

function nullScalar(origin: Origin): TreeScalar {
  return { kind: 'scalar', value: null, origin };
}

function replace(_base: TreeNode, override: TreeNode): TreeNode {
  return override;
}

/**
 * environment, labels, annotations, build.args, sysctls…: compose-go turns both sides into
 * `KEY=VALUE` lists, appends them and keeps the last value of each key at the position of its
 * first occurrence. When both sides are lists the result stays a list (deduplicated later by
 * enforceUnicity); when either side is a mapping, the result is a mapping keyed by variable name
 * whose values point into the list items they came from (a bare `KEY` is a null value).
 */
function mergeKeyValue(base: TreeNode, override: TreeNode): TreeNode {
  if (isNil(override)) return base;
  if (isNil(base)) return override;
  if (base.kind !== 'map' && override.kind !== 'map') {
    return { kind: 'seq', items: [...seqItems(base), ...seqItems(override)], origin: base.origin };
  }
  const entries: TreeEntry[] = [];
  const index = new Map<string, number>();
  const add = (e: TreeEntry) => {
    const i = index.get(e.key);
    if (i === undefined) {
      index.set(e.key, entries.length);
      entries.push(e);
    } else entries[i] = e;
  };
  for (const e of keyValueMapEntries(base)) add(e);
  for (const e of keyValueMapEntries(override)) add(e);
  return { kind: 'map', entries, origin: base.origin };
}

/** Items of a list-or-string value (a lone string is a one-item list, as compose-go's convertIntoSequence). */
function seqItems(n: TreeNode): TreeNode[] {
  if (n.kind === 'seq') return n.items;
  if (n.kind === 'scalar') return n.value === null ? [] : [n];
  return mapAsItems(n);
}

/** Entries of a key/value block in mapping form; list items `KEY=VALUE` are split with sub-origins. */
export function keyValueMapEntries(n: TreeNode): TreeEntry[] {
  if (n.kind === 'map') return n.entries;
  const out: TreeEntry[] = [];
  for (const item of seqItems(n)) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const [kv] = keyValueEntries({ kind: 'seq', items: [item], origin: item.origin }, []);
    if (!kv) continue;
    out.push({ key: kv.key, keyOrigin: kv.keyOrigin, value: kv.value ?? nullScalar(item.origin) });
  }
  return out;
}

/**
 * A mapping as compose-go's convertIntoSequence makes it a list: `KEY` for a null value,
 * `KEY=VALUE` otherwise (one item per element of a list value), sorted.
 */
function mapAsItems(n: TreeMap): TreeNode[] {
  const out: TreeScalar[] = [];
  for (const e of n.entries) {
    if (isNil(e.value)) {
      out.push({ kind: 'scalar', value: e.key, origin: e.keyOrigin });
    } else if (e.value.kind === 'seq') {
      for (const v of e.value.items) out.push({ kind: 'scalar', value: `${e.key}=${goValue(v)}`, origin: v.origin });
    } else {
      out.push({ kind: 'scalar', value: `${e.key}=${goValue(e.value)}`, origin: e.value.origin });
    }
  }
  return out.sort((a, b) => (String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0));
}

/** `%v` of a value. */
function goValue(n: TreeNode): string {
  if (n.kind === 'scalar') return n.value === null ? '<nil>' : String(n.value);
  return n.kind === 'seq' ? `[${n.items.map(goValue).join(' ')}]` : `map[${n.entries.map((e) => `${e.key}:${goValue(e.value)}`).join(' ')}]`;
}

/** dns, dns_opt, dns_search, tmpfs, env_file, label_file: both sides as lists, appended. */
function mergeToSequence(base: TreeNode, override: TreeNode): TreeNode {
  if (isNil(override)) return base;
  if (isNil(base)) return override;
  return { kind: 'seq', items: [...seqItems(base), ...seqItems(override)], origin: base.origin };
}

/** extra_hosts: both sides as lists; entries of the override already present (same text) are dropped. */
function mergeExtraHosts(base: TreeNode, override: TreeNode): TreeNode {
  if (isNil(override)) return base;
  if (isNil(base)) return override;
  const right = seqItems(base);
  const texts = new Set(right.filter((n): n is TreeScalar => n.kind === 'scalar').map((n) => String(n.value)));
  const left = seqItems(override).filter((n) => n.kind !== 'scalar' || !texts.has(String(n.value)));
  return { kind: 'seq', items: [...right, ...left], origin: base.origin };
}

/** A list of names as a mapping (compose-go's convertIntoMapping); undefined for anything else. */
function namesAsMap(n: TreeNode, value: (item: TreeNode) => TreeNode): TreeMap | undefined {
  if (n.kind === 'map') return n;
  if (n.kind !== 'seq') return undefined;
  const entries: TreeEntry[] = [];
  const index = new Map<string, number>();
  for (const item of n.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const e: TreeEntry = { key: String(item.value), keyOrigin: item.origin, value: value(item) };
    const i = index.get(e.key);
    if (i === undefined) {
      index.set(e.key, entries.length);
      entries.push(e);
    } else entries[i] = e;
  }
  return { kind: 'map', entries, origin: n.origin };
}

function mergeConverted(base: TreeMap | undefined, override: TreeMap | undefined, fallback: TreeNode, path: MergePath): TreeNode {
  if (!base) return override ?? fallback;
  if (!override) return base;
  return mergeMappings(base, override, path);
}

/** services.*.networks, services.*.models: list form becomes `name: null`, then a deep merge. */
function mergeNameMap(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  const asNull = (item: TreeNode) => nullScalar(item.origin);
  return mergeConverted(namesAsMap(base, asNull), namesAsMap(override, asNull), override, path);
}

/** depends_on: list form becomes `name: {condition: service_started, required: true}`, then a deep merge. */
function mergeDependsOn(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  return mergeConverted(namesAsMap(base, dependsOnDefaults), namesAsMap(override, dependsOnDefaults), override, path);
}

function dependsOnDefaults(item: TreeNode): TreeMap {
  const o = item.origin;
  return {
    kind: 'map',
    origin: o,
    entries: [
      { key: 'condition', keyOrigin: o, value: { kind: 'scalar', value: 'service_started', origin: o } },
      { key: 'required', keyOrigin: o, value: { kind: 'scalar', value: true, origin: o } },
    ],
  };
}

/** build: a string is `{context: string}`; then a deep merge (args, labels… by their own rules). */
function mergeBuild(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  const toBuild = (n: TreeNode): TreeMap | undefined => {
    if (n.kind === 'map') return n;
    if (n.kind === 'scalar' && typeof n.value === 'string') {
      return { kind: 'map', origin: n.origin, entries: [{ key: 'context', keyOrigin: n.origin, value: n }] };
    }
    return undefined;
  };
  return mergeConverted(toBuild(base), toBuild(override), override, path);
}

/** logging: options merge only when both sides name the same driver (or either names none); otherwise the override replaces. */
function mergeLogging(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  if (isNil(override)) return base;
  if (base.kind !== 'map' || override.kind !== 'map') return override;
  const d = get(override, 'driver');
  const bd = get(base, 'driver');
  if (d === undefined || bd === undefined || sameScalar(d, bd)) return mergeMappings(base, override, path);
  return override;
}

function sameScalar(a: TreeNode, b: TreeNode): boolean {
  return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
}

/**
 * networks.*.ipam.config, as compose-go's mergeIPAMConfig: for every base config, each override
 * config with another subnet is added (once); one with the same subnet is deep-merged into the base
 * config, which replaces the entry of that subnet. Base configs no override touches are dropped,
 * exactly as compose-go does.
 */
function mergeIpamConfig(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  if (isNil(override)) return base;
  if (isNil(base)) return override;
  if (base.kind !== 'seq') throw new LoadError(base.origin.file, `${path.join('.')} must be a list`, base.origin.line, base.origin.column);
  if (override.kind !== 'seq') throw new LoadError(override.origin.file, `${path.join('.')} must be a list`, override.origin.line, override.origin.column);
  if (![...base.items, ...override.items].every((n) => n.kind === 'map')) {
    return { kind: 'seq', items: [...base.items, ...override.items], origin: base.origin };
  }
  interface Work {
    node: TreeMap;
  }
  const subnet = (w: Work) => get(w.node, 'subnet');
  const sameSubnet = (a: TreeNode | undefined, b: TreeNode | undefined) => (a === undefined || b === undefined ? a === b : sameScalar(a, b));
  const lefts: Work[] = override.items.map((n) => ({ node: n as TreeMap }));
  const result: Work[] = [];
  for (const original of base.items) {
    const right: Work = { node: original as TreeMap };
    for (const left of lefts) {
      if (!sameSubnet(subnet(left), subnet(right))) {
        if (!result.some((r) => sameSubnet(subnet(r), subnet(left)))) {
          result.push(left);
          continue;
        }
      }
      right.node = mergeMappings(right.node, left.node, path);
      const i = result.findIndex((r) => sameSubnet(subnet(r), subnet(right)));
      if (i >= 0) result[i] = right;
      else result.push(right);
    }
  }
  return { kind: 'seq', items: result.map((w) => w.node), origin: base.origin };
}

// ---------------------------------------------------------------------------------------------
// Uniqueness

type Indexer = (item: TreeNode) => string | undefined;

const keyValueIndexer: Indexer = (n) => {
  if (n.kind !== 'scalar') return undefined;
  const text = n.value === null ? '' : String(n.value);
  const eq = text.indexOf('=');
  return eq < 0 ? text : text.slice(0, eq);
};

const exposeIndexer: Indexer = (n) => (n.kind === 'scalar' && n.value !== null ? String(n.value) : undefined);

const envFileIndexer: Indexer = (n) => {
  if (n.kind === 'scalar') return n.value === null ? '' : String(n.value);
  if (n.kind === 'map') {
    const p = get(n, 'path');
    return p?.kind === 'scalar' ? String(p.value) : undefined;
  }
  return '';
};

const volumeIndexer: Indexer = (n) => {
  if (n.kind === 'map') {
    const t = get(n, 'target');
    return t?.kind === 'scalar' && typeof t.value === 'string' ? t.value : undefined;
  }
  if (n.kind === 'scalar' && typeof n.value === 'string') return volumeTarget(n.value) ?? n.value;
  return '';
};

const deviceIndexer: Indexer = (n) => {
  if (n.kind === 'map') {
    const t = get(n, 'target');
    return t?.kind === 'scalar' && typeof t.value === 'string' ? t.value : undefined;
  }
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    const parts = n.value.split(':');
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return '';
};

function mountIndexer(defaultPath: string): Indexer {
  return (n) => {
    if (n.kind === 'scalar') return `${defaultPath}/${goValue(n)}`;
    if (n.kind === 'map') {
      const t = get(n, 'target');
      if (t !== undefined) return t.kind === 'scalar' ? goValue(t) : undefined;
      const s = get(n, 'source');
      return `${defaultPath}/${s ? goValue(s) : '<nil>'}`;
    }
    return undefined;
  };
}

/** compose-go's portIndexer on the values as written (a mapping's fields formatted as Go's Sprintf does). */
const portIndexer: Indexer = (n) => {
  if (n.kind === 'scalar') {
    if (typeof n.value === 'number' && Number.isInteger(n.value)) return String(n.value);
    return typeof n.value === 'string' ? n.value : '';
  }
  if (n.kind === 'map') return portMapKey(n);
  return '';
};

function portMapKey(n: TreeMap): string | undefined {
  const target = get(n, 'target');
  if (target === undefined) return undefined;
  const host = get(n, 'host_ip');
  const published = get(n, 'published');
  const protocol = get(n, 'protocol');
  return `${host ? goS(host) : '0.0.0.0'}:${goS(published)}:${goD(target)}/${protocol ? goS(protocol) : 'tcp'}`;
}

/** The same key after compose-go's canonical transformation (short syntax parsed into long syntax). */
const canonicalPortIndexer: Indexer = (n) => {
  if (n.kind === 'map') return portMapKey(n);
  if (n.kind === 'scalar' && (typeof n.value === 'string' || typeof n.value === 'number')) {
    const parsed = parseShortPort(String(n.value));
    if (parsed?.length !== 1) return undefined;
    const p = parsed[0];
    return `${p.ip || '0.0.0.0'}:${p.published === '' ? '%!s(<nil>)' : p.published}:${p.target}/${p.protocol}`;
  }
  return undefined;
};

/** `%s` of a value as Go prints it. */
function goS(n: TreeNode | undefined): string {
  if (!n || (n.kind === 'scalar' && n.value === null)) return '%!s(<nil>)';
  if (n.kind !== 'scalar') return `%!s(${goValue(n)})`;
  if (typeof n.value === 'string') return n.value;
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? `%!s(int=${n.value})` : `%!s(float64=${n.value})`;
  return `%!s(bool=${n.value})`;
}

/** `%d` of a value as Go prints it. */
function goD(n: TreeNode | undefined): string {
  if (!n || (n.kind === 'scalar' && n.value === null)) return '%!d(<nil>)';
  if (n.kind !== 'scalar') return `%!d(${goValue(n)})`;
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? String(n.value) : `%!d(float64=${n.value})`;
  if (typeof n.value === 'string') return `%!d(string=${n.value})`;
  return `%!d(bool=${n.value})`;
}

interface ShortPort {
  ip: string;
  published: string;
  target: number;
  protocol: string;
}

/** `[[IP:]PUBLISHED:]TARGET[/PROTOCOL]` as docker's nat.ParsePortSpec reads it; one entry per port of a range. */
export function parseShortPort(spec: string): ShortPort[] | undefined {
  const protoParts = spec.split('/');
  if (!spec || !protoParts[0]) return undefined;
  const raw = protoParts[0];
  const protocol = protoParts.length > 1 && protoParts[1] ? protoParts[1] : 'tcp';
  const parts = raw.split(':');
  const n = parts.length;
  const container = parts[n - 1];
  let ip = '';
  let hostPort = '';
  if (n === 2) hostPort = parts[0];
  else if (n === 3) {
    ip = parts[0];
    hostPort = parts[1];
  } else if (n > 3) {
    ip = parts.slice(0, n - 2).join(':');
    hostPort = parts[n - 2];
  }
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const range = (s: string): [number, number] | undefined => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    return b < a ? undefined : [a, b];
  };
  const c = range(container);
  if (!c) return undefined;
  if (hostPort && !range(hostPort)) return undefined;
  const count = c[1] - c[0] + 1;
  const h = hostPort ? range(hostPort) : undefined;
  const out: ShortPort[] = [];
  for (let i = 0; i < count; i++) {
    let published = hostPort;
    if (h && count > 1 && h[1] - h[0] + 1 === count) published = String(h[0] + i);
    out.push({ ip, published, target: c[0] + i, protocol: protocol.toLowerCase() });
  }
  return out;
}

/** The container path of a short-syntax volume, as compose-go's format.ParseVolume reads it; undefined when invalid. */
export function volumeTarget(spec: string): string | undefined {
  const parts = splitVolumeSpec(spec);
  if (!parts) return undefined;
  return parts.length === 1 ? parts[0] : parts[1];
}

/** The `:`-separated sections of a short-syntax volume (a Windows drive letter's colon is not a separator). */
export function splitVolumeSpec(spec: string): string[] | undefined {
  if (spec.length === 0) return undefined;
  if (spec.length <= 2) return [spec];
  const parts: string[] = [];
  let buffer = '';
  for (const ch of spec) {
    if (ch === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) buffer += ch;
    else if (ch === ':') {
      if (!buffer || parts.length >= 2) return undefined;
      parts.push(buffer);
      buffer = '';
    } else buffer += ch;
  }
  if (!buffer) return undefined;
  parts.push(buffer);
  return parts;
}

/** Sequences that are unique by a key, as compose-go's EnforceUnicity. */
const UNIQUE: [string[], Indexer[]][] = (
  [
    ['networks.*.labels', keyValueIndexer],
    ['networks.*.ipam.options', keyValueIndexer],
    ['services.*.annotations', keyValueIndexer],
    ['services.*.build.args', keyValueIndexer],
    ['services.*.build.additional_contexts', keyValueIndexer],
    // compose-go's table says `platform`, not `platforms`: the field itself is never deduplicated
    ['services.*.build.platform', keyValueIndexer],
    ['services.*.build.tags', keyValueIndexer],
    ['services.*.build.labels', keyValueIndexer],
    ['services.*.cap_add', keyValueIndexer],
    ['services.*.cap_drop', keyValueIndexer],
    ['services.*.configs', mountIndexer('')],
    ['services.*.deploy.labels', keyValueIndexer],
    ['services.*.devices', deviceIndexer],
    ['services.*.dns', keyValueIndexer],
    ['services.*.dns_opt', keyValueIndexer],
    ['services.*.dns_search', keyValueIndexer],
    ['services.*.environment', keyValueIndexer],
    ['services.*.env_file', envFileIndexer],
    ['services.*.expose', exposeIndexer],
    ['services.*.labels', keyValueIndexer],
    ['services.*.links', keyValueIndexer],
    ['services.*.networks.*.aliases', keyValueIndexer],
    ['services.*.networks.*.link_local_ips', keyValueIndexer],
    // compose-go deduplicates ports once as written, then again after its canonical transformation
    ['services.*.ports', portIndexer, canonicalPortIndexer],
    ['services.*.profiles', keyValueIndexer],
    ['services.*.secrets', mountIndexer('/run/secrets')],
    ['services.*.sysctls', keyValueIndexer],
    ['services.*.tmpfs', keyValueIndexer],
    ['services.*.volumes', volumeIndexer],
  ] as [string, ...Indexer[]][]
).map(([p, ...indexers]) => [p.split('.'), indexers]);

/** Removes redefinitions from sequences that are unique by a key: the later entry replaces the earlier one, at its position. */
export function enforceUnicity(root: TreeMap, at: MergePath = []): TreeMap {
  return unique(root, [...at]) as TreeMap;
}

function unique(node: TreeNode, path: string[]): TreeNode {
  if (node.kind === 'map') {
    let changed = false;
    const entries = node.entries.map((e) => {
      const v = unique(e.value, [...path, e.key]);
      if (v === e.value) return e;
      changed = true;
      return { ...e, value: v };
    });
    return changed ? { ...node, entries } : node;
  }
  if (node.kind === 'seq') {
    for (const [pattern, indexers] of UNIQUE) {
      if (!matches(path, pattern)) continue;
      let items = node.items;
      for (const indexer of indexers) items = dedupe(items, indexer);
      return items === node.items ? node : { ...node, items };
    }
  }
  return node;
}

function dedupe(items: TreeNode[], indexer: Indexer): TreeNode[] {
  const out: TreeNode[] = [];
  const keys = new Map<string, number>();
  for (const item of items) {
    const key = indexer(item);
    const j = key === undefined ? undefined : keys.get(key);
    if (j !== undefined) out[j] = item;
    else {
      if (key !== undefined) keys.set(key, out.length);
      out.push(item);
    }
  }
  return out.length === items.length && out.every((n, i) => n === items[i]) ? items : out;
}
