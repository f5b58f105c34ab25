/**
 * What kind of value a text is, judged by its shape alone: the question asked of every value a
 * secret-named setting holds. Only a 'literal' is a secret written in the file; everything else
 * is a value that stands for a secret kept elsewhere, or a value that is not a secret at all.
 *
 * - 'empty': nothing, `null`, `none`, a mask (`********`), a declared "no key needed", a word of a sentence (`to`, `the`)
 * - 'boolean-like': `true`/`false`/`yes`/`no`/`0`/`1`…, or a mode word (`generate`, `auto`, `public`, `header`)
 * - 'reference': a path, a secret-store reference, a file the program reads (`filepath:/…`, `</…`,
 *   `texthash:/…`), an application's own tag or lookup (`!secret name`, `!env_var X`)
 * - 'template': a placeholder another program fills in (`{NAME}`, `{{ x }}`, `@NAME@`, `$__file{…}`)
 * - 'code': an expression that reads the secret at run time (`process.env.X`, `ENV['X']`,
 *   `sys.env("X")`, `$(cat …)`) or a class name (`org.apache.kafka…StringConverter`)
 * - 'hash': a password hash or hash record (crypt `$6$`, bcrypt, argon2, pbkdf2, SCRAM, `{SSHA}`, Solr's `hash salt`)
 * - 'encrypted': a value encrypted for the program, which holds the key (Jasypt `ENC(…)`, Spring
 *   Cloud Config `{cipher}…`, SOPS `ENC[AES256_GCM,…]`, Ansible Vault)
 * - 'public': the public half of a key pair (`ssh-ed25519 AAAA…`, a PEM certificate or public key),
 *   a key public by design (a Mapbox `pk.` token, a PostHog `phc_` project key)
 * - 'identifier': the name that goes with a secret (an AWS access key id `AKIA…`)
 * - 'setting': a timestamp, a domain name
 * - 'structure': a JSON object or list, judged by what it holds
 * - 'literal': anything else — a secret written in the file
 */

import { anyOf } from './any-of.js';
import { caseChangesOften } from './password-shape.js';
import { AUTH_SCHEMES, VALUE_PATTERNS } from './patterns.js';
import { isWholeToken } from './placeholder.js';

export type ValueClass =
  | 'empty'
  | 'boolean-like'
  | 'reference'
  | 'template'
  | 'code'
  | 'hash'
  | 'encrypted'
  | 'public'
  | 'identifier'
  | 'setting'
  | 'structure'
  | 'literal';

/**
 * Hex of printable text, words and blanks (`6c6f63616c2074616773` is "local tags"): 6 to 64 characters of it, each a
 * letter, digit, blank or `_-.:`, letters most of them. Random bytes are printable one time in three, so 6 of them in a row
 * are so about once in 700, and letters most of them far less often.
 */
function isHexEncodedText(v: string): boolean {
  if (!/^(?:[0-9a-f]{2}){6,64}$/i.test(v)) return false;
  const text = v.replace(/../g, (h) => String.fromCharCode(Number.parseInt(h, 16)));
  return /^[A-Za-z0-9 _.:-]+$/.test(text) && (text.match(/[A-Za-z ]/g)?.length ?? 0) * 4 >= text.length * 3 && /[A-Za-z]{3}/.test(text);
}

/** 16 to 64 bytes in hex joined by colons, as fingerprints are printed (`c4:1e:9a:…`, `SHA256` and `MD5` ones). */
const FINGERPRINT = /^(?:[0-9a-f]{2}:){15,63}[0-9a-f]{2}$|^(?:[0-9A-F]{2}:){15,63}[0-9A-F]{2}$/;

/** Values that say "no value" rather than being a secret. */
// (`n/a`: not applicable, a disabled module's)
const EMPTY_WORDS = new Set(['null', 'nil', 'none', 'undefined', '~', "''", '""', '-', 'n/a']);
/** Words of a sentence about a setting, never its value (`# use --password to set it`): no value at all. */
const FUNCTION_WORDS = new Set([
  'to',
  'the',
  'a',
  'an',
  'is',
  'are',
  'with',
  'for',
  'your',
  'you',
  'and',
  'or',
  'of',
  'in',
  'at',
  'by',
  'from',
  'as',
  'if',
  'when',
  'then',
  'that',
  'this',
  'it',
  'be',
  'not',
  'here',
]);

/** Values of a secret-named key that are a switch, not a secret (`BASIC_AUTH: "true"`, `REDIS_PASSWORD: "false"`). */
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '1', 'enabled', 'disabled', 'enable', 'disable']);

/**
 * Whole values that choose a mode instead of holding a secret: "generate one on first start"
 * (`NETWORK_KEY=GENERATE`, `SECRET_KEY: auto`), "no token" (`DOWNLOAD_TOKEN: public`), where
 * the token travels (`token_sent_via: header`).
 */
const MODE_WORDS = new Set([
  'generate',
  'generated',
  'autogenerate',
  'auto',
  'automatic',
  'random',
  'public',
  'header',
  'headers',
  'query',
  'cookie',
  'body',
  'form',
  'builtin',
  'inherit',
  'prompt',
  'required',
  'optional',
  // a token's format, not a token (Ory Hydra's `strategies: access_token: opaque`)
  'opaque',
  'jwt',
]);

/** Values that declare no secret is needed (`sk-no-key-required`, `not-needed`, `unused`). */
// (or that it is switched off: mailcow's `API_KEY=${API_KEY:-invalid}` beside `API_ALLOW_FROM=${API_ALLOW_FROM:-invalid}` turns its API off)
const NO_SECRET_NEEDED =
  /(?:^|[-_ .])(?:no[-_ ]?(?:key|token|auth|password)[-_ ]?(?:required|needed)?|not[-_ ]?(?:needed|required|used)|unused)(?:$|[-_ .])|^(?:invalid|disabled)$/i;

/** References to a secret kept elsewhere: files, secret stores. */
/** The prefixes of `${prefix:…}` lookups in a secret store or the environment (a reference, never a variable's default). */
const SECRET_LOOKUPS = [
  // Payara's and GlassFish's password alias (`${ALIAS=sormas_audit_pw}`): the password kept under that name
  'ALIAS',
  'env',
  'file',
  'vault',
  'sys',
  'secret',
  'secrets',
  'k8s',
  'aws',
  'azure',
  'gcp',
  'ssm',
  's3',
  'cf',
  'self',
  'opt',
  'param',
  'sm',
  'awssm',
  'kv',
  'scv',
];

const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^\/(?:var\/)?run\/secrets\//, // Docker / Kubernetes secrets
  /^(?:file|vault|op|awssm|aws-sm|ssm|gcpsm|gcp-sm|azurekv|azure-kv|azkv|keyvault|doppler|infisical|bw|secretsmanager|sm|k8s|kubernetes|env|vaultkv|keyring|secretref):(?:\/\/)?\S+$/i,
  // helmfile's vals: `ref+vault://secret/app#/password`, `ref+awssecrets://prod/db`
  /^ref\+[a-z0-9]{2,20}:\/\/\S+$/,
  // a lookup written like a defaulted variable (the Serverless Framework's `${ssm:/prod/db}`, `${vault:secret/x#y}`, Kafka's `${file:…}`,
  // OpenNMS's Secure Credentials Vault `${scv:alias:password}`): a secret store's
  new RegExp(`^\\$\\{(?:${SECRET_LOOKUPS.join('|')}):[^{}\\s]{1,300}\\}$`),
  /^arn:aws:(?:secretsmanager|ssm|kms):/,
  /^projects\/[^/\s]+\/secrets\/[^/\s]+(?:\/versions\/[^/\s]+)?$/, // GCP Secret Manager
  // any Google Cloud resource by its name (a KMS key's `projects/p/locations/global/keyRings/r/cryptoKeys/k`): the key's name, the
  // key material stays in the service; and an AWS KMS key's alias (`alias/app-data`)
  /^projects\/[^/\s]+(?:\/[a-z][A-Za-z]{1,40}\/[^/\s]+){1,4}$/,
  /^alias\/[\w/-]{1,200}$/,
  /^@Microsoft\.KeyVault\(/i,
  /^user_provided$/i, // LibreChat: the user enters the key in the UI
  /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/, // LiteLLM: read from the named variable
  /^%env\([^()\s]+\)%$/, // Symfony: %env(DATABASE_PASSWORD)%
  // a program's own prefix for "read this file": Unpackerr `filepath:/…`, Postfix `texthash:/…`, `hash:/etc/…`
  /^[a-z][a-z0-9_+-]{1,20}:(?:\/(?!\/)|~\/|\.\/)\S*$/,
  // Spring's resource on the class path (`signing-key=classpath:keys/adapter.pem`)
  /^classpath\*?:[\w./-]+$/,
  // a key or certificate file's bare name, read from the program's own directory (SimpleSAMLphp `'privatekey' => 'sp.pem'`)
  /^[A-Za-z0-9][\w.-]{0,100}\.(?:pem|key|crt|cer|der|p12|pfx|jks|jceks|keystore|p8|kdbx)$/i,
  // Dovecot `</path`, curl `@/path`: the content of a file
  /^[<@][ \t]?(?:\/|~\/|\.\/)\S+$/,
  // an application's YAML tag or lookup: Home Assistant `!secret x`, Recyclarr `!env_var X`, authentik `!Env X`, `!Find […]`, Zigbee2MQTT `!secret.yaml key`
  // (not Summon's `!str x`: a literal string)
  /^!(?!str[ \t])[A-Za-z_][A-Za-z0-9_.]*[ \t]+\S/,
  // `$$NAME` as the whole value: the container's own variable, which its program expands
  // (`LABEL_STUDIO_API_KEY: $$LABEL_STUDIO_USER_TOKEN`); `$$word` in lower case may be a password with a `$`
  /^\$[A-Z_][A-Z0-9_]{2,}$/,
  // BuildKit's secret mount (`docker build --secret id=npmrc,src=.npmrc`, `RUN --mount=type=secret,id=x`): where the secret comes from
  /^(?:(?:type|id|src|source|env|target|dst|required|mode|uid|gid)=[^,\s]{0,200},){0,6}(?:id|src|source|env)=[^,\s]{1,200}(?:,(?:type|id|src|source|env|target|dst|required|mode|uid|gid)=[^,\s]{0,200}){0,6}$/,
  // Apache APISIX's `$env://REDIS_PASSWORD` and `$secret://vault/1/x`: read when the configuration is loaded
  /^\$(?:env|secret):\/\/\S+$/,
  // ENiGMA½'s `@environment:MAILGUN_API_KEY` (and `@env:X`): the variable's value, read when the configuration is loaded
  /^@(?:environment|env):[A-Za-z_][A-Za-z0-9_]{0,100}$/,
  // Telegraf's secret-store reference `@{store_id:key}`
  /^@\{[A-Za-z_][\w-]{0,40}:[A-Za-z_][\w.-]{0,100}\}$/,
  // Kong's vault reference `{vault://env/name}`, braces included
  /^\{vault:\/\/[^{}\s]+\}$/,
  // a program's secrets context by name: Nextflow `secrets.TOWER_ACCESS_TOKEN`, a CI's `secrets.NPM_TOKEN`
  /^secrets\.[A-Za-z_][A-Za-z0-9_]*$/,
  // a secret store's path of words (pass's `energy/influx-admin-password`, Vault's `secret/data/app`): a name with a hyphen
  // in it, or three segments (not `admin/admin`, a login written with a slash)
  /^(?=[a-z0-9/_]*-|(?:[^/]*\/){2})[a-z][a-z0-9]{2,}(?:[-_][a-z0-9]+)*(?:\/[a-z][a-z0-9]{2,}(?:[-_][a-z0-9]+)*){1,6}$/,
  // WSO2's (Carbon) lookups: `$env{DB_PASSWORD}`, `$sys{x}`, another setting `$ref{super_admin.password}`, a cipher alias `$secret{x}`
  /^\$(?:env|sys|ref|secret)\{[A-Za-z_][\w.-]{0,100}\}$/,
];

/**
 * `${NAME:default}`, `${NAME:-default}`, `${NAME-default}`, a shell's `${NAME:=default}` as the
 * whole value (the default non-empty). Not a shell's `${NAME:?message}` (an error when unset) or
 * `${NAME:+word}` (a word when set).
 */
// a shell's name (no dot or dash) before `-`/`=`/`:-`; a property's dotted name (`${akka.ssl.key-store-password}`
// is a reference, not `${akka.ssl.key-store` defaulting to `password`) only before Spring's `:`
const WITH_DEFAULT = /^\$\{(?:([A-Za-z_][A-Za-z0-9_]{0,100})(?::[-=]?|[-=])|([A-Za-z_][A-Za-z0-9_.-]{0,100}):[-=]?)(?![?+])([^{}\s][^{}]{0,500})\}$/;
/**
 * Lookups written like a defaulted variable: Kafka's `${file:…}`, `${env:X}`, log4j's `${sys:x}`, a vault's `${vault:path}`,
 * OpenNMS's Secure Credentials Vault `${scv:alias:password}`, the Serverless Framework's `${ssm:…}`, `${self:…}`.
 */
const LOOKUP_PREFIX = new RegExp(
  `^(?:${[...SECRET_LOOKUPS, 'system', 'java', 'jndi', 'ctx', 'date', 'main', 'bundle', 'docker', 'spring', 'base64', 'lower', 'upper'].join('|')})$`,
  'i',
);

/** The variable and the default written in a whole-value `${NAME:default}` (Spring) or `${NAME:-default}` (a shell), not a lookup's argument. */
export function defaultedVariable(text: string): { name: string; value: string } | undefined {
  const m = WITH_DEFAULT.exec(text);
  const name = m?.[1] ?? m?.[2];
  if (!m || !name) return undefined;
  if (!LOOKUP_PREFIX.test(name)) return { name, value: m[3] };
  // an environment or system lookup with a default of its own (Karaf's and Commons Text's `${env:ROOT_PASSWORD:-karaf}`)
  const lookup = /^(?:env|sys)$/i.test(name) ? LOOKUP_DEFAULT.exec(m[3]) : null;
  return lookup ? { name: lookup[1], value: lookup[2] } : undefined;
}
/** The variable and the default of an `env:`/`sys:` lookup's argument: `ROOT_PASSWORD:-karaf`, OvenMediaEngine's `OME_SIGNED_KEY:x`. */
const LOOKUP_DEFAULT = /^([A-Za-z_][A-Za-z0-9_.]{0,100}):-?([^{}\s][^{}]{0,500})$/;

/** The default of `defaultedVariable`. */
export function writtenDefault(text: string): string | undefined {
  return defaultedVariable(text)?.value;
}

/** Placeholders another program fills in, as the whole value. */
const TEMPLATE_PATTERNS: readonly RegExp[] = [
  // placeholders joined by words and separators (Eclipse Ditto's `integration:{{policy-entry:label}}:{{jwt:aud}}`)
  /^[\w.:/@-]{0,40}(?:\{\{[^{}]+\}\}[\w.:/@-]{0,40}){1,20}$/,
  /^(?:\{\{[^{}]+\}\}){1,20}$/, // {{ .Secret }}, {{ secret "x" }}, {{HOMEPAGE_VAR_X}}; consul-template's `{{ with secret "x" }}{{ .Data.password }}{{ end }}`
  /^\{[A-Za-z_][A-Za-z0-9_.-]{0,100}\}$/, // Frigate {FRIGATE_MQTT_PASSWORD}, Python str.format {password}
  /^\{(?:env|file|secret|vault|var):[A-Za-z_/.][\w./-]{0,200}\}$/, // {env:DAGSTER_PG_PASSWORD}, {file:/run/secrets/x}: a lookup of the program's own
  /^\{\d{0,2}\}$/, // Python str.format {} / {0}: the value comes from .format(…)
  // printf-style %s; a one-letter macro the program fills in (Roundcube's `%p` the user's password, `%P` its new hash, Dovecot's `%w`)
  /^%[A-Za-z](?:\\[nrt]){0,2}$/, // (and printf's `%s\n` at a line's end: `printf 'export X_SECRET=%s\n' "$(openssl rand …)"`)
  /^@[A-Z][A-Z0-9_]{1,60}@$/, // autoconf's and CMake's `@FIREBASE_KEY@`, replaced when the file is configured
  /^%[A-Z][A-Z0-9_]{1,60}%$/, // a variable of ecFlow's job scripts (`export ECF_PASS=%ECF_PASS%`) or Windows' cmd, filled in when it runs
  // VictoriaMetrics vmauth/vmagent %{ENV_VAR}; Shibboleth IdP's property `%{idp.sealer.password}`, `%{x:undefined}`, `%{idp.home}/credentials/…`
  /^%\{[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]{0,40})?\}(?:\/\S*)?$/,
  /^%\{(?:env|file|cfg):[^{}\s%]{1,200}\}%$/, // Stalwart's macros: `%{env:ADMIN_SECRET}%`, `%{file:/etc/tls/privkey.pem}%`
  /^#[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+#$/, // a CFML expression (`#server.system.environment.LDAP_PASSWORD#`): Lucee/ColdFusion evaluates it
  // SIPp's injection-file field (`[authentication username=x password=[field2]]`, its keyword's bracket closing after it)
  /^\[field\d{1,2}\]\]?$/,
  /^%[a-z_][a-z0-9_.]*%(?:\/\S*)?$/, // Symfony container parameters %kernel.project_dir%/config/jwt/private.pem
  // a regular expression's pattern, not a value (`password=\S+` in a redaction filter)
  /^(?:\\[SsWwDd][+*]?|\.[+*]|\[\^?[^\]\s]{1,20}\][+*]?)+$/,
  /^\$\{[A-Za-z_][A-Za-z0-9_.:-]*(?::-[^{}]*)?\}$/, // ${VAR} left for the program (written $${VAR} for Compose)
  /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^{}]*\}$/, // ${VAR:?message}, ${VAR?}: the program's variable, required
  /^\$\{\{[^{}]+\}\}$/, // a CI's expression: GitHub Actions' and Gitea's `${{ secrets.DB_PASSWORD }}`
  /^\[\[[^[\]]+\]\]$/, // Nomad/Levant's `[[ .Env.DB_PASSWORD ]]`
  /^\(\([^()]{1,200}\)\)$/, // Concourse and BOSH credential variables `((db_password))`, spruce's `(( grab $X ))`
  /^\{\$[A-Za-z_][A-Za-z0-9_]*\}$/, // PHP's `{$dbPassword}` in a string template
  /^\$__(?:file|env|vault)\{[^{}]+\}$/, // Grafana $__file{/run/secrets/x}
  /^(?:@[A-Za-z_][A-Za-z0-9_.]*@|@@[A-Za-z_][A-Za-z0-9_.]*@@)$/, // Maven / autoconf @NAME@, LabKey's @@jdbcPassword@@
  /^__[A-Z][A-Z0-9_]*__$/, // __SECRET__, replaced by an entrypoint
  /^_[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_$/, // an installer's `_DBC_PASS_` (YetiForce's config/Db.php), replaced as it installs
  /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/, // Python %(password)s
  /^<%=?[^%]*%>$/, // ERB
  /^#\{[^{}]+\}$/, // Ruby / Spring #{…}
  /^<[A-Za-z][A-Za-z0-9 _.-]{0,60}>$/, // <redacted>, <your-token>: a placeholder for a person to fill in
];

/** Expressions that read the secret at run time. */
const CODE_PATTERNS: readonly RegExp[] = [
  // a call or subscript as the whole value: File.read('/run/secrets/x'), ENV['X'], os.getenv("X"), sys.env("X"), env('APP_KEY')
  // (Elixir's `System.fetch_env!("X")`; a fallback after it, `System.get_env("X") ||`, is the next line's)
  // (a call in its argument: Elixir's `File.read!(System.fetch_env!("X_FILE")) |> String.trim()`)
  /^[A-Za-z_$][A-Za-z0-9_$.:]*!?(?:\((?:[^()]|\([^()]*\))*\)|\[[^[\]]*\])(?:\s*(?:\|\||\?\?|or)\s*|\s*\|>\s*[A-Z][\w.]*\([^()]*\),?)?$/,
  // an Elixir function named without its arguments (the value stops at the call's parenthesis): `System.fetch_env!`;
  // its name has no digits, which a password written the same way has (`Kestrel.zephyr338!`)
  // (inside another such call: `File.read!(System.fetch_env!(`)
  /^(?:(?:[A-Z][A-Za-z0-9_]*\.)+[a-z_]+!?\()*(?:[A-Z][A-Za-z0-9_]*\.)+(?:[a-z_]+!|get_env|getenv)\(?$/,
  // a value computed when the program starts (`signingKey = await crypto.subtle.generateKey(…)`, `new TextEncoder()…`),
  // also cut at its first blank by a line scanner (`await`): a keyword that starts an expression, alone or calling
  /^(?:(?:await|new)\s+[A-Za-z_$][\w$.]*\s*\(.*|await|new|yield|lambda|function|async|require|import)$/,
  // a PowerShell cmdlet, a verb and a noun (`$cred = New-Object …PSCredential (…)`, `Get-Credential`, `Read-Host -AsSecureString`)
  /^(?:New|Get|Set|Read|ConvertTo|ConvertFrom|Import|Export|Invoke|Select|Join|Out|Add)-[A-Z][A-Za-z]{2,40}$/,
  // Perl's read of a line from a file handle (`chomp(my $token = <$fh>)`; `<STDIN>` reads as a template)
  /^<\$[A-Za-z_]\w{0,30}>\)?;?$/,
  // environment lookups written as member access: process.env.X, import.meta.env.X, Deno.env.get, ENV.fetch
  // k6 __ENV.X, a Worker's c.env.X / ctx.env.X, PowerShell $env:X
  /^(?:process\.env|import\.meta\.env|Bun\.env|Deno\.env|os\.environ|ENV|__ENV|System\.env|[a-z][A-Za-z0-9_]{0,20}\.env)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^[\]]+\])+$/,
  /^\$env:[A-Za-z_][A-Za-z0-9_]*$/i,
  // a Terraform / HCL reference, unquoted as HCL writes expressions: var.npm_token, data.coder_external_auth.github.access_token
  /^(?:var|local|data|module|each|self|path|terraform)\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^[\]]{1,100}\])*$/,
  // a Terraform resource's attribute, its type named for the provider: random_password.db.result, aws_iam_access_key.ci.secret
  // (lower-case names, as Terraform's are: a token of the same shape has capitals, `api_live.WtsrNnYJif-.CybKm…`)
  /^[a-z][a-z0-9]*_[a-z0-9_]+\.[a-z_][a-z0-9_-]*(?:\.[a-z_][a-z0-9_-]*|\[[^[\]]{1,100}\])+$/,
  // a fully qualified class name: org.apache.kafka.connect.storage.StringConverter
  /^(?:[a-z][a-z0-9_]*\.){2,}[A-Z][A-Za-z0-9_$]*$/,
  // a tuple or an argument list of attribute reads, cut at its first blank by a line scanner (`s.auth = (self.conn.login,
  // self.conn.password)`, `auth=(settings.smtp_user, …)`): lower-case names joined by dots, no literal
  /^\((?:[a-z_][a-z0-9_]*)(?:\.[a-z_][a-z0-9_]*)+,?$/,
  // a PHP cast, what a setting's value starts with (`'apiSecretKeys' => (object) []`): a type, not the value
  /^\((?:object|array|string|int|integer|bool|boolean|float|double)\)$/i,
  // a typed field's type, with an empty or looked-up default (pydantic `utm_client_secret: str = ""`, TypeScript
  // `apiKey: string`): the declaration of a setting, its value comes from the environment
  /^(?:str|bytes|int|bool|SecretStr|SecretBytes|Optional\[(?:str|SecretStr)\]|str \| None|string|String)(?:\s*=\s*(?:""|''|None|null|Field\(.*\)))?$/,
];

/** Password hashes: what a service stores to check a password against, not the password. */
const HASH_PATTERNS: readonly RegExp[] = [
  // modular crypt: $argon2id$, $2b$, $apr1$, $1$, $5$, $6$, $y$ (yescrypt), $pbkdf2-sha512$, $scrypt$, $sha1$, $md5$
  /^\$(?:argon2(?:id|i|d)|2[abxy]?|apr1|1|5|6|y|gy|7|scrypt|pbkdf2(?:-sha(?:1|256|512))?|sha1|sha256|sha512|md5|bcrypt|gost-yescrypt)\$/,
  // any other scheme in the same form, with its parameters, salt and hash: three or more `$` fields
  // (Apache Shiro `$shiro1$SHA-256$500000$salt$hash`); `$plaintext$x` has one and is the password
  /^\$[A-Za-z][A-Za-z0-9-]{0,30}\$(?:[^$\s]{1,200}\$){2,6}[^$\s]{8,}$/,
  // Tor's `HashedControlPassword 16:…`: the salted hash `tor --hash-password` prints (a salt and an S2K count, in hex)
  /^16:[0-9A-Z]{58}$/,
  // SQL Server's password hash (`CREATE LOGIN x WITH PASSWORD = 0x0200… HASHED`): a version, a salt and SHA-512
  /^0x0[12]00[0-9A-Fa-f]{40,}$/,
  // CoffeeMud's and others' `|SHA256|<base64>`: the digest's algorithm between bars, then the digest
  /^\|(?:SHA(?:1|224|256|384|512)?|MD5|SSHA(?:256|512)?)\|[A-Za-z0-9+/]{16,}={0,2}$/i,
  // LDAP / Dovecot scheme prefixes, except the ones that say the password follows in clear text
  /^\{(?!PLAIN|CLEAR|CLEARTEXT)[A-Z0-9][A-Z0-9.-]{1,30}\}\S/,
  // Java's PBKDF2 as Yamcs's users.yaml keeps it: `PBKDF2WithHmacSHA1:<iterations>:<salt>:<hash>` in hex
  /^PBKDF2WithHmacSHA(?:1|224|256|384|512):\d{1,7}:[0-9a-fA-F]{8,}:[0-9a-fA-F]{16,}$/,
  // Transmission's salted SHA-1 of its RPC password, as it rewrites settings.json: `{`, 40 hex digits, an 8-character salt
  /^\{[0-9a-f]{40}[0-9A-Za-z./]{8}$/,
  // ASP.NET Core Identity's password hash (version 3: a format marker, the PRF, the iteration count and the salt's length
  // in base64, `AQAAAAEAACcQAAAAE…` for 10,000 iterations, `AQAAAAIAAYagAAAAE…` for 100,000)
  /^AQAAAA[EI]AA[A-Za-z0-9+/]{50,}={0,2}$/,
  // DAViCal's salted hash: `*salt*{SSHA}…` (its `**password` is the password in clear text)
  /^\*[A-Za-z0-9./+]{1,40}\*\{(?!PLAIN|CLEAR|CLEARTEXT)[A-Z0-9][A-Z0-9.-]{1,30}\}\S/,
  // web2py's CRYPT: `pbkdf2(1000,20,sha512)$salt$hash`
  /^pbkdf2\(\d{1,7},\d{1,4},sha(?:1|224|256|384|512)\)\$[0-9a-f]{4,}\$[0-9a-f]{16,}$/i,
  // Django / Werkzeug / passlib: pbkdf2_sha256$…, pbkdf2:sha256:…$salt$hash, bcrypt_sha256$…
  /^(?:pbkdf2_sha(?:1|256|512)|bcrypt_sha256|argon2|bcrypt|sha1|md5|scrypt|pbkdf2:sha(?:1|256|512))[$:]/,
  // a digest after its algorithm's name: Tsugi's `sha256:<hex>`, Sakai's `PBKDF2:<salt>:<hash>` (base64)
  /^(?:sha(?:224|256|384|512)|pbkdf2):[A-Za-z0-9+/]{16,}={0,2}(?::[A-Za-z0-9+/]{16,}={0,2})?$/i,
  // Jasypt's StrongPasswordEncryptor digest as GeoServer stores it (`digest1:` base64 of salt and hash);
  // its `crypt1:`/`crypt2:` are encryptions a key reverses, not hashes
  /^digest1:[A-Za-z0-9+/]{40,}={0,2}$/,
  // a salt and a SHA-256 or SHA-512 digest in hex, joined by a colon (Huntarr's credentials.json `"password": "<salt>:<digest>"`)
  // (a 16-byte salt: Ghost's Admin API key is a 24-digit id and its 64-digit secret, in the same form)
  /^[0-9a-f]{32}:(?:[0-9a-f]{64}){1,2}$/,
  // SCRAM verifiers (PostgreSQL, MongoDB, Kafka): SCRAM-SHA-256$4096:salt$stored:server
  /^SCRAM-SHA-(?:1|256|512)\$\d+:/,
  // CouchDB's `[admins]` entries once hashed: `-pbkdf2-` derived key, salt, iterations (`-hashed-` sha1 and salt before 1.3)
  /^-(?:pbkdf2|hashed)-[0-9a-f]{32,}(?:,[0-9a-f]{16,}(?:,\d{1,9})?)?$/,
  // PostgreSQL md5 verifier, MySQL native password hash
  /^md5[0-9a-f]{32}$/,
  /^\*[0-9A-F]{40}$/i,
  // Spring Security's DelegatingPasswordEncoder ids ({noop} is the password in clear text)
  /^\{(?:bcrypt|pbkdf2|scrypt|argon2|argon2@SpringSecurity_v5_8|sha256|MD4|MD5|SHA-1|SHA-256|ldap|sha|sha-1|sha-256|sha-384|sha-512)\}\S/,
  // Solr's BasicAuth credential: base64 of the salted SHA-256 hash, a blank, base64 of the salt
  /^[A-Za-z0-9+/]{43}= [A-Za-z0-9+/]{22,86}={0,2}$/,
  // Tomcat's MessageDigestCredentialHandler/SecretKeyCredentialHandler output: hex salt $ iterations $ hex digest
  /^[0-9a-f]{8,256}\$\d{1,7}\$[0-9a-f]{32,256}$/i,
  // WebSphere Liberty's `securityUtility encode --encoding=hash` (its `{xor}` is an encoding anyone reverses, not a hash)
  /^\{hash\}[A-Za-z0-9+/]{20,}={0,2}$/,
  // htpasswd lines: user:hash (a list of them in a Traefik/Caddy label)
  /^[A-Za-z0-9_.@-]{1,64}:(?:\$(?:2[abxy]?|apr1|1|5|6|y|argon2id)\$|\{SHA\}|\{SSHA\})\S*(?:[ ,]+[A-Za-z0-9_.@-]{1,64}:\S+)*$/,
];

/** Values encrypted for the program that reads them: the secret is the decryption key, kept elsewhere. */
const ENCRYPTED_PATTERNS: readonly RegExp[] = [
  /^ENC\([A-Za-z0-9+/=_-]{8,}\)$/, // Jasypt
  /^\{cipher\}[A-Za-z0-9+/=]{16,}$/, // Spring Cloud Config
  /^ENC\[[A-Z0-9_]{3,20},data:[^\]]+\]$/, // SOPS
  /^\$ANSIBLE_VAULT;1\.[12];/, // Ansible Vault
  /^MASK-[A-Za-z0-9+/]{8,}={0,2}$/, // JBoss/WildFly PicketBox vault: masked with the vault keystore's salt
  // GeoServer's strong PBE, keyed by the keystore of its data directory (not `crypt1:`, whose key is built in)
  /^crypt2:[A-Za-z0-9+/]{16,}={0,2}$/,
  // Maven's encrypted server password (`mvn --encrypt-password`): base64 in braces, keyed by settings-security.xml
  /^\{[A-Za-z0-9+/]{16,}={0,2}\}$/,
  // an OpenPGP message without its armour (Renovate's `encrypted:` values): base64 of a public-key-encrypted
  // session key packet (`wcFMA…`, `hQEMA…`), readable only with the recipient's private key
  /^(?:wc[A-F]MA|hQ[EIM]MA)[A-Za-z0-9+/]{60,}={0,2}$/,
  // Mule's secure configuration properties (`![…]`): base64 encrypted with a key given at start-up
  /^!\[[A-Za-z0-9+/]{8,}={0,2}\]$/,
  // GoCD's secure variables and material passwords: `AES:<iv>:<ciphertext>`, keyed by the server's cipher file
  /^AES:[A-Za-z0-9+/]{16,}={0,2}:[A-Za-z0-9+/]{16,}={0,2}$/,
];

/** The public half of a key pair, or a certificate. */
const PUBLIC_PATTERNS: readonly RegExp[] = [
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)[ \t]+AAAA[A-Za-z0-9+/=]+(?:[ \t]+\S.*)?$/,
  // an SSH public key's base64 without its type (`<base64_key>AAAAC3NzaC1lZDI1NTE5…`): it encodes `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-…`
  /^AAAA(?:B3NzaC1yc2E|C3NzaC1lZDI1NTE5|E2VjZHNhLXNoYTIt|B3NzaC1kc3M|GnNrLXNzaC1lZDI1NTE5|InNrLWVjZHNh)[A-Za-z0-9+/]*={0,2}$/,
  /^-----BEGIN (?:(?:RSA |EC |PGP )?PUBLIC KEY(?: BLOCK)?|CERTIFICATE|X509 CRL|TRUSTED CERTIFICATE)-----/,
  // Datadog's client tokens (RUM, browser logs): `pub` and 32 hex digits, written into every page
  /^pub[0-9a-f]{32}$/,
  // a client token its vendor marks public (`pub_…`), shipped in the app that submits with it
  /^pub_[A-Za-z0-9]{16,64}$/,
  // GrowthBook's SDK client keys (`sdk-…`), fetched by every browser that evaluates its flags
  /^sdk-[A-Za-z0-9]{12,24}$/,
  // Stripe's test payment tokens (`tok_visa`, `pm_card_mastercard`): documented, the same for everyone
  /^(?:tok|pm)_(?:card_)?(?:visa|mastercard|amex|discover|diners|jcb|unionpay|cartesBancaires|chargeDeclined|threeDSecure)\w{0,40}$/,
];

/** A relative path to a key or certificate file (`certs/es01/es01.key`, `ssh/gitea.ed25519`), or a state file (a backend's `key = "prod/terraform.tfstate"`). */
const RELATIVE_KEY_FILE =
  /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)+\.(?:key|pem|crt|cer|p12|pfx|jks|keystore|json|txt|asc|gpg|der|ed25519|rsa|ecdsa|dsa|pub|p8|env|yaml|yml|conf|tfstate)$/i;

/** A secret store's path of lower-case names: `secret/data/myapp`, `prod/billing/db-password`. */
const STORE_PATH = /^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\/[a-z0-9]+(?:[-_.][a-z0-9]+)*){2,}$/;

/** A file path: absolute, ./, ~/ or from a variable, no spaces, and a directory or an extension (`/certs/tls.key`). */
function isFilePath(v: string): boolean {
  if (RELATIVE_KEY_FILE.test(v)) return true;
  // a path from a variable's directory (`$HOME/.ssh/id_ed25519`, `${PWD}/certs/tls.key`) is one too
  if (!/^(?:~|\.{1,2}|\$[A-Z_][A-Z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})?\/[A-Za-z0-9._\-/@]+$/.test(v)) return false;
  if (/[+=]/.test(v)) return false;
  const segments = v.split('/').filter(Boolean);
  return segments.length >= 2 || /\.[A-Za-z0-9]{1,6}$/.test(v);
}

/** A comma-separated list of paths (`ssh/gitea.ed25519,ssh/gitea.rsa`). */
function isPathList(v: string): boolean {
  if (!v.includes(',')) return false;
  const parts = v.split(',').map((p) => p.trim());
  return parts.length <= 64 && parts.every((p) => p !== '' && isFilePath(p));
}

/** An ISO-8601 date or timestamp (`token_obtained_at = 2024-11-03T10:12:44Z`). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A domain name (`mail.example.org`), possibly with a separator after it as a prefix
 * (`shop.example.de:`); the top level a country code or a common generic one (`argilla.apikey`
 * is a default key, not a domain).
 */
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2}|com|org|net|io|dev|app|local|lan|internal|cloud|home|arpa)[:_./-]?$/;

/** A path pattern with a wildcard: `/*`, `/api/*`, `/static/*.js`. */
const PATH_PATTERN = /^\/[A-Za-z0-9._\-/*]{0,200}$/;

/** Letters whose case changes at one in three or more, over 12 or more of them (`fJjpMHNEqXsnMwXweo`), as a generator writes them. */
function isRandomCase(v: string): boolean {
  const letters = v.replace(/[^A-Za-z]/g, '');
  return letters.length >= 12 && caseChangesOften(letters);
}
/** A JSON path into a token's claims or a document (`.role`, `$.realm_access.roles`, `.user.groups[0]`): where a value is found, not a value. */
const JSON_PATH = /^(?:\$|\.[A-Za-z_][A-Za-z_-]{0,60})(?:\.[A-Za-z_][A-Za-z_-]{0,60}|\[\d{1,4}\]|\[\*\]|\[["'][\w.:/-]{1,80}["']\]){0,8}$/;
/**
 * A lower-case name ending in its separator, as a prefix or namespace is written: `wcshop_prod_`,
 * `myapp:`, `cache_v2_`. Its last part names something; words then a number then a mark
 * (`yonder_meadow_92.`) are a password written the way people make them up.
 */
const NAMESPACE = /^[a-z][a-z0-9]{0,40}(?:[_.:-][a-z0-9]{1,40}){0,8}(?<![_.:-]\d{1,40})[_.:-]$/;

/** A command substitution (`$(cat /run/secrets/x)`, backticks) in place of the value: read at run time. */
export function isCommandSubstitution(text: string): boolean {
  const t = text.trim().replace(/^["']|["']$/g, '');
  return /^\$\$?\(/.test(t) || /^`[^`]*`$/.test(t);
}

/** A JSON object or array (parsed), or an empty `{}` / `[]`: a structure, judged by what it holds. */
function isStructure(v: string): boolean {
  const first = v[0];
  const last = v[v.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false;
  if (/^\[\s*\]$|^\{\s*\}$/.test(v)) return true;
  if (v.length > 1_000_000) return false;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

/** Keys of a JSON hash record (Keycloak `secretData`/`credentialData`, a stored password's salt and parameters). */
const HASH_RECORD = /\\?"(?:salt|hashIterations|iterations|algorithm)\\?"\s*:/;

/** Formats that are public by design or identifiers (a Mapbox `pk.` token, a PostHog `phc_` key, an AWS access key id), anchored to the whole value. */
const NOT_SECRET_FORMATS = VALUE_PATTERNS.filter((p) => p.notSecret).map((p) => ({ whole: new RegExp(`^(?:${p.regex.source})$`), kind: p.notSecret }));

/** The lists classifyValue tests, each as one test (any-of.ts); the build derives their patterns' anchors from this record (prefilter-table.ts). */
export const VALUE_CLASS_LISTS = {
  reference: REFERENCE_PATTERNS,
  template: TEMPLATE_PATTERNS,
  code: CODE_PATTERNS,
  hash: HASH_PATTERNS,
  encrypted: ENCRYPTED_PATTERNS,
  public: PUBLIC_PATTERNS,
  notSecretFormat: NOT_SECRET_FORMATS.map((f) => f.whole),
} as const satisfies Readonly<Record<string, readonly RegExp[]>>;

const IS_REFERENCE = anyOf(VALUE_CLASS_LISTS.reference);
const IS_TEMPLATE = anyOf(VALUE_CLASS_LISTS.template);
const IS_CODE = anyOf(VALUE_CLASS_LISTS.code);
const IS_HASH = anyOf(VALUE_CLASS_LISTS.hash);
const IS_ENCRYPTED = anyOf(VALUE_CLASS_LISTS.encrypted);
const IS_PUBLIC = anyOf(VALUE_CLASS_LISTS.public);
const IS_NOT_SECRET_FORMAT = anyOf(VALUE_CLASS_LISTS.notSecretFormat);

/** The whole value is one of those formats. */
function notSecretFormat(v: string): 'public' | 'identifier' | undefined {
  if (v.length > 400) return undefined;
  // most values are none of them: one test says so, the list then says which
  if (!IS_NOT_SECRET_FORMAT(v)) return undefined;
  return NOT_SECRET_FORMATS.find((f) => f.whole.test(v))?.kind;
}

/**
 * A JWT whose claims give it the `anon` role (Supabase's anon key, PostgREST's anonymous role): the
 * key a browser is given, public by design. Its signature proves nothing about the secret.
 */
export function isAnonJwt(v: string): boolean {
  if (!v.startsWith('eyJ') || v.length > 4096) return false;
  const parts = v.split('.');
  if (parts.length !== 3) return false;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { role?: unknown };
    return claims?.role === 'anon';
  } catch {
    return false;
  }
}

/** LDAP's and Active Directory's password attributes, as settings name them. */
const LDAP_PASSWORD_ATTRIBUTES: ReadonlySet<string> = new Set(['userPassword', 'unicodePwd', 'sambaNTPassword', 'sambaLMPassword', 'authPassword']);

/** An Authorization header's value: its scheme, then the credential. */
const AUTH_SCHEME_VALUE = new RegExp(`^(?:${AUTH_SCHEMES})[ \\t]+(\\S[^\\n]{0,4095})$`, 'i');

/** A duration (`1h`, `90m`, `1h30m`, `500ms`): a lifespan, as token settings are written (Authelia `access_token: 1h`). */
const DURATION = /^\d{1,6}(?:\.\d{1,3})?(?:ns|us|ms|s|m|h|d|w|y)(?:\d{1,6}(?:ns|us|ms|s|m|h|d))*$/;

/** `host:port` (`drone-vault:3000`, `redis:6379`): an address. */
const HOST_PORT = /^[a-z][a-z0-9.-]{0,252}:\d{2,5}$/;

/** A run of a mask character: `xxxxxx`, `XXXXXX`, `****`, `######`, `•••`. */
const MASK_RUN = /x{6,}|X{6,}|\*{4,}|#{6,}|\u2022{3,}/g;

/**
 * A value masked where its secret would be (`sk_live_xxxxxxxxxxxxxxxx`, `shpat_****************`, a Slack
 * webhook with `TXXXXXXXX/BXXXXXXXX/XXXX…`): the mask is most of it and what is left is a prefix or an
 * address, with no generated part. It holds no credential: no service accepts it.
 */
export function isMasked(v: string): boolean {
  if (v.length > 400 || !MASK_RUN.test(v)) return false;
  MASK_RUN.lastIndex = 0;
  const rest = v.replace(MASK_RUN, ' ');
  if (v.length - rest.length < v.length / 3) return false;
  // what is left is words and separators: no run of letters and digits mixed, as a generated value has
  return !/(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{3,}/.test(rest);
}

/** The kind of value `value` is (see the module comment); `$$` (Compose's escaped `$`) is read as `$`. */
export function classifyValue(value: string): ValueClass {
  const v = value.trim();
  if (!v) return 'empty';
  const lower = v.toLowerCase();
  if (EMPTY_WORDS.has(lower)) return 'empty';
  if (BOOLEAN_WORDS.has(lower)) return 'boolean-like';
  if (MODE_WORDS.has(lower)) return 'boolean-like';
  if (FUNCTION_WORDS.has(lower)) return 'empty';
  if (/^\*{3,}$/.test(v) || NO_SECRET_NEEDED.test(v) || isMasked(v)) return 'empty';
  // Apache Camel's `RAW(…)` (or `RAW{…}`): the text inside, as written, with no escaping
  const raw = /^RAW(?:\((.+)\)|\{(.+)\})$/.exec(v);
  if (raw) return classifyValue(raw[1] ?? raw[2]);
  const u = v.includes('$$') ? v.replace(/\$\$/g, '$') : v;
  if (IS_REFERENCE(u)) return 'reference';
  // an Authorization value's credential after its scheme: `Bearer {{ antispam_token }}` is a template, `Bearer ${T}` a reference
  const schemed = AUTH_SCHEME_VALUE.exec(u);
  if (schemed) {
    const inner = classifyValue(schemed[1]);
    if (inner === 'reference' || inner === 'template' || inner === 'empty') return inner;
  }
  if (isFilePath(u) || isPathList(u) || STORE_PATH.test(u)) return 'reference';
  if (isCommandSubstitution(u)) return 'code';
  if (IS_HASH(u)) return 'hash';
  if (IS_ENCRYPTED(u)) return 'encrypted';
  if (IS_TEMPLATE(u)) return 'template';
  // a vendor's format that reads like a member expression (Doppler's `dp.st.prd.…`) is the credential, not code
  if (IS_CODE(u) && !isWholeToken(v)) return 'code';
  if (IS_PUBLIC(u) || isAnonJwt(v)) return 'public';
  const format = notSecretFormat(v);
  if (format) return format;
  if (TIMESTAMP.test(v) || DOMAIN.test(v) || HOST_PORT.test(v) || DURATION.test(v)) return 'setting';
  // text written in hex (hydrus's `6c6f63616c2074616773`, "local tags"): a name encoded, not random bytes
  if (isHexEncodedText(v)) return 'setting';
  // a fingerprint, bytes in hex joined by colons (a Salt master's key, an SSH host key's MD5, a certificate's SHA-256)
  if (FINGERPRINT.test(v)) return 'public';
  // the name of a directory's password attribute (ZenTao's `$config->ldap->password = 'userPassword'`): which attribute holds it
  if (LDAP_PASSWORD_ATTRIBUTES.has(v)) return 'setting';
  // a shortened value (`wcFMA/xDdHCJBTolAQ/+Kb1...`): an excerpt in a comment or a doc, not the value
  if (/(?:\.\.\.|\u2026)$/.test(v) && v.length > 3) return 'empty';
  // a route pattern (`/*`, `/api/*`): a setting about paths; a namespace that ends in its separator (`shop_prod_`, `app:`)
  if ((v.includes('*') && PATH_PATTERN.test(v)) || NAMESPACE.test(v)) return 'setting';
  // (a JSON path's key is a word: `.role`, `.realm_access.roles`; not `.fJjpMHNEqXsn-MwXweo`, a password that starts with a dot)
  if ((v[0] === '.' || v.startsWith('$.')) && JSON_PATH.test(v) && !isRandomCase(v)) return 'setting';
  if (isStructure(u)) return HASH_RECORD.test(u) ? 'hash' : 'structure';
  if (u[0] === '{' && HASH_RECORD.test(u)) return 'hash';
  return 'literal';
}
