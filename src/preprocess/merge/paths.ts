/** Paths in a compose file (mapping keys from the root) and the patterns the merge tables match them with. */

export type MergePath = readonly string[];

/** A dotted path whose `*` matches any one key: `services.*.environment`. */
export type PathPattern = readonly string[];

export function parsePattern(pattern: string): PathPattern {
  return pattern.split('.');
}

export function matches(path: MergePath, pattern: PathPattern): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < path.length; i++) {
    if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  }
  return true;
}
