/** config's search for copies of secrets past MAX_ALTERNATION secrets: what the alternation regex finds, in linear time. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixSearch } from '../../src/compose-config.js';

function regexSearch(longestFirst: string[], text: string): Set<string> | undefined {
  const pattern = new RegExp(longestFirst.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const found = new Set<string>();
  for (const m of text.matchAll(pattern)) found.add(m[0]);
  return found.size ? found : undefined;
}

describe('prefixSearch', () => {
  it('finds what the alternation of the secrets, longest first, finds', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*'), minLength: 4, maxLength: 20 });
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', 'c'), maxLength: 80 }),
        (secrets, text) => {
          const longestFirst = [...secrets].sort((x, y) => y.length - x.length);
          expect(prefixSearch(longestFirst)(text)).toEqual(regexSearch(longestFirst, text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  // the time is measured by `npm run bench` (scaling: config of 1k–10k services), never here
  it('finds each of 10,000 secrets', () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => `secret-${i}-value`).sort((x, y) => y.length - x.length);
    const search = prefixSearch(secrets);
    for (let i = 0; i < 10_000; i += 97) expect(search(`postgres://app:secret-${i}-value@db:5432`)).toEqual(new Set([`secret-${i}-value`]));
    expect(search('x secret-17-value y secret-9-value')).toEqual(new Set(['secret-17-value', 'secret-9-value']));
  });
});
