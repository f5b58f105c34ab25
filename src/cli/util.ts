import { isTerminal } from './output.js';

/** A mistake in how the command was called: reported in one line, exit 2. */
export class UsageError extends Error {}

export function useColor(flag: boolean): boolean {
  if (!flag) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return isTerminal(1);
}

/**
 * The argument parser of a repeatable single-value option (`-f a -f b`, as `docker compose -f`
 * and ESLint's `--rule`): each use adds one value, so the paths after it stay paths.
 */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Refuses rule ids that no rule has, listing the ones there are. */
export function checkRuleIds(ids: readonly string[] | undefined, known: readonly string[]): void {
  const unknown = (ids ?? []).filter((id) => !known.includes(id));
  if (unknown.length) {
    throw new UsageError(`unknown rule${unknown.length === 1 ? '' : 's'} ${unknown.map((id) => `"${id}"`).join(', ')} (rules: ${known.join(', ')})`);
  }
}
