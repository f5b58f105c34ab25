/**
 * Compose variable interpolation with compose-go's exact semantics (template/template.go, v2).
 *
 * compose-go finds references with the regexp
 *   \$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))
 * and post-processes each match. This module reproduces that behaviour with a hand-written,
 * linear scanner. The consequences of the regexp that are easy to miss:
 *  - `$$` is a literal `$`; a `$` followed by anything but a name, `$` or `{` stays as written.
 *  - `${` must be followed by a name and then `}` or an operator (`:-` `-` `:?` `?` `:+` `+`);
 *    anything else (`${}`, `${ x}`, `${x }`, `${x!}`, a `${` with no `}` later on the line)
 *    is an invalid template, and so is the whole string.
 *  - After an operator, `.*` is greedy and `.` does not match `\n`: the match runs to the LAST
 *    `}` of the line. compose-go then cuts it at the brace that closes the first `{` (see
 *    closingBrace) and interpolates what follows the cut as ordinary text.
 *  - The argument of an operator is evaluated lazily, as a template of its own, only when the
 *    operator uses it (a default that is not taken is never looked at, even if invalid).
 *  - Only plain references (`$X`, `${X}`) to an unset variable produce compose's
 *    "variable is not set" warning.
 */

import { LIMITS } from '../load/limits.js';
import { templateMessage, type TemplateFault } from '../load/messages.js';

export type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/**
 * An invalid template, or a missing required variable. The message of an invalid template is
 * ours (compose-go's quotes the template, which may hold a secret): it names at most the
 * variable. A missing required variable keeps compose-go's message, the library's API; what the
 * CLI shows is built from `variable` and `written` by load/messages.ts.
 */
export class InterpolationError extends Error {
  readonly kind: 'invalid-template' | 'missing-required';
  readonly variable?: string;
  /** For a missing required variable: the (interpolated) message written after `?`, possibly empty. */
  readonly reason?: string;
  /** For a missing required variable: that message as written, before interpolation. */
  readonly written?: string;
  /** For an invalid template: what is wrong. */
  readonly fault?: TemplateFault;

  constructor(
    kind: 'invalid-template' | 'missing-required',
    message: string,
    details: { variable?: string; reason?: string; written?: string; fault?: TemplateFault } = {},
  ) {
    super(message);
    this.name = 'InterpolationError';
    this.kind = kind;
    if (details.variable !== undefined) this.variable = details.variable;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.written !== undefined) this.written = details.written;
    if (details.fault !== undefined) this.fault = details.fault;
  }
}

export interface VarResolution {
  name: string;
  /** 'set': the lookup found the variable (possibly empty); 'default': an `-`/`:-` default was used instead; 'unset': not found. */
  resolution: 'set' | 'default' | 'unset';
}

export interface SubstituteResult {
  value: string;
  /** Every variable that was actually looked up while evaluating (lazy: a default that is not taken is not evaluated), in order. */
  vars: VarResolution[];
  /** In lenient mode, required variables (${X:?msg} / ${X?msg}) that were missing, instead of throwing. `message` is compose-go's full error text. */
  missingRequired: { name: string; message: string; reason: string; written: string }[];
  /** How many "The "X" variable is not set. Defaulting to a blank string." warnings compose would print. */
  unsetWarnings: number;
}

/** Static analysis without an environment, for a linter: every variable reference in the template, with offsets. */
export interface VarReference {
  name: string;
  operator?: Operator;
  /** The raw text after the operator (may itself contain references), when there is an operator. */
  argument?: string;
  /** Offsets of the whole reference `${...}` / `$NAME` in the template, and of the argument when present. */
  start: number;
  end: number;
  argumentStart?: number;
  argumentEnd?: number;
  /** Nesting depth: 0 for top-level references, 1+ for those inside another reference's argument. */
  depth: number;
}

// ---------------------------------------------------------------------------------------------
// Scanner

/** One `$` construct found at some offset. `end` is exclusive. */
type Token =
  | { type: 'text'; end: number } // a lone `$`, kept as written
  | { type: 'escaped'; end: number } // `$$`
  | { type: 'ref'; name: string; start: number; end: number } // `$NAME` or `${NAME}`
  | {
      type: 'op';
      name: string;
      operator: Operator;
      start: number;
      /** End of the reference itself (after its closing brace). */
      end: number;
      argStart: number;
      argEnd: number;
    };

const isNameStart = (c: number) =>
  c === 95 /* _ */ ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  // (?i) in Go folds k/K to the Kelvin sign and s/S to the long s, so [a-z] matches them too.
  c === 0x212a ||
  c === 0x17f;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

/** Caches, per line, the offset of the last `}` of that line (what the greedy `.*}` reaches). */
class LineBraces {
  private lineEnd = -1;
  private last = -1;
  constructor(private readonly s: string) {}

  /** Offset of the last `}` at or after `from` on from's line, or -1. */
  lastFrom(from: number): number {
    if (from > this.lineEnd) {
      const nl = this.s.indexOf('\n', from);
      this.lineEnd = nl < 0 ? this.s.length : nl;
      this.last = this.lineEnd > 0 ? this.s.lastIndexOf('}', this.lineEnd - 1) : -1;
    }
    return this.last >= from ? this.last : -1;
  }
}

/**
 * compose-go's getFirstBraceClosingIndex, applied to the match [start, matchEnd]: every `{`
 * opens a level and the character right after it is skipped (so `{}` does not close it); the
 * `}` that brings the count back to zero closes the reference. -1 when none does.
 */
function closingBrace(s: string, start: number, matchEnd: number): number {
  let open = 0;
  for (let i = start; i <= matchEnd; i++) {
    const c = s.charCodeAt(i);
    if (c === 125 /* } */) {
      if (--open === 0) return i;
    } else if (c === 123 /* { */) {
      open++;
      i++;
    }
  }
  return -1;
}

/** Go's %#v / %q rendering of a string, for error messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch))
      out += ch; // Go's strconv.IsPrint
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += '\\ufffd'; // a lone surrogate: Go would see invalid UTF-8
    else out += cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
  }
  return out + '"';
}

const invalid = (fault: TemplateFault) => new InterpolationError('invalid-template', templateMessage(fault), { fault });

/**
 * Reads the construct at `s[j] === '$'`. Throws an invalid-template error for a `${` that
 * compose-go's regexp only matches with its empty `invalid` group.
 */
function readToken(s: string, j: number, lines: LineBraces): Token {
  const c = s.charCodeAt(j + 1);
  if (c === 36 /* $ */) return { type: 'escaped', end: j + 2 };
  if (isNameStart(c)) {
    let k = j + 2;
    while (k < s.length && isNameChar(s.charCodeAt(k))) k++;
    return { type: 'ref', name: s.slice(j + 1, k), start: j, end: k };
  }
  if (c !== 123 /* { */) return { type: 'text', end: j + 1 };

  if (!isNameStart(s.charCodeAt(j + 2))) throw invalid({ kind: 'no-name' });
  let k = j + 3;
  while (k < s.length && isNameChar(s.charCodeAt(k))) k++;
  const name = s.slice(j + 2, k);
  if (s.charCodeAt(k) === 125 /* } */) return { type: 'ref', name, start: j, end: k + 1 };

  const colon = s[k] === ':' ? 1 : 0;
  const opChar = s[k + colon];
  if (opChar !== '-' && opChar !== '+' && opChar !== '?') throw invalid({ kind: 'bad-operator', name });
  const argStart = k + colon + 1;
  const matchEnd = lines.lastFrom(argStart);
  if (matchEnd < 0) throw invalid({ kind: 'unclosed', name, operator: (colon ? ':' : '') + opChar });
  const cut = closingBrace(s, j, matchEnd);
  const close = cut < 0 ? matchEnd : cut;
  return {
    type: 'op',
    name,
    operator: ((colon ? ':' : '') + opChar) as Operator,
    start: j,
    end: close + 1,
    argStart,
    argEnd: close,
  };
}

/**
 * Walks a template, calling `onText` for the text between `$` constructs and `onToken` for each
 * construct.
 */
function scan(s: string, onText: (from: number, to: number) => void, onToken: (t: Token) => void): void {
  const lines = new LineBraces(s);
  let i = 0;
  for (;;) {
    const j = s.indexOf('$', i);
    if (j < 0) break;
    if (j > i) onText(i, j);
    const t = readToken(s, j, lines);
    onToken(t);
    i = t.end;
  }
  if (i < s.length) onText(i, s.length);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** compose-go semantics; throws InterpolationError with compose-go's exact messages. */
export function interpolate(template: string, env: Record<string, string | undefined>): string {
  return substitute(template, (name) => (Object.hasOwn(env, name) ? env[name] : undefined)).value;
}

/** Interpolates `template`, reporting every variable looked up. See SubstituteResult. */
export function substitute(template: string, lookup: (name: string) => string | undefined, options: { lenient?: boolean } = {}): SubstituteResult {
  const result: SubstituteResult = { value: '', vars: [], missingRequired: [], unsetWarnings: 0 };
  result.value = evaluate(template, lookup, !!options.lenient, result, 0);
  return result;
}

function evaluate(s: string, lookup: (name: string) => string | undefined, lenient: boolean, acc: SubstituteResult, depth: number): string {
  if (!s.includes('$')) return s;
  if (depth > LIMITS.maxTemplateNesting) throw invalid({ kind: 'too-deep' });
  let out = '';
  scan(
    s,
    (from, to) => (out += s.slice(from, to)),
    (t) => {
      if (t.type === 'text') out += '$';
      else if (t.type === 'escaped') out += '$';
      else if (t.type === 'ref') {
        const v = lookup(t.name);
        acc.vars.push({ name: t.name, resolution: v === undefined ? 'unset' : 'set' });
        if (v === undefined) acc.unsetWarnings++;
        out += v ?? '';
      } else {
        out += applyOperator(t.name, t.operator, s.slice(t.argStart, t.argEnd), lookup, lenient, acc, depth + 1);
      }
    },
  );
  return out;
}

function applyOperator(
  name: string,
  op: Operator,
  arg: string,
  lookup: (name: string) => string | undefined,
  lenient: boolean,
  acc: SubstituteResult,
  depth: number,
): string {
  const v = lookup(name);
  // `:` variants also treat an empty value as missing.
  const present = v !== undefined && (op[0] !== ':' || v !== '');
  const kind = op[op.length - 1];
  const record = (resolution: VarResolution['resolution']) => acc.vars.push({ name, resolution });

  if (kind === '-') {
    record(present ? 'set' : 'default');
    return present ? v! : evaluate(arg, lookup, lenient, acc, depth);
  }
  record(v === undefined ? 'unset' : 'set');
  if (kind === '+') return present ? evaluate(arg, lookup, lenient, acc, depth) : (v ?? '');
  // `?` / `:?`: the message is only evaluated when it is needed.
  if (present) return v!;
  const reason = evaluate(arg, lookup, lenient, acc, depth);
  const message = `required variable ${name} is missing a value` + (reason ? `: ${reason}` : '');
  if (!lenient) throw new InterpolationError('missing-required', message, { variable: name, reason, written: arg });
  acc.missingRequired.push({ name, message, reason, written: arg });
  return '';
}

// ---------------------------------------------------------------------------------------------
// Static analysis

/** Every variable reference in the template, nested ones included; throws for invalid templates (nested ones too). */
export function findReferences(template: string): VarReference[] {
  const refs: VarReference[] = [];
  collect(template, 0, 0, refs);
  return refs;
}

function collect(s: string, offset: number, depth: number, refs: VarReference[]): void {
  if (!s.includes('$')) return;
  if (depth > LIMITS.maxTemplateNesting) throw invalid({ kind: 'too-deep' });
  scan(
    s,
    () => {},
    (t) => {
      if (t.type === 'ref') {
        refs.push({ name: t.name, start: offset + t.start, end: offset + t.end, depth });
      } else if (t.type === 'op') {
        refs.push({
          name: t.name,
          operator: t.operator,
          argument: s.slice(t.argStart, t.argEnd),
          start: offset + t.start,
          end: offset + t.end,
          argumentStart: offset + t.argStart,
          argumentEnd: offset + t.argEnd,
          depth,
        });
        collect(s.slice(t.argStart, t.argEnd), offset + t.argStart, depth + 1, refs);
      }
    },
  );
}

/**
 * True when compose would interpolate (or reject) something in the template: a `$NAME` or a
 * `${`, not escaped as `$$`. False for plain text and `$$`-escaped text. Never throws.
 */
export function hasReferences(template: string): boolean {
  for (let i = template.indexOf('$'); i >= 0; i = template.indexOf('$', i)) {
    const c = template.charCodeAt(i + 1);
    if (c === 36) i += 2;
    else if (c === 123 || isNameStart(c)) return true;
    else i++;
  }
  return false;
}
