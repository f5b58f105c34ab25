/**
 * The merge rules of the Compose Specification, as compose-go applies them (its mergeSpecials
 * table): the paths whose values do not merge the default way (mappings deep-merge, lists
 * append, anything else is replaced). Data only; values.ts implements each rule.
 */
import { type MergePath, matches, type PathPattern, parsePattern } from './paths.js';

/**
 * - `replace`: the override replaces the value as a whole;
 * - `key-value`: `KEY=VALUE` lists and mappings merge by key, in either form;
 * - `append`: both sides as lists (a lone string is a one-item list), appended;
 * - `extra-hosts`: appended, without the override's entries already present;
 * - `name-map`: a list of names is a mapping of names to null, then deep-merged;
 * - `depends-on`: likewise, each name with compose's defaults (`service_started`, required);
 * - `build`: a string is `{context: string}`, then deep-merged;
 * - `logging`: options merge only when both sides name the same driver (or either none);
 * - `ipam-config`: configs merge by subnet.
 */
export type MergeRule = 'replace' | 'key-value' | 'append' | 'extra-hosts' | 'name-map' | 'depends-on' | 'build' | 'logging' | 'ipam-config';

/** Path patterns (`*` matches one key) with a rule of their own; the first match applies. */
export const MERGE_RULES: readonly (readonly [path: string, rule: MergeRule])[] = [
  ['networks.*.ipam.config', 'ipam-config'],
  ['networks.*.labels', 'key-value'],
  ['volumes.*.labels', 'key-value'],
  ['services.*.annotations', 'key-value'],
  ['services.*.build', 'build'],
  ['services.*.build.args', 'key-value'],
  ['services.*.build.additional_contexts', 'key-value'],
  ['services.*.build.extra_hosts', 'extra-hosts'],
  ['services.*.build.labels', 'key-value'],
  ['services.*.command', 'replace'],
  ['services.*.depends_on', 'depends-on'],
  ['services.*.deploy.labels', 'key-value'],
  ['services.*.dns', 'append'],
  ['services.*.dns_opt', 'append'],
  ['services.*.dns_search', 'append'],
  ['services.*.entrypoint', 'replace'],
  ['services.*.env_file', 'append'],
  ['services.*.label_file', 'append'],
  ['services.*.environment', 'key-value'],
  ['services.*.extra_hosts', 'extra-hosts'],
  ['services.*.healthcheck.test', 'replace'],
  ['services.*.labels', 'key-value'],
  ['services.*.logging', 'logging'],
  ['services.*.models', 'name-map'],
  ['services.*.networks', 'name-map'],
  ['services.*.sysctls', 'key-value'],
  ['services.*.tmpfs', 'append'],
  ['services.*.ulimits.*', 'replace'],
];

const PATTERNS: readonly (readonly [PathPattern, MergeRule])[] = MERGE_RULES.map(([p, rule]) => [parsePattern(p), rule]);

/** The rule for the value at `path`; undefined where the default merge applies. */
export function mergeRuleAt(path: MergePath): MergeRule | undefined {
  for (const [pattern, rule] of PATTERNS) {
    if (matches(path, pattern)) return rule;
  }
  return undefined;
}
