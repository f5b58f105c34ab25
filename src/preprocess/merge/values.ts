/**
 * Merging two values at a path, as compose-go's mergeYaml: the rule the path has in rules.ts,
 * else the default (mappings deep-merge, lists append, anything else is replaced).
 */
import { LoadError } from '../../load/parse.js';
import { get, type TreeEntry, type TreeMap, type TreeNode, type TreeScalar } from '../../model/tree.js';
import { isNil, nullScalar, sameScalar } from './nodes.js';
import type { MergePath } from './paths.js';
import { type MergeRule, mergeRuleAt } from './rules.js';
import { keyValueMapEntries, namesAsMap, seqItems } from './sequences.js';

type Merger = (base: TreeNode, override: TreeNode, path: MergePath) => TreeNode;

/** compose-go's mergeYaml: the value at `path` in the merged tree, given the base and override values there. */
export function mergeValue(base: TreeNode, override: TreeNode, path: MergePath): TreeNode {
  const rule = mergeRuleAt(path);
  if (rule !== undefined) return STRATEGIES[rule](base, override, path);
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

/** The implementation of each rule of rules.ts. */
const STRATEGIES: Readonly<Record<MergeRule, Merger>> = {
  replace,
  'key-value': mergeKeyValue,
  append: mergeToSequence,
  'extra-hosts': mergeExtraHosts,
  'name-map': mergeNameMap,
  'depends-on': mergeDependsOn,
  build: mergeBuild,
  logging: mergeLogging,
  'ipam-config': mergeIpamConfig,
};

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
