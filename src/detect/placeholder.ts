/**
 * Values that look like placeholders or well-known defaults. They are still reported (a
 * container runs with them), but the message says they look like placeholders.
 */

import { DJANGO_KEY_CHARACTERS, VALUE_PATTERNS } from './patterns.js';

/** The whole value is one recognised credential format. */
export function isWholeToken(v: string): boolean {
  return VALUE_PATTERNS.some((p) => {
    for (const m of v.matchAll(p.regex)) if (m.index === 0 && m[0].length === v.length) return true;
    return false;
  });
}

/** Whole values (compared lower-case, with `-`/`_`/space/`.` removed) that are placeholders or stock defaults. */
const EXACT = new Set([
  'changeme',
  // a documentation's stand-in (`;password=something` in a stock config's sample)
  'something',
  'somepassword',
  'somesecret',
  'changeit',
  'changethis',
  'changemenow',
  'changeme123',
  'pleasechangeme',
  'mustchange',
  'tochange',
  'replaceme',
  'replacethis',
  'updateme',
  'setme',
  'fillme',
  'fillmein',
  'editme',
  'secret',
  'secrets',
  'password',
  'passwd',
  'pass',
  'pwd',
  'token',
  'key',
  'apikey',
  'secretkey',
  'privatekey',
  'mysecret',
  'mypassword',
  'mypass',
  'mytoken',
  'mykey',
  'supersecret',
  'topsecret',
  'verysecret',
  'notsecret',
  'secret123',
  'password123',
  'password1',
  'pass123',
  'passw0rd',
  'p4ssw0rd',
  'p@ssw0rd',
  'p@ssword',
  'admin123',
  'test',
  'testing',
  'test123',
  'testpassword',
  'demo',
  'demo123',
  'example',
  'sample',
  'dummy',
  'fake',
  'foo',
  'bar',
  'baz',
  'foobar',
  'qwerty',
  'qwerty123',
  'letmein',
  'welcome',
  'welcome1',
  'abc123',
  'abcdef',
  'abcd1234',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '0000',
  '000000',
  'default',
  'admin',
  'root',
  'user',
  'guest',
  'postgres',
  'mysql',
  'mariadb',
  'redis',
  'mongo',
  'minioadmin',
  'rabbitmq',
  'elastic',
  'kibana',
  'sa',
  'todo',
  'tbd',
  'fixme',
  'xxx',
  'none',
  'empty',
  'placeholder',
  'insertkeyhere',
  'tobeset',
]);

/** Substrings (lower-case) that mark a placeholder anywhere in the value. */
const STRONG_SUBSTRINGS: readonly string[] = [
  'changeme',
  'change_me',
  'change-me',
  'changethis',
  'change_this',
  'change-this',
  'change_it',
  'changeit',
  'replace_me',
  'replace-me',
  'replaceme',
  'replace_with',
  'replace-with',
  'replacewith',
  'replace_this',
  'replace-this',
  'your_',
  'your-',
  'yourpassword',
  'yoursecret',
  'yourtoken',
  'yourkey',
  'yourapikey',
  'your.',
  'your ',
  '_here',
  '-here',
  'here_',
  'insert_',
  'insert-',
  'enter_',
  'enter-',
  'put_your',
  'put-your',
  'add_your',
  'add-your',
  'placeholder',
  'example',
  'sample',
  'dummy',
  'notreal',
  'not_real',
  'not-real',
  'fake_',
  'fake-',
  '-fake',
  '_fake',
  'todo',
  'fixme',
  'xxxx',
  '****',
  '....',
  '{{',
  '}}',
  '[your',
  'redacted',
  'generate_',
  'generate-',
  'must_be',
  'must-be',
  'mustbe',
  'set_me',
  'set-me',
  'secret_key_here',
  'please',
  'random_string',
  'random-string',
  'randomstring',
  'some_random',
  'some-random',
  'somerandom',
  'long_random',
  'long-random',
  'super-secret',
  'super_secret',
  'supersecret',
  'your-super',
  'and-random',
  'and_random',
  'alphanumeric',
  'generated',
  'changeplease',
  'insecure',
];

/**
 * Words that make a value look written by hand for a demo (`mysecretpassword`, `SomeSecretPassword`),
 * unless the whole value is a recognised token format (a Notion token starts with `secret_`).
 */
const WEAK_SUBSTRINGS: readonly string[] = ['password', 'passwd', 'secret', 'sample', 'test123', 'demo'];

/** Whole values of one repeated character (`xxxxx`, `*****`, `00000`) or a simple run. */
function isRepetitive(v: string): boolean {
  if (v.length >= 3 && /^(.)\1+$/.test(v)) return true;
  // a key of zero bytes in base64 (a test suite's `APP_KEY=base64:AAAA…A=`), its padding after the run
  if (v.length >= 16 && /^(?:base64:)?a+={1,2}$/i.test(v)) return true;
  // a count through digits, hex digits or letters, round and round (a documentation sample's
  // `0123456789abcdef0123456789abcdef01234`, certbot's Cloudflare example): ten characters or more
  if (v.length >= 10 && SEQUENCES.some((order) => isCount(v, order))) return true;
  // two characters alternating (`abababab`) or a short unit repeated (`123123123`)
  return v.length >= 6 && /^(.{1,3})\1{2,}$/.test(v);
}

const SEQUENCES = ['0123456789', '0123456789abcdef', 'abcdefghijklmnopqrstuvwxyz'];

/** Whether each character of `v` follows the one before in `order`, the first character of `order` after its last. */
function isCount(v: string, order: string): boolean {
  let at = order.indexOf(v[0]);
  if (at < 0) return false;
  for (let i = 1; i < v.length; i++) {
    at = (at + 1) % order.length;
    if (v[i] !== order[at]) return false;
  }
  return true;
}

/**
 * Placeholder-like values that are the real default credentials of widely run software (the JVM
 * truststore's `changeit`, Postgres' `postgres`, RabbitMQ's `guest`, MinIO's `minioadmin`, a
 * database's `root`): a stack that keeps one runs with a password everyone knows. Reported where
 * other placeholder-like values are not: in a file of the project no service mounts, which the
 * application reads (Spring's `application-docker.yaml`). Not in a comment: nothing runs with it
 * there, and it discloses nothing (corpus audit at d5faa8c, Penpot's commented-out MinIO service).
 */
const STOCK_DEFAULTS = new Set(['changeit', 'root', 'admin', 'guest', 'postgres', 'mysql', 'mariadb', 'minioadmin', 'rabbitmq', 'elastic', 'kibana']);

export function isStockDefault(value: string): boolean {
  return STOCK_DEFAULTS.has(
    value
      .trim()
      .replace(/^["']|["']$/g, '')
      .toLowerCase(),
  );
}

/**
 * A mark that says there is no value: a run of zeros (radiosonde_auto_rx's `aprs_pass = 00000` with APRS off), or a mark
 * written where a value was kept back (OpenEVSE's exported settings' `_DUMMY_PASSWORD`, `REDACTED`, `<masked>`, `********`).
 * A placeholder-like value in a mounted file is what the container runs with; such a mark is not.
 */
export function isNoValueMark(value: string): boolean {
  return /^0+$/.test(value) || WITHHELD_MARK.test(value) || value.trim().toLowerCase() === WORDPRESS_UNSET_PHRASE;
}
/**
 * wp-config-sample.php's value for its keys and salts: WordPress's `wp_salt()` takes a key holding it for unset and uses
 * the random one it keeps in its database instead.
 */
const WORDPRESS_UNSET_PHRASE = 'put your unique phrase here';
const WITHHELD_MARK = /^(?:[_<[(-]*(?:dummy|redacted|masked|hidden|withheld|removed|censored)(?:[_ -][a-z]{1,20})?[_>\]) -]*|\*{4,})$/i;

/** Words a hand-written stand-in for a key is made of (`django-insecure-ChangeMeInProduction2024`). */
const HAND_WRITTEN_KEY_WORDS = /change|replace|your|example|sample|secret|insecure|please|production|default|dummy|placeholder/i;

const DJANGO_KEY = new RegExp(`^django-insecure-([${DJANGO_KEY_CHARACTERS}]{40,60})$`);

/**
 * A key Django's `startproject` generated: `django-insecure-` and 50 random characters of its
 * alphabet, digits and signs among them (a hand-written `django-insecure-change-me-…` has none).
 * "insecure" warns that it is not for production; it is a real key all the same.
 */
export function isGeneratedDjangoKey(value: string): boolean {
  const m = DJANGO_KEY.exec(value);
  if (m !== null && /[0-9]/.test(m[1]) && /[!@#$%^&*(=+)]/.test(m[1])) return true;
  // the prefix before a key another generator wrote, letters of both cases and digits (`django-insecure-eOqyjejK1lmu…`)
  const other = /^django-insecure-([A-Za-z0-9_-]{40,60})$/.exec(value);
  if (other === null || HAND_WRITTEN_KEY_WORDS.test(other[1])) return false;
  // (or of small letters and digits alone, digits spread through it as a generator spreads them: `njrmemswi70u41m2…`)
  return (
    (/[a-z]/.test(other[1]) && /[A-Z]/.test(other[1]) && /\d/.test(other[1])) || (/^[a-z0-9]+$/.test(other[1]) && (other[1].match(/\d/g) ?? []).length >= 6)
  );
}

/** Values that look like placeholders: changeme, change_me, example, <your-token>, xxxx, your_password_here, ****, TODO, replace-me, secret, password… */
/** `from-env`, `set-in-env`, `overridden-by-environment`, `see-env-file` with their separators squeezed out. */
const FROM_ENVIRONMENT =
  /^(?:set|read|taken|loaded|overridden|injected|comes|provided)?(?:from|in|by|via|see)(?:the)?(?:env|environment|dotenv)(?:file|vars?|variables?)?$/;

/**
 * A word or a phrase in base64 behind an optional prefix: a documentation's stand-in, not a secret
 * (`DMS_YWNjZXNzX3Rva2Vu` is `access_token`; Supabase's documented webhook secret `v1,whsec_VGhpcyBpcyBhbi…`
 * is "This is an example of a shorter Base64 string"). Random bytes are letters and blanks alone by chance
 * about once in ten thousand values of the shortest length read, and far less often for longer ones.
 */
export function isEncodedWord(value: string): boolean {
  const body = value.replace(/^(?:v\d{1,2},)?[A-Za-z]{2,8}_/, '');
  if (!/^[A-Za-z0-9+/]{8,88}={0,2}$/.test(body)) return false;
  const decoded = Buffer.from(body, 'base64').toString('latin1');
  // digits only in a sentence ("… a shorter Base64 string"), where random bytes never fall
  return /^[a-z][a-z0-9_ ,.'-]{3,63}$/i.test(decoded) && (!/\d/.test(decoded) || / [a-z]+ /i.test(decoded));
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (!v) return false;
  if (isGeneratedDjangoKey(v)) return false;
  const lower = v.toLowerCase();
  const squeezed = lower.replace(/[-_ .]/g, '');
  if (EXACT.has(squeezed)) return true;
  // an instruction where the value goes (`from-env`, `set-in-environment`, `see .env`): node-config's and others' stand-in
  if (FROM_ENVIRONMENT.test(squeezed)) return true;
  if (isRepetitive(lower)) return true;
  if (isEncodedWord(v)) return true;
  if (/^<.*>$|^\[.*\]$|^\$\{.*\}$|^%.*%$/.test(v)) return true;
  if (/<[A-Za-z][A-Za-z0-9 _.-]{2,}>/.test(v)) return true; // <your-token> inside a URL or string
  // the AWS documentation keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
  if (/EXAMPLE/.test(v)) return true;
  if (STRONG_SUBSTRINGS.some((s) => lower.includes(s))) return true;
  return WEAK_SUBSTRINGS.some((s) => lower.includes(s)) && !isWholeToken(v);
}
