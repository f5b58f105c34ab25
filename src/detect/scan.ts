import type { Looseness } from './keys.js';
import { VALUE_PATTERNS } from './patterns.js';
import { candidateFilter } from './prefilter.js';
import { isGeneratedDjangoKey } from './placeholder.js';
import { isPasswordShaped } from './password-shape.js';
import { memoizeByText } from './text-memo.js';
import { classifyValue, isAnonJwt, isCommandSubstitution, isMasked, type ValueClass } from './value-class.js';
import { dictionary } from '../dictionary.js';

export { isCommandSubstitution };

export interface ValueMatch {
  patternId: string;
  description: string;
  /** offsets of the secret part in the text */
  start: number;
  end: number;
}

/** Longer texts are not scanned (a compose value of this size is data, not configuration). */
const MAX_SCAN_LENGTH = 2_000_000;

// ───────────────────────────── interpolation ─────────────────────────────

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `$$VAR`, `$${VAR}` (compose escape), `%VAR%`-free. */
const REFERENCE = /\$\$?(?:\{[^{}\n]{1,200}\}|[A-Za-z_][A-Za-z0-9_]{0,200})/g;

/**
 * The text consists of variable references only, possibly joined by separators
 * (`${USER}:${PASS}`, `"$$REDIS_PASSWORD"`): the secret comes from the environment.
 */
export function isVariableOnly(text: string): boolean {
  const t = text.trim();
  if (!t.includes('$')) return false;
  let found = false;
  const rest = t.replace(REFERENCE, () => {
    found = true;
    return '';
  });
  // (and a backslash: Perl's `"postgresql://u:${password}\@db/…"` escapes the `@` of its string)
  return found && /^[\s:/@,;="'.\\-]*$/.test(rest);
}

/**
 * How a value assigned to a sensitive key should be judged: only a 'literal' is a secret written
 * in the file (see classifyValue for the other kinds: references, templates, code, hashes, public
 * keys, switches and settings).
 */
export function judgeSecretValue(value: string): ValueClass {
  return classifyValue(value);
}

/** A word or a name: `requested`, `keystore_creds`, `acme-prod`, `sshPublicKey` (letters only, one case or camelCase). */
const NAME_VALUE = /^(?:[a-z]+(?:[_.-][a-z]+)*|[a-z]+(?:[A-Z][a-z]+)+)$/;
/**
 * Words joined by `_`, `.` or `-` with a short number among them, as a thing is named under a `*_KEY` (a filter's version
 * `ztf_partnership_v3`, GeneWeb's person key `michaud.0.jean`, an OpenTelemetry attribute `gen_ai.prompt.0.content`, a
 * model `gpt-4o-azure`, a product `firmware-x86`): a word of three letters or more and a number, none longer than four
 * digits, no secret's word (`dev_key_2024` is a weak key).
 */
function isNumberedName(v: string): boolean {
  if (!/^[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+$/.test(v) || /key|token|secret|pass|pwd|auth/.test(v)) return false;
  const parts = v.split(/[_.-]/);
  return parts.every((p) => /^[a-z]+\d{0,2}$|^\d{1,4}[a-z]?$/.test(p)) && parts.some((p) => /^[a-z]{3,}/.test(p)) && /\d/.test(v);
}
/** An HTTP header's name (`X-Api-Key`, `STEVE-API-KEY`, `X-Auth-Token`): which header carries the key, under a key's or a token's name. */
const HEADER_NAME = /^(?:[A-Z][A-Za-z0-9]{0,20}-){1,4}(?:KEY|Key|TOKEN|Token|AUTH|Auth|SECRET|Secret)$/;
/** A store's key, its parts joined by `:` (`rl:api`, `ff:v3`, `shopwatch:dupefilter:%(timestamp)s`): what a cache or Redis key setting holds. */
const KEY_PATH = /^[a-z][a-z0-9_-]{0,30}(?::(?:[a-z0-9_.-]{1,40}|%\([a-z_]+\)s|\{[a-z_]+\}))+:?$/;
/**
 * A name as people write it: capitalised words, joined by `-`, `_`, `.` or a space, perhaps with a short number last
 * (`Sermon`, `Utrecht-Centraal-1994`, `cat-793f`): what a `*_KEY` that says nothing of a secret names (a scene, a scenario,
 * a model), never a generated value.
 */
const TITLE_NAME = /^[A-Z]?[a-z]{2,}(?:[-_. ][A-Z]?[a-z]{2,})*(?:[-_.]\d{1,4}[a-z]?)?$/;
/**
 * A password setting holding a SHA-512 digest in hex (OctoPrint's users.yaml, a salted hash): 128
 * hex digits are no password anyone types. Shorter hex may be a generated password (`openssl rand -hex 32`).
 */
export function isPasswordDigest(kind: string | undefined, value: string): boolean {
  return kind === 'password' && /^[0-9a-f]{128}$/i.test(value.trim());
}

/**
 * A password setting of a file (a users store, an SQL row, a JSON user record: `"password": "56c5…"`) holding a SHA-256
 * or SHA-512 digest in hex: what an application stores of its users' passwords. An environment's 64 hex digits are
 * generated (`openssl rand -hex 32`), and so are a passphrase's (`JWT_PASSPHRASE`).
 */
export function isStoredPasswordDigest(name: string, kind: string | undefined, value: string): boolean {
  return kind === 'password' && isHexDigestOfPassword(value) && !/phrase/i.test(name);
}

/** A value trimmed, its enclosing quotes taken off. */
function withoutQuotes(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** 64 or 128 hex digits (SHA-256, SHA-512), its quotes taken off: how a users store keeps a password. */
function isHexDigestOfPassword(value: string): boolean {
  return /^(?:[0-9a-f]{64}){1,2}$/i.test(withoutQuotes(value));
}

/**
 * A hex digest (MD5, SHA-1, SHA-256, SHA-512) a SQL `UPDATE … SET` writes into a password column (the statement before
 * `at`): the user's stored digest. In an `UPDATE`, even MD5's 32 digits are one: an application stores digests.
 */
function isDigestSetByUpdate(secret: string, text: string, at: number): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|(?:[0-9a-f]{64}){1,2})$/i.test(withoutQuotes(secret)) && SQL_UPDATE_SET.test(text.slice(Math.max(0, at - 600), at));
}

/** The text before a position inside an SQL `UPDATE … SET` list, up to the statement's start (shared with embedded.ts). */
export const SQL_UPDATE_SET = /\bUPDATE[ \t]+[\w`".]{1,120}[ \t\r\n]+SET\b[^;]*$/i;

/** `name=value` settings separated by `;` or `,` (a value's own options); a token has no `=` but its base64 padding. */
const SETTINGS_LIST = /^[A-Za-z_][\w.-]{0,40}=[^;,\s=]{1,200}(?:[;,][A-Za-z_][\w.-]{0,40}=[^;,\s=]{0,200})*[;,]?$/;

/**
 * The name of a lone `name=value` setting: a word in one case (`size`, `dbtable`, `MODE`); a password
 * holding an `=` (`IbvMEN4y3ecch=InZO6%`) has mixed case and digits before it.
 */
const SETTING_NAME = /^(?:[a-z_][a-z_.-]*|[A-Z_][A-Z_.-]*)$/;

/** A credential's own word, alone, as the name of a lone `name=value` (`token=…`, `secret=…`, `password=…`). */
const CREDENTIAL_WORD = /^(?:token|secret|password|passwd|pwd|api[_-]?key|auth[_-]?token|access[_-]?token)$/i;

/**
 * A lone `name=value` that states a credential under its own word (Nightscout's `API_SECRET: "token=rig-8323…"`, a value
 * given with its query's name): a value of letters and digits, eight characters or more, that reads as a literal.
 */
function isStatedCredential(v: string): boolean {
  const at = v.indexOf('=');
  const value = v.slice(at + 1);
  return CREDENTIAL_WORD.test(v.slice(0, at)) && value.length >= 8 && /\d/.test(value) && /[A-Za-z]/.test(value) && classifyValue(value) === 'literal';
}

/** A bcrypt salt and nothing after it: the version, the cost and 22 characters of bcrypt's base 64. */
const BCRYPT_SALT_ALONE = /^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{22}$/;

/** An enum constant: `VAULT`, `GOOGLE_SECRET_MANAGER`. */
const ENUM_VALUE = /^[A-Z]+(?:_[A-Z]+)*$/;
/** Twelve lower-case letters or more with five consonants in a row: drawn at random, not a word or a name (`jccqdeemneyhdgvl`). */
const UNPRONOUNCEABLE = /^(?=[a-z]{12,64}$)[a-z]*[bcdfghjklmnpqrstvwxz]{5}/;

/** A URL with no user, query or fragment: `scheme://host[:port]/words/of/a/path`. */
const ENDPOINT_URL = /^[a-z][a-z0-9+.-]{0,20}:\/\/[\w.-]{1,253}(?::\d{1,5})?(?:\/[\w.~-]{0,200}){0,20}$/i;

/** A lower-case name of two words or more whose last says what secret it is (`pagerduty_key`, `mattermost-token`). */
const SECRET_NAME_VALUE = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*[_-](?:key|token|password|secret|credentials?|dsn|webhook|apikey)$/;
/** Two or more lower-case names, comma-separated, each maybe with its bracketed list (`redisdb[app-http-export]`). */
const NAME_LIST = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\[[a-z0-9,-]{1,200}\])?(?:,[ \t]?[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\[[a-z0-9,-]{1,200}\])?){1,50}$/;

/** The names of hashing methods: md5, sha256, hmac-sha256, bcrypt, ssha, pbkdf2-sha256, argon2id, scram-sha-256… */
const HASH_ALGORITHM = 'md5|sha-?(?:1|224|256|384|512)|hmac-sha-?\\d{1,3}|bcrypt|s?crypt|ssha\\d{0,3}|pbkdf2[\\w-]{0,20}|argon2\\w{0,3}|scram-sha-(?:1|256)';
/** A value that names how a password is kept (a hashing method, or `plain`), not the password. */
const HASHING_METHOD = new RegExp(`^(?:${HASH_ALGORITHM}|plain)$`, 'i');

/** One to three marks and no letter or digit (a shell's quotes, an escaped quote read up to the next): punctuation, never a value. */
export const MARKS_ONLY = /^[^A-Za-z0-9]{1,3}$/;

/**
 * The value of a secret-named setting, judged with what the name says (see KeyVerdict.loose):
 * a name that only loosely says "secret" holding a word or a name holds a setting, one whose
 * deciding noun is `key` holding a number holds an identifier (a Cloudinary API key).
 */
export function judgeNamedValue(verdict: Looseness, value: string): ValueClass {
  let judged = classifyValue(value);
  // a bcrypt-shaped value under a token's or a key's name (CurseForge API keys look like one): keys are not stored
  // hashed in a configuration, passwords are
  if (judged === 'hash' && verdict.countable && /^\$\$?2[abxy]?\$/.test(value.trim())) judged = 'literal';
  // a bcrypt salt alone (`$2a$10$` and 22 characters, no hash after them) hashes nothing: a secret a program generated with
  // its salt function (CNCjs's `secret`, which signs its access tokens)
  if (judged === 'hash' && BCRYPT_SALT_ALONE.test(value.trim())) judged = 'literal';
  // `public` chooses "no token" for a token, but a password named so is one (EMQX's stock dashboard password)
  if (judged !== 'literal') {
    if (value.trim() === 'public' && verdict.name !== undefined && /pass(?:word|wd)?(?![a-z])|pwd/i.test(verdict.name)) judged = 'literal';
    else return judged;
  }
  const v = value.trim();
  // a hashing method's name (`pw = md5 of device password`, `password_encryption = scram-sha-256`): how, not the secret
  if (HASHING_METHOD.test(v)) return 'setting';
  // code's lookup read up to its quote (`self.auth = (cfg["sta_user"], …)` read as `(cfg[`): where the value is, not one
  if (/^\(?[A-Za-z_][\w.]{0,80}\[$/.test(v)) return 'reference';
  if (verdict.keyNoun && verdict.loose === 'name' && /^\d{1,40}$/.test(v)) return 'identifier';
  // a list of field names under a name that only says key (IntelMQ's `filter_keys: raw,time.observation`): which keys, not one
  if (verdict.keyNoun && verdict.loose === 'name' && /^[a-z_][a-z0-9_.]{0,60}(?:, ?[a-z_][a-z0-9_.]{0,60})+$/.test(v)) return 'setting';
  // under a licence's name, a licence's identifier (`MIT`, `Apache-2.0`, `GPL-3.0-or-later`: short parts) names it; its code is
  // generated (`RKYbygIxi5wTgdaqiteY`, Kirby's `K-PRO-c79f…`)
  if (
    verdict.loose === 'name' &&
    verdict.name &&
    /licen[cs]e$/i.test(verdict.name) &&
    (v.length < 12 || !/\d/.test(v) || v.split(/[-.+ ]/).every((part) => part.length <= 10))
  )
    return 'setting';
  // an object store's access key id (AWS `AKIA…`, MinIO, Wasabi, Spaces: 20 capitals and digits) under a name that only says key
  if (verdict.keyNoun && !verdict.countable && verdict.loose === 'name' && /^[A-Z0-9]{20}$/.test(v) && /[A-Z]/.test(v) && /\d/.test(v)) return 'identifier';
  // (or a fraction: a price per token, LiteLLM's `input_cost_per_token: 0.00000012`)
  if (verdict.countable && /^\d{1,6}(?:\.\d{1,12})?$/.test(v)) return 'setting';
  // the setting's own name in capitals: a template's placeholder for the value (`paze_private_key = "PAZE_PRIVATE_KEY"`)
  if (verdict.name && /^[A-Z][A-Z0-9_]{3,}$/.test(v) && v === verdict.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()) return 'template';
  // an environment variable's name (Kamal's `env: secret: [RAILS_MASTER_KEY, DATABASE_URL]`, a tool's `password: DB_PASSWORD`):
  // capitals joined by underscores, a secret's word among them, says where the value is (a placeholder written so,
  // `REPLACE_WITH_SECURE_PASSWORD`, is what the container runs with, and is reported as one)
  if (
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) &&
    /(?:^|_)(?:KEY|SECRET|TOKEN|PASSWORD|PASS|PASSWD|PWD|URL|URI|DSN|CREDENTIALS|AUTH)(?:_|$)/.test(v) &&
    !/(?:^|_)(?:REPLACE|CHANGE|CHANGEME|YOUR|SET|FILL|INSERT|ENTER|TODO|FIXME|GENERATE|PUT|ADD|MY|SOME|EXAMPLE|DUMMY|SECURE|STRONG)(?:_|$)/.test(v)
  )
    return 'reference';
  // under a key's name, words in small letters joined by colons (`streamKey: 'flash:events'`): a key of a key-value store,
  // named as Redis's are, not a secret
  if (verdict.keyNoun && /^[a-z]+(?:[_-][a-z]+)*(?::[a-z]+(?:[_-][a-z]+)*)+:?$/.test(v)) return 'setting';
  // one word in small letters under the plural (Laravel's `'passwords' => 'users'`): the name of the broker or the list that
  // holds them, not one password
  if (verdict.name && /(?:^|[^a-z])passwords$/i.test(verdict.name) && /^[a-z][a-z_]{1,30}$/.test(v)) return 'setting';
  // a pattern (sed's `s/^API_KEY=.*/API_KEY=$NEW/`: what follows `=` is `.*/…`), not a value
  if (v.startsWith('.*')) return 'setting';
  // a list item whose secret is a configure-time placeholder (Flexisip's `firebase-projects-api-keys=project:@FIREBASE_KEY@`)
  if (/[:=,]@[A-Z][A-Z0-9_]{1,60}@$/.test(v)) return 'template';
  // an account's name under a name that says credentials only loosely (OpenFn's `credential: admin@hie-dhis2-prod`, an
  // e-mail address): who, not the secret; `admin@123` is a password
  if (verdict.loose === 'name' && /^[a-z0-9._-]{1,64}@[a-z][a-z0-9-]{2,62}(?:\.[a-z0-9-]{1,63}){0,8}$/.test(v)) return 'identifier';
  // an endpoint (apictl's `token: https://apim:9443/oauth2/token`): a URL of words alone, without a query; a webhook's or a
  // capability URL's secret is a generated segment (Slack's, Discord's), and a URL's password is found as one
  if (
    ENDPOINT_URL.test(v) &&
    !v
      .split('/')
      .slice(3)
      .some((segment) => segment.length >= 16 && /\d/.test(segment) && /[A-Za-z]/.test(segment))
  )
    return 'setting';
  // the setting's own name as written (`pool_passwd = 'pool_passwd'`: Pgpool-II's password file, named for the setting)
  // the name's last segment (`snmp.community` → `community`), which the rules below compare the value with
  const setting = verdict.name?.slice(verdict.name.lastIndexOf('.') + 1);
  if (setting && /[_.]/.test(v) && v === setting) return 'setting';
  // the name the setting says it holds a secret of (Sensu's `pg_dsn_secret: pg_dsn`): the secret's name in a store
  if (setting && /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(v) && v === /^(.+?)[_.-]secret$/i.exec(setting)?.[1]) return 'reference';
  // a setting called `secret` alone holding a lower-case name of words that ends in a secret's word (Sensu's `secrets:
  // [{name: PAGERDUTY_TOKEN, secret: pagerduty_key}]`, `secret: mattermost-token`): the name of the store's secret
  if (setting && /^secret$/i.test(setting) && SECRET_NAME_VALUE.test(v)) return 'reference';
  // a list of names, each in lower case (EdgeX's `EDGEX_ADD_SECRETSTORE_TOKENS: "device-onvif-camera,app-http-export"`, its
  // `redisdb[app-http-export],message-bus[…]`): the services or secrets meant, not a secret
  if (NAME_LIST.test(v) && v.includes('-')) return 'setting';
  // one to three marks and no letter or digit (`"secret":"'"$(uuidgen)"'"`: a shell's quotes splicing a command's output
  // into JSON, read up to the first quote): punctuation, not a secret
  if (MARKS_ONLY.test(v)) return 'setting';
  // a sentinel (`passcode = -1`: none needed)
  if (/^-\d{1,3}$/.test(v)) return 'setting';
  // a number of one to three digits under a secret's or a key's name is a length or a count (pretix's
  // `ticket_secret=32`): of the labelled lines of sets A to AA, 390 are a name and such a number, none an exposure;
  // but a password can be that weak and still be used (`MYSQL_ROOT_PASSWORD: 123`), and four digits may be a PIN
  if (/^\d{1,3}$/.test(v) && !(verdict.name !== undefined && /pass|pwd|pin/i.test(verdict.name))) return 'setting';
  // a session cookie's name as Rails and Phoenix write it (`session_key: "_pos_key"`, `key: '_app_session'`)
  if (v.length <= 64 && /^_[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:key|session|sess|sid|cookie)$/.test(v)) return 'setting';
  if (verdict.cookie && v.length <= 64 && (/^[a-z]+(?:[_-][a-z0-9]+)+$/.test(v) || NAME_VALUE.test(v))) return 'setting';
  if ((verdict.keyNoun || verdict.countable) && HEADER_NAME.test(v)) return 'setting';
  if (
    verdict.loose === 'name' &&
    v.length <= 64 &&
    (NAME_VALUE.test(v) || (verdict.keyNoun && (TITLE_NAME.test(v) || KEY_PATH.test(v) || isNumberedName(v)))) &&
    // (not letters a generator drew, which no name is: astrometry.net's keys are sixteen, `jccqdeemneyhdgvl`)
    !UNPRONOUNCEABLE.test(v)
  )
    return 'setting';
  if (verdict.loose && v.length <= 64 && ENUM_VALUE.test(v) && v.length > 1) return 'setting';
  // a count, a level or a word under a name that says "secret" only loosely (`oauth_password_grant: 3`,
  // `…PASSWORD_HASH_ALGORITHM__SALT_POSITION: suffix`, Dolibarr's `USER_PASSWORD_GENERATED` = `Perso`)
  if (verdict.loose && (/^\d{1,2}$/.test(v) || (v.length <= 16 && /^[A-Z]?[a-z]+$/.test(v) && !UNPRONOUNCEABLE.test(v)))) return 'setting';
  // settings of its own (`size=4;dbtable=api_keys;`, Kamailio's htable spec under an `apikeys` name, read from `=>`): a
  // setting; a secret among them is found by its own name where the value is read again
  // one `name=value` alone is a setting when its value reads as one (`mode=strict`), not punctuated like a
  // generated key (Django's `poe=u!l&9f+1b5-uy((fza…`)
  // (nor a value of a password's shape after its `=`: a generated password with a `=` among its signs, `m=_L5EU0g…`)
  if (SETTINGS_LIST.test(v)) {
    const [name, setTo] = [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)];
    if (/[;,]/.test(v) || (SETTING_NAME.test(name) && /^[\w./:@-]*$/.test(setTo) && !isPasswordShaped(setTo)))
      return isStatedCredential(v) ? judged : 'setting';
  }
  // a list of words or options (`dolibarr,ldap`, `jwt,priv-key=/certs/k.pem,ttl=10m`) under such a name: a setting
  if (/^[a-z][a-z0-9-]*(?:=[^,\s]+)?(?:,[a-z][a-z0-9-]*(?:=[^,\s]+)?)+$/.test(v)) {
    // under any name when two or more of them are named options (etcd's `--auth-token jwt,pub-key=…,priv-key=…,ttl=10m`)
    if (verdict.loose || (v.match(/,[a-z][a-z0-9-]*=/g)?.length ?? 0) >= 2) return 'setting';
  }
  return judged;
}

// ───────────────────────────── URL credentials ─────────────────────────────

const SCHEME = /([A-Za-z][A-Za-z0-9+.-]{0,30}):\/\//g;

/** Characters that end a URL in free text. */
function isUrlStop(c: number): boolean {
  // whitespace, quotes, backtick, < > and the end of a shell/YAML token
  return c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62;
}

/**
 * URLs with userinfo holding a password: scheme://user:pass@host, also with an empty user
 * (`redis://:pw@host`). The match is the password part only. Not `user@host` without password,
 * not an empty password (`http://user:@host`). A password that is only a variable reference
 * (`${DB_PASS}`, `$$PASS`) is returned with `viaVariable: true`.
 */
export function findUrlCredentials(text: string): (ValueMatch & { viaVariable: boolean })[] {
  if (!text || text.length > MAX_SCAN_LENGTH || !text.includes('://')) return [];
  return urlCredentialsRemembered(text);
}

const urlCredentialsRemembered = memoizeByText(urlCredentials);

function urlCredentials(text: string): (ValueMatch & { viaVariable: boolean })[] {
  const out: (ValueMatch & { viaVariable: boolean })[] = [];
  const starts: { schemeStart: number; authStart: number }[] = [];
  for (const m of text.matchAll(SCHEME)) starts.push({ schemeStart: m.index!, authStart: m.index! + m[0].length });
  let nextStop = -1;
  for (let k = 0; k < starts.length; k++) {
    const { authStart } = starts[k];
    // the end of this URL token: the first stop character, or the next scheme
    if (nextStop < authStart) {
      nextStop = authStart;
      while (nextStop < text.length && !isUrlStop(text.charCodeAt(nextStop))) nextStop++;
    }
    let limit = Math.min(nextStop, k + 1 < starts.length ? starts[k + 1].schemeStart : text.length);
    // a list of URLs (`nats://u:p@h1:4222,nats://h2:4222`): the separator before the next one ends this one
    if (k + 1 < starts.length && limit === starts[k + 1].schemeStart) while (limit > authStart && (text[limit - 1] === ',' || text[limit - 1] === ';')) limit--;
    // an `@` in the query or fragment (`?to=ops@example.org`) is no authority's: the part before them is tried first
    let query = authStart;
    while (query < limit && text.charCodeAt(query) !== 63 && text.charCodeAt(query) !== 35) query++;
    // CUPS's and Samba's `smb://WORKGROUP/user:pass@server/share`: the workgroup before the user
    const workgroup = authStart >= 6 && /^smb:\/\/$/i.test(text.slice(authStart - 6, authStart));
    // a query written as one (`?username={{smtp.user}}&to=ops@example.org`) is no password with a `?` in it
    const isQuery = query < limit && /^[?#][\w.-]{1,40}=/.test(text.slice(query, Math.min(limit, query + 42)));
    const m =
      (query < limit ? parseUserinfo(text, authStart, query, workgroup) : undefined) ??
      (isQuery ? undefined : parseUserinfo(text, authStart, limit, workgroup));
    if (!m) continue;
    out.push({
      patternId: 'url-credentials',
      description: 'password in a URL',
      start: m.passStart,
      end: m.passEnd,
      viaVariable: isVariableOnly(text.slice(m.passStart, m.passEnd)),
    });
  }
  return out;
}

/** How many `@` from the right are tried as the authority's `@` (passwords may hold unescaped `@`). */
const MAX_AT_CANDIDATES = 16;

/** Password offsets (absolute) in text[from, to) — the part after `scheme://` — or undefined. */
function parseUserinfo(text: string, from: number, to: number, workgroup = false): { passStart: number; passEnd: number } | undefined {
  // the authority's '@' is the rightmost one followed by a valid host list up to / ? # or the end
  let at = -1;
  let delim = to; // nearest / ? # right of the position being looked at
  let tried = 0;
  for (let i = to - 1; i > from && tried < MAX_AT_CANDIDATES; i--) {
    const c = text.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35)
      delim = i; // / ? #
    else if (c === 64) {
      tried++;
      if (isHostList(text, i + 1, delim)) {
        at = i;
        break;
      }
    }
  }
  if (at < 0) return undefined;
  // user: up to the first ':' outside `${…}`; it must not contain a path (http://h/a:b@c is not userinfo)
  let colon = -1;
  let slashes = 0;
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */) {
      let j = i + 1;
      if (text.charCodeAt(j) === 36) j++;
      if (text.charCodeAt(j) === 123 /* { */) {
        const close = text.indexOf('}', j);
        if (close < 0 || close >= at) return undefined;
        i = close;
        continue;
      }
    }
    if (c === 58) {
      colon = i;
      break;
    }
    if (c === 47 && workgroup && ++slashes === 1 && i > from) continue;
    if (c === 47 || c === 63 || c === 35) return undefined;
  }
  if (colon < 0 || colon + 1 >= at) return undefined;
  return { passStart: colon + 1, passEnd: at };
}

/** text[from, to) is `host[:port](,host[:port])*`, where host and port may be interpolations. */
function isHostList(text: string, from: number, to: number): boolean {
  // no host, a path right after the `@` (SQLAlchemy `snowflake://user:pw@/db/schema?account=…`)
  if (from >= to) return from === to && text.charCodeAt(to) === 47;
  let i = from;
  let hostChars = 0;
  let inPort = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 36) {
      // $VAR, ${VAR}, $$VAR, $${VAR}
      let j = i + 1;
      if (text.charCodeAt(j) === 36) j++;
      if (text.charCodeAt(j) === 123) {
        const close = text.indexOf('}', j);
        if (close < 0 || close >= to) return false;
        i = close + 1;
      } else {
        const s = j;
        while (j < to && /[A-Za-z0-9_]/.test(text[j])) j++;
        if (j === s) return false;
        i = j;
      }
      hostChars++;
      continue;
    }
    if (c === 91 /* [ */ && !inPort && !hostChars) {
      // an IPv6 literal
      const close = text.indexOf(']', i);
      if (close < 0 || close >= to || !/^[0-9A-Fa-f:.]+$/.test(text.slice(i + 1, close))) return false;
      hostChars++;
      i = close + 1;
      continue;
    }
    if (c === 44) {
      // ',' separates hosts (mongodb://u:p@h1:27017,h2:27017)
      if (!hostChars) return false;
      hostChars = 0;
      inPort = false;
      i++;
      continue;
    }
    if (c === 58) {
      if (inPort || !hostChars) return false;
      inPort = true;
      i++;
      continue;
    }
    if (inPort ? c >= 48 && c <= 57 : /[A-Za-z0-9._~%-]/.test(text[i])) {
      if (!inPort) hostChars++;
      i++;
      continue;
    }
    return false;
  }
  return hostChars > 0 || inPort;
}

// ───────────────────────────── scanning ─────────────────────────────

/** Which patterns a text may match: those whose literal anchors it holds (derived at the first scan). */
let candidatesOf: ((text: string) => number[]) | undefined;

/**
 * What a table entry's match must also be, beyond its pattern (a test a pattern cannot state, or
 * whose bounded lookarounds would make the static backtracking check run out of memory).
 */
/** `docker service create|update` before a flag, on its line or the lines its `\\` continues. */
const DOCKER_SERVICE_COMMAND = /\bdocker[ \t]+service[ \t]+(?:create|update)\b(?:[^\n\\]|\\[^\r\n]|\\\r?\n)*$/;

const ACCEPTS: Readonly<Record<string, (secret: string, text: string, at: number, end: number) => boolean>> = dictionary({
  // an anon-role JWT (Supabase anon key) is handed to every browser
  jwt: (secret) => !isAnonJwt(secret),
  'url-query-key': (secret, text, at) => queryKeyIsApiKey(text, at, secret),
  'django-secret-key': (secret) => isGeneratedDjangoKey(secret),
  // Datasette's `--plugin-secret PLUGIN NAME VALUE` names the plugin first (the program table reads its value)
  // docker's `service create|update --secret[-add|-rm] NAME` names a Swarm secret (the way this tool's rotation tells to)
  'cli-secret-flag': (secret, text, _at, end) => {
    const before = text.slice(Math.max(0, end - secret.length - 400), end - secret.length);
    return !/--plugin-secret[ \t]+$/.test(before) && !(/--secret(?:-add|-rm)?[ \t=]+$/.test(before) && DOCKER_SERVICE_COMMAND.test(before));
  },
  // an SQL `UPDATE … SET Password = '<hex digest>'` stores a user's digest; `ALTER USER … PASSWORD '…'` sets a password
  'sql-password': (secret, text, at) => !isDigestSetByUpdate(secret, text, at),
  'connection-string-password': (secret, text, at, end) =>
    !isVariableArgument(secret, text, at, end) &&
    // an SQL `UPDATE zt_user SET password = 'cc24…'`: the user's stored MD5 (ZenTao's, as old PHP applications keep it)
    !isDigestSetByUpdate(secret, text, at) &&
    // an SQL row's stored digest (`UPDATE specifyuser SET Password = '13b9…'`)
    !isHexDigestOfPassword(secret) &&
    !isCutPlaceholder(secret, text, end) &&
    !isDeclaredDigest(text, at, end) &&
    // a lookup cut at its bracket (`PASSWORD = os.environ["X"]`, `password: ENV.fetch(`): code, not a value
    !/^[A-Za-z_][\w.]*[([]$/.test(secret) &&
    // a call's argument read from an object (`pymysql.connect(…, password=old.password, …)`): code, not a value
    // (not a generated password with a dot: `Mea1ES3hedBu.nMT`, whose words mix both cases and digits as no name does)
    !(/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(secret) && !MIXED_WORD.test(secret) && /^[ \t]*[,)]/.test(text.slice(end, end + 20))) &&
    // INI's `password = a&b` cut at its `&` (a query string's parameter has no blank after `=`): the setting reader takes it whole
    !(text[end] === '&' && /=[ \t]+$/.test(text.slice(at, end - secret.length))) &&
    // an escaped quote opening a quoted value (`password=\""${KAFKA_PASSWORD}"\"` of a JAAS line in a HOCON string): no value
    !MARKS_ONLY.test(secret),
});

/** A word of upper and lower case letters and digits inside it (two or more), as a generator writes and no program's name is. */
const MIXED_WORD = /(?<!\w)(?=\w*\d[A-Za-z])(?=\w*\d\w*\d)(?=\w*[a-z])(?=\w*[A-Z])\w+/;

/** An attribute that names how the element's password is hashed (`encoding="md5"`, `hash="hmac-sha256"`). */
const DIGEST_ATTRIBUTE = new RegExp(`(?:^|[ \\t\\r\\n])(?:encoding|hash|hashing|algorithm|scheme|digest)[ \\t]*=[ \\t]*["'](?:${HASH_ALGORITHM})["']`, 'i');

/**
 * A password attribute of an XML element (or a config block written like one, InspIRCd's `<oper …>`)
 * that also says how it is hashed: Guacamole's `<authorize username="x" password="163a…" encoding="md5">`.
 * The element is looked at no further than 400 characters either side of the value.
 */
export function isDeclaredDigest(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 400), start);
  const open = before.lastIndexOf('<');
  // an element's start tag (`<authorize `, `<oper `), not PHP's `<?php` nor a comparison
  if (open < 0 || !/[A-Za-z]/.test(before[open + 1] ?? '') || before.indexOf('>', open) >= 0) return false;
  const after = text.slice(end, end + 400);
  const close = after.indexOf('>');
  if (close < 0) return false;
  return DIGEST_ATTRIBUTE.test(before.slice(open)) || DIGEST_ATTRIBUTE.test(after.slice(0, close));
}

/**
 * A placeholder with blanks that the pattern's value, which stops at a blank, cut in two
 * (`password = <devpi ci password>` read as `<devpi`): the rest of it closes the bracket.
 */
function isCutPlaceholder(secret: string, text: string, end: number): boolean {
  return /^<[A-Za-z]/.test(secret) && !secret.includes('>') && /^[A-Za-z0-9 _.-]{0,60}>/.test(text.slice(end, end + 62));
}

/**
 * A keyword argument whose value is a variable of the program (Liquidsoap's
 * `input.harbor("live", port=8005, password=dj_pw)`, Python's `connect(host="db", password=db_pw)`):
 * a lower-case name, in a call whose other arguments quote their strings, so a string would be quoted too.
 */
function isVariableArgument(value: string, text: string, at: number, end: number): boolean {
  if (!/^[a-z_][a-z0-9_]{0,60}$/.test(value)) return false;
  // a name of words (`db_pw`), or any name given as an argument of its own (`create(username="admin", password=adminpw,`),
  // not inside a string (`connect("host=db password=secret")`)
  const ownArgument =
    /[(,][ \t]*[A-Za-z_]\w{0,60}[ \t]*=[ \t]*$/.test(text.slice(Math.max(0, at - 80), end - value.length)) &&
    /^[ \t]*(?:[,)]|\r?\n|$)/.test(text.slice(end, end + 80));
  if (!/[a-z]_|_[a-z]/.test(value) && !ownArgument) return false;
  // the call on this line, at most 400 characters either side (a bounded look: a long text is not read again for each match)
  const before = text.slice(Math.max(0, at - 400), at);
  const open = unclosedParenthesis(before);
  // (an argument list over several lines, each ending with a comma: Liquidsoap's `output.icecast(…,\n  password=source_pass,`)
  if (
    open < 0 ||
    before
      .slice(open)
      .split('\n')
      .slice(0, -1)
      .some((line) => !/[,(][ \t]*\r?$/.test(line))
  )
    return false;
  const after = text.slice(at, at + 400);
  const close = after.search(/[)\n]/);
  const call = before.slice(open) + (close < 0 ? after : after.slice(0, close));
  return /["'][^"'\n]*["']/.test(call);
}

/** Where the last `(` of `text` not closed in it is, or -1. */
function unclosedParenthesis(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Table entries that are public by design or identifiers: they claim their span, and are not reported. */
const NOT_SECRET_PATTERNS = new Set(VALUE_PATTERNS.filter((p) => p.notSecret).map((p) => p.id));

/** A URL's password part that is written in the file, not a placeholder another program fills in (`rtsp://admin:{CAM_PASSWORD}@cam`) or a mask (`****`). */
function isLiteralUrlPassword(password: string): boolean {
  const c = classifyValue(password);
  return c !== 'template' && c !== 'code' && c !== 'empty' && c !== 'reference';
}

/** Trim surrounding quotes from a captured secret part. */
function unquote(text: string, start: number, end: number): [number, number] {
  const first = text[start];
  if ((first === '"' || first === "'") && end - start >= 2 && text[end - 1] === first) return [start + 1, end - 1];
  return [start, end];
}

/**
 * Every credential in a free text: VALUE_PATTERNS plus URL credentials with a literal password.
 * Non-overlapping, in order; where two overlap, the earlier table entry wins (URL credentials
 * come after the table, so `https://x:ghp_…@github.com` reports the GitHub token). Formats that
 * are public by design or identifiers (`notSecret`) are left out unless `keepNotSecret`.
 */
export function scanValue(text: string, keepNotSecret = false): ValueMatch[] {
  return keepNotSecret ? scanAll(text) : scanRemembered(text);
}

const scanRemembered = memoizeByText((text: string) => scanText(text, false));
const scanAll = memoizeByText((text: string) => scanText(text, true));

function scanText(text: string, keepNotSecret: boolean): ValueMatch[] {
  if (!text || text.length > MAX_SCAN_LENGTH) return [];
  // accepted matches, kept sorted and disjoint, so an overlap test is a binary search; each
  // pattern's own matches come in order and are merged in once the pattern is done
  let accepted: ValueMatch[] = [];
  const overlaps = (s: number, e: number): boolean => {
    let lo = 0;
    let hi = accepted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (accepted[mid].end > s) hi = mid;
      else lo = mid + 1;
    }
    return lo < accepted.length && accepted[lo].start < e;
  };
  const mergeIn = (fresh: ValueMatch[]): void => {
    if (!fresh.length) return;
    const merged: ValueMatch[] = [];
    let i = 0;
    let j = 0;
    while (i < accepted.length || j < fresh.length) {
      if (j >= fresh.length || (i < accepted.length && accepted[i].start < fresh[j].start)) merged.push(accepted[i++]);
      else merged.push(fresh[j++]);
    }
    accepted = merged;
  };
  for (const index of (candidatesOf ??= candidateFilter(VALUE_PATTERNS))(text)) {
    const p = VALUE_PATTERNS[index];
    const fresh: ValueMatch[] = [];
    for (const m of text.matchAll(p.regex)) {
      let start = m.index!;
      let end = start + m[0].length;
      if (p.group !== undefined) {
        const g = m.indices?.[p.group];
        if (!g) continue;
        [start, end] = unquote(text, g[0], g[1]);
      }
      if (end <= start) continue;
      const secret = text.slice(start, end);
      if (isVariableOnly(secret) || isCommandSubstitution(secret)) continue;
      if (ACCEPTS[p.id] && !ACCEPTS[p.id](secret, text, m.index, end)) continue;
      if (p.group !== undefined ? judgeSecretValue(secret) !== 'literal' : isMasked(secret)) continue;
      // the value is the name of a function or table the program calls (`password = sys.env("X")`)
      if (p.group !== undefined && (text[end] === '(' || text[end] === '[')) continue;
      if (overlaps(start, end)) continue;
      const last = fresh[fresh.length - 1];
      if (last && start < last.end) continue;
      fresh.push({ patternId: p.id, description: p.description, start, end });
    }
    mergeIn(fresh);
  }
  // public-by-design keys and identifiers hold their span (nothing else is reported inside them) but are not secrets
  if (!keepNotSecret) accepted = accepted.filter((m) => !NOT_SECRET_PATTERNS.has(m.patternId));
  const urls: ValueMatch[] = [];
  for (const u of findUrlCredentials(text)) {
    if (u.viaVariable || overlaps(u.start, u.end) || !isLiteralUrlPassword(text.slice(u.start, u.end))) continue;
    urls.push({ patternId: u.patternId, description: u.description, start: u.start, end: u.end });
  }
  mergeIn(urls);
  if (text.includes('"kty"')) {
    mergeIn(jwkPrivateMembers(text).filter((t) => !overlaps(t.start, t.end)));
  }
  if (text.includes('://')) {
    const tokens: ValueMatch[] = [];
    for (const t of [...notificationUrlTokens(text), ...queryPasswords(text), ...streamKeys(text)].sort((a, b) => a.start - b.start)) {
      // sorted by start: only the last one kept can overlap this one
      const last = tokens[tokens.length - 1];
      if (!overlaps(t.start, t.end) && !(last && t.start < last.end)) tokens.push(t);
    }
    mergeIn(tokens);
  }
  return accepted;
}

/**
 * Notification services addressed by URL (Apprise, shoutrrr: Watchtower, Uptime Kuma, Jellyseerr…):
 * the URL carries the service's token as one of its parts (`discord://ID/TOKEN`,
 * `pover://USER@TOKEN`, `gotifys://host/TOKEN`, `tgram://BOT_TOKEN/CHAT`).
 */
const NOTIFICATION_SCHEME =
  /\b(?:discord|tgram|telegram|pover|pushover|gotifys?|slack|teams|msteams|pbul|pushbullet|ntfys?|rocketchat|rocket|mattermosts?|zulip|ifttt|opsgenie|pagerduty|googlechat|gchat|lark|feishu|dingtalk|bark|barks|pushed|prowl|spush|simplepush|join|signal|matrixs?|ryver|twist|flock|guilded|revolt|pushplus|serverchan|wxpusher|ntfy)(?=:\/\/)/gi;
/**
 * How far a URL is followed from its scheme or a parameter: bounds the work per match, so a value
 * of thousands of URLs with no blank between them is read in linear time.
 */
const MAX_URL_LENGTH = 2048;
const URL_STOP = /[\s'"<>`,;]/;

/** A short password parameter next to a user parameter in one query (Subsonic `?u=monitor&p=…`, `?user=x&pw=…`). */
const QUERY_PASSWORD = /[?&](?:p|pw|pwd|pass)=([^&\s#'"]{4,300})/dg;

/**
 * A Redis connection's password as its query's `auth`/`password` (PHP's `session.save_path = "tcp://redis:6379?auth=…"`,
 * phpredis and Predis URLs): the password, whatever else the query holds.
 */
const REDIS_QUERY_PASSWORD = /\b(?:tcp|tls|redis|rediss|unix):\/\/[^\s'"?#]{1,300}\?(?:[^\s'"#]{0,300}&)?(?:auth|password)=([^&\s#'"]{4,300})/dg;

function queryPasswords(text: string): ValueMatch[] {
  const out: ValueMatch[] = [];
  if (!text.includes('=')) return out;
  if (text.includes('://')) {
    for (const m of text.matchAll(REDIS_QUERY_PASSWORD)) {
      const [start, stop] = m.indices![1];
      const value = text.slice(start, stop);
      if (isVariableOnly(value) || judgeSecretValue(value) !== 'literal') continue;
      out.push({ patternId: 'url-query-password', description: 'password in a URL query', start, end: stop });
    }
  }
  for (const m of text.matchAll(QUERY_PASSWORD)) {
    // the query this parameter belongs to: from its `?` to the next blank or quote
    let q = m.index;
    while (q > 0 && q > m.index - MAX_URL_LENGTH && text[q] !== '?' && !URL_STOP.test(text[q - 1])) q--;
    if (text[q] !== '?') continue;
    let end = m.index + 1;
    const limit = Math.min(text.length, m.index + MAX_URL_LENGTH);
    while (end < limit && !URL_STOP.test(text[end]) && text[end] !== '#' && text[end] !== '?') end++;
    if (!/[?&](?:u|user|username|login)=[^&\s]/.test(text.slice(q, end))) continue;
    const [start, stop] = m.indices![1];
    const value = text.slice(start, stop);
    if (isVariableOnly(value) || judgeSecretValue(value) !== 'literal') continue;
    out.push({ patternId: 'url-query-password', description: 'password in a URL query', start, end: stop });
  }
  return out;
}

/** A part of such a URL that is a token: random-looking, 14 to 200 characters mixing upper case, lower case and digits. */
const TOKEN_PART = /^[A-Za-z0-9_-]{14,200}$/;

/** An RTMP URL (`rtmp://a.rtmp.youtube.com/live2/KEY`, `rtmps://…facebook.com:443/rtmp/KEY`): its path is `/app/stream`. */
const RTMP_SCHEME = /\brtmp[ste]?(?=:\/\/)/gi;
const STREAM_KEY = /^[A-Za-z0-9_-]{12,200}$/;
/** YouTube's stream keys: five groups of four lower-case letters and digits (`hafj-j6aq-cedq-ia7r-vvgg`). */
const YOUTUBE_STREAM_KEY = /^[a-z0-9]{4}(?:-[a-z0-9]{4}){3,4}$/;

/**
 * The stream key of an RTMP URL: the stream's name after the application is the key a streaming service (YouTube,
 * Twitch, Facebook Live, Owncast) takes as the password of the stream. A name (`live/main`, `live/church-cam`) is
 * none: the key is generated, letters of both cases and digits, or YouTube's groups of four.
 */
function streamKeys(text: string): ValueMatch[] {
  const out: ValueMatch[] = [];
  if (!/rtmp/i.test(text)) return out;
  for (const m of text.matchAll(RTMP_SCHEME)) {
    const from = m.index + m[0].length + 3;
    const limit = Math.min(text.length, from + MAX_URL_LENGTH);
    let end = from;
    while (end < limit && !URL_STOP.test(text[end]) && text[end] !== '?' && !text.startsWith('://', end)) end++;
    // host, application, then the stream: at least two slashes after the host's start
    const path = text.slice(from, end);
    const slash = path.lastIndexOf('/');
    if (slash <= 0 || path.indexOf('/') === slash) continue;
    const key = path.slice(slash + 1).replace(/;$/, '');
    const generated = (/[A-Z]/.test(key) && /[a-z]/.test(key)) || YOUTUBE_STREAM_KEY.test(key);
    if (STREAM_KEY.test(key) && /\d/.test(key) && generated && judgeSecretValue(key) === 'literal') {
      out.push({ patternId: 'rtmp-stream-key', description: 'stream key in an RTMP URL', start: from + slash + 1, end: from + slash + 1 + key.length });
    }
  }
  return out;
}

/** 24 or more lower-case letters and digits, four or more of each: a generated key written in one case (Pushover's). */
const LOWER_GENERATED = /^(?=(?:[a-z]*\d){4})(?=(?:\d*[a-z]){4})[a-z0-9]{24,}$/;

function notificationUrlTokens(text: string): ValueMatch[] {
  const out: ValueMatch[] = [];
  for (const m of text.matchAll(NOTIFICATION_SCHEME)) {
    const from = m.index + m[0].length + 3;
    // the URL's parts between its delimiters, up to its query, its end or the next URL (`://`)
    const limit = Math.min(text.length, from + MAX_URL_LENGTH);
    let end = from;
    while (end < limit && !URL_STOP.test(text[end]) && text[end] !== '?' && !text.startsWith('://', end)) end++;
    let partStart = from;
    for (let i = from; i <= end; i++) {
      if (i < end && !/[/@:#]/.test(text[i])) continue;
      const part = text.slice(partStart, i);
      // (of both cases and digits; or, as Pushover's user keys and tokens, 24 or more lower-case letters and digits, both many)
      const generated = (/[A-Z]/.test(part) && /[a-z]/.test(part) && /\d/.test(part)) || LOWER_GENERATED.test(part);
      if (TOKEN_PART.test(part) && generated && judgeSecretValue(part) === 'literal') {
        out.push({ patternId: 'notification-url-token', description: 'notification service token in a URL', start: partStart, end: i });
      }
      partStart = i + 1;
    }
  }
  return out;
}

/**
 * A URL query's `key=` value is an API key when it is generated-looking (letters and digits both) and
 * the URL is no map tile server's, whose key the browser is given (MapTiler: public by design).
 */
function queryKeyIsApiKey(text: string, at: number, value: string): boolean {
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  const url = text.slice(Math.max(0, at - 300), at);
  const scheme = url.lastIndexOf('://');
  return !/maptiler\.com\//i.test(scheme >= 0 ? url.slice(scheme) : url);
}

/** A JWK's declared type, and its private members: RSA/EC/OKP's `"d"`, an oct key's `"k"`. */
const JWK_TYPE = /"kty"\s*:\s*"(?:RSA|EC|OKP|oct)"/g;
const JWK_PRIVATE_MEMBER = /"[dk]"\s*:\s*"([A-Za-z0-9_-]{16,2000})"/dg;
/** How far around its `"kty"` a key's object is looked for. */
const JWK_REACH = 4000;

/**
 * A JSON Web Key's private part (`{"kty":"RSA", …, "d":"…"}`, `{"kty":"oct","k":"…"}`), whichever
 * member comes first: in the object that declares the key's type, found between the braces around
 * its `"kty"` (a public JWK has neither member). Read here, not by a pattern of the table: a pattern
 * with a bounded gap before `"d"` exhausted the static checker's memory (recheck).
 */
function jwkPrivateMembers(text: string): ValueMatch[] {
  const out: ValueMatch[] = [];
  let searchedTo = 0;
  for (const m of text.matchAll(JWK_TYPE)) {
    // the braces around it, looked for within reach only (each search bounded: linear in the text)
    const windowStart = Math.max(searchedTo, m.index - JWK_REACH);
    const open = text.slice(windowStart, m.index).lastIndexOf('{');
    const from = open < 0 ? windowStart : windowStart + open;
    const after = text.slice(m.index, m.index + JWK_REACH);
    const close = after.indexOf('}');
    const to = m.index + (close < 0 ? after.length : close);
    if (from >= to) continue;
    const object = text.slice(from, to);
    if (!object.includes('"d"') && !object.includes('"k"')) continue;
    for (const d of object.matchAll(JWK_PRIVATE_MEMBER)) {
      const [start, end] = d.indices![1];
      if (judgeSecretValue(d[1]) === 'literal')
        out.push({ patternId: 'jwk-private-key', description: 'private JSON Web Key', start: from + start, end: from + end });
    }
    searchedTo = to;
  }
  return out;
}
