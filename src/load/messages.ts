/**
 * The one place where messages about problems in the user's files are worded.
 *
 * The rule: a message never quotes source text. It may name what it has validated as a name —
 * a variable name, a key, a service name, a file path, each matching a conservative pattern —
 * and otherwise describes the problem in words of our own. Parsers' messages (the yaml package's,
 * JSON.parse's, compose-go's) quote the text around an error, which may be (part of) a secret:
 * they are never passed on, only mapped to a reason chosen here.
 */
import type { ErrorCode } from 'yaml';

/** A variable name as interpolation and .env files accept it. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** A key or a service name (Compose's names, labels, `x-` keys). */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]{0,127}$/;
/** A file path written in a compose file (extends, include, env_file). */
const PATH = /^[A-Za-z0-9_.~/@+:\\-][A-Za-z0-9_.~/@+: \\-]{0,255}$/;

/** `NAME` when it is a valid variable name; otherwise `a variable`. */
export function variableName(name: string): string {
  return IDENTIFIER.test(name) ? name : 'a variable';
}

/** Whether a key (or service name) has the shape of a name, and so may be quoted. */
export function isSafeKey(key: string): boolean {
  return KEY.test(key);
}

/** `"key"` when the key has the shape of a name; otherwise `a key`. */
export function quoteKey(key: string): string {
  return KEY.test(key) ? JSON.stringify(key) : 'a key';
}

/** `"name"` for a service name of the usual shape; otherwise `a service`. */
export function quoteService(name: string): string {
  return KEY.test(name) ? JSON.stringify(name) : 'a service';
}

/** A path as written, when it has the shape of a path; otherwise `the file named here`. */
export function pathName(path: string): string {
  return PATH.test(path) ? path : 'the file named here';
}

/** Reasons for the yaml package's error codes. Its messages are never shown: they quote the source. */
const YAML_REASONS: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias or anchor name is empty or ends with ":"',
  BAD_COLLECTION_TYPE: 'a collection does not match its tag',
  BAD_DIRECTIVE: 'invalid directive (a line starting with %)',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string (write \\\\ for a backslash, or use single quotes)',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'an anchor or tag is not in front of its value',
  BAD_SCALAR_START: 'a plain value cannot start with this character (quote the value)',
  BLOCK_AS_IMPLICIT_KEY: 'a block collection cannot be a mapping key',
  BLOCK_IN_FLOW: 'a block collection cannot stand inside [ ] or { }',
  DUPLICATE_KEY: 'Map keys must be unique',
  IMPOSSIBLE: 'the YAML parser could not read this',
  KEY_OVER_1024_CHARS: 'a mapping key is longer than 1024 characters',
  MISSING_CHAR: 'a character is missing here (a closing quote or bracket, a comma, or a space after ":")',
  MULTILINE_IMPLICIT_KEY: 'a mapping key cannot span lines (is a ":" or a quote missing?)',
  MULTIPLE_ANCHORS: 'a value has more than one anchor',
  MULTIPLE_DOCS: 'more than one document where one is expected',
  MULTIPLE_TAGS: 'a value has more than one tag',
  NON_STRING_KEY: 'a mapping key must be a string',
  RESOURCE_EXHAUSTION: 'the document expands too far to be loaded',
  TAB_AS_INDENT: 'a tab is used for indentation (use spaces)',
  TAG_RESOLVE_FAILED: 'a value does not match its tag',
  UNEXPECTED_TOKEN: 'unexpected text here',
};

/**
 * Finer reasons, chosen by matching the fixed part of the parser's message. Only our own text is
 * returned; nothing of the parser's message is copied.
 */
const YAML_REFINEMENTS: [ErrorCode, RegExp, string][] = [
  ['MISSING_CHAR', /^Missing closing ['"]quote/, 'a quoted string is not closed'],
  ['MISSING_CHAR', /^Missing , /, 'a comma is missing between the items of [ ] or { }'],
  ['MISSING_CHAR', /^Missing space after :/, 'a space is missing after ":"'],
  ['MISSING_CHAR', /^Implicit map keys need to be followed by map values/, 'a key is not followed by ":" and a value'],
  ['MISSING_CHAR', /^Comments must be separated/, 'a "#" comment needs a space before it'],
  ['MISSING_CHAR', /^Sequence item without - indicator/, 'a list item has no "-" in front of it'],
  [
    'UNEXPECTED_TOKEN',
    /^Block scalar header includes extra characters/,
    'text follows the block scalar indicator (| or >) on its line: the value goes on the lines below',
  ],
  ['UNEXPECTED_TOKEN', /^Unexpected (?:,|empty item) in /, 'an empty item or a stray comma in [ ] or { }'],
  ['UNEXPECTED_TOKEN', /^Unexpected .* at node end/, 'unexpected text after a value'],
];

/** Our reason for a yaml parse error, from its code (and the fixed part of its message). */
export function yamlReason(error: { code: ErrorCode; message: string }): string {
  for (const [code, pattern, reason] of YAML_REFINEMENTS) if (error.code === code && pattern.test(error.message)) return reason;
  return YAML_REASONS[error.code] ?? 'the YAML parser could not read this';
}

/** What is wrong with an interpolation template, in words of our own. */
export type TemplateFault =
  | { kind: 'no-name' }
  | { kind: 'bad-operator'; name: string }
  | { kind: 'unclosed'; name: string; operator: string }
  | { kind: 'too-deep' };

export function templateMessage(fault: TemplateFault): string {
  switch (fault.kind) {
    case 'no-name':
      return 'Invalid template: "${" is not followed by a variable name';
    case 'bad-operator':
      // not named: in a template that does not parse, the "name" may be the start of a value
      // (a password beginning with "${"); the column points at it
      return 'Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)';
    case 'unclosed':
      return `Invalid template: \${${variableName(fault.name)}${fault.operator} has no closing "}" on its line`;
    case 'too-deep':
      return 'Invalid template: variables nest too deeply';
  }
}

/**
 * A required variable (`${NAME:?message}`) without a value. The author's message is shown when
 * it was written as plain text; one built from other variables is left out (their values may
 * be secrets).
 */
export function requiredMessage(name: string, written: string | undefined, evaluated: string): string {
  const base = `required variable ${variableName(name)} is missing a value`;
  if (!evaluated || written === undefined || written.includes('$') || /[\p{Cc}]/u.test(written)) return base;
  return `${base}: ${written.length > 120 ? `${written.slice(0, 117)}...` : written}`;
}

/** A character named without quoting source: printable ASCII punctuation as itself, anything else by code point. */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (/^[!-/:-@[-`{-~]$/.test(ch)) return JSON.stringify(ch);
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message shown for an interpolation error: never compose-go's, which quotes the template. */
export function interpolationMessage(err: {
  kind: 'invalid-template' | 'missing-required';
  variable?: string;
  written?: string;
  reason?: string;
  fault?: TemplateFault;
}): string {
  if (err.kind === 'missing-required') return requiredMessage(err.variable ?? '', err.written, err.reason ?? '');
  return templateMessage(err.fault ?? { kind: 'no-name' });
}
