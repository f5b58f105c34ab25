/**
 * What the structure of a file a service reads says about its settings, beyond their names: the
 * halves of key pairs set side by side (`ApiKey` beside `ApiSecret`), the ranges a SealedSecret
 * encrypts, settings that describe their parent in words, and the vocabulary of settings files.
 */
import type { MountedFile } from '../model/model.js';
import type { TreeNode } from '../model/tree.js';
import { get } from '../model/tree.js';
import { findEmbeddedAssignments } from './embedded.js';
import { HALF_QUALIFIERS, secretHalves } from './key-pairs.js';
import { classifyKey, HASH_WORDS, splitWords } from './keys.js';

/** The names of a file's settings (its assignments, its YAML/JSON keys) that are the secret half of a key pair (key-pairs.ts). */
export function fileSecretHalves(mounted: MountedFile, text: string): ReadonlySet<string> {
  if (!/secret/i.test(text)) return new Set();
  const names: { key: string; value?: { value: unknown } }[] = findEmbeddedAssignments(text).map((a) => ({
    key: a.name,
    value: { value: text.slice(a.start, a.end) },
  }));
  const walk = (node: TreeNode | null | undefined, depth: number): void => {
    if (node?.kind !== 'map' || depth > 12) return;
    for (const e of node.entries) {
      if (e.value?.kind === 'scalar') names.push({ key: String(e.key), value: { value: e.value.value } });
      else walk(e.value, depth + 1);
    }
  };
  for (const root of mounted.roots ?? []) walk(root, 0);
  // an OAuth 1.0a consumer secret read from anywhere (`GARMIN_CONSUMER_SECRET = os.environ.get(…)`): its consumer key beside
  // it is the application's identifier, sent with every request
  for (const m of text.matchAll(CONSUMER_SECRET_SETTING)) names.push({ key: m[1] });
  return secretHalves(names);
}

/** A setting named for an OAuth consumer secret, whatever it is set to. */
const CONSUMER_SECRET_SETTING = /^[ \t]*["']?([A-Za-z_][\w.-]{0,60}consumer[_.-]?secret)["']?[ \t]*[:=]/gim;

/** A name a settings file uses: one the key classifier has a word for, or a word of its vocabulary (`type`, `ssid`, `url`, `host`). */
export function isSettingName(name: string): boolean {
  const v = classifyKey(name);
  return v.sensitive || v.reason !== undefined || splitWords(name).some((w) => SETTING_WORDS.has(w));
}
const SETTING_WORDS = new Set([
  'type',
  'ssid',
  'url',
  'uri',
  'host',
  'port',
  'email',
  'mail',
  'user',
  'username',
  'project',
  'region',
  'endpoint',
  'domain',
  'path',
  'version',
  'enabled',
  'mode',
  'level',
]);

/** The settings that describe what their parent is, in words. */
export const DESCRIBING = /^(?:description|desc|comments?|title|notes?|summary|help|hint|display[_-]?name|caption)$/i;

/**
 * The value ranges of the key halves of pairs set in one YAML/JSON map: `ApiKey` beside `ApiSecret`,
 * `key` beside `secret`, `ConsumerKey` beside `ConsumerSecret` (the map names the API: `Sms: {Provider:
 * Vonage, ApiKey, ApiSecret}`).
 */
export function siblingKeyHalves(mounted: MountedFile): [number, number][] {
  const out: [number, number][] = [];
  const stem = (k: string, last: string) => {
    const w = splitWords(k);
    return w.length <= 2 && w[w.length - 1] === last && (w.length === 1 || HALF_QUALIFIERS.has(w[0])) ? w.slice(0, -1).join('_') : undefined;
  };
  const walk = (node: TreeNode | null | undefined, depth: number): void => {
    if (node?.kind !== 'map' || depth > 12) return;
    const secrets = new Set<string>();
    for (const e of node.entries) {
      // (a bare `key` beside a `shared_secret`: Flickr's pair, as its API names them)
      const s = splitWords(String(e.key)).join('_') === 'shared_secret' ? '' : stem(String(e.key), 'secret');
      if (s !== undefined && e.value?.kind === 'scalar' && e.value.value) secrets.add(s);
    }
    for (const e of node.entries) {
      if (e.value?.kind !== 'scalar') walk(e.value, depth + 1);
      else if (secrets.size && secrets.has(stem(String(e.key), 'key') ?? '\u0000')) out.push([e.value.origin.range[0], e.value.origin.range[1]]);
    }
  };
  for (const root of mounted.roots ?? []) walk(root, 0);
  return out;
}

/** The last segment of a dotted key path (`Vonage.ApiKey` → `ApiKey`). */
export function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** The source ranges of the `spec.encryptedData` of a file's Bitnami SealedSecret documents. */
export function sealedRanges(mounted: MountedFile): [number, number][] {
  const out: [number, number][] = [];
  for (const root of mounted.roots ?? []) {
    const kind = get(root, 'kind');
    if (kind?.kind !== 'scalar' || kind.value !== 'SealedSecret') continue;
    const data = get(get(root, 'spec'), 'encryptedData');
    if (data) out.push([data.origin.range[0], data.origin.range[1]]);
  }
  return out;
}

/**
 * The source ranges of salts stored beside the hash they salt (`password_hash` and `password_salt` of one user,
 * Lucee's `hspw` (its hashed password) and `salt`: a setting named by a hash word of keys.ts beside a salt): the salt is kept with the hash by design, and the password is in neither.
 */
/** The parameters a key derivation function stores beside its salt (scrypt's `n`, `r`, `p`, `dklen`; PBKDF2's `c`, `prf`). */
const KDF_PARAMETERS = new Set(['dklen', 'n', 'r', 'p', 'c', 'prf', 'iterations', 'keylen', 'memory', 'parallelism']);

export function storedSaltRanges(mounted: MountedFile): [number, number][] {
  const out: [number, number][] = [];
  const walk = (node: TreeNode | null | undefined, depth: number): void => {
    if (!node || depth > 12) return;
    if (node.kind === 'seq') for (const item of node.items) walk(item, depth + 1);
    if (node.kind !== 'map') return;
    // a stored hash: sixteen characters or more, not the name of the function (Snowplow's `"hashFunction": "SHA-256"` beside
    // its pseudonymisation salt, which is a secret)
    const hashed =
      node.entries.some(
        (e) =>
          e.value?.kind === 'scalar' && String(e.value.value ?? '').length >= 16 && splitWords(String(e.key)).some((w) => HASH_WORDS.has(w) || w === 'hspw'),
      ) ||
      // a key derivation's parameters (an Ethereum keystore's `kdf.params`: `dklen`, `n`, `r`, `p`; PBKDF2's `c`): its salt is
      // stored in the clear beside the ciphertext by design
      node.entries.filter((e) => KDF_PARAMETERS.has(String(e.key).toLowerCase())).length >= 2;
    for (const e of node.entries) {
      if (e.value?.kind !== 'scalar') walk(e.value, depth + 1);
      else if (hashed && classifyKey(String(e.key)).kind === 'salt') out.push([e.value.origin.range[0], e.value.origin.range[1]]);
    }
  };
  for (const root of mounted.roots ?? []) walk(root, 0);
  return out;
}
