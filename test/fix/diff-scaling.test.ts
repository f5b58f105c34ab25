/**
 * The diff of large changes: the same text as jsdiff's structuredPatch while few lines change, and
 * past EXACT_EDITS a diff cut at anchors that still turns one text into the other, and that is
 * jsdiff's own for the edits fix makes (values replaced, lines inserted under uniquely named services).
 */
import { structuredPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineChanges, lineMaps, unifiedDiff } from '../../src/fix/diff.js';

/** The unified diff as fix wrote it with jsdiff's structuredPatch. */
function jsdiffUnified(name: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const header = `--- ${before === null ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n`;
  let out = '';
  for (const hunk of structuredPatch('', '', before ?? '', after, undefined, undefined, { context }).hunks) {
    const startA = hunk.oldLines ? hunk.oldStart : hunk.oldStart - 1;
    const startB = hunk.newLines ? hunk.newStart : hunk.newStart - 1;
    out += `@@ -${startA},${hunk.oldLines} +${startB},${hunk.newLines} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return header + out;
}

/** Texts of few distinct lines (so that they repeat), with or without a last newline. */
const text = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '', '  x: 1', 'a\r'), { maxLength: 30 }), fc.boolean())
  .map(([lines, nl]) => (lines.length ? lines.join('\n') + (nl ? '\n' : '') : ''));

/** A compose file of n services, and the same file as fix rewrites it (every password moved to a secret). */
function composeAndFix(n: number): [string, string] {
  const before = ['services:'];
  const after = ['services:'];
  for (let i = 1; i <= n; i++) {
    const head = [`  db${i}:`, '    image: postgres:16', '    environment:', '      POSTGRES_USER: app'];
    before.push(...head, `      POSTGRES_PASSWORD: pw-${i}`);
    after.push(...head, '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password', '    secrets:', `      - db${i}_password`);
  }
  after.push('secrets:');
  for (let i = 1; i <= n; i++) after.push(`  db${i}_password:`, `    file: ./secrets/db${i}_password`);
  return [`${before.join('\n')}\n`, `${after.join('\n')}\n`];
}

/** Applies changes to the old lines: the new lines. */
function applied(changes: ReturnType<typeof lineChanges>): { old: string[]; new: string[] } {
  const out = { old: [] as string[], new: [] as string[] };
  for (const c of changes) {
    if (!c.added) out.old.push(...c.value);
    if (!c.removed) out.new.push(...c.value);
  }
  return out;
}

describe('unifiedDiff and jsdiff', () => {
  it('writes what structuredPatch wrote, for any two texts', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: null }), text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        expect(unifiedDiff('f', before, after, context)).toBe(jsdiffUnified('f', before, after, context));
      }),
      { numRuns: 2000 },
    );
  });

  it('cut at anchors, still turns one text into the other', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'u1', 'u2', 'u3', 'u4'), { maxLength: 40 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 40 }),
        (a, b) => {
          for (const exact of [0, 1, 3]) {
            const r = applied(lineChanges(a, b, exact));
            expect(r.old).toEqual(a);
            expect(r.new).toEqual(b);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("cut at anchors, gives jsdiff's diff and line maps for a fix of many services", () => {
    const [before, after] = composeAndFix(300);
    expect(unifiedDiff('compose.yaml', before, after, 3, 20)).toBe(jsdiffUnified('compose.yaml', before, after));
    expect(lineMaps(before, after, 20)).toEqual(lineMaps(before, after, 100_000));
  });

  // its time is measured by `npm run bench` (scaling: fix --dry-run of 1k–10k services), never here
  it('diffs a fix of 5,000 services, past the size where jsdiff alone is used', () => {
    const [before, after] = composeAndFix(5_000);
    const diff = unifiedDiff('compose.yaml', before, after);
    expect(diff.split('\n').filter((l) => l.startsWith('+    secrets:'))).toHaveLength(5_000);
  });
});
