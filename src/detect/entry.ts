import type { KeyValueEntry } from '../model/model.js';
import { originWithin, subOrigin, type Origin } from '../model/origin.js';
import type { Interpolation, TreeScalar, VarUse } from '../model/tree.js';
import { findShellCredentials } from './command.js';
import { findEmbeddedAssignments, findUserPasswordPairs } from './embedded.js';
import { hasEncodedCredentials } from './encoded.js';
import { isKeyOfPair } from './key-pairs.js';
import {
  afterFlagWord,
  azureAccountKeyAt,
  classifyKey,
  describeKind,
  isConnectionKey,
  isCredentialCarrierKey,
  isServerSentryDsnKey,
  isCaptchaSecretByShape,
  isGluedKeyName,
  isAccessKeyIdShaped,
  isLoneAccessKey,
  isObjectStoreName,
  nameLooseness,
  splitWords,
  type KeyVerdict,
  type SecretKind,
} from './keys.js';
import { isGeneratedToken, isPasswordShaped, isShapedOrGenerated } from './password-shape.js';
import { isPlaceholder } from './placeholder.js';
import { findUrlCredentials, isPasswordDigest, isVariableOnly, judgeNamedValue, judgeSecretValue, scanValue, type ValueMatch } from './scan.js';

/** A secret written in a file (the compose file, or a .env file that interpolation read). */
export interface HardcodedVerdict {
  class: 'hardcoded';
  origin: Origin;
  /** What it is, for messages: 'password', 'GitHub personal access token', … */
  kind: string;
  placeholder: boolean;
  /** Where the literal comes from: written as the value, a template's default, or a .env file. */
  source: 'literal' | 'default' | 'dotenv';
  /** The variable whose value it is, for 'dotenv' and 'default'. */
  variable?: string;
  /** The value itself, only for redaction; never put in a message. */
  value: string;
}

/** A secret fed from the environment at run time (host passthrough or interpolation). */
export interface ViaEnvVerdict {
  class: 'via-env';
  origin: Origin;
  kind: string;
  variables: string[];
  /**
   * Every variable has an empty default written in the file and no value (`${OPENAI_API_KEY:-}`): the file declares the
   * setting optional, an integration left off unless the deployment sets it. secret-via-environment reports these only
   * with its `optional` option.
   */
  optional?: true;
  /** The reference as written (`${SMTP_PASSWORD}`), to point at it inside a multi-line value. */
  locate?: string;
}

export type EntryVerdict = HardcodedVerdict | ViaEnvVerdict;

/**
 * Judge one KEY=VALUE entry (environment, build arg, label): which secrets it holds and how they get there.
 * `pairedBeside`: the `secretHalves` of the names set beside it.
 */
export function judgeEntry(entry: KeyValueEntry, pairedBeside?: ReadonlySet<string>): EntryVerdict[] {
  const value = entry.value;
  // the key half of a pair set beside its secret identifies the account: a literal, or a reference to variables
  // that are not secrets by their own names (`AUTH_KEY: ${MINIO_ACCESS_KEY}`), or are themselves an object store's key half
  // of a pair whose secret is read beside (`…_S3_KEY: ${S3_STORAGE_KEY}` beside `…_S3_SECRET: ${S3_STORAGE_SECRET}`: a
  // vendor's `API_KEY: ${API_KEY}` is judged by the name), or an OAuth consumer's key beside its consumer secret
  // (`TRIPLESEAT_CONSUMER_KEY: ${TRIPLESEAT_CONSUMER_KEY}` beside `…_CONSUMER_SECRET: ${…}`: the app's name, sent in every
  // request's OAuth header; the secret signs them)
  const identifying =
    value && (!value.interpolation || value.interpolation.vars.every((v) => !classifyKey(v.name).sensitive || isIdentifyingVariable(v.name, pairedBeside)));
  const verdict = pairedBeside && identifying && isKeyOfPair(entry.key, pairedBeside) ? KEY_OF_PAIR : nameVerdict(entry.key, value);
  if (!value) {
    if (!verdict.sensitive && entry.passthrough?.value && varKind(entry.passthrough) === 'dotenv') {
      const byShape = judgeDotenvByShape(entry.passthrough, entry.key, verdict);
      return byShape.length ? byShape : judgeDotenvPassthrough(entry.passthrough, entry.key);
    }
    // a vendor's lone access key given from the host (`PICOVOICE_ACCESS_KEY:`, hydrus's `HYDRUS_ACCESS_KEY:`): its secret, the
    // account's key of no object store and with no secret beside it
    const loneAccessKey = verdict !== KEY_OF_PAIR && isLoneAccessKey(entry.key) && entry.passthrough?.value === undefined;
    if (loneAccessKey) return [{ class: 'via-env', origin: entry.keyOrigin, kind: describeKind('access-key'), variables: [entry.key] }];
    if (!verdict.sensitive && !(isCredentialCarrierKey(entry.key) && entry.passthrough?.value === undefined)) return [];
    // a bare KEY takes the project's value: a literal when the project's .env holds one
    if (entry.passthrough && varKind(entry.passthrough) === 'dotenv') {
      return [{ ...hardcoded(entry.passthrough.origin!, describeKind(verdict.kind), entry.passthrough.value!, 'dotenv'), variable: entry.key }];
    }
    if (entry.passthrough && varKind(entry.passthrough) === 'project') return [];
    return [{ class: 'via-env', origin: entry.keyOrigin, kind: describeKind(verdict.kind), variables: [entry.key] }];
  }
  const text = String(value.value);
  const vars = value.interpolation?.vars ?? [];
  // options kept in a secret-named variable (`ZK_CREDS_AND_ACLS: -Dx.Password=lit -Dy.Password=${VAR}`):
  // each credential among them is judged on its own, where it is written
  const byOptions = verdict.sensitive && hasOptions(text) && flagCredentials(value.interpolation?.template ?? text).length > 0;
  // a user named with its password (`BOOTSTRAP_USER: superuser:…`, `BASIC_AUTH_USER_INFO: u:${PW}`)
  if (!verdict.sensitive && isUserInfoKey(entry.key)) {
    const pairs = judgePairs(value, value.interpolation?.template ?? text);
    if (pairs.length) return pairs;
  }
  // a name that only loosely says credential (`HTTP_BASIC_AUTH`, `*_CREDENTIALS`) holding `user:password`: the password
  if (((verdict.sensitive && verdict.loose === 'name') || (!verdict.sensitive && isAuthSettingKey(entry.key))) && !vars.length) {
    const pairs = judgePairs(value, text);
    if (pairs.length) return pairs;
  }
  if (vars.length) {
    // the whole value a variable the project's .env sets, under a name that says no secret but whose value's shape does
    // (a vendor's lone access key: `KERNEL_ACCESS_KEY: ${SERVICEWEBAPI_ACCESSKEY}`): hardcoded in .env
    const whole = !verdict.sensitive && WHOLE_VARIABLE.test(value.interpolation!.template) && vars.length === 1 ? vars[0] : undefined;
    if (whole && varKind(whole) === 'dotenv') {
      const byShape = judgeDotenvByShape(whole, entry.key, verdict);
      if (byShape.length) return byShape;
    }
    // or its default written in the file (`HYDL_DAEMON_ACCESS_KEY: ${HYDL_DAEMON_ACCESS_KEY:-4lqq7GFI…}`)
    if (whole && varKind(whole) === 'default') {
      const kind = judgeByShape(entry.key, verdict, whole.value!);
      if (kind) return [{ ...hardcoded(value.origin, describeKind(kind), whole.value!, 'default'), variable: whole.name }];
    }
    // a vendor's lone access key passed whole from the host (`HYDRUS_ACCESS_KEY: ${HYDRUS_ACCESS_KEY}`), as given bare
    if (whole && verdict !== KEY_OF_PAIR && isLoneAccessKey(entry.key) && varKind(whole) === 'runtime' && whole.value === undefined)
      return judgeInterpolated(entry, value, text, describeKind('access-key'));
    return judgeInterpolated(entry, value, text, verdict.sensitive && !byOptions ? describeKind(verdict.kind) : undefined, pairedBeside);
  }
  if (byOptions) return judgeFreeText(value, text);
  if (verdict.sensitive) {
    // `$${VAR}` written in the file reaches the container as `${VAR}`: a template its program
    // expands (Spring, Symfony, an entrypoint's envsubst). `$$word` is only a password with a `$`.
    const judged = judgeNamedValue(nameLooseness(entry.key), text);
    // a JSON object or list is judged by what it holds (`{"client_secret": "…"}`, an empty `[]`)
    if (judged === 'structure') {
      const inside = judgeFreeText(value, text);
      // nothing recognisable inside a non-empty one (COMPOSER_AUTH's JSON): the whole is the credential
      if (inside.length || /^[[{]\s*[\]}]$/.test(text.trim())) return inside;
      return [hardcoded(value.origin, describeKind(verdict.kind), text, 'literal')];
    }
    if (judged !== 'literal' || BRACED_REFERENCE.test(text.trim()) || isPasswordDigest(verdict.kind, text)) return [];
    // a config file written into the variable (Chainlink's `CL_SECRETS: |` of TOML tables): its settings, where each is
    if (MULTI_LINE_SETTINGS.test(text)) {
      const inside = judgeFreeText(value, text);
      if (inside.length) return inside;
    }
    return [hardcoded(value.origin, describeKind(verdict.kind), text, 'literal')];
  }
  const byShape = judgeByShape(entry.key, verdict, text);
  if (byShape) return [hardcoded(value.origin, describeKind(byShape), text, 'literal')];
  // a key public by design (anon, publishable) may well hold a JWT: it is meant to be seen
  const publicByDesign = isPublicName(entry.key);
  return judgeFreeText(value, text).filter((v) => !(publicByDesign && BROWSER_KEY_KINDS.has(v.kind)));
}

/** A name whose last word is a certificate's (`AGORA_APP_CERTIFICATE`, `app.cert`). */
const CERTIFICATE_NAME = /(?:^|[_.-])(?:certificate|cert)$/i;

/**
 * A name that says no secret, or says it only of another shape of value, holding a value shaped like a
 * secret: the kind of secret it is, or undefined. Each case is a name whose values are otherwise settings.
 */
function judgeByShape(key: string, verdict: KeyVerdict, text: string): SecretKind | undefined {
  const generated = isPasswordShaped(text) || /^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}$/.test(text);
  const noName = () => judgeNamedValue({ loose: 'name' }, text) === 'literal';
  // a switch's name (`AUTO_IMPORT_SECRET`, `TOPOH_MASK_KEY`) holding a generated token, where a switch holds
  // `true` or a number: the token is the secret the rest of the name says (Firefly III's auto-import secret)
  const unflagged = afterFlagWord(key);
  if (unflagged?.sensitive && generated && noName()) return unflagged.kind ?? 'secret';
  // a certificate is PEM, base64 DER of hundreds of characters, a path or a reference: a short generated value under
  // a certificate's name is a shared secret named so (Agora's App Certificate, 32 hex digits); a digest's length in
  // hex is a fingerprint, a CA's or a public certificate is public
  if (
    CERTIFICATE_NAME.test(key) &&
    !/(?:^|[_.-])(?:ca|root|public|pub)(?:[_.-]|$)/i.test(key) &&
    isGeneratedToken(text) &&
    !/^(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i.test(text) &&
    noName()
  ) {
    return 'secret';
  }
  // hCaptcha's secret key has its own shape (`0x` and 40 hex digits; its site keys are UUIDs): under a CAPTCHA key's
  // name that says nothing more (`HCAPTCHA_KEY`) it is the secret
  if (isCaptchaSecretByShape(key, text)) return 'secret';
  // a vendor's access key that is no object store's (`MESSAGEBIRD_ACCESS_KEY`, a health check's) holding a generated
  // value: its secret. An id's shape (`AKIA…`, upper case and digits) or a word is the account's name, as for S3
  if (verdict !== KEY_OF_PAIR && isLoneAccessKey(key) && generated && !isAccessKeyIdShaped(text) && noName()) return 'access-key';
  // a vendor's name glued to KEY (`FR24KEY`) holding a generated token (letters and digits, not a UUID): its key
  if (verdict.reason === undefined && isGluedKeyName(key) && isGeneratedToken(text) && !/[-_]/.test(text)) return 'api-key';
  // an Azure storage account's key (`AzureTerraformStateStorageAccessKey`, Azurite's `AZURITE_ACCOUNTS: "name:key"`)
  if (azureAccountKeyAt(key, text) >= 0) return 'access-key';
  // a server's Sentry DSN: its key (32 hex digits) is the user of the URL
  if (isServerSentryDsnKey(key) && SENTRY_DSN.test(text)) return 'api-key';
  // Oracle's connect string under a connection's name (`DB_CONN: user/password@host:1521/service`, as sqlplus takes it)
  if (isConnectionKey(key) && ORACLE_CONNECT.test(text) && noName()) return 'connection-string';
  return undefined;
}

/** A Sentry DSN: `https://` its key (32 hex digits) `@` the host, the project's number (a legacy one's `:secret` is a URL's password, found as one). */
const SENTRY_DSN = /^https?:\/\/[0-9a-f]{32}@[\w.-]+(?::\d+)?(?:\/[\w.-]+)*\/\d+\/?$/;

/** Oracle's `user/password@host[:port][/service]` (EZConnect), the password of four characters or more. */
const ORACLE_CONNECT = /^[A-Za-z][\w$#]{0,29}\/[^\s/@]{4,128}@[A-Za-z0-9][\w.-]{0,253}(?::\d{1,5})?(?:\/[\w.$-]{1,128})?$/;

/** The identifying half of a key pair set beside its secret half: judged by its value alone. */
const KEY_OF_PAIR: KeyVerdict = { sensitive: false, reason: 'identifying half of a key pair' };

/** A setting named for authentication (`HTTP_BASIC_AUTH`, read as a switch by its name): it may hold `user:password`. */
function isAuthSettingKey(key: string): boolean {
  const words = splitWords(key);
  const last = words[words.length - 1];
  return last === 'auth' || last === 'basicauth' || last === 'credentials' || last === 'creds';
}

/** `user` run together with whose it is: `superuser`, Signal K's `ADMINUSER: skipper:…`. */
const GLUED_USER = /^(?:super|admin|root|api|web|http|basic|default|initial|bootstrap)user$/;

/** A name for a user, or a user with its password: `*_USER`, `*_USERS`, `*_USER_INFO`, Aidbox's `AIDBOX_SUPERUSER: admin:…`. */
function isUserInfoKey(key: string): boolean {
  const words = splitWords(key);
  const last = words[words.length - 1];
  return last === 'user' || last === 'users' || GLUED_USER.test(last) || last === 'userinfo' || (last === 'info' && words[words.length - 2] === 'user');
}

/** The passwords of `user:password` pairs in a value (as written: `text` is the template when there is one). */
function judgePairs(value: TreeScalar, text: string): EntryVerdict[] {
  const out: EntryVerdict[] = [];
  // users as a JSON object of name → password (Orthanc `REGISTERED_USERS: {"admin": "…"}`)
  if (/^\s*\{/.test(text) && text.length <= 100_000) {
    for (const m of text.matchAll(JSON_USER_PASSWORD)) {
      const [start, end] = m.indices![1];
      if (!isVariableOnly(m[1]) && judgeNamedValue({}, m[1]) === 'literal') out.push(hardcoded(originWithin(value, start, end), 'password', m[1], 'literal'));
    }
    return out;
  }
  // users as `name|password|home|uid` entries between blanks (an FTP server image's `USERS: "hplc|…|/home/hplc|10000 …"`)
  if (text.includes('|') && text.length <= 100_000) {
    for (const m of text.matchAll(PIPED_USER_PASSWORD)) {
      const [start, end] = m.indices![1];
      // (shaped as a password is: `alice|bob|carol` is a list of names)
      if (!isVariableOnly(m[1]) && isShapedOrGenerated(m[1]) && judgeNamedValue({}, m[1]) === 'literal')
        out.push(hardcoded(originWithin(value, start, end), 'password', m[1], 'literal'));
    }
    if (out.length) return out;
  }
  for (const p of findUserPasswordPairs(text)) {
    const origin = originWithin(value, p.start, p.end);
    const fragment = text.slice(p.start, p.end);
    if (p.viaVariable) {
      if (value.interpolation) out.push(...judgeVariables(fragment, value.interpolation, origin, 'password'));
    } else out.push(hardcoded(origin, 'password', fragment, 'literal'));
  }
  return out;
}

/** A user's `name|password` at the start of a blank-separated entry, more `|` fields (a home, a uid) perhaps after it. */
const PIPED_USER_PASSWORD = /(?<![^\s])[A-Za-z0-9_.@-]{1,64}\|([^\s|]{1,256})(?=\||\s|$)/dg;

const JSON_USER_PASSWORD = /"[A-Za-z0-9_.@-]{1,64}"[ \t]*:[ \t]*"([^"\\\n]{1,4096})"/dg;

/** Formats a browser may be given (a Supabase anon JWT, a Firebase web API key): public when the name says so. */
const BROWSER_KEY_KINDS = new Set(['JSON Web Token', 'Google API key']);

/**
 * The name's verdict; when the name says nothing and a literal default is written for a
 * secret-named variable, the variable speaks for it (`HPW=${HUB_PASSWORD:-x}`: a password is
 * written in the file). Without a default the name decides (`POSTGRES_DB: ${X_PASSWORD}`).
 */
function nameVerdict(key: string, value: TreeScalar | undefined): KeyVerdict {
  const verdict = classifyKey(key);
  if (verdict.sensitive || verdict.reason !== undefined || verdict.kind !== undefined || !value?.interpolation) return verdict;
  const vars = value.interpolation.vars;
  if (vars.length !== 1 || vars[0].resolution !== 'default' || !BRACED_OR_BARE.test(value.interpolation.template.trim())) return verdict;
  const fromVariable = classifyKey(vars[0].name);
  return fromVariable.sensitive ? fromVariable : verdict;
}

/** Where a template reads NAME as Compose does (`${NAME…}` or `$NAME`, not `$$NAME`): the reference's start and its `$${NAME` / `$NAME` text. */
function referenceTo(template: string, name: string): { start: number; text: string } | undefined {
  for (const head of ['${', '$']) {
    for (let i = template.indexOf(head + name); i >= 0; i = template.indexOf(head + name, i + 1)) {
      const after = template.charCodeAt(i + head.length + name.length);
      const escaped = i > 0 && template[i - 1] === '$';
      const continues = (after >= 48 && after <= 57) || (after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 95;
      if (!escaped && !continues) return { start: i, text: head + name };
    }
  }
  return undefined;
}

/** A value that is one reference, with or without a default (`${X}`, `$X`, `${X:-default}`). */
const BRACED_OR_BARE = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^{}$]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*)$/;

function isPublicName(name: string): boolean {
  return /public/.test(classifyKey(name).reason ?? '');
}

/**
 * A browser key (a Firebase web API key, an anon JWT) found in a text where a public-by-design
 * name is assigned it on its line (`EXPO_PUBLIC_FIREBASE_API_KEY=AIza…`, `"anonKey": "eyJ…"`).
 */
export function isPublicBrowserKey(text: string, start: number, description: string): boolean {
  if (!BROWSER_KEY_KINDS.has(description)) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // the name is right before the value (a bounded look back: a long line is not read again for each key)
  if (start - lineStart > 160) return false;
  const head = /^[ \t]*(?:export[ \t]+|-[ \t]+)?["']?([A-Za-z_][\w.-]{0,100})["']?[ \t]*[=:][ \t]*["']?$/.exec(text.slice(lineStart, start));
  return head !== null && isPublicName(head[1]);
}

const BRACED_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_.:-]*\}$/;
/** A value of several lines, one of them a setting (`Password = '…'`, `password: …`): a config file's text. */
const MULTI_LINE_SETTINGS = /\n[ \t]*[A-Za-z_][\w.-]{0,63}[ \t]*[=:][ \t]*\S/;

/** Credentials recognised by their format, anywhere in a free text value. */
function judgeFreeText(value: TreeScalar, text: string): HardcodedVerdict[] {
  const matches = valueSecrets(text);
  const out = matches.map((m) => hardcoded(originWithin(value, m.start, m.end), m.description, text.slice(m.start, m.end), 'literal'));
  const spans: [number, number][] = matches.map((m) => [m.start, m.end]);
  const free = (s: number, e: number) => !spans.some(([a, b]) => a < e && s < b);
  // settings written inside a blob, e.g. GITLAB_OMNIBUS_CONFIG's gitlab_rails['initial_root_password'] = '…'
  for (const a of findEmbeddedAssignments(text)) {
    if (a.viaVariable || !free(a.start, a.end)) continue;
    out.push(hardcoded(originWithin(value, a.start, a.end), a.kind, text.slice(a.start, a.end), 'literal'));
    spans.push([a.start, a.end]);
  }
  // command-line options kept in a variable (EXTRA_LAUNCH_ARGS, JAVA_OPTS): --api-key x, -Dx.password=y
  for (const c of flagCredentials(text)) {
    if (c.viaVariable || !free(c.absStart, c.absEnd)) continue;
    out.push(hardcoded(originWithin(value, c.absStart, c.absEnd), c.description, text.slice(c.absStart, c.absEnd), 'literal'));
  }
  return out;
}

/**
 * The secrets a value shows by itself, whatever its name: known formats and URL passwords
 * (scanValue), else the whole value when it is base64-encoded JSON holding a credential.
 */
function valueSecrets(text: string): ValueMatch[] {
  const found = scanValue(text);
  if (found.length || !hasEncodedCredentials(text)) return found;
  return [{ patternId: 'base64-json-credentials', description: 'base64-encoded JSON with credentials', start: 0, end: text.length }];
}

/** A value given whole by one variable: `${NAME}`, `$NAME`, `${NAME:-default}`. */
const WHOLE_VARIABLE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?::?-[^${}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/** The project's .env value of a setting whose name says no secret but whose value's shape does (judgeByShape). */
function judgeDotenvByShape(use: VarUse, key: string, verdict: KeyVerdict): HardcodedVerdict[] {
  const kind = judgeByShape(key, verdict, use.value!);
  return kind ? [{ ...hardcoded(use.origin!, describeKind(kind), use.value!, 'dotenv'), variable: use.name }] : [];
}

/** The secrets of a project value a bare `KEY` takes from .env under a name that says nothing: known formats, URL passwords, encoded JSON. */
function judgeDotenvPassthrough(use: VarUse, key: string): HardcodedVerdict[] {
  const text = use.value!;
  const origin = use.origin!;
  // the value as written maps 1:1 to the file when it is not quoted: a secret inside it is located there
  const exact = origin.range[1] - origin.range[0] === text.length ? 0 : undefined;
  const [f] = valueSecrets(text);
  return f ? [{ ...hardcoded(subOrigin(origin, f.start, f.end, exact), f.description, text.slice(f.start, f.end), 'dotenv'), variable: key }] : [];
}

/** Credentials on a command line written into a variable's value; only for values that carry options. */
function flagCredentials(text: string): ReturnType<typeof findShellCredentials> {
  if (!hasOptions(text)) return [];
  return findShellCredentials(text);
}

/** The value carries command-line options (`--x`, `-Dx=`): what the detector reads as a command line. */
function hasOptions(text: string): boolean {
  return text.length <= 32_768 && /(^|\s)--?[A-Za-z]/.test(text);
}

/** What a variable of a template stands for: a literal written in a .env file or as the default, or a value given at run time. */
/** 'project': the project's .env sets it to something that is no secret (a word like `public`, a reference): nothing comes at run time. */
type VarKind = 'dotenv' | 'default' | 'runtime' | 'project';

/** A .env value that says "no value": what a framework's env reader turns into null. */
const NOTHING_WORD = /^(?:null|nil|none|\(null\))$/i;

/** A default that gives nothing: empty, or an empty JSON list or object. */
const EMPTY_DEFAULT = /^(?:|\[\s*\]|\{\s*\})$/;

function varKind(v: VarUse): VarKind {
  const literal = v.value !== undefined && isWrittenSecret(v.value);
  if (v.resolution === 'set' && v.source === 'dotenv' && v.origin && literal) return 'dotenv';
  // empty in .env is a blank to fill in at deploy time (runtime), and so is a word for nothing (Laravel's `MAIL_PASSWORD=null`);
  // another word there is what the project runs with
  if (v.resolution === 'set' && v.source === 'dotenv' && v.origin && v.value?.trim() && !NOTHING_WORD.test(v.value.trim())) return 'project';
  if (v.resolution === 'default' && literal) return 'default';
  // unset, from the shell, or empty (in .env or as default): the real value comes at run time
  return 'runtime';
}

/**
 * A variable's value that is a secret written down: a literal, or a JSON structure holding one among its strings
 * (BunkerWeb's `TOTP_SECRETS={"1": "…"}` in .env), as a JSON value written in the compose file is judged by what it holds.
 */
function isWrittenSecret(value: string): boolean {
  const judged = judgeSecretValue(value);
  return (
    judged === 'literal' ||
    (judged === 'structure' && structureStrings(JSON.parse(value)).some((s) => s.length >= 8 && judgeSecretValue(s) === 'literal' && !isPlaceholder(s)))
  );
}

/** The strings of a parsed JSON value, keys left out, at most 64, at most 16 levels down (a hostile nesting is not followed). */
function structureStrings(value: unknown, out: string[] = [], depth = 0): string[] {
  if (out.length >= 64 || depth > 16) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) structureStrings(item, out, depth + 1);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) structureStrings(item, out, depth + 1);
  return out;
}

/**
 * A top-level secret's `environment: VAR` whose value the project's .env writes: the secret is
 * hardcoded there, in a file committed more often than anyone intends. A variable given at run
 * time (the deploying shell's) is where a plain-Compose secret's value belongs: nothing.
 */
export function judgeSecretVariable(secret: string, use: VarUse | undefined): HardcodedVerdict | undefined {
  if (!use || varKind(use) !== 'dotenv') return undefined;
  const kind = classifyKey(secret);
  return { ...hardcoded(use.origin!, describeKind(kind.sensitive ? kind.kind : undefined), use.value!, 'dotenv'), variable: use.name };
}

const VARIABLE_NAME = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The secret that a part of a template stands for (a URL's password `${DB_PASSWORD}`, the value
 * of `smtp_password = "${SMTP_PASSWORD}"`): hardcoded where its variables come from a .env file
 * or a default written in the file, passed through the environment otherwise. `$$NAME` is the
 * container's own variable, not Compose's, and is not judged here.
 */
export function judgeVariables(fragment: string, interp: Interpolation, origin: Origin, kind: string): EntryVerdict[] {
  const names = [...fragment.replace(/\$\$/g, '').matchAll(VARIABLE_NAME)].map((m) => m[1]);
  // a variable whose own name says public by design (`${TYPESENSE_SEARCH_ONLY_KEY}`, `${STRIPE_PUBLISHABLE_KEY}`) holds no
  // secret, whatever the setting it fills is called
  const uses = interp.vars.filter((v) => names.includes(v.name) && !isPublicName(v.name));
  if (!uses.length) return [];
  const out: EntryVerdict[] = [];
  for (const v of uses) {
    const k = varKind(v);
    if (k === 'dotenv') {
      out.push({ ...hardcoded(v.origin!, kind, v.value!, 'dotenv'), variable: v.name });
      // the default written beside it (`${ADMIN_PASSWORD:-GT2*AKhx…}`) is a password in the file too, unused while .env
      // sets the variable: one shaped like a password, not a word (`airflow`) nor an upstream's lower-case sample
      const written = writtenDefaultOf(fragment, v.name);
      if (written !== undefined && isPasswordShaped(written) && judgeSecretValue(written) === 'literal') {
        out.push({ ...hardcoded(origin, kind, written, 'default'), variable: v.name });
      }
    } else if (k === 'default') out.push({ ...hardcoded(origin, kind, v.value!, 'default'), variable: v.name });
  }
  const runtime = uses.filter((v) => varKind(v) === 'runtime');
  if (!out.length && runtime.length) {
    // `${VAR:-}`: the file gives an empty default, the setting is optional (see ViaEnvVerdict.optional);
    // so does an empty list or object for a setting that holds a JSON structure (`${JWT_KEYS:-[]}`)
    const optional = runtime.every((v) => v.resolution === 'default' && EMPTY_DEFAULT.test(v.value ?? ''));
    out.push({ class: 'via-env', origin, kind, variables: runtime.map((v) => v.name), locate: fragment, ...(optional ? { optional: true } : {}) });
  }
  return out;
}

/** The default written for a variable in a template (`${NAME:-x}`, `${NAME-x}`), when it holds no further reference. */
function writtenDefaultOf(template: string, name: string): string | undefined {
  for (const m of template.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]{0,200}):?-([^${}]{1,4096})\}/g)) if (m[1] === name) return m[2];
  return undefined;
}

function judgeInterpolated(
  entry: KeyValueEntry,
  value: TreeScalar,
  resolved: string,
  sensitiveKind: string | undefined,
  pairedBeside?: ReadonlySet<string>,
): EntryVerdict[] {
  const interp = value.interpolation!;
  if (sensitiveKind) {
    // a secret-named variable passed through: point at the key, like a bare passthrough — unless
    // the value came through an alias (defined before its key): then at the anchor, once
    const aliased = value.origin.file === entry.keyOrigin.file && value.origin.range[0] < entry.keyOrigin.range[0];
    // `${VAR:+secret}`: the secret is written in the file, used whenever VAR is set
    const alternates = alternateTexts(interp.template).filter((a) => !a.text.includes('$') && judgeSecretValue(a.text) === 'literal');
    if (alternates.length) return alternates.map((a) => hardcoded(value.origin, sensitiveKind, a.text, 'literal'));
    const out = judgeVariables(interp.template, interp, value.origin, sensitiveKind).map((v) =>
      v.class === 'via-env' && !aliased ? { ...v, origin: entry.keyOrigin } : v,
    );
    if (!out.length && interp.vars.every((v) => varKind(v) !== 'runtime') && judgeSecretValue(resolved) === 'literal' && literalText(interp.template) !== '') {
      // the template mixes literal text with variables: the literal part is written in the file
      out.push(hardcoded(value.origin, sensitiveKind, resolved, 'literal'));
    } else if (out.length) out.push(...listedLiterals(value, interp.template, sensitiveKind));
    return out;
  }
  // Not a secret-named key: credentials inside the value, located by the template as written.
  const template = interp.template;
  const out: EntryVerdict[] = [];
  const literalSpans: [number, number][] = [];
  const unused = unusedDefaults(template, interp.vars);
  for (const m of findUrlCredentials(template)) {
    const password = template.slice(m.start, m.end);
    if (m.viaVariable) out.push(...judgeVariables(password, interp, value.origin, 'URL password'));
    else {
      // written in the file next to variables (`postgres://admin:pw@${DB_HOST}/db`): the resolved
      // text may not even parse as a URL when the host is unset, so it is judged as written
      if (!password.includes('$') && judgeSecretValue(password) === 'literal' && !unused.some(([a, b]) => a <= m.start && m.start < b)) {
        out.push(hardcoded(originWithin(value, m.start, m.end), m.description, password, 'literal'));
      }
      literalSpans.push([m.start, m.end]);
    }
  }
  // `${VAR:+text}`: text written in the file, used whenever VAR is set
  for (const alt of alternateTexts(template)) {
    for (const m of scanValue(alt.text)) {
      const s = alt.start + m.start;
      const e = alt.start + m.end;
      if (literalSpans.some(([a, b]) => a < e && s < b)) continue;
      out.push(hardcoded(originWithin(value, s, e), m.description, template.slice(s, e), 'literal'));
      literalSpans.push([s, e]);
    }
  }
  for (const a of findEmbeddedAssignments(template)) {
    if (a.viaVariable) out.push(...judgeVariables(template.slice(a.start, a.end), interp, value.origin, a.kind));
    else if (!literalSpans.some(([s, e]) => s < a.end && a.start < e)) {
      out.push(hardcoded(originWithin(value, a.start, a.end), a.kind, template.slice(a.start, a.end), 'literal'));
      literalSpans.push([a.start, a.end]);
    }
  }
  for (const c of flagCredentials(template)) {
    const fragment = template.slice(c.absStart, c.absEnd);
    if (c.viaVariable) out.push(...judgeVariables(fragment, interp, originWithin(value, c.absStart, c.absEnd), c.description));
    else if (!literalSpans.some(([s, e]) => s < c.absEnd && c.absStart < e)) {
      out.push(hardcoded(originWithin(value, c.absStart, c.absEnd), c.description, fragment, 'literal'));
      literalSpans.push([c.absStart, c.absEnd]);
    }
  }
  // a variable named for a secret, interpolated into any other text (`x-honeycomb-team=${HONEYCOMB_API_KEY}`,
  // `x-access-token:${BUNDLE_GITHUB_TOKEN}`): its value reaches the container inside this one.
  // A value that is the variable alone is judged by its key (`POSTGRES_DB: ${POSTGRES_DB_PASSWORD}` passes no
  // secret at run time), unless the project's .env writes a secret under that name: the .env line is in the
  // repository whatever takes it (`DOCKER_VERNEMQ_USER_ingest: ${VMQ_INGEST_PASSWORD}`)
  const judged = new Set(out.flatMap((v) => (v.class === 'via-env' ? v.variables : v.variable !== undefined ? [v.variable] : [])));
  const alone = BRACED_OR_BARE.test(template.trim());
  for (const v of interp.vars) {
    if (judged.has(v.name)) continue;
    const verdict = classifyKey(v.name);
    // a name whose tail is not known (`PASSWORD_RESET_TTL` is a setting) is not enough on its own
    if (!verdict.sensitive || nameLooseness(v.name).loose === 'tail') continue;
    // nor the identifying half of a pair whose secret is read beside (isIdentifyingVariable)
    if (isIdentifyingVariable(v.name, pairedBeside)) continue;
    if (alone && !(varKind(v) === 'dotenv' && judgeNamedValue(nameLooseness(v.name), v.value!) === 'literal')) continue;
    const at = referenceTo(template, v.name);
    if (!at) continue;
    judged.add(v.name);
    out.push(...judgeVariables(at.text, interp, originWithin(value, at.start, at.start + at.text.length), describeKind(verdict.kind)));
  }
  // a DSN or webhook URL passed whole through a variable given at run time (`SENTRY_DSN: ${SENTRY_DSN}`), under its
  // own name or the variable's (`DATABASE: ${DATABASE_URL:-}`, mysqld_exporter's `DATA_SOURCE_NAME: ${EXPORTER_DSN:-}`)
  const carrier = isCredentialCarrierKey(entry.key)
    ? entry.key
    : interp.vars.length === 1 && isCredentialCarrierKey(interp.vars[0].name)
      ? interp.vars[0].name
      : undefined;
  if (
    carrier !== undefined &&
    isVariableOnly(template) &&
    interp.vars.length &&
    interp.vars.every((v) => varKind(v) === 'runtime') &&
    !judged.has(interp.vars[0].name)
  ) {
    out.push({ class: 'via-env', origin: entry.keyOrigin, kind: describeKind(classifyKey(carrier).kind), variables: interp.vars.map((v) => v.name) });
  }
  const reported = new Set(out.filter((v): v is HardcodedVerdict => v.class === 'hardcoded').map((v) => v.value));
  for (const m of valueSecrets(resolved)) {
    const secret = resolved.slice(m.start, m.end);
    // the same value already reported (as a template's default, an option's value)
    if ([...reported].some((r) => r.includes(secret) || secret.includes(r))) continue;
    // a JWT meant to be public (a Supabase anon key) read through a public-by-design name
    if (BROWSER_KEY_KINDS.has(m.description) && (isPublicName(entry.key) || interp.vars.some((v) => v.value?.includes(secret) && isPublicName(v.name))))
      continue;
    const fromDotenv = interp.vars.find((v) => varKind(v) === 'dotenv' && v.value!.includes(secret));
    if (fromDotenv) {
      out.push({ ...hardcoded(fromDotenv.origin!, m.description, secret, 'dotenv'), variable: fromDotenv.name });
    } else if (template.includes(secret)) {
      // written literally in the template (located precisely when the text maps 1:1)
      const at = template.indexOf(secret);
      out.push(hardcoded(originWithin(value, at, at + secret.length), m.description, secret, 'literal'));
    }
  }
  return out;
}

/**
 * The spans of the defaults of variables that are set (`${DATABASE_URL:-postgres://u:pw@db}` with
 * DATABASE_URL in .env): compose never uses those defaults; the value it runs with is judged instead.
 */
function unusedDefaults(template: string, vars: readonly VarUse[]): [number, number][] {
  const out: [number, number][] = [];
  if (!template.includes('-')) return out;
  const byName = new Map(vars.map((v) => [v.name, v]));
  for (const m of template.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]{0,200})(:?)-([^${}]{0,4096})\}/g)) {
    const use = byName.get(m[1]);
    if (use?.resolution !== 'set' || (m[2] === ':' && !use.value)) continue;
    const start = m.index! + m[0].length - 1 - m[3].length;
    out.push([start, start + m[3].length]);
  }
  return out;
}

/** `${VAR:+text}` / `${VAR+text}` alternates whose text holds no further reference, with the text's offset in the template. */
function alternateTexts(template: string): { text: string; start: number }[] {
  if (!template.includes('+')) return [];
  const out: { text: string; start: number }[] = [];
  for (const m of template.matchAll(/\$\{[A-Za-z_][A-Za-z0-9_]{0,200}:?\+([^${}]{1,4096})\}/g)) {
    out.push({ text: m[1], start: m.index! + m[0].length - 1 - m[1].length });
  }
  return out;
}

/**
 * The literal items of a comma list of secrets that also takes one from a variable (bitnami/kafka's
 * `KAFKA_CLIENT_PASSWORDS: ${KAFKA_SASL_PASSWORD},laFe…,cnmL…`): each written in the file, located as written.
 */
function listedLiterals(value: TreeScalar, template: string, kind: string): HardcodedVerdict[] {
  const out: HardcodedVerdict[] = [];
  if (!template.includes(',') || template.length > 4096) return out;
  let at = 0;
  for (const item of template.split(',')) {
    const start = at + item.length - item.trimStart().length;
    const text = item.trim();
    at += item.length + 1;
    if (!text || text.includes('$') || !(isPasswordShaped(text) || isGeneratedToken(text)) || judgeSecretValue(text) !== 'literal') continue;
    out.push(hardcoded(originWithin(value, start, start + text.length), kind, text, 'literal'));
  }
  return out;
}

/** The template with every reference removed: what is literally written around the variables. */
function literalText(template: string): string {
  return template.replace(/\$\$|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, (m) => (m === '$$' ? '$' : '')).trim();
}

function hardcoded(origin: Origin, kind: string, value: string, source: HardcodedVerdict['source']): HardcodedVerdict {
  return { class: 'hardcoded', origin, kind, placeholder: isPlaceholder(value), source, value };
}

/**
 * A variable that is the identifying half of a pair whose secret half is read beside it: an object store's key
 * (`S3_STORAGE_KEY` beside `S3_STORAGE_SECRET`) or an OAuth consumer's key (`TRIPLESEAT_CONSUMER_KEY` beside
 * `TRIPLESEAT_CONSUMER_SECRET`), not a vendor's API key (`API_KEY: ${API_KEY}` is judged by its name).
 */
function isIdentifyingVariable(name: string, pairedBeside: ReadonlySet<string> | undefined): boolean {
  return pairedBeside !== undefined && (isObjectStoreName(name) || isConsumerKeyName(name)) && isKeyOfPair(name, pairedBeside);
}

/** An OAuth consumer's key by name (`TRIPLESEAT_CONSUMER_KEY`, `WC_CONSUMER_KEY`). */
function isConsumerKeyName(name: string): boolean {
  const words = splitWords(name);
  return words.length > 1 && words[words.length - 1] === 'key' && words[words.length - 2] === 'consumer';
}
