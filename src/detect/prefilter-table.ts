import { VALUE_PATTERNS } from './patterns.js';
import { deriveAnchors } from './prefilter.js';
import { VALUE_CLASS_LISTS } from './value-class.js';

/** Every expression the prefilter runs over: the pattern table's, then the value-class lists'. */
export function prefilteredExpressions(): RegExp[] {
  return [...VALUE_PATTERNS.map((p) => p.regex), ...Object.values(VALUE_CLASS_LISTS).flat()];
}

/** The anchors of every expression the prefilter runs over, keyed by `/source/flags`: what the build embeds (null: none). */
export function tableAnchors(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const regex of prefilteredExpressions()) out[`/${regex.source}/${regex.flags}`] = deriveAnchors(regex) ?? null;
  return out;
}
