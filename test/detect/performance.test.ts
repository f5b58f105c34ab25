/**
 * Catastrophic backtracking guard, with verdicts that do not depend on the machine's speed:
 * - every VALUE_PATTERNS regex is checked statically by recheck (seeded, no time limit): a
 *   pattern with super-linear backtracking fails, with the attack string recheck found;
 * - scanValue, findShellCredentials and friends run over adversarial inputs (long runs of the
 *   characters a pattern accepts, repeated prefixes, almost-matches) at 16, 64 and 256 KB; at each
 *   step the time of one run on 4× the input is compared with four runs on 1× (the same amount of
 *   text): linear code gives a ratio near 1, quadratic code near 4 at both steps. Times are CPU
 *   time of this process (other processes on a busy machine do not count), the fastest of several
 *   interleaved trials.
 * Absolute timings belong in `npm run bench`.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { findCommandCredentials, findShellCredentials, tokenize } from '../../src/detect/command.js';
import { postmarkUserTokens } from '../../src/detect/user-token.js';
import {
  findCsvColumnSecrets,
  findEmbeddedAssignments,
  findResourceMacroSecrets,
  findUserPasswordPairs,
  findUsersSectionPasswords,
} from '../../src/detect/embedded.js';
import { writtenFiles } from '../../src/detect/exposures.js';
import { classifyKey } from '../../src/detect/keys.js';
import { markdownParts } from '../../src/detect/markdown-code.js';
import { findProseCredential, findSlashedLogin } from '../../src/detect/prose.js';
import { VALUE_PATTERNS } from '../../src/detect/patterns.js';
import { isPlaceholder } from '../../src/detect/placeholder.js';
import { findUrlCredentials, judgeSecretValue, scanValue } from '../../src/detect/scan.js';

/** The three sizes each input is measured at: 1×, 4× and 16× this. */
const SIZE = 16_384;
const STEP = 4;
/**
 * Time(4×) / (4 × time(1×)) of a step: linear code gives about 1, quadratic code about 4. An input
 * is super-linear when both steps exceed STEP_RATIO and together exceed TOTAL_RATIO: a garbage
 * collection or a cache effect inflates one step, a quadratic algorithm both.
 */
const STEP_RATIO = 1.8;
const TOTAL_RATIO = 8;
/** CPU time below which a run on 16× the input cannot hide anything super-linear (a quadratic pass over 256 KB costs seconds): not measured further. */
const NEGLIGIBLE_MS = 20;
// Each test of this file may take an hour (`3_600_000`), which no run needs (scanValue's linearity check took 124 s in CI),
// so that how busy the machine is never decides a verdict: at a load of 7.5 on 2 cores it took over 600 s, the limit then.

/** Independent measurements that must all find an input super-linear before it is reported. */
const VERDICT_ATTEMPTS = 3;

function fill(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * How much slower than linear `fn` is from `small` to `large` (STEP× longer): the fastest of five
 * interleaved trials of one run on `large` against STEP runs on `small`, in CPU time. Each run gets
 * a distinct suffix, so no cache keyed on the text can answer a repeated call.
 */
function growth(fn: (t: string) => unknown, small: string, large: string): { ratio: number; ms: number } {
  let one = Infinity;
  let many = Infinity;
  let n = 0;
  for (let trial = 0; trial < 5; trial++) {
    collectGarbage();
    let t = cpuMs();
    fn(large + String(n++));
    one = Math.min(one, cpuMs() - t);
    collectGarbage();
    t = cpuMs();
    for (let i = 0; i < STEP; i++) fn(small + String(n++));
    many = Math.min(many, cpuMs() - t);
    // clearly linear twice over: more trials would not change the verdict
    if (trial >= 1 && one < 1.2 * many) break;
  }
  return { ratio: one / Math.max(many, 0.001), ms: one };
}

/** A full collection before each timed run (vitest starts workers with --expose-gc): garbage left by earlier runs is not charged to the next. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** CPU time of this process in milliseconds: other processes on a busy machine do not count. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
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

/** Inputs that exercise everything: runs of one character class, repeated fragments, near misses. */
const GENERIC: Record<string, (size: number) => string> = {};
for (const c of [
  'a',
  'A',
  '1',
  'f',
  '-',
  '_',
  '.',
  '/',
  '+',
  '=',
  ':',
  '@',
  '$',
  '{',
  '}',
  '(',
  ')',
  '"',
  "'",
  '\\',
  ' ',
  '\t',
  '\n',
  ';',
  '&',
  '|',
  '<',
  '>',
  '#',
  '`',
  ',',
  '?',
  '%',
  '*',
  '~',
]) {
  GENERIC[`run of ${JSON.stringify(c)}`] = (n) => fill(c, n);
}
for (const frag of [
  '://',
  // names of many glued qualifiers before KEY (`SUPABASEANON_KEY`): split into a new list, not spliced in place
  'xanon_key_',
  'a://',
  'http://u:p@',
  'a:b@',
  'a@',
  ':@',
  'redis://:',
  'mongodb://u:p@h,',
  'postgres://u:p@${H}',
  '${',
  '$$',
  '${A}',
  '$(',
  '$$(',
  '-----BEGIN PRIVATE KEY-----',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIE',
  '-----',
  'eyJ',
  'eyJhbGciOi.',
  'eyJa.eyJb.',
  'password=',
  ' password=x',
  // a keyword argument that may name a variable (scan.ts isVariableArgument looks around it, boundedly)
  'password=a_b ',
  'f("a", password=a_b, ',
  "IDENTIFIED BY '",
  "PASSWORD '",
  'Authorization: Bearer ',
  '?token=',
  '&access_token=',
  'AccountKey=',
  'sig=',
  'sk-',
  'sk-ant-api03-',
  'xoxb-1234567890-',
  'xoxp-1-2-3-',
  'hooks.slack.com/services/T',
  'discord.com/api/webhooks/1/',
  'glpat-',
  'ghp_',
  'github_pat_',
  'AKIA',
  'AIza',
  '12345678:AA',
  'M.',
  'SK0',
  'AC0',
  'key-0',
  '0123456789abcdef0123456789abcdef-',
  'sh -c ',
  'sh -c "',
  "bash -c '",
  'A=$B ',
  '-p',
  '-psecret ',
  '--password ',
  '--password=x ',
  '-u a:',
  '-H "Authorization: ',
  'mysql -pX ',
  'redis-cli -a ',
  'a b ',
  '"a" ',
  "'a' ",
  'x=$(y) ',
  'PASSWORD',
  'password_',
  'Pass',
  'KEY_',
  'aB',
]) {
  GENERIC[`repeated ${JSON.stringify(frag)}`] = (n) => fill(frag, n);
}
// a container's command after its exec (walk.ts execStep): many words, with and without the exec's `--`
GENERIC['docker run with many arguments'] = (n) => 'docker run img ' + fill('a ', n - 15);
GENERIC['kubectl exec with many words before --'] = (n) => 'kubectl exec ' + fill('p ', n - 13);
GENERIC['kubectl exec -- then many words'] = (n) => 'kubectl exec p -- ' + fill('-x ', n - 18);
GENERIC['quote never closed'] = (n) => '"' + fill('a b ', n - 1);
GENERIC['paren never closed'] = (n) => '$(' + fill('a ', n - 2);
GENERIC['brace never closed'] = (n) => '${' + fill('a', n - 2);
// JWK types with no braces between them, and private members far from any type (scan.ts jwkPrivateMembers)
GENERIC['"kty":"RSA" repeated'] = (n) => fill('"kty":"RSA","d":"a', n);
GENERIC['"d" members then one type'] = (n) => `${fill('"d":"Ab1cdefghijklmnop",', n - 12)}"kty":"RSA"`;

/** Per pattern: its prefix repeated, its prefix followed by a long body, and almost-matches. */
function patternInputs(prefix: string, alphabets: readonly string[]): Record<string, (size: number) => string> {
  const out: Record<string, (size: number) => string> = {};
  if (!prefix) return out;
  out[`prefix ${JSON.stringify(prefix)} repeated`] = (n) => fill(prefix, n);
  for (const body of alphabets) {
    out[`prefix ${JSON.stringify(prefix)} + run of ${body}`] = (n) => prefix + fill(body, n - prefix.length);
    out[`almost-matches ${JSON.stringify(prefix)} + ${body}`] = (n) => fill(prefix + fill(body, 19) + '.', n);
  }
  return out;
}

/** Prefixes of the patterns that start with an alternation or an optional part. */
const PREFIX_OVERRIDES: Record<string, string> = {
  'artifactory-token': 'AKCp8',
  'kong-konnect-token': 'kpat_',
  'sql-create-secret': "CREATE SECRET s WITH (backend = 'meta') AS '",
  'schemeless-url-password': 'sysop:',
  'url-query-key': 'https://example.org/x?key=',
  'steam-gslt': 'sv_setsteamaccount ',
  'lnd-macaroon': '0201036c6e64',
  'slack-webhook': 'https://hooks.slack.com/services/T',
  'rpc-url-key': 'https://mainnet.infura.io/v3/',
  'plain-scheme-password': '{PLAIN}',
  'oracle-password': 'jdbc:oracle:thin:scott/',
  'pgpass-password': 'db.example.com:5432:app:user:',
  'fetchmail-password': 'user u password "',
  'dnsdist-console-key': 'setKey("',
  'ethstats-secret': '--ethstats=node:',
  'cds-api-key': 'key: 774442:',
  'forward-proxy-basic-auth': '\nbasic_auth u ',
  'azure-communication-access-key': 'accesskey=',
  'netrc-password': 'machine h login u password ',
  'github-oauth-client-id': 'Ov23li',
  'salesforce-consumer-key': '3MVG9',
  'secret-token-uri': 'secret-token:',
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
  'stripe-object-id': 'price_',
  'google-analytics-id': 'UA-',
  'square-token': 'EAAA',
  'notion-token': 'ntn_',
  'authorization-header': 'Authorization: Bearer ',
  'auth-scheme-value': '"Basic ',
  'auth-scheme-setting': 'Authorization Basic ',
  'connection-string-password': ';password=',
  'sql-password': "IDENTIFIED BY '",
  'tsig-key': 'hmac-sha256 ',
  'url-query-token': '?access_token=',
  'go-sql-dsn': 'user:',
  'docker-registry-auth': '"auth":"',
  'cli-secret-flag': ' --password ',
  'google-oauth-token': 'ya29.',
  'azure-ad-client-secret': 'Xk48Q~',
  'terraform-cloud-token': 'aaaaaaaaaaaaaa.atlasv1.',
  'zerotier-identity-secret': '0123456789:0:',
  'fly-token': 'fo1_',
  'new-relic-license-key': 'NRII-',
  'sumsub-app-token': 'prd:',
};

const prefixOf = (id: string, source: string): string => PREFIX_OVERRIDES[id] ?? literalPrefix(source);

/** For the whole-pipeline functions: the generic inputs and every pattern's prefix inputs. */
const INPUTS: Record<string, (size: number) => string> = { ...GENERIC };
for (const p of VALUE_PATTERNS) Object.assign(INPUTS, patternInputs(prefixOf(p.id, p.regex.source), ['aZ09_-']));

it('every pattern has adversarial inputs of its own', () => {
  expect(VALUE_PATTERNS.filter((p) => !prefixOf(p.id, p.regex.source)).map((p) => p.id)).toEqual([]);
});

/**
 * The inputs on which `fn` grows faster than linearly, with the measured ratios. Yields to the event
 * loop between inputs: a test blocking its worker for minutes on a busy machine makes vitest's own
 * messages time out.
 */
async function superLinear(fn: (t: string) => unknown, inputs: Record<string, (size: number) => string>, size = SIZE): Promise<string[]> {
  const slow: string[] = [];
  for (const [name, make] of Object.entries(inputs)) {
    await nextTurn();
    const sizes = [make(size), make(size * STEP), make(size * STEP * STEP)] as const;
    fn(sizes[0]); // compile and warm up this path: JIT time is not what is measured
    let verdict: string | undefined;
    // a busy machine can inflate one measurement several-fold (cache and GC-generation effects, other
    // processes' cache pressure); super-linear code is slow every time, so a verdict must repeat
    for (let attempt = 0; attempt < VERDICT_ATTEMPTS; attempt++) {
      verdict = superLinearOnce(fn, sizes);
      if (!verdict) break;
      await nextTurn();
    }
    if (verdict) slow.push(`${name}: ${verdict}`);
  }
  return slow;
}

/** The growth verdict of one measurement of `fn` on three sizes, or undefined when it looks linear. */
function superLinearOnce(fn: (t: string) => unknown, [s1, s4, s16]: readonly [string, string, string]): string | undefined {
  const top = growth(fn, s4, s16);
  if (top.ms < NEGLIGIBLE_MS) return undefined;
  const bottom = growth(fn, s1, s4);
  if (top.ratio > STEP_RATIO && bottom.ratio > STEP_RATIO && top.ratio * bottom.ratio > TOTAL_RATIO) {
    return `${bottom.ratio.toFixed(1)}× then ${top.ratio.toFixed(1)}× linear per 4× size (${top.ms.toFixed(1)} ms at ${s16.length} chars)`;
  }
  return undefined;
}

it('the growth measurement reports a quadratic function (the check can fail)', async () => {
  const quadratic = (t: string): number => {
    let pairs = 0;
    for (let i = 0; i < t.length; i++) for (let j = 0; j < i; j++) if (t.charCodeAt(i) === t.charCodeAt(j)) pairs++;
    return pairs;
  };
  // The smallest size is calibrated on this machine, not fixed: at a fixed size a fast machine runs
  // the whole check under NEGLIGIBLE_MS (nothing measured) and a slow one times runs of a tenth of a
  // millisecond, where the clock's grain decides the ratio. Four runs on 1× must take ≥ 5 ms CPU,
  // in the fastest of three measurements: CPU time is the whole process's, so the optimising
  // compiler's background thread (it compiles `quadratic` during the first sizes) or a collection can
  // add milliseconds to one measurement; had that stopped the calibration at 256, a run on 16× took
  // under NEGLIGIBLE_MS on a fast machine and nothing was measured (the check failed once in CI).
  let size = 256;
  const ab = (n: number) => fill('ab', n);
  for (;;) {
    quadratic(ab(size));
    let fastest = Infinity;
    for (let trial = 0; trial < 3; trial++) {
      const t = cpuMs();
      for (let i = 0; i < STEP; i++) quadratic(ab(size) + String(i));
      fastest = Math.min(fastest, cpuMs() - t);
    }
    if (fastest >= 5 || size >= 1 << 16) break;
    size *= 2;
  }
  // the verdict needs VERDICT_ATTEMPTS agreeing measurements; a real quadratic gives it in one of
  // three checks even when another process steals the cache at the wrong moment
  let found: string[] = [];
  for (let check = 0; check < 3 && found.length === 0; check++) found = await superLinear(quadratic, { ab }, size);
  expect(
    found.map((f) => f.split(':')[0]),
    `calibrated size ${size}`,
  ).toEqual(['ab']);
}, 3_600_000);

/**
 * recheck's phases under step limits only (its default time limits would make the verdict depend
 * on load), seeded. The fuzzer's attack strings are capped at 40,000 characters with the step
 * limit scaled to match (a quadratic pattern still exceeds it: the self-check below): with its
 * defaults (300,000 characters, 1.5·10⁹ steps) the fuzzer spent 290 s on pgpass-password on a busy
 * 2-core machine, and over the test's 600 s in CI.
 */
const RECHECK_OPTIONS = {
  randomSeed: 7,
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  maxAttackStringSize: 40_000,
  attackLimit: 30_000_000,
} as const;

describe('no super-linear backtracking in the pattern table (recheck, static)', () => {
  it.each(VALUE_PATTERNS.map((p) => [p.id, p] as const))(
    '%s',
    async (_, p) => {
      // recheck does not know the `d` flag (capture offsets), which does not change matching
      const r = await check(p.regex.source, p.regex.flags.replace('d', ''), RECHECK_OPTIONS);
      expect(r.status === 'vulnerable' ? `${r.complexity.summary}: ${r.attack.pattern}` : r.status).toBe('safe');
    },
    3_600_000,
  );

  it('flags quadratic patterns behind a lookbehind (the fuzzer, as for most of the table) under these limits (the check can fail)', async () => {
    for (const source of ['(?<=x)[a-z]{1,300}[a-z]{1,300}b', '(?<=x)\\s*\\s*$']) {
      const r = await check(source, '', RECHECK_OPTIONS);
      expect(r.status === 'vulnerable' && r.complexity.type, source).toBe('polynomial');
    }
  }, 3_600_000);
});

describe('linear time on adversarial inputs (16 KB → 256 KB)', () => {
  it.each([
    ['scanValue', (t: string) => scanValue(t)],
    ['findUrlCredentials', (t: string) => findUrlCredentials(t)],
    // commands are analysed flag by flag up to 32 KB (a cheaper scan beyond): both sizes stay below
    ['findShellCredentials', (t: string) => findShellCredentials(t), 2_000],
    ['findCommandCredentials', (t: string) => findCommandCredentials(t.split(' ')), 2_000],
    ['tokenize', (t: string) => tokenize(t)],
    ['judgeSecretValue', (t: string) => judgeSecretValue(t)],
    ['isPlaceholder', (t: string) => isPlaceholder(t)],
    ['classifyKey', (t: string) => classifyKey(t)],
  ] as [string, (t: string) => unknown, number?][])(
    '%s',
    async (_, fn, size) => {
      expect(await superLinear(fn, INPUTS, size)).toEqual([]);
    },
    3_600_000,
  );

  it('shell commands up to the full-analysis size (32 KB) are tokenized and analysed in linear time', async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of [
      'sh -c ',
      '\n',
      'A=$B ',
      '--password x ',
      'redis-cli -a x ; ',
      '-u a:b ',
      'mc alias set a b c d ; ',
      '"a" ',
      'tool -p Aa1aaaaa ',
      'occ ldapAgentPassword ',
      // an account command of any program: its verb among the first words, its password among the next
      'prosodyctl register a b Aa1aaaaa ; ',
      'x user add a Aa1aaaaa ',
      // a setting's value option after the option or argument that names it
      '--name=smtppass --set=Aa1aaaaa ',
      'occ a db_password --value=Aa1 ',
      // a command line kept in a variable or an alias, a one-letter option's login
      'A="b -c d:Aa1aaaaa" ; ',
      'alias a="b -c ',
      'B="a b c ',
      '-c a:Aa1aaaaa ',
    ]) {
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    }
    // one long cookie with no `=`: each cookie's name is looked for from every position
    inputs['a variable holding one long command line'] = (n) => `A="b ${'c '.repeat(Math.floor((n - 8) / 2))}-d"`;
    inputs['curl -H "Cookie: aaaa…"'] = (n) => `curl -H "Cookie: ${'a'.repeat(n)}" http://x/`;
    expect(await superLinear((t) => findShellCredentials(t), inputs, 2_000)).toEqual([]);
  }, 3_600_000);

  it('settings inside blobs (assignments, directives, SQL rows, echo to a file) are found in linear time', async () => {
    const inputs: Record<string, (size: number) => string> = {};
    const fragments = [
      'a="b=',
      "a='b:",
      'password: "',
      'requirepass x\n',
      'user a on >',
      '>x ',
      ' auth a:',
      "('k_secret', '",
      "SET value = '",
      'x.apikey == ',
      '{"auths":{"auth":"',
      'null}',
      '"Password": "',
      'password = b"x',
      'password: f\\"{x} ',
      'Environment=A=',
      'password=RAW(x',
      'echo abcdefgh > a.psk ; ',
      'IDENTIFIED BY ',
      "$c['snmp']['x']['community'] = array('Ab1cdefgh2', ",
      "['a']['b']",
      '{{ .a.b | default "',
      '{{ .a-b.c-d',
      '{{ default "x" .',
      'config set a.b ',
      'config set --x a.password "',
      ': PSK "',
      ' pass:',
      'ConvertTo-SecureString ',
      '(echo "a"; echo a | smbpasswd ',
      'echo "h u:p" > sasl_passwd ; ',
      'key = ',
      'k_key: [1, ',
      'key = Ab1cdefghijklmnopqrst1 ',
      'x = bytes.fromhex("',
      'a:\n  - ',
      // lists of keys named by where they sit: a section's stack of names, items that look generated
      'secrets:\n  cipher:\n    - Ab1cdefghijklmnop\n',
      ' keys:\n',
      '  a:\n',
      "echo 'abcdefgh' | base64 -d ",
      // a directive's name of capitals ending badly: one pattern of repeated humps backtracked over every split of
      // the run (a quarter of a second a line at 58 capitals), so a file of them took minutes
      `${'A'.repeat(58)}a_ x\n`,
      // a lookup's fallback, and a list of one string
      'key: process.env.A ?? ',
      "token = os.environ.get('A') or '",
      'key = ENV.fetch("A") { "',
      'client_secret: ["',
      // a typed setting's default
      'secret_key: str = "',
      'a: list[str] = [',
      'private readonly a: b',
      // a closure or a lambda as a value, an escaped command substitution, a keyword argument
      'a = fn (string $b) => ',
      'secret = lambda x: ',
      'password=\\$(',
      '(a="b", password=c, ',
      '<masterKey a="b">\n<!-- -->',
      // users listed with passwords in one value, pppd's secrets lines, an Oracle connect string
      'u:Ab1cdefgh2,',
      '"a" b "c" ',
      'a/b@',
      // SQL rows read by their columns, Hadoop properties, LDIF's base64, `:=`, a YAML plain scalar's rest
      "INSERT INTO t (a, secret) VALUES ('x', '",
      "INSERT INTO t (a, secret) VALUES ('x', 'y'), (",
      'INSERT INTO t (a) VALUES (',
      '<name>a.password</name> <value>',
      'userPassword:: QUFB',
      'Cleartext-Password := "',
      'ssh_key: ssh-ed25519 ',
      // log shippers' directives, PHP's `?:` fallback
      '[OUTPUT]\n    Shared_Key ',
      '<match a>\n  password ',
      "x = getenv('A') ?: '",
      'A_KEY ?= ',
      'password = a&',
      // Aero's `#or [#env X "…"]`, a key decoded from a literal (Elixir), one `name=value` with punctuation
      ':api-key #or [#env A "',
      ':a #or [#env ',
      'key: Base.decode64!("',
      'SECRET_KEY = "a=b!',
      // a bare directive in an nginx-style block
      'a {\n  password x;\n',
      // a subcommand piped to after options, an indexed setting, a clear-text scheme, ODBC's PWD beside UID
      'echo "a\\nb" | p4 -u a -x passwd ',
      'echo a | b -c d -e -f g passwdx ',
      'a.password[1]=',
      'a.password={noop}',
      'UID=a\nPWD=',
      'user a\npassword ',
      // a network device's credentials
      'username a privilege 15 secret 0 ',
      ' key 7 00',
      'enable password ',
      'snmp-server user a b v3 auth sha x priv aes 128 ',
      'snmp-server community ',
      'add password a {',
      'a:ios:b:',
      // blocks that name a setting (HCL, one-line JSON), PgBouncer's userlist, a realm file, Mojolicious's list
      'a {\n  b {\n    c = "',
      '{"a":{"b":"',
      '"a" "',
      'a: b, c\n',
      "secrets => ['Ab1cdefghijklmnopqrst1', '",
      '<key>',
      '"a":"b"\n',
      'a:b,',
      'a:b:1:0:c,',
      '(defparameter *a-secret* ',
      '(def a "',
      'Worker("a", "',
      '<key name="a_password">',
      // nginx's key map, a hash with its clear text in a comment, a key's version under its element, SCRAM columns
      'map $http_x_api_key $a {\n',
      'map $http_x_api_key $a { "b" c;\n',
      'passsha256 = "0123456789abcdef0123456789abcdef" # ',
      'pass = $2b$aaaaaaaaaaaaaaaaaaaaaaaa # ',
      '<key>\n  <current>a</current>\n',
      '<a>\n',
      'INSERT INTO t (storedKey, salt) VALUES (',
      // a Terraform variable's default
      'variable "a_password" {\n',
      'variable "a_password" { default = "',
      // putenv's name=value, a hashed literal in a row and in SET, an UPDATE's SET list before a salt, a name/value record
      "putenv('A_PASSWORD=",
      "INSERT INTO u (password) VALUES (MD5('",
      'INSERT INTO u (a, b) VALUES ((((',
      'SET password = MD5(',
      "UPDATE u SET hashed_password = 'a', salt = '",
      '{ name: "Server Key", type: "a", ',
      // a settings table's rows, a Terraform state's random_password, JSON objects by name and in a list
      "INSERT INTO c (category, name, value) VALUES ('a', 'b_password', '",
      "('a', 'b_password', 'c'), ",
      '"type": "random_password",\n',
      '"type": "random_password", "result": ',
      '"a_password": {\n',
      '}, {\n',
      '{\n  "key": "a",\n',
      // Sakai's setting@component, an id in its own name
      'password@a.b=c\n',
      'a@b@c@d=',
      'a.b1c2d3.key=b1c2d3\n',
      // a client made with a login, an XML value in a child, a SIM key beside an IMSI
      'aClient(',
      'aClient(b, ("c", "',
      'aHandler("b", "',
      '<a name="b_password">\n',
      '<a name="b_password">\n  <value>',
      "imsi op: '0123456789abcdef0123456789abcdef'\n",
      // `:`-separated assignments, an object of assignments as a value, `${VAR}` before a value
      'a=b:',
      'a=${b}:c=',
      'a={b=',
      '{a={b=c}',
      "printf 'a_token = %s\\n' \"",
      "a_token=%s\\n' '",
      // EDN keywords in a map, Db2's connect
      '{:a "b" ',
      '{:a/b "c"\n :d "',
      'connect to a user b using ',
      '{:a   \n   ',
    ];
    for (const frag of fragments) inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    inputs['one long typed line'] = (n) => `a: str = ${'('.repeat(n - 9)}`;
    expect(await superLinear((t) => findEmbeddedAssignments(t), inputs)).toEqual([]);
  }, 3_600_000);

  it('files a script writes (heredocs, lines echoed into a file) and `name:secret` lines after a relay are found in linear time', async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of ["cat > a <<'EOF'\n", 'tee -a b <<-E\nx\n', '<<', 'cat > a <<EOF\nx: y\nEOF\n', "echo 'a' >> b ", 'echo "a\\"b" > c ', 'echo '])
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    expect(await superLinear((t) => writtenFiles(t), inputs)).toEqual([]);
    const pairs: Record<string, (size: number) => string> = {};
    for (const frag of ['[a.b]:25 c:Ab1cdefg\n', 'a.b ', '[', 'a:1 ', 'a.b.c']) pairs[JSON.stringify(frag)] = (n) => fill(frag, n);
    expect(await superLinear((t) => findUserPasswordPairs(t), pairs)).toEqual([]);
  }, 3_600_000);

  it("a Markdown document's commands are found in linear time", async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of ['`', '``a', '```\n', '```sh\n', '    a\n', '\n', '$ a\n', '```console\n$ a -p x\n', '`a -p x` b '])
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    expect(await superLinear((t) => markdownParts(t), inputs)).toEqual([]);
  }, 3_600_000);

  it("a sentence's credentials (a comment's, a document's prose) are read in linear time: a line of up to 400 characters", async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of ['admin / ', 'a / Ab1cdefgh ', 'password: ', 'token is ', 'login a-b-c-', 'x'.repeat(399) + '\n'])
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    const everyLine = (t: string) => t.split('\n').map((line) => findProseCredential(line) ?? findSlashedLogin(line));
    expect(await superLinear(everyLine, inputs)).toEqual([]);
  }, 3_600_000);

  it("a CSV file's secret columns are read in linear time", async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of ['a,password\n', 'user;password;', ',', 'x', '# a|token|\n']) inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    inputs['a header then rows'] = (n) => `user,password\n${fill('ab,Xk9mQ2vLp7\n', n - 14)}`;
    expect(await superLinear((t) => findCsvColumnSecrets(t), inputs)).toEqual([]);
  }, 3_600_000);

  it("a resource.cfg's macros are found in linear time", async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of ['$USER1$=', '$USER12$=Ab1cdefgh2\n', '$USER1$ = ', '$USER']) inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    inputs['one long value'] = (n) => `$USER3$=${'a'.repeat(n - 8)}`;
    expect(await superLinear((t) => findResourceMacroSecrets(t), inputs)).toEqual([]);
  }, 3_600_000);

  it("Postmark's SMTP user names are found in linear time", async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of [
      'smtp.postmarkapp.com\n',
      'smtp.postmarkapp.com\nMAIL_USERNAME=0a1b2c3d-0a1b-4c2d-8e3f-0a1b2c3d4e5f\n',
      'smtp.postmarkapp.com a',
      'smtp.postmarkapp.com\nA_B_C=0a1b2c3d-',
    ]) {
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    }
    inputs['host then one long name'] = (n) => `smtp.postmarkapp.com\n${'a'.repeat(n - 21)}`;
    expect(await superLinear((t) => postmarkUserTokens(t), inputs)).toEqual([]);
  }, 3_600_000);

  it('users sections and objects, and calls naming a setting, are found in linear time', async () => {
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of [
      'aUser',
      '[users]\n',
      '[users]\nadmin = Ab1cdefgh2, r\n',
      '"RegisteredUsers": {',
      '"Users": {"a": "Ab1cdefgh2", ',
      'UserPasswordAuth({',
      '[x]\n[users]\n',
      '[admins]\nops = Ab1cdefgh2\n',
    ]) {
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    }
    // one run of letters before a brace: where does a users object's name end (unbounded before: 48 s at 256 KB)
    inputs['letters then {'] = (n) => `${'a'.repeat(n - 1)}{`;
    expect(await superLinear((t) => findUsersSectionPasswords(t), inputs)).toEqual([]);
    const calls: Record<string, (size: number) => string> = {};
    for (const frag of ['f("a", ', 'modparam("a", "secret", "', "define('X_PASSWORD', '", "getenv('X_PASSWORD', 'a b') "]) {
      calls[JSON.stringify(frag)] = (n) => fill(frag, n);
    }
    expect(await superLinear((t) => findEmbeddedAssignments(t), calls)).toEqual([]);
  }, 3_600_000);

  it('notification-service URLs and query passwords are found in linear time', async () => {
    // thousands of URLs with no blank between them: each is followed a bounded length (quadratic before 2048 was set)
    const inputs: Record<string, (size: number) => string> = {};
    for (const frag of [
      'discord://a/Ab1cdefghijklmnop/',
      'pover://Ab1cdefghijklmno@',
      'x://h&p=abcd1234x',
      'x://h?u=a&p=Ab1cdefg',
      'tcp://h?a&',
      'redis://h?auth=Ab1cdefg',
      'tcp://',
      'discord://',
      'x://u:p@h/?a=b@c',
      'x://u:p?',
      'rtmp://h/live/Ab1cdefghijklmnop/',
      'rtmp://',
      'rtmps://h/a/b/c/',
    ]) {
      inputs[JSON.stringify(frag)] = (n) => fill(frag, n);
    }
    expect(await superLinear((t) => scanValue(t), inputs)).toEqual([]);
  }, 3_600_000);

  it('still reports recognised formats in an over-long command', () => {
    const token = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5';
    const text = fill('echo x; ', 60_000) + `git clone https://x:${token}@github.com/o/r`;
    const found = findShellCredentials(text);
    expect(found.map((c) => text.slice(c.absStart, c.absEnd))).toEqual([token]);
  });
});
