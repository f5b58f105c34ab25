import type { Fixability } from '../detect/fixability.js';
import type { Origin } from '../model/origin.js';

export type Severity = 'error' | 'warning' | 'info';

/** One reported problem. No field ever holds the secret value or any part of it. */
export interface Finding {
  ruleId: string;
  /** The rule's message template the message was built from. */
  messageId: string;
  severity: Severity;
  message: string;
  origin: Origin;
  /** The first service that receives the value (the JSON format's `service`). */
  service?: string;
  /** Every service that receives the value (several when it is shared through an anchor). */
  services: string[];
  /** Path of the value in the effective model, e.g. ["services","db","environment","POSTGRES_PASSWORD"]. */
  path: (string | number)[];
  /** Whether fix can rewrite it (safely or not): `fix !== undefined`. */
  fixable: boolean;
  /** How fix can rewrite it, and why (detect/fixability.ts); undefined when it cannot. */
  fix?: Fixability;
  /** Ids of the exposures (detect/exposures.ts) the finding reports: how fix gets from a finding to what it rewrites. Not in the JSON format. */
  exposures: number[];
  /** `•••• (N chars)`, computed once from the value's length; never the value. */
  redacted?: string;
  /** 16 bits of a keyed hash of the value, for a baseline (only when a baseline asks; not in the JSON format). */
  valueTag?: string;
  /** Machine-readable detail for fix planners and reporters; never holds the value. */
  data?: Record<string, string | number | boolean | undefined>;
}

/** An input error in the JSON format's `errors` (the thrown class is load/parse.ts LoadError). */
export interface InputError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function redact(value: string): string {
  const n = [...value].length;
  return `•••• (${n} char${n === 1 ? '' : 's'})`;
}
