/**
 * "Does any of these patterns match?" as one regular expression per set of flags: the patterns
 * joined into an alternation. V8 compiles a regular expression at its first use and again, to
 * native code, at its second, so a list of N patterns tested one by one costs 2N compilations on
 * a cold start (a lint of one small file compiled ~190) and N calls on every value after it; the
 * alternation costs two and one. It matches exactly where one of the patterns does: each pattern
 * is a group of its own, and a pattern with back-references (numbered by their place in the
 * whole) or a stateful flag (g, y) is refused when the test is made. Where every pattern is
 * anchored at the start, so is the alternation, written so that V8 sees it: `^(?:…|…)` is tried at
 * the first position only, a bare `(?:^…)|(?:^…)` at every position of the text.
 */
export function anyOf(patterns: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, RegExp[]>();
  for (const p of patterns) {
    if (p.global || p.sticky || /\\[1-9]|\\k</.test(p.source)) throw new Error(`anyOf: /${p.source}/${p.flags} cannot be joined`);
    byFlags.set(p.flags, [...(byFlags.get(p.flags) ?? []), p]);
  }
  const joined = [...byFlags].map(([flags, group]) => {
    const alternation = group.map((p) => `(?:${p.source})`).join('|');
    const anchored = !flags.includes('m') && group.every((p) => anchoredAtStart(p.source));
    return new RegExp(anchored ? `^(?:${alternation})` : alternation, flags);
  });
  if (joined.length === 1) {
    const [only] = joined;
    return (text) => only.test(text);
  }
  return (text) => joined.some((r) => r.test(text));
}

/** Every top-level alternative of the pattern starts with `^` (outside classes and groups). */
export function anchoredAtStart(source: string): boolean {
  let depth = 0;
  let inClass = false;
  let alternativeStart = true;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (alternativeStart) {
      if (c !== '^') return false;
      alternativeStart = false;
    }
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) alternativeStart = true;
  }
  return !alternativeStart;
}
