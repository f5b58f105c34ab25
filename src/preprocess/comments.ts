/**
 * The whole-line comments of a compose file, each as a one-line scalar located in the file: a
 * setting commented out (`# - DB_PASSWORD=…`, `# command: … --requirepass …`) is still committed
 * with the file. A `#` line inside a block scalar is content, read as such; reading it here too
 * is harmless (a finding on the same text is reported once).
 */
import { LineIndex } from '../model/origin.js';
import type { TreeScalar } from '../model/tree.js';

/** Longer comment lines are prose or data, not a setting someone commented out. */
const MAX_COMMENT_LENGTH = 4096;

export function commentLines(file: string, text: string): TreeScalar[] {
  const out: TreeScalar[] = [];
  if (!text.includes('#')) return out;
  const lines = new LineIndex(text);
  for (const m of text.matchAll(/^[ \t]*#[ \t]*([^\r\n]*)/gm)) {
    const body = m[1].trimEnd();
    if (!body || body.length > MAX_COMMENT_LENGTH) continue;
    const start = m.index + m[0].length - m[1].length;
    out.push({ kind: 'scalar', value: body, origin: lines.origin(file, start, start + body.length), sourceOffset: 0 });
  }
  return out;
}
