/**
 * Catastrophic backtracking guard: every regex, scanValue, findShellCredentials and friends run
 * over adversarial 100 KB inputs (long runs of the characters a pattern accepts, repeated
 * prefixes, almost-matches) and must finish in under 50 ms. A super-linear pattern takes
 * seconds on such inputs, so the margin is wide; a run over the limit is retried twice (the
 * best of three absorbs a garbage-collection pause on a busy machine).
 */
import { describe, expect, it } from 'vitest';
import { findCommandCredentials, findShellCredentials, tokenize } from '../../src/detect/command.js';
import { classifyKey } from '../../src/detect/keys.js';
import { VALUE_PATTERNS } from '../../src/detect/patterns.js';
import { isPlaceholder } from '../../src/detect/placeholder.js';
import { findUrlCredentials, judgeSecretValue, scanValue } from '../../src/detect/scan.js';

const SIZE = 100_000;
const LIMIT_MS = 50;

function fill(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Milliseconds of the fastest of up to three runs (more runs only when over the limit). */
function timed(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
    if (best < LIMIT_MS) break;
  }
  return best;
}

/** The literal text a pattern starts with, after any lookbehind (`ghp_`, `-----BEGIN `, `AKIA`…). */
function literalPrefix(source: string): string {
  let s = source;
  while (s.startsWith('(?<')) {
    let depth = 0;
    let i = 0;
    for (; i < s.length; i++) {
      if (s[i] === '\\') {
        i++;
        continue;
      }
      if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) break;
    }
    s = s.slice(i + 1);
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && /[.\-/$?]/.test(s[i + 1] ?? '')) {
      out += s[++i];
      continue;
    }
    if (/[A-Za-z0-9_\- =:,'"]/.test(c)) out += c;
    else break;
  }
  return out;
}

const BODY_ALPHABETS = ['aB3', '0123456789abcdef', 'aZ09_-', 'aZ09+/=.'];

/** Inputs that exercise everything: runs of one character class, repeated fragments, near misses. */
const GENERIC: Record<string, string> = {};
for (const c of ['a', 'A', '1', 'f', '-', '_', '.', '/', '+', '=', ':', '@', '$', '{', '}', '(', ')', '"', "'", '\\', ' ', '\t', '\n', ';', '&', '|', '<', '>', '#', '`', ',', '?', '%', '*', '~']) {
  GENERIC[`run of ${JSON.stringify(c)}`] = fill(c);
}
for (const frag of [
  '://', 'a://', 'http://u:p@', 'a:b@', 'a@', ':@', 'redis://:', 'mongodb://u:p@h,', 'postgres://u:p@${H}', '${', '$$', '${A}', '$(', '$$(',
  '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', '-----', 'eyJ', 'eyJhbGciOi.', 'eyJa.eyJb.', 'password=', ' password=x',
  "IDENTIFIED BY '", "PASSWORD '", 'Authorization: Bearer ', '?token=', '&access_token=', 'AccountKey=', 'sig=', 'sk-', 'sk-ant-api03-', 'xoxb-1234567890-',
  'xoxp-1-2-3-', 'hooks.slack.com/services/T', 'discord.com/api/webhooks/1/', 'glpat-', 'ghp_', 'github_pat_', 'AKIA', 'AIza', '12345678:AA', 'M.', 'SK0', 'AC0',
  'key-0', '0123456789abcdef0123456789abcdef-', 'sh -c ', 'sh -c "', 'bash -c \'', 'A=$B ', '-p', '-psecret ', '--password ', '--password=x ', '-u a:', '-H "Authorization: ',
  'mysql -pX ', 'redis-cli -a ', 'a b ', '"a" ', "'a' ", 'x=$(y) ', 'PASSWORD', 'password_', 'Pass', 'KEY_', 'aB',
]) {
  GENERIC[`repeated ${JSON.stringify(frag)}`] = fill(frag);
}
GENERIC['quote never closed'] = '"' + fill('a b ', SIZE - 1);
GENERIC['paren never closed'] = '$(' + fill('a ', SIZE - 2);
GENERIC['brace never closed'] = '${' + fill('a', SIZE - 2);

/** Per pattern: its prefix repeated, its prefix followed by a long body, and almost-matches. */
function patternInputs(prefix: string, alphabets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!prefix) return out;
  out[`prefix ${JSON.stringify(prefix)} repeated`] = fill(prefix);
  for (const body of alphabets) {
    out[`prefix ${JSON.stringify(prefix)} + run of ${body}`] = prefix + fill(body, SIZE - prefix.length);
    out[`almost-matches ${JSON.stringify(prefix)} + ${body}`] = fill(prefix + fill(body, 19) + '.');
  }
  return out;
}

/** Prefixes of the patterns that start with an alternation or an optional part. */
const PREFIX_OVERRIDES: Record<string, string> = {
  'slack-webhook': 'https://hooks.slack.com/services/T',
  'discord-webhook': 'https://discord.com/api/webhooks/',
  'aws-access-key-id': 'AKIA',
  'aws-secret-access-key': 'aws_secret_access_key=',
  'azure-sas-signature': '?sig=',
  'gitlab-token': 'gldt-',
  'supabase-token': 'sb_secret_',
  'telegram-bot-token': '12345678:AA',
  'discord-bot-token': 'M',
  'mailchimp-api-key': '0123456789abcdef0123456789abcdef-us',
  'stripe-secret-key': 'sk_live_',
  'square-token': 'EAAA',
  'notion-token': 'ntn_',
  'authorization-header': 'Authorization: Bearer ',
  'connection-string-password': ';password=',
  'sql-password': "IDENTIFIED BY '",
  'url-query-token': '?access_token=',
  'go-sql-dsn': 'user:',
  'docker-registry-auth': '"auth":"',
  'cli-secret-flag': ' --password ',
};

const prefixOf = (id: string, source: string): string => PREFIX_OVERRIDES[id] ?? literalPrefix(source);

const OWN_INPUTS = new Map(VALUE_PATTERNS.map((p) => [p.id, patternInputs(prefixOf(p.id, p.regex.source), BODY_ALPHABETS)]));

/** For the whole-pipeline functions: the generic inputs and every pattern's prefix inputs. */
const INPUTS: Record<string, string> = { ...GENERIC };
for (const p of VALUE_PATTERNS) Object.assign(INPUTS, patternInputs(prefixOf(p.id, p.regex.source), ['aZ09_-']));

it('every pattern has adversarial inputs of its own', () => {
  expect(VALUE_PATTERNS.filter((p) => !prefixOf(p.id, p.regex.source)).map((p) => p.id)).toEqual([]);
});

// compile and warm up every code path on small inputs first: JIT time is not what is measured
for (const text of Object.values(GENERIC)) {
  const small = text.slice(0, 2000);
  scanValue(small);
  findShellCredentials(small);
  findCommandCredentials(small.split(' '));
  for (const p of VALUE_PATTERNS) for (const _ of small.matchAll(p.regex));
}

describe('linear time on adversarial 100 KB inputs', () => {
  it('every VALUE_PATTERNS regex', () => {
    const slow: string[] = [];
    for (const p of VALUE_PATTERNS) {
      for (const [name, text] of Object.entries({ ...GENERIC, ...OWN_INPUTS.get(p.id) })) {
        const ms = timed(() => {
          for (const _ of text.matchAll(p.regex));
        });
        if (ms >= LIMIT_MS) slow.push(`${p.id} on ${name}: ${ms.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });

  it.each([
    ['scanValue', (t: string) => scanValue(t)],
    ['findUrlCredentials', (t: string) => findUrlCredentials(t)],
    ['findShellCredentials', (t: string) => findShellCredentials(t)],
    ['findCommandCredentials', (t: string) => findCommandCredentials(t.split(' '))],
    ['tokenize', (t: string) => tokenize(t)],
    ['judgeSecretValue', (t: string) => judgeSecretValue(t)],
    ['isPlaceholder', (t: string) => isPlaceholder(t)],
    ['classifyKey', (t: string) => classifyKey(t)],
  ] as [string, (t: string) => unknown][])('%s', (_, fn) => {
    const slow: string[] = [];
    for (const [name, text] of Object.entries(INPUTS)) {
      const ms = timed(() => fn(text));
      if (ms >= LIMIT_MS) slow.push(`${name}: ${ms.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
  });

  it('shell commands up to the full-analysis size are tokenized and analysed in linear time', () => {
    // 32 KB is the largest command analysed flag by flag (real ones are a few KB)
    const slow: string[] = [];
    for (const frag of ['sh -c ', '\n', 'A=$B ', '--password x ', 'redis-cli -a x ; ', '-u a:b ', 'mc alias set a b c d ; ', '"a" ']) {
      const text = fill(frag, 32_000);
      const ms = timed(() => findShellCredentials(text));
      if (ms >= LIMIT_MS) slow.push(`${JSON.stringify(frag)}: ${ms.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
  });

  it('still reports recognised formats in an over-long command', () => {
    const token = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5';
    const text = fill('echo x; ', 60_000) + `git clone https://x:${token}@github.com/o/r`;
    const found = findShellCredentials(text);
    expect(found.map((c) => text.slice(c.absStart, c.absEnd))).toEqual([token]);
  });
});
