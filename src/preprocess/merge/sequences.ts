/**
 * Values that may be written as a list or as a mapping, turned into the other form as
 * compose-go's convertIntoSequence / convertIntoMapping do; every item keeps its origin.
 */
import { keyValueEntries } from '../../model/model.js';
import type { TreeEntry, TreeMap, TreeNode, TreeScalar } from '../../model/tree.js';
import { goValue, isNil, nullScalar } from './nodes.js';

/** Items of a list-or-string value (a lone string is a one-item list, as compose-go's convertIntoSequence). */
export function seqItems(n: TreeNode): TreeNode[] {
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

/** A list of names as a mapping (compose-go's convertIntoMapping); undefined for anything else. */
export function namesAsMap(n: TreeNode, value: (item: TreeNode) => TreeNode): TreeMap | undefined {
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
