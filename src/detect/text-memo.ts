/**
 * Remembers pure functions' results by the text they were given. One compose value is scanned by
 * several detectors and again in each file's own tree (lint of the corpus scanned 115,000 texts,
 * 22,000 of them distinct). The functions share one memory, so a text is kept once whatever
 * looked at it. Bounded: texts longer than `maxLength` are not kept, and when `MAX_ENTRIES`
 * texts are held the memory starts over, so it never grows with the input.
 */

/**
 * A copy of a string that holds nothing else alive. A value read from a file is often a V8 slice of
 * the whole file's text: kept as a key of a long-lived cache, it would keep every such file in
 * memory (the corpus lint held 7 MB of file texts through its caches alone).
 */
export function detached(text: string): string {
  // concatenation makes a new string; slicing it flattens it into a copy of its own
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

const MAX_ENTRIES = 8192;

/** Each text's results, one slot per remembered function. */
let memory = new Map<string, unknown[]>();
let slots = 0;

export function memoizeByText<T>(compute: (text: string) => readonly T[], maxLength = 4096): (text: string) => T[] {
  const slot = slots++;
  return (text) => {
    if (text.length > maxLength) return [...compute(text)];
    let entry = memory.get(text);
    let found = entry?.[slot] as readonly T[] | undefined;
    if (found === undefined) {
      // results are shared between callers: frozen, and each caller gets its own array; the key and
      // the results' strings (a name as written) are detached from the file's text
      found = Object.freeze(compute(text).map((r) => (typeof r === 'object' && r !== null ? Object.freeze(detachedStrings(r)) : r)));
      if (!entry) {
        if (memory.size >= MAX_ENTRIES) memory = new Map();
        entry = [];
        memory.set(detached(text), entry);
      }
      entry[slot] = found;
    }
    return [...found];
  };
}

/**
 * Forgets every remembered text. lint calls it before each project: a project's values are
 * looked at again within it (each detector, the effective model and each file's tree), few in
 * another project's, and what is kept across projects cost the corpus lint (2,287 files) some
 * 15 MiB of peak RSS for no time that could be measured.
 */
export function forgetTexts(): void {
  if (memory.size) memory = new Map();
}

function detachedStrings<R extends object>(r: R): R {
  const fields = r as Record<string, unknown>;
  for (const k of Object.keys(fields)) if (typeof fields[k] === 'string') fields[k] = detached(fields[k] as string);
  return r;
}
