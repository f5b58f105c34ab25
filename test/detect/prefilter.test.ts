import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { VALUE_PATTERNS } from '../../src/detect/patterns.js';
import { candidateFilter, literalAnchors } from '../../src/detect/prefilter.js';
import { prefilteredExpressions, tableAnchors } from '../../src/detect/prefilter-table.js';
import { scanValue } from '../../src/detect/scan.js';
import { VALUE_CLASS_LISTS } from '../../src/detect/value-class.js';
import { REPO, walk } from '../helpers.js';

describe('literalAnchors', () => {
  it.each([
    [/(?<![A-Za-z0-9_])ghp_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g, ['ghp_']],
    [/(?:AKIA|ASIA|A3T[A-Z0-9])[A-Z2-7]{16}/g, ['A3T', 'AKIA', 'ASIA']],
    [/xox[pe]-[0-9]{6}/g, ['xoxe-', 'xoxp-']],
    [/([A-Za-z][A-Za-z0-9+.-]{0,30}):\/\//g, ['://']],
    [/(?:Proxy-)?Authorization[ \t]{0,5}[:=]/gi, ['authorization']],
    [/-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY-----/g, ['PRIVATE KEY-----']],
    [/[0-9a-f]{32}-[0-9a-f]{8}/g, ['-']],
    [/(a)\1/g, ['a']],
    [/sk-(?:proj-[a-z]{20}|[a-z]{20}T3BlbkFJ)/g, ['T3BlbkFJ', 'proj-']],
    [/(?:ab)+c/g, ['ab']],
    [/x\.y\/z/g, ['x.y/z']],
  ] as [RegExp, string[]][])('%s needs one of %j (the longest literal every match holds)', (regex, anchors) => {
    expect(literalAnchors(regex)).toEqual(anchors);
  });

  it.each([/(?:abc)?[0-9]{3}/g, /abc|[0-9]+/g, /a*b?/g, /.{3}/g, /[^x]y{0,2}/g, /(?:password|)[0-9]/g])('%s has no anchor: it always runs', (regex) => {
    expect(literalAnchors(regex)).toBeUndefined();
    expect(candidateFilter([{ regex }])('nothing of it here')).toEqual([0]);
  });

  it('a case-insensitive pattern has lower-case anchors, tested against the lower-cased text', () => {
    const pattern = { regex: /(?:password|passwd|pwd)[ \t]{0,5}=/gi };
    expect(literalAnchors(pattern.regex)).toEqual(['passwd', 'password', 'pwd']);
    const candidates = candidateFilter([pattern]);
    expect(candidates('Server=db;PassWord=x')).toEqual([0]);
    expect(candidates('Server=db;User=x')).toEqual([]);
    // a character that lower-cases to ASCII (the Kelvin sign to k) is seen as that letter
    const kelvin = candidateFilter([{ regex: /ok=/gi }]);
    expect(kelvin('TOK=1')).toEqual([0]);
    expect(kelvin('TO\u212a=1')).toEqual([0]);
    expect(kelvin('TOX=1')).toEqual([]);
  });

  it('every pattern of the table has anchors today (a new one without any still runs, only slower)', () => {
    expect(VALUE_PATTERNS.filter((p) => literalAnchors(p.regex) === undefined).map((p) => p.id)).toEqual([]);
  });
});

describe('the anchors the build embeds', () => {
  it('hold one entry per expression the prefilter runs over, the same as derived at run time', () => {
    const table = tableAnchors();
    const expressions = prefilteredExpressions();
    expect(expressions.length).toBeGreaterThan(VALUE_PATTERNS.length + 50);
    expect(Object.keys(table)).toHaveLength(new Set(expressions.map((r) => `/${r.source}/${r.flags}`)).size);
    for (const r of expressions) expect(table[`/${r.source}/${r.flags}`]).toEqual(literalAnchors(r) ?? null);
  });

  it('every value-class pattern has anchors today', () => {
    expect(
      Object.values(VALUE_CLASS_LISTS)
        .flat()
        .filter((r) => literalAnchors(r) === undefined)
        .map((r) => r.source),
    ).toEqual([]);
  });
});

describe('candidateFilter over the pattern table', () => {
  const texts = walk(join(REPO, 'fixtures'), () => true).map((f) => readFileSync(f, 'utf8'));
  const lines = texts.flatMap((t) => t.split('\n'));

  it('never skips a pattern that matches: every fixture file and every line of one', async () => {
    const filter = candidateFilter(VALUE_PATTERNS);
    // each pattern compiled once, without the flags that keep state between tests
    const patterns = VALUE_PATTERNS.map((p) => new RegExp(p.regex.source, p.regex.flags.replace(/[gy]/g, '')));
    const missed: string[] = [];
    let matched = 0;
    const all = [...texts, ...lines];
    for (const [n, text] of all.entries()) {
      // the worker answers its runner between stretches: a minute without a turn of the event loop times out
      // vitest's own calls on a busy machine ("Timeout calling onTaskUpdate"), whatever the test's verdict
      if (n % 2000 === 0) await nextTurn();
      const candidates = new Set(filter(text));
      patterns.forEach((re, i) => {
        if (!re.test(text)) return;
        matched++;
        if (!candidates.has(i)) missed.push(`${VALUE_PATTERNS[i].id}: ${text.slice(0, 40)}`);
      });
    }
    expect(missed).toEqual([]);
    expect(matched).toBeGreaterThan(100);
  });

  it('skips patterns whose anchors a text lacks', () => {
    const filter = candidateFilter(VALUE_PATTERNS);
    const github = VALUE_PATTERNS.findIndex((p) => p.id === 'github-pat');
    expect(filter('image: postgres:16')).not.toContain(github);
    expect(filter(`TOKEN=ghp_${'a'.repeat(36)}`)).toContain(github);
    // in ascending order, and nothing of one text carried to the next
    const many = filter(`ghp_${'a'.repeat(36)} AKIA -----BEGIN PRIVATE KEY----- https://u:p@h`);
    expect(many.length).toBeGreaterThan(3);
    expect([...many].sort((a, b) => a - b)).toEqual(many);
    expect(filter('image: postgres:16')).not.toContain(github);
  });
});

describe('scanValue remembers its results by text', () => {
  it('gives each caller its own array of the same matches', () => {
    const text = `token ghp_${'A1'.repeat(18)} and AKIA${'ABCDEFGHIJKLMNOP'}`;
    // an access key id is an identifier (kept only on request), the GitHub token a secret
    const first = scanValue(text, true);
    first.pop();
    const second = scanValue(text, true);
    expect(second.map((m) => m.patternId)).toEqual(['github-pat', 'aws-access-key-id']);
    expect(scanValue(text).map((m) => m.patternId)).toEqual(['github-pat']);
    expect(second).not.toBe(first);
    expect(Object.isFrozen(second[0])).toBe(true);
  });
});
