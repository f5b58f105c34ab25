import { candidateFilter } from './prefilter.js';

/**
 * After this many texts, a list is tested as one alternation (compiled then, once) instead of
 * pattern by pattern: a lint of one small file asks fewer questions, a run over many files more.
 */
export const JOIN_AFTER = 500;

/**
 * "Does any of these patterns match?", in two tiers. V8 compiles a regular expression at its
 * first use and again, to native code, at its second. A cold start runs only the patterns a text
 * can match, those one of whose literal anchors it holds (prefilter.ts: `$` for a crypt hash,
 * `{{` for a template, `.` for a class name), so most patterns are never compiled: the lists
 * joined into an alternation each were a third of the regular-expression code a lint of one
 * small file compiled. A long run then joins the list into one alternation per set of flags,
 * which answers in one call (the anchor pass costs ~0.7 us a text, the alternation ~0.1). Both
 * tiers match exactly where one of the patterns does: each pattern is a group of its own, and a
 * pattern with back-references (numbered by their place in the whole) is never joined. A
 * stateful pattern (flag g or y) is refused when the test is made.
 */
export function anyOf(patterns: readonly RegExp[]): (text: string) => boolean {
  for (const p of patterns) if (p.global || p.sticky) throw new Error(`anyOf: /${p.source}/${p.flags} is stateful`);
  const candidates = candidateFilter(patterns.map((regex) => ({ regex })));
  const byAnchors = (text: string) => {
    for (const i of candidates(text)) if (patterns[i].test(text)) return true;
    return false;
  };
  let joined: ((text: string) => boolean) | undefined;
  let asked = 0;
  return (text) => {
    if (joined) return joined(text);
    if (++asked >= JOIN_AFTER) joined = joinedTest(patterns);
    return byAnchors(text);
  };
}

/** One alternation per set of flags; a pattern with back-references is tested alone. */
function joinedTest(patterns: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, RegExp[]>();
  const alone: RegExp[] = [];
  for (const p of patterns) {
    if (/\\[1-9]|\\k</.test(p.source)) alone.push(p);
    else byFlags.set(p.flags, [...(byFlags.get(p.flags) ?? []), p]);
  }
  const tests = [
    ...[...byFlags].map(([flags, group]) => {
      const alternation = group.map((p) => `(?:${p.source})`).join('|');
      // where every pattern is anchored at the start, so is the alternation, written so that V8
      // sees it: `^(?:…|…)` is tried at the first position only, `(?:^…)|(?:^…)` at every one
      const anchored = !flags.includes('m') && group.every((p) => anchoredAtStart(p.source));
      return new RegExp(anchored ? `^(?:${alternation})` : alternation, flags);
    }),
    ...alone,
  ];
  if (tests.length === 1) {
    const [only] = tests;
    return (text) => only.test(text);
  }
  return (text) => tests.some((r) => r.test(text));
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
