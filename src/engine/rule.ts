import type { ComposeModel, Path } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import type { Severity } from './types.js';

/** Rule documentation in the shape of ruff's rule pages; the README's rule table is generated from it. */
export interface RuleDocs {
  what: string;
  why: string;
  example: string;
  instead: string;
  /** e.g. ['CWE-798'] */
  cwe: string[];
  /** Notes on what `fix` does for this rule, and whether that is safe. */
  fix?: string;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
  tags: string[];
  /** Whether `fix` can rewrite findings of this rule: 'safe' for some, 'unsafe' only, or not at all. */
  fixable: 'sometimes-safe' | 'unsafe' | 'no';
  docs: RuleDocs;
  /** Message templates with {{placeholders}} naming only MESSAGE_FIELDS, so a message can never hold a value. */
  messages: Record<string, string>;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Partial<Record<MessageField, string | number>>;
  origin: Origin;
  path: Path;
  service?: string;
  /** The detected value, used once to compute the redacted length (and to point inside multi-line nodes); never stored. */
  value?: string;
  /** Text to look for inside a multi-line origin to point at the exact place (a `${VAR}` reference); never a value. */
  locate?: string;
  fixable?: boolean;
  /** A finding less severe than the rule's default (e.g. an informational note). */
  severity?: Severity;
  /** Machine-readable detail for fix planners; never the value. */
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface RuleContext {
  model: ComposeModel;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/**
 * The only data a message template may name: things as written in the files (keys, services,
 * variables) and our own words for kinds of secret. No field ever carries a value; test/rules
 * checks every template against this list.
 */
export const MESSAGE_FIELDS = ['name', 'kind', 'aKind', 'variable', 'variables', 'service'] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
