import { classifyKey, describeKind } from './keys.js';
import { judgeSecretValue } from './scan.js';

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
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]{0,80})['"]?\]?[ \t]*(=>|=|:)[ \t]*(?:"([^"\n]{0,4096})"|'([^'\n]{0,4096})'|([^\s,;'"]{1,4096}))/g;

const VARIABLE = /^(\$\{?[A-Za-z_]|%\(|\{\{|<%)/;

/** An expression, not a literal: File.read('/run/secrets/x'), ENV['DB_PASSWORD'], os.getenv("X"). */
const EXPRESSION = /^[A-Za-z_][A-Za-z0-9_.:]*[([]/;

/**
 * Assignments of secret-named settings inside a text blob: a multi-line config (`content:`,
 * GITLAB_OMNIBUS_CONFIG), mount options (`username=x,password=y`), a JSON string.
 */
export function findEmbeddedAssignments(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000) return out;
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1];
    const verdict = classifyKey(name);
    if (!verdict.sensitive) continue;
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    if (!value) continue;
    if (m[2] === ':' && !isMappingLike(text, m.index!, m[0], name)) continue;
    // a URL without credentials is a setting (`password_reset_url = https://…`); URL credentials are found elsewhere
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('//')) continue;
    const groupIndex = m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : 5;
    const start = m.index! + m[0].length - value.length - (groupIndex === 5 ? 0 : 1);
    if (m[5] !== undefined && EXPRESSION.test(value)) continue;
    const viaVariable = VARIABLE.test(value);
    if (!viaVariable && judgeSecretValue(value) !== 'literal') continue;
    out.push({ name, kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable });
  }
  return out;
}

/**
 * `name: value` is an assignment only where it reads like a mapping entry: the name starts its
 * line (or follows `{`, `,` or a quote, as in JSON), and a blank follows the colon. That keeps out
 * volume strings (`/etc/passwd:/host/etc/passwd`), image references (`traefik-forward-auth:2`)
 * and prose (`Client Secret: see https://…`, a Title-case `Password: …` in a description).
 */
function isMappingLike(text: string, index: number, match: string, name: string): boolean {
  if (!/:[ \t]/.test(match)) return false;
  if (/^[A-Z][a-z]+$/.test(name)) return false;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, index);
  return /^[\s\-"'{,\[]*$/.test(before) || /[{,]\s*["']?$/.test(before);
}
