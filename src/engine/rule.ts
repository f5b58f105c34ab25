/**
 * The rule contract: plain objects, `meta` (data: id, severity, docs, messages, options schema)
 * and `check(context)` (logic), as ESLint splits meta and create and markdownlint keeps rules
 * plain. A rule that reports exposures (detect/exposures.ts) declares which ones with `claims`:
 * the engine hands it exactly those, and every exposure is claimed by exactly one rule and gives
 * exactly one finding (test/rules/exposures.test.ts checks it over the corpus).
 */
import type { Exposure } from '../detect/exposures.js';
import type { GitIndex } from '../load/git.js';
import type { FileHost } from '../load/host.js';
import type { ComposeModel, Path } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import type { Policy } from '../policy/policy.js';
import type { Severity } from './types.js';

/** Where each rule's documentation is published: docs/rules.md of the repository, one anchor per rule. */
export const RULE_DOCS_BASE_URL = 'https://github.com/compose-secrets/compose-secrets/blob/main/docs/rules.md';

/** The address of a rule's documentation. */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}#${id}`;
}

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
  /** The rule's published documentation (ruleDocsUrl). */
  url: string;
}

/** A JSON schema (the subset rule options use), validated with ajv when settings give options. */
export type OptionsSchema = Record<string, unknown>;

export interface RuleMeta<Options extends object = Record<string, unknown>> {
  id: string;
  severity: Severity;
  description: string;
  /** Free-form categories (shown in SARIF); SECRETS_TAG marks the rules about Compose secrets themselves. */
  tags: string[];
  /** Whether `fix` can rewrite findings of this rule: 'safe' for some, 'unsafe' only, or not at all. */
  fixable: 'sometimes-safe' | 'unsafe' | 'no';
  docs: RuleDocs;
  /** Message templates with {{placeholders}} naming only MESSAGE_FIELDS, so a message can never hold a value. */
  messages: Record<string, string>;
  /**
   * Whether the rule also looks at each compose file on its own (as the rules about values do):
   * for things merging hides, such as two mounts at one target (Compose keeps the last).
   */
  eachFile?: boolean;
  /** JSON schema of the rule's options (`"rules": {"id": ["warning", {…}]}` in the settings); none when it takes none. */
  schema?: OptionsSchema;
  /** Every option's value when the settings do not give it. */
  defaultOptions?: Options;
}

/**
 * Rules about the use of Compose `secrets:` themselves (an undefined secret, a `_FILE` variable
 * pointing at nothing mounted). fix runs these before and after rewriting to prove it broke nothing.
 */
export const SECRETS_TAG = 'secrets';

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
  /** The exposure reported (one the rule claims): the finding carries its fixability and its id. */
  exposure?: Exposure;
  /** A finding less severe than the rule's default (e.g. an informational note). */
  severity?: Severity;
  /** Machine-readable detail for fix planners; never the value. */
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface RuleContext<Options extends object = Record<string, unknown>> {
  model: ComposeModel;
  /** The project's directory (absolute): where its secret files, .env and .gitignore are. */
  projectDirectory: string;
  /** Read-only access to the project's files, through the host the project was loaded from. */
  host: FileHost;
  /** What git says of files (tracked, ignored), asked once per repository in a run. */
  git: GitIndex;
  /** The rule's options: its defaultOptions with the settings' options over them. */
  options: Options;
  /** The access policy of the settings (or `--policy`), when there is one. */
  policy?: Policy;
  /** The exposures of the model this rule claims, in the order they were found. */
  exposures: readonly Exposure[];
  report(descriptor: ReportDescriptor): void;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of rules holds rules of every options type
export interface Rule<Options extends object = any> {
  meta: RuleMeta<Options>;
  /** Which exposures the rule reports (each one it claims, exactly once); rules about other things omit it. */
  claims?(exposure: Exposure): boolean;
  check(context: RuleContext<Options>): void;
}

/**
 * The only data a message template may name: things as written in the files (keys, services,
 * variables, secret names, mount targets and modes, file paths, policy roles), our own words for kinds
 * of secret, and a known Compose key suggested for a misspelt one (`suggestion`). No field ever carries a value; test/rules
 * checks every template against this list.
 */
export const MESSAGE_FIELDS = [
  'name',
  'kind',
  'aKind',
  'variable',
  'variables',
  'service',
  'services',
  'other',
  'target',
  'mode',
  'file',
  'role',
  'suggestion',
] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
