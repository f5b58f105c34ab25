import { describe, expect, it } from 'vitest';
import { anchoredAtStart, anyOf } from '../../src/detect/any-of.js';

describe('anyOf', () => {
  const patterns = [/^\$2[aby]\$/, /^\{SSHA\}/, /^md5[0-9a-f]{32}$/, /^user_provided$/i, /secret/];

  it('matches exactly where one of the patterns does', () => {
    const any = anyOf(patterns);
    const texts = [
      '$2b$10$abc',
      '{SSHA}xyz',
      `md5${'a'.repeat(32)}`,
      `md5${'a'.repeat(31)}`,
      'USER_PROVIDED',
      'x user_provided',
      'my secret',
      'plain',
      'x$2b$',
    ];
    expect(texts.map(any)).toEqual(texts.map((t) => patterns.some((p) => p.test(t))));
    expect(texts.map(any)).toEqual([true, true, true, false, true, false, true, false, false]);
  });

  it('keeps a pattern anchored only at its start where another one is unanchored', () => {
    // joined and anchored, the unanchored pattern would be tried at the first position only
    const any = anyOf([/^ENC\(/, /vault:/]);
    expect(any('see vault:x')).toBe(true);
    expect(any('xENC(')).toBe(false);
  });

  it('refuses what cannot be joined', () => {
    expect(() => anyOf([/^(a)\1$/])).toThrow(/cannot be joined/);
    expect(() => anyOf([/^(?<x>a)\k<x>$/])).toThrow(/cannot be joined/);
    expect(() => anyOf([/a/g])).toThrow(/cannot be joined/);
  });
});

describe('anchoredAtStart', () => {
  it.each([
    ['^abc', true],
    ['^a|^b', true],
    ['^(?:a|b)', true],
    ['^a|b', false],
    ['a^', false],
    ['^[|]x|^y', true],
    ['^\\|x|y', false],
    ['^(a|b)|c', false],
    ['', false],
  ])('%s: %s', (source, anchored) => {
    expect(anchoredAtStart(source)).toBe(anchored);
  });
});
