import { describe, expect, it } from 'vitest';
import { secretInEnvironment } from '../../rules/secret-in-environment.js';
import type { Rule } from '../../src/engine/rule.js';
import { runCase } from '../rule-tester.js';

const files = {
  'compose.yaml': 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2-x\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD}\n',
};

describe('the rule tester and the engine hold rules to their claims', () => {
  it('a claimed exposure left unreported fails the case', async () => {
    const silent: Rule = { ...secretInEnvironment, check: () => {} };
    await expect(runCase(silent, { files })).rejects.toThrow(/claimed exposure at compose.yaml:5 was not reported/);
  });

  it('reporting an exposure the rule does not claim is an error', async () => {
    const greedy: Rule = {
      ...secretInEnvironment,
      claims: (e) => e.verdict.class === 'hardcoded',
      check(context) {
        secretInEnvironment.check(context);
        for (const e of context.exposures) context.report({ messageId: 'literal', origin: e.verdict.origin, path: e.path, exposure: { ...e } });
      },
    };
    await expect(runCase(greedy, { files })).rejects.toThrow('rule secret-in-environment reported an exposure it does not claim');
  });
});
