import type { LintResult } from '../lint.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** ANSI colours (stylish only). */
  color?: boolean;
}

/** Turns a lint result into the text a format prints. */
export type Formatter = (result: LintResult, options?: FormatOptions) => string;

export const FORMAT_NAMES = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** A formatter by name, loaded on demand (SARIF carries every rule's documentation: lint's start-up does not load it). */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return formatStylish;
    case 'json':
      return formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
  }
}
