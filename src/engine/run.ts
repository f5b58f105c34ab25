import { collectExposures, type Exposure } from '../detect/exposures.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { worseFix } from '../detect/fixability.js';
import { GitIndex } from '../load/git.js';
import { EMPTY_HOST, type FileHost } from '../load/host.js';
import type { ComposeModel } from '../model/model.js';
import { LineIndex, originKey, type Origin } from '../model/origin.js';
import type { Policy } from '../policy/policy.js';
import type { ReportDescriptor, Rule } from './rule.js';
import { redact, type Finding } from './types.js';

/** Fills {{name}} placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in data ? String(data[name]) : `{{${name}}}`));
}

/** One finding per rule and location: the key every de-duplication uses. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'origin'>): string {
  return `${f.ruleId}\u0000${originKey(f.origin)}`;
}

export interface RunOptions {
  /** The text of a source file, to point into multi-line values (block scalars) at the secret itself. */
  sourceText?: (file: string) => string | undefined;
  /** The project's directory and the host its files are read from, for rules about files. */
  projectDirectory?: string;
  host?: FileHost;
  /** Each rule's resolved options (default: its defaultOptions). */
  options?: (rule: Rule) => object;
  /** The table of images that read `<VAR>_FILE`, which decides fixability (default: the built-in one). */
  fileSuffixImages?: FileSuffixTable;
  /** The access policy, for the rules about it. */
  policy?: Policy;
  /** A few bits about a value (a baseline's truncated keyed hash), kept on its finding as `valueTag`. */
  valueTag?: (value: string) => string;
  /** What git said in this run (default: a fresh index for this call). */
  git?: GitIndex;
}

/**
 * Runs rules over a model and returns their findings: one per rule and source location (a value
 * shared through an anchor is reported once, naming every service that receives it), sorted by
 * file and position. Each rule gets the exposures it claims.
 */
export function runRules(model: ComposeModel, rules: readonly Rule[], options: RunOptions = {}): Finding[] {
  const byLocation = new Map<string, Finding>();
  // one line index per file, built on the first finding that needs it
  const lineIndexes = new Map<string, LineIndex>();
  const exposures = rules.some((r) => r.claims) ? collectExposures(model, options.fileSuffixImages) : [];
  const git = options.git ?? new GitIndex();
  for (const rule of rules) {
    const claimed = rule.claims ? exposures.filter((e) => rule.claims!(e)) : [];
    const mine = new Set<Exposure>(claimed);
    const report = (d: ReportDescriptor): void => {
      if (d.exposure && !mine.has(d.exposure)) throw new Error(`rule ${rule.meta.id} reported an exposure it does not claim`);
      // a value found inside a multi-line node, or a `${VAR}` reference inside a longer value: point at it
      const needle = d.value !== undefined ? (d.origin.line !== d.origin.endLine ? d.value : undefined) : d.locate;
      if (needle && options.sourceText) {
        d = { ...d, origin: narrowOrigin(d.origin, needle, options.sourceText(d.origin.file), lineIndexes) };
      }
      const key = findingKey({ ruleId: rule.meta.id, origin: d.origin });
      const existing = byLocation.get(key);
      if (existing) {
        mergeInto(existing, { services: d.service ? [d.service] : [], exposures: d.exposure ? [d.exposure.id] : [], fix: d.exposure?.fix }, true);
        return;
      }
      byLocation.set(key, newFinding(rule, d, options.valueTag));
    };
    rule.check({
      model,
      projectDirectory: options.projectDirectory ?? '.',
      host: options.host ?? EMPTY_HOST,
      git,
      options: options.options?.(rule) ?? rule.meta.defaultOptions ?? {},
      policy: options.policy,
      exposures: claimed,
      report,
    });
  }
  return sortFindings([...byLocation.values()]);
}

function newFinding(rule: Rule, d: ReportDescriptor, valueTag?: (value: string) => string): Finding {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${d.messageId}"`);
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: d.messageId,
    severity: d.severity ?? rule.meta.severity,
    message: formatMessage(template, d.data),
    origin: d.origin,
    service: d.service,
    services: d.service ? [d.service] : [],
    path: d.path,
    fixable: d.exposure?.fix !== undefined,
    exposures: d.exposure ? [d.exposure.id] : [],
  };
  if (d.exposure?.fix) finding.fix = d.exposure.fix;
  if (d.value !== undefined) finding.redacted = redact(d.value);
  if (d.value !== undefined && valueTag) finding.valueTag = valueTag(d.value);
  if (d.detail) finding.data = d.detail;
  return finding;
}

/**
 * Adds what another report of the same finding knows: its services and exposures, and — for a
 * value shared by several services of one model — the less safe fixability.
 */
export function mergeInto(target: Finding, other: Pick<Finding, 'services' | 'exposures' | 'fix'>, sameModel: boolean): void {
  for (const s of other.services) if (!target.services.includes(s)) target.services.push(s);
  for (const id of other.exposures) if (!target.exposures.includes(id)) target.exposures.push(id);
  if (sameModel && target.fixable) {
    const fix = worseFix(target.fix, other.fix);
    if (fix) target.fix = fix;
  }
}

/** Narrows a multi-line origin to the value's own position when it occurs exactly once inside it. */
function narrowOrigin(origin: Origin, value: string, text: string | undefined, indexes: Map<string, LineIndex>): Origin {
  if (!text) return origin;
  // a multi-line value (a PEM key) is found by its first line, and runs to the end of the node
  const first = value.split('\n')[0].trim();
  const needle = first.length >= 3 ? first : '';
  if (!needle) return origin;
  const slice = text.slice(origin.range[0], origin.range[1]);
  const at = slice.indexOf(needle);
  if (at < 0 || slice.indexOf(needle, at + 1) >= 0) return origin;
  const end = value.includes('\n') ? origin.range[1] : origin.range[0] + at + needle.length;
  let lines = indexes.get(origin.file);
  if (!lines) indexes.set(origin.file, (lines = new LineIndex(text)));
  return lines.origin(origin.file, origin.range[0] + at, end);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.origin.file < b.origin.file ? -1 : a.origin.file > b.origin.file ? 1 : 0) ||
      a.origin.line - b.origin.line ||
      a.origin.column - b.origin.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
