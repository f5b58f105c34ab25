/** Hard limits that keep hostile or broken input from hanging or exhausting the process. */
export const LIMITS = {
  /** Bytes of one compose or env file. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Nesting of collections (block or flow). The YAML parser itself overflows its stack near 800. */
  maxDepth: 100,
  /** Nodes a document may expand to once aliases are resolved (alias bombs). */
  maxExpandedNodes: 500_000,
  /** Nesting of interpolation templates (`${A:-${B:-…}}`); compose files use two or three. */
  maxTemplateNesting: 100,
};

/**
 * A cheap lexical estimate of how deeply a YAML text nests collections, run before the parser
 * (which crashes the process on some pathological inputs). It over-approximates a little
 * (brackets inside plain scalars count), which only matters past the limit.
 * Returns the 1-based line where the limit is first exceeded, or 0.
 */
export function findExcessiveNesting(text: string, max = LIMITS.maxDepth): number {
  // character codes, compared as numbers (this runs over every byte of every file)
  const NL = 10;
  const TAB = 9;
  const SPACE = 32;
  const HASH = 35;
  let flow = 0;
  let line = 1;
  const indents: number[] = [];
  let atLineStart = true;
  let col = 0;
  let quote = 0;
  // the last character on this line that was not blank: a quote opens a quoted scalar only where a
  // value starts (after `:`, `-`, `?`, `[`, `{`, `,` or first on its line), not inside a plain one (`it's`)
  let last = NL;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      // a quoted scalar may span lines: its state is kept
      line++;
      atLineStart = true;
      col = 0;
      last = NL;
      continue;
    }
    if (quote) {
      if (c === 0x5c /* \ */ && quote === 0x22 /* " */) i++;
      else if (c === quote) quote = 0;
      col++;
      continue;
    }
    if (atLineStart) {
      if (c === SPACE) {
        col++;
        continue;
      }
      atLineStart = false;
      if (c !== HASH && flow === 0) {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        // compact nested sequences: "- - - x"
        let j = i;
        while (text.charCodeAt(j) === 0x2d /* - */ && text.charCodeAt(j + 1) === SPACE) {
          indents.push(col + (j - i) + 1);
          j += 2;
        }
        if (indents.length > max) return line;
      }
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : NL;
    // after a blank, a line break, `[`, `{`, `,` or `:`
    const tokenStart = prev === SPACE || prev === TAB || prev === NL || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a;
    // after a line break, `:`, `-`, `?`, `[`, `{` or `,`
    const valueStart = last === NL || last === 0x3a || last === 0x2d || last === 0x3f || last === 0x5b || last === 0x7b || last === 0x2c;
    if (c !== SPACE && c !== TAB) last = c;
    if (c === HASH && (prev === SPACE || prev === TAB || prev === NL)) {
      while (i + 1 < n && text.charCodeAt(i + 1) !== NL) i++;
    } else if ((c === 0x22 || c === 0x27) /* " ' */ && tokenStart && valueStart) {
      quote = c;
    } else if ((c === 0x5b || c === 0x7b) /* [ { */ && tokenStart) {
      flow++;
      if (flow + indents.length > max) return line;
    } else if ((c === 0x5d || c === 0x7d) /* ] } */ && flow > 0) {
      flow--;
    }
    col++;
  }
  return 0;
}
