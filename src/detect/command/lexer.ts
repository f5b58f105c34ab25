/**
 * The shell lexer: one level of a shell string into words and operators. Quotes and backslashes
 * are removed from a word's text, and every character of the text keeps its offset in the
 * outermost string (a script inside `sh -c '…'` maps through the quotes around it).
 */

export interface Tok {
  text: string;
  /** offsets of the raw token (quotes included) in the outermost string */
  start: number;
  end: number;
  /**
   * Where the characters of `text` are in the outermost string: `abs0` for a token that is
   * one contiguous run (the usual case), else `runs`, flat pairs `[textIndex, absIndex, …]`
   * of runs contiguous in both.
   */
  abs0: number;
  runs: number[] | undefined;
  /** an operator (`;`, `&&`, `|`, newline, redirection) */
  op: 'sep' | 'redirect' | undefined;
  /** a new command starts here (first token of an `sh -c` script) */
  newCommand: boolean;
  /** a separator added after an `sh -c` script; not part of the string, not returned */
  synthetic: boolean;
}

/** Every token has the same shape (keeps property access monomorphic on long commands). */
export function mkTok(text: string, start: number, end: number, abs0: number, runs?: number[], op?: 'sep' | 'redirect', synthetic = false): Tok {
  return { text, start, end, abs0, runs: runs && runs.length > 2 ? runs : undefined, op, newCommand: false, synthetic };
}

/**
 * Maps offsets of the string being lexed to the outermost string: `emit(i, abs)` is called for
 * `from` and for every `i` in (from, to) where the mapping stops being contiguous.
 */
export type Mapper = (from: number, to: number, emit: (i: number, abs: number) => void) => void;

export const offsetMapper =
  (offset: number): Mapper =>
  (from, to, emit) => {
    if (to > from) emit(from, from + offset);
  };

/** Index (even) of the run holding text index i. */
function runOf(runs: number[], i: number): number {
  let lo = 0;
  let hi = runs.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid * 2] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo * 2;
}

/** Outermost-string offset of character i of a token. */
export function absAt(t: Tok, i: number): number {
  if (!t.runs) return t.abs0 + i;
  const r = runOf(t.runs, i);
  return t.runs[r + 1] + (i - t.runs[r]);
}

/** The mapper of a token's text, for lexing it in turn (the script of `sh -c`). */
export function tokMapper(t: Tok): Mapper {
  const runs = t.runs;
  if (!runs) return offsetMapper(t.abs0);
  return (from, to, emit) => {
    if (to <= from) return;
    let r = runOf(runs, from);
    emit(from, runs[r + 1] + (from - runs[r]));
    for (r += 2; r < runs.length && runs[r] < to; r += 2) emit(runs[r], runs[r + 1]);
  };
}

/** Characters that end a plain run inside a word. */
const SPECIAL = new Set([' ', '\t', '\r', '\f', '\v', '\n', ';', '&', '|', '(', ')', '<', '>', "'", '"', '\\', '$', '`']);

export function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * Tokenize one level of a shell string; `mapper` maps offsets of `s` to the outermost string.
 * `$(…)`, `${…}` and backticks stay inside their word.
 */
export function lex(s: string, mapper: Mapper): Tok[] {
  return new Lexer(s, mapper).run();
}

/** The state of one `lex` call: the tokens so far and the word being built. */
class Lexer {
  private readonly out: Tok[] = [];
  /** the word being built: its text in pieces, its runs (see Tok), its length, where it started in `s` */
  private pieces: string[] = [];
  private runs: number[] = [];
  private len = 0;
  private inWord = false;
  private rawStart = 0;
  private lastAbs = 0;
  private readonly keepAbs = (_: number, abs: number): void => {
    this.lastAbs = abs;
  };

  constructor(
    private readonly s: string,
    private readonly mapper: Mapper,
  ) {}

  run(): Tok[] {
    const s = this.s;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const c = s[i];
      if (isBlank(c)) {
        this.endWord(i);
        i++;
      } else if (c === '\n') {
        this.endWord(i);
        this.pushOp(i, i + 1, 'sep');
        i++;
      } else if (c === '\\' && s[i + 1] === '\n' && !this.inWord) {
        // a line continuation between words (`a || \⏎  printf …`) is a blank, not an empty word
        i += 2;
      } else if (c === '#' && !this.inWord) {
        const nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        i = this.separator(i);
      } else if (c === '<' || c === '>') {
        i = this.redirection(i);
      } else {
        if (!this.inWord) {
          this.inWord = true;
          this.rawStart = i;
        }
        i = this.wordPart(i);
      }
    }
    this.endWord(n);
    return this.out;
  }

  private absOf(i: number): number {
    this.mapper(i, i + 1, this.keepAbs);
    return this.lastAbs;
  }

  /** Append s[from, to) to the current word. */
  private addSpan(from: number, to: number): void {
    if (to <= from) return;
    this.pieces.push(this.s.slice(from, to));
    const runs = this.runs;
    const len = this.len;
    this.mapper(from, to, (i, abs) => {
      const ti = len + (i - from);
      const r = runs.length - 2;
      if (r >= 0 && runs[r + 1] + (ti - runs[r]) === abs) return;
      runs.push(ti, abs);
    });
    this.len += to - from;
  }

  private clearWord(): void {
    this.pieces = [];
    this.runs = [];
    this.len = 0;
    this.inWord = false;
  }

  private endWord(rawEnd: number): void {
    if (!this.inWord) return;
    const { pieces, runs, rawStart } = this;
    const start = this.absOf(rawStart);
    const end = rawEnd > rawStart ? this.absOf(rawEnd - 1) + 1 : start;
    this.out.push(mkTok(pieces.length === 1 ? pieces[0] : pieces.join(''), start, end, runs.length ? runs[1] : start, runs));
    this.clearWord();
  }

  private pushOp(from: number, to: number, op: 'sep' | 'redirect'): void {
    const start = this.absOf(from);
    this.out.push(mkTok(this.s.slice(from, to), start, this.absOf(to - 1) + 1, start, undefined, op));
  }

  /** `;`, `&`, `|`, `(`, `)` and their doubled forms at i; returns the index after it. */
  private separator(i: number): number {
    const s = this.s;
    const c = s[i];
    this.endWord(i);
    const next = s[i + 1];
    const two = (c === '&' && next === '&') || (c === '|' && (next === '|' || next === '&')) || (c === ';' && next === ';');
    this.pushOp(i, i + (two ? 2 : 1), 'sep');
    return i + (two ? 2 : 1);
  }

  /** A redirection at i; a single-digit word right before it (`2>`) is its fd. Returns the index after it. */
  private redirection(i: number): number {
    const s = this.s;
    let from = i;
    if (this.inWord && this.len === 1 && /^[0-9]$/.test(this.pieces.join('')) && this.rawStart === i - 1) {
      from = i - 1;
      this.clearWord();
    } else this.endWord(i);
    let j = i + 1;
    while (j < s.length && (s[j] === '<' || s[j] === '>')) j++;
    if (s[j] === '&' || s[j] === '|') j++;
    this.pushOp(from, j, 'redirect');
    return j;
  }

  /** One part of a word at i (quoted, escaped, a substitution or a plain run); returns the index after it. */
  private wordPart(i: number): number {
    const s = this.s;
    const n = s.length;
    const c = s[i];
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const stop = close < 0 ? n : close;
      this.addSpan(i + 1, stop);
      return stop + 1;
    }
    if (c === '"') return this.doubleQuoted(i);
    if (c === '\\') {
      if (s[i + 1] !== '\n') this.addSpan(i + 1, Math.min(i + 2, n));
      return i + 2;
    }
    if (c === '$') {
      const open = s[i + 1] === '$' ? i + 2 : i + 1;
      if (s[open] === '(' || s[open] === '{') {
        const end = s[open] === '(' ? skipBalanced(s, open, '(', ')') : skipBalanced(s, open, '{', '}');
        this.addSpan(i, end);
        return end;
      }
      this.addSpan(i, i + 1);
      return i + 1;
    }
    if (c === '`') {
      const close = s.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      this.addSpan(i, end);
      return end;
    }
    // a run of plain characters
    let j = i + 1;
    while (j < n && !SPECIAL.has(s[j])) j++;
    this.addSpan(i, j);
    return j;
  }

  /** A double-quoted part at i: `\"`, `\\`, `\$`, `` \` `` and line continuations unescaped, `$(…)` kept whole. */
  private doubleQuoted(i: number): number {
    const s = this.s;
    const n = s.length;
    let k = i + 1;
    let chunk = k;
    while (k < n && s[k] !== '"') {
      if (s[k] === '\\' && k + 1 < n && '"\\$`\n'.includes(s[k + 1])) {
        this.addSpan(chunk, k);
        if (s[k + 1] !== '\n') this.addSpan(k + 1, k + 2);
        k += 2;
        chunk = k;
        continue;
      }
      if (s[k] === '$' && s[k + 1] === '(') {
        k = skipBalanced(s, k + 1, '(', ')');
        continue;
      }
      k++;
    }
    this.addSpan(chunk, k);
    return k + 1;
  }
}

/** Index after the bracket that closes the one at `open` (quotes inside are skipped roughly). */
function skipBalanced(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    const ch = s[k];
    if (ch === "'" && o === '(') {
      const close = s.indexOf("'", k + 1);
      if (close < 0) return s.length;
      k = close;
      continue;
    }
    if (ch === o) depth++;
    else if (ch === c) {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return s.length;
}
