/** The library's public surface (src/index.ts, the package's only export). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import type { FixOptions, Formatter } from '../src/index.js';

describe('public API', () => {
  it('exports the linter, its pieces and fix, and no docs tooling', () => {
    expect(Object.keys(api).sort()).toEqual([
      'FORMAT_NAMES',
      'FixError',
      'InterpolationError',
      'LoadError',
      'RULES',
      'SECRETS_TAG',
      'SETTINGS_FILE',
      'checkProject',
      'emptySettings',
      'fix',
      'formatJson',
      'formatSarif',
      'formatStylish',
      'interpolate',
      'lint',
      'lintText',
      'loadFormatter',
      'loadProject',
      'loadSettings',
      'parseDotenv',
      'parseDotenvEntries',
      'renderConfig',
      'ruleDocsUrl',
      'validateProject',
      'validateRuleOptions',
    ]);
  });

  it('keeps the test hooks out of FixOptions', () => {
    // @ts-expect-error the file operations tests inject are not public
    const withOps: FixOptions = { ops: undefined };
    // @ts-expect-error nor is the hook before writing
    const withHook: FixOptions = { beforeWrite: undefined };
    expect([withOps, withHook]).toHaveLength(2);
  });

  it('lint reads .compose-secrets.json as the CLI does; lintText returns a LintResult; formatters share one type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-api-'));
    const text = 'services:\n  a:\n    image: x\n    environment:\n      DEMO_PASSWORD: not-a-real-one\n';
    writeFileSync(join(dir, 'compose.yaml'), text);
    expect((await api.lint([], { cwd: dir })).findings).toHaveLength(1);
    writeFileSync(join(dir, '.compose-secrets.json'), '{"allow": ["^DEMO_"]}');
    expect((await api.lint([], { cwd: dir })).findings).toHaveLength(0);
    const result = await api.lintText('compose.yaml', text, { settings: api.emptySettings() });
    expect(result).toMatchObject({ version: 1, files: ['compose.yaml'], errors: [], notFound: [] });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fix?.applicability}`)).toEqual(['5:22 secret-in-environment unsafe']);
    const formatters: Formatter[] = [api.formatJson, api.formatStylish, api.formatSarif, await api.loadFormatter('json')];
    for (const format of formatters) expect(format(result)).not.toContain('not-a-real-one');
  });
});
