/** The dry-run and --patch diff on its own: exact unified text, and the line maps fix keeps positions with. */
import { describe, expect, it } from 'vitest';
import { lineMaps, unifiedDiff } from '../../src/fix/diff.js';

describe('unifiedDiff', () => {
  it('writes a small change as one hunk with 3 lines of context', () => {
    const before = 'services:\n  app:\n    image: app\n    environment:\n      PASSWORD: hunter2\n      DEBUG: "1"\n';
    const after = 'services:\n  app:\n    image: app\n    environment:\n      DEBUG: "1"\n    secrets:\n      - password\n';
    expect(unifiedDiff('compose.yaml', before, after)).toBe(
      [
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -2,5 +2,6 @@',
        '   app:',
        '     image: app',
        '     environment:',
        '-      PASSWORD: hunter2',
        '       DEBUG: "1"',
        '+    secrets:',
        '+      - password',
        '',
      ].join('\n'),
    );
  });

  it('splits changes further apart than twice the context into hunks', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n';
    expect(unifiedDiff('f', before, after, 1)).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n@@ -9,2 +9,2 @@\n i\n-j\n+J\n');
  });

  it('marks a last line without its newline, before and after an insertion at the end', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nb\nc')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff('f', 'a\nb\n', 'a\nb\nc')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n\\ No newline at end of file\n');
  });

  it('writes a new file from /dev/null, starting the empty side at line 0', () => {
    expect(unifiedDiff('s.sh', null, 'x\ny\n')).toBe('--- /dev/null\n+++ b/s.sh\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(unifiedDiff('f', 'a\nb\n', '')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('f', 'a\nb\n', 'a\nb\n')).toBe('');
    expect(unifiedDiff('f', '', '')).toBe('');
  });
});

describe('lineMaps', () => {
  it('maps kept lines to where they are now, a deleted line to the one that took its place', () => {
    expect(lineMaps('a\nb\nc\n', 'a\nX\nY\nc\n')).toEqual({ forward: [0, 1, 2, 4, 5], backward: [0, 1, 2, 2, 3, 4] });
    expect(lineMaps('a\nb\nc\n', 'a\nc\n')).toEqual({ forward: [0, 1, 2, 2, 3], backward: [0, 1, 3, 4] });
  });
});
