/**
 * Recognised token formats and URL credentials in any argument of a token list, whatever the
 * program, where the walker reported nothing.
 */
import { findUrlCredentials, scanValue } from '../scan.js';
import type { Findings } from './findings.js';
import { lastAtOrBefore } from './offsets.js';

/** Pattern ids too generic to rename a credential a rule already described. */
const GENERIC_PATTERNS = new Set(['url-credentials', 'connection-string-password', 'authorization-header', 'url-query-token', 'sql-password']);

/**
 * Adds what the walker did not report: one scan of all token texts joined by newlines (no
 * pattern crosses a newline), mapped back to tokens. A format inside a finding only renames it.
 */
export function scanFormats(f: Findings): void {
  const toks = f.toks;
  const offsets: number[] = [];
  let length = 0;
  for (const t of toks) {
    offsets.push(length);
    length += (t.op ? 0 : t.text.length) + 1;
  }
  const joined = toks.map((t) => (t.op ? '' : t.text)).join('\n');
  const urls = findUrlCredentials(joined);
  /** Whether [s, e) lies in the password of a URL (`https://x:ghp_…@github.com`). */
  const inUrl = (s: number, e: number): boolean => {
    let lo = 0;
    let hi = urls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (urls[mid].end >= e) hi = mid;
      else lo = mid + 1;
    }
    return lo < urls.length && urls[lo].start <= s;
  };
  for (const m of scanValue(joined)) {
    const k = lastAtOrBefore(offsets, m.start);
    const start = m.start - offsets[k];
    const end = Math.min(m.end - offsets[k], toks[k].text.length);
    if (end <= start) continue;
    const hit = f.overlapping(k, start, end);
    if (hit) {
      if (!hit.viaVariable && hit.start <= start && end <= hit.end && !GENERIC_PATTERNS.has(m.patternId)) hit.description = m.description;
      continue;
    }
    const via = m.patternId === 'url-credentials' || inUrl(m.start, m.end) ? 'URL' : 'argument';
    f.add({ tok: k, start, end, via, description: m.description, viaVariable: false });
  }
  for (const u of urls) {
    if (!u.viaVariable) continue;
    const k = lastAtOrBefore(offsets, u.start);
    const start = u.start - offsets[k];
    const end = Math.min(u.end - offsets[k], toks[k].text.length);
    if (end <= start || f.overlapping(k, start, end)) continue;
    f.add({ tok: k, start, end, via: 'URL', description: u.description, viaVariable: true });
  }
}
