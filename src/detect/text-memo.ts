/**
 * Remembers a pure function's results by the text it was given. One compose value is scanned by
 * several detectors and again in each file's own tree (lint of the corpus scanned 115,000 texts,
 * 22,000 of them distinct). Bounded: texts longer than `maxLength` are not kept, and when
 * `maxEntries` are held the memory starts over, so it never grows with the input.
 */
export function memoizeByText<T>(compute: (text: string) => readonly T[], maxEntries = 8192, maxLength = 4096): (text: string) => T[] {
  let memory = new Map<string, readonly T[]>();
  return (text) => {
    if (text.length > maxLength) return [...compute(text)];
    let found = memory.get(text);
    if (found === undefined) {
      // results are shared between callers: frozen, and each caller gets its own array
      found = Object.freeze(compute(text).map((r) => (typeof r === 'object' && r !== null ? Object.freeze(r) : r)));
      if (memory.size >= maxEntries) memory = new Map();
      memory.set(text, found);
    }
    return [...found];
  };
}
