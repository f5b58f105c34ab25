/** Small facts about tree nodes the merge needs: nil, equal scalars, and a value as Go's `%v` prints it. */
import type { Origin } from '../../model/origin.js';
import type { TreeNode, TreeScalar } from '../../model/tree.js';

export function isNil(n: TreeNode | undefined): boolean {
  return !n || (n.kind === 'scalar' && n.value === null);
}

export function nullScalar(origin: Origin): TreeScalar {
  return { kind: 'scalar', value: null, origin };
}

export function sameScalar(a: TreeNode, b: TreeNode): boolean {
  return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
}

/** `%v` of a value. */
export function goValue(n: TreeNode): string {
  if (n.kind === 'scalar') return n.value === null ? '<nil>' : String(n.value);
  return n.kind === 'seq' ? `[${n.items.map(goValue).join(' ')}]` : `map[${n.entries.map((e) => `${e.key}:${goValue(e.value)}`).join(' ')}]`;
}
