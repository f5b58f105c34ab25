/** Index of the last of the ascending `starts` that is at or before `pos` (0 when none is): the piece holding `pos`. */
export function lastAtOrBefore(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
