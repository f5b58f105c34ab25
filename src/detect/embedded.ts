import { classifyKey, describeKind, nameLooseness, type KeyVerdict } from './keys.js';
import { judgeNamedValue } from './scan.js';

export interface EmbeddedAssignment {
  /** The name as written, e.g. `initial_root_password`. */
  name: string;
  /** Words for messages: 'password', 'API key'. */
  kind: string;
  /** Offsets of the value (without quotes) in the text. */
  start: number;
  end: number;
  /** The value refers to a variable (`$X`, `${X}`, `%(X)s`, `{{ X }}`) instead of holding the secret. */
  viaVariable: boolean;
}

// name, optional closing quote/bracket of things like gitlab_rails['x'] or "x", then = : or =>
// Linear: every quantifier is over a distinct character class followed by a fixed delimiter.
// An unquoted value ends at `&` as well: the next query parameter (`?accessKey=x&secretKey=y`) is an assignment of its own.
// A double-quoted value may hold JSON escapes (`"{\"value\":\"…\"}"`).
// JSON written inside a double-quoted shell string escapes its quotes (`-d "{\"password\":\"…\"}"`): group 5.
const ASSIGNMENT =
  /([A-Za-z_][A-Za-z0-9_.-]{0,80})(?:\\?['"])?\]?[ \t]*(=>|=|:)[ \t]*(?:"((?:[^"\\\n]|\\[^\n]){0,4096})"|'([^'\n]{0,4096})'|\\"([^"\\\n]{1,4096})\\"|([^\s,;'"&]{1,4096}))/g;

// `$$VAR`/`$${VAR}`: escaped for Compose, a reference for the program that reads the file (JCasC, Spring)
const VARIABLE = /^(\$\$?\{?[A-Za-z_]|%\(|\{\{|<%)/;

/** PHP: define('WP_REDIS_PASSWORD', 'value'); (WORDPRESS_CONFIG_EXTRA and friends). */
const PHP_DEFINE = /define\([ \t]*['"]([A-Za-z_][A-Za-z0-9_]{0,80})['"][ \t]*,[ \t]*(?:'([^'\n]{0,4096})'|"([^"\n]{0,4096})")/g;

/** XML: <password>value</password> (ClickHouse users, Tomcat, Maven settings). */
const XML_ELEMENT = /<([A-Za-z_][A-Za-z0-9_.-]{0,80})>([^<\n]{1,4096})<\/\1>/g;

/**
 * A setting given as a name/value pair: Keycloak `{ "type": "password", "value": "x" }`, a JSON
 * `{"name": "DB_PASSWORD", "value": "x"}`, a Kubernetes env entry `- name: DB_PASSWORD` with
 * `value: x` on the next line. The `d` flag gives the value's offsets.
 */
const NAME_VALUE_PAIRS: readonly RegExp[] = [
  /["']?(?:type|name|key)["']?[ \t]*:[ \t]*["']([A-Za-z_][A-Za-z0-9_.-]{0,80})["'][ \t]*,[ \t]*["']?value["']?[ \t]*:[ \t]*"([^"\n]{1,4096})"/dg,
  /(?<=^|\n)[ \t]{0,40}-?[ \t]{0,4}name:[ \t]{0,4}["']?([A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]{0,4}\r?\n[ \t]{0,40}value:[ \t]{0,4}["']?([^"'\s][^"'\n]{0,4095}?)["']?[ \t]{0,4}(?=\r?\n|$)/dg,
];

const JAAS_USER: KeyVerdict = { sensitive: true, kind: 'password' };

/** HTTP authentication schemes: in `Authorization=Bearer x` the credential is x (a value pattern finds it). */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'bot', 'digest', 'negotiate']);

/** An expression, not a literal: File.read('/run/secrets/x'), ENV['DB_PASSWORD'], os.getenv("X"). */
const EXPRESSION = /^[A-Za-z_][A-Za-z0-9_.:]*[([]/;

/**
 * Assignments of secret-named settings inside a text blob: a multi-line config (`content:`,
 * GITLAB_OMNIBUS_CONFIG), mount options (`username=x,password=y`), a JSON string.
 */
export function findEmbeddedAssignments(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000) return out;
  // a JAAS PlainLoginModule entry defines users as `user_<name>="<password>"`
  const jaas = text.includes('LoginModule');
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1];
    const verdict = jaas && m[2] === '=' && /^user_[A-Za-z0-9]/.test(name) ? JAAS_USER : classifyKey(name);
    if (!verdict.sensitive) continue;
    const value = m[3] ?? m[4] ?? m[5] ?? m[6] ?? '';
    if (!value) continue;
    if (m[2] === ':' && !isMappingLike(text, m.index!, m[0], name)) continue;
    // a URL without credentials is a setting (`password_reset_url = https://…`); URL credentials are found elsewhere
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('//')) continue;
    const unquoted = m[6] !== undefined;
    // the closing quote after the value: none, `"`/`'`, or an escaped `\"`
    const closing = unquoted ? 0 : m[5] !== undefined ? 2 : 1;
    const start = m.index! + m[0].length - value.length - closing;
    // an expression or a nested structure ({ / [ opening a JSON or Ruby object), not a literal
    if (unquoted && (EXPRESSION.test(value) || /^[{[]/.test(value))) continue;
    // an application's YAML tag (`!secret name`, `!env_var X`, `!Env X`): a lookup, not a literal (`!!str` is a core tag)
    if (unquoted && /^![A-Za-z]/.test(value)) continue;
    // in code (a JavaScript object, a call's arguments) an unquoted name is a variable: `{ password: myPasswordVar }`
    if (unquoted && isCodeIdentifier(text, m.index!, m.index! + m[0].length, value)) continue;
    if (AUTH_SCHEMES.has(value.toLowerCase())) continue;
    const viaVariable = VARIABLE.test(value);
    if (!viaVariable && judgeNamedValue(nameLooseness(m[1]), value) !== 'literal') continue;
    out.push({ name, kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable });
  }
  for (const re of [PHP_DEFINE, XML_ELEMENT]) {
    for (const m of text.matchAll(re)) {
      const verdict = classifyKey(m[1]);
      const value = m[2] ?? m[3] ?? '';
      if (!verdict.sensitive || !value) continue;
      // XML: right after <name>; PHP: right before the closing quote
      const start = re === XML_ELEMENT ? m.index! + m[1].length + 2 : m.index! + m[0].length - value.length - 1;
      const viaVariable = VARIABLE.test(value);
      if (!viaVariable && judgeNamedValue(nameLooseness(m[1]), value) !== 'literal') continue;
      out.push({ name: m[1], kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable });
    }
  }
  for (const re of NAME_VALUE_PAIRS) {
    if (!text.includes('value')) break;
    for (const m of text.matchAll(re)) {
      const verdict = classifyKey(m[1]);
      const [start, end] = m.indices![2];
      if (!verdict.sensitive || out.some((a) => a.start < end && start < a.end)) continue;
      const value = m[2];
      const viaVariable = VARIABLE.test(value);
      if (!viaVariable && judgeNamedValue(nameLooseness(m[1]), value) !== 'literal') continue;
      out.push({ name: m[1], kind: describeKind(verdict.kind), start, end, viaVariable });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A bare identifier in code: inside `{…}`/`(…)` on its line, or followed by `,` `;` `}` `)` (a literal string would be quoted there). */
function isCodeIdentifier(text: string, start: number, end: number, value: string): boolean {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/.test(value)) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, end + 3);
  return /[{(]/.test(before) || /^[ \t]*[,;})]/.test(after);
}

/**
 * `name: value` is an assignment only where it reads like a mapping entry: the name starts its
 * line (or follows `{`, `,` or a quote, as in JSON), and a blank follows the colon. That keeps out
 * volume strings (`/etc/passwd:/host/etc/passwd`), image references (`traefik-forward-auth:2`)
 * and prose (`Client Secret: see https://…`, a Title-case `Password: …` in a description).
 */
function isMappingLike(text: string, index: number, match: string, name: string): boolean {
  // a JSON key ("secret":"x") needs no blank after its colon
  const jsonKey = (match.startsWith(`${name}"`) || match.startsWith(`${name}\\"`)) && text[index - 1] === '"';
  if (!jsonKey && !/:[ \t]/.test(match)) return false;
  if (/^[A-Z][a-z]+$/.test(name)) return false;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, index);
  return /^[\s\-"'{,[]*$/.test(before) || /[{,]\s*\\?["']?$/.test(before);
}

/** `name:secret`, or `name:secret:role` (EMQX bootstrap API keys), one a line. */
const PAIR_LINE = /^[ \t]*[A-Za-z0-9_.@-]{1,64}:([^\s:;,]{1,4096})(?::[A-Za-z_-]{1,32})?[ \t]*$/gm;

/**
 * The secrets of `user:password` pairs, one a line: a bootstrap user (`superuser:…`), a basic-auth
 * user-info, a file of `key:secret:role` lines. Not a number (`1000:1000`, a port), a path, a list or a
 * hash; a `${VAR}` whose name is secret-named is returned with `viaVariable`.
 */
export function findUserPasswordPairs(text: string): { start: number; end: number; viaVariable: boolean }[] {
  const out: { start: number; end: number; viaVariable: boolean }[] = [];
  if (text.length > 100_000 || !text.includes(':')) return out;
  for (const m of text.matchAll(PAIR_LINE)) {
    const secret = m[1];
    const start = m.index! + m[0].indexOf(`:${secret}`) + 1;
    // a variable stands for a password when its name says so (`u:${PROXY_PORT}` is no pair of user and password)
    const variable = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^{}]*)?\}$/.exec(secret);
    if (variable && !classifyKey(variable[1]).sensitive) continue;
    const viaVariable = variable !== null;
    if (!viaVariable && (/^\d+$/.test(secret) || secret.includes('/') || secret.includes('$') || judgeNamedValue({}, secret) !== 'literal')) continue;
    out.push({ start, end: start + secret.length, viaVariable });
  }
  return out;
}
