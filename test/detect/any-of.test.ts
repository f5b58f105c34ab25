import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchoredAtStart, anyOf, JOIN_AFTER } from '../../src/detect/any-of.js';
import { VALUE_CLASS_LISTS } from '../../src/detect/value-class.js';
import { REPO, walk } from '../helpers.js';

describe('anyOf', () => {
  const patterns = [/^\$2[aby]\$/, /^\{SSHA\}/, /^md5[0-9a-f]{32}$/, /^user_provided$/i, /secret/, /^(ab)\1$/];

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
      'abab',
      'abba',
    ];
    const expected = [true, true, true, false, true, false, true, false, false, true, false];
    expect(texts.map((t) => patterns.some((p) => p.test(t)))).toEqual(expected);
    // the first tier (by anchors), then the second (joined) once the list has been asked enough
    const rounds = Math.ceil((JOIN_AFTER * 2) / texts.length);
    for (let r = 0; r < rounds; r++) expect(texts.map(any)).toEqual(expected);
  });

  it('keeps a pattern anchored only at its start where another one is unanchored, in both tiers', () => {
    // joined and anchored, the unanchored pattern would be tried at the first position only
    const any = anyOf([/^ENC\(/, /vault:/]);
    for (let r = 0; r < JOIN_AFTER; r++) {
      expect(any('see vault:x')).toBe(true);
      expect(any('xENC(')).toBe(false);
    }
  });

  it('refuses a stateful pattern', () => {
    expect(() => anyOf([/a/g])).toThrow(/stateful/);
    expect(() => anyOf([/a/y])).toThrow(/stateful/);
  });
});

describe('the value-class lists through anyOf', () => {
  // every value of every fixture line (after `=`, `:` or a blank), and the line itself
  const lines = walk(join(REPO, 'fixtures'), () => true).flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  const values = [...new Set(lines.flatMap((l) => [l.trim(), ...l.split(/[=:]\s*|\s+/).map((v) => v.trim().replace(/^["']|["']$/g, ''))]))];

  it.each(Object.entries(VALUE_CLASS_LISTS))('%s: the same verdict as testing every pattern, in both tiers', (_, list) => {
    expect(values.length).toBeGreaterThan(JOIN_AFTER * 4);
    const any = anyOf(list);
    const differ = values.filter((v) => any(v) !== list.some((p) => p.test(v)));
    expect(differ).toEqual([]);
    // the comparison means something: the list matches some of the values
    expect(values.filter((v) => any(v)).length).toBeGreaterThan(0);
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
