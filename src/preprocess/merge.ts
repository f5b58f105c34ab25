/**
 * Merging compose files the way compose-go (`override.Merge` + `override.EnforceUnicity`, and the
 * loader's `!reset` / `!override` processing) does, on the tracked tree: every value keeps the
 * origin of the file it came from.
 *
 * Sequence of one merge step (compose-go's loader, per file):
 *  1. tags of the new file are collected: a `!reset` node is dropped from the file, an `!override`
 *     node is kept; the path of both is recorded (merge/tags.ts);
 *  2. every recorded path is deleted from the accumulated tree (merge/tags.ts);
 *  3. the two trees are merged with the per-path rules of the Compose Specification
 *     (merge/rules.ts, implemented in merge/values.ts);
 *  4. sequences with a uniqueness key are deduplicated, the later entry winning at the position of
 *     the first one (merge/unique.ts; the short syntax of ports and volumes is read by
 *     merge/ports-volumes.ts).
 */
import type { TreeMap } from '../model/tree.js';
import { applyResetTags, collectResetTags, deletePaths } from './merge/tags.js';
import { enforceUnicity } from './merge/unique.js';
import { mergeMappings } from './merge/values.js';

export type { MergePath } from './merge/paths.js';
export { parseShortPort, splitVolumeSpec, volumeTarget } from './merge/ports-volumes.js';
export { keyValueMapEntries } from './merge/sequences.js';
export { applyResetTags, collectResetTags, deletePaths, OVERRIDE_TAG, RESET_TAG } from './merge/tags.js';
export { enforceUnicity } from './merge/unique.js';
export { mergeMappings, mergeValue } from './merge/values.js';

/** Merges `override` onto `base` (both whole compose-file roots), as compose-go's override.Merge: mappings deep-merge; per-path special rules (environment, labels, build.args, annotations, sysctls, extra_hosts… merge by key across list and map forms; command, entrypoint, healthcheck.test replace; ports, volumes, secrets, configs, networks, depends_on, … unique by their keys; logging, ulimits special cases); `!reset` removes, `!override` replaces. Returns a new tree; input trees are not mutated; every value keeps its own origin (the file it came from). */
export function mergeRoots(base: TreeMap, override: TreeMap): TreeMap {
  const cleanBase = applyResetTags(base);
  const { node, paths } = collectResetTags(override);
  const cut = deletePaths(cleanBase, paths) as TreeMap;
  const merged = mergeMappings(cut, node as TreeMap, []);
  return enforceUnicity(merged);
}
