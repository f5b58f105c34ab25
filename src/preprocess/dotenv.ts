/**
 * .env parsing with compose-go's exact semantics (dotenv/parser.go, dotenv/godotenv.go, v2).
 *
 * The grammar, as compose-go reads it (quirks included, on purpose):
 *  - Blank space (Unicode) and lines starting with `#` are skipped; a UTF-8 BOM is stripped.
 *  - `export` followed by whitespace is dropped.
 *  - The key runs to the first `=`, `:` (YAML style) or newline. It may hold letters, digits
 *    (Unicode), `_ . - [ ]` and blanks; any other character is an error. Trailing blanks are
 *    trimmed and a key that still holds a space is an error (a tab is accepted).
 *  - A key ended by a newline (`KEY` alone) takes its value from the lookup, and is left out when
 *    the lookup has none. A key that runs to the end of the text with no separator at all is read
 *    as the value of the empty key "".
 *  - Values: `'...'` is literal (only `\'` is unescaped); `"..."` unescapes \a \b \f \n \r \t \v
 *    \" \\ \$ and \0NNN (octal), then interpolates; unquoted values run to the end of the line,
 *    are cut at the first " #", trimmed, then interpolated. Quoted values may span lines, and
 *    parsing resumes right after the closing quote (so `A="x" B` also declares a bare key B).
 *  - Interpolation uses the template package (here: ./interpolate.ts); a name is looked up in
 *    `lookup` first, then among the values set earlier in the text.
 */
import { describeCharacter, interpolationMessage, variableName } from '../load/messages.js';
import { InterpolationError, substitute } from './interpolate.js';

export class DotenvError extends Error {
  /** 1-based line where the problem starts (compose-go's message may give another number, see below). */
  readonly line: number;
  /** 0-based offset into the text where the problem starts. */
  readonly offset: number;

  constructor(message: string, line: number, offset: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DotenvError';
    this.line = line;
    this.offset = offset;
  }
}

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line/column of the key; 0-based offsets into `text` of the key and of the value's source text (inside the quotes when quoted). For a bare KEY line, valueStart=valueEnd=keyEnd. */
  line: number;
  column: number;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  quoted: 'single' | 'double' | 'none';
  /** true when the value was taken from lookup (bare KEY line) rather than written in the file. */
  inherited: boolean;
  /** The variables set earlier in the text that the value expands (`URL=postgres://u:${PW}@db`), in order, once each. */
  expands?: string[];
}

type Lookup = (name: string) => string | undefined;

/** compose-go's isSpace: a blank that is not a line break. */
const isBlank = (c: number) => c === 9 || c === 11 || c === 12 || c === 13 || c === 32 || c === 0x85 || c === 0xa0;
/** Go's unicode.IsSpace. */
const isUnicodeSpace = (c: number) =>
  isBlank(c) || c === 10 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
/** `_ . - [ ]`, and Go's unicode.IsLetter / unicode.IsNumber. */
const isKeyChar = (ch: string) => /^[A-Za-z0-9_.\-[\]]$/.test(ch) || (ch.charCodeAt(0) > 0x7f && /^[\p{L}\p{N}]$/u.test(ch));

function trimEndUnicodeSpace(s: string): string {
  let e = s.length;
  while (e > 0 && isUnicodeSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}

/** \a \b \f \n \r \t \v \" \\ ; `\c` is matched by compose-go's regexp but left as is. */
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/** compose-go's expandEscapes, applied to the text of a double-quoted value before interpolation. */
function expandEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})/g, (m) => {
    if (m === '\\$') return '$$'; // a literal dollar for the interpolation that follows
    if (m[1] !== '0') return SIMPLE_ESCAPES[m[1]] ?? m;
    // `\0NNN` is rewritten to Go's `\NNN`, which needs exactly three octal digits up to 0377.
    // When that fails compose-go keeps the rewritten text: the `0` is dropped.
    const digits = m.slice(2);
    return /^[0-7]{3}$/.test(digits) && parseInt(digits, 8) <= 255 ? String.fromCharCode(parseInt(digits, 8)) : '\\' + digits;
  });
}

/**
 * Same semantics as parseDotenv, but every entry with its position (later duplicates appear as later entries). With
 * `unresolved`, a bare `KEY` line the lookup has no value for is an entry too (`inherited`, its value empty, left out of
 * the values later lines expand): the variable a service's env_file passes through from the shell compose runs in.
 */
export function parseDotenvEntries(text: string, lookup?: Lookup, options: { unresolved?: boolean } = {}): DotenvEntry[] {
  return parseInto(text, new Map(), lookup, options.unresolved === true);
}

/** api "parse" of the vectors: compose-go's dotenv parser. The result has a null prototype. */
export function parseDotenv(text: string, lookup?: Lookup): Record<string, string> {
  const values = new Map<string, string>();
  parseInto(text, values, lookup);
  return toRecord(values);
}

/** api "read": like parse, and drops keys that start with a digit. */
export function readDotenv(text: string, lookup?: Lookup): Record<string, string> {
  const values = new Map<string, string>();
  parseInto(text, values, lookup);
  for (const key of values.keys()) if (/^[\t\n\f\r ]*[0-9]/.test(key)) values.delete(key);
  return toRecord(values);
}

/**
 * api "getEnvFromFile": several files read in order into one map. Each file sees `lookup` first,
 * then everything set so far (by earlier files and earlier lines), for expansion.
 */
export function readDotenvFiles(texts: string[], lookup?: Lookup): Record<string, string> {
  const values = new Map<string, string>();
  for (const text of texts) parseInto(text, values, lookup);
  return toRecord(values);
}

function toRecord(values: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of values) out[k] = v;
  return out;
}

/** The parser proper: fills `values` as compose-go fills its map, and returns the entries. */
function parseInto(text: string, values: Map<string, string>, lookup?: Lookup, unresolved = false): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  // compose-go's own line counter, reproduced for its messages. It drifts from the real line in
  // two cases: an unterminated quote reports the last line of the file, and a bare `KEY ` line
  // (blank after the key) is not counted.
  let goLine = 1;
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  // Real line numbers, computed incrementally (offsets only grow).
  let lineAt = p;
  let lineNo = 1;
  let lineStart = p; // a BOM does not count as a column
  const position = (offset: number) => {
    for (; lineAt < offset; lineAt++) {
      if (text.charCodeAt(lineAt) === 10) {
        lineNo++;
        lineStart = lineAt + 1;
      }
    }
    return { line: lineNo, column: offset - lineStart + 1 };
  };
  const fail = (message: string, offset: number, cause?: unknown): never => {
    throw new DotenvError(message, position(offset).line, offset, cause === undefined ? undefined : { cause });
  };
  // the file's own variables the value being read expands (the lookup's are not the file's)
  let expanded: string[] = [];
  const expand = (value: string, offset: number): string => {
    try {
      return substitute(value, (k) => {
        const outside = lookup?.(k);
        if (outside !== undefined) return outside;
        const own = values.get(k);
        if (own !== undefined && !expanded.includes(k)) expanded.push(k);
        return own;
      }).value;
    } catch (err) {
      if (err instanceof InterpolationError) return fail(interpolationMessage(err), offset, err);
      throw err;
    }
  };

  for (;;) {
    // Statement start: skip blank space and comment lines.
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 35 /* # */) {
        const nl = text.indexOf('\n', p);
        p = nl < 0 ? n : nl;
      } else if (isUnicodeSpace(c)) {
        if (c === 10) goLine++;
        p++;
      } else break;
    }
    if (p >= n) break;

    // `export` followed by whitespace (Go's \s: no \v) is dropped, with the blanks after it.
    if (text.startsWith('export', p) && /[\t\n\f\r ]/.test(text.charAt(p + 6))) {
      p += 6;
      while (p < n && isBlank(text.charCodeAt(p))) p++;
    }
    const keyStart = p;
    if (keyStart >= n) fail('zero length string', keyStart);

    // The key runs to `=`, `:` or a newline; every other character must be a key character.
    let sep = -1;
    for (let i = keyStart; i < n; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (ch === '=' || ch === ':' || ch === '\n') {
        sep = i;
        break;
      }
      if (!isBlank(cp) && !isKeyChar(ch)) {
        // compose-go quotes the whole line here, value included: we name the character only
        fail(`line ${goLine}: unexpected character ${describeCharacter(ch)} in a variable name`, i);
      }
      i += ch.length;
    }
    // No separator before the end of the text: compose-go reads it all as the value of key "".
    const rawKey = sep < 0 ? '' : text.slice(keyStart, sep);
    const inherited = sep >= 0 && text[sep] === '\n';
    if (inherited && !rawKey.includes(' ')) goLine++;
    const key = trimEndUnicodeSpace(rawKey);
    const keyEnd = keyStart + key.length;
    let q = sep < 0 ? keyStart : sep + 1;
    while (q < n && isBlank(text.charCodeAt(q))) q++;
    if (key.includes(' ')) fail(`line ${goLine}: key cannot contain a space`, keyStart);

    const { line, column } = position(keyStart);
    const entry = (value: string, valueStart: number, valueEnd: number, quoted: DotenvEntry['quoted']) => {
      values.set(key, value);
      entries.push({ key, value, line, column, keyStart, keyEnd, valueStart, valueEnd, quoted, inherited, ...(expanded.length ? { expands: expanded } : {}) });
      expanded = [];
    };

    if (inherited) {
      const value = lookup?.(key);
      if (value !== undefined) entry(value, keyEnd, keyEnd, 'none');
      else if (unresolved) entries.push({ key, value: '', line, column, keyStart, keyEnd, valueStart: keyEnd, valueEnd: keyEnd, quoted: 'none', inherited });
      p = q;
      continue;
    }

    const quote = text[q];
    if (quote === '"' || quote === "'") {
      // Scan to the closing quote. A backslash escapes the next character; before the quote
      // character it is dropped, before anything else it is kept (for expandEscapes).
      let raw = '';
      let escaped = false;
      let close = -1;
      for (let i = q + 1; i < n; i++) {
        const ch = text[i];
        if (ch === '\n') goLine++;
        if (escaped) {
          escaped = false;
          raw += ch === quote ? ch : '\\' + ch;
        } else if (ch === '\\') escaped = true;
        else if (ch === quote) {
          close = i;
          break;
        } else raw += ch;
      }
      if (close < 0) {
        // compose-go quotes the rest of the line: we name the variable only
        fail(`line ${goLine}: unterminated quoted value of ${variableName(key)}`, q);
      }
      const value = quote === '"' ? expand(expandEscapes(raw), q + 1) : raw;
      entry(value, q + 1, close, quote === '"' ? 'double' : 'single');
      p = close + 1;
    } else {
      const nl = text.indexOf('\n', q);
      const lineEnd = nl < 0 ? n : nl;
      goLine++;
      let raw = text.slice(q, lineEnd);
      const comment = raw.indexOf(' #');
      if (comment >= 0) raw = raw.slice(0, comment);
      raw = trimEndUnicodeSpace(raw);
      entry(expand(raw, q), q, q + raw.length, 'none');
      p = nl < 0 ? n : nl + 1;
    }
  }
  return entries;
}
