import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS_BASE_URL } from '../../src/engine/rule.js';
import { lint } from '../../src/lint.js';
import { formatSarif } from '../../src/report/sarif.js';
import { HAS_SHARED, REPO, SHARED } from '../helpers.js';

describe('--format sarif', () => {
  it.skipIf(!HAS_SHARED)('validates against the OASIS SARIF 2.1.0 schema and carries every finding', async () => {
    const result = await lint(['fixtures/demo', 'fixtures/lint', 'fixtures/broken/invalid-yaml.yaml'], { cwd: REPO });
    const sarif = JSON.parse(formatSarif(result));
    const schema = JSON.parse(readFileSync(join(SHARED, 'conformance/sarif-schema-2.1.0.json'), 'utf8'));
    const Ajv04 = (AjvDraft04 as unknown as { default: typeof AjvDraft04 }).default ?? AjvDraft04;
    const ajv = new (Ajv04 as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } })({
      allErrors: true,
      strict: false,
    });
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(result.findings.length);
    expect(run.results[0]).toMatchObject({
      ruleId: 'secret-in-environment',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/demo/compose.yaml' }, region: { startLine: 9, startColumn: 26 } } }],
    });
    expect(run.tool.driver.rules[0]).toMatchObject({ id: 'secret-in-environment', helpUri: `${RULE_DOCS_BASE_URL}#secret-in-environment` });
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^invalid YAML/);
    expect(JSON.stringify(sarif)).not.toContain('hunter2');
  });
});
