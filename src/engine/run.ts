import type { ComposeModel } from '../model/model.js';
import { LineIndex, originKey, type Origin } from '../model/origin.js';
import type { ReportDescriptor, Rule } from './rule.js';
import { redact, type Finding } from './types.js';

/** Fills {{name}} placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in data ? String(data[name]) : `{{${name}}}`));
}

/**
 * Runs rules over a model and returns their findings: one per rule and source location (a value
 * shared through an anchor is reported once, naming every service that receives it), sorted by
 * file and position.
 */
export function runRules(model: ComposeModel, rules: readonly Rule[], options: RunOptions = {}): Finding[] {
  const byLocation = new Map<string, Finding>();
  // one line index per file, built on the first finding that needs it
  const lineIndexes = new Map<string, LineIndex>();
  for (const rule of rules) {
    const report = (d: ReportDescriptor): void => {
      // a value found inside a multi-line node, or a `${VAR}` reference inside a longer value: point at it
      const needle = d.value !== undefined ? (d.origin.line !== d.origin.endLine ? d.value : undefined) : d.locate;
      if (needle && options.sourceText) {
        d = { ...d, origin: narrowOrigin(d.origin, needle, options.sourceText(d.origin.file), lineIndexes) };
      }
      const key = `${rule.meta.id}\u0000${originKey(d.origin)}`;
      const existing = byLocation.get(key);
      if (existing) {
        if (d.service && !existing.services.includes(d.service)) existing.services.push(d.service);
        return;
      }
      const template = rule.meta.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${d.messageId}"`);
      const finding: Finding = {
        ruleId: rule.meta.id,
        severity: d.severity ?? rule.meta.severity,
        message: formatMessage(template, d.data),
        origin: d.origin,
        service: d.service,
        services: d.service ? [d.service] : [],
        path: d.path,
        fixable: d.fixable ?? false,
      };
      if (d.value !== undefined) finding.redacted = redact(d.value);
      if (d.detail) finding.data = d.detail;
      byLocation.set(key, finding);
    };
    rule.check({ model, report });
  }
  return sortFindings([...byLocation.values()]);
}

export interface RunOptions {
  /** The text of a source file, to point into multi-line values (block scalars) at the secret itself. */
  sourceText?: (file: string) => string | undefined;
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
