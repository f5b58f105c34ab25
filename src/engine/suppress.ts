import { expandRuleIds } from './aliases.js';
import type { Finding } from './types.js';

/**
 * Inline suppressions, for the rare value that only looks like a secret:
 *   KEY: value   # compose-secrets-ignore
 *   # compose-secrets-ignore secret-in-environment, hardcoded-credential -- a test fixture
 *   KEY: value
 *   # compose-secrets-ignore-file secret-via-environment -- CI passes these through
 * A comment on the finding's line, or alone on the line above it, silences the rules it names
 * (every rule when it names none); `-ignore-file`, on a line of its own anywhere in the file,
 * silences them in the whole file. Text after ` -- ` is the reason, for people. Works in compose
 * files and env files alike.
 */
const DIRECTIVE = /#\s*compose-secrets-ignore(-file)?(?![\w-])([^\n#]*)/;

interface Directive {
  fileWide: boolean;
  /** Empty: every rule. */
  rules: string[];
}

function directiveOf(line: string | undefined): Directive | undefined {
  if (line === undefined) return undefined;
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const list = m[2].split(/\s--(?:\s|$)/)[0];
  // an alias (secret-misuse) silences every rule it stands for
  return { fileWide: Boolean(m[1]), rules: expandRuleIds(list.split(/[\s,]+/).filter((s) => /^[a-z][a-z-]*$/.test(s))) };
}

function silences(line: string | undefined, ruleId: string, alone: boolean): boolean {
  if (line === undefined || (alone && !/^\s*#/.test(line))) return false;
  const d = directiveOf(line);
  return d !== undefined && !d.fileWide && (d.rules.length === 0 || d.rules.includes(ruleId));
}

/** The file-wide directives of a file's lines (each on a line of its own). */
function fileDirectives(lines: string[]): Directive[] {
  return lines
    .filter((l) => /^\s*#/.test(l) && l.includes('compose-secrets-ignore-file'))
    .map(directiveOf)
    .filter((d): d is Directive => d?.fileWide === true);
}

/** The findings no inline comment silences. */
export function withoutSuppressed(findings: Finding[], sourceText: (file: string) => string | undefined): Finding[] {
  const files = new Map<string, { lines: string[]; fileWide: Directive[] } | undefined>();
  return findings.filter((f) => {
    if (!files.has(f.origin.file)) {
      const lines = sourceText(f.origin.file)?.split('\n');
      files.set(f.origin.file, lines && { lines, fileWide: fileDirectives(lines) });
    }
    const text = files.get(f.origin.file);
    if (!text) return true;
    if (text.fileWide.some((d) => d.rules.length === 0 || d.rules.includes(f.ruleId))) return false;
    const i = f.origin.line - 1;
    return !(silences(text.lines[i], f.ruleId, false) || silences(text.lines[i - 1], f.ruleId, true));
  });
}

/** The ruleId of the findings --report-unused-ignores adds. */
export const UNUSED_IGNORE = 'unused-ignore';

/**
 * The inline directives of some files that silence none of the findings (ESLint's
 * --report-unused-disable-directives): each becomes a warning at its comment. A directive that
 * names only rules not run (`--rule`, rules turned off) is not reported.
 */
export function unusedDirectives(
  findings: Finding[],
  files: readonly string[],
  sourceText: (file: string) => string | undefined,
  ruleIds: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const file of files) {
    const text = sourceText(file);
    if (!text?.includes('compose-secrets-ignore')) continue;
    const lines = text.split('\n');
    const mine = findings.filter((f) => f.origin.file === file);
    let offset = 0;
    lines.forEach((line, i) => {
      const d = directiveOf(line);
      const at = offset;
      offset += line.length + 1;
      if (!d || (d.rules.length && !d.rules.some((r) => ruleIds.includes(r)))) return;
      const alone = /^\s*#/.test(line);
      if (d.fileWide && !alone) return;
      const used = mine.some((f) => {
        if (d.rules.length && !d.rules.includes(f.ruleId)) return false;
        return d.fileWide || f.origin.line === i + 1 || (alone && f.origin.line === i + 2);
      });
      if (used) return;
      const column = line.indexOf('#') + 1;
      out.push({
        ruleId: UNUSED_IGNORE,
        messageId: 'unused',
        severity: 'warning',
        message: 'this compose-secrets-ignore comment silences nothing: remove it',
        origin: { file, range: [at + column - 1, at + line.length], line: i + 1, column, endLine: i + 1, endColumn: line.length + 1 },
        services: [],
        path: [],
        fixable: false,
        exposures: [],
      });
    });
  }
  return out;
}
