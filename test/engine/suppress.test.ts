/** Inline suppressions: a line, the line above, a reason after --, the file-wide form. */
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../../src/lint.js';
import { emptySettings } from '../../src/settings.js';

async function found(text: string): Promise<string[]> {
  const r = await lintText('compose.yaml', text, { settings: emptySettings() });
  return r.findings.map((f) => `${f.line} ${f.ruleId}`);
}

const env = (lines: string[]) => `services:\n  app:\n    image: x\n    environment:\n${lines.map((l) => `      ${l}\n`).join('')}`;

describe('compose-secrets-ignore', () => {
  it('a reason after -- is not taken for rule ids', async () => {
    expect(await found(env(['DB_PASSWORD: hunter2hunter   # compose-secrets-ignore -- a demo value']))).toEqual([]);
    expect(await found(env(['# compose-secrets-ignore secret-in-environment -- only in the demo', 'DB_PASSWORD: hunter2hunter']))).toEqual([]);
    expect(await found(env(['# compose-secrets-ignore secret-via-environment -- not this rule', 'DB_PASSWORD: hunter2hunter']))).toEqual([
      '6 secret-in-environment',
    ]);
  });

  it('-ignore-file on a line of its own silences the rules it names in the whole file', async () => {
    const text = env(['DB_PASSWORD: hunter2hunter', 'API_TOKEN: ${API_TOKEN}']);
    expect(await found(text)).toEqual(['5 secret-in-environment', '6 secret-via-environment']);
    expect(await found(`# compose-secrets-ignore-file secret-via-environment -- CI passes tokens through\n${text}`)).toEqual(['6 secret-in-environment']);
    expect(await found(`${text}# compose-secrets-ignore-file\n`)).toEqual([]);
    // not the line form: it does not silence the line below it alone, and a trailing one is no file directive
    expect(await found(env(['DB_PASSWORD: hunter2hunter  # compose-secrets-ignore-file', 'API_TOKEN: ${API_TOKEN}']))).toEqual([
      '5 secret-in-environment',
      '6 secret-via-environment',
    ]);
  });

  it('--report-unused-ignores: a directive that silences nothing is a warning at its comment', async () => {
    const text = env([
      'DB_PASSWORD: hunter2hunter  # compose-secrets-ignore -- demo',
      '# compose-secrets-ignore',
      'LOG_LEVEL: debug',
      'TZ: UTC  # compose-secrets-ignore secret-via-environment',
      'API_TOKEN: ${API_TOKEN}  # compose-secrets-ignore no-such-rule',
    ]);
    const r = await lint(['-'], { stdin: async () => text, settings: emptySettings(), reportUnusedIgnores: true });
    expect(r.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`)).toEqual([
      '6:7 warning unused-ignore this compose-secrets-ignore comment silences nothing: remove it',
      '8:16 warning unused-ignore this compose-secrets-ignore comment silences nothing: remove it',
      '9:7 warning secret-via-environment API_TOKEN passes a token into the container through an environment variable (${API_TOKEN})',
    ]);
    expect((await lint(['-'], { stdin: async () => text, settings: emptySettings() })).findings.map((f) => f.ruleId)).toEqual(['secret-via-environment']);
  });
});
