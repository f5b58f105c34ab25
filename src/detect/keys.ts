/**
 * Judging a variable / build-arg / label / option name: does it hold a secret?
 *
 * The name is split into lower-case words (`_ . - __`, camelCase, and known compounds such as
 * `APIKEY`, `REDISPASS`, `adminPasswd`). The rightmost secret noun (password, secret, token, a
 * qualified key, …) decides, and the words after it say whether the name holds the secret itself
 * (`DB_PASSWORD`, `SECRET_KEY_BASE`) or a setting about it (`TOKEN_TTL`, `PASSWORD_FILE`,
 * `PASSWORD_MIN_LENGTH`). Words before it can turn it into a flag (`MYSQL_ALLOW_EMPTY_PASSWORD`)
 * or a public value (`PUBLIC_KEY`, `NEXT_PUBLIC_*`).
 *
 * Every word list is data at the top of this file, meant to be reviewed as such.
 */

import { detached } from './text-memo.js';
import { dictionary } from '../dictionary.js';

export type SecretKind =
  | 'password'
  | 'secret'
  | 'token'
  | 'api-key'
  | 'access-key'
  | 'private-key'
  | 'client-secret'
  | 'credentials'
  | 'encryption-key'
  | 'signing-key'
  | 'salt'
  | 'cookie-secret'
  | 'connection-string'
  | 'webhook'
  | 'license-key';

export interface KeyVerdict {
  sensitive: boolean;
  kind?: SecretKind;
  /** why it is not sensitive, e.g. 'reference (*_FILE)' */
  reason?: string;
  /**
   * Only from nameLooseness, not classifyKey. How loosely a sensitive name says "secret", so the value must look like one:
   * - 'name': the noun is vague about what it holds (`*_AUTH`, `*_CREDENTIALS`, a `*_KEY` whose
   *   qualifier says nothing, a numeric-id-prone `*_API_KEY`): a word or a name is a setting
   *   (`CLIENT_AUTH: requested`, `SSL_KEY_CREDENTIALS: key_creds`, `IDENTIFIER_KEY: email`)
   * - 'tail': a secret noun followed by a word that is no known tail (`SECRET_PERSISTENCE`):
   *   an upper-case enum constant (`VAULT`) is a setting
   */
  loose?: 'name' | 'tail';
  /** The deciding noun is `key`/`keys` (a numeric value is an identifier: a Cloudinary API key). */
  keyNoun?: boolean;
}

/**
 * What a sensitive name says about the shape its value must have (see KeyVerdict.loose).
 * `countable`: the name is a token's or a key's, whose values are never a short number; a short
 * number there is a count, a size or a level (`CHUNK_TOKENS: 512`), where under a password's name
 * it is a weak password (`password=1003`).
 * `name`: the name itself (a value that repeats it in capitals, `paze_private_key = "PAZE_PRIVATE_KEY"`, is a template's
 * placeholder).
 * `cookie`: the name is a cookie's, which names the cookie as often as it holds its secret: words joined in lower case
 * (`field_sid`, `app_session`) are the cookie's name; an Erlang cookie or a cookie secret is generated.
 */
export type Looseness = Pick<KeyVerdict, 'loose' | 'keyNoun'> & { countable?: true; cookie?: true; name?: string };

/** Kinds whose values are generated, never a number of a few digits. */
const COUNTABLE_KINDS: ReadonlySet<SecretKind> = new Set(['token', 'api-key', 'access-key', 'encryption-key', 'signing-key', 'private-key']);

/** How each kind reads in a message: "DB_PASSWORD holds a hardcoded password", "… an API key". */
export const KIND_DESCRIPTION: Readonly<Record<SecretKind, string>> = {
  password: 'password',
  secret: 'secret',
  token: 'token',
  'api-key': 'API key',
  'access-key': 'access key',
  'private-key': 'private key',
  'client-secret': 'client secret',
  credentials: 'credential',
  'encryption-key': 'encryption key',
  'signing-key': 'signing key',
  salt: 'salt',
  'cookie-secret': 'cookie secret',
  'connection-string': 'connection string',
  webhook: 'webhook URL',
  'license-key': 'license key',
};

/** The message wording of a kind ('secret' when unknown). */
export function describeKind(kind: SecretKind | undefined): string {
  return kind ? KIND_DESCRIPTION[kind] : 'secret';
}

// ───────────────────────────── word lists (data) ─────────────────────────────

/**
 * Nouns that name a secret wherever they stand, as long as the words after them are not a
 * setting (`DB_PASSWORD`, `_APP_DB_PASS_VECTORSDB`, `SERVICE_PASSWORD_ADMIN`).
 */
const STRONG_NOUNS: Readonly<Record<string, SecretKind>> = dictionary({
  pat: 'token', // personal access token (GITHUB_PAT, NUGET_FEED_PAT)
  password: 'password',
  passwords: 'password',
  passwd: 'password',
  passwds: 'password',
  pass: 'password',
  passw: 'password',
  pword: 'password',
  pwd: 'password',
  pw: 'password',
  psw: 'password',
  passphrase: 'password',
  passcode: 'password',
  // the password's word in German and Dutch (Solaranzeige's `$MQTTKennwort`, `DB_PASSWORT`)
  passwort: 'password',
  kennwort: 'password',
  wachtwoord: 'password',
  keyphrase: 'password', // a passphrase under another name (Self Service Password's token keyphrase)
  passin: 'password', // OpenSSL's -passin/-passout, Easy-RSA's EASYRSA_PASSIN: the pass phrase given in (pass:x)
  passout: 'password',
  requirepass: 'password', // redis / dragonfly / keydb config name
  masterauth: 'password', // redis replica password
  secret: 'secret',
  secrets: 'secret',
  token: 'token',
  tokens: 'token',
  salt: 'salt',
  pepper: 'salt',
  credential: 'credentials',
  credentials: 'credentials',
  creds: 'credentials',
  cred: 'credentials',
  psk: 'secret', // pre-shared key (IPsec, WireGuard)
  gslt: 'token', // a Steam game server login token (`GSLT_TF2_1`, `SRCDS_GSLT`): it lists the server under its owner's account
  oinkcode: 'secret', // a Snort or Proofpoint ET Pro rules subscription's code (`ET_PRO_OINKCODE`): it downloads the paid rules
  authtok: 'password', // PAM's and SSSD's authentication token: the password (`ldap_default_authtok`)
  kek: 'encryption-key', // key-encryption key (a key vault's static KEK: `ns-kek`)
  hmac: 'signing-key', // an HMAC key given as `hmac`/`hmacEncoded` (ACME EAB)
  macaroon: 'token', // a bearer credential (LND, Lightning): whoever holds it has the rights it names
  mnemonic: 'private-key', // a wallet's seed phrase (BIP-39) is its private key
  seedphrase: 'private-key',
  otpseed: 'secret', // a one-time password token's seed: the secret its codes are computed from (see OTP_WORDS)
  nsec: 'private-key', // a Nostr secret key (NIP-19's `nsec1…`; the public key is the `npub`)
  nodekey: 'private-key', // an Ethereum client's devp2p node key (geth's `--nodekey`, `nodekeyhex`): the node's identity
  nodekeyhex: 'private-key',
  testnodekey: 'private-key', // Nethermind's `KeyStoreConfig.TestNodeKey`: the node key given in the configuration
});

/**
 * Nouns that name a secret only as the last meaningful word: `RABBITMQ_ERLANG_COOKIE` is one,
 * `SESSION_COOKIE_NAME` is not; `NEO4J_AUTH` (user/password) is one, `AUTH_TYPE` is not.
 * Booleans assigned to them (`BASIC_AUTH: "true"`) are filtered by the value judge.
 */
const WEAK_NOUNS: Readonly<Record<string, SecretKind>> = dictionary({
  cookie: 'cookie-secret',
  jwt: 'token',
  bearer: 'token',
  auth: 'credentials',
  authorization: 'credentials',
  basicauth: 'credentials',
  phpsessid: 'token', // an account's PHP session cookie (Danbooru's `PIXIV_PHPSESSID` fetches as it); not a `SESSION_ID`, nor `PHPSESSID` alone
  passkeys: 'token', // Komodo Periphery's `PERIPHERY_PASSKEYS`: the keys Core authenticates with
  passkey: 'token', // a private tracker's passkey (in its announce URLs); WebAuthn's `PASSKEY_ENABLED` has a setting after it
  rune: 'token', // Core Lightning's rune: a bearer credential with the rights it names (`CLN_RUNE`)
  license: 'license-key', // a product's licence code (`SENDY_LICENSE`); `ACCEPT_LICENSE: yes`, `LICENSE: MIT` are words the value judge leaves
  licence: 'license-key',
});

/** Key systems and protocols after which `private` alone is the private key (`vapidPrivate`, `WG_PRIVATE`). */
const PRIVATE_KEY_SYSTEMS = new Set(['vapid', 'wg', 'wireguard', 'ssh', 'rsa', 'ecdsa', 'ed25519', 'pgp', 'gpg', 'nostr', 'tls', 'ssl', 'jwt', 'jwk']);

/** `key`/`keys` is a secret noun when qualified; the qualifier picks the kind. */
const KEY_QUALIFIER_KIND: Readonly<Record<string, SecretKind>> = dictionary({
  api: 'api-key',
  access: 'access-key',
  secret: 'secret',
  private: 'private-key',
  priv: 'private-key',
  signing: 'signing-key',
  sign: 'signing-key',
  sig: 'signing-key',
  signature: 'signing-key',
  hmac: 'signing-key',
  jwt: 'signing-key',
  encryption: 'encryption-key',
  encrypt: 'encryption-key',
  enc: 'encryption-key',
  crypto: 'encryption-key',
  crypt: 'encryption-key',
  cipher: 'encryption-key',
  aes: 'encryption-key',
  openssl: 'encryption-key',
  vault: 'encryption-key',
  creds: 'encryption-key',
  app: 'encryption-key', // Laravel APP_KEY
  master: 'secret',
  session: 'secret',
  cookie: 'cookie-secret', // YOURLS_COOKIEKEY
  join: 'secret', // a cluster's join key (Artifactory, Consul gossip) admits a node
  shared: 'secret',
  unseal: 'secret',
  auth: 'secret',
  license: 'license-key',
  licence: 'license-key',
  salt: 'salt',
  stream: 'secret', // a streaming server's publish key (Owncast `-streamkey`, RTMP `streamkey`)
  secretbox: 'encryption-key', // libsodium's secret-box key (LimeSurvey `encryptionsecretboxkey`)
});

/** The kind of secret a qualifier makes of `key` (`signing` makes a signing key), if it makes one. */
export function keyQualifierKind(word: string): SecretKind | undefined {
  return Object.hasOwn(KEY_QUALIFIER_KIND, word) ? KEY_QUALIFIER_KIND[word] : undefined;
}

const CAPTCHA_SITE_KEY = 'CAPTCHA site key (public by design; the *_SECRET is the secret)';

/**
 * Qualifiers that make `*_KEY` a non-secret: public halves of key pairs, keys the frontend
 * ships to every browser, and keys in the data-structure sense.
 */
const NON_SECRET_KEY_QUALIFIERS: Readonly<Record<string, string>> = dictionary({
  public: 'public key',
  pub: 'public key',
  publishable: 'publishable key (public by design)',
  site: 'site key (public by design)',
  anon: 'anonymous key (public by design)',
  prefix: 'key prefix',
  cache: 'cache key',
  partition: 'partition key',
  sort: 'sort key',
  // a DynamoDB table's `range_key` (its sort key's attribute name, Terraform's aws_dynamodb_table)
  range: 'sort key',
  shard: 'shard key',
  sharding: 'shard key',
  routing: 'routing key',
  foreign: 'foreign key',
  hot: 'hotkey',
  shortcut: 'shortcut key',
  keyboard: 'keyboard key',
  modifier: 'modifier key',
  lookup: 'lookup key',
  index: 'index key',
  idempotency: 'idempotency key',
  dedup: 'deduplication key',
  dedupe: 'deduplication key',
  i18n: 'translation key',
  translation: 'translation key',
  locale: 'translation key',
  object: 'object key',
  oauth: 'OAuth client key (an identifier; the *_SECRET is the secret)',
  oauth1: 'OAuth client key (an identifier; the *_SECRET is the secret)',
  oauth2: 'OAuth client key (an identifier; the *_SECRET is the secret)',
  captcha: CAPTCHA_SITE_KEY,
  instrumentation: 'instrumentation key (an identifier: Application Insights)',
  browser: 'browser key (public by design, restricted by referrer)',
  frontend: 'frontend key (public by design)',
  javascript: 'JavaScript key (shipped in the web app, public by design)',
  tokenization: 'tokenization key (client-side, public by design)',
  recaptcha: CAPTCHA_SITE_KEY,
  hcaptcha: CAPTCHA_SITE_KEY,
  // a project's key in an issue tracker, a code analyser or a session recorder (SonarQube's `sonar.projectKey`, OpenReplay's
  // tracker `projectKey`): which project, not a credential
  project: 'project key (an identifier)',
  // a column or field that holds a setting's name (`INSERT INTO ip_settings (setting_key, setting_value)`, WordPress's `meta_key`)
  setting: "setting's name",
  settings: "setting's name",
  meta: "field's name",
  option: "option's name",
  param: "parameter's name",
  parameter: "parameter's name",
  property: "property's name",
  // `FILTER_VERSION_KEY: ztf_partnership_v3`, Mongoose's `versionKey`; hydrus's `ACCOUNT_TYPE_KEY`, a `CONTENT_TYPE_KEY`
  version: 'version key (names a version)',
  type: 'type key (names a kind of thing)',
});

/** What a PIN unlocks, written before `pin`. */
const PIN_OWNERS = new Set(['pkcs11', 'hsm', 'sim', 'card', 'smartcard', 'token', 'user', 'so', 'admin', 'login', 'security', 'softhsm', 'yubikey', 'piv']);

/** The access an SNMP community gives, written before `community`. */
const SNMP_ACCESS = new Set(['read', 'write', 'ro', 'rw', 'readonly', 'readwrite', 'trap']);

/** Vendors of the Pusher protocol, whose `*_APP_KEY` is public (sent to browsers); `*_APP_SECRET` is the secret. */
const PUSHER_PROTOCOL = new Set(['pusher', 'soketi', 'reverb', 'ably']);

/**
 * Vendors whose `*_API_KEY` names the account, sent in clear with every request, and whose `*_API_SECRET` signs it:
 * LiveKit's `API…` key, Shopify's (the app's client id), Vonage's, crypto exchanges' (Binance's `X-MBX-APIKEY` header).
 */
const KEY_ID_VENDORS = new Set([
  'livekit',
  'shopify',
  'vonage',
  'nexmo',
  'binance',
  'bybit',
  'kraken',
  'kucoin',
  'okx',
  'bitget',
  'bitfinex',
  'huobi',
  'mexc',
  'bitmex',
  'deribit',
]);

/** Qualifiers of `token` / `pass` that make them public or a different thing. */
const PUBLIC_QUALIFIERS = new Set(['public', 'publishable', 'pub', 'frontend', 'browser', 'anon']);

/** Words after `secret`/`client`/`cookie` that refine the kind. */
const SECRET_QUALIFIER_KIND: Readonly<Record<string, SecretKind>> = dictionary({
  client: 'client-secret',
  cookie: 'cookie-secret',
  jwt: 'signing-key',
  signing: 'signing-key',
  hmac: 'signing-key',
  encryption: 'encryption-key',
});

/**
 * Words after the secret noun that keep the name a secret: encodings, versions, roles and
 * environments (`SECRET_KEY_BASE`, `_APP_OPENSSL_KEY_V1`, `PRIVATE_KEY_HEX`, `API_KEY_READ_ONLY`).
 */
const NEUTRAL_TAIL = new Set([
  'base',
  'value',
  'val',
  'b64',
  'base64',
  'hex',
  'raw',
  'plain',
  'plaintext',
  // SonarQube's convention for a setting that holds a secret (`sonar.email.smtp_password.secured`)
  'secured',
  'str',
  'string',
  'data',
  'content',
  'contents',
  'text',
  'literal',
  'primary',
  'secondary',
  'old',
  'new',
  'current',
  'prev',
  'previous',
  'next',
  'legacy',
  'fallback',
  'default',
  'override',
  'overwrite',
  'admin',
  'root',
  // whose password, as database images name their roles (`PGPASSWORD_SUPERUSER`, `REPMGR_PASSWORD_STANDBY`)
  'superuser',
  'su',
  'replication',
  'replica',
  'standby',
  'owner',
  'operator',
  'monitor',
  'monitoring',
  'reader',
  'writer',
  'guest',
  'dev',
  'prod',
  'production',
  'staging',
  'test',
  'local',
  'global',
  'internal',
  'external',
  'main',
  'backup',
  'asymmetric',
  'symmetric',
  'read',
  'write',
  'only',
  'readonly',
  'readwrite',
  'ro',
  'rw',
  'pem',
  'der',
  'jwk',
  'jwks',
  'json',
  'list',
  'set',
  'pair',
  'key',
  'keys',
  'secret',
  'secrets',
]);

/**
 * Words after the secret noun that make the name a setting or a reference, with the reason
 * reported. The last meaningful word decides: `TOKEN_TTL`, `PASSWORD_FILE`, `API_KEY_HEADER`.
 */
const SETTING_TAIL: Readonly<Record<string, string>> = dictionary({
  // references: the value points at the secret, it is not the secret
  file: 'reference (*_FILE)',
  files: 'reference (*_FILE)',
  filename: 'reference (*_FILE)',
  filepath: 'reference (*_PATH)',
  path: 'reference (*_PATH)',
  paths: 'reference (*_PATH)',
  dir: 'reference (*_DIR)',
  directory: 'reference (*_DIR)',
  folder: 'reference (*_DIR)',
  location: 'reference (*_PATH)',
  region: 'setting (cloud region)',
  zone: 'setting (cloud zone)',
  mount: 'reference (mount)',
  volume: 'reference (mount)',
  env: 'reference (names another variable)',
  var: 'reference (names another variable)',
  variable: 'reference (names another variable)',
  ref: 'reference',
  reference: 'reference',
  source: 'reference (source setting)',
  stdin: 'reference (read from stdin)',
  cmd: 'reference (command that prints the secret)',
  command: 'reference (command that prints the secret)',
  script: 'reference (command that prints the secret)',
  helper: 'reference (command that prints the secret)',
  exec: 'reference (command that prints the secret)',
  program: 'reference (command that prints the secret)',
  store: 'setting (secret store)',
  stores: 'setting (secret store)',
  // Opencast's `credentialDatastore=youtube-v3`: the name of the store that keeps them
  datastore: 'setting (secret store)',
  storage: 'setting (secret store)',
  // identifiers
  name: 'identifier (*_NAME)',
  names: 'identifier (*_NAME)',
  // a key's alias in a keystore (`signing-key-alias`): which key, not the key
  alias: 'identifier (*_ALIAS)',
  id: 'identifier (*_ID)',
  ids: 'identifier (*_ID)',
  // PostGraphile's `--jwt-token-identifier app_public.jwt_token`: the name of the token's type, an API key's identifier
  identifier: 'identifier (*_IDENTIFIER)',
  // what a pre-shared key is known by (Zabbix `TLS_PSK_IDENTITY`, stunnel's identity): sent in the clear with each handshake
  identity: 'identifier (*_IDENTITY)',
  kid: 'identifier (key id)',
  arn: 'identifier (ARN)',
  uid: 'identifier (*_ID)',
  // Twilio's and jambonz's string ids (`api_key_sid`, `account_sid`): the key's identifier, its secret is beside it
  sid: 'identifier (*_SID)',
  label: 'identifier (label)',
  bucket: 'identifier (bucket name)',
  ips: 'setting (address allow list)',
  cidrs: 'setting (address allow list)',
  buckets: 'identifier (bucket name)',
  user: 'user name (*_USER)',
  users: 'user name (*_USER)',
  username: 'user name (*_USERNAME)',
  usernames: 'user name (*_USERNAME)',
  login: 'user name (*_LOGIN)',
  email: 'user name (*_EMAIL)',
  owner: 'user name (owner)',
  // a pattern over keys (Zenoh's key expressions: `TELEOP_ZENOH_KEY_EXPR: "aisle7/**/cmd_vel"`)
  expr: 'setting (an expression)',
  // time
  ttl: 'setting (*_TTL)',
  expiry: 'setting (expiry)',
  expires: 'setting (expiry)',
  expire: 'setting (expiry)',
  expired: 'setting (expiry)',
  expiration: 'setting (expiry)',
  exp: 'setting (expiry)',
  lifetime: 'setting (lifetime)',
  lifespan: 'setting (lifetime)',
  at: 'setting (timestamp: *_AT)',
  since: 'setting (timestamp)',
  until: 'setting (timestamp)',
  timestamp: 'setting (timestamp)',
  via: 'setting (transport: *_VIA)',
  timeout: 'setting (timeout)',
  age: 'setting (max age)',
  interval: 'setting (interval)',
  duration: 'setting (duration)',
  period: 'setting (period)',
  seconds: 'setting (duration)',
  secs: 'setting (duration)',
  sec: 'setting (duration)',
  minutes: 'setting (duration)',
  mins: 'setting (duration)',
  hours: 'setting (duration)',
  days: 'setting (duration)',
  ms: 'setting (duration)',
  validity: 'setting (validity)',
  rotation: 'setting (rotation)',
  refresh: 'setting (refresh)',
  renewal: 'setting (renewal)',
  renew: 'setting (renewal)',
  grace: 'setting (grace period)',
  leeway: 'setting (leeway)',
  skew: 'setting (clock skew)',
  delay: 'setting (delay)',
  cooldown: 'setting (cooldown)',
  window: 'setting (window)',
  checking: 'setting (checking)',
  // sizes and rules
  length: 'setting (*_LENGTH)',
  len: 'setting (*_LENGTH)',
  min: 'setting (minimum)',
  max: 'setting (maximum)',
  minimum: 'setting (minimum)',
  maximum: 'setting (maximum)',
  size: 'setting (size)',
  count: 'setting (count)',
  limit: 'setting (limit)',
  limits: 'setting (limit)',
  bits: 'setting (size)',
  bytes: 'setting (size)',
  chars: 'setting (length)',
  rounds: 'setting (hash rounds)',
  iterations: 'setting (hash rounds)',
  cost: 'setting (hash cost)',
  complexity: 'setting (password policy)',
  strength: 'setting (password policy)',
  entropy: 'setting (password policy)',
  lowercase: 'setting (password policy)',
  uppercase: 'setting (password policy)',
  numeric: 'setting (password policy)',
  numbers: 'setting (password policy)',
  symbol: 'setting (password policy)',
  symbols: 'setting (password policy)',
  special: 'setting (password policy)',
  requirements: 'setting (password policy)',
  rules: 'setting (password policy)',
  regex: 'setting (pattern)',
  pattern: 'setting (pattern)',
  policy: 'setting (*_POLICY)',
  policies: 'setting (*_POLICY)',
  history: 'setting (password policy)',
  attempts: 'setting (attempts)',
  retries: 'setting (attempts)',
  retry: 'setting (attempts)',
  lockout: 'setting (lockout)',
  threshold: 'setting (threshold)',
  level: 'setting (level)',
  version: 'setting (version)',
  // toggles
  enabled: 'flag (*_ENABLED)',
  enable: 'flag (*_ENABLE)',
  disabled: 'flag (*_DISABLED)',
  disable: 'flag (*_DISABLE)',
  required: 'flag (*_REQUIRED)',
  require: 'flag (*_REQUIRED)',
  allowed: 'flag (*_ALLOWED)',
  allow: 'flag (*_ALLOW)',
  optional: 'flag (optional)',
  mode: 'setting (*_MODE)',
  flag: 'flag',
  active: 'flag',
  secure: 'flag (secure)',
  insecure: 'flag (insecure)',
  samesite: 'setting (cookie attribute)',
  httponly: 'setting (cookie attribute)',
  verify: 'flag (verify)',
  verification: 'flag (verify)',
  validation: 'flag (verify)',
  check: 'flag (check)',
  skip: 'flag (skip)',
  auth: 'setting (authentication)',
  authentication: 'setting (authentication)',
  // methods and formats
  method: 'setting (*_METHOD)',
  methods: 'setting (*_METHOD)',
  // how keys are managed (hostapd's and wpa_supplicant's `wpa_key_mgmt=WPA-PSK`): a method's name
  // (not `management`: Consul's `tokens { initial_management = "…" }` is its management token)
  mgmt: 'setting (*_METHOD)',
  algorithm: 'setting (*_ALGORITHM)',
  algorithms: 'setting (*_ALGORITHM)',
  alg: 'setting (*_ALGORITHM)',
  algo: 'setting (*_ALGORITHM)',
  type: 'setting (*_TYPE)',
  types: 'setting (*_TYPE)',
  kind: 'setting (*_TYPE)',
  scheme: 'setting (scheme)',
  format: 'setting (format)',
  encoding: 'setting (encoding)',
  transform: 'setting (how a key is encoded: WAL-G *_KEY_TRANSFORM)',
  encryption: 'setting (encryption method)',
  hash: 'hash, not the secret',
  hashed: 'hash, not the secret',
  hasher: 'setting (*_HASHER)',
  hashing: 'setting (hashing)',
  hashes: 'hash, not the secret',
  digest: 'hash, not the secret',
  // a public key's or a certificate's fingerprint (`HELIX_REPO_KEY_FINGERPRINT`, `TLS_CERT_THUMBPRINT`): a hash of public data
  fingerprint: 'hash, not the secret',
  fingerprints: 'hash, not the secret',
  thumbprint: 'hash, not the secret',
  sha: 'hash, not the secret',
  sha1: 'hash, not the secret',
  sha2: 'hash, not the secret',
  sha256: 'hash, not the secret',
  sha512: 'hash, not the secret',
  md5: 'hash, not the secret',
  // FreeRADIUS `NT-Password`, LDAP `{SSHA}`/`{SMD5}` attributes: Windows' and salted digests
  nt: 'hash, not the secret',
  ntlm: 'hash, not the secret',
  ssha: 'hash, not the secret',
  smd5: 'hash, not the secret',
  bcrypt: 'hash, not the secret',
  argon2: 'hash, not the secret',
  pbkdf2: 'hash, not the secret',
  cipher: 'setting (cipher)',
  generator: 'setting (generator)',
  // Tyk's `hash_key_function`: the function that hashes keys
  function: 'setting (function)',
  func: 'setting (function)',
  generate: 'flag (generate)',
  strategy: 'setting (strategy)',
  encoder: 'setting (encoder)',
  charset: 'setting (charset)',
  alphabet: 'setting (charset)',
  validator: 'setting (validator)',
  checker: 'setting (validator)',
  retention: 'setting (retention)',
  reuse: 'setting (password policy)',
  class: 'setting (class name)',
  module: 'setting (module)',
  warning: 'setting (warning)',
  provider: 'setting (provider)',
  providers: 'setting (provider)',
  backend: 'setting (backend)',
  driver: 'setting (driver)',
  handler: 'setting (handler)',
  manager: 'setting (manager)',
  plugin: 'setting (plugin)',
  // network and protocol
  host: 'setting (*_HOST)',
  hostname: 'setting (*_HOST)',
  port: 'setting (*_PORT)',
  url: 'URL (credentials in URLs are a value question)',
  uri: 'URL (credentials in URLs are a value question)',
  endpoint: 'URL (credentials in URLs are a value question)',
  address: 'setting (address)',
  addr: 'setting (address)',
  server: 'setting (server)',
  domain: 'setting (domain)',
  realm: 'setting (*_REALM)',
  header: 'setting (*_HEADER)',
  headers: 'setting (*_HEADER)',
  issuer: 'setting (issuer)',
  iss: 'setting (issuer)',
  audience: 'setting (audience)',
  aud: 'setting (audience)',
  scope: 'setting (scope)',
  scopes: 'setting (scope)',
  // the role a token is given (Nightscout's `NS_TOKEN_ROLE=devicestatus-upload`): what it may do, not the token
  role: 'setting (role)',
  roles: 'setting (role)',
  claim: 'setting (claim)',
  claims: 'setting (claim)',
  callback: 'setting (callback)',
  redirect: 'setting (redirect)',
  param: 'setting (parameter name)',
  parameter: 'setting (parameter name)',
  field: 'setting (field name)',
  attr: 'setting (attribute name)',
  attribute: 'setting (attribute name)',
  column: 'setting (column name)',
  prefix: 'setting (prefix)',
  suffix: 'setting (suffix)',
  separator: 'setting (separator)',
  delimiter: 'setting (separator)',
  filter: 'setting (filter)',
  filters: 'setting (filter)',
  query: 'setting (query)',
  template: 'setting (template)',
  options: 'setting (options)',
  opts: 'setting (options)',
  flags: 'setting (options)',
  config: 'setting (config)',
  // lifecycle
  reset: 'setting (*_PASSWORD_RESET*)',
  recovery: 'setting (recovery)',
  forgot: 'setting (recovery)',
  change: 'setting (change)',
  prompt: 'setting (prompt)',
  hint: 'setting (hint)',
  placeholder: 'setting (placeholder)',
  mask: 'setting (mask)',
  through: 'setting (passthrough)',
  thru: 'setting (passthrough)',
  less: 'setting (*less)',
  usage: 'setting (usage)',
  events: 'setting (events)',
  event: 'setting (events)',
  metrics: 'setting (metrics)',
  cache: 'setting (cache)',
});

/** Words before the secret noun that turn the name into a flag (`MYSQL_ALLOW_EMPTY_PASSWORD`, `JEAN_NO_TOKEN`). */
const FLAG_WORDS = new Set([
  'allow',
  'random',
  'empty',
  'enable',
  'enabled',
  'disable',
  'disabled',
  'require',
  'required',
  'skip',
  'no',
  'use',
  'is',
  'has',
  'show',
  'hide',
  'force',
  'generate',
  'auto',
  'ignore',
  'insecure',
  'without',
  'unsafe',
  'cors',
  'must',
  'should',
  'can',
  'expose',
  'mask',
  'save',
  'remember',
  'prompt',
  'ask',
  // counts and limits: MAX_TOKENS, NUM_TOKENS, TOTAL_TOKENS are numbers (LLM settings), not tokens
  'max',
  'min',
  'num',
  'total',
  'count',
]);

/** Before a weak noun (`VERIFY_JWT`, `SECURE_COOKIE`) these are flags too; before a strong one (`WHATSAPP_VERIFY_TOKEN`) they are not. */
const WEAK_FLAG_WORDS = new Set([...FLAG_WORDS, 'verify', 'validate', 'check', 'secure', 'insecure', 'http', 'samesite', 'oidc', 'oauth', 'sso', 'ldap']);

/** Prefixes of variables a frontend build embeds in the bundle served to every browser. */
const FRONTEND_PUBLIC_PREFIXES: readonly string[][] = [
  ['next', 'public'],
  ['nuxt', 'public'],
  ['expo', 'public'],
  ['react', 'app'],
  ['vue', 'app'],
  ['vite'],
  ['gatsby'],
  ['ng', 'app'],
  ['public'],
  ['storybook'],
];

/** Under a frontend-public prefix these stay secrets (a leak, not a design): the rest is public by design. */
const STILL_SECRET_UNDER_PUBLIC_PREFIX = new Set<SecretKind>([
  'password',
  'secret',
  'private-key',
  'client-secret',
  'salt',
  'credentials',
  'encryption-key',
  'signing-key',
  'cookie-secret',
]);

/** After `*_FILE`, these make the name hold the file's content, not its path. */
const CONTENT_WORDS = new Set(['content', 'contents', 'data', 'body', 'value', 'b64', 'base64']);

/** Words the `_PASS` suffix split must not break: `BYPASS`, `COMPASS`, `PASSTHROUGH`… */
const NOT_COMPOUNDS = new Set([
  'bypass',
  // Telegraf's metric filters: the names, fields and tags that pass
  'namepass',
  'fieldpass',
  'tagpass',
  'compass',
  'encompass',
  'surpass',
  'trespass',
  'overpass',
  'underpass',
  'impass',
  'rosenpass',
  'keepass',
  'multipass',
  'passbolt',
  'passive',
  'passenger',
  'passport',
  'passkey',
  'passkeys',
  'passthrough',
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'passcode',
  'pepper',
  'basalt',
  'cobalt',
  'asphalt',
  'monkey',
  'turkey',
  'hockey',
  'jockey',
  'whiskey',
  'donkey',
  'turnkey',
  'hotkey',
  'hotkeys',
  'keystore',
  'keyring',
  'keychain',
  'keycloak',
  'keyspace',
  'keydb',
  'keyboard',
  'keyword',
  'keywords',
  'keytab',
  'keypair',
  'keyvault',
  'tokenizer',
  'tokenize',
  'secretary',
  'detokenize',
  'pwdb',
  'onetimesecret',
  'requirepass',
  'masterauth',
  'basicauth',
  'htpasswd',
]);

/** Whether a name says its value is a hash of a secret (`hashed_password`, `sha1_password`, `PASSWORD_DIGEST`). */
export function namesHash(name: string): boolean {
  const v = classifyKey(name);
  return !v.sensitive && v.reason === 'hash, not the secret';
}

/** Words before the secret noun that make the value a hash of it (`HASHED_PASSWORD`, `HTPASSWD`). */
export const HASH_WORDS: ReadonlySet<string> = new Set([
  'hash',
  'hashed',
  'htpasswd',
  'bcrypt',
  'sha',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'argon2',
  'digest',
  'crypted',
  'nt',
  'ntlm',
  'ssha',
  'smd5',
]);

/** Compounds written as one word, split explicitly. */
const COMPOUNDS: Readonly<Record<string, readonly string[]>> = dictionary({
  apikey: ['api', 'key'],
  itsdangerouskey: ['itsdangerous', 'signing', 'key'], // PyBossa's ITSDANGEROUSKEY, the key its itsdangerous serializer signs links with
  skey: ['secret', 'key'], // Duo's DUO_SKEY (the IKEY is the integration's id)
  hmacencoded: ['hmac', 'encoded'],
  apikeys: ['api', 'keys'],
  apisecret: ['api', 'secret'],
  apitoken: ['api', 'token'],
  authkey: ['auth', 'key'],
  authtoken: ['auth', 'token'],
  authsecret: ['auth', 'secret'],
  secretkey: ['secret', 'key'],
  accesskey: ['access', 'key'],
  privatekey: ['private', 'key'],
  privkey: ['private', 'key'],
  pubkey: ['public', 'key'],
  publickey: ['public', 'key'],
  masterkey: ['master', 'key'],
  sessionkey: ['session', 'key'],
  signingkey: ['signing', 'key'],
  encryptionkey: ['encryption', 'key'],
  cryptokey: ['crypto', 'key'],
  licensekey: ['license', 'key'],
  appkey: ['app', 'key'],
  clientsecret: ['client', 'secret'],
  clientid: ['client', 'id'],
  keyid: ['key', 'id'],
  keyfile: ['key', 'file'],
  keyfiles: ['key', 'files'],
  basicauth: ['basicauth'],
  authcode: ['auth', 'code'],
  accesscode: ['access', 'code'],
  controlcode: ['control', 'code'],
  // an enable password run together (linuxcncrsh's `--enablepw`, a router's): the password that enables, not a switch
  enablepw: ['pw'],
  // CurveZMQ's server key is the server's public key (VOLTTRON's `VOLTTRON_CENTRAL_SERVERKEY`, ZeroMQ's `serverkey`)
  serverkey: ['server', 'public', 'key'],
  webhookurl: ['webhook', 'url'],
  accesstoken: ['access', 'token'],
  refreshtoken: ['refresh', 'token'],
  jwtsecret: ['jwt', 'secret'],
});

/** What an initialisation vector kept in a configuration belongs to. */
const CIPHER_WORDS = new Set(['encryption', 'cookie', 'rijndael', 'aes', 'cipher', 'crypt', 'crypto', 'blowfish', 'session']);

/** `auth code` / `access code` are passwords (SiYuan's ACCESS_AUTH_CODE). */
// (and a control code: Rocrail's `controlcode`, which a client gives to take control of the layout)
const CODE_QUALIFIERS = new Set(['auth', 'access', 'control']);

/** Whole names decided explicitly (exact match). */
const EXACT_OVERRIDES: Readonly<Record<string, KeyVerdict>> = dictionary({
  // Plane Finder's share code (its feeder's `SHARECODE`, pfclient-config.json's `sharecode`): the feeder's login, as
  // Flightradar24's key is; another's share code (a datapack's `VANILLATWEAKS_SHARECODE`) is a public link
  SHARECODE: { sensitive: true, kind: 'secret' },
  sharecode: { sensitive: true, kind: 'secret' },
  PWD: { sensitive: false, reason: 'working directory (shell PWD)' },
  OLDPWD: { sensitive: false, reason: 'working directory (shell OLDPWD)' },
  // nginx: `*_pass` hands a request on to an upstream (`fastcgi_pass php-handler;`); lower case as nginx writes them
  ...Object.fromEntries(
    ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass'].map((d) => [
      d,
      { sensitive: false, reason: 'nginx directive (pass a request on)' },
    ]),
  ),
});

/** Names (normalised to UPPER_SNAKE) decided explicitly; matched exactly or as a `_`-suffix. */
const NAME_OVERRIDES: Readonly<Record<string, KeyVerdict>> = dictionary({
  // HashiCorp Vault dev server: the *_ID is the root token itself
  DEV_ROOT_TOKEN_ID: { sensitive: true, kind: 'token' },
  // Duo's `akey`: the application secret key an integration generates (beside its `ikey`, the id, and `skey`, the secret)
  DUO_AKEY: { sensitive: true, kind: 'secret' },
  // Flightradar24's sharing key (`FR24KEY`, fr24feed.ini's `fr24key=`): what a feeder logs in to its account with (the key
  // claims the account's rewards; the station's id and name are public)
  FR24KEY: { sensitive: true, kind: 'secret' },
  // `FR24KEY` as the normaliser splits it (a digit before a capital starts a word)
  FR24_KEY: { sensitive: true, kind: 'secret' },
  // WHMCS's `$cc_encryption_hash`: the key its stored card and credential data is encrypted with, named a hash
  CC_ENCRYPTION_HASH: { sensitive: true, kind: 'encryption-key' },
  // a Telegram client's string session (Telethon's StringSession, Pyrogram's session string): a logged-in account's whole access
  TELEGRAM_SESSION: { sensitive: true, kind: 'token' },
  STRING_SESSION: { sensitive: true, kind: 'token' },
  SESSION_STRING: { sensitive: true, kind: 'token' },
  // PagerDuty's Events API routing key (an integration's key: whoever has it opens incidents), not a message broker's
  PAGERDUTY_ROUTING_KEY: { sensitive: true, kind: 'api-key' },
  PD_ROUTING_KEY: { sensitive: true, kind: 'api-key' },
  // Airbrake's project key (Errbit's the same): the API key a notifier sends errors with, not the project's id
  AIRBRAKE_PROJECT_KEY: { sensitive: true, kind: 'api-key' },
  // an Ecowitt gateway's PASSKEY: the MD5 of its MAC address, sent in the clear with every upload to name the station
  ECOWITT_PASSKEY: { sensitive: false, reason: "Ecowitt station's PASSKEY (its MAC's MD5, an identifier)" },
  // OpenWeatherMap's `appid`: the API key every request carries (its account's, not an application's id)
  OWM_APPID: { sensitive: true, kind: 'api-key' },
  OPENWEATHERMAP_APPID: { sensitive: true, kind: 'api-key' },
  OPENWEATHER_APPID: { sensitive: true, kind: 'api-key' },
  ERRBIT_PROJECT_KEY: { sensitive: true, kind: 'api-key' },
  // GBIF's registry keys: the UUIDs that identify an organisation, a dataset or an installation (`GBIF_ORG_KEY`), public
  ...Object.fromEntries(
    ['GBIF_ORG_KEY', 'GBIF_ORGANIZATION_KEY', 'GBIF_ORGANISATION_KEY', 'GBIF_DATASET_KEY', 'GBIF_INSTALLATION_KEY'].map((n) => [
      n,
      { sensitive: false, reason: "GBIF registry key (an organisation's, a dataset's or an installation's UUID)" },
    ]),
  ),
  // SSH's `authorized_keys` (a flag `--authorized-keys /authorized_keys`, a setting): the public keys allowed to log in
  AUTHORIZED_KEYS: { sensitive: false, reason: 'public keys allowed to log in (authorized_keys)' },
  // Apache's `ServerTokens Prod`, nginx's `server_tokens off`: how much the Server header tells
  SERVER_TOKENS: { sensitive: false, reason: 'setting (what the Server header shows)' },
  // Terraform's and cloud providers' `ssh_keys = [id or fingerprint]`: the keys a machine is given, by id (a private
  // key is found by its format)
  SSH_KEYS: { sensitive: false, reason: 'ids or fingerprints of SSH keys' },
  // Docker registry: the auth backend's name (htpasswd, token, silly)
  REGISTRY_AUTH: { sensitive: false, reason: 'setting (auth backend name)' },
  // Weaviate: the API keys themselves
  AUTHENTICATION_APIKEY_ALLOWED_KEYS: { sensitive: true, kind: 'api-key' },
  // linuxserver/plex: a claim token
  PLEX_CLAIM: { sensitive: true, kind: 'token' },
  // Honeycomb's ingest header (`OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=<key>`): its name says team, its value is the API key
  X_HONEYCOMB_TEAM: { sensitive: true, kind: 'api-key' },
  // Erlang's `-setcookie X` (ERL_FLAGS, vm.args): the distribution cookie every node of the cluster shares
  SETCOOKIE: { sensitive: true, kind: 'secret' },
  // Telegram: an application's api_hash is its secret (the api_id is its name)
  API_HASH: { sensitive: true, kind: 'secret' },
  // Skylight's agent: its authentication token, named for what it does
  SKYLIGHT_AUTHENTICATION: { sensitive: true, kind: 'token' },
  // PayPal's classic API credentials (NVP/SOAP): a user name, a password and a signature, which signs as the account
  API_SIGNATURE: { sensitive: true, kind: 'api-key' },
  APISIGNATURE: { sensitive: true, kind: 'api-key' },
  // Yarn's `npmAuthIdent: "user:password"` (.yarnrc.yml): the registry's basic-auth login
  NPM_AUTH_IDENT: { sensitive: true, kind: 'credentials' },
  // kompose / Kubernetes: the name of the Secret that holds the registry login, not the login
  IMAGE_PULL_SECRET: { sensitive: false, reason: 'reference (name of a Kubernetes pull secret)' },
  IMAGE_PULL_SECRETS: { sensitive: false, reason: 'reference (name of a Kubernetes pull secret)' },
  // the value of an auth header an integration sends (Airbyte's `API_AUTH_HEADER_VALUE`); a header's value alone (Docspell's
  // `http-header.header-value`, Grafana's `httpHeaderValue1`) only when it is a generated token, not a tenant's name
  AUTH_HEADER_VALUE: { sensitive: true, kind: 'token' },
  AUTHORIZATION_HEADER_VALUE: { sensitive: true, kind: 'token' },
  HEADER_VALUE: { sensitive: true, kind: 'credentials', loose: 'name' },
  // Determined AI's telemetry: Segment write keys of the master and the web UI, which go out with every event
  SEGMENT_MASTER_KEY: { sensitive: false, reason: 'Segment write key (public by design: it ships with every event)' },
  SEGMENT_WEBUI_KEY: { sensitive: false, reason: 'Segment write key (public by design: it ships in the page)' },
  // HashiCorp Vault's `operator init` output (`-format=json`): the unseal or recovery key shares, each a part of the root of trust
  KEYS_BASE64: { sensitive: true, kind: 'encryption-key' },
  UNSEAL_KEYS_B64: { sensitive: true, kind: 'encryption-key' },
  UNSEAL_KEYS_HEX: { sensitive: true, kind: 'encryption-key' },
  RECOVERY_KEYS_B64: { sensitive: true, kind: 'encryption-key' },
  RECOVERY_KEYS_HEX: { sensitive: true, kind: 'encryption-key' },
  // Z-Wave's network security keys (zwave-js-ui `KEY_S2_AccessControl`, zwave-js `securityKeys.S0_Legacy`): whoever has one
  // joins or listens to the mesh
  S0_LEGACY: { sensitive: true, kind: 'encryption-key' },
  S2_UNAUTHENTICATED: { sensitive: true, kind: 'encryption-key' },
  S2_AUTHENTICATED: { sensitive: true, kind: 'encryption-key' },
  S2_ACCESS_CONTROL: { sensitive: true, kind: 'encryption-key' },
  // by definition the path of a service-account file, not its content
  GOOGLE_APPLICATION_CREDENTIALS: { sensitive: false, reason: 'reference (path to a credentials file)' },
});

/** Coolify magic variables that hold generated URLs and domains, not secrets. */
const NON_SECRET_PREFIXES: readonly [string, string][] = [
  ['SERVICE_URL_', 'URL (Coolify SERVICE_URL_*)'],
  ['SERVICE_FQDN_', 'domain (Coolify SERVICE_FQDN_*)'],
];

/** Words that make a `*_URL`/`*_URI`/`*_DSN`… name a connection string (a value question: `user:pass@`). */
const SQL_DATABASE_WORDS = new Set(['database', 'db', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mssql', 'sqlserver']);
const CONNECTION_QUALIFIERS = new Set([
  'database',
  'db',
  'datasource',
  'redis',
  'valkey',
  'keydb',
  'dragonfly',
  'mongo',
  'mongodb',
  'postgres',
  'postgresql',
  'pg',
  'psql',
  'mysql',
  'mariadb',
  'amqp',
  'rabbitmq',
  'rabbit',
  'broker',
  'celery',
  'queue',
  'kafka',
  'nats',
  'memcached',
  'elasticsearch',
  'elastic',
  'es',
  'opensearch',
  'clickhouse',
  'sql',
  'sqlalchemy',
  'jdbc',
  'neo4j',
  'couchdb',
  'couch',
  'influx',
  'influxdb',
  'cassandra',
  'mssql',
  'sqlserver',
  'oracle',
  'ldap',
  'smtp',
  'mail',
  'mailer',
  'imap',
  'ftp',
  'sftp',
  'backend',
  'transport',
  'cache',
  'store',
  'storage',
  'mqtt',
  'proxy',
  'sentinel',
  'connection',
  'conn',
  'pool',
  'pooler',
  'supabase',
  'prisma',
  'typeorm',
  'sequelize',
  'knex',
  'doctrine',
]);

// ───────────────────────────── splitting ─────────────────────────────

// singular only: a plural at the end of a one-word name is usually a product (SuperTokens, OneTimeSecrets)
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'passwort',
  'kennwort',
  'secret',
  'token',
  'pass',
  'pwd',
  'pw',
  'psk',
  'credentials',
  'salt',
];
const PW_HEADS = new Set([
  'bind',
  'root',
  // kamctlrc's read-write, read-only and root database passwords (DBRWPW, DBROPW, DBROOTPW)
  'dbrw',
  'dbro',
  'dbroot',
  'admin',
  'db',
  'user',
  'rcon',
  'ldap',
  'master',
  'app',
  'api',
  'mail',
  'smtp',
  'ftp',
  'vnc',
  'web',
  'server',
  'client',
  'rpc',
  'sa',
  'sys',
  'auth',
  'login',
  'keystore',
  'truststore',
  'store',
  'key',
  'redis',
  'mysql',
  'pg',
  'postgres',
  'mongo',
  'mq',
  'amqp',
  'proxy',
  // a remote shell's connect password (linuxcncrsh's `--connectpw`, `LINUXCNCRSH_CONNECTPW`)
  'connect',
]);
const SECRET_PREFIXES = ['password', 'passwd', 'pass', 'secret', 'token'];

function knownWord(w: string): boolean {
  return (
    w in STRONG_NOUNS ||
    w in WEAK_NOUNS ||
    w in SETTING_TAIL ||
    NEUTRAL_TAIL.has(w) ||
    FLAG_WORDS.has(w) ||
    w in KEY_QUALIFIER_KIND ||
    w === 'key' ||
    w === 'keys' ||
    /^\d+$/.test(w)
  );
}

function isSettingWord(w: string): boolean {
  return (
    w in SETTING_TAIL ||
    /^(min|max)(chars?|len|length|age|size|count|lifetime|digits|lower|upper|special|symbols?|numbers?|tries|attempts)$/.test(w) ||
    /.(lifetime|timeout|length|expiry|enabled|disabled|required)$/.test(w)
  );
}

/** Split one lower-case word that may be a compound (`redispass`, `apikey`, `passwordmaxchar`). */
function splitCompound(w: string): string[] {
  if (w.length < 4 || NOT_COMPOUNDS.has(w)) return [w];
  const c = COMPOUNDS[w];
  if (c) return [...c];
  if (knownWord(w)) return [w];
  // a numbered secret word: password2, secret1, token02 (a second credential, not another word)
  const numbered = /^([a-z]{3,})(\d{1,3})$/.exec(w);
  if (numbered && knownWord(numbered[1])) return [...splitCompound(numbered[1]), numbered[2]];
  // suffix: <anything><secret word> — adminpassword, redismasterpass, rpcpassword, jwtsecret
  for (const s of SECRET_SUFFIXES) {
    if (w.length > s.length + 1 && w.endsWith(s)) {
      const head = w.slice(0, -s.length);
      // (a signal filter's `highpass`, `lowpass`, `bandpass`, `allpass`: a frequency)
      if (s === 'pass' && /(by|com|sur|tres|over|under|im|multi|kee|rosen|high|low|band|all)$/.test(head)) continue;
      // `pw` ends too many words and abbreviations; only after a word that names whose password it is (LDAP_BINDPW, ROOTPW)
      if (s === 'pw' && !PW_HEADS.has(head)) continue;
      return [...splitCompound(head), s];
    }
  }
  // <anything><secret word><read|write|old|new…> — icesecretwrite, rootpasswordold
  for (const s of SECRET_SUFFIXES) {
    const at = w.indexOf(s, 1);
    if (at <= 0 || s === 'pw' || s === 'pass') continue;
    const rest = w.slice(at + s.length);
    if (rest && NEUTRAL_TAIL.has(rest)) return [...splitCompound(w.slice(0, at)), s, rest];
  }
  // <qualifier>keypair — encryptionkeypair (LimeSurvey's sodium key pair, its secret half with the public one)
  if (w.endsWith('keypair') && w.length > 7) {
    const head = splitCompound(w.slice(0, -4));
    if (head.length > 1) return [...head, 'pair'];
  }
  // <qualifier>key — secretkey, accesskey, encryptionkey
  for (const k of ['keys', 'key']) {
    if (w.endsWith(k)) {
      const head = w.slice(0, -k.length);
      if (head in KEY_QUALIFIER_KIND || head in NON_SECRET_KEY_QUALIFIERS) return [head, k];
      // a longer compound: amazons3secretaccesskey, atrestencryptkey, crowdseclapikey
      const q = KEY_QUALIFIER_SUFFIXES.find((x) => head.length > x.length && head.endsWith(x));
      if (q) return [...splitCompound(head.slice(0, -q.length)), q, k];
    }
  }
  // prefix: <secret word><setting> — passwordminchar, passstrength, passwordless
  for (const p of SECRET_PREFIXES) {
    if (w.length > p.length + 1 && w.startsWith(p)) {
      const rest = w.slice(p.length);
      if (isSettingWord(rest) || NEUTRAL_TAIL.has(rest)) return [p, rest];
    }
  }
  return [w];
}

/** Key qualifiers that end a compound word, longest first (`…secretaccess` + `key`: access, not ss). */
const KEY_QUALIFIER_SUFFIXES = [...Object.keys(KEY_QUALIFIER_KIND), ...Object.keys(NON_SECRET_KEY_QUALIFIERS)]
  .filter((q) => q.length >= 3)
  .sort((a, b) => b.length - a.length);

/** The words of the names seen (a name is split by classifyKey, isUserInfoKey, isCredentialCarrierKey…), bounded like classifyKey's cache. */
let wordsOf = new Map<string, readonly string[]>();
/** A large tree has some 20,000 names (the corpus: 19,000): the caches of names hold that many, a few MB. */
const MAX_CACHED_NAMES = 50_000;

/** Lower-case words of a name: `_ . - __ :` separators, camelCase, known compounds; `pass`+`word` rejoined. */
export function splitWords(name: string): string[] {
  if (name.length > MAX_NAME_LENGTH) return computeWords(name);
  let words = wordsOf.get(name);
  if (!words) {
    words = computeWords(name).map(detached);
    if (wordsOf.size >= MAX_CACHED_NAMES) wordsOf = new Map();
    wordsOf.set(detached(name), words);
  }
  return [...words];
}

/** A one-time password's words: their `seed` is the token's shared secret (`otp_seed`, `TOTP_SEED`). */
const OTP_WORDS = new Set(['otp', 'totp', 'hotp', 'oath']);

/** Letters ending in a secret's word, then one or two digits (`webpasswd1`, `adminpass2`, `apitoken1`). */
const NUMBERED_GLUED_SECRET = /^([a-z]{2,}(?:pass|passwd|password|pwd|secret|token|key))(\d{1,2})$/;

function computeWords(name: string): string[] {
  const parts = name
    // capitals, then a secret's word in small letters (FlightAirMap's `$globalDBpass`, `$globalIVAOpassword`, `SSHkey`)
    .replace(/([A-Z]{2,})(?=(?:pass(?:word|wd)?|pwd|secret|token|key)(?:[^a-z]|$))/g, '$1 ')
    .replace(/([a-z])(?=[A-Z])/g, '$1 ')
    .replace(/([0-9A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase())
    // a glued secret word and its number (so-setup's `WEBPASSWD1`, `SOREMOTEPASS2`): the number apart, as in `PASS_1`
    .flatMap((p) => {
      const numbered = NUMBERED_GLUED_SECRET.exec(p);
      return numbered ? [numbered[1], numbered[2]] : [p];
    });
  const joined: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    // `REMEMBER_ME_KEY` signs remember-me cookies (Spring Security's, Komga's `REMEMBERME_KEY`): `remember` is no flag there
    if (
      (p === 'pass' && (next === 'word' || next === 'phrase' || next === 'wd' || next === 'words' || next === 'code')) ||
      (p === 'seed' && next === 'phrase') ||
      (OTP_WORDS.has(p) && next === 'seed') ||
      (p === 'remember' && next === 'me')
    ) {
      joined.push(OTP_WORDS.has(p) ? 'otpseed' : p + next);
      i++;
    } else {
      joined.push(p);
    }
  }
  const words = joined.flatMap(splitCompound);
  // a qualifier glued to the product's name before `key` (Coolify's `SERVICE_SUPABASEANON_KEY`): the key's qualifier
  // (built anew, not spliced in place: a long name of many keys stays linear)
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    // not a CAPTCHA: solving services are named with it (Anti-Captcha's ANTICAPTCHA_KEY is its API key)
    const q =
      (next === 'key' || next === 'keys') && !knownWord(w)
        ? KEY_QUALIFIER_SUFFIXES.find((x) => x.length >= 4 && w.length > x.length + 2 && w.endsWith(x) && !x.endsWith('captcha'))
        : undefined;
    if (q) out.push(w.slice(0, -q.length), q);
    else out.push(w);
  }
  return out;
}

// ───────────────────────────── classification ─────────────────────────────

interface Noun {
  index: number;
  kind: SecretKind;
  strong: boolean;
  /** 'public' when a qualifier says the value is public */
  publicReason?: string;
  /** a key qualified by a word that makes it a non-secret */
  nonSecretReason?: string;
  /** bare noun too vague on its own (`KEY`) */
  vague?: boolean;
}

/** Web analytics products whose project key or token is embedded in the pages they measure. */
const BROWSER_ANALYTICS = new Set(['mixpanel', 'amplitude', 'countly', 'segment', 'hotjar', 'posthog', 'rudderstack', 'umami', 'plausible']);
/** What may stand between the product and `key`/`token` in the name of its public key (`MIXPANEL_PROJECT_TOKEN`); an `API_KEY` is the public one of some (Amplitude) and the secret one of others (Countly): not among them. */
const ANALYTICS_KEY_QUALIFIERS = new Set(['project', 'app', 'write', 'site', 'client', 'sdk', 'browser', 'js', 'web', 'public']);
/** Products whose `API_KEY` is the project's public key (PostHog's `phc_…` project API key; its personal API key is `PERSONAL_API_KEY`). */
const PUBLIC_API_KEY_ANALYTICS = new Set(['posthog', 'amplitude']);

const OBJECT_STORE_ACCESS_KEY = 'access key id (an identifier; the secret key is the secret)';
const LONE_ACCESS_KEY = "access key (an object store's is an id; another vendor's is judged by its value)";

/** An access key id's shape (`AKIA…`, MinIO's, ClearML's: capitals and digits, 12 to 40): the account's name under any access key's name. */
export function isAccessKeyIdShaped(value: string): boolean {
  return /^[A-Z0-9]{12,40}$/.test(value);
}

/** A vendor's access key that is no object store's (`MESSAGEBIRD_ACCESS_KEY`): a generated value written there is its secret. */
export function isLoneAccessKey(name: string): boolean {
  return classifyKey(name).reason === LONE_ACCESS_KEY;
}

/**
 * Where an Azure storage account's key (64 bytes in base64: 86 characters and `==`) sits in the value of a setting that
 * names an access, account or storage key (Terraform's azurerm backend `access_key`, Terrakube's
 * `AzureTerraformStateStorageAccessKey`, `ARM_ACCESS_KEY`) or Azurite's accounts (`AZURITE_ACCOUNTS: "name:key;…"`):
 * its offset, or -1. An id is never that long; the name alone says an id for an object store's access key.
 */
export function azureAccountKeyAt(name: string, value: string): number {
  if (/^azurite_accounts$/i.test(name)) {
    const m = /(?:^|;)[\w-]{1,64}:([A-Za-z0-9+/]{86}==)(?=;|$)/.exec(value);
    return m ? m.index + m[0].length - m[1].length : -1;
  }
  return /(?:access|account|storage)[_.-]?key$/i.test(name) && /^[A-Za-z0-9+/]{86}==$/.test(value) ? 0 : -1;
}

/** A CAPTCHA's key by name alone (`HCAPTCHA_KEY`, `RECAPTCHA_SITE_KEY`): the public site key, unless its value has the secret's shape. */
export function isCaptchaSiteKeyName(name: string): boolean {
  return classifyKey(name).reason === CAPTCHA_SITE_KEY;
}

/** The verdict of a secret known by its shape or its place rather than its name (hCaptcha's secret key, an unencrypted key file's key). */
export const SECRET_BY_SHAPE: KeyVerdict = { sensitive: true, kind: 'secret' };

/** hCaptcha's secret key under a CAPTCHA key's name that says nothing more (`hcaptcha_key = "0x…"`): `0x` and 40 hex digits; its site keys are UUIDs. */
export function isCaptchaSecretByShape(name: string, value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value) && isCaptchaSiteKeyName(name);
}

/**
 * Object stores, whose access key is the account's id and whose secret key is the secret (S3, MinIO, R2, B2, GCS
 * HMAC keys, DigitalOcean Spaces, Ceph RGW): `S3_ACCESS_KEY`, `MINIO_ACCESS_KEY`, `STORAGE_ACCESS_KEY`.
 */
const OBJECT_STORE_WORDS = new Set([
  's3',
  'minio',
  'aws',
  'amazon',
  'storage',
  'bucket',
  'buckets',
  'r2',
  'b2',
  'backblaze',
  'gcs',
  'spaces',
  'wasabi',
  'oss',
  'cos',
  'obs',
  'blob',
  'object',
  'objects',
  'swift',
  'ceph',
  'rgw',
  'seaweedfs',
  'garage',
  'lakefs',
  'rustfs',
  'maxio',
  'oci',
  'cloudflare',
  'hmac',
  'upload',
  'uploads',
  'media',
  'backup',
  'backups',
  'archive',
]);

/** A name of an object store's setting (`S3_STORAGE_KEY`, `MINIO_SECRET`): one of its words names an object store. */
export function isObjectStoreName(name: string): boolean {
  return splitWords(name).some((w) => OBJECT_STORE_WORDS.has(w));
}

/**
 * The secret noun at word i, if any. `vendors`: the words of the whole name, in which a vendor may be named in an
 * earlier segment of a dotted path (`org.killbill.billing.plugin.adyen.clientKey`); `words` are the deciding part's.
 */
function nounAt(words: string[], i: number, vendors: readonly string[] = words): Noun | undefined {
  const w = words[i];
  const prev = words[i - 1];
  if (w === 'auth' && prev === undefined) return { index: i, kind: 'credentials', strong: false, vague: true };
  // Joken's `default_signer: "…"`: the HMAC key it signs with (elsewhere a signer is a service or a module: `signer=debug`)
  if (w === 'signer' && prev === 'default') return { index: i, kind: 'signing-key', strong: false };
  if (w === 'key' || w === 'keys') {
    if (prev === undefined) return { index: i, kind: 'secret', strong: true, vague: true };
    // CiviCRM's site key authenticates its cron and REST calls (elsewhere a site key is a CAPTCHA's public one)
    // (and restful_authentication's `REST_AUTH_SITE_KEY`, the pepper of its password digests: iNaturalist's, old Rails apps')
    if (prev === 'site' && (vendors.includes('civicrm') || (words[i - 2] === 'auth' && words[i - 3] === 'rest')))
      return { index: i, kind: 'secret', strong: true };
    // PagerDuty's routing (integration) key is what lets anyone raise its alerts; elsewhere a routing key is AMQP's setting
    if (prev === 'routing' && vendors.includes('pagerduty')) return { index: i, kind: 'api-key', strong: true };
    if (prev in NON_SECRET_KEY_QUALIFIERS) return { index: i, kind: 'secret', strong: true, nonSecretReason: NON_SECRET_KEY_QUALIFIERS[prev] };
    // S3 / MinIO / AWS: the access key is the account's name, the *secret* access key the secret; another
    // vendor's access key may be its secret (MessageBird, RSSHub): judged by its value where written (isLoneAccessKey)
    if (prev === 'access' && words[i - 2] !== 'secret') {
      const store = words.some((w) => OBJECT_STORE_WORDS.has(w));
      return { index: i, kind: 'access-key', strong: true, nonSecretReason: store ? OBJECT_STORE_ACCESS_KEY : LONE_ACCESS_KEY };
    }
    // `FRONTEND_API_KEY`, `BROWSER_API_KEY`: the key a browser is given; a content API's key (Ghost, Contentful's
    // delivery key) reads published content only and ships with the site's pages
    if (prev === 'api' && (words[i - 2] === 'frontend' || words[i - 2] === 'browser' || words[i - 2] === 'content')) {
      const reason = words[i - 2] === 'content' ? 'content API key (read-only, public by design)' : NON_SECRET_KEY_QUALIFIERS[words[i - 2]];
      return { index: i, kind: 'api-key', strong: true, nonSecretReason: reason };
    }
    // a CAPTCHA's client key is its site key (`RE_CAPTCHA_CLIENT_KEY`); Pushover's user key names the recipient (its app token is the secret)
    if (prev === 'client' && vendors.some((v) => v === 'captcha' || v === 'recaptcha' || v === 'hcaptcha'))
      return { index: i, kind: 'secret', strong: true, nonSecretReason: CAPTCHA_SITE_KEY };
    // Dropbox's app key is the app's client id (its app secret is the secret)
    if (prev === 'app' && vendors.includes('dropbox'))
      return { index: i, kind: 'secret', strong: true, nonSecretReason: "Dropbox app key (the app's client id; the app secret is the secret)" };
    if (prev === 'user' && vendors.includes('pushover'))
      return { index: i, kind: 'secret', strong: true, nonSecretReason: "Pushover user key (the recipient's identifier; the app token is the secret)" };
    // Adyen's client key authenticates its Drop-in in the shopper's browser (its API key is the secret)
    if (prev === 'client' && vendors.includes('adyen'))
      return { index: i, kind: 'api-key', strong: true, nonSecretReason: 'Adyen client key (public by design)' };
    // GrowthBook's SDK client key (`sdk-…`) is fetched by every browser that evaluates its flags
    if (prev === 'client' && vendors.includes('growthbook'))
      return { index: i, kind: 'api-key', strong: true, nonSecretReason: 'GrowthBook client key (public by design)' };
    // Algolia / Typesense / Meilisearch search-only keys are given to browsers (`…_SEARCH_ONLY_API_KEY`, Algolia's `…_SEARCH_KEY`)
    const searchOnly = (prev === 'only' && words[i - 2] === 'search') || (prev === 'api' && words[i - 2] === 'only' && words[i - 3] === 'search');
    const algoliaSearch = words.includes('algolia') && (prev === 'search' || (prev === 'api' && words[i - 2] === 'search'));
    if (searchOnly || algoliaSearch) return { index: i, kind: 'secret', strong: true, nonSecretReason: 'search-only key (public by design)' };
    if (prev === 'app' && words.slice(0, i - 1).some((x) => PUSHER_PROTOCOL.has(x))) {
      return { index: i, kind: 'secret', strong: true, nonSecretReason: 'Pusher-protocol app key (public by design)' };
    }
    // Twitter's consumer key (its "API key") names the app and is sent in every request's OAuth header; the consumer
    // secret signs them (OVH's consumer key is a user's credential, and stays one)
    if (prev === 'consumer' && words.slice(0, i - 1).includes('twitter')) {
      return { index: i, kind: 'secret', strong: true, nonSecretReason: "Twitter consumer key (the app's name; the consumer secret is the secret)" };
    }
    if (prev === 'api' && words.slice(0, i - 1).some((x) => KEY_ID_VENDORS.has(x))) {
      return { index: i, kind: 'secret', strong: true, nonSecretReason: "API key id (the account's name; the *_API_SECRET is the secret)" };
    }
    return { index: i, kind: KEY_QUALIFIER_KIND[prev] ?? 'secret', strong: true };
  }
  if (w === 'code' && prev !== undefined && CODE_QUALIFIERS.has(prev)) return { index: i, kind: 'password', strong: true };
  // the initialisation vector an application keeps with its encryption key (PrestaShop's `_COOKIE_IV_`,
  // `_RIJNDAEL_IV_`, OpenMRS's `encryption.vector`): configured once, secret with the key
  if ((w === 'iv' || w === 'vector') && prev !== undefined && CIPHER_WORDS.has(prev)) return { index: i, kind: 'encryption-key', strong: true };
  if (w === 'private' && prev !== undefined && PRIVATE_KEY_SYSTEMS.has(prev) && i === words.length - 1) return { index: i, kind: 'private-key', strong: true };
  // an SNMP community string is its password (`SNMP_COMMUNITY`, `ZBX_SNMP_COMMUNITY`)
  if ((w === 'community' || w === 'communities') && words.slice(0, i).includes('snmp')) return { index: i, kind: 'password', strong: true };
  // the read and write communities only SNMP has (OpenNMS's `read-community="…"`, net-snmp's `rocommunity`/`rwcommunity`)
  if ((w === 'community' || w === 'communities') && i > 0 && SNMP_ACCESS.has(words[i - 1])) return { index: i, kind: 'password', strong: true };
  if (w === 'rocommunity' || w === 'rwcommunity') return { index: i, kind: 'password', strong: true };
  // a PIN is a password where it unlocks something (an HSM's `PKCS11.Pin`, a SIM's, a smart card's, a user's); alone it
  // may be a board's pin (`GPIO_PIN: 17`)
  if (w === 'pin' && i > 0 && PIN_OWNERS.has(words[i - 1])) return { index: i, kind: 'password', strong: true };
  const strong = STRONG_NOUNS[w];
  if (strong) {
    let kind = strong;
    if ((w === 'secret' || w === 'secrets') && prev !== undefined && SECRET_QUALIFIER_KIND[prev]) kind = SECRET_QUALIFIER_KIND[prev];
    // `PUBLIC_TOKEN`, and through `api` or `access`: `FRONTEND_API_TOKENS` (Unleash's browser tokens), Logflare's
    // `LOGFLARE_PUBLIC_ACCESS_TOKEN` (an ingest-only token for browsers; its `…_PRIVATE_ACCESS_TOKEN` is the secret)
    const qualifier = prev === 'api' || prev === 'access' ? words[i - 2] : prev;
    if ((w === 'token' || w === 'tokens') && qualifier !== undefined && PUBLIC_QUALIFIERS.has(qualifier)) {
      return { index: i, kind, strong: true, publicReason: 'public token' };
    }
    return { index: i, kind, strong: true };
  }
  const weak = WEAK_NOUNS[w];
  // PHP's `PHPSESSID` alone names the session cookie (`define('PHPSESSID', 'tt_session')`); an account's is its value
  if (weak && !(w === 'phpsessid' && prev === undefined)) {
    return { index: i, kind: weak, strong: false };
  }
  return undefined;
}

function normalisedName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/^_+|_+$/g, '');
}

function override(name: string): KeyVerdict | undefined {
  const exact = EXACT_OVERRIDES[name];
  if (exact) return exact;
  const n = normalisedName(name);
  // Bundler's credentials for a gem server, named by its host (`BUNDLE_GEMS__CONTRIBSYS__COM: user:password`, `BUNDLE_RUBYGEMS__PKG__GITHUB__COM: token`)
  if (/^BUNDLE_[A-Z0-9_]+__(?:COM|ORG|NET|IO|DEV|CLOUD|CO|APP)$/.test(name)) return { sensitive: true, kind: 'credentials' };
  // VerneMQ's image makes a user of each `DOCKER_VERNEMQ_USER_<name>=<password>`: the name is the user's, the value its password
  if (n.startsWith('DOCKER_VERNEMQ_USER_') && n.length > 20) return { sensitive: true, kind: 'password' };
  // Libreswan's `leftrsasigkey=0sAwEAA…` / `%cert`: a gateway's RSA public key
  if (n.endsWith('RSASIGKEY')) return { sensitive: false, reason: 'public key (Libreswan rsasigkey)' };
  // PayPal's API signature under the product's name (`PAYPAL_EXPRESS_SIGNATURE`): see API_SIGNATURE
  if (n.endsWith('_SIGNATURE') && /(?:^|_)PAYPAL/.test(n)) return { sensitive: true, kind: 'api-key' };
  // Apache Derby's built-in users: `derby.user.<name>=<password>` in derby.properties
  if (/^derby\.user\.[^.\s]+$/i.test(name)) return { sensitive: true, kind: 'password' };
  for (const [k, v] of Object.entries(NAME_OVERRIDES)) {
    if (n === k || n.endsWith('_' + k)) return v;
  }
  for (const [p, reason] of NON_SECRET_PREFIXES) if (n.startsWith(p)) return { sensitive: false, reason };
  return undefined;
}

function hasFrontendPublicPrefix(words: string[]): boolean {
  return FRONTEND_PUBLIC_PREFIXES.some((p) => p.length < words.length && p.every((w, i) => words[i] === w));
}

/** Names longer than this are not names (a value mistaken for a key): not sensitive. */
const MAX_NAME_LENGTH = 256;
/** Each name's verdict as judged (`full`, with its looseness) and as classifyKey gives it (`shown`, of which each call gets a copy). */
const cache = new Map<string, { full: KeyVerdict; shown: KeyVerdict }>();

/** Judge a variable / build-arg / label / option name. */
export function classifyKey(name: string): KeyVerdict {
  const v = judged(name);
  // a copy (a plain spread, cheaper than taking the looseness out at every call): callers may change it
  return v ? { ...v.shown } : { sensitive: false, reason: 'too long to be a name' };
}

function judged(name: string): { full: KeyVerdict; shown: KeyVerdict } | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  let v = cache.get(name);
  if (!v) {
    const full = classifyUncached(name);
    const { loose: _loose, keyNoun: _keyNoun, ...shown } = full;
    v = { full, shown };
    if (cache.size >= MAX_CACHED_NAMES) cache.clear();
    cache.set(detached(name), v);
  }
  return v;
}

/**
 * A name a flag word turned into a switch (`AUTO_IMPORT_SECRET`, `MASK_KEY`): the verdict of the
 * words after the last flag word, which holds when the value is no switch; undefined for other names.
 */
export function afterFlagWord(name: string): KeyVerdict | undefined {
  if (!classifyKey(name).reason?.startsWith('flag (')) return undefined;
  const words = splitWords(name);
  let last = words.length - 1;
  while (last >= 0 && !WEAK_FLAG_WORDS.has(words[last])) last--;
  const rest = words.slice(last + 1);
  return last >= 0 && rest.length ? classifyKey(rest.join('_')) : undefined;
}

/** How loosely a sensitive name says "secret" (nothing for names that are not sensitive). */
export function nameLooseness(name: string): Looseness {
  const v = judged(name)?.full;
  if (!v?.sensitive) return {};
  return {
    name,
    loose: v.loose,
    keyNoun: v.keyNoun,
    ...(v.kind && COUNTABLE_KINDS.has(v.kind) ? { countable: true } : {}),
    ...(v.kind === 'cookie-secret' ? { cookie: true } : {}),
  };
}

/**
 * Dotted names are paths (`spring.datasource.password`, `traefik.http.routers.<name>.rule`):
 * the last segment decides, with the one before it when the last is a bare `key`/`auth`.
 */
function decidingPart(name: string): string {
  if (!name.includes('.')) return name;
  const segments = name.split('.').filter(Boolean);
  // a numbered entry of a list (Opencast's `oauth.consumer.secret.1`): the segment before the number names it
  while (segments.length > 1 && /^\d{1,4}$/.test(segments[segments.length - 1])) segments.pop();
  // a segment that holds secrets by name (`icingaweb.passwords.icingaweb2.admin`, `auth.secrets.github`):
  // what is under it is one of them, unless a setting word follows (`passwords.min_length`)
  for (let i = segments.length - 2; i >= 0; i--) {
    if (CONTAINER_SEGMENTS.has(segments[i].toLowerCase())) return segments.slice(i).join('.');
  }
  const last = segments[segments.length - 1] ?? '';
  const lastWords = splitWords(last);
  // `snmp.community` (a PHP poller's `$config['snmp']['community']`): the segment before says whose community it is
  // (past a list's entry numbers: Netdisco's `snmp_auth: [{community: …}]` is `snmp_auth.0.community`)
  const owner = segments
    .slice(0, -1)
    .reverse()
    .find((segment) => !/^\d{1,4}$/.test(segment));
  if (owner !== undefined && lastWords.length === 1 && /^(key|keys|auth|id|file|path|name|url|community|pin)$/.test(lastWords[0])) return `${owner}.${last}`;
  // a segment that only says how the value is kept (SonarQube's `smtp_password.secured`): the one before it names it
  // (not past a list's entry: `snmp_auth: [{only: […]}]` says which devices an entry is for)
  if (segments.length >= 2 && lastWords.length === 1 && NEUTRAL_TAIL.has(lastWords[0])) return segments.slice(-2).join('.');
  return last;
}

/** Words that make a name a setting about the secret that follows them (`TTL_ACCESS_TOKEN`). */
// `field`/`attribute`: the name of the field that holds it (DOLI_LDAP_FIELD_PASSWORD_CRYPTED: userPassword)
const SETTING_PREFIX_WORDS = new Set([
  'ttl',
  'lifespan',
  'lifetime',
  'expiry',
  'expiration',
  'strategy',
  'strategies',
  'algorithm',
  'algorithms',
  'field',
  'attribute',
  'attr',
  'column',
]);

/** Setting prefix words that name the field holding the secret (`FIELD_PASSWORD: userPassword`). */
const NAMED_FIELD_WORDS = new Set(['field', 'attribute', 'attr', 'column']);

/** Dotted-path segments whose children are each a secret. */
const CONTAINER_SEGMENTS = new Set(['passwords', 'secrets', 'credentials', 'tokens', 'passwds']);

/** A name of three or more lower-case segments joined by colons (`users:edit:any:pass`, `posts:create:anonymous`). */
const PERMISSION_NAME = /^[a-z_]{1,30}(?::[a-z_]{1,30}){2,6}$/;
/** What a permission allows, a segment of its name. */
const PERMISSION_ACTIONS = new Set(['edit', 'create', 'delete', 'view', 'list', 'read', 'write', 'update', 'manage', 'change', 'reset', 'set', 'get']);

function classifyUncached(name: string): KeyVerdict {
  const o = override(name);
  if (o) return { ...o };
  // a permission's name, lower-case segments joined by colons, one of them an action (szurubooru's `users:edit:self:pass`:
  // the rank allowed to change a password); .NET's sections (`Authentication:Google:ClientSecret`) are capitalised
  const permission = name.slice(name.lastIndexOf('.') + 1);
  if (PERMISSION_NAME.test(permission) && permission.split(':').some((s) => PERMISSION_ACTIONS.has(s)))
    return { sensitive: false, reason: "permission's name" };
  const words = splitWords(decidingPart(name));
  if (!words.length) return { sensitive: false };
  // Helm charts' `existingSecret`, `existingSecretPasswordKey`: the name of a Kubernetes Secret the chart reads, and a key in it
  if (words[0] === 'existing' && (words[1] === 'secret' || words[1] === 'secrets'))
    return { sensitive: false, reason: 'reference (an existing Secret and its keys)' };
  // PagerDuty's routing (integration) key under its receiver's path (Alertmanager's `pagerduty_configs.0.routing_key`)
  if (words.length >= 2 && words[words.length - 2] === 'routing' && /^keys?$/.test(words[words.length - 1]) && /pagerduty/i.test(name)) {
    return { sensitive: true, kind: 'api-key' };
  }
  // a dotted path's vendor is in an earlier segment (`flarum-pusher.app_key` is a Pusher app key): the whole name's words
  const vendors = name.includes('.') ? splitWords(name) : words;
  if (name.includes('.') && words.join('_') === 'app_key' && vendors.some((w) => PUSHER_PROTOCOL.has(w))) {
    return { sensitive: false, reason: 'Pusher-protocol app key (public by design)' };
  }

  // rightmost noun; a weak noun counts only when nothing but neutral words follow it
  let noun: Noun | undefined;
  for (let i = words.length - 1; i >= 0; i--) {
    const n = nounAt(words, i, vendors);
    if (!n) continue;
    if (!n.strong && !words.slice(i + 1).every((t) => NEUTRAL_TAIL.has(t) || /^v?\d+$/.test(t))) continue;
    // `SSH_PASSWORD_AUTH`, `TOKEN_AUTH`: the auth *by* password/token, a setting about the noun before it
    if (!n.strong && i > 0 && (words[i - 1] in STRONG_NOUNS || words[i - 1] === 'key' || words[i - 1] === 'keys')) continue;
    noun = n;
    break;
  }

  const connection = isConnectionWords(words);
  const webhook = isWebhookWords(words);

  if (noun) {
    // what follows `for` names the user of the secret, not a setting about it (INNER_API_KEY_FOR_PLUGIN)
    const after = words.slice(noun.index + 1);
    const forAt = after.indexOf('for');
    const tail = forAt >= 0 ? after.slice(0, forAt) : after;
    const exception = secretDespiteTail(words, noun, tail);
    if (exception) return exception;
    // `MONGO_KEYFILE_CONTENT`: the content of the file is the secret itself
    const contentAfterFile = tail.findIndex((w, i) => (w === 'file' || w === 'files') && CONTENT_WORDS.has(tail[i + 1] ?? ''));
    const settingWord = contentAfterFile >= 0 ? undefined : [...tail].reverse().find(isSettingWord);
    if (settingWord !== undefined) {
      if (connection) return { sensitive: false, kind: 'connection-string', reason: 'connection string: the value decides (user:pass@)' };
      if (webhook) return { sensitive: false, kind: 'webhook', reason: 'webhook URL: the value decides' };
      return { sensitive: false, reason: SETTING_TAIL[settingWord] ?? 'setting' };
    }
    const before = words.slice(0, noun.index);
    // HASHED_PASSWORD is a hash; HASH_SALT, HASH_KEY (an HMAC key) and HASH_SECRET are secrets; MD5SECRET (Asterisk) is a hash
    const hashWord = before[before.length - 1];
    // `hashed` says so from further off as well: Tor's HashedControlPassword holds `16:<S2K hash>`
    if (before.includes('hashed') && (noun.kind === 'password' || noun.kind === 'token' || noun.kind === 'secret')) {
      return { sensitive: false, reason: 'hash, not the secret' };
    }
    // but `DIGEST_PASS`, Solr's `zkDigestPassword`: the password of HTTP/ZooKeeper digest authentication, in clear
    if (
      hashWord !== undefined &&
      HASH_WORDS.has(hashWord) &&
      !(hashWord === 'digest' && noun.kind === 'password') &&
      (noun.kind === 'password' || noun.kind === 'token' || noun.kind === 'credentials' || (noun.kind === 'secret' && hashWord !== 'hash'))
    ) {
      return { sensitive: false, reason: 'hash, not the secret' };
    }
    // a setting named before its noun: TTL_ACCESS_TOKEN, STRATEGIES_ACCESS_TOKEN, LIFESPAN_REFRESH_TOKEN
    // (a field's, attribute's or column's word names the field only right before the noun: `LDAP_FIELD_PASSWORD`;
    // django-fernet-fields' `FIELD_ENCRYPTION_KEY`, SQL Server's column encryption key, encrypt the fields with the key)
    const settingFirst = before.find((w, i) => SETTING_PREFIX_WORDS.has(w) && (!NAMED_FIELD_WORDS.has(w) || i === before.length - 1));
    if (settingFirst !== undefined) return { sensitive: false, reason: `setting (${settingFirst.toUpperCase()}_*)` };
    const flags = noun.strong ? FLAG_WORDS : WEAK_FLAG_WORDS;
    // (but HTTP's bearer is the token of its bearer authentication: GDAL's `GDAL_HTTP_BEARER`)
    const flag = before.find((w) => flags.has(w) && !(w === 'http' && words[noun.index] === 'bearer'));
    if (flag !== undefined) return { sensitive: false, reason: `flag (${flag.toUpperCase()}_*)` };
    if (noun.vague) return { sensitive: false, reason: `too vague: ${words[noun.index].toUpperCase()} alone` };
    if (noun.nonSecretReason) return { sensitive: false, reason: noun.nonSecretReason };
    if (noun.publicReason) return { sensitive: false, reason: noun.publicReason };
    // a web analytics product's project key or token ships in every page it measures (Mixpanel's project token,
    // Amplitude's API key, Countly's app key, Segment's write key); its secret, admin or personal key does not
    const product = words.findIndex((w) => BROWSER_ANALYTICS.has(w));
    if (
      product >= 0 &&
      product < noun.index &&
      (words[noun.index] === 'key' || words[noun.index] === 'token') &&
      words.slice(product + 1, noun.index).every((w) => ANALYTICS_KEY_QUALIFIERS.has(w) || (w === 'api' && PUBLIC_API_KEY_ANALYTICS.has(words[product])))
    ) {
      return { sensitive: false, reason: 'web analytics project key (public by design: it ships in the page)' };
    }
    const genericKey = (words[noun.index] === 'key' || words[noun.index] === 'keys') && !(words[noun.index - 1] in KEY_QUALIFIER_KIND);
    if (hasFrontendPublicPrefix(words) && (genericKey || !STILL_SECRET_UNDER_PUBLIC_PREFIX.has(noun.kind))) {
      return { sensitive: false, reason: 'public by design (frontend build variable)' };
    }
    const verdict: KeyVerdict = { sensitive: true, kind: refineKind(words, noun) };
    const nounWord = words[noun.index];
    if (nounWord === 'key' || nounWord === 'keys') verdict.keyNoun = true;
    const unknownTail = tail.some((t) => !knownWord(t) && !/^v?\d+$/.test(t));
    const credentialsNoun = WEAK_NOUNS[nounWord] === 'credentials' || STRONG_NOUNS[nounWord] === 'credentials';
    // a session's key is the secret that signs the session or the name it is kept under (web2py's
    // `settings.auth.session_key = "eden_session"`): judged by its value
    // (not a key base, Rails' secret its keys are derived from: GitLab's `OTP_KEY_BASE`, `DB_KEY_BASE` beside `SECRET_KEY_BASE`)
    const keyBase = tail.length === 1 && tail[0] === 'base';
    const vagueKey = verdict.keyNoun && !keyBase && (genericKey || words[noun.index - 1] === 'api' || words[noun.index - 1] === 'session');
    // a licence holds its code or its name (`LICENSE: MIT`, `ELASTIC_LICENSE: basic`): judged by its value
    const licence = nounWord === 'license' || nounWord === 'licence';
    if (credentialsNoun || vagueKey || licence) verdict.loose = 'name';
    else if (unknownTail) verdict.loose = 'tail';
    return verdict;
  }
  if (connection) return { sensitive: false, kind: 'connection-string', reason: 'connection string: the value decides (user:pass@)' };
  if (webhook) return { sensitive: false, kind: 'webhook', reason: 'webhook URL: the value decides' };
  const last = words[words.length - 1];
  if (last in SETTING_TAIL) return { sensitive: false, reason: SETTING_TAIL[last] };
  return { sensitive: false };
}

/** Words that make a `*_SECRET_ID` a Vault / OpenBao AppRole secret id (the ROLE_ID is its name). */
const APPROLE_WORDS = new Set(['approle', 'role', 'vault', 'bao', 'openbao']);

/**
 * Names whose tail would read as a setting but that hold the secret itself, and generic keys
 * whose tail says they are something else: a Vault AppRole `SECRET_ID`, Matomo's `TOKEN_AUTH`
 * (undefined: the usual rules decide); `KEY_SERIALIZER`, `KEY_CONVERTER` (a class, not a key).
 */
function secretDespiteTail(words: string[], noun: Noun, tail: string[]): KeyVerdict | undefined {
  const w = words[noun.index];
  if (tail.length === 1 && tail[0] === 'id' && w === 'secret' && words.some((x) => APPROLE_WORDS.has(x))) return { sensitive: true, kind: 'secret' };
  if (tail.length === 1 && tail[0] === 'auth' && w === 'token') return { sensitive: true, kind: 'token' };
  // Laravel's SESSION_COOKIE is the session cookie's name (Django's SESSION_COOKIE_NAME), Phoenix's `:remember_me_cookie`
  // the remember-me cookie's; an Erlang cookie is a secret
  if (w === 'cookie' && (words[noun.index - 1] === 'session' || words[noun.index - 1] === 'rememberme') && tail.length === 0)
    return { sensitive: false, reason: `the ${words[noun.index - 1] === 'session' ? 'session' : 'remember-me'} cookie's name` };
  // Phoenix's and Plug's `signing_salt`/`encryption_salt`, Rails' `signed_cookie_salt`: derive a cookie's keys from the
  // secret_key_base, which is the secret; the framework's documentation calls the salts not secret
  if (
    w === 'salt' &&
    tail.length === 0 &&
    ((words.length === 2 && (words[0] === 'signing' || words[0] === 'encryption')) ||
      (words[noun.index - 1] === 'cookie' && /^(?:signed|encrypted)$/.test(words[noun.index - 2] ?? '')))
  )
    return { sensitive: false, reason: "a cookie's salt, derived with the secret key base (not secret)" };
  const genericKey = (w === 'key' || w === 'keys') && !(words[noun.index - 1] in KEY_QUALIFIER_KIND);
  const agent = tail.find((t) => /[a-z](?:er|or)$/.test(t) && !NEUTRAL_TAIL.has(t));
  if (genericKey && agent !== undefined) return { sensitive: false, reason: `key in another sense (*_KEY_${agent.toUpperCase()})` };
  return undefined;
}

/** Words of a notification URL's name, whose URL (shoutrrr's, Apprise's) carries the service's token. */
const NOTIFICATION_URL_WORDS = new Set(['notification', 'notifications', 'notify', 'apprise', 'shoutrrr']);
/** The tools whose `*_INDEX_URL` is a package index's (pip, uv, Poetry, pipenv, PDM). */
const PACKAGE_INDEX_TOOLS = new Set(['pip', 'uv', 'poetry', 'pipenv', 'pdm', 'python', 'pypi']);
function refineKind(words: string[], noun: Noun): SecretKind {
  const w = words[noun.index];
  const prev = words[noun.index - 1];
  const prev2 = words[noun.index - 2];
  if ((w === 'key' || w === 'keys') && prev === 'access' && prev2 === 'secret') return 'access-key';
  if ((w === 'key' || w === 'keys') && prev === 'secret' && prev2 === 'client') return 'client-secret';
  if ((w === 'key' || w === 'keys') && prev === 'salt') return 'salt';
  if (w === 'cookie' || ((w === 'secret' || w === 'key') && words.includes('cookie'))) return 'cookie-secret';
  if (w === 'license' || words.includes('license') || words.includes('licence')) {
    if (w === 'key' || w === 'keys') return 'license-key';
  }
  return noun.kind;
}

function isConnectionWords(words: string[]): boolean {
  if (words.includes('dsn') || words.includes('dsns')) return true;
  // .NET `ConnectionStrings__Default`, `DB_CONNECTION_STRING_RO`
  for (let i = 0; i + 1 < words.length; i++) {
    if ((words[i] === 'connection' || words[i] === 'conn') && /^(string|strings|str)$/.test(words[i + 1])) return true;
  }
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if ((last === 'string' || last === 'str' || last === 'connstring' || last === 'connstr') && (prev === 'connection' || prev === 'conn')) return true;
  if (last === 'connstring' || last === 'connectionstring') return true;
  if (last === 'url' || last === 'uri' || last === 'urls' || last === 'uris') {
    return words.slice(0, -1).some((w) => CONNECTION_QUALIFIERS.has(w));
  }
  if (last === 'connection' || last === 'conn')
    return words.length > 1 && words.slice(0, -1).some((w) => CONNECTION_QUALIFIERS.has(w) && w !== 'connection' && w !== 'conn');
  return false;
}

function isWebhookWords(words: string[]): boolean {
  const i = words.findIndex((w) => w === 'webhook' || w === 'webhooks' || w === 'hook' || w === 'webhookurl');
  if (i < 0) return false;
  const tail = words.slice(i + 1);
  return tail.every((w) => w === 'url' || w === 'uri' || w === 'urls' || w === 'endpoint' || w === 'address' || /^\d+$/.test(w));
}

/**
 * A DSN / connection string / database-URL-like name: not a secret by name, but the caller
 * should check the value for `user:pass@`.
 */
export function isConnectionKey(name: string): boolean {
  return isConnectionWords(splitWords(name));
}

/**
 * A name whose last word is a name and `key` that the compound split left whole (`FR24KEY`, `RBKEY`, `FAM_BINGKEY`):
 * a vendor's key under its own spelling; not a word that only ends so (`MONKEY`, `HOTKEY`: NOT_COMPOUNDS).
 */
export function isGluedKeyName(name: string): boolean {
  // (after the application's prefix too: FlightAirMap's `FAM_BINGKEY`)
  const last = splitWords(name).at(-1);
  return last !== undefined && last.length > 4 && last.endsWith('key') && !NOT_COMPOUNDS.has(last);
}

/**
 * A DSN, connection string or webhook URL name (`SENTRY_DSN`, `DB_CONNECTION_STRING`,
 * `SLACK_WEBHOOK_URL`): what it holds carries a credential, so passing it through a variable
 * passes a secret. Not `*_URL` names (`MONGO_URL` often holds no credentials).
 */
export function isCredentialCarrierKey(name: string): boolean {
  const words = splitWords(name);
  // a Sentry DSN holds the project's ingestion key: a browser's is given to every visitor, a server's is not
  // (a legacy DSN with its secret key is a URL with a password, found by its value)
  if (words.includes('sentry') || words.includes('raven')) return isServerSentryDsnWords(words);
  // a bare WEBHOOK_URL is usually the base URL the app's own webhooks are served at (n8n)
  if (isWebhookWords(words)) return !/^(web)?hooks?$/.test(words[0]) && words[0] !== 'webhookurl';
  // a notification service URL (Watchtower's `WATCHTOWER_NOTIFICATION_URL`, Apprise's `APPRISE_URLS`): shoutrrr and Apprise
  // write the service's token into the URL (`slack://token@channel`, `tgram://bottoken/chat`)
  if (/^ur[li]s?$/.test(words[words.length - 1]) && words.some((w) => NOTIFICATION_URL_WORDS.has(w))) return true;
  // Alertmanager's `slack_api_url`: Slack's incoming webhook
  if (words.length === 3 && words[0] === 'slack' && words[1] === 'api' && words[2] === 'url') return true;
  // a mail server's URL or URI (`SMTP_URL`, Kratos's `COURIER_SMTP_CONNECTION_URI`, Meteor's `MAIL_URL`): its login and password
  // are in it, a mailer reaching an open relay on the network being the rare case
  if (/^ur[li]$/.test(words[words.length - 1]) && (words.some((w) => w === 'smtp' || w === 'smtps' || w === 'mailer') || words[words.length - 2] === 'mail'))
    return true;
  // Airflow's connections (`AIRFLOW_CONN_SFTP_PARTNER`): each a URI with its login and password
  if (words[0] === 'airflow' && words[1] === 'conn' && words.length > 2) return true;
  // a package index's URL (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `UV_INDEX_URL`): a private index is reached
  // with its token in the URL, and a build arg keeps it in the image's history
  if (words.includes('index') && /^ur[li]$/.test(words[words.length - 1]) && words.some((w) => PACKAGE_INDEX_TOOLS.has(w))) return true;
  // Mattermost's `MM_SQLSETTINGS_DATASOURCE`: a data source written whole is a DSN (Spring's `*_DATASOURCE_URL` is a JDBC URL without its password)
  if (words[words.length - 1] === 'datasource' && words.length > 1) return true;
  if (!isConnectionWords(words)) return false;
  const last = words[words.length - 1];
  // a SQL database's URL (`DATABASE_URL`, `SQLALCHEMY_DATABASE_URI`) names its user and password: a server
  // database takes none without; a cache's or a broker's (`REDIS_URL`, `MONGO_URL`) often holds no credentials
  if (last === 'url' || last === 'uri') return words.slice(0, -1).some((w) => SQL_DATABASE_WORDS.has(w));
  return !(last === 'urls' || last === 'uris' || last === 'connection' || last === 'conn');
}

/** Words that say a value is given to browsers or phones (`SENTRY_PUBLIC_DSN`, `SENTRY_FRONTEND_DSN`); not `APP_` (a server's prefix too). */
const CLIENT_SIDE_WORDS = new Set(['public', 'browser', 'frontend', 'client', 'js', 'javascript', 'web', 'ui', 'mobile', 'android', 'ios']);

function isServerSentryDsnWords(words: string[]): boolean {
  if (words[words.length - 1] !== 'dsn' || !(words.includes('sentry') || words.includes('raven'))) return false;
  return !hasFrontendPublicPrefix(words) && !words.some((w) => CLIENT_SIDE_WORDS.has(w));
}

/**
 * A server's Sentry DSN (`SENTRY_DSN`, `SENTRY_LARAVEL_DSN`), not a browser's (`NEXT_PUBLIC_SENTRY_DSN`,
 * `SENTRY_PUBLIC_DSN`): its key lets anyone send the project events, and only a browser's is given to every visitor.
 */
export function isServerSentryDsnKey(name: string): boolean {
  return isServerSentryDsnWords(splitWords(name));
}

/** A webhook URL name (`SLACK_WEBHOOK_URL`): the URL itself may be the secret; the value decides. */
export function isWebhookKey(name: string): boolean {
  return isWebhookWords(splitWords(name));
}
