/**
 * A cheap test before a pattern runs: the literal anchors every match of a regular expression
 * must contain (`ghp_`, `AKIA`|`ASIA`|…, `://`, `-----BEGIN `), derived from the expression's own
 * source, so a pattern added to the table gets its anchors without anyone listing them. A text
 * holding none of a pattern's anchors cannot match it, and the pattern is not run on it. A
 * pattern whose anchors cannot be derived (no literal every match needs) always runs.
 *
 * The derivation is conservative: anything it does not understand (a back-reference, a large
 * character class, `.`) counts as "any text", which only ever makes the anchor set weaker.
 */

/** Exact strings a piece of a pattern can match (small sets only), and strings one of which every match contains. */
interface Facts {
  /** Every string the piece can match, when that is a small finite set. */
  exact?: Set<string>;
  /** One of these occurs in every match (undefined: nothing is known). */
  must?: Set<string>;
}

/** Anchors of the pattern table, derived by the build (scripts/build.mjs); absent when run from source. */
declare const PREFILTER_ANCHORS: Record<string, string[] | null> | undefined;

const MAX_SET = 64;
const MAX_CLASS = 6;
const ANY: Facts = {};
const EMPTY: Facts = { exact: new Set(['']) };

/**
 * The anchors of a regular expression: a text that contains none of them cannot match it.
 * Lower case for a case-insensitive expression (test them against the lower-cased text).
 * Undefined when no anchor can be derived: the expression must always run.
 */
export function literalAnchors(regex: RegExp): string[] | undefined {
  // derived at build time for the table as it was built (keyed by the expression itself, so a
  // changed pattern is derived again here); reading the sources at start-up costs ~20 ms of CPU
  const built = typeof PREFILTER_ANCHORS === 'object' ? PREFILTER_ANCHORS[`/${regex.source}/${regex.flags}`] : undefined;
  if (built !== undefined) return built ?? undefined;
  return deriveAnchors(regex);
}

/** The anchors of a regular expression, read from its source (see literalAnchors). */
export function deriveAnchors(regex: RegExp): string[] | undefined {
  const fold = regex.flags.includes('i');
  let facts: Facts;
  try {
    facts = new Parser(regex.source, fold).parse();
  } catch {
    return undefined;
  }
  const anchors = mustOf(facts);
  if (!anchors || [...anchors].some((a) => a === '' || (fold && !isAscii(a)))) return undefined;
  return [...anchors].sort();
}

/**
 * The patterns a text may match, as their indices in ascending order: those with no anchors, and
 * those one of whose anchors the text holds. One pass over all the anchors of the table (a
 * character-set test, then includes() where it passes), not a call per pattern: most texts are
 * short and match nothing, and for them the per-pattern overhead was the cost.
 */
export function candidateFilter(patterns: readonly { regex: RegExp }[]): (text: string) => number[] {
  const always: number[] = [];
  const strings: string[] = [];
  const owner: number[] = [];
  const folds: boolean[] = [];
  patterns.forEach((p, i) => {
    const list = literalAnchors(p.regex);
    if (!list) always.push(i);
    else
      for (const a of list) {
        strings.push(a);
        owner.push(i);
        folds.push(p.regex.flags.includes('i'));
      }
  });
  const masks = anchorMasks(strings);
  const marked = new Uint8Array(patterns.length);
  for (const i of always) marked[i] = 1;
  const textMask = new Int32Array(4);
  const lowerMask = new Int32Array(4);
  return (text) => {
    textMask.fill(0);
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) textMask[c >> 5] |= 1 << (c & 31);
      else ascii = false;
    }
    let lower: string | undefined;
    if (ascii) {
      // A-Z (bits 1-26 of the third word) also stand for a-z (the same bits of the fourth)
      lowerMask.set(textMask);
      lowerMask[3] |= textMask[2] & 0x07fffffe;
    } else {
      // lower-casing can make ASCII of other characters (the Kelvin sign is a k)
      lower = text.toLowerCase();
      lowerMask.fill(0);
      asciiMask(lower, lowerMask);
    }
    for (let j = 0; j < strings.length; j++) {
      const p = owner[j];
      if (marked[p]) continue;
      const mask = folds[j] ? lowerMask : textMask;
      const m = j * 4;
      if ((masks[m] & mask[0]) !== masks[m] || (masks[m + 1] & mask[1]) !== masks[m + 1]) continue;
      if ((masks[m + 2] & mask[2]) !== masks[m + 2] || (masks[m + 3] & mask[3]) !== masks[m + 3]) continue;
      if ((folds[j] ? (lower ??= text.toLowerCase()) : text).includes(strings[j])) marked[p] = 1;
    }
    const out: number[] = [];
    for (let i = 0; i < marked.length; i++) {
      if (!marked[i]) continue;
      out.push(i);
      marked[i] = 0;
    }
    for (const i of always) marked[i] = 1;
    return out;
  };
}

/** Which ASCII characters a text holds: bit c of 128 (four 32-bit words). */
function asciiMask(text: string, out = new Int32Array(4), at = 0): Int32Array {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) out[at + (c >> 5)] |= 1 << (c & 31);
  }
  return out;
}

/** The ASCII masks of the anchors, four words each (a non-ASCII character is left to includes()). */
function anchorMasks(list: string[]): Int32Array {
  const out = new Int32Array(list.length * 4);
  for (let i = 0; i < list.length; i++) asciiMask(list[i], out, i * 4);
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** The best "one of these occurs" set of a piece: its exact strings, or what it knows it must contain. */
function mustOf(f: Facts): Set<string> | undefined {
  if (f.exact && ![...f.exact].some((s) => s === '')) return f.exact;
  return f.must;
}

/** Longer anchors are rarer; among equals, fewer alternatives are cheaper. */
function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  const score = (s: Set<string>) => Math.min(...[...s].map((x) => x.length));
  return score(b) > score(a) || (score(b) === score(a) && b.size < a.size) ? b : a;
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_SET) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function union(a: Set<string>, b: Set<string>): Set<string> | undefined {
  const out = new Set([...a, ...b]);
  return out.size > MAX_SET ? undefined : out;
}

/** A recursive-descent reader of the regular expression syntax the pattern table uses. */
class Parser {
  private at = 0;

  constructor(
    private readonly src: string,
    private readonly fold: boolean,
  ) {}

  parse(): Facts {
    const f = this.alternation();
    if (this.at !== this.src.length) throw new Error('unbalanced');
    return f;
  }

  private alternation(): Facts {
    let f = this.sequence();
    while (this.src[this.at] === '|') {
      this.at++;
      const g = this.sequence();
      const exact = f.exact && g.exact ? union(f.exact, g.exact) : undefined;
      const a = mustOf(f);
      const b = mustOf(g);
      f = { exact, must: a && b ? union(a, b) : undefined };
    }
    return f;
  }

  private sequence(): Facts {
    // run: the exact strings of the latest stretch of exact pieces (they match side by side)
    let run = new Set(['']);
    let best: Set<string> | undefined;
    let allExact = true;
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const piece = this.quantified();
      if (piece.exact) {
        const next = cross(run, piece.exact);
        if (next) {
          run = next;
          continue;
        }
      }
      // the stretch ends here (a piece that is not exact, or too many combinations)
      best = better(best, mustOf({ exact: run }));
      best = better(best, mustOf(piece));
      run = piece.exact ? new Set(piece.exact) : new Set(['']);
      allExact = false;
    }
    best = better(best, mustOf({ exact: run }));
    return allExact ? { exact: run, must: best } : { must: best };
  }

  private quantified(): Facts {
    const atom = this.atom();
    const c = this.src[this.at];
    let min: number;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.at))) {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.at))!;
      min = Number(m[1]);
      this.at += m[0].length - 1;
      if (m[2] === undefined && min === 1) {
        this.at++;
        this.lazy();
        return atom;
      }
    } else return atom;
    this.at++;
    this.lazy();
    // repeated at least once: one repetition is in the match; never a fixed set of strings
    return min >= 1 ? { must: mustOf(atom) } : ANY;
  }

  private lazy(): void {
    if (this.src[this.at] === '?') this.at++;
  }

  private atom(): Facts {
    const c = this.src[this.at++];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '.':
        return ANY;
      case '^':
      case '$':
        return EMPTY;
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
        if (c === '{' || c === '}' || c === ']') return this.literal(c);
        throw new Error('nothing to repeat');
      default:
        return this.literal(c);
    }
  }

  private literal(c: string): Facts {
    return { exact: new Set([this.fold ? c.toLowerCase() : c]) };
  }

  private group(): Facts {
    let zeroWidth = false;
    if (this.src[this.at] === '?') {
      const rest = this.src.slice(this.at, this.at + 3);
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.at += 2;
        zeroWidth = true;
      } else if (rest === '?<=' || rest === '?<!') {
        this.at += 3;
        zeroWidth = true;
      } else if (rest.startsWith('?<')) {
        const close = this.src.indexOf('>', this.at);
        if (close < 0) throw new Error('bad group name');
        this.at = close + 1;
      } else throw new Error('unknown group');
    }
    const inner = this.alternation();
    if (this.src[this.at++] !== ')') throw new Error('unclosed group');
    // a look-around matches no text of its own
    return zeroWidth ? EMPTY : inner;
  }

  private charClass(): Facts {
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    const chars = new Set<string>();
    let enumerable = !negated;
    while (this.at < this.src.length && this.src[this.at] !== ']') {
      let c = this.src[this.at++];
      if (c === '\\') {
        const e = this.src[this.at++];
        if (/[dDsSwWbBpPuxc0-9]/.test(e)) {
          enumerable = false;
          if ((e === 'p' || e === 'P') && this.src[this.at] === '{') this.at = this.src.indexOf('}', this.at) + 1;
          continue;
        }
        c = e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e;
      }
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && this.at + 1 < this.src.length) {
        // a range: counted, not listed
        this.at++;
        let to = this.src[this.at++];
        if (to === '\\') to = this.src[this.at++];
        const span = to.charCodeAt(0) - c.charCodeAt(0) + 1;
        if (span > MAX_CLASS) enumerable = false;
        else for (let k = 0; k < span; k++) chars.add(String.fromCharCode(c.charCodeAt(0) + k));
        continue;
      }
      chars.add(c);
    }
    if (this.src[this.at++] !== ']') throw new Error('unclosed class');
    if (!enumerable || chars.size === 0) return ANY;
    const folded = new Set([...chars].map((ch) => (this.fold ? ch.toLowerCase() : ch)));
    return folded.size > MAX_CLASS ? ANY : { exact: folded };
  }

  private escape(): Facts {
    const e = this.src[this.at++];
    if (e === undefined) throw new Error('trailing backslash');
    if (e === 'b' || e === 'B') return EMPTY;
    if (/[dDsSwWpPkuxc0-9]/.test(e)) {
      if ((e === 'p' || e === 'P') && this.src[this.at] === '{') this.at = this.src.indexOf('}', this.at) + 1;
      if (e === 'k' && this.src[this.at] === '<') this.at = this.src.indexOf('>', this.at) + 1;
      if (e === 'u' || e === 'x' || e === 'c') throw new Error('code escapes are not read');
      return ANY;
    }
    const map: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' };
    return this.literal(map[e] ?? e);
  }
}
