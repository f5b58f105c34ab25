import { dictionary } from '../dictionary.js';

/**
 * Rule ids that name a set of rules: `secret-misuse`, the catch-all rule the `secrets:` hygiene
 * rules replaced, is accepted wherever a rule id is (settings, `--rule`, inline ignores) and
 * stands for all of them. rules/index.ts keeps the set equal to its HYGIENE_RULES (a test checks).
 */
export const RULE_ALIASES: Readonly<Record<string, readonly string[]>> = dictionary({
  'secret-misuse': [
    'secret-undefined',
    'secret-unused',
    'secret-file-missing',
    'secret-file-tracked',
    'secret-file-permissive',
    'secret-mode-permissive',
    'secret-target-conflict',
    'secret-file-var-unmounted',
    'secret-external-without-swarm',
    'secret-unversioned-external',
  ],
});

/** The ids with every alias replaced by the rules it stands for. */
export function expandRuleIds(ids: readonly string[]): string[] {
  return [...new Set(ids.flatMap((id) => RULE_ALIASES[id] ?? [id]))];
}

/**
 * The old `secret-misuse` option `external: false` ("no notes on external secrets: this project
 * is deployed to a Swarm") turns off the rule that took the note over.
 */
export const ALIAS_OPTIONS: Readonly<Record<string, Readonly<Record<string, { type: 'boolean'; offWhenFalse: string }>>>> = dictionary({
  'secret-misuse': dictionary({ external: { type: 'boolean', offWhenFalse: 'secret-external-without-swarm' } }),
});
