/** TextEdits' overlap check (binary searches over sorted ranges and points) against its definition, pair by pair. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditError, TextEdits } from '../../src/fix/edit.js';

/** The definition: a new edit overlaps an earlier one (insertions are empty ranges). */
function overlaps(a: [number, number], b: [number, number]): boolean {
  const [start, end] = a;
  const insertion = start === end;
  const other = b[0] === b[1];
  if (insertion && other) return false;
  if (insertion) return b[0] < start && start < b[1];
  if (other) return start < b[0] && b[0] < end;
  return start < b[1] && b[0] < end;
}

describe('TextEdits', () => {
  it('refuses exactly the edits that overlap one queued before, and applies the rest', () => {
    const edit = fc.tuple(fc.nat(40), fc.nat(6)).map(([s, len]): [number, number] => [s, s + (len < 2 ? 0 : len - 1)]);
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (list) => {
        const text = 'x'.repeat(50);
        const edits = new TextEdits(text);
        const kept: [number, number][] = [];
        for (const [i, e] of list.entries()) {
          const expected = kept.some((k) => overlaps(e, k));
          let threw = false;
          try {
            edits.replace(e[0], e[1], String(i % 10));
          } catch (err) {
            expect(err).toBeInstanceOf(EditError);
            threw = true;
          }
          expect(threw).toBe(expected);
          if (!threw) kept.push(e);
        }
        expect(typeof edits.apply()).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
