import { isObjectStoreName, keyQualifierKind, splitWords } from './keys.js';

/**
 * Key pairs: an API names its two halves `*_KEY` and `*_SECRET` (Vonage, LiveKit, Pusher,
 * Cloudinary, WooCommerce's consumer key, S3's access key). Where both are set side by side, the
 * key is the half that identifies the account (sent in clear with every request, often shipped to
 * browsers) and the secret is the half that proves it. The secret is reported; the key is judged
 * by its value alone, like any identifier (a `sk_live_…` in it is still found).
 */

/** Words between the API's name and `key`/`secret` that say which half of the pair it is. */
export const HALF_QUALIFIERS: ReadonlySet<string> = new Set(['api', 'app', 'access', 'consumer', 'client', 'site', 'application']);

/** Owners of keys that are secrets whatever API they serve (`ADMIN_KEY`, `SSH_KEY`, `FERNET_KEY`). */
const SECRET_KEY_OWNERS = new Set(['fernet', 'cookie', 'webhook', 'admin', 'root', 'service', 'server', 'rsa', 'ssh', 'tls', 'ssl']);

/**
 * Words that make a `*_KEY` a secret in its own right, whatever sits beside it: the qualifiers that
 * make `key` a secret noun (keys.ts: `SIGNING_KEY`, `MASTER_KEY`…), but for the halves' own, and
 * owners of keys that are secrets whatever API they serve.
 */
function makesKeySecret(word: string): boolean {
  return (keyQualifierKind(word) !== undefined && !HALF_QUALIFIERS.has(word)) || SECRET_KEY_OWNERS.has(word);
}

/**
 * Keys named like a pair's identifying half that are secrets beside their `_SECRET` all the same: Canvas's RCE API signs
 * its tokens with `ECOSYSTEM_KEY` and encrypts them with `ECOSYSTEM_SECRET`.
 */
const SECRET_KEYS_BESIDE_SECRET = new Set(['ecosystem_key']);

/** The API's name in a `<api>[_<qualifier>]_KEY` name; undefined for other names or a key that is a secret itself. */
function pairPrefix(name: string): string[] | undefined {
  const words = splitWords(name);
  if (words.length < 2 || words[words.length - 1] !== 'key' || SECRET_KEYS_BESIDE_SECRET.has(words.join('_'))) return undefined;
  // the word before `key` says what key it is (`SIGNING_KEY`, `AUTH_KEY`); an owner anywhere (`SSH_HOST_KEY`): but
  // `SOCIAL_AUTH_GITHUB_KEY` is GitHub's key of python-social-auth, the client id beside `…_SECRET`
  if (makesKeySecret(words[words.length - 2]) || words.some((w) => SECRET_KEY_OWNERS.has(w))) return undefined;
  const prefix = words.slice(0, -1);
  // `APP_KEY` alone names no API (Laravel's application key is a secret)
  return prefix.length > 1 || !HALF_QUALIFIERS.has(prefix[0]) ? prefix : undefined;
}

/**
 * The API names that have a secret half among `entries` (`VONAGE_API_SECRET` gives `vonage`,
 * `S3_SECRET_ACCESS_KEY` gives `s3`, `PUSHER_APP_SECRET` gives `pusher` and `pusher_app`).
 */
export function secretHalves(
  entries: Iterable<{ key: string; value?: { value: unknown; interpolation?: { vars: readonly { name: string }[] } } }>,
): ReadonlySet<string> {
  const out = new Set<string>();
  const names: string[] = [];
  for (const entry of entries) {
    // an empty secret is no half of anything (`IMGPROXY_SECRET: ""` beside imgproxy's signing key), nor one read from an
    // unset variable: a vendor's API key beside it is a secret of its own to the labelled sets (Mailjet's, Bookeo's). An
    // object store's is the exception: its key beside its secret is the access key's id (`…_S3_KEY=${S3_STORAGE_KEY:?}`)
    if (entry.value && (entry.value.value === '' || entry.value.value === null)) {
      if (!entry.value.interpolation?.vars.length || !isObjectStoreName(entry.key)) continue;
    }
    names.push(entry.key);
    // the variables it reads are named in pairs too (`…_KEY=${S3_STORAGE_KEY}` beside `…_SECRET=${S3_STORAGE_SECRET}`)
    for (const v of entry.value?.interpolation?.vars ?? []) names.push(v.name);
  }
  for (const name of names) {
    const words = splitWords(name);
    // the secret given as a file (`ANTARES_API_SECRET_FILE: /run/secrets/…`) is the secret half all the same
    if (words.length > 2 && words[words.length - 1] === 'file') words.pop();
    const lastSecret = words.lastIndexOf('secret');
    if (lastSecret < 1) continue;
    let start = words.length;
    // Last.fm's, Shopify's `…_SHARED_SECRET` is the secret half of their `…_API_KEY`
    while (start > 1 && (words[start - 1] === 'secret' || words[start - 1] === 'key' || words[start - 1] === 'shared' || HALF_QUALIFIERS.has(words[start - 1])))
      start--;
    // `FERNET_KEY_SECRET` is where a fernet key is kept, not the other half of one; an OAuth client's secret
    // (`BENCHLING_CLIENT_SECRET`) is the other half of its client's id or key, not of the API's key
    for (let i = start; i <= lastSecret; i++) if (words[i] !== 'key' && !words.slice(i, lastSecret).includes('client')) out.add(words.slice(0, i).join('_'));
    // a shared secret's other half is the API key (`LASTFM_SHARED_SECRET` beside `LASTFM_API_KEY`), in a configuration file too
    if (words[lastSecret - 1] === 'shared' && lastSecret > 1) out.add([...words.slice(0, lastSecret - 1), 'api'].join('_'));
  }
  return out;
}

/**
 * Whether `name` is the identifying half of a key pair whose secret half is set beside it
 * (`secretHalves` of the other names of the same environment or env file).
 */
export function isKeyOfPair(name: string, secretHalvesBeside: ReadonlySet<string>, exact = false): boolean {
  if (!secretHalvesBeside.size) return false;
  // `X_AUTH_KEY` beside `X_AUTH_SECRET`: an HMAC scheme's key id and secret (alone, WordPress's AUTH_KEY is a secret)
  const words = splitWords(name);
  if (words.length > 2 && words[words.length - 1] === 'key' && words[words.length - 2] === 'auth' && secretHalvesBeside.has(words.slice(0, -1).join('_')))
    return true;
  const prefix = pairPrefix(name);
  if (!prefix) return false;
  // `PUSHER_APP_KEY` beside `PUSHER_APP_SECRET` or `PUSHER_SECRET`; `exact`: only the first (in a
  // configuration file, OVH's `dns_ovh_consumer_key` is a secret of its own beside the application's pair). An OAuth
  // consumer's key pairs with its consumer's secret only: beside another's (`OVH_CONSUMER_KEY` beside
  // `OVH_APPLICATION_SECRET`) it is a token of its own
  const last = prefix[prefix.length - 1];
  return (
    secretHalvesBeside.has(prefix.join('_')) ||
    (!exact && prefix.length > 1 && HALF_QUALIFIERS.has(last) && last !== 'consumer' && secretHalvesBeside.has(prefix.slice(0, -1).join('_')))
  );
}

/**
 * A bare `api_key` (`API_KEY`, `apiKey`) whose `api_secret` is set on its line or within three lines of it at the same
 * indentation (a script's `API_KEY = "…"` then `API_SECRET = "…"`, a settings dict's `'api_key': …,` then `'api_secret': …`):
 * the pair's identifying half. A bare name says no API, so only the secret set right beside it is its other half (another
 * mapping's, or one further on, is another API's).
 */
export function isBareApiKeyBesideSecret(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  if (!BARE_API_KEY.test(before)) return false;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (API_SECRET_SET.test(line)) return true;
  // a mapping opened on the key's line (`"Lasair": {"api_key": "…"}`) holds no secret of the lines around it
  if (before.includes('{')) return false;
  const indent = /^[ \t]*/.exec(line)![0];
  const from = Math.max(0, lineStart - 600);
  const lines = text.slice(from, Math.min(text.length, lineStart + line.length + 600)).split('\n');
  const here = text.slice(from, lineStart).split('\n').length - 1;
  for (let i = Math.max(0, here - 3); i <= Math.min(lines.length - 1, here + 3); i++) {
    if (i !== here && lines[i].startsWith(indent) && !/^[ \t]/.test(lines[i].slice(indent.length)) && API_SECRET_SET.test(lines[i])) return true;
  }
  return false;
}
/** The line before a value, naming it a bare API key (`API_KEY = "`, `'api_key': '`, `"apiKey": "`). */
const BARE_API_KEY = /(?:^|[\s{,])["']?(?:api_key|API_KEY|apiKey|ApiKey)["']?[ \t]*(?:[:=]|=>)[ \t]*["']?$/;
/** A bare API secret set to something (`API_SECRET = "…"`, `'api_secret': os.getenv(…)`), not left empty. */
const API_SECRET_SET = /(?:^|[\s{,])["']?(?:api_secret|API_SECRET|apiSecret|ApiSecret)["']?[ \t]*(?:[:=]|=>)[ \t]*(?!["']["']|None\b|null\b|nil\b|$)\S/;
