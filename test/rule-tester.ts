/**
 * A rule tester in the manner of ESLint's RuleTester: valid cases give no finding, invalid cases
 * give exactly the findings listed. Each case is a project of in-memory files run through the
 * pipeline lint uses (loadProject on an in-memory host, then checkProject with only this rule).
 *
 *   testRule(secretInEnvironment, {
 *     valid: [{ files: { 'compose.yaml': '…' } }],
 *     invalid: [{ files: { 'compose.yaml': '…', '.env': '…' }, errors: [{ messageId: 'literal', line: 5, column: 26 }] }],
 *   });
 */
import { describe, expect, it } from 'vitest';
import { collectExposures } from '../src/detect/exposures.js';
import { checkProject } from '../src/engine/check.js';
import type { Rule } from '../src/engine/rule.js';
import { validateRuleOptions } from '../src/engine/rule-options.js';
import type { Finding, Severity } from '../src/engine/types.js';
import { memoryHost } from '../src/load/host.js';
import { loadProject } from '../src/preprocess/project.js';
import { emptySettings, type Settings } from '../src/settings.js';

/** Where the files of a case are. */
export const PROJECT_DIR = '/project';

export interface ValidCase {
  /** Shown in the test's name (default: the case's number). */
  name?: string;
  /** File name → text, relative to the project directory; `compose.yaml` (and its override) is the project unless `composeFiles` says otherwise. */
  files: Record<string, string>;
  composeFiles?: string[];
  /** The rule's options, as the settings give them. */
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  /** Default: compose.yaml. */
  file?: string;
  severity?: Severity;
  /** How fix rewrites it (default: not checked); null when it cannot. */
  fix?: 'safe' | 'unsafe' | null;
  services?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/** The findings of one rule on a case. */
export async function runCase(rule: Rule, c: ValidCase): Promise<Finding[]> {
  const host = memoryHost(c.files, PROJECT_DIR);
  const project = loadProject({ files: c.composeFiles, projectDirectory: PROJECT_DIR, cwd: PROJECT_DIR, mode: 'lint', host });
  const errors = project.notes.filter((n) => n.severity === 'error');
  if (errors.length) throw new Error(`the case does not load: ${errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')}`);
  const settings: Settings = c.options ? { ...emptySettings(), ruleOptions: { [rule.meta.id]: c.options } } : emptySettings();
  await validateRuleOptions([rule], settings);
  const findings = checkProject(project, { rules: [rule], settings });
  // every exposure of the project the rule claims is reported
  if (rule.claims) {
    const reported = new Set(findings.flatMap((f) => f.exposures));
    for (const e of collectExposures(project.model).filter((x) => rule.claims!(x))) {
      expect(reported.has(e.id), `claimed exposure at ${e.verdict.origin.file}:${e.verdict.origin.line} was not reported`).toBe(true);
    }
  }
  return findings;
}

function describeFinding(f: Finding, expected: ExpectedFinding): ExpectedFinding {
  const out: ExpectedFinding = { messageId: f.messageId, line: f.origin.line, column: f.origin.column };
  if (expected.file !== undefined || f.origin.file !== 'compose.yaml') out.file = f.origin.file;
  if (expected.severity !== undefined) out.severity = f.severity;
  if (expected.fix !== undefined) out.fix = f.fix?.applicability ?? null;
  if (expected.services !== undefined) out.services = f.services;
  return out;
}

/** Registers the cases of a rule as vitest tests. */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    cases.valid.forEach((c, i) => {
      it(`valid: ${c.name ?? `#${i + 1}`}`, async () => {
        const findings = await runCase(rule, c);
        expect(findings.map((f) => `${f.origin.file}:${f.origin.line}:${f.origin.column} ${f.messageId}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, async () => {
        expect(c.errors.length, 'an invalid case lists its findings').toBeGreaterThan(0);
        const findings = await runCase(rule, c);
        const actual = findings.map((f, k) => describeFinding(f, c.errors[k] ?? c.errors[0]));
        expect(actual).toEqual(c.errors);
        for (const f of findings) expect(f.message, 'every placeholder of the message is filled').not.toMatch(/\{\{/);
      });
    });
  });
}
