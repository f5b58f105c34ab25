import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { RULE_DOCS_BASE_URL } from '../../src/engine/rule.js';
import { lint } from '../../src/lint.js';
import { formatSarif, repositoryRoot } from '../../src/report/sarif.js';
import { emptySettings } from '../../src/settings.js';
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
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'fixtures/demo/compose.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 26 } },
        },
      ],
    });
    expect(run.tool.driver.rules[0]).toMatchObject({ id: 'secret-in-environment', helpUri: `${RULE_DOCS_BASE_URL}#secret-in-environment` });
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^invalid YAML/);
    expect(JSON.stringify(sarif)).not.toContain('hunter2');
  });

  it('names files relative to the repository root (%SRCROOT%), whatever the working directory, and gives GitHub its severity', async () => {
    const cwd = join(REPO, 'fixtures/demo');
    const sarif = JSON.parse(formatSarif(await lint(['.'], { cwd, settings: emptySettings() }), { cwd }));
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(repositoryRoot(REPO)).href.replace(/\/?$/, '/') } });
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: `${relative(repositoryRoot(REPO), REPO) ? `${relative(repositoryRoot(REPO), REPO)}/` : ''}fixtures/demo/compose.yaml`,
      uriBaseId: '%SRCROOT%',
    });
    expect(run.tool.driver.informationUri).toBe('https://github.com/compose-secrets/compose-secrets');
    const severities = Object.fromEntries(
      run.tool.driver.rules.map((r: { id: string; properties: Record<string, string> }) => [r.id, r.properties['security-severity']]),
    );
    // error rules 8.0 (high), warning rules 5.0 (medium), info rules 2.0 (low)
    const bySeverity: Record<string, string> = { error: '8.0', warning: '5.0', info: '2.0' };
    expect(severities).toEqual(Object.fromEntries(RULES.map((r) => [r.meta.id, bySeverity[r.meta.severity]])));
    expect(severities['secret-in-environment']).toBe('8.0');
    expect(severities['secret-via-environment']).toBe('5.0');
  });

  it('a file outside the repository is a file: URI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-sarif-'));
    const result = {
      version: 1 as const,
      files: ['../x/compose.yaml'],
      findings: [],
      errors: [{ file: join(dir, 'compose.yaml'), message: 'x' }],
      notFound: [],
      warnings: [],
    };
    const sarif = JSON.parse(formatSarif(result, { cwd: REPO }));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(join(dir, 'compose.yaml')).href,
    });
  });
});
