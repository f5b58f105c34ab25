import { VALUE_PATTERNS } from './patterns.js';
import { deriveAnchors } from './prefilter.js';

/** The anchors of every pattern of the table, keyed by `/source/flags`: what the build embeds (null: none). */
export function tableAnchors(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const p of VALUE_PATTERNS) out[`/${p.regex.source}/${p.regex.flags}`] = deriveAnchors(p.regex) ?? null;
  return out;
}
