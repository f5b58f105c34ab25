/** `secret-misuse`, the catch-all rule the hygiene rules replaced, is an alias of them wherever a rule id is accepted. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HYGIENE_RULES } from '../../rules/index.js';
import { expandRuleIds, RULE_ALIASES } from '../../src/engine/aliases.js';
import { lintText } from '../../src/lint.js';
import { REPO } from '../helpers.js';

const TEXT =
  'services:\n  a:\n    image: x\n    environment:\n      API_KEY: ${API_KEY}\n    secrets:\n      - typo # compose-secrets-ignore secret-misuse\n      - other\n';

describe('the secret-misuse alias', () => {
  it('stands for exactly the hygiene rules', () => {
    expect(RULE_ALIASES['secret-misuse']).toEqual(HYGIENE_RULES.map((r) => r.meta.id));
    expect(expandRuleIds(['secret-in-environment', 'secret-misuse', 'secret-unused'])).toEqual(['secret-in-environment', ...RULE_ALIASES['secret-misuse']]);
  });

  it('in an inline ignore silences each of them; --rule secret-misuse runs each of them', async () => {
    const all = (await lintText('compose.yaml', TEXT)).findings.map((f) => `${f.line} ${f.ruleId}`);
    expect(all).toEqual(['5 secret-via-environment', '8 secret-undefined']);
    const only = (await lintText('compose.yaml', TEXT, { rules: ['secret-misuse'] })).findings.map((f) => `${f.line} ${f.ruleId}`);
    expect(only).toEqual(['8 secret-undefined']);
  });

  it('compose-secrets rules lists it and explains it', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), ...args], { encoding: 'utf8' });
    const list = cli('rules').stdout.split('\n');
    for (const r of HYGIENE_RULES) expect(list.some((l) => l.startsWith(`${r.meta.id} `))).toBe(true);
    expect(list).toContain('secret-misuse                  alias    stands for 10 rules (compose-secrets rules secret-misuse)');
    const doc = cli('rules', 'secret-misuse');
    expect(doc.status).toBe(0);
    expect(doc.stdout).toContain('- secret-file-var-unmounted (error): A <VAR>_FILE variable points at a /run/secrets file the service does not mount\n');
    expect(doc.stdout).toContain('turns off secret-external-without-swarm');
  });
});
