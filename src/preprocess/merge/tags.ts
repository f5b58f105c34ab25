/**
 * The `!reset` and `!override` tags, as compose-go's loader handles them: a `!reset` node is
 * dropped from its file and an `!override` node is kept untagged; the path of both is recorded
 * (only paths made of mapping keys count: compose-go never matches a path that goes through a
 * sequence) and deleted from the tree merged so far.
 */
import type { TreeEntry, TreeMap, TreeNode } from '../../model/tree.js';

export const RESET_TAG = '!reset';
export const OVERRIDE_TAG = '!override';

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
  const out = strip(node, ROOT, paths, true);
  return { node: out ?? node, paths };
}

/**
 * A node's path as a chain of keys up to the root, made into an array only where a tag is found:
 * copying the path at every entry of every file cost more than the rest of the walk. `null`: not
 * tracked (below a sequence).
 */
interface PathLink {
  key: string;
  up: PathLink | undefined;
}
const ROOT = undefined;

function pathOf(link: PathLink | undefined): string[] {
  const keys: string[] = [];
  for (let l = link; l; l = l.up) keys.push(l.key);
  return keys.reverse();
}

function strip(node: TreeNode, path: PathLink | undefined | null, paths: string[][], isRoot = false): TreeNode | undefined {
  if (!isRoot && node.tag === RESET_TAG) {
    if (path !== null) paths.push(pathOf(path));
    return undefined;
  }
  if (!isRoot && node.tag === OVERRIDE_TAG) {
    if (path !== null) paths.push(pathOf(path));
    // compose-go does not look for tags inside an !override node: its content is taken as is.
    return untagDeep(node);
  }
  if (node.kind === 'map') {
    let changed = node.tag !== undefined;
    const entries: TreeEntry[] = [];
    for (const e of node.entries) {
      const v = strip(e.value, path === null ? null : { key: e.key, up: path }, paths);
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
