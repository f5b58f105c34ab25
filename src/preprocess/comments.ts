/**
 * The whole-line comments of a file, each as a one-line scalar located in the file: a setting
 * commented out (`# - DB_PASSWORD=…`, `# command: … --requirepass …`) or a note (`// old password
 * (before the migration): …`) is still committed with the file. A `#` line inside a block scalar is
 * content, read as such; reading it here too is harmless (a finding on the same text is reported
 * once). Every file's `#` lines are read; a language's own line comment too, where its name says
 * which language it is (`//` in code, `--` in SQL and Lua, `;` in INI files, ledgers and zone files, `<!--` in XML).
 */
import { basename } from 'node:path';
import { LineIndex } from '../model/origin.js';
import type { TreeScalar } from '../model/tree.js';

/** Longer comment lines are prose or data, not a setting someone commented out. */
const MAX_COMMENT_LENGTH = 4096;

/** Languages whose line comment is `//`: C's family, JavaScript's, PHP, Go, the JVM's, Rust, Swift, Dart, HCL, JSON with comments. */
const SLASH_COMMENTS =
  /(?:\.(?:[cm]?js|jsx|[cm]?ts|tsx|php|inc|go|java|kts?|scala|groovy|gradle|cs|c|h|cc|cpp|hpp|rs|swift|dart|proto|tf|hcl|jsonc|json5)|^Jenkinsfile)$/i;
/** Languages whose line comment is `--`: SQL's dialects, Lua, Haskell. */
const DASH_COMMENTS = /\.(?:sql|psql|pgsql|mysql|cql|hql|lua|hs)$/i;
/** Formats whose line comment is `;`: INI files (php.ini, odoo.conf, supervisord's), ledgers, DNS zone files (`db.example.com`). */
const SEMICOLON_COMMENTS = /(?:\.(?:ini|cfg|conf|beancount|journal|ledger|hledger|zone)|^db\.[\w.-]+)$/i;

/** Markup whose comment is `<!-- … -->`: XML (setup.xml, web.config, a pom), HTML; a one-line comment is read as a line's. */
const MARKUP_COMMENTS = /\.(?:xml|config|xsd|xsl|xslt|html?|xhtml|jsp|svg)$/i;

/** The line comment markers of a file, by its name: `#` always, and its language's own. */
function markers(file: string): string {
  const name = basename(file);
  let out = '#';
  if (SLASH_COMMENTS.test(name)) out += '|//';
  if (DASH_COMMENTS.test(name)) out += '|--(?!-)';
  if (SEMICOLON_COMMENTS.test(name)) out += '|;';
  if (MARKUP_COMMENTS.test(name)) out += '|<!--';
  return out;
}

const PATTERNS = new Map<string, RegExp>();

export function commentLines(file: string, text: string): TreeScalar[] {
  const out: TreeScalar[] = [];
  const marker = markers(file);
  if (marker === '#' && !text.includes('#')) return out;
  let pattern = PATTERNS.get(marker);
  if (!pattern) {
    pattern = new RegExp(`^[ \\t]*(?:${marker})[ \\t]*([^\\r\\n]*)`, 'gm');
    PATTERNS.set(marker, pattern);
  }
  const lines = new LineIndex(text);
  for (const m of text.matchAll(pattern)) {
    // (a markup comment's end is not its text: `<!-- old flagKeyKey: … -->`)
    const body = (marker.endsWith('<!--') && m[0].trimStart().startsWith('<!--') ? m[1].replace(/[ \t]*-->.*$/, '') : m[1]).trimEnd();
    if (!body || body.length > MAX_COMMENT_LENGTH) continue;
    const start = m.index + m[0].length - m[1].length;
    out.push({ kind: 'scalar', value: body, origin: lines.origin(file, start, start + body.length), sourceOffset: 0 });
  }
  return out;
}
