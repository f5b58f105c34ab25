/** Masking of secret values in text shown to people: fix's diffs, config's output. */

const MASK = '********';

/**
 * Masks secret values in a text: the ranges where the detectors found them (each line of a range
 * becomes one mask, so the diff's lines stay the file's lines), and every other occurrence of a
 * value, as written plainly or in quotes (`\"`, `''`). A value of 12 characters (`anywhereFrom`) or more is masked
 * wherever it appears; a shorter one only where no letter, digit or `_` touches it, so a password
 * equal to the project's name does not blank out every service name that contains it. Values
 * shorter than 3 characters are masked only at their ranges.
 */
export function maskText(
  text: string,
  ranges: readonly (readonly [number, number])[],
  values: Iterable<string>,
  options: { anywhereFrom?: number } = {},
): string {
  const anywhereFrom = options.anywhereFrom ?? 12;
  let out = '';
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    if (s < at || e <= s || e > text.length) continue;
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]+/g, MASK);
    at = e;
  }
  out += text.slice(at);
  const words = new Set<string>();
  for (const v of values) {
    for (const form of [v, JSON.stringify(v).slice(1, -1), v.replace(/'/g, "''")]) {
      for (const part of form.split('\n')) if (part.trim().length >= 3) words.add(part.trim());
    }
  }
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    // no regular expression of a long value: V8 rejects a large one, and its error message quotes it
    if (w.length >= anywhereFrom) out = out.split(w).join(MASK);
    else out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu'), MASK);
  }
  return out;
}
