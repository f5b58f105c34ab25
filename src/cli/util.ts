/** A mistake in how the command was called: reported in one line, exit 2. */
export class UsageError extends Error {}

export function useColor(flag: boolean): boolean {
  if (!flag) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}
