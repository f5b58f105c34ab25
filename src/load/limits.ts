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
  let flow = 0;
  let line = 1;
  const indents: number[] = [];
  let atLineStart = true;
  let col = 0;
  let quote = '';
  // the last character on this line that was not blank: a quote opens a quoted scalar only where a
  // value starts (after `:`, `-`, `?`, `[`, `{`, `,` or first on its line), not inside a plain one (`it's`)
  let last = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      atLineStart = true;
      col = 0;
      last = '\n';
      if (quote === "'" || quote === '"') {
        // quoted scalars may span lines; keep the state
      }
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      col++;
      continue;
    }
    if (atLineStart) {
      if (c === ' ') {
        col++;
        continue;
      }
      atLineStart = false;
      if (c !== '#' && flow === 0) {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        // compact nested sequences: "- - - x"
        let j = i;
        while (text[j] === '-' && text[j + 1] === ' ') {
          indents.push(col + (j - i) + 1);
          j += 2;
        }
        if (indents.length > max) return line;
      }
    }
    const prev = i > 0 ? text[i - 1] : '\n';
    const tokenStart = prev === ' ' || prev === '\t' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':';
    const valueStart = '\n:-?[{,'.includes(last);
    if (c !== ' ' && c !== '\t') last = c;
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((c === '"' || c === "'") && tokenStart && valueStart) {
      quote = c;
    } else if ((c === '[' || c === '{') && tokenStart) {
      flow++;
      if (flow + indents.length > max) return line;
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
    col++;
  }
  return 0;
}
