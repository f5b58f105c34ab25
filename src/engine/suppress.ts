import { expandRuleIds } from './aliases.js';
import type { Finding } from './types.js';

/**
 * Inline suppressions, for the rare value that only looks like a secret:
 *   KEY: value   # compose-secrets-ignore
 *   # compose-secrets-ignore secret-in-environment, hardcoded-credential
 *   KEY: value
 * A comment on the finding's line, or alone on the line above it, silences the rules it names
 * (every rule when it names none). Works in compose files and env files alike.
 */
const DIRECTIVE = /#\s*compose-secrets-ignore\b([^\n#]*)/;

function silences(line: string | undefined, ruleId: string, alone: boolean): boolean {
  if (line === undefined || (alone && !/^\s*#/.test(line))) return false;
  const m = DIRECTIVE.exec(line);
  if (!m) return false;
  // an alias (secret-misuse) silences every rule it stands for
  const rules = expandRuleIds(m[1].split(/[\s,]+/).filter((s) => /^[a-z][a-z-]*$/.test(s)));
  return rules.length === 0 || rules.includes(ruleId);
}

/** The findings no inline comment silences. */
export function withoutSuppressed(findings: Finding[], sourceText: (file: string) => string | undefined): Finding[] {
  const lines = new Map<string, string[] | undefined>();
  return findings.filter((f) => {
    if (!lines.has(f.origin.file)) lines.set(f.origin.file, sourceText(f.origin.file)?.split('\n'));
    const text = lines.get(f.origin.file);
    if (!text) return true;
    const i = f.origin.line - 1;
    return !(silences(text[i], f.ruleId, false) || silences(text[i - 1], f.ruleId, true));
  });
}
