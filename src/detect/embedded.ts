import {
  azureAccountKeyAt,
  classifyKey,
  describeKind,
  isAccessKeyIdShaped,
  isCaptchaSecretByShape,
  isLoneAccessKey,
  isObjectStoreName,
  nameLooseness,
  namesHash,
  SECRET_BY_SHAPE,
  type KeyVerdict,
} from './keys.js';
import { isGeneratedLiteral, isMixedPassword, isPasswordShaped, isShapedOrGenerated } from './password-shape.js';
import { isPlaceholder } from './placeholder.js';
import { isDeclaredDigest, isPasswordDigest, isStoredPasswordDigest, judgeNamedValue, SQL_UPDATE_SET } from './scan.js';
import { classifyValue, writtenDefault } from './value-class.js';
import { AUTH_SCHEMES as AUTH_SCHEME_NAMES } from './patterns.js';
import { memoizeByText } from './text-memo.js';
import { lastAtOrBefore } from './command/offsets.js';

export interface EmbeddedAssignment {
  /** The name as written, e.g. `initial_root_password`. */
  name: string;
  /** Words for messages: 'password', 'API key'. */
  kind: string;
  /** Offsets of the value (without quotes) in the text. */
  start: number;
  end: number;
  /** The value refers to a variable (`$X`, `${X}`, `%(X)s`, `{{ X }}`) instead of holding the secret. */
  viaVariable: boolean;
}

// name, optional closing quote/bracket of things like gitlab_rails['x'] or "x", then = : or => (not a scope's `::`:
// `Concerto::Application.config.secret_token = '…'` names the setting after it)
// Linear: every quantifier is over a distinct character class followed by a fixed delimiter.
// An unquoted value ends at `&` as well: the next query parameter (`?accessKey=x&secretKey=y`) is an assignment of its own.
// A double-quoted value may hold JSON escapes (`"{\"value\":\"…\"}"`).
// JSON written inside a double-quoted shell string escapes its quotes (`-d "{\"password\":\"…\"}"`): group 5.
const ASSIGNMENT =
  /([A-Za-z_][A-Za-z0-9_.-]{0,80})(?:\[\d{1,4}\])?(?:\\?['"])?\]?[ \t]*(=>|:=|\?=|=|:(?!:))[ \t]*(?:"((?:[^"\\\n]|\\[^\n]){0,4096})"|'([^'\n]{0,4096})'|\\"([^"\\\n]{1,4096})\\"|([^\s,;'"&]{1,4096}))/g;

/** The `:` before the next assignment of a `:`-separated list (`user=${DB_USER}:password=…`; not base64's `=` padding). */
const ASSIGNMENT_LIST_NEXT = /:(?=[A-Za-z_][\w.-]{0,80}=[^=\s])/;
/** The argument after a printf format's closing quote: `' "…"` or `' '…'`. */
const PRINTF_ARGUMENT = /^'[ \t]+(?:"([^"$`\\\n]{1,4096})"|'([^'\n]{1,4096})')/d;
/** A setting at a line's start before the `@` of the component it sets (Sakai's `password@javax.sql.BaseDataSource`). */
const COMPONENT_SETTING = /(?:^|\n)[ \t]*([A-Za-z_][A-Za-z0-9_]{0,80})@$/;

/** A password scheme prefix that says the password follows in clear text (Spring Security's `{noop}`, Dovecot's `{PLAIN}`). */
const CLEAR_TEXT_SCHEME = /^\{(?:noop|plain|clear|cleartext)\}/i;

/** A Python string with its prefix (`b'…'`, `f"…"`), its quotes escaped or not: the prefix, the escape, the quote, the text. */
const PREFIXED_STRING = /^((?:[fFrRbBuU]|[fFrRbB]{2}))(\\?)(["'])([^\n]{1,4096}?)\2\3/;
/**
 * Apache Camel's `RAW(…)`: the text inside is the value as written, with no escaping (`basic-auth-password=RAW(a+b&c)`).
 * Read here because this reader judges an unquoted `name(` as code before the value is classified; classifyValue reads
 * it for values that come another way (a YAML or JSON setting).
 */
const CAMEL_RAW = /^RAW\(([^()\s]{1,4096})\)$/;

// `$$VAR`/`$${VAR}`: escaped for Compose, a reference for the program that reads the file (JCasC, Spring)
// `${?X}`: HOCON's optional substitution
// (`$plaintext$…`, `$pbkdf2$…` are a scheme prefix, not a variable)
// `\$(…)`, `\${X}`: escaped in a double-quoted command (`ssh host "export X=\$(aws ssm …)"`), expanded where it is run
// (`\$word` may be a password beginning with `$`)
const VARIABLE = /^(?!\$[a-z][a-z0-9-]*\$)(\$\$?(?:\{\??)?[A-Za-z_]|\\\$[({]|%\(|\{\{|<%)/;

/** A literal written in the text, not a reference to one (see VARIABLE), judged as a secret's value. */
function isLiteral(value: string, looseness: Parameters<typeof judgeNamedValue>[0] = {}): boolean {
  return !VARIABLE.test(value) && judgeNamedValue(looseness, value) === 'literal';
}

/** The first of a match's alternative value groups (`"…"`, `'…'`, bare) that matched, from group `first` on. */
function valueGroup(m: RegExpMatchArray, first: number, count = 3): number {
  for (let g = first; g < first + count - 1; g++) if (m[g] !== undefined) return g;
  return first + count - 1;
}

/** Up to three subscripts right before a subscripted name: `['snmp']['v2c']['` of `$config['snmp']['v2c']['community']`. */
const SUBSCRIPT_CHAIN = /(?:\[[ \t]*['"][A-Za-z_][\w-]{0,60}['"][ \t]*\][ \t]*){1,3}\[[ \t]*['"]$/;
/** A list of one quoted string: `["MIIE…"]`, `[ 'x' ]`, PHP's `array('x')` (a list of several is a list of words: synonyms, scopes). */
const LIST_FIRST_STRING = /^(?:\[|\{|array\()[ \t]*(["'])([^"'\\\n]{1,8192})\1[ \t]*([\]}),])/;
/**
 * `name: process.env.X ?? '…'`, `NAME = os.environ.get("X") or "…"`, `name = ENV['X'] || '…'`, Ruby's block `ENV.fetch("X") { '…' }` (in an ERB tag too: `password: <%= ENV.fetch(…) { '…' } %>`),
 * PHP's `define('NAME', getenv('X') ?: '…')`, `'password' => getenv('X') ?: '…'` and Drupal's `$settings['hash_salt'] = getenv('X') ?: '…'`,
 * Elixir's `name: System.get_env("X") || "…"`.
 */
const ENV_FALLBACK =
  /([A-Za-z_][A-Za-z0-9_]{0,80})["']?\]?[ \t]*(?:=>|[:=,])[ \t]*(?:<%=?[ \t]*)?\[?[ \t]*(?:process\.env\.([A-Za-z_][A-Za-z0-9_]*)|(?:process\.env|ENV|os\.environ)\[["']([A-Za-z_][A-Za-z0-9_]*)["']\]|(?:os\.environ\.get|os\.getenv|getenv|ENV\.fetch|System\.get_env)\(["']([A-Za-z_][A-Za-z0-9_]*)["']\))[ \t]*(?:\?\?|\?:|\|\||\bor\b|\{)[ \t]*(["'])([^"'\\\n]{1,500})\5/dg;
/** `config set NAME VALUE` (and the AWS CLI's `configure set`; its options before the name skipped): name, then a double-quoted, single-quoted or bare value. */
const CONFIG_SET =
  /(?<![\w-])config(?:ure)?[ \t]+set[ \t]+(?:--?[A-Za-z][\w-]{0,30}[ \t]+){0,3}([A-Za-z_/@][\w.:/@-]{0,120})[ \t]+(?:"([^"\n]{1,500})"|'([^'\n]{1,500})'|([^\s"'#;|&]{1,500}))/dg;
/** A Go template's default: `{{ .x.pg_password | default "…" }}` (path, quote, value) or `{{ default "…" .Values.x }}` (quote, value, path). */
const TEMPLATE_DEFAULT =
  /\{\{-?[ \t]*\.?((?:[A-Za-z_][\w-]{0,60}\.){0,6}[A-Za-z_][\w-]{0,60})[ \t]*\|[ \t]*default[ \t]+(["'`])([^"'`\n{}]{1,200})\2[ \t]*-?\}\}|\{\{-?[ \t]*default[ \t]+(["'`])([^"'`\n{}]{1,200})\4[ \t]+\.?((?:[A-Za-z_][\w-]{0,60}\.){0,6}[A-Za-z_][\w-]{0,60})[ \t]*-?\}\}/dg;
/**
 * SQL's hashing of a literal, the clear text its argument: `MD5('…')`, `SHA2('…', 256)`, `PASSWORD('…')`, `crypt('…', …)`;
 * of four characters or more (a seed's `crypt('x', gen_salt('bf'))` is a stand-in).
 */
const HASHED_LITERAL = /^[ \t\r\n]*(?:md5|sha1?|sha2|sha256|sha512|password|old_password|crypt|encrypt)[ \t]*\([ \t]*'([^'\n]{4,200})'/di;
/**
 * An application's hashing of a literal password as it stores it (a seeder's `'password' => Hash::make('…')`, Laravel's
 * `bcrypt('…')`, PHP's `password_hash('…', …)`, Django's `make_password('…')`, Werkzeug's `generate_password_hash('…')`,
 * Ruby's `BCrypt::Password.create('…')`, Roundup's `password.Password('…')`): the clear text, either quote.
 */
const APP_HASHED_LITERAL =
  /^[ \t\r\n]*(?:Hash::make|bcrypt|password_hash|make_password|generate_password_hash|BCrypt::Password\.create|password\.Password)[ \t]*\([ \t]*(?:'([^'\n]{4,200})'|"([^"\n]{4,200})")/d;
/** PHP's and C's `putenv('NAME=value')`: a variable set to a literal in one string (quote, name, value). */
const PUTENV = /\bputenv\([ \t]*(["'])([A-Za-z_][A-Za-z0-9_]{0,80})=([^"'\n]{1,4096})\1[ \t]*\)/dg;
/** An EDN map: `{:name …` (a Clojure or zen configuration). */
const EDN_MAP = /\{[ \t]*:[A-Za-z]/;
/** An EDN keyword and the string after it, the keyword at a line's or a map's start: `:client-secret "…"`, `{:zen/tags … :password "…"`. */
const EDN_KEYWORD_STRING = /(?:^|[\s{,]):([A-Za-z][\w.*+!?-]{0,80}(?:\/[A-Za-z][\w.*+!?-]{0,80})?)[ \t]+"((?:[^"\\\n]|\\.){1,4096})"/dgm;
/** Aero's `:name #or [#env VAR "fallback"]` in an EDN configuration. */
const EDN_ENV_FALLBACK = /:([A-Za-z][\w.-]{0,80})[ \t]+#or[ \t]*\[[ \t]*#env[ \t]+([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]+"([^"\\\n]{1,500})"[ \t]*\]/dg;
/** `--auth=VALUE` as a flag of its own in a file's text (a value without a colon, quotes or blanks). */
const AUTH_FLAG = /(?<=^|[ \t])--auth=([^\s"':;,]{6,128})(?=[ \t]*$)/dgm;
/** An environment lookup and the literal after `or`/`||`/`??`/`?:`, wherever it stands: the variable, the quote, the literal. */
const LOOKUP_FALLBACK =
  /(?:(?:os\.environ\.get|os\.getenv|getenv|ENV\.fetch|System\.get_env)\(["']([A-Za-z_][A-Za-z0-9_]*)["']\)|\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*))[ \t]*(?:\?\?|\?:|\|\||\bor\b)[ \t]*(["'])([^"'\\\n]{1,500})\3/dg;
/**
 * A setting given by a call of the program's own with a variable's name, and the literal after `or`/`||`/`??`
 * (`SECRET_KEY = _secret("FLASK_SECRET_KEY") or "…"`, a helper that reads the environment or a file): the setting, the
 * variable, the quote, the literal.
 */
const CALL_FALLBACK =
  /(?<![\w.])([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]*=[ \t]*[A-Za-z_][\w.]{0,60}\([ \t]*["']([A-Z][A-Z0-9_]{2,80})["'][ \t]*\)[ \t]*(?:\?\?|\|\||\bor\b)[ \t]*(["'])([^"'\\\n]{1,500})\3/dg;
/** A fallback that is a sentence, three words or more (`set HERMES_API_KEY value in environment`): what to set, not a secret. */
function isInstruction(value: string): boolean {
  return /^[A-Za-z][\w'-]*(?:[ \t]+[\w'.,-]+){2,}$/.test(value.trim());
}
/** What ENV_FALLBACK needs in a text before it is run over it. */
const ENV_LOOKUP_WORD = /process\.env|os\.environ|getenv|ENV\[|ENV\.fetch|System\.get_env/;
/** The call reads an environment variable (`getenv`, `getenv_docker`, `os.environ.get`, `env(`, `ENV.fetch`). */
const ENV_LOOKUP = /^(?:[\w.$>-]*[._>])?(?:getenv\w*|environ\.get|env|fetch)\(/i;
/** The same name right before an opening parenthesis. */
const ENV_LOOKUP_BEFORE = /(?:^|[^\w])(?:getenv\w*|environ\.get|env|fetch)[ \t]*$/i;

/**
 * A call whose last two string arguments are a setting's name and its value: PHP
 * `define('WP_REDIS_PASSWORD', 'value')` (WORDPRESS_CONFIG_EXTRA and friends), Kamailio
 * `modparam("auth", "secret", "value")`, `$config->set('db_password', 'value')`, `setenv("X_TOKEN",
 * "value")`, django-environ's `env("X_SECRET", default="value")`; not PHP's `array('managesieve', 'password',
 * 'markasjunk')`, a list of words. Groups: 2 the name, 3 or 4 the value, with offsets (`d`).
 */
const CALL_NAME_VALUE =
  /\b(?![Aa][Rr][Rr][Aa][Yy]\()[A-Za-z_][A-Za-z0-9_.$>-]{0,60}\([ \t]*(?:(["'])[^"'\n]{0,80}\1[ \t]*,[ \t]*)?['"]([A-Za-z_][A-Za-z0-9_.-]{0,80})['"][ \t]*,[ \t]*(?:default[ \t]*=[ \t]*)?(?:'([^'\n]{0,4096})'|"([^"\n]{0,4096})")[ \t]*(?:,[^()\n]{0,40})?\)/dg;

/** A KeyValues entry on its own line (Valve's format: SourceMod, Source engine configs): `"name"` blanks `"value"`. */
const KEYVALUES_ENTRY = /^[ \t]*"([A-Za-z_][\w.-]{0,60})"[ \t]+"([^"\n]{1,500})"[ \t]*(?:\/\/[^\n]*)?$/dgm;

/** A Buildbot worker declared in master.cfg with its password: `worker.Worker("name", "password", …)`. */
const BUILDBOT_WORKER = /\bWorker\([ \t]*["'][\w.-]{1,100}["'][ \t]*,[ \t]*(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})')/dg;

/** A value in triple quotes on one line, as grafana.ini writes one holding `#` or `;` (`password = """…"""`): name, value. */
const TRIPLE_QUOTED = /^[ \t]*([A-Za-z_][\w.-]{0,80})[ \t]*=[ \t]*"""([^"\n]{1,4096})"""[ \t]*$/dgm;

/** Elixir's three-argument config: `config :app, :stripe_secret, "value"` (the key an atom of its own, not `key: value`). */
const ELIXIR_CONFIG = /\bconfig[ \t]+:[A-Za-z_]\w{0,60},[ \t]*:([A-Za-z_]\w{0,80}),[ \t]*"([^"\n]{0,4096})"/dg;

/**
 * A typed setting with its default, as pydantic, dataclasses and TypeScript declare them:
 * `secret_key: str = "…"`, `db_password: SecretStr = SecretStr("…")`, `api_keys: list[str] = ["…"]`,
 * `apiKey: string = '…'` (the name, then the quoted literal). A list's only string is its value.
 */
const TYPED_DEFAULT =
  /^[ \t]*(?:(?:public|private|readonly|static)[ \t]+)*([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]*:[ \t]*[A-Za-z_][\w.]{0,40}(?:\[[\w., |]{0,60}\])?(?:[ \t]*\|[ \t]*None)?[ \t]*=[ \t]*(?:[A-Za-z_][\w.]{0,40}\([ \t]*)?\[?[ \t]*(["'])([^"'\\\n]{1,4096})\2[ \t]*\]?[ \t]*\)?[ \t]*(?:,|;|#.*|\/\/.*)?$/dgm;

/** Elements that hold one version of their parent's value: `<key><current>…</current><old>…</old></key>`. */
const VERSION_ELEMENTS = /^(?:current|previous|old|new|next|active|primary|secondary)$/i;
/** The element opened last before a child, alone on its line: `<key>` above `<current>`. */
const XML_PARENT = /<([A-Za-z_][\w.-]{0,80})>[ \t]*\r?\n[ \t]*$/;
/** XML: <password>value</password> (ClickHouse users, Tomcat, Maven settings). */
const XML_ELEMENT = /<([A-Za-z_][A-Za-z0-9_.-]{0,80})>([^<\n]{1,4096})<\/\1>/g;

/** An XML start tag with attributes (`<entry key="db.password">`, `<add key="ApiKey" value="…"/>`); its attributes are read one by one. */
const XML_ATTRIBUTED = /<([A-Za-z_][\w.:-]{0,60})((?:[ \t]+[A-Za-z_][\w.:-]{0,40}[ \t]*=[ \t]*(?:"[^"\n<>]{0,4096}"|'[^'\n<>]{0,4096}')){1,8})[ \t]*(\/?)>/dg;
const XML_ATTRIBUTE = /([A-Za-z_][\w.:-]{0,40})[ \t]*=[ \t]*(?:"([^"\n<>]*)"|'([^'\n<>]*)')/g;
/** An element's only child a value element (`<value>`, `<esf:value>`), on the next line: its text. */
const XML_VALUE_CHILD = /^[ \t]*\r?\n?[ \t]*<((?:[A-Za-z_][\w.-]{0,30}:)?value)>([^<\n]{1,4096})<\/\1>/d;
/** An XML comment on a line of its own right after a start tag (`<!-- Warning: the key below is in an unencrypted form. -->`). */
const XML_COMMENT_LINE = /^[ \t]*\r?\n[ \t]*<!--[^\n]{0,500}?-->(?=[ \t]*\r?\n)/;
/** The element's text up to its end tag on the same line. */
const XML_BODY = /^([^<\n]{1,4096})<\/([A-Za-z_][\w.:-]{0,60})>/;

/**
 * A web server's directive that sets a variable for the program behind it: Apache `SetEnv NAME
 * value`, nginx `fastcgi_param NAME value;` (and `uwsgi_param`, `scgi_param`), with the variable's
 * name and value.
 */
const VARIABLE_DIRECTIVE =
  /(?<=^|\n)[ \t]{0,40}(?:SetEnv|setenv|fastcgi_param|uwsgi_param|scgi_param)[ \t]+([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]+(?:"([^"\n$]{1,4096})"|'([^'\n$]{1,4096})'|([^\s"'$;]{1,4096}))/dg;

/**
 * A proxy's header directive: nginx `proxy_set_header`/`add_header`/`more_set_headers`, HAProxy `set-header`, Apache's
 * `RequestHeader set|append|add`, with the header's name and value.
 */
const HEADER_DIRECTIVE =
  /(?:\b(?:proxy|grpc|fastcgi|uwsgi)_set_header|\badd_header|(?<![\w-])set-header|\bRequestHeader[ \t]+(?:set|append|add|setifempty))[ \t]+([A-Za-z][A-Za-z0-9-]{0,60})[ \t]+(?:"([^"\n$]{1,4096})"|'([^'\n$]{1,4096})'|([^\s"'$;]{1,4096}))/dg;

/**
 * A client, a handler or a connection made with a user and a password, its first arguments or a pair after the first
 * (`AtlasClient(ATLAS_URL, ("steward", "…"))`, `RESTWorkItemHandler("claims-api", "…", classLoader)`): the second
 * string, shaped like a password.
 */
const CLIENT_LOGIN =
  /\b[A-Za-z_][\w.]{0,40}(?:Client|Handler|Connection|Session|Credentials?|[Ll]ogin|[Cc]onnect)\([ \t]*(?:[^()"'\n]{0,80},[ \t]*)?\(?[ \t]*(["'])([A-Za-z0-9_.@-]{1,64})\1[ \t]*,[ \t]*(["'])([^"'\n\\]{1,128})\3/dg;

/**
 * A user and a password given as a pair in code: Python's `auth=("user", "…")`, a constant named for an auth
 * (`LEGACY_AUTH = ("shopsync", "…")`), requests' `HTTPBasicAuth("user", "…")`: the second string, shaped like a password
 * (isMixedPassword).
 */
const AUTH_PAIR =
  /(?:\b[A-Za-z_]{0,40}auth[ \t]*=[ \t]*\(?|\bHTTP(?:Basic|Digest)Auth\()[ \t]*(["'])([^"'\n\\]{1,64})\1[ \t]*,[ \t]*(["'])([^"'\n\\]{1,128})\3[ \t]*\)/dgi;

/** nginx's `secure_link_md5` and its expression, quoted or not. */
const SECURE_LINK_MD5 = /(?<![\w-])secure_link_md5[ \t]+(?:"([^"\n]{1,1000})"|'([^'\n]{1,1000})'|([^\s;"']{1,1000}))/dg;
/** A run of an expression that is no variable (`$uri`, `${arg_e}`) and no blank: a literal hashed with them. */
const SECURE_LINK_LITERAL = /(?<![\w$}])[^\s$"'{}]{8,200}/g;
/** nginx's older `secure_link_secret word;`: the word is the secret. */
const SECURE_LINK_SECRET = /(?<![\w-])secure_link_secret[ \t]+([^\s;$"']{4,200})[ \t]*;/dg;

/**
 * A request header named for a secret compared with a literal: Varnish's `req.http.X-Purge-Token != "…"`, nginx's
 * `$http_x_api_key != "…"`, ModSecurity's `REQUEST_HEADERS:X-Probe-Token "@streq …"`, Apache's `%{HTTP:X-Token} == "…"`:
 * the literal is the shared secret a client sends.
 */
const HEADER_COMPARISON =
  /(?:\breq\.http\.|\$http_|\bREQUEST_HEADERS:|%\{HTTP:)([A-Za-z][A-Za-z0-9_-]{0,60})\}?[ \t]*(?:(?:!=|==|!~|=~|\beq\b|\bne\b)[ \t]*)?"(?:@(?:streq|eq)[ \t]+)?([^"\s]{8,200})"/dg;

/**
 * A Lisp's definition of a global with a string (Common Lisp `(defparameter *hcaptcha-secret* "…")`, `defvar`,
 * `defconstant`, Scheme and Racket `(define api-token "…")`, Clojure `(def api-key "…")`): the name without its earmuffs.
 */
const LISP_DEFINITION = /\((?:defparameter|defvar|defconstant|define|def|setq|setf)[ \t]+\*?([A-Za-z][\w+!?<>-]{0,80}?)\*?[ \t\r\n]+"([^"\n]{1,4096})"/dg;

/**
 * A method that returns a string and nothing else, as Ruby and Perl configurations are written (Danbooru's
 * `danbooru_local_config.rb`: `def recaptcha_secret_key` / `"…"` / `end`, commented out alike; the MusicBrainz server's
 * `DBDefs.pm`: `sub SMTP_SECRET_CHECKSUM { "…" }`): the method's name and the string. Groups: 1 and 3 the name and the
 * value of a Ruby method, 4 and 6 of a Perl sub.
 */
const METHOD_LITERAL =
  /^[ \t]*(?:#[ \t]*)?def[ \t]+(?:self\.)?([a-z_][a-z0-9_]{0,80})[ \t]*(?:\(\))?[ \t]*\r?\n[ \t]*(?:#[ \t]*)?(?:return[ \t]+)?(["'])([^"'\\\n]{1,4096})\2[ \t]*\r?\n[ \t]*(?:#[ \t]*)?end\b|\bsub[ \t]+([A-Za-z_]\w{0,80})[ \t]*\{[ \t]*(?:return[ \t]+)?(["'])([^"'\\\n]{1,4096})\5[ \t]*;?[ \t]*\}/dgm;

/**
 * A function named for a secret (Go's `func clientSecret() string {`, JavaScript's `function loadSecret() {`, Python's
 * `def get_api_key():`): the string literals it returns are the secret (a fallback after a lookup: `return
 * "CTHB…"`), judged as a setting of that name. Group 1 the name; the body runs to the next function's header.
 */
const FUNCTION_HEADER = /^[ \t]*(?:export[ \t]+)?(?:async[ \t]+)?(?:func(?:[ \t]*\([^()\n]{0,80}\))?|function|def|fn|fun)[ \t]+([A-Za-z_]\w{0,80})[ \t]*\(/gm;
/** A `return` of a string literal on a line of its own, or of one converted to bytes (`return []byte("…")`): group 2 the literal. */
const RETURNED_LITERAL = /^[ \t]*return[ \t]+(?:\[\]byte\(|Buffer\.from\(|bytes\(|String::from\()?(["'`])([^"'`\\\n]{8,4096})\1/dgm;
/** How far a function's body is read for its returns. */
const FUNCTION_BODY_REACH = 2000;

/**
 * A setting given as a name/value pair: Keycloak `{ "type": "password", "value": "x" }`, a JSON
 * `{"name": "DB_PASSWORD", "value": "x"}`, a Kubernetes env entry `- name: DB_PASSWORD` with
 * `value: x` on the next line. The `d` flag gives the value's offsets.
 */
const NAME_VALUE_PAIRS: readonly RegExp[] = [
  // also a name in words with other fields before the value (FeatBit's `{ name: "Server Key", type: "server", value: "…" }`)
  /["']?(?:type|name|key)["']?[ \t]*:[ \t]*["']([A-Za-z_][A-Za-z0-9_.-]{0,40}(?: [A-Za-z0-9_.-]{1,40}){0,3})["'][ \t]*,(?:[ \t]*["']?\w{1,30}["']?[ \t]*:[ \t]*(?:"[^"\n]{0,100}"|'[^'\n]{0,100}'|[\w.]{1,40}(?:\(\))?)[ \t]*,){0,3}[ \t]*["']?value["']?[ \t]*:[ \t]*(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})')/dg,
  /(?<=^|\n)[ \t]{0,40}-?[ \t]{0,4}name:[ \t]{0,4}["']?([A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]{0,4}\r?\n[ \t]{0,40}value:[ \t]{0,4}["']?([^"'\s][^"'\n]{0,4095}?)["']?[ \t]{0,4}(?=\r?\n|$)/dg,
  // Hadoop-style XML properties (hive-site.xml, core-site.xml, hbase-site.xml): `<name>x</name>` then `<value>y</value>`
  /<(?:name|key)>[ \t]{0,4}([A-Za-z_][A-Za-z0-9_.-]{0,80})[ \t]{0,4}<\/(?:name|key)>[ \t\r\n]{0,200}<value>[ \t]{0,4}([^<\s][^<\n]{0,4095}?)[ \t]{0,4}<\/value>/dg,
  // an element named by its attribute with the value as a child (Zimbra's localconfig.xml `<key name="x"><value>y</value>`)
  /<(?:key|property|entry|attr|param)[ \t]+name="([A-Za-z_][A-Za-z0-9_.-]{0,80})"[ \t]*>[ \t\r\n]{0,200}<value>[ \t]{0,4}([^<\s][^<\n]{0,4095}?)[ \t]{0,4}<\/value>/dg,
  // a record's setting as two fields, its name and then its value (Odoo's `ir.config_parameter` data:
  // `<field name="key">connector.api_token</field>` `<field name="value">…</field>`)
  /<field[ \t]+name="key"[ \t]*>[ \t]{0,4}([A-Za-z_][A-Za-z0-9_.-]{0,80})[ \t]{0,4}<\/field>[ \t\r\n]{0,200}<field[ \t]+name="value"[ \t]*>[ \t]{0,4}([^<\s][^<\n]{0,4095}?)[ \t]{0,4}<\/field>/dg,
];

/**
 * Settings rows written in SQL: `INSERT … VALUES ('mail_api_key', 'x')` (a name/value tuple) and
 * `UPDATE settings SET value = 'x' WHERE key = 'security.captcha_secret'`. The value may be a JSON
 * string (`'"x"'`). Groups: name, value (or value, name for UPDATE), with offsets.
 */
const SQL_TUPLE = /\([ \t]*'([A-Za-z_][A-Za-z0-9_.:-]{0,80})'[ \t]*,[ \t]*'"?([^'"\n]{1,4096})"?'[ \t]*[,)]/dg;
/** A settings table's columns: the one that names a setting and the one that holds its value (WordPress's `option_name` / `option_value`). */
// (Teampass names its `teampass_misc` columns in French: `intitule`, `valeur`)
// (with the type it is kept as: Airtime's `cc_pref (keystr, valstr)`; or a letter: Hubzilla's `config (cat, k, v)`)
const SETTING_NAME_COLUMN = /^(?:[a-z]{1,20}_)?(?:key|name|setting|option|param|parameter|property|variable|intitule|k)(?:_?(?:key|name|str|string))?$/i;
const SETTING_VALUE_COLUMN = /^(?:[a-z]{1,20}_)?(?:value|val|valeur|v)(?:_?(?:str|string|text))?$/i;
/** A settings table's column that groups its settings (`section`, `module`, `category`). */
const SETTING_SECTION_COLUMN = /^(?:section|module|category|group|scope|namespace)$/i;
// (the columns perhaps suffixed, and French: Galette's `SET val_pref = … WHERE nom_pref = 'pref_mail_smtp_password'`)
const SQL_UPDATE =
  /\bSET[ \t]+[A-Za-z_]{0,20}(?:value|val|valeur)(?:_[a-z]{1,20})?[ \t]*=[ \t]*'"?([^'"\n]{1,4096})"?'[ \t]+WHERE[ \t]+[A-Za-z_]{0,20}(?:key|name|nom|intitule|setting|option|param)(?:_[a-z]{1,20})?[ \t]*=[ \t]*'([A-Za-z_][A-Za-z0-9_.:-]{0,80})'/dgi;

/**
 * A FreeRADIUS check row, attribute, operator and value (`radcheck`: `('maint', 'Cleartext-Password', ':=', '…')`): the value
 * of a clear-text password attribute is the user's password (`Crypt-Password`, `NT-Password` hold hashes). Groups: 1 the
 * attribute, 2 the value.
 */
const RADIUS_CLEARTEXT_ROW = /'((?:Cleartext|User)-Password)'[ \t]*,[ \t]*'(?::=|==|=|\+=)'[ \t]*,[ \t]*'([^'\n]{1,4096})'/dgi;
/**
 * PHP's serialized arrays (WordPress options in a SQL dump: `s:4:"pass";s:20:"…";`, quotes escaped or not): a string key
 * and then its string value. Groups: 1 the key, 2 the value.
 */
const PHP_SERIALIZED_PAIR = /\bs:\d{1,3}:\\?"([A-Za-z_][A-Za-z0-9_.-]{0,80})\\?";s:\d{1,4}:\\?"([^"\\\n]{1,4096})\\?";/dg;

/** A name that is a password in the blob around it only (JAAS's `user_<name>`, ODBC's `PWD`, WildFly's `clear-text`). */
const PASSWORD_HERE: KeyVerdict = { sensitive: true, kind: 'password' };
const DOCKER_AUTH: KeyVerdict = { sensitive: true, kind: 'credentials' };
const APPROLE_SECRET_ID: KeyVerdict = { sensitive: true, kind: 'secret' };
/** An ODBC data source's user setting (`UID = etl`) at a line's start. */
const ODBC_USER = /^[ \t]*UID[ \t]*=/im;

/** What a blob says about the names in it, each judged once a blob. */
interface BlobKind {
  /** a JAAS PlainLoginModule entry defines users as `user_<name>="<password>"` */
  jaas: boolean;
  /** a Docker config (DOCKER_AUTH_CONFIG, ~/.docker/config.json): each registry's `auth` is base64 of user:password */
  dockerAuths: boolean;
  /** a Vault AppRole login written as options (`role_id:…,secret_id:…`): the secret id is the secret */
  appRole: boolean;
  /** ODBC's `PWD` (odbc.ini, a DSN's settings) beside its `UID`: the password, not a shell's working directory */
  odbc: boolean;
  /** WildFly's and Keycloak's `<credential-reference clear-text="…"/>` (the CLI's `credential-reference={clear-text=…}`): the password, in clear */
  credentialReference: boolean;
}

function blobKind(text: string): BlobKind {
  return {
    jaas: text.includes('LoginModule'),
    dockerAuths: /\\?"auths\\?"/.test(text),
    appRole: /role[_-]?id/i.test(text),
    odbc: ODBC_USER.test(text),
    credentialReference: text.includes('<credential-reference') || text.includes('credential-reference={'),
  };
}
const VAGUE_KEY_WITH_TOKEN: KeyVerdict = { sensitive: true, kind: 'secret' };
/**
 * A SIM's keys in a mobile subscriber's settings (UERANSIM's `key`/`op`, a provisioning script's `K=`/`OPC=`): 128 bits
 * in hex beside the subscriber's identity (`imsi`, `supi`, `opType`): each authenticates the subscriber to the core.
 */
const SIM_KEY_NAME = /^(?:k|ki|op|opc|opc_?value|op_?value)$/i;
const SUBSCRIBER_WORDS = /\b(?:imsi|supi|optype|usim|sqn)\b/i;
const SIM_KEY: KeyVerdict = { sensitive: true, kind: 'encryption-key' };

/** A random token: 16–200 characters of base64/hex alphabets mixing letters and digits (mixed case, or 32+ hex). */
function isRandomToken(value: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]{16,200}$/.test(value) || !/\d/.test(value)) return false;
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return /[a-z]/.test(value) && /[A-Z]/.test(value);
}

/** A bare key on a line that says it is a public or verify key (Matrix `old_signing_keys: {"ed25519:x": {key: …}}`). */
function nearPublicKeyWords(text: string, at: number): boolean {
  // its line and the two before it, within a bounded window (a long line is not searched end to end)
  const from = Math.max(0, at - 600);
  const window = text.slice(from, Math.min(text.length, at + 300));
  const here = at - from;
  let start = here;
  for (let i = 0; i < 3 && start > 0; i++) start = window.lastIndexOf('\n', start - 1);
  const end = window.indexOf('\n', here);
  return /public|verify|old_signing_keys|ed25519:|expired_ts/i.test(window.slice(Math.max(0, start), end < 0 ? window.length : end));
}

/** `<words for a person to fill in>` from its opening bracket, on one line. */
const ANGLE_PLACEHOLDER = /^<[A-Za-z][^<>\n]{0,80}>/;

/**
 * Items of a YAML list under a secret-named key in a config blob (`encryption_keys:` then
 * `- <Fernet key>` lines): each literal item is a secret. A list of keys named only by where it
 * sits (`cluster: keys:`, APISIX `data_encryption: keyring:`, Kratos `secrets: cipher:`) holds
 * secrets when its items are random tokens. Line by line, linear.
 */
const LIST_ITEM = /^([ \t]*)-[ \t]+(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s#'"][^\s#]{0,4095}))[ \t]*$/;
/** `name:` alone on its line: a mapping or a list follows. */
const KEY_ALONE = /^([ \t]*)([A-Za-z_][A-Za-z0-9_.-]{0,80}):[ \t]*$/;
/** `name: value` on a line of its own, the value bare or quoted. Groups: indent, name, value (three quotings). */
const MAP_ENTRY = /^([ \t]*)([A-Za-z0-9_.-]{1,80}):[ \t]+(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s#'"][^\s#]{0,4095}))[ \t]*$/;
/** Names of a list of keys that say nothing of what the keys are for. */
const KEY_LISTS = new Set(['keys', 'keyring', 'keyrings']);
/** A generated key: 16–200 characters of the base64/hex alphabets with digits, mixed case or 32+ hex. */
function isGeneratedKey(value: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]{16,200}$/.test(value) || !/\d/.test(value)) return false;
  return /^[0-9a-f]{32,}$/i.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
}

function findSecretListItems(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !(text.includes('- ') || /key(?:s|ring)/i.test(text))) return out;
  /** The `name:` lines above the current one, outermost first (each less indented than the next). */
  const above: { name: string; indent: number; sensitive: boolean }[] = [];
  let sensitiveAbove = 0;
  let owner: { name: string; kind: string; indent: number; loose: boolean; map?: boolean } | undefined;
  let entry: RegExpExecArray | null = null;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const item = LIST_ITEM.exec(line);
    if (owner && item && indent >= owner.indent) {
      const value = item[valueGroup(item, 2)];
      const start = lineStart + line.indexOf(value, item[1].length + 1);
      const secret = owner.loose
        ? isGeneratedKey(value) && !nearPublicKeyWords(text, start)
        : !value.includes(': ') && !value.endsWith(':') && isLiteral(value);
      if (secret) out.push({ name: owner.name, kind: owner.kind, start, end: start + value.length, viaVariable: false });
    } else if (owner?.map && indent > owner.indent && (entry = MAP_ENTRY.exec(line))) {
      // a map of key ids to keys (LiveKit's `keys: {APIk3y…: <secret>}`): the generated values are the secrets
      const value = entry[valueGroup(entry, 3)];
      const start = lineStart + line.indexOf(value, entry[1].length + entry[2].length + 1);
      if (isGeneratedKey(value) && !nearPublicKeyWords(text, start))
        // named for the map, not the entry: an entry's key can be a token itself, and a name reaches messages
        out.push({ name: owner.name, kind: 'key', start, end: start + value.length, viaVariable: false });
    } else if (line.trim() && !line.trimStart().startsWith('#')) {
      owner = undefined;
      while (above.length && above[above.length - 1].indent >= indent) if (above.pop()!.sensitive) sensitiveAbove--;
      const key = KEY_ALONE.exec(line);
      if (key) {
        const verdict = classifyKey(key[2]);
        const sensitive = verdict.sensitive && !verdict.loose;
        if (sensitive) owner = { name: key[2], kind: describeKind(verdict.kind), indent: key[1].length, loose: false };
        else if (KEY_LISTS.has(key[2].toLowerCase()) || sensitiveAbove > 0) {
          // a list named by where it sits (its section and its name): its items must look generated
          const parent = above[above.length - 1];
          const named = KEY_LISTS.has(key[2].toLowerCase());
          owner = { name: parent ? `${parent.name}.${key[2]}` : key[2], kind: 'secret', indent: key[1].length, loose: true, map: named };
        }
        above.push({ name: key[2], indent: key[1].length, sensitive });
        if (sensitive) sensitiveAbove++;
      }
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** `[149, 143, …]`: 16 to 64 numbers 0–255 (or `0x..`), as key material is written in YAML/JSON; offsets of the list. */
function byteList(text: string, at: number): { start: number; end: number } | undefined {
  const window = text.slice(at, at + 601);
  const close = window.indexOf(']');
  if (close < 0) return undefined;
  const items = window
    .slice(1, close)
    .split(',')
    .map((x) => x.trim());
  if (items.length < 16 || items.length > 64) return undefined;
  if (!items.every((x) => /^(?:0x[0-9a-f]{1,2}|\d{1,3})$/i.test(x) && Number(x) <= 255)) return undefined;
  // a key has many different bytes (not a list of ports or zeros)
  if (new Set(items).size < items.length / 2) return undefined;
  // the numbers, without the brackets (`[…]` reads like a placeholder)
  return { start: at + 1, end: at + close };
}

/** A C preprocessor macro defined as a string: `#define WEB_PASSWORD "…"`. */
const C_DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w{0,80})[ \t]+"([^"\n\\]{1,4096})"/dgm;

/** A call that decodes its literal argument into the secret. */
// Python, Node, PHP; Elixir's `Base.decode64!`, Ruby's `Base64.strict_decode64`, C#'s `Convert.FromBase64String`,
// Go's `base64.StdEncoding.DecodeString`/`hex.DecodeString`, Java's `Base64.getDecoder().decode`
const DECODE_CALL =
  /^(?:\[\]byte|bytes\.fromhex|bytearray\.fromhex|base64\.(?:urlsafe_)?b64decode|binascii\.unhexlify|Buffer\.from|atob|hex2bin|base64_decode|Base\.(?:url_)?decode(?:64|32|16)!?|Base64\.(?:strict_|urlsafe_)?decode64|Convert\.FromBase64String|(?:base64\.(?:Std|URL|RawStd|RawURL)Encoding\.|hex\.)DecodeString|Base64\.get(?:Url|Mime)?Decoder\(\)\.decode)\(/;

/** Base64 or hex of 16 to 64 bytes: the length of a symmetric key. */
function isKeyMaterial(literal: string): boolean {
  if (/^[0-9a-f]{32,128}$/i.test(literal)) return literal.length % 2 === 0;
  return /^[A-Za-z0-9+/_-]{22,88}={0,2}$/.test(literal) && /[A-Z]/.test(literal) && /[a-z]/.test(literal) && /\d/.test(literal);
}

/** The quoted literal right after `call(` at `at`: its offsets. */
function decodedLiteral(text: string, at: number): { start: number; end: number } | undefined {
  const open = text.indexOf('(', at);
  const m = /^\(\s*(["'])([^"'\n]{8,4096})\1/.exec(text.slice(open, open + 4200));
  if (!m) return undefined;
  const start = open + m[0].indexOf(m[2]);
  return { start, end: start + m[2].length };
}

/** HTTP authentication schemes: in `Authorization=Bearer x` the credential is x (a value pattern finds it). */
const AUTH_SCHEMES = new Set([...AUTH_SCHEME_NAMES.toLowerCase().split('|'), 'negotiate']);

/** A value in backquotes that no command is named like: capitals with digits, or a character no command name has. */
const BACKQUOTED = /^`((?=[^`]*(?:[A-Z][^`]*\d|\d[^`]*[A-Z]|[!@#%^*+=~]))[^`\s$]{1,4096})`$/;

/** An expression, not a literal: File.read('/run/secrets/x'), ENV['DB_PASSWORD'], os.getenv("X"). */
const EXPRESSION = /^[A-Za-z_][A-Za-z0-9_.:]*[([]/;
/**
 * Code that is no literal either: Ruby's `6.hours`, `10.megabytes` (a number's method), an arrow function's `(file) => …`,
 * PHP's `fn (string $name) => …` and `function ($x) {`, Python's `lambda name: …`.
 */
const CODE_VALUE =
  /^(?:\d{1,9}\.(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|(?:kilo|mega|giga|tera)?bytes?)\b|(?:async[ \t]+)?\([\w \t,{}=.]{0,200}\)[ \t]*=>|(?:static[ \t]+)?(?:fn|function)[ \t]*\([\w \t,$&?=.]{0,200}\)|lambda[ \t]+\w{0,40}[ \t]*:)/;

/**
 * Assignments of secret-named settings inside a text blob: a multi-line config (`content:`,
 * GITLAB_OMNIBUS_CONFIG), mount options (`username=x,password=y`), a JSON string. Remembered by
 * text, like scanValue: every scalar of the effective model and of each file is looked at.
 */
export const findEmbeddedAssignments: (text: string) => EmbeddedAssignment[] = memoizeByText(assignmentsIn);

/** A `random_password` resource of a Terraform state and the `result` in its attributes (before the next resource's `"type"`). */
const RANDOM_PASSWORD_RESULT = /"type":[ \t]*"random_password"(?:(?!"type":)[\s\S]){0,2000}?"result":[ \t]*"((?:[^"\\\n]|\\.){1,4096})"/dg;
/** A whole text that is two or more `name:value` pairs joined by commas (no blank, no URL). */
const PAIR_LIST = /^[ \t]*[A-Za-z_][\w.-]{0,40}:[^\s,:/]{1,4096}(?:,[A-Za-z_][\w.-]{0,40}:[^\s,:/]{1,4096}){1,20}[ \t]*$/;

/**
 * A whole text that is a list of Redis connections as redis-commander takes them (`REDIS_HOSTS=local:redis:6379:0:pw`,
 * `label:host:port:db:password` or `host:port:db:password`, joined by commas): the passwords.
 */
const REDIS_HOST_LIST =
  /^[ \t]*(?:(?:[A-Za-z][\w.-]{0,60}:)?[A-Za-z][\w.-]{0,253}:\d{1,5}:\d{1,2}(?::[^\s,:]{1,256})?)(?:,(?:[A-Za-z][\w.-]{0,60}:)?[A-Za-z][\w.-]{0,253}:\d{1,5}:\d{1,2}(?::[^\s,:]{1,256})?){0,20}[ \t]*$/;
const REDIS_HOST_PASSWORD = /(?:^|,)[ \t]*(?:[A-Za-z][\w.-]{0,60}:)?[A-Za-z][\w.-]{0,253}:\d{1,5}:\d{1,2}:([^\s,:]{1,256})/dg;

/**
 * A block's opening line in HCL and its kin: `acl {`, `tokens {`, `service "web" {`, `config = {`; and a JSON object's
 * under its name (`"db_password": {`: a Terraform state's outputs, an ARM template's parameters) or in a list (`{`).
 */
const BLOCK_OPEN = /^[ \t]*(?:"([A-Za-z_][\w-]{0,60})"[ \t]*:|([A-Za-z_][\w-]{0,60})(?:[ \t]+"[^"\n]{0,200}")*[ \t]*=?)?[ \t]*\{[ \t]*(?:#[^\n]*)?$/;
/** A line that closes a JSON object in a list and opens the next: `}, {`. */
const BLOCK_NEXT = /^[ \t]*\}[ \t]*,[ \t]*\{[ \t]*$/;

/**
 * Whether an element at `at` is in a comment's sentence (ClickHouse's stock `users.xml`: `<!-- … Example:
 * <password>qwerty</password>. -->`): inside an open `<!--` with words before it on its line. A placeholder there is an
 * example; a value written down (`<!-- test account: <PASSWORD>fvoh…</PASSWORD> -->`) and an element commented out on a
 * line of its own are still read.
 */
function isExampleInXmlComment(text: string, comment: readonly [number, number] | undefined, at: number): boolean {
  if (!comment || !(comment[0] < at && at < comment[1])) return false;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /\w/.test(text.slice(Math.max(lineStart, comment[0] + 4), at));
}

/** The spans of a text's XML comments, `<!--` to `-->` (or to the text's end). */
function xmlComments(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open + 4)) {
    const close = text.indexOf('-->', open + 4);
    out.push([open, close < 0 ? text.length : close]);
    if (close < 0) break;
    open = close;
  }
  return out;
}

/**
 * An INI or TOML section's header on a line of its own (`[pagerduty]`, `[alerts.pagerduty]`, a TOML array of tables'
 * `[[…]]`, SvxReflector's `[TG#2401]`): each ends the section before it; only a name of words qualifies the names in it.
 */
const SECTION_HEADER = /^[ \t]*\[\[?([^[\]\n]{1,80})\]\]?[ \t]*(?:[#;][^\n]*)?\r?$/gm;
const SECTION_NAME = /^[A-Za-z][\w.-]{0,60}$/;
interface SectionHeader {
  at: number;
  name: string;
}

/** A text's section headers in order (none when it has no `[` at a line's start). */
function sectionHeaders(text: string): SectionHeader[] {
  if (!/^[ \t]*\[/m.test(text)) return [];
  return [...text.matchAll(SECTION_HEADER)].map((m) => ({ at: m.index, name: m[1] }));
}

/** The name of the section an offset is in (the last header before it, by bisection), when a name of words. */
function sectionAt(sections: readonly SectionHeader[], at: number): string | undefined {
  let [lo, hi] = [0, sections.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].at <= at) lo = mid + 1;
    else hi = mid;
  }
  const name = lo > 0 ? sections[lo - 1].name : undefined;
  return name !== undefined && SECTION_NAME.test(name) ? name : undefined;
}

/**
 * The blocks each line of an HCL-like text stands in (Consul's `acl { tokens { initial_management = "…" } }`), by
 * line start: a name is qualified by them (`acl.tokens.initial_management`) when it says nothing alone. None for a
 * text without such a block.
 */
function blockPaths(text: string): { at(index: number): string } | undefined {
  if (/^[ \t]*\{/.test(text) && !text.includes('\n')) return jsonLinePaths(text);
  if (!/\{[ \t]*(?:#[^\n]*)?$/m.test(text)) return undefined;
  const starts: number[] = [];
  const paths: string[] = [];
  // the path at each depth, joined as it is entered (a list's `{` adds no name: its path is the list's)
  const stack: string[] = [];
  const top = () => stack.at(-1) ?? '';
  let any = false;
  let from = 0;
  for (;;) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end);
    starts.push(from);
    paths.push(top());
    const open = BLOCK_OPEN.exec(line);
    if (open) {
      const name = open[1] ?? open[2];
      stack.push(name === undefined ? top() : top() ? `${top()}.${name}` : name);
      any ||= name !== undefined;
    } else if (BLOCK_NEXT.test(line)) {
      stack.pop();
      stack.push(top());
    } else if (/^[ \t]*\}/.test(line)) stack.pop();
    if (end < 0) break;
    from = end + 1;
  }
  return any ? { at: (index) => paths[lastAtOrBefore(starts, index)] } : undefined;
}

/** A `secret` named within a few lines of this point: a `key` beside it is the pair's id. */
function besideSecret(text: string, at: number): boolean {
  return /["']?secret["']?[ \t]*[:=]/i.test(text.slice(Math.max(0, at - 200), at + 200));
}

/** The objects each point of a one-line JSON text stands in (`CONSUL_LOCAL_CONFIG='{"acl":{"tokens":{"default":"…"}}}'`). */
function jsonLinePaths(text: string): { at(index: number): string } | undefined {
  const starts: number[] = [0];
  const paths: string[] = [''];
  const stack: string[] = [];
  for (let i = 0; i < text.length && i < 100_000; i++) {
    const c = text[i];
    if (c === '"') {
      // a string's braces are no object's
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '}') {
      if (c === '{') stack.push(/"([A-Za-z_][\w-]{0,60})"[ \t]*:[ \t]*$/.exec(text.slice(Math.max(0, i - 64), i))?.[1] ?? '');
      else stack.pop();
      starts.push(i);
      paths.push(stack.filter(Boolean).join('.'));
    }
  }
  return starts.length > 1 ? { at: (index) => paths[lastAtOrBefore(starts, index)] } : undefined;
}

/**
 * A vendor's access key that is no object store's, holding a generated value, in a text that names no secret key beside it
 * (hydrus's `"daemon.access_key": "4lqq…"`, a script's `ACCESS_KEY = "24ef…"`): its secret, as the environment's reading
 * has it (entry.ts). Beside a secret key (Nessus's `accessKey` and `secretKey`, an S3 client's) or shaped as an id (`AKIA…`,
 * upper case and digits), it is the account's name.
 */
function isLoneAccessKeySecret(name: string, value: string, text: string, secretKeyBeside: () => boolean, at?: number): boolean {
  // the path written before the name (`settings.backups.s3.accessKey = …`) may name an object store
  const path = at === undefined ? '' : (/[\w.]*$/.exec(text.slice(Math.max(0, at - 200), at))?.[0] ?? '');
  return (
    isLoneAccessKey(name) &&
    !isObjectStoreName(path + name) &&
    isGeneratedLiteral(value) &&
    !isAccessKeyIdShaped(value) &&
    !isPlaceholder(value) &&
    !secretKeyBeside()
  );
}
/** A secret key's name beside an access key (`secret_key`, `secretAccessKey`, `access_key_secret`, `SecretKey`). */
const SECRET_KEY_BESIDE = /secret[_.-]?(?:access[_.-]?)?key|access[_.-]?(?:key[_.-]?)?secret/i;

function assignmentsIn(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000) return out;
  const blob = blobKind(text);
  /** Whether the text names a secret key anywhere (asked once a text, for a lone access key's name only). */
  let besides: boolean | undefined;
  const secretKeyBeside = () => (besides ??= SECRET_KEY_BESIDE.test(text));
  /** Whether the text names a mobile subscriber (asked once, for a SIM key's name only). */
  let subscriber: boolean | undefined;
  let blocks: ReturnType<typeof blockPaths> | null = null;
  let sections: SectionHeader[] | null = null;
  const assignment = new RegExp(ASSIGNMENT.source, 'g');
  // a SQL script's UPDATE statements (asked once a text, not for each assignment)
  const sqlUpdates = /\bupdate\b/i.test(text);
  for (let m = assignment.exec(text); m !== null; m = assignment.exec(text)) {
    let name = m[1];
    // Sakai's `smtpPassword@org.sakaiproject.email.api.EmailService=…`: the setting of the component named after its `@`
    if (text[m.index - 1] === '@') {
      const setting = COMPONENT_SETTING.exec(text.slice(Math.max(0, m.index - 82), m.index));
      if (setting) name = setting[1];
    }
    let value = m[3] ?? m[4] ?? m[5] ?? m[6] ?? '';
    // INI's `password = a&b`: with a blank after the operator the value runs on past `&` (a query string's next parameter has none)
    const after = m.index + m[0].length;
    if (m[6] !== undefined && text[after] === '&' && /[ \t]$/.test(m[0].slice(0, m[0].length - m[6].length))) {
      const rest = /^[^\s,;'"]{1,4096}/.exec(text.slice(after, after + 4096));
      if (rest) {
        value += rest[0];
        assignment.lastIndex = after + rest[0].length;
      }
    }
    // a whole line's `name = value` (Kannel's `admin-password = Vap,HebVMVK9a9zq`): with a blank after the operator and no blank
    // after it to the line's end, the value runs on past `,` (a list written `a, b` has blanks; code's `x = a, y = b` too)
    if (
      m[6] !== undefined &&
      text[after] === ',' &&
      /[ \t]$/.test(m[0].slice(0, m[0].length - m[6].length)) &&
      /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, m.index - 200), m.index))
    ) {
      const rest = /^,[^\s'"]{1,4096}(?=[ \t]*(?:\r?\n|$))/.exec(text.slice(after, after + 4096));
      if (rest && !/,[A-Za-z_][\w.-]{0,80}[=:]/.test(rest[0])) {
        value += rest[0];
        assignment.lastIndex = after + rest[0].length;
      }
    }
    // a `:`-separated list of assignments as one unquoted value (GlassFish's `--property "user=x:password=…"`): each its own
    if (m[6] !== undefined && m[2] === '=') {
      const next = ASSIGNMENT_LIST_NEXT.exec(m[6]);
      if (next) {
        value = m[6].slice(0, next.index);
        assignment.lastIndex = after - m[6].length + next.index + 1;
      }
    }
    // a systemd unit's `Environment=NAME=value`: the directive's value is the assignment, read next
    if (name === 'Environment' && m[2] === '=' && m[6] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
      assignment.lastIndex = after - m[6].length;
      continue;
    }
    // an object of assignments as the value (WildFly CLI's `credential-reference={clear-text=…}`): its own, read next
    if (m[6] !== undefined && /^\{[A-Za-z_][\w.-]{0,80}=/.test(m[6])) {
      assignment.lastIndex = after - m[6].length + 1;
      continue;
    }
    // the brackets that close a JSON or Ruby object, or a call, after an unquoted value (`"Password": null}`, `params={"token": TOKEN})`)
    if (m[6] !== undefined) value = withoutClosingBrackets(value);
    // a JavaScript template literal that interpolates (`` authorization: `Bearer ${SPAM_API_KEY}` ``): an expression, built from what it reads
    if (m[6] !== undefined && value.startsWith('`')) {
      const literal = /^`([^`]{0,4096})`/.exec(text.slice(after - m[6].length, after - m[6].length + 4100));
      if (!literal || literal[1].includes('${')) continue;
    }
    // a comparison (`headers.apikey == '…'`), not an assignment
    // (its value read unquoted from the second `=` on; a quoted value may hold a `=` of its own: `"m=_L5EU0g…"`)
    if (!value || (m[2] === '=' && m[6] !== undefined && m[6].startsWith('='))) continue;
    // a block the value is computed in (Ruby's `config.secret_key_base = begin` … `end`), not a value
    if (m[6] !== undefined && /^(?:begin|do|lambda|proc|function)$/.test(value) && /^[ \t]*(?:\r?\n|$)/.test(text.slice(after, after + 40))) continue;
    // the end of a string written `NAME=` and joined to an expression (PHP's `putenv('X_PASS=' . trim(…))`): its quote
    // closes that string, it opens no value
    if (
      m[2] === '=' &&
      (m[3] !== undefined || m[4] !== undefined) &&
      text[m.index + m[1].length] === '=' &&
      text[m.index - 1] === (m[3] !== undefined ? '"' : "'")
    )
      continue;
    // a YAML block scalar's indicator (`private_key: |`): the value is on the next lines
    if (m[6] !== undefined && /^[|>][-+]?\d?$/.test(value)) continue;
    let verdict = embeddedVerdict(name, m[2], blob);
    if (!verdict.sensitive && isCaptchaSecretByShape(name, value)) verdict = SECRET_BY_SHAPE;
    if (!verdict.sensitive && SIM_KEY_NAME.test(name) && /^[0-9a-f]{32}$/i.test(value) && (subscriber ??= SUBSCRIBER_WORDS.test(text))) verdict = SIM_KEY;
    // a bare `key`/`secret` (an rclone remote's `key = …`, a HOCON block's `key = "…"`, Magento's
    // `'key' => '…'`), Consul's and Nomad's gossip key `encrypt = "…"`, is judged by its value: a random token is a key
    if (!verdict.sensitive && /^(?:key|secret|encrypt)$/i.test(name) && isRandomToken(value) && !nearPublicKeyWords(text, m.index!))
      verdict = VAGUE_KEY_WITH_TOKEN;
    // a name that says nothing alone inside blocks that do (HCL's `acl { tokens { agent = "…" } }`): named by its blocks
    // (not a bare `key` beside a `secret`: the pair's id, ILIAS's `"auth": { "key": …, "secret": … }`)
    if (!verdict.sensitive && (m[2] === '=' || m[2] === ':') && m[3] !== undefined && !(name.toLowerCase() === 'key' && besideSecret(text, m.index))) {
      if (blocks === null) blocks = blockPaths(text);
      const path = blocks?.at(m.index);
      const qualified = path ? embeddedVerdict(`${path}.${name}`, m[2], blob) : undefined;
      if (qualified?.sensitive) {
        verdict = qualified;
        name = `${path}.${name}`;
      }
    }
    // a name whose sense a section settles (`[pagerduty]` … `routing_key = "…"`): named by its section; not a word too vague
    // alone (`auth`, `key`), which any section's name would make a secret's (LedgerSMB's `[main]` … `auth = DB2`)
    if (!verdict.sensitive && m[2] === '=' && !verdict.reason?.startsWith('too vague')) {
      if (sections === null) sections = sectionHeaders(text);
      const section = sectionAt(sections, m.index);
      const qualified = section ? embeddedVerdict(`${section}.${name}`, m[2], blob) : undefined;
      if (qualified?.sensitive) {
        verdict = qualified;
        name = `${section}.${name}`;
      }
    }
    // a name that says nothing alone under a subscript that does (a PHP poller's `$config['snmp']['community']`)
    if (!verdict.sensitive && text[m.index - 1] !== undefined && /['"]/.test(text[m.index - 1])) {
      const chain = SUBSCRIPT_CHAIN.exec(text.slice(Math.max(0, m.index - 200), m.index));
      // the subscripts before it, nearest first (`['snmp']['v2c']['community']`: v2c, then snmp)
      const parents = chain ? [...chain[0].matchAll(/['"]([A-Za-z_][\w-]{0,60})['"]/g)].map((p) => p[1]).reverse() : [];
      for (const [i, parent] of parents.entries()) {
        const qualified = embeddedVerdict(`${parent}.${name}`, m[2], blob);
        if (qualified.sensitive) {
          verdict = qualified;
          name = [...parents.slice(0, i + 1).reverse(), name].join('.');
          break;
        }
      }
    }
    // key material written as a list of bytes (`network_key: [149, 143, …]`, 16 or 32 of them)
    if (m[6] !== undefined && value.startsWith('[') && /keys?$/i.test(name)) {
      const bytes = byteList(text, m.index! + m[0].length - value.length);
      if (bytes) {
        out.push({ name, kind: 'key', start: bytes.start, end: bytes.end, viaVariable: false });
        continue;
      }
    }
    // a secret written as a list's only string (Keycloak's `"privateKey": ["MIIE…"]`, Kong's `client_secret: ["…"]`), or a set's
    // (Python's `EXTRA_KEYS = {"0dca…"}`; a map's first string is its key, which a `:` follows)
    const at = m.index! + m[0].length - value.length;
    // (not Go's `[]byte("…")`, a conversion read below)
    const listed = m[6] !== undefined && /^(?:\[(?!\])|\{|array\($)/i.test(value);
    const item = listed && verdict.sensitive ? LIST_FIRST_STRING.exec(text.slice(at, at + 8300)) : null;
    // (a `{` that opens no set is a map or a block, read on below)
    if (listed && (item !== null || !value.startsWith('{'))) {
      // of several strings (Mojolicious's `secrets => ['…', '…']`: the current one and the one before), a generated first one
      // (or a password's: LibreNMS's `$config['snmp']['community'] = array("…", "public")`, the communities it tries in turn)
      const generated =
        item?.[3] === ']' ||
        item?.[3] === ')' ||
        item?.[3] === '}' ||
        (item !== null && (isRandomToken(item[2]) || (verdict.kind === 'password' && isPasswordShaped(item[2]))));
      if (
        item &&
        generated &&
        judgeNamedValue(nameLooseness(name), item[2]) === 'literal' &&
        !isPasswordDigest(verdict.kind, item[2]) &&
        !isPlaceholder(item[2])
      ) {
        const itemStart = at + item[0].indexOf(item[2]);
        out.push({ name, kind: describeKind(verdict.kind), start: itemStart, end: itemStart + item[2].length, viaVariable: VARIABLE.test(item[2]) });
      }
      continue;
    }
    // a literal handed to a decoding call: `bytes.fromhex("…")`, `base64.b64decode('…')`, `Buffer.from("…", "hex")`
    // a bare `key` too (Cloak's `key: Base.decode64!("…")`): a literal decoded into bytes to be a key is key material
    if ((verdict.sensitive || /^key$/i.test(name)) && m[6] !== undefined && DECODE_CALL.test(value)) {
      const lit = decodedLiteral(text, m.index! + m[0].length - value.length);
      const literal = lit && text.slice(lit.start, lit.end);
      if (literal && (verdict.sensitive ? judgeNamedValue(nameLooseness(name), literal) === 'literal' : isKeyMaterial(literal))) {
        out.push({ name, kind: describeKind(verdict.kind ?? 'encryption-key'), start: lit!.start, end: lit!.end, viaVariable: false });
      }
      continue;
    }
    // a quoted value of another setting can hold settings of its own (SQL `value = '{"password": "…"}'`):
    // scanned from its opening quote on
    if (!verdict.sensitive && m[6] === undefined && /[=:]/.test(value)) assignment.lastIndex = m.index + m[0].length - value.length - 1;
    if (!verdict.sensitive) {
      // an Azure storage account's key under an access key's name (`access_key = "gqQ8…=="` of an azurerm backend)
      const azure = azureAccountKeyAt(name, value);
      if (azure >= 0) {
        const at = m.index! + m[0].length - value.length - (m[6] !== undefined ? 0 : m[5] !== undefined ? 2 : 1) + azure;
        out.push({ name, kind: 'access key', start: at, end: at + value.length - azure, viaVariable: false });
        continue;
      }
      if (isLoneAccessKeySecret(name, value, text, secretKeyBeside, m.index)) {
        const at = m.index! + m[0].length - value.length - (m[6] !== undefined ? 0 : m[5] !== undefined ? 2 : 1);
        out.push({ name, kind: 'access key', start: at, end: at + value.length, viaVariable: false });
        continue;
      }
      // `user=name:password` (coturn's static users, lt-cred-mech), a script's `AUTH="admin:…"` or
      // `BASIC_AUTH=u:…` (a name that says authentication holding user:password): the part after the colon
      // (and a camel-cased name: PHP's `$httpProxyAuth = 'svc:…'`)
      if (
        m[2] === '=' &&
        (/^users?$/i.test(name) || /(?:^|[_.-])(?:auth|basic_?auth|credentials|creds)$/i.test(name) || /[a-z](?:Auth|Credentials|Creds)$/.test(name))
      ) {
        const password = passwordOfPair(value);
        if (password !== undefined && isLiteral(password)) {
          const start = m.index! + m[0].length - password.length - (m[6] !== undefined ? 0 : m[5] !== undefined ? 2 : 1);
          out.push({ name, kind: 'password', start, end: start + password.length, viaVariable: false });
        }
      }
      continue;
    }
    if (m[2] === ':' && verdict !== APPROLE_SECRET_ID && !isMappingLike(text, m.index!, m[0], m[1])) continue;
    // a URL without credentials is a setting (`password_reset_url = https://…`); URL credentials are found elsewhere
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('//')) continue;
    const unquoted = m[6] !== undefined;
    // the closing quote after the value: none, `"`/`'`, or an escaped `\"`
    const closing = unquoted ? 0 : m[5] !== undefined ? 2 : 1;
    let start = m.index! + m[0].length - (m[3] ?? m[4] ?? m[5] ?? m[6] ?? '').length - closing;
    // go-ini's backquoted value (Gitea's, Forgejo's app.ini: PASSWD = `…`), not a shell's command substitution (a command's name)
    const backquoted = unquoted ? BACKQUOTED.exec(value) : null;
    if (backquoted) {
      value = backquoted[1];
      start += 1;
    }
    // a Python string after its prefix (`b'…'`, `r"…"`, `f"…"`; its quotes escaped in a notebook's JSON): the string, and an
    // f-string that fills in a name (`f"Bearer {token}"`) is a template
    const prefixed = unquoted && /^(?:[fFrRbBuU]|[fFrRbB]{2})\\?$/.test(value) ? PREFIXED_STRING.exec(text.slice(start, start + 4200)) : null;
    if (prefixed) {
      if (/f/i.test(prefixed[1]) && /\{[^{}]*\}/.test(prefixed[4])) continue;
      value = prefixed[4];
      start += prefixed[1].length + prefixed[2].length + 1;
    }
    // a scheme saying the password follows in clear text (Spring Security's `{noop}`, Dovecot's `{PLAIN}`): the rest is the password
    const clear = CLEAR_TEXT_SCHEME.exec(value);
    const raw = unquoted ? CAMEL_RAW.exec(value) : null;
    if (clear && value.length > clear[0].length) {
      value = value.slice(clear[0].length);
      start += clear[0].length;
    } else if (raw) {
      value = raw[1];
      start += 4;
    }
    // an expression or a nested structure ({ / [ opening a JSON or Ruby object), not a literal
    else if (unquoted && (EXPRESSION.test(value) || /^[{[]/.test(value) || CODE_VALUE.test(text.slice(start, start + 300)))) {
      // SQL's `SET password = MD5('…')`: the clear text hashed as it is stored
      const call =
        verdict.kind === 'password' ? (HASHED_LITERAL.exec(text.slice(start, start + 300)) ?? APP_HASHED_LITERAL.exec(text.slice(start, start + 300))) : null;
      const g = call?.[1] !== undefined ? 1 : 2;
      if (call && isLiteral(call[g]) && !isPlaceholder(call[g]))
        out.push({ name, kind: describeKind(verdict.kind), start: start + call.indices![g][0], end: start + call.indices![g][1], viaVariable: false });
      continue;
    }
    // an application's YAML tag (`!secret name`, `!env_var X`, `!Env X`): a lookup, not a literal (`!!str` is a core tag);
    // after `=` only with its argument, as a password may begin with `!` (rabbitmq.conf's `default_pass = !goR1_…`)
    if (unquoted && /^![A-Za-z]/.test(value) && (m[2] !== '=' || /^![A-Za-z][\w.]*[ \t]+\S/.test(text.slice(start, start + 100)))) continue;
    // a placeholder in angle brackets that runs on past a blank (`<app-specific password from settings>`), cut at the blank
    if (unquoted && value.startsWith('<') && !value.includes('>') && ANGLE_PLACEHOLDER.test(text.slice(start, start + 100))) continue;
    // in code (a JavaScript object, a call's arguments) an unquoted name is a variable: `{ password: myPasswordVar }`; not
    // where the syntax says a password stands (WildFly CLI's `:add(…, credential-reference={clear-text=…})`)
    if (unquoted && verdict !== PASSWORD_HERE && isCodeIdentifier(text, m.index!, m.index! + m[0].length, value)) continue;
    // a YAML plain scalar runs to the line's end: `ssh_key: ssh-ed25519 AAAA…` is one public key, not the word before its blank
    if (unquoted && m[2] === ':' && isPartOfPhrase(text, start + value.length, value, m[1])) continue;
    if (AUTH_SCHEMES.has(value.toLowerCase())) continue;
    // printf's format filled in by the next argument (`printf 'dns_cloudflare_api_token = %s\n' "…" > cf.ini`): the argument
    if (unquoted && /^%s(?:\\[nrt])*$/.test(value)) {
      const from = start + value.length;
      const argument = PRINTF_ARGUMENT.exec(text.slice(from, from + 4200));
      if (!argument) continue;
      const g = argument[1] !== undefined ? 1 : 2;
      value = argument[g];
      start = from + argument.indices![g][0];
    }
    // the id its own name holds (an LTI consumer's `imsblti.provider.r27tkhipwj3l.key=r27tkhipwj3l`): the key names it
    if (value.length >= 6 && /\d/.test(value) && /[a-z]/i.test(value) && name.split(/[.:]/).includes(value)) continue;
    // a variable with a literal default (Spring `${WEBHOOK_SECRET:f454…}`, a shell's `${X:-…}`): the default is the secret
    const fallback = writtenDefault(value);
    if (fallback !== undefined && judgeNamedValue(nameLooseness(name), fallback) === 'literal' && !isPasswordDigest(verdict.kind, fallback)) {
      const at = start + value.lastIndexOf(fallback);
      out.push({ name, kind: describeKind(verdict.kind), start: at, end: at + fallback.length, viaVariable: false });
      continue;
    }
    const viaVariable = VARIABLE.test(value);
    if (!viaVariable && (judgeNamedValue(nameLooseness(name), value) !== 'literal' || isStoredPasswordDigest(name, verdict.kind, value))) continue;
    // a SQL `UPDATE users SET password = '<hex digest>'`, or the row's salt beside its digest: what a users table stores
    if (m[2] === '=' && !unquoted && sqlUpdates && isStoredDigestOrSalt(verdict.kind, value, text, m.index!)) continue;
    if (m[2] === '=' && (isUserElementDigest(text, start, start + value.length) || isDeclaredDigest(text, start, start + value.length))) continue;
    if (!viaVariable && verdict.kind === 'salt' && isSaltOfStoredHash(text, m.index!)) continue;
    if (!viaVariable && verdict.kind === 'password' && isSaltedDigest(value, text, m.index!)) continue;
    out.push({ name, kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable });
  }
  const named = (name: string, value: string, start: number) => {
    const verdict = classifyKey(name);
    if (!verdict.sensitive && value && isLoneAccessKeySecret(name, value, text, secretKeyBeside)) {
      out.push({ name, kind: 'access key', start, end: start + value.length, viaVariable: false });
      return;
    }
    if (!verdict.sensitive || !value) return;
    // a lookup with a literal default (OvenMediaEngine's `<SecretKey>${env:OME_SIGNED_KEY:1ItP…}</SecretKey>`): the default
    const fallback = writtenDefault(value);
    if (fallback !== undefined) {
      if (judgeNamedValue(nameLooseness(name), fallback) !== 'literal' || isPasswordDigest(verdict.kind, fallback)) return;
      const at = start + value.lastIndexOf(fallback);
      out.push({ name, kind: describeKind(verdict.kind), start: at, end: at + fallback.length, viaVariable: false });
      return;
    }
    const viaVariable = VARIABLE.test(value);
    if (!viaVariable && judgeNamedValue(nameLooseness(name), value) !== 'literal') return;
    out.push({ name, kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable });
  };
  /** A value a reading above already took (an assignment's, a call's). */
  const taken = (start: number, length: number) => out.some((a) => a.start < start + length && start < a.end);
  // Terraform's state: a `random_password` resource keeps the password it generated as its `result`
  if (text.includes('"random_password"')) {
    for (const m of text.matchAll(RANDOM_PASSWORD_RESULT)) if (!taken(m.indices![1][0], m[1].length)) named('password', m[1], m.indices![1][0]);
  }
  // a list of `name:value` pairs as one value (Drone's `DRONE_USER_CREATE=username:octo,admin:true,token:…`): each by its name
  const pairs = PAIR_LIST.exec(text);
  if (pairs) {
    let at = pairs.index + pairs[0].length - pairs[0].trimStart().length;
    for (const pair of pairs[0].trim().split(',')) {
      const colon = pair.indexOf(':');
      if (!taken(at + colon + 1, pair.length - colon - 1)) named(pair.slice(0, colon), pair.slice(colon + 1), at + colon + 1);
      at += pair.length + 1;
    }
  }
  if (REDIS_HOST_LIST.test(text)) {
    for (const m of text.matchAll(REDIS_HOST_PASSWORD)) if (!taken(m.indices![1][0], m[1].length)) named('password', m[1], m.indices![1][0]);
  }
  if (text.includes('(')) {
    for (const m of text.matchAll(CALL_NAME_VALUE)) {
      const value = m[3] ?? m[4] ?? '';
      // an environment lookup's fallback (`getenv_docker('X_PASSWORD', 'put your unique phrase here')`): the
      // value comes from the variable; only a real secret written as the fallback is one
      // (nor a short word, an environment's name more than a secret: `ENV.fetch("SECRET_KEY_BASE", "dev")`)
      // (nor a sentence telling what to set: `os.getenv("HERMES_API_KEY", "set HERMES_API_KEY value in environment")`)
      if (ENV_LOOKUP.test(m[0]) && (isPlaceholder(value) || /^[a-z]{1,6}$/.test(value) || isInstruction(value))) continue;
      named(m[2], value, (m.indices![3] ?? m.indices![4])![0]);
    }
  }
  if (text.includes('config :')) for (const m of text.matchAll(ELIXIR_CONFIG)) named(m[1], m[2], m.indices![2][0]);
  // Valve's KeyValues (SourceMod's `databases.cfg`: `"pass"   "…"`), a name and its value quoted, blanks between
  if (text.includes('"\t') || text.includes('" ')) {
    for (const m of text.matchAll(KEYVALUES_ENTRY)) if (!taken(m.indices![2][0], m[2].length)) named(m[1], m[2], m.indices![2][0]);
  }
  // a bare `auth` in a Redis section (emoncms's `[redis]` `auth = "…"`): Redis's AUTH password (elsewhere `auth` names a
  // method or a section: Asterisk's `auth=6001`, LedgerSMB's `auth = DB2`)
  if (/^[ \t]*\[(?:redis|keydb|valkey|dragonfly)\]/im.test(text)) {
    for (const { header, from, body } of sectionBodies(text, REDIS_SECTION)) {
      for (const m of body.matchAll(SECTION_ENTRY)) {
        const g = valueGroup(m, 2);
        const start = from + m.indices![g][0];
        if (/^auth$/i.test(m[1]) && !taken(start, m[g].length)) named(`${header[1]}.auth`, m[g], start);
      }
    }
  }
  if (text.includes('"""')) for (const m of text.matchAll(TRIPLE_QUOTED)) if (!taken(m.indices![2][0], m[2].length)) named(m[1], m[2], m.indices![2][0]);
  if (text.includes('putenv')) for (const m of text.matchAll(PUTENV)) if (!taken(m.indices![3][0], m[3].length)) named(m[2], m[3], m.indices![3][0]);
  if (text.includes('(def') || text.includes('(set')) for (const m of text.matchAll(LISP_DEFINITION)) named(m[1], m[2], m.indices![2][0]);
  if (text.includes('def ') || text.includes('sub ')) {
    for (const m of text.matchAll(METHOD_LITERAL)) {
      const g = m[1] === undefined ? 4 : 1;
      if (!taken(m.indices![g + 2][0], m[g + 2].length)) named(m[g], m[g + 2], m.indices![g + 2][0]);
    }
  }
  if (text.includes('return')) {
    const headers = [...text.matchAll(FUNCTION_HEADER)];
    for (const [i, h] of headers.entries()) {
      if (!classifyKey(h[1]).sensitive) continue;
      const from = h.index + h[0].length;
      const body = text.slice(from, Math.min(headers[i + 1]?.index ?? text.length, from + FUNCTION_BODY_REACH));
      for (const r of body.matchAll(RETURNED_LITERAL)) {
        const start = from + r.indices![2][0];
        if (!taken(start, r[2].length)) named(h[1], r[2], start);
      }
    }
  }
  if (text.includes('Worker(')) {
    for (const m of text.matchAll(BUILDBOT_WORKER)) {
      const g = m[1] === undefined ? 2 : 1;
      if (!taken(m.indices![g][0], m[g].length)) named('worker_password', m[g], m.indices![g][0]);
    }
  }
  // code's fallback after an environment lookup (`key: process.env.GHOST_ADMIN_KEY ?? '…'`, `os.environ.get("X") or "…"`):
  // the program runs with the literal when the variable is unset; judged by the variable's name, else the setting's when
  // there is one
  const fallback = (setting: string | undefined, variable: string, value: string, start: number) => {
    if (isPlaceholder(value) || isInstruction(value) || taken(start, value.length)) return;
    if (classifyKey(variable).sensitive) named(variable, value, start);
    else if (setting !== undefined) named(setting, value, start);
  };
  if (ENV_LOOKUP_WORD.test(text)) {
    for (const m of text.matchAll(ENV_FALLBACK)) fallback(m[1], m[2] ?? m[3] ?? m[4] ?? '', m[6], m.indices![6][0]);
    // such a lookup and its fallback inside an expression (`AUTH = (user, os.environ.get("YAMCS_PASSWORD") or "…")`):
    // judged by the variable's name alone
    // (JavaScript's too: `return process.env.SUGARIZER_JWT_SECRET || '…'`)
    for (const m of text.matchAll(LOOKUP_FALLBACK)) fallback(undefined, m[1] ?? m[2], m[4], m.indices![4][0]);
  }
  // a program's own lookup and its fallback (`SECRET_KEY = _secret("FLASK_SECRET_KEY") or "…"`)
  if (/\bor\b|\|\||\?\?/.test(text)) for (const m of text.matchAll(CALL_FALLBACK)) fallback(m[1], m[2], m[4], m.indices![4][0]);
  // a command line's `config set NAME VALUE` (OMERO's `omero config set omero.ldap.password …` and its `.omero` files,
  // `npm config set`, `pnpm config set`): the setting's value
  if (text.includes('config')) {
    for (const m of text.matchAll(CONFIG_SET)) {
      const g = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
      const start = m.indices![g][0];
      if (isPlaceholder(m[g]) || taken(start, m[g].length)) continue;
      named(m[1], m[g], start);
    }
  }
  // a template's default for a secret-named value (Sensu's `{{ .labels.pg_password | default "…" }}`, Helm's
  // `{{ default "…" .Values.db.password }}`): what the program runs with when nothing sets it
  if (text.includes('default') && text.includes('{{')) {
    for (const m of text.matchAll(TEMPLATE_DEFAULT)) {
      const path = m[1] ?? m[6];
      const g = m[1] === undefined ? 5 : 3;
      const start = m.indices![g][0];
      // a setting whose whole value is the template (`password: '{{ default "…" .Values.db.password }}'`) was read as a reference
      if (isPlaceholder(m[g]) || out.some((a) => !a.viaVariable && a.start < start + m[g].length && start < a.end)) continue;
      named(path.slice(path.lastIndexOf('.') + 1), m[g], start);
    }
  }
  // Aero's (Clojure EDN) fallback: `:api-key #or [#env GRAPHHOPPER_API_KEY "…"]`
  if (text.includes('#or')) {
    for (const m of text.matchAll(EDN_ENV_FALLBACK)) {
      const start = m.indices![3][0];
      if (isPlaceholder(m[3]) || taken(start, m[3].length)) continue;
      named(classifyKey(m[2]).sensitive ? m[2] : m[1], m[3], start);
    }
  }
  // an EDN map's keyword and its string (Aidbox's zen `:client-secret "…"`, Clojure's `{:db-password "…"}`)
  if (EDN_MAP.test(text)) {
    for (const m of text.matchAll(EDN_KEYWORD_STRING)) {
      const start = m.indices![2][0];
      if (!taken(start, m[2].length)) named(m[1].slice(m[1].lastIndexOf('/') + 1), m[2], start);
    }
  }
  if (text.includes(': ') && text.includes('=')) {
    for (const m of text.matchAll(TYPED_DEFAULT)) {
      const start = m.indices![3][0];
      if (!taken(start, m[3].length)) named(m[1], m[3], start);
    }
  }
  // XML: right after <name>
  // (the elements come in order: the comment each may be in is found by walking the comments once)
  const comments = text.includes('<!--') ? xmlComments(text) : [];
  let comment = 0;
  for (const m of text.matchAll(XML_ELEMENT)) {
    const at = m.index! + m[1].length + 2;
    while (comment < comments.length && comments[comment][1] <= m.index!) comment++;
    if (isPlaceholder(m[2]) && isExampleInXmlComment(text, comments[comment], m.index!)) continue;
    // a version of what the element it sits in holds (Openfire's `<key><current>…</current></key>`): named by that element
    const parent = VERSION_ELEMENTS.test(m[1]) ? XML_PARENT.exec(text.slice(Math.max(0, m.index! - 400), m.index!))?.[1] : undefined;
    const name = parent ?? m[1];
    // a bare `<key>` judged by its value, as `key = …` is (Wazuh's cluster `<key>…</key>`): a generated token is a key
    if (/^key$/i.test(name) && isRandomToken(m[2]) && !nearPublicKeyWords(text, m.index!)) {
      if (!taken(at, m[2].length)) out.push({ name, kind: 'secret', start: at, end: at + m[2].length, viaVariable: false });
    } else named(parent === undefined ? m[1] : `${parent}.${m[1]}`, m[2], at);
  }
  // C and C++'s `#define MQTT_PASS "…"` (a firmware's user_config_override.h, an Arduino sketch's secrets.h)
  if (text.includes('define')) {
    for (const m of text.matchAll(C_DEFINE)) {
      const start = m.indices![2][0];
      if (!taken(start, m[2].length)) named(m[1], m[2], start);
    }
  }
  // XML whose attribute names the setting: <entry key="db.password">x</entry>, <add key="ApiKey" value="x"/>
  if (text.includes('<')) {
    for (const m of text.matchAll(XML_ATTRIBUTED)) {
      const attributes = new Map<string, { value: string; start: number }>();
      const base = m.indices![2][0];
      for (const a of m[2].matchAll(XML_ATTRIBUTE)) {
        const value = a[2] ?? a[3] ?? '';
        attributes.set(a[1].toLowerCase(), { value, start: base + a.index! + a[0].length - value.length - 1 });
      }
      const name = attributes.get('key') ?? attributes.get('name');
      if (!name && m[3] !== '/' && classifyKey(m[1]).sensitive && !nameLooseness(m[1]).loose) {
        // an element named for the secret, its value in a child (ASP.NET's data-protection key `<masterKey …><!-- … --><value>…`)
        const end = m.index! + m[0].length;
        const comment = XML_COMMENT_LINE.exec(text.slice(end, end + 600));
        const from = end + (comment?.[0].length ?? 0);
        const child = XML_VALUE_CHILD.exec(text.slice(from, from + 4300));
        if (child && !taken(from + child.indices![2][0], child[2].length)) named(m[1], child[2], from + child.indices![2][0]);
        continue;
      }
      if (!name || overlapsAny(out, m.index!, m.index! + m[0].length)) continue;
      // a value the program keeps encrypted (Kura's `<esf:property encrypted="true" name="password">`): its key is the secret
      if (attributes.get('encrypted')?.value === 'true') continue;
      const value = attributes.get('value');
      if (value) {
        named(name.value, value.value, value.start);
        continue;
      }
      if (m[3] === '/') continue;
      const end = m.index! + m[0].length;
      const body = XML_BODY.exec(text.slice(end, end + 4200));
      if (body && body[2] === m[1]) named(name.value, body[1], end);
      else if (!body) {
        // its one value in a child element of its own (Eclipse Kura's `<esf:property name="…passphrase"><esf:value>…</esf:value>`)
        const child = XML_VALUE_CHILD.exec(text.slice(end, end + 4300));
        if (child && !taken(end + child.indices![2][0], child[2].length)) named(name.value, child[2], end + child.indices![2][0]);
      }
    }
  }
  // an upload's password among a file's flags (PlatformIO's `upload_flags = --auth=…`, espota's OTA password): one
  // generated like a password, of both cases and digits (`--auth=none`, initdb's `--auth=scram-sha-256` are methods;
  // `--auth=user:pw` is read as a login)
  if (text.includes('--auth=')) {
    for (const m of text.matchAll(AUTH_FLAG)) {
      if ((isPasswordShaped(m[1]) || isGeneratedLiteral(m[1])) && !taken(m.indices![1][0], m[1].length) && !isPlaceholder(m[1]))
        out.push({ name: '--auth', kind: 'password', start: m.indices![1][0], end: m.indices![1][1], viaVariable: false });
    }
  }
  // a proxy's header directive: nginx `proxy_set_header X-Api-Key "…";`, HAProxy `http-request set-header X-Auth-Token …`
  if (/set[-_]header|add_header|RequestHeader/i.test(text)) {
    for (const m of text.matchAll(HEADER_DIRECTIVE)) {
      const g = valueGroup(m, 2);
      named(m[1], m[g], m.indices![g][0]);
    }
  }
  // a user and its password as a pair in code (`auth=("user", "…")`): a password chosen or generated like a real one
  if (/auth/i.test(text) && text.includes(',')) {
    for (const m of text.matchAll(AUTH_PAIR)) {
      const password = m[4];
      if (isMixedPassword(password) && isLiteral(password) && !isPlaceholder(password))
        out.push({ name: 'auth', kind: 'password', start: m.indices![4][0], end: m.indices![4][1], viaVariable: false });
    }
  }
  // a client made with a user and a password (`AtlasClient(URL, ("steward", "…"))`, jBPM's `RESTWorkItemHandler("user", "…", cl)`)
  if (/(?:client|handler|connection|session|credentials?|login|connect)\(/i.test(text)) {
    for (const m of text.matchAll(CLIENT_LOGIN)) {
      const password = m[4];
      if (isMixedPassword(password) && isLiteral(password) && !isPlaceholder(password) && !taken(m.indices![4][0], password.length))
        out.push({ name: 'login', kind: 'password', start: m.indices![4][0], end: m.indices![4][1], viaVariable: false });
    }
  }
  // a request header compared with a literal (Varnish, nginx, ModSecurity, Apache)
  if (/req\.http\.|\$http_|REQUEST_HEADERS:|%\{HTTP:/.test(text)) {
    for (const m of text.matchAll(HEADER_COMPARISON)) named(m[1], m[2], m.indices![2][0]);
  }
  // nginx's secure link: the secret hashed with the link's address (`secure_link_md5 "$secure_link_expires$uri 9mr4…";`,
  // `secure_link_secret …;`): in the expression, what is neither a variable nor blank, written by a generator
  if (text.includes('secure_link_')) {
    for (const m of text.matchAll(SECURE_LINK_MD5)) {
      const g = valueGroup(m, 1);
      const expressionStart = m.indices![g][0];
      for (const w of m[g].matchAll(SECURE_LINK_LITERAL)) {
        const start = expressionStart + w.index;
        if ((isGeneratedLiteral(w[0]) || isPasswordShaped(w[0])) && !overlapsAny(out, start, start + w[0].length))
          out.push({ name: 'secure_link_md5', kind: 'secret', start, end: start + w[0].length, viaVariable: false });
      }
    }
    for (const m of text.matchAll(SECURE_LINK_SECRET)) {
      const [start, end] = m.indices![1];
      if (!isPlaceholder(m[1]) && !overlapsAny(out, start, end)) out.push({ name: 'secure_link_secret', kind: 'secret', start, end, viaVariable: false });
    }
  }
  // a web server's variable directive: Apache `SetEnv CRM_CRON_TOKEN …`, nginx `fastcgi_param APP_SECRET …;`
  if (/setenv|_param/i.test(text)) {
    for (const m of text.matchAll(VARIABLE_DIRECTIVE)) {
      const g = valueGroup(m, 2);
      named(m[1], m[g], m.indices![g][0]);
    }
  }
  // a setting's name and its value written as a pair (NAME_VALUE_PAIRS, RADIUS rows, PHP's serialized pairs): its value, or the
  // variable that gives it
  const pair = (name: string, value: string, [start, end]: [number, number]) => {
    const verdict = classifyKey(name);
    if (!verdict.sensitive || overlapsAny(out, start, end)) return;
    const viaVariable = VARIABLE.test(value);
    if (!viaVariable && judgeNamedValue(nameLooseness(name), value) !== 'literal') return;
    out.push({ name, kind: describeKind(verdict.kind), start, end, viaVariable });
  };
  for (const re of NAME_VALUE_PAIRS) {
    if (!text.includes('value')) break;
    for (const m of text.matchAll(re)) {
      const g = valueGroup(m, 2);
      pair(m[1], m[g], m.indices![g]);
    }
  }
  if (text.includes("'")) {
    for (const [re, nameGroup, valueGroup] of [
      [SQL_TUPLE, 1, 2],
      [SQL_UPDATE, 2, 1],
    ] as const) {
      for (const m of text.matchAll(re)) {
        const verdict = classifyKey(m[nameGroup]);
        const [start, end] = m.indices![valueGroup];
        if (!verdict.sensitive || overlapsAny(out, start, end)) continue;
        const value = m[valueGroup];
        // the arguments of an environment lookup, not a SQL row: its placeholder fallback is no secret
        if (re === SQL_TUPLE && isPlaceholder(value) && ENV_LOOKUP_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
        const viaVariable = VARIABLE.test(value);
        if (!viaVariable && judgeNamedValue(nameLooseness(m[nameGroup]), value) !== 'literal') continue;
        out.push({ name: m[nameGroup], kind: describeKind(verdict.kind), start, end, viaVariable });
      }
    }
  }
  if (/-Password'/i.test(text)) for (const m of text.matchAll(RADIUS_CLEARTEXT_ROW)) pair(m[1], m[2], m.indices![2]);
  if (text.includes(';s:')) for (const m of text.matchAll(PHP_SERIALIZED_PAIR)) pair(m[1], m[2], m.indices![2]);
  // LDIF's `name:: base64` (`userPassword:: QUtw…`): the value is the decoded text
  if (text.includes('::')) {
    for (const m of text.matchAll(LDIF_BASE64)) {
      const decoded = Buffer.from(m[2], 'base64').toString('latin1');
      const verdict = classifyKey(m[1]);
      const [start, end] = m.indices![2];
      if (!verdict.sensitive || !/^[\x20-\x7e]{1,4096}$/.test(decoded) || taken(start, end - start)) continue;
      if (judgeNamedValue(nameLooseness(m[1]), decoded) !== 'literal' || isPasswordDigest(verdict.kind, decoded)) continue;
      out.push({ name: m[1], kind: describeKind(verdict.kind), start, end, viaVariable: false });
    }
  }
  // `INSERT INTO nas (nasname, secret) VALUES ('10.0.0.2', '…')`: each row's values by the column they fill
  if (/insert/i.test(text) && /values/i.test(text)) {
    const rows = [...insertedValues(text), ...usersTablePasswords(text)];
    const rowsWithDigest = new Set(rows.filter((r) => isStoredDigest(r.column, text.slice(r.start, r.end))).map((r) => r.row));
    for (const row of rows) {
      const value = text.slice(row.start, row.end);
      // a users table keeps its passwords' digests: a hex digest's length (MD5 … SHA-512) in a password column is one (not a
      // base64 one: a generated password of 24 characters is as long as an MD5 digest in base64); and each user's salt beside it
      if (isHexDigest(value) && classifyKey(row.column).kind === 'password') continue;
      if (rowsWithDigest.has(row.row) && classifyKey(row.column).kind === 'salt') continue;
      if (!taken(row.start, row.end - row.start)) named(row.column, value, row.start);
    }
    // a settings table, one setting a row (`INSERT INTO config (category, name, value) VALUES ('mail', 'smtp_pass', '…')`):
    // the value column's text named by the name column's
    const settingNames = new Map(rows.filter((r) => SETTING_NAME_COLUMN.test(r.column)).map((r) => [r.row, text.slice(r.start, r.end)]));
    // a bare name (`key`) qualified by its row's section or module (ZenTao's zt_config `('system', 'sso', '', 'key', '…')`: `sso.key`)
    const sections = new Map<number, string>();
    for (const r of rows) {
      const section = text.slice(r.start, r.end);
      if (SETTING_SECTION_COLUMN.test(r.column) && /^[A-Za-z][\w-]{1,40}$/.test(section)) sections.set(r.row, section);
    }
    for (const row of rows) {
      const bare = settingNames.get(row.row);
      const name = bare !== undefined && /^(?:key|secret)$/i.test(bare) && sections.has(row.row) ? `${sections.get(row.row)}.${bare}` : bare;
      if (name !== undefined && SETTING_VALUE_COLUMN.test(row.column) && !taken(row.start, row.end - row.start))
        named(name, text.slice(row.start, row.end), row.start);
    }
  }
  for (const e of echoesIntoFiles(text)) {
    const { start, end, file } = e;
    const value = text.slice(start, end);
    const kind = secretFileKind(file);
    if (!kind || overlapsAny(out, start, end)) continue;
    if (/\s/.test(value.trim())) {
      // a line of a credentials map (`[smtp.host]:587 user:password` > sasl_passwd): the password of its last field
      const last = /\S+$/.exec(value.trimEnd());
      const password = last ? passwordOfPair(last[0]) : undefined;
      if (!last || password === undefined || judgeNamedValue({}, password) !== 'literal') continue;
      const pStart = start + last.index + last[0].length - password.length;
      out.push({ name: file, kind, start: pStart, end: pStart + password.length, viaVariable: false });
      continue;
    }
    if (judgeNamedValue({}, value) !== 'literal') continue;
    out.push({ name: file, kind, start, end, viaVariable: false });
  }
  let index: SpanIndex | undefined;
  for (const d of [
    ...findDirectives(text),
    ...findRouterDbPasswords(text),
    ...findKeywordPasswords(text),
    ...findSecretListItems(text),
    ...findNginxKeyMaps(text),
    ...findHashCommentPasswords(text),
    ...findTerraformVariableDefaults(text),
    ...findBinkdNodePasswords(text),
  ]) {
    if (!index) index = new SpanIndex(out);
    if (!index.overlaps(d.start, d.end)) {
      out.push(d);
      index.add(d);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The spans found so far, by the stretch of text each covers, for "does this overlap one found already?" in time that
 * does not grow with their number (a Redis ACL file of thousands of `>password` items asked it once per item, over every
 * item before it: quadratic).
 */
class SpanIndex {
  private static readonly STRETCH = 256;
  private readonly stretches = new Map<number, { start: number; end: number }[]>();
  constructor(spans: readonly { start: number; end: number }[]) {
    for (const span of spans) this.add(span);
  }
  add(span: { start: number; end: number }): void {
    const last = Math.floor((Math.max(span.end, span.start + 1) - 1) / SpanIndex.STRETCH);
    for (let k = Math.floor(span.start / SpanIndex.STRETCH); k <= last; k++) {
      const list = this.stretches.get(k);
      if (list) list.push(span);
      else this.stretches.set(k, [span]);
    }
  }
  overlaps(start: number, end: number): boolean {
    const last = Math.floor((Math.max(end, start + 1) - 1) / SpanIndex.STRETCH);
    for (let k = Math.floor(start / SpanIndex.STRETCH); k <= last; k++) {
      if (this.stretches.get(k)?.some((a) => a.start < end && start < a.end)) return true;
    }
    return false;
  }
}

// ───────────────────────────── words that introduce a password ─────────────────────────────

/**
 * Syntaxes where a keyword, not a name, says that the next value is a password. Each regex has
 * three value groups (double-quoted, single-quoted, bare) at 1–3.
 */
const KEYWORD_PASSWORDS: readonly { re: RegExp; hint: string; name: string; kind: string }[] = [
  // SQL: CREATE USER x IDENTIFIED BY "pw" (Oracle, MySQL, Snowflake); not BY PASSWORD '*hash' / BY VALUES
  {
    re: /\bIDENTIFIED[ \t]+(?:WITH[ \t]+\S{1,64}[ \t]+)?BY[ \t]+(?!PASSWORD\b|VALUES\b)(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s;'"()]{1,4096}))/dgi,
    hint: 'identified',
    name: 'IDENTIFIED BY',
    kind: 'password',
  },
  // Db2's command line: `db2 connect to DB user NAME using pw`
  {
    re: /\bconnect[ \t]+to[ \t]+[\w.$-]{1,128}[ \t]+user[ \t]+[\w.$@-]{1,128}[ \t]+using[ \t]+(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s;'"()]{1,4096}))/dgi,
    hint: 'using',
    name: 'connect … using',
    kind: 'password',
  },
  // PowerShell: ConvertTo-SecureString 'pw' -AsPlainText (a literal made into a credential)
  {
    re: /\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s;'"$()|]{1,4096}))/dgi,
    hint: 'convertto-securestring',
    name: 'ConvertTo-SecureString',
    kind: 'password',
  },
  // ipsec.secrets / swanctl: `selectors : PSK "secret"`, `user : EAP "password"`, `: XAUTH "…"`
  {
    re: /(?:^|[ \t]):[ \t]*(?:PSK|EAP|XAUTH|NTLM)[ \t]+(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|(0[xs][A-Za-z0-9+/=]{1,4096}))/dgm,
    hint: ': ',
    name: 'ipsec.secrets',
    kind: 'pre-shared key',
  },
  // OpenSSL pass phrase source `pass:phrase` (-passin pass:x, EASYRSA_PASSIN=pass:x); env:/file:/fd: are references
  {
    re: /(?:^|[\s"'=])pass:(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s"']{1,4096}))/dg,
    hint: 'pass:',
    name: 'pass:',
    kind: 'password',
  },
];

/** `echo pw | passwd`, `(echo pw; echo pw) | smbpasswd -s -a user`, `echo user:pw | chpasswd`: literals piped into a password program. */
// also a program's `passwd` subcommand after its options (Perforce's `p4 -u admin passwd user`), not a filter's argument
const PIPED_TO_PASSWD =
  /\|[ \t]*(?:sudo[ \t]+)?(?:(?!(?:grep|egrep|fgrep|sed|awk|cut|tr|sort|tee|cat)\b)[\w./-]+(?:[ \t]+-{1,2}[\w-]+(?:[ \t]+[^\s|;&-][^\s|;&]*)?){0,4}[ \t]+)?[\w./-]*passwd\b/;
// (an unquoted value is not an option: `echo -e "$X"` is no literal `-e`)
const ECHO_LITERAL = /\b(?:echo|printf)[ \t]+(?:-[neE]{1,3}[ \t]+)?(?:"([^"\n$`]{1,4096})"|'([^'\n]{1,4096})'|([^\s'"$`;|&<>()-][^\s'"$`;|&<>()]{0,4095}))/dg;

function findKeywordPasswords(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000) return out;
  const lower = text.toLowerCase();
  for (const { re, hint, name, kind } of KEYWORD_PASSWORDS) {
    if (!lower.includes(hint)) continue;
    for (const m of text.matchAll(re)) {
      const g = valueGroup(m, 1);
      const value = m[g];
      const [start, end] = m.indices![g];
      if (VARIABLE.test(value)) out.push({ name, kind, start, end, viaVariable: true });
      else if (isLiteral(value) && !overlapsAny(out, start, end)) out.push({ name, kind, start, end, viaVariable: false });
    }
  }
  if (lower.includes('passwd') && text.includes('|')) {
    let lineStart = 0;
    for (const line of text.split('\n')) {
      const pipe = PIPED_TO_PASSWD.exec(line);
      if (pipe) {
        for (const m of line.slice(0, pipe.index).matchAll(ECHO_LITERAL)) {
          const g = valueGroup(m, 1);
          let value = m[g];
          let start = lineStart + m.indices![g][0];
          // `echo -e "pw\npw"`: the password and its confirmation
          const typedTwice = value.indexOf('\\n');
          if (typedTwice > 0) value = value.slice(0, typedTwice);
          // `user:password` for chpasswd
          const password = passwordOfPair(value);
          if (password !== undefined) {
            start += value.length - password.length;
            value = password;
          }
          if (isLiteral(value) && !overlapsAny(out, start, start + value.length))
            out.push({ name: 'passwd', kind: 'password', start, end: start + value.length, viaVariable: false });
        }
      }
      lineStart += line.length + 1;
    }
  }
  return out;
}

/**
 * A script writing a value into a file named for a secret: `echo 0bb9… > /var/lib/zabbix/enc/agent.psk`,
 * `echo "$$X" > /run/secrets/x` (a variable: not reported), with a decoding step between or not
 * (`echo '…' | base64 -d > munge.key`, `| xxd -r -p >`). Groups: the value (three quotings), the file.
 */
const ECHO_TO_FILE =
  /\b(?:echo|printf)[ \t]+(?:-[neE]{1,3}[ \t]+)?(?:"([^"\n$`]{8,4096})"|'([^'\n]{8,4096})'|([^\s'"$`;|&<>]{8,4096}))[ \t]*(?:\|[ \t]*(?:base64|xxd|openssl[ \t]+base64|tr)(?:[ \t]+-{1,2}[A-Za-z]{1,12}){0,4}[ \t]*)?>>?[ \t]*["']?([^\s'";|&<>]{1,400})/dg;

/**
 * Each value a script writes into a file with `echo`/`printf` (ECHO_TO_FILE), and the file's path as written: read
 * here for files named for a secret and by detect/exposures.ts for files it reads by name, once a text.
 */
export const echoesIntoFiles: (text: string) => { start: number; end: number; file: string }[] = memoizeByText(echoesIn);

function echoesIn(text: string): { start: number; end: number; file: string }[] {
  if (!text.includes('>') || !/\b(?:echo|printf)\b/.test(text)) return [];
  const out: { start: number; end: number; file: string }[] = [];
  for (const m of text.matchAll(ECHO_TO_FILE)) {
    const [start, end] = m.indices![valueGroup(m, 1)];
    out.push({ start, end, file: m[4] });
  }
  return out;
}

/** What a file named like this holds when it holds a secret (`agent.psk`, `db_password`, `api.token`), else undefined. */
function secretFileKind(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (/^(?:psk|key|secret|token|pass|password|passwd|pwd|cred|creds)$/.test(ext)) return ext === 'psk' ? 'pre-shared key' : 'secret';
  // public material, configs, logs and scripts hold more than one value; a .txt file or one without
  // an extension is judged by its name (`db_password.txt`, `api_token`)
  if (ext && ext !== 'txt' && /^(?:pub|crt|cer|pem|csr|json|ya?ml|conf|cfg|ini|toml|xml|log|sh|env|properties)$/.test(ext)) return undefined;
  const base = dot > 0 ? name.slice(0, dot) : name;
  const verdict = classifyKey(base);
  if (verdict.sensitive) return describeKind(verdict.kind);
  // a password's file named in one word (Ceph's `echo '…' > /tmp/dashpw; ceph dashboard ac-user-create admin -i /tmp/dashpw`)
  return /^[a-z]{2,12}(?:pw|pwd|passwd|password)$/i.test(base) ? 'password' : undefined;
}

// ───────────────────────────── directives ─────────────────────────────

/**
 * `name value` on a line of its own, the syntax of redis.conf, keepalived, HAProxy, nginx, sshd
 * and many daemons' configs: `requirepass x`, `masterauth x`, `auth_pass x`. Two words only (a
 * third makes it a command or prose), the value optionally quoted and followed by `;` or a comment.
 */
const DIRECTIVE_LINE =
  /^[ \t]*([A-Za-z_][A-Za-z0-9_.-]{1,60})[ \t]+(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s;#'"]{1,4096}))[ \t]*;?[ \t]*(?:#[^\n]*)?$/dgm;
/**
 * An Apache httpd directive: two or more capitalised words run together (`OIDCCryptoPassphrase`), not `ProxyPass…`.
 * Three linear tests, not one pattern of repeated humps: that one backtracks over every split of a run of capitals.
 */
function isApacheDirective(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]+$/.test(name) && /[a-z]/.test(name) && /[a-z0-9][A-Z]|[A-Z][A-Z][a-z]/.test(name) && !name.startsWith('Proxy');
}
/** The permissions an MPD password gives, after its `@` (`@read,add,control,admin`). */
const MPD_PERMISSION_LIST = '@(?:read|add|control|admin|player)(?:,(?:read|add|control|admin|player))*';
const MPD_PERMISSIONS = new RegExp(`${MPD_PERMISSION_LIST}$`);
/** MPD's password line, known by its permissions wherever it is written (a config's `content:` appended to mpd.conf). */
const MPD_PASSWORD_LINE = new RegExp(`^[ \\t]*password[ \\t]+"[^"\\n]{1,200}${MPD_PERMISSION_LIST}"[ \\t]*$`);
/** A directive setting the user an account logs in as, on a line of its own (`user mailer@example.org`, `username app`). */
const USER_DIRECTIVE = /^[ \t]*(?:user|username|login)[ \t]+[^\s=:#]+[ \t]*$/m;
/** Commands that are named like a password setting but change one (`passwd root`). */
const PASSWORD_COMMANDS = /^(?:[a-z]*passwd|passwd|pass|secret|token)$/;
const BARE_NOUNS = new Set(['password', 'passwd', 'pwd', 'pw', 'secret', 'secrets', 'token', 'tokens', 'jwt', 'auth', 'credentials', 'creds', 'key', 'apikey']);
/** HAProxy userlists: `user NAME insecure-password PASSWORD`; other daemons' `… auth USER:PASSWORD` (HAProxy `stats auth`). */
const KEYWORD_PASSWORD = /(?<=[ \t])(insecure-password|auth)[ \t]+(?:"([^"\n]{1,4096})"|([^\s;#'"]{1,4096}))/dg;
/** Redis Sentinel: `sentinel auth-pass MASTER PASSWORD`. */
/** Dire Wolf's APRS-IS login: `IGLOGIN <callsign> <passcode>`. */
const IGLOGIN_LINE = /^[ \t]*IGLOGIN[ \t]+[A-Za-z0-9/-]{3,12}[ \t]+(-?\d{1,6})[ \t]*(?:#[^\n]*)?$/dgm;
const SENTINEL_AUTH_PASS = /^[ \t]*sentinel[ \t]+auth-pass[ \t]+\S{1,200}[ \t]+(?:"([^"\n]{1,4096})"|([^\s"]{1,4096}))[ \t]*$/dgm;
/** Redis / Valkey ACL: `user NAME on >password ~keys +@cmds` (also `ACL SETUSER`). */
const ACL_LINE = /^[ \t]*(?:user|ACL[ \t]+SETUSER)[ \t]+\S+[ \t][^\n]*$/gim;
const ACL_PASSWORD = /(?<=[ \t])>([^\s]{1,4096})/g;

/**
 * net-snmp's snmpd.conf and snmptrapd.conf: a community is the password of SNMP v1/v2c
 * (`rocommunity COMMUNITY [SOURCE]`, `authCommunity TYPES COMMUNITY`, `com2sec NAME SOURCE COMMUNITY`),
 * and a v3 user is created with its passphrases (`createUser [-e ID] NAME SHA AUTHPASS [AES PRIVPASS]`).
 */
const SNMP_COMMUNITY_LINE =
  /^[ \t]*(?:(?:ro|rw)community6?|authcommunity[ \t]+[a-z,]{3,40}|com2sec6?(?:[ \t]+-Cn[ \t]+\S{1,60})?[ \t]+\S{1,60}[ \t]+\S{1,100}|snmp-server[ \t]+community)[ \t]+(?:"([^"\n]{1,200})"|([^\s"#]{1,200}))/dgim;
/**
 * A network device's configuration (Cisco IOS and NX-OS, Arista EOS): a local user's or `enable`'s password or secret
 * in clear (type 0, or no type) or in type 7 (a reversible obfuscation), a line's or a TACACS+/RADIUS server's `key`;
 * types 5, 8 and 9 are hashes. And an SNMPv3 user's passphrases (`snmp-server user NAME GROUP v3 auth sha X priv aes 128 Y`).
 */
const DEVICE_CREDENTIAL =
  /^[ \t]*(?:username[ \t]+\S{1,64}(?:[ \t]+privilege[ \t]+\d{1,2})?[ \t]+(?:password|secret)|enable[ \t]+(?:password|secret)(?:[ \t]+level[ \t]+\d{1,2})?)[ \t]+(?:([07])[ \t]+)?(\S{1,200})[ \t]*$|^[ \t]*(?:password|key)[ \t]+([07])[ \t]+(\S{1,200})[ \t]*$/dgim;
/** RANCID's `.cloginrc`: `add password GLOB {vty password} {enable password}`, `add enablepassword GLOB {x}`. */
const CLOGINRC_PASSWORD = /^[ \t]*add[ \t]+(?:password|enablepassword)[ \t]+\S{1,200}[ \t]+\{([^{}\n]{1,200})\}(?:[ \t]+\{([^{}\n]{1,200})\})?/dgim;
/** Oxidized's `router.db` (its CSV source): `host:model:user:password[:enable]`, the model a network OS Oxidized knows. */
const ROUTER_DB_LINE =
  /^[\w.-]{1,200}:(?:ios|iosxr|iosxe|nxos|asa|junos|eos|routeros|procurve|aoscx|fortios|panos|vyos|edgeos|comware|screenos|aireos|ironware|dnos|sros|opengear|powerconnect|airos|edgeswitch|mlnxos|cumulus):[^:\s]{1,100}:([^:\s]{1,200})(?::([^:\s]{0,200}))?[ \t]*$/dgim;
const DEVICE_SNMP_USER =
  /^[ \t]*snmp-server[ \t]+user[ \t]+\S{1,64}[ \t]+\S{1,64}[ \t]+v3[ \t]+(?:encrypted[ \t]+)?auth[ \t]+(?:md5|sha\S{0,8})[ \t]+(\S{1,200})(?:[ \t]+priv[ \t]+(?:des|3des|aes(?:[ \t]+\d{3})?)[ \t]+(\S{1,200}))?/dgim;
const SNMP_CREATE_USER =
  /^[ \t]*createUser[ \t]+(?:-e[ \t]+\S{1,80}[ \t]+)?\S{1,60}[ \t]+(?:MD5|SHA(?:-?\d{3})?)[ \t]+(?:"([^"\n]{1,200})"|([^\s"#]{1,200}))(?:[ \t]+(?:DES|AES(?:128|192|256)?C?)[ \t]+(?:"([^"\n]{1,200})"|([^\s"#]{1,200})))?/dgim;

/** The passwords of Oxidized's `router.db` lines (ROUTER_DB_LINE), which hold no blank. */
function findRouterDbPasswords(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !text.includes(':')) return out;
  for (const m of text.matchAll(ROUTER_DB_LINE)) {
    for (const g of [1, 2]) {
      if (m[g] && isLiteral(m[g])) {
        const start = m.indices![g][0];
        out.push({ name: 'router.db', kind: 'password', start, end: start + m[g].length, viaVariable: false });
      }
    }
  }
  return out;
}

/**
 * A Terraform (or Packer) variable's default: `variable "rds_master_password" { … default = "…" }` (the block's name says
 * what the default is; `sensitive = true` only hides it from plans). Groups: the name, the block's body.
 */
const TERRAFORM_VARIABLE = /^[ \t]*variable[ \t]+"([A-Za-z_][\w-]{0,80})"[ \t]*\{([^{}]{0,4000})\}/dgm;
const HCL_DEFAULT = /^[ \t]*default[ \t]*=[ \t]*"([^"\n$]{1,4096})"/dm;

/** The defaults of secret-named Terraform variables (TERRAFORM_VARIABLE), judged as the name's value. */
function findTerraformVariableDefaults(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !text.includes('variable')) return out;
  for (const m of text.matchAll(TERRAFORM_VARIABLE)) {
    const d = HCL_DEFAULT.exec(m[2]);
    const verdict = classifyKey(m[1]);
    if (!d || !verdict.sensitive || !isLiteral(d[1], nameLooseness(m[1])) || isPlaceholder(d[1])) continue;
    const start = m.indices![2][0] + d.indices![1][0];
    out.push({ name: m[1], kind: describeKind(verdict.kind), start, end: start + d[1].length, viaVariable: false });
  }
  return out;
}

/**
 * A password's hash with its clear text in the comment after it: GLAuth's documented `passsha256 = "6478…" # dogood`,
 * an htpasswd-style `password_hash: "$2b$…"  # s3cret`. Groups: the setting's name, the quote, the value, the comment's one word.
 */
const HASH_THEN_PLAINTEXT = /^[ \t]*([A-Za-z_][\w.-]{0,60})[ \t]*[=:][ \t]*(["']?)([^\s"'#;]{16,300})\2[ \t]*[#;][ \t]*(\S{6,64})[ \t]*$/dgm;

/** The clear-text passwords of HASH_THEN_PLAINTEXT lines whose setting names a password (`passsha256`, `password_hash`). */
function findHashCommentPasswords(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !/#|;/.test(text)) return out;
  for (const m of text.matchAll(HASH_THEN_PLAINTEXT)) {
    // the value is a hash: a format the value judge knows (crypt, bcrypt, argon2…) or a hex digest (GLAuth's passsha256)
    const hashed = classifyValue(m[3]) === 'hash' || isHexDigest(m[3]);
    // a word or a note (`# rotated-2024`) is a remark; a password someone chose or generated has both cases and digits
    if (!hashed || !/pass|pwd/i.test(m[1]) || !isPasswordShaped(m[4]) || !isLiteral(m[4]) || isPlaceholder(m[4])) continue;
    const [start, end] = m.indices![4];
    out.push({ name: m[1], kind: 'password', start, end, viaVariable: false });
  }
  return out;
}

/**
 * nginx's `map $http_x_api_key $api_client { "KEY" "client"; … }`: a request header, query argument or cookie named
 * for a key or token mapped to its clients, each source value an API key the proxy accepts. Groups: the variable, the body.
 * (Its `$` perhaps doubled: a compose file's config `content:` escapes it as `$$`.)
 */
const NGINX_KEY_MAP = /\bmap[ \t]+\$\$?((?:http|arg|cookie)_\w{1,60})[ \t]+\$\$?\w{1,60}[ \t]*\{([^{}]{0,20000})\}/dg;
/** One entry of a map's body: its source value (double-quoted, single-quoted, bare), then the value it maps to. */
const NGINX_MAP_ENTRY = /^[ \t]*(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'#;~\\]\S{0,511}))[ \t]+\S[^;\n]{0,400};/dgm;
const MAP_KEYWORDS = new Set(['default', 'hostnames', 'volatile', 'include']);

/** The API keys of nginx key maps (NGINX_KEY_MAP): the source values that are no keyword, regex or placeholder. */
function findNginxKeyMaps(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !text.includes('map')) return out;
  for (const m of text.matchAll(NGINX_KEY_MAP)) {
    const verdict = classifyKey(m[1].replace(/^(?:http|arg|cookie)_/, ''));
    if (!verdict.sensitive) continue;
    const bodyStart = m.indices![2][0];
    for (const e of m[2].matchAll(NGINX_MAP_ENTRY)) {
      const g = valueGroup(e, 1);
      const value = e[g];
      if (MAP_KEYWORDS.has(value) || !isLiteral(value) || isPlaceholder(value)) continue;
      const start = bodyStart + e.indices![g][0];
      out.push({ name: m[1], kind: describeKind(verdict.kind), start, end: start + value.length, viaVariable: false });
    }
  }
  return out;
}

/** Secrets in config lines that use no `=` or `:` between name and value (see DIRECTIVE_LINE). */
function findDirectives(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000 || !/[ \t]/.test(text)) return out;
  const push = (name: string, kind: string, start: number, value: string) => {
    out.push({ name, kind, start, end: start + value.length, viaVariable: VARIABLE.test(value) });
  };
  // Fluentd's `<match>`/`<store>` blocks and Fluent Bit's `[OUTPUT]` sections: an indented bare `password x` is a directive there
  const logShipper = /^[ \t]*(?:<(?:match|source|store|filter)\b|\[(?:OUTPUT|INPUT|FILTER)\])/m.test(text);
  // nginx-style blocks (SRS, nginx-rtmp, Squid, Unbound): an indented `password x;` ended by `;` inside `{ … }` is a directive
  const braceBlocks = text.includes('{') && /\{[ \t]*(?:#[^\n]*)?$/m.test(text);
  // a file of directives whose user is set beside the password (msmtp's `msmtprc`, fetchmail's `user x` / `password y`): a bare `password x` is one
  const userDirective = USER_DIRECTIVE.test(text);
  // MPD's mpd.conf (and its outputs' blocks): each setting a name and a quoted value; a bare `password "…"` is one there
  const mpdConf = /^[ \t]*(?:music_directory|audio_output|db_file|playlist_directory)[ \t]+["{]/m.test(text);
  const inBlock = (line: string, mpdPassword: boolean) =>
    userDirective ||
    (logShipper && /^[ \t]/.test(line)) ||
    (braceBlocks && /^[ \t]/.test(line) && /;[ \t]*(?:#[^\n]*)?$/.test(line)) ||
    (mpdConf && /^[ \t]*[a-z_]+[ \t]+"/.test(line)) ||
    mpdPassword;
  for (const m of text.matchAll(DIRECTIVE_LINE)) {
    const name = m[1];
    const mpdPassword = MPD_PASSWORD_LINE.test(m[0]);
    // daemons' directives are lower case (`JWT Hemmelignøkkel` is a translated label, `Password required`
    // prose); a bare noun (`token expired`) is prose too, and `passwd root` a command
    // Apache's directives are CamelCase words (`OIDCClientSecret x`, `AuthLDAPBindPassword x`); `ProxyPass` maps a path;
    // Fluent Bit's are words joined by underscores (`Shared_Key x`, `HTTP_Passwd x`)
    if (!(/^[a-z][a-z0-9_.-]*$/.test(name) || isApacheDirective(name) || /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/.test(name))) continue;
    if (PASSWORD_COMMANDS.test(name) && !inBlock(m[0], mpdPassword)) continue;
    if (BARE_NOUNS.has(name.toLowerCase()) && !inBlock(m[0], mpdPassword)) continue;
    const verdict = classifyKey(name);
    if (!verdict.sensitive || nameLooseness(name).loose) continue;
    const g = valueGroup(m, 2);
    const value = m[g];
    // `exec:/path`: httpd runs a program for the value (AuthLDAPBindPassword, SSLPassPhraseDialog)
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('exec:') || (!VARIABLE.test(value) && !isLiteral(value))) continue;
    // an operator is no value: the value of `secret_key_base =` (Elixir, Ruby) is on the next line
    if (!/[A-Za-z0-9]/.test(value)) continue;
    // MPD's `password "…@read,add,control,admin"`: the password, then the permissions it gives
    const permissions = mpdConf || mpdPassword ? MPD_PERMISSIONS.exec(value) : null;
    push(name, describeKind(verdict.kind), m.indices![g][0], permissions ? value.slice(0, permissions.index) : value);
  }
  if (text.includes('insecure-password') || /\bauth[ \t]/.test(text)) {
    for (const m of text.matchAll(KEYWORD_PASSWORD)) {
      const g = valueGroup(m, 2, 2);
      let value = m[g];
      let start = m.indices![g][0];
      if (m[1] === 'auth') {
        // only a user:password pair: `auth` alone is a word of many languages
        const password = passwordOfPair(value);
        if (password === undefined) continue;
        start += value.length - password.length;
        value = password;
      }
      if (VARIABLE.test(value) || isLiteral(value)) push(m[1], 'password', start, value);
    }
  }
  if (text.includes('IGLOGIN')) {
    // Dire Wolf's `IGLOGIN CALLSIGN PASSCODE`: the APRS-IS passcode of the callsign (`-1` logs in to receive only)
    for (const m of text.matchAll(IGLOGIN_LINE)) if (m[1] !== '-1') push('IGLOGIN', 'password', m.indices![1][0], m[1]);
  }
  if (text.includes('auth-pass')) {
    for (const m of text.matchAll(SENTINEL_AUTH_PASS)) {
      const g = valueGroup(m, 1, 2);
      if (VARIABLE.test(m[g]) || isLiteral(m[g])) push('sentinel auth-pass', 'password', m.indices![g][0], m[g]);
    }
  }
  if (/community|createuser/i.test(text)) {
    for (const m of text.matchAll(SNMP_COMMUNITY_LINE)) {
      const g = valueGroup(m, 1, 2);
      // `public`/`private`: the stock communities every SNMP tool tries first, written as a default
      if (!/^(?:public|private)$/i.test(m[g]) && (VARIABLE.test(m[g]) || isLiteral(m[g]))) push('community', 'password', m.indices![g][0], m[g]);
    }
    for (const m of text.matchAll(SNMP_CREATE_USER)) {
      // the authentication passphrase, and the privacy one when given
      for (const first of [1, 3]) {
        if (m[first] === undefined && m[first + 1] === undefined) continue;
        const g = valueGroup(m, first, 2);
        if (VARIABLE.test(m[g]) || isLiteral(m[g])) push('createUser', 'password', m.indices![g][0], m[g]);
      }
    }
  }
  if (/password|secret|key|snmp-server/i.test(text)) {
    for (const m of text.matchAll(DEVICE_CREDENTIAL)) {
      const g = m[2] !== undefined ? 2 : 4;
      // type 7 is hex after a two-digit offset into the fixed key, whatever the judge of a value would make of hex
      const type7 = m[g - 1] === '7' && /^\d\d(?:[0-9A-Fa-f]{2}){1,100}$/.test(m[g]);
      if (type7 || isLiteral(m[g])) push('device credential', 'password', m.indices![g][0], m[g]);
    }
    for (const m of text.matchAll(CLOGINRC_PASSWORD)) {
      for (const g of [1, 2]) if (m[g] !== undefined && isLiteral(m[g])) push('add password', 'password', m.indices![g][0], m[g]);
    }
    for (const m of text.matchAll(DEVICE_SNMP_USER)) {
      for (const g of [1, 2])
        if (m[g] !== undefined && !/\bencrypted\b/i.test(m[0]) && isLiteral(m[g])) push('snmp-server user', 'password', m.indices![g][0], m[g]);
    }
  }
  if (text.includes('>')) {
    for (const line of text.matchAll(ACL_LINE)) {
      for (const m of line[0].matchAll(ACL_PASSWORD)) {
        if (VARIABLE.test(m[1]) || isLiteral(m[1])) push('ACL user', 'password', line.index! + m.index! + 1, m[1]);
      }
    }
  }
  return out;
}

function overlapsAny(found: readonly EmbeddedAssignment[], start: number, end: number): boolean {
  return found.some((a) => a.start < end && start < a.end);
}

/**
 * `null}}` → `null`, `KEY}).json():` → `KEY` (of `headers={"X": KEY}).json()`): an unquoted value ends at a closing
 * bracket that has no opening one in it, where that bracket ends the value or more code follows it.
 */
function withoutClosingBrackets(value: string): string {
  const open: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      if (open[open.length - 1] === OPENING[c]) open.pop();
      else if (i + 1 === value.length || ')]}.,;:'.includes(value[i + 1])) return value.slice(0, i);
    }
  }
  return value;
}
const OPENING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** How a name inside a blob is judged: its own words, or what the blob around it says it is. */
function embeddedVerdict(name: string, operator: string, blob: BlobKind): KeyVerdict {
  if (operator === '=' && ((blob.odbc && name === 'PWD') || (blob.credentialReference && name === 'clear-text'))) return PASSWORD_HERE;
  if (blob.jaas && operator === '=' && /^user_[A-Za-z0-9]/.test(name)) return PASSWORD_HERE;
  if (blob.dockerAuths && (name === 'auth' || name === 'identitytoken')) return DOCKER_AUTH;
  if (blob.appRole && /^secret[_-]?id$/i.test(name)) return APPROLE_SECRET_ID;
  return classifyKey(name);
}

/** A bare identifier in code: inside `{…}`/`(…)` on its line, or followed by `,` `;` `}` `)` (a literal string would be quoted there). */
function isCodeIdentifier(text: string, start: number, end: number, value: string): boolean {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/.test(value)) return false;
  // an object's attribute named for a secret (`TEST_SECRET = settings.SECRET_KEY`, `config.api_token`): a reference anywhere
  const dot = value.lastIndexOf('.');
  if (dot > 0 && classifyKey(value.slice(dot + 1)).sensitive) return true;
  // what precedes on its line, no further back than LOOK_BEHIND (see isMappingLike)
  const window = text.slice(Math.max(0, start - LOOK_BEHIND), start);
  // (a shell's `${VAR}` before it opens no code: GlassFish's `--property "user=${DB_USER}:password=…"`)
  const before = window.slice(window.lastIndexOf('\n') + 1).replace(/\$\{[^{}]*\}/g, '');
  const after = text.slice(end, end + 3);
  return /[{(]/.test(before) || /^[ \t]*[,;})]/.test(after);
}

/**
 * `name: value` is an assignment only where it reads like a mapping entry: the name starts its
 * line (or follows `{`, `,` or a quote, as in JSON), and a blank follows the colon. That keeps out
 * volume strings (`/etc/passwd:/host/etc/passwd`), image references (`traefik-forward-auth:2`)
 * and prose (`Client Secret: see https://…`, a Title-case `Password: …` in a description).
 */
function isMappingLike(text: string, index: number, match: string, name: string): boolean {
  // a JSON key ("secret":"x") needs no blank after its colon
  const jsonKey = (match.startsWith(`${name}"`) || match.startsWith(`${name}\\"`)) && text[index - 1] === '"';
  if (!jsonKey && !/:[ \t]/.test(match)) return false;
  // prose (`Password: see the wiki`), unless a quoted JSON key (`"Password": "…"`, NetBird, .NET appsettings)
  if (!jsonKey && /^[A-Z][a-z]+$/.test(name)) return false;
  // what precedes the name on its line, looked at no further back than LOOK_BEHIND: a search back to
  // the line's start for every match is quadratic over one long line (a minified JSON blob)
  const window = text.slice(Math.max(0, index - LOOK_BEHIND), index);
  const newline = window.lastIndexOf('\n');
  const before = newline >= 0 ? window.slice(newline + 1) : window;
  const wholeLine = newline >= 0 || index <= LOOK_BEHIND;
  return (wholeLine && /^[\s\-"'{,[]*$/.test(before)) || /[{,]\s*\\?["']?$/.test(before);
}

const LOOK_BEHIND = 256;

/** An LDIF attribute whose value is base64 (`userPassword:: e1NTSEF9…`), on a line of its own. */
const LDIF_BASE64 = /^([A-Za-z][A-Za-z0-9-]{0,60})::[ \t]*([A-Za-z0-9+/]{4,4096}={0,2})[ \t]*$/dgm;

/** `INSERT [IGNORE] INTO table (columns) VALUES`: group 1 the column list. */
const SQL_INSERT = /\bINSERT[ \t]+(?:IGNORE[ \t]+)?INTO[ \t]+([\w."`[\]]{1,120})[ \t\r\n]*\(([^()]{1,2000})\)[ \t\r\n]*VALUES[ \t\r\n]*/gi;
/** A table of API keys or tokens (`user_api_key`, `api_tokens`), whose bare `key`/`token` column holds them. */
const KEY_TABLE = /(?:^|[_."`[])(?:api_?keys?|api_?tokens?|access_?tokens?|auth_?tokens?)["`\]]?$/i;
const SQL_COLUMN = /^[ \t\r\n]*["`[]?([A-Za-z_][A-Za-z0-9_]{0,80})["`\]]?[ \t\r\n]*$/;
/** At most this many rows an INSERT, and characters a row. */
const MAX_ROWS = 1000;
const MAX_ROW = 8192;

/**
 * The quoted values of SQL INSERT rows with the column each fills (`INSERT INTO tsigkeys (name,
 * algorithm, secret) VALUES ('axfr', 'hmac-sha256', '…')`, several rows, over several lines). A value
 * that is not a quoted string (a number, NULL, a call) is skipped, but for a hashing call's literal (`MD5('…')`: its
 * clear text); each value carries its row's number. Each row is read once, forward: linear.
 */
function insertedValues(text: string): { column: string; start: number; end: number; row: number }[] {
  const out: { column: string; start: number; end: number; row: number }[] = [];
  let rowNumber = 0;
  for (const m of text.matchAll(SQL_INSERT)) {
    // a table of API keys names its key column `key` (`INSERT INTO user_api_key (id, user_id, name, key, …)`): named with the table
    const keyTable = KEY_TABLE.test(m[1]);
    const named = m[2].split(',').map((c) => {
      const column = SQL_COLUMN.exec(c)?.[1];
      return keyTable && column !== undefined && /^(?:key|token)$/i.test(column) ? `api_${column}` : column;
    });
    if (named.some((c) => c === undefined)) continue;
    // a SCRAM verifier's columns (Openfire's `ofUser`: storedKey, serverKey, salt, iterations): what the server checks a
    // password against, derived from it, not the password
    const scram = named.some((c) => /^stored_?key$/i.test(c!));
    // Laravel Sanctum's `personal_access_tokens` keeps each token's SHA-256, never the token
    const sanctum = /(?:^|[."`[])personal_access_tokens["`\]]?$/i.test(m[1]);
    const columns = named.map((c) => ((scram && /^(?:stored_?key|server_?key|salt)$/i.test(c!)) || (sanctum && /^(?:api_)?token$/i.test(c!)) ? undefined : c));
    for (const row of sqlRows(text, m.index! + m[0].length)) {
      rowNumber++;
      row.values.forEach((v, i) => {
        if (!v || !columns[i]) return;
        if (!v.expression) out.push({ column: columns[i]!, start: v.start, end: v.end, row: rowNumber });
        else {
          // a password hashed as the row is written (`MD5('…')`, `SHA1('…')`, `crypt('…', gen_salt('bf'))`): its clear text
          const call = HASHED_LITERAL.exec(text.slice(v.start, v.end));
          if (call) {
            const start = v.start + call.indices![1][0];
            // into a column named for the hash (`password_hash`, `encrypted_password`): the clear text is the password
            const column = /pass|pwd/i.test(columns[i]!) ? 'password' : columns[i]!;
            out.push({ column, start, end: start + call[1].length, row: rowNumber });
          }
        }
      });
    }
  }
  return out;
}

/** The rows of an INSERT's VALUES from their first `(` at `from`, each read by sqlRow: at most MAX_ROWS, while a `,` joins them. */
function* sqlRows(text: string, from: number): Generator<NonNullable<ReturnType<typeof sqlRow>>> {
  let at = from;
  for (let rows = 0; rows < MAX_ROWS && text[at] === '('; rows++) {
    const row = sqlRow(text, at + 1);
    if (!row) return;
    yield row;
    at = row.end;
    while (/[ \t\r\n]/.test(text[at] ?? '')) at++;
    if (text[at] !== ',') return;
    at++;
    while (/[ \t\r\n]/.test(text[at] ?? '')) at++;
  }
}

/**
 * binkd's `node ADDRESS [-flags] HOST[:PORT] PASSWORD [FLAVOUR]` (a FidoNet mailer's links, `binkd.conf`): the session
 * password its uplink and it share; `-` is none.
 */
const BINKD_NODE =
  /^[ \t]*node[ \t]+\d{1,5}:\d{1,5}\/\d{1,5}(?:\.\d{1,5})?(?:@[\w.-]{1,40})?(?:[ \t]+-[a-z]{1,8})*[ \t]+[\w.*-]{1,253}(?::\d{1,5})?[ \t]+([^\s-][^\s]{0,127})(?:[ \t]+[icdhf-])?[ \t]*$/dgm;

function findBinkdNodePasswords(text: string): EmbeddedAssignment[] {
  if (!/^[ \t]*node[ \t]+\d/m.test(text)) return [];
  const out: EmbeddedAssignment[] = [];
  for (const m of text.matchAll(BINKD_NODE)) {
    const [start, end] = m.indices![1];
    if (judgeNamedValue({}, m[1]) === 'literal') out.push({ name: 'node', kind: 'password', start, end, viaVariable: VARIABLE.test(m[1]) });
  }
  return out;
}

/** The row number of a users-table password: no digest is taken, so no salt of its row is dropped for one (insertedValues' rows count from 1). */
const NO_ROW = -1;

/** `INSERT INTO users VALUES (`, a table of users or accounts filled without a column list (FROST-Server's `"USERS"`). */
const SQL_INSERT_USERS =
  /\bINSERT[ \t]+(?:IGNORE[ \t]+)?INTO[ \t]+(?:[\w"`[\]]{1,60}\.)?["`[]?(?:[a-z]{1,20}_)?(?:users?|accounts?|logins?)["`\]]?[ \t\r\n]*VALUES[ \t\r\n]*(?=\()/gi;

/**
 * The passwords of a users table's rows written without a column list (`INSERT INTO "USERS" VALUES ('admin', '…')`): a
 * row that starts with a user's name and a value shaped as a chosen or generated password is, not a digest, as the second.
 */
function usersTablePasswords(text: string): { column: string; start: number; end: number; row: number }[] {
  const out: { column: string; start: number; end: number; row: number }[] = [];
  if (!/into[ \t]+\S*(?:user|account|login)/i.test(text)) return out;
  for (const m of text.matchAll(SQL_INSERT_USERS)) {
    for (const row of sqlRows(text, m.index + m[0].length)) {
      const [user, password] = row.values;
      if (user && password && !user.expression && !password.expression && /^[\w.@-]{1,64}$/.test(text.slice(user.start, user.end))) {
        const value = text.slice(password.start, password.end);
        if ((isShapedOrGenerated(value) || isMixedPassword(value)) && !isHexDigest(value) && !value.startsWith('$'))
          out.push({ column: 'password', start: password.start, end: password.end, row: NO_ROW });
      }
    }
  }
  return out;
}

/**
 * One row's values from just after its `(`: each quoted string's offsets, any other value's (`MD5('…')`, `NOW()`, a
 * number) marked `expression`, null for an empty one; and where the row ends.
 */
function sqlRow(text: string, from: number): { values: ({ start: number; end: number; expression?: true } | null)[]; end: number } | undefined {
  const values: ({ start: number; end: number; expression?: true } | null)[] = [];
  const limit = Math.min(text.length, from + MAX_ROW);
  let at = from;
  let depth = 0;
  let current: { start: number; end: number } | null = null;
  let other = false;
  let valueStart = from;
  while (at < limit) {
    const c = text[at];
    if (c === "'") {
      const start = at + 1;
      let end = start;
      while (end < limit && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" || text[end] === '\\' ? 2 : 1;
      if (end >= limit) return undefined;
      if (depth === 0 && !other && current === null) current = { start, end };
      else other = true;
      at = end + 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0 && (c === ',' || c === ')')) {
      // any other value: an expression, kept by its offsets (`MD5('…')`, `NOW()`, a number)
      values.push(other ? { start: valueStart, end: at, expression: true } : current);
      current = null;
      other = false;
      valueStart = at + 1;
      if (c === ')') return { values, end: at + 1 };
    } else if (!/[ \t\r\n]/.test(c)) other = true;
    at++;
  }
  return undefined;
}

/**
 * An unquoted `name: value` whose value the bare reading cut at a blank, where the line runs on
 * (a YAML plain scalar is the whole rest of its line): true when the whole is no secret
 * (a public key, prose, a placeholder), judged as the value would be. A comment (` #`) ends it;
 * a flow collection's `,`/`}` after the value keeps the cut as it is.
 */
function isPartOfPhrase(text: string, end: number, value: string, name: string): boolean {
  if (text[end] !== ' ' && text[end] !== '\t') return false;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0 || lineEnd - end > 4096) lineEnd = Math.min(text.length, end + 4096);
  const rest = text
    .slice(end, lineEnd)
    .replace(/[ \t]+#.*$/, '')
    .trimEnd();
  if (!rest || /[,{}[\]]/.test(rest)) return false;
  return judgeNamedValue(nameLooseness(name), value + rest) !== 'literal';
}

/** The password of a `user:password` value (coturn `user=`, HAProxy `stats auth`); not of `uid:gid` or `host:port` numbers. */
function passwordOfPair(value: string): string | undefined {
  const pair = /^[A-Za-z0-9_.@-]{1,64}:([^\s:]{1,4096})$/.exec(value);
  return pair && !/^\d+$/.test(pair[1]) ? pair[1] : undefined;
}

/** A Matrix server's name after a user id's `@localpart:` (a host with a dot, perhaps a port). */
const MATRIX_SERVER = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+(?::\d{1,5})?$/;

/** `name:secret`, or `name:secret:role` (EMQX bootstrap API keys), one a line. */
// the user may be a variable (`${SR_USER}:${SR_PASSWORD}`)
// atmoz/sftp users.conf adds `:uid:gid:dirs` (`:e` before them marks an encrypted password: group 2); Postfix's
// `sasl_passwd` puts the relay first (`[smtp.example.org]:587 user:password`)
const PAIR_LINE =
  /^[ \t]*(?:(?:\[[A-Za-z0-9.-]{1,253}\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?[ \t]+)?(?:[A-Za-z0-9_.@-]{1,64}|\$\{[A-Za-z_][A-Za-z0-9_]{0,64}\}):([^\s:;,]{1,4096})(?::[A-Za-z_-]{1,32}|(:e)?:\d{1,10}(?::\d{0,10}(?::[^\s:]{0,400})?)?)?[ \t]*$/gm;

/**
 * The secrets of `user:password` pairs, one a line: a bootstrap user (`superuser:…`), a basic-auth
 * user-info, a file of `key:secret:role` lines. Not a number (`1000:1000`, a port), a path, a list or a
 * hash; a `${VAR}` whose name is secret-named is returned with `viaVariable`.
 */
export function findUserPasswordPairs(text: string): { start: number; end: number; viaVariable: boolean }[] {
  const out: { start: number; end: number; viaVariable: boolean }[] = [];
  if (text.length > 100_000 || !text.includes(':')) return out;
  for (const m of text.matchAll(PAIR_LINE)) {
    const secret = m[1];
    if (m[2]) continue;
    const start = m.index! + m[0].indexOf(`:${secret}`) + 1;
    // a Matrix user's id (`@weatherbot:example.chat`): the user and the server it lives on, no password
    if (text[m.index! + m[0].search(/\S/)] === '@' && MATRIX_SERVER.test(secret)) continue;
    // a variable stands for a password when its name says so (`u:${PROXY_PORT}` is no pair of user and password)
    const variable = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^{}]*)?\}$/.exec(secret);
    if (variable && !classifyKey(variable[1]).sensitive) continue;
    const viaVariable = variable !== null;
    // a path (`backup:/var/lib/backups`, `sync:data/uploads`) is a reference to the value judge; a base64 secret's `/` is not
    if (!viaVariable && (/^\d+$/.test(secret) || secret.includes('$') || judgeNamedValue({}, secret) !== 'literal')) continue;
    out.push({ start, end: start + secret.length, viaVariable });
  }
  return out.length ? out : USER_PAIR_LIST.test(text) ? listedPairs(text) : quotedPairs(text);
}

/** Users with their passwords listed in one value (`NAIVE_USERS: "jana:…,petr:…"`, blanks or commas between). */
const USER_PAIR_LIST = /^[ \t]*[A-Za-z0-9_.@-]{1,64}:[^\s:,;]{1,400}(?:[ \t]*[, ][ \t]*[A-Za-z0-9_.@-]{1,64}:[^\s:,;]{1,400}){1,50}[ \t]*$/;
const LISTED_PAIR = /(?:^|[, ])[ \t]*[A-Za-z0-9_.@-]{1,64}:([^\s:,;]{1,400})/dg;

function listedPairs(text: string): { start: number; end: number; viaVariable: boolean }[] {
  const out: { start: number; end: number; viaVariable: boolean }[] = [];
  for (const m of text.matchAll(LISTED_PAIR)) {
    const secret = m[1];
    // shaped as a password (`alice:admin bob:viewer` gives users their roles)
    if (!isPasswordShaped(secret) || secret.includes('$') || judgeNamedValue({}, secret) !== 'literal') continue;
    out.push({ start: m.indices![1][0], end: m.indices![1][1], viaVariable: false });
  }
  return out;
}

/** `"name":"password"` lines and nothing else (NanoMQ's `nanomq_pwd.conf`; not JSON, whose lines are settings in braces). */
const QUOTED_PAIR_LINE = /^[ \t]*"[A-Za-z0-9_.@-]{1,64}"[ \t]*:[ \t]*"([^"\s]{1,4096})"[ \t]*\r?$/;

function quotedPairs(text: string): { start: number; end: number; viaVariable: boolean }[] {
  if (!text.includes('":"') && !text.includes('": "')) return [];
  return quotedValuesOfEveryLine(text, QUOTED_PAIR_LINE, /^[ \t]*#/)
    .filter((v) => !/^\d+$/.test(v.value) && !v.value.includes('$') && judgeNamedValue({}, v.value) === 'literal')
    .map(({ start, end }) => ({ start, end, viaVariable: false }));
}

/**
 * The quoted value (group 1 of `line`) of every line of a text of such lines alone, comments and blanks aside; none
 * when any other line is there (a file of another syntax that has a few such lines).
 */
function quotedValuesOfEveryLine(text: string, line: RegExp, comment: RegExp): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  let from = 0;
  for (const l of text.split('\n')) {
    const at = from;
    from += l.length + 1;
    if (!l.trim() || comment.test(l)) continue;
    const m = line.exec(l);
    if (!m) return [];
    const start = at + l.lastIndexOf(`"${m[1]}"`) + 1;
    out.push({ value: m[1], start, end: start + m[1].length });
  }
  return out;
}

/**
 * `name = password` lines of a Java realm file (ActiveMQ/Artemis and Karaf `users.properties`, Jetty's
 * `realm.properties` as `name: password, roles`, also named `passwords.properties` by Confluent's images); a properties
 * name escapes its colons (Karaf's `_g_\\:group`). A value may hold `#`: only a line's first character starts a comment
 * (`admin: opal9Sable#,admin`).
 */
const PROPERTIES_USER_LINE = /^[ \t]*((?:[A-Za-z0-9_.@-]|\\:){1,64})[ \t]*=[ \t]*([^\s,#][^\s,]{0,4095})(?:[ \t]*,[^\n]*)?[ \t]*$/dgm;
const REALM_USER_LINE = new RegExp(PROPERTIES_USER_LINE.source.replace('[ \\t]*=[ \\t]*', '[ \\t]*[=:][ \\t]*'), 'dgm');
/**
 * A realm file's hashed password: Karaf's `{CRYPT}…{CRYPT}`, Jetty's `MD5:`, `CRYPT:`. Not Jetty's `OBF:`: an obfuscation
 * its own `Password` class reverses, the password as good as written.
 */
const REALM_HASH = /^(?:\{[A-Z0-9-]{2,20}\}|(?:MD5|CRYPT):)/;

/**
 * The passwords of a users file written as properties; hashes and references are not returned. `name: password` lines
 * only in a realm file (Jetty's): an LDIF of users (`changetype: modify`) has such lines too.
 */
export function findPropertiesUserPasswords(text: string, realm = false): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (text.length > 100_000 || !(realm ? /[=:]/ : /=/).test(text)) return out;
  // a properties file: every line a `name = value`, a comment or blank (not a config in another syntax that has such lines)
  const lines = text.split('\n').filter((l) => l.trim() && !/^[ \t]*[#!]/.test(l));
  const line = realm ? /^[ \t]*(?:[A-Za-z0-9_.@-]|\\:){1,64}[ \t]*[=:]/ : /^[ \t]*(?:[A-Za-z0-9_.@-]|\\:){1,64}[ \t]*=/;
  if (!lines.every((l) => line.test(l))) return out;
  for (const m of text.matchAll(realm ? REALM_USER_LINE : PROPERTIES_USER_LINE)) {
    const value = m[2];
    // Karaf's groups (`_g_\\:admins = group,admin`) are no users
    if (m[1].startsWith('_g_')) continue;
    // WildFly's mgmt-users.properties keeps HEX(MD5(user:realm:password)); a realm file's hex digest is no password
    if (!isLiteral(value) || REALM_HASH.test(value) || isHexDigest(value)) continue;
    const [start, end] = m.indices![2];
    out.push({ start, end });
  }
  return out;
}

/** A line of PgBouncer's auth_file: `"name" "password"`, the password in clear, as an MD5 (`md5…`) or a SCRAM secret. */
const QUOTED_USER_LINE = /^[ \t]*"[^"\n]{1,64}"[ \t]+"([^"\n]{1,4096})"[ \t]*\r?$/;

/** The clear passwords of a file of `"name" "password"` lines and nothing else (PgBouncer's `userlist.txt`). */
export function findQuotedUserPasswords(text: string): { start: number; end: number }[] {
  if (text.length > 100_000 || !text.includes('" "')) return [];
  return quotedValuesOfEveryLine(text, QUOTED_USER_LINE, /^[ \t]*[;#]/)
    .filter((v) => !/^md5[0-9a-f]{32}$|^SCRAM-SHA-256\$/.test(v.value) && isLiteral(v.value))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * pppd's `chap-secrets` / `pap-secrets` lines, `client server secret [addresses…]` (each quoted or not): the secrets; not
 * `*`, an empty `""`, nor `@/path` (a file holding it).
 */
export function findPppSecrets(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(
    /^[ \t]*(?:"[^"\n]{1,200}"|[^\s"#]{1,200})[ \t]+(?:"[^"\n]{0,200}"|[^\s"]{1,200})[ \t]+(?:"([^"\n]{1,4096})"|([^\s"]{1,4096}))/dgm,
  )) {
    const g = m[1] !== undefined ? 1 : 2;
    const value = m[g];
    if (value === '*' || value.startsWith('@') || !isLiteral(value)) continue;
    out.push({ start: m.indices![g][0], end: m.indices![g][1] });
  }
  return out;
}

/**
 * ecFlow's password files (`<host>.<port>.ecf.passwd`, `….ecf.custom_passwd`): the server's version on the first line, then
 * `user host port password` lines. The passwords.
 */
export function findEcflowPasswords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!/^[ \t]*\d{1,3}\.\d{1,3}\.\d{1,3}[ \t]*\r?$/m.test(text.slice(0, 200))) return out;
  for (const m of text.matchAll(/^[ \t]*[A-Za-z0-9_.-]{1,64}[ \t]+[A-Za-z0-9.-]{1,253}[ \t]+\d{1,5}[ \t]+([^\s#]{1,4096})[ \t]*\r?$/dgm)) {
    if (isLiteral(m[1])) out.push({ start: m.indices![1][0], end: m.indices![1][1] });
  }
  return out;
}

/** Pgpool-II's `.pcppass` lines, `hostname:port:username:password` (port a number or `*`): the passwords. */
export function findPcpPasswords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/^[ \t]*[^\s:#]{1,253}:(?:\d{1,5}|\*):[^\s:]{1,63}:([^\s]{1,4096})[ \t]*\r?$/dgm)) {
    if (isLiteral(m[1])) out.push({ start: m.indices![1][0], end: m.indices![1][1] });
  }
  return out;
}

/**
 * A Nagios-family `resource.cfg` (Nagios, Icinga 1, Naemon, Centreon Engine): its `$USERn$=value` macros hold the
 * passwords and SNMP communities the checks are given. Not a path (`$USER1$` is the plugins' directory), a word of
 * letters alone or of lower-case words (a user's name), a number or a reference.
 */
export function findResourceMacroSecrets(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/^[ \t]*\$USER\d{1,3}\$[ \t]*=[ \t]*([^\s#;][^\s]{0,199})[ \t]*\r?$/dgm)) {
    const value = m[1];
    if (value.length < 6 || /^(?:[/.~]|[A-Za-z]:\\)/.test(value) || /^(?:[a-z._-]+|[A-Za-z]+|\d+)$/.test(value) || !isLiteral(value)) continue;
    out.push({ start: m.indices![1][0], end: m.indices![1][1] });
  }
  return out;
}

/** An INI section of users (`[users]` of Apache Shiro's shiro.ini, `[accounts]`, CouchDB's `[admins]`), up to the next section. */
const USERS_SECTION = /^[ \t]*\[(?:users|accounts|admins)\][ \t]*\r?$/gim;
/**
 * A JSON or YAML object of users (Orthanc's `"RegisteredUsers": { "admin": "…" }`), flat, up to its closing brace; or
 * Buildbot's `util.UserPasswordAuth({"admin": "…"})`.
 */
const USERS_OBJECT = /(?:["']?(?:[A-Za-z]{0,40}[Uu]sers|[Aa]ccounts)["']?[ \t]*:|\bUserPasswordAuth\()[ \t]*\{([^{}]{1,20000})\}/dg;
/** A users object's `"name": "password"` entry; a JavaScript object's names unquoted too (express-basic-auth's `users: { speaker: '…' }`). */
const USERS_OBJECT_ENTRY = /(?:["']([A-Za-z0-9_.@-]{1,64})["']|(?<![\w$.])[A-Za-z_][\w]{0,63})[ \t]*:[ \t]*["']([^"'\n]{1,256})["']/dg;

/**
 * A user element's password as long as a SHA-1, SHA-256 or SHA-512 digest in hex (Tomcat's
 * tomcat-users.xml under a CredentialHandler: `<user username="x" password="7f02…">`), at
 * `start`–`end` of `text`. Not MD5's 32 digits: `openssl rand -hex 16` makes passwords that long.
 */
export function isUserElementDigest(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length !== 40 && length !== 64 && length !== 128) return false;
  return /^[0-9a-f]+$/i.test(text.slice(start, end)) && /<user[ \t][^<>\n]*$/.test(text.slice(Math.max(0, start - 400), start));
}

/** A setting named for a hash holding one (`"hash": "5042…"`, `password_hash = $2y$…`), as a stored password's record has. */
const HASH_SETTING = /["']?[\w.-]{0,40}(?:hash|digest)["']?[ \t]*(?:=>|[:=])[ \t]*["']?[A-Za-z0-9$./+=]{20,}/i;
/** A password setting, or a record's `value`, and its value (`"password": "MYZX…=="`, OpenWebRX's `"value": "8f9c…"`). */
const PASSWORD_SETTING_VALUE = /["']?(?:[\w.-]{0,40}password|value)["']?[ \t]*(?:=>|[:=])[ \t]*["']?([A-Za-z0-9+/]+={0,2})["']?(?![\w+/=])/gi;

/**
 * A password setting (or a record's `value`) holding a SHA-256's or SHA-512's length of hex or base64 (Mosquitto's
 * dynamic-security `"password": "MYZX…=="`, OpenWebRX's users.json `"value": "8f9c…"` beside its salt).
 */
function holdsPasswordDigest(part: string): boolean {
  for (const m of part.matchAll(PASSWORD_SETTING_VALUE)) if (m[1].length >= 44 && isDigestLength(m[1])) return true;
  return false;
}
/** A salt's setting. */
const SALT_SETTING = /["']?[\w.-]{0,40}salt["']?[ \t]*(?:=>|[:=])/i;

/**
 * The record around an assignment at `at`: back to its object's `{` or a blank line, on to its `}` or a blank line, no
 * further than 300 characters either way; `after` starts past the assignment's own value.
 */
function recordAround(text: string, at: number): { before: string; after: string; window: string } {
  const window = text.slice(Math.max(0, at - 300), at);
  const before = window.slice(Math.max(window.lastIndexOf('{'), window.lastIndexOf('}') + 1, window.lastIndexOf('\n\n') + 1, 0));
  const rest = text.slice(at, at + 300);
  const ends = [rest.indexOf('}'), rest.indexOf('\n\n')].filter((i) => i >= 0);
  const record = rest.slice(0, ends.length ? Math.min(...ends) : rest.length);
  return { before, after: record.slice(/^[^,\n]*/.exec(record)![0].length), window };
}

/**
 * A salt kept beside the hash it salts (Shaarli's `"credentials": {"salt": …, "hash": …}`, Mosquitto's `"password": <digest>,
 * "salt": …`), or in a section of the hash's settings (isso's `[hash]`): a stored password's record or a hash's parameter.
 */
function isSaltOfStoredHash(text: string, at: number): boolean {
  const { before, after, window } = recordAround(text, at);
  const stored = (part: string) => HASH_SETTING.test(part) || holdsPasswordDigest(part);
  return stored(before) || stored(after) || /^\[hash(?:ing)?\][ \t]*$/im.test(window);
}

/** A password as long as a digest in a record with its salt (Mosquitto's dynamic-security clients): the stored hash. */
function isSaltedDigest(value: string, text: string, at: number): boolean {
  if (!isDigestLength(value)) return false;
  const { before, after } = recordAround(text, at);
  return SALT_SETTING.test(before) || SALT_SETTING.test(after);
}

/** The `SET` list of the SQL `UPDATE` statement an assignment at `at` belongs to, up to the statement's end; undefined outside one. */
function sqlUpdateAround(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 600), at);
  const update = SQL_UPDATE_SET.exec(before);
  if (!update) return undefined;
  const end = text.indexOf(';', at);
  return update[0] + text.slice(at, end < 0 ? Math.min(text.length, at + 600) : end);
}

/**
 * A column's stored password digest: a hex digest or a password hash (bcrypt's `$2y$…`) in a password column, or a column
 * named for its hash (`hashed_password`, `sha1_password`).
 */
function isStoredDigest(column: string, value: string): boolean {
  return (classifyKey(column).kind === 'password' && (isHexDigest(value) || classifyValue(value) === 'hash')) || (namesHash(column) && value.length >= 32);
}

/**
 * In a SQL `UPDATE … SET` (the statement around `at`), a password column's hex digest, or a salt set beside a stored
 * digest: the user's record, not a secret.
 */
function isStoredDigestOrSalt(kind: string | undefined, value: string, text: string, at: number): boolean {
  if (kind !== 'salt' && !(kind === 'password' && isHexDigest(value))) return false;
  const statement = sqlUpdateAround(text, at);
  if (statement === undefined) return false;
  if (kind === 'password') return true;
  for (const m of statement.matchAll(/([A-Za-z_][\w]{0,60})[ \t]*=[ \t]*'([^'\n]{1,300})'/g)) if (isStoredDigest(m[1], m[2])) return true;
  return false;
}

/** A digest written in hex (MD5, SHA-1, SHA-256, SHA-512): a stored password's hash, or a generated secret as long as one. */
function isHexDigest(value: string): boolean {
  return /^[0-9a-f]+$/i.test(value) && isDigestLength(value);
}

/** A value as long as a digest written in hex or base64 (MD5, SHA-1, SHA-256, SHA-512): how users files store hashed passwords. */
export function isDigestLength(value: string): boolean {
  if (/^[0-9a-f]+$/i.test(value)) return [32, 40, 64, 128].includes(value.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && [24, 28, 44, 88].includes(value.length);
}

/**
 * The sections of an INI or TOML text whose header `headers` matches: each header's match, and its body from the end of
 * the header up to the next section's start (every section's start found once).
 */
function* sectionBodies(text: string, headers: RegExp): Generator<{ header: RegExpExecArray; from: number; body: string }> {
  if (!text.includes('[')) return;
  const starts = [...text.matchAll(/^[ \t]*\[/gm)].map((m) => m.index);
  let next = 0;
  for (const header of text.matchAll(headers)) {
    const from = header.index + header[0].length;
    while (next < starts.length && starts[next] < from) next++;
    yield { header, from, body: text.slice(from, next < starts.length ? starts[next] : text.length) };
  }
}

/**
 * Passwords in a section or an object named for users, where each name maps to its password
 * (`admin = x, role` in shiro.ini's `[users]`, `"RegisteredUsers": {"admin": "x"}`). Settings
 * live in such sections too (Grafana's `[users]` has `default_theme = dark`): only a value shaped
 * like a password (letters and digits, eight characters or more) is one, and not one as long as a
 * digest (Shiro's hashed passwords).
 */
export function findUsersSectionPasswords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (text.length > 1_000_000) return out;
  // `withRoles`: the line gives the user roles after the password (`admin = x, root`), which no setting does: any
  // literal is that user's password however weak
  const take = (value: string, start: number, withRoles = false) => {
    if (isDigestLength(value) || !isLiteral(value) || /\s/.test(value)) return;
    if (withRoles || (value.length >= 8 && /\d/.test(value) && /[A-Za-z]/.test(value))) out.push({ start, end: start + value.length });
  };
  for (const { from, body } of sectionBodies(text, USERS_SECTION)) {
    for (const m of body.matchAll(PROPERTIES_USER_LINE)) take(m[2], from + m.indices![2][0], /,[ \t]*[A-Za-z]/.test(m[0].slice(m.indices![2][1] - m.index)));
  }
  if (text.includes('{')) {
    for (const o of text.matchAll(USERS_OBJECT)) {
      const [from] = o.indices![1];
      for (const m of o[1].matchAll(USERS_OBJECT_ENTRY)) take(m[2], from + m.indices![2][0]);
    }
  }
  return out;
}

/**
 * An INI or TOML section of secrets by name, up to the next section: SvxReflector's `[PASSWORDS]` (a group's shared key
 * for each group), Chainlink's secrets.toml `[Password]` (`Keystore = '…'`), a `[secrets]` or `[credentials]` table.
 */
const SECRETS_SECTION = /^[ \t]*\[(passwords?|secrets|credentials|tokens|api[_-]?keys)\][ \t]*\r?$/gim;
/** A Redis client's section (`[redis]` of emoncms's settings.ini, and its forks'). */
const REDIS_SECTION = /^[ \t]*\[(redis|keydb|valkey|dragonfly)\][ \t]*\r?$/gim;
/** A section's `name = value` line, the value perhaps quoted (TOML's `'…'` and `"…"`). */
const SECTION_ENTRY =
  /^[ \t]*([A-Za-z0-9_.@#-]{1,64})[ \t]*=[ \t]*(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'#;][^\s#;]{0,511}))[ \t]*(?:[#;][^\n]*)?\r?$/dgm;

/**
 * The values of a section named for secrets (SECRETS_SECTION), each a secret whatever its own name: a literal of six
 * characters or more, not a number, a boolean, a reference, a path or a placeholder.
 */
export function findSecretsSectionValues(text: string): { start: number; end: number; kind: string; name: string }[] {
  const out: { start: number; end: number; kind: string; name: string }[] = [];
  if (text.length > 1_000_000 || !text.includes('[')) return out;
  for (const { header, from, body } of sectionBodies(text, SECRETS_SECTION)) {
    const kind = /^pass/i.test(header[1]) ? 'password' : 'secret';
    for (const m of body.matchAll(SECTION_ENTRY)) {
      const g = valueGroup(m, 2);
      const value = m[g];
      if (value.length < 6 || /^(?:\d+|true|false|yes|no|on|off)$/i.test(value) || /^(?:[/.~]|[A-Za-z]:\\)/.test(value) || !isLiteral(value)) continue;
      // a setting among them (`zulip_org_id`, `checksum_auth_context = "charlie"`): a name that says no secret, or a word
      const named = classifyKey(m[1]);
      if (named.reason !== undefined || (!named.sensitive && !(/\d/.test(value) && /[A-Za-z]/.test(value) && value.length >= 8))) continue;
      out.push({ start: from + m.indices![g][0], end: from + m.indices![g][1], kind, name: m[1] });
    }
  }
  return out;
}

/** Words of a file of one-time password tokens. */
const OTP_FILE = /\b(?:[th]otp|oath|otplen)\b/i;
/** The separators a CSV file's header may use, the most frequent one taken. */
const CSV_SEPARATORS = [',', ';', '\t', '|'] as const;

/**
 * A CSV or TSV file whose header names a secret column (`user;zimbra password;new password` of an imapsync batch,
 * ChirpStack's `dev_eui,join_eui,app_key`): each row's cell in that column, judged as that setting's value (a hash is
 * none, nor is a salt). The header may be commented (`# user;password`) and followed by a note in parentheses.
 */
export function findCsvColumnSecrets(text: string): EmbeddedAssignment[] {
  const out: EmbeddedAssignment[] = [];
  if (text.length > 1_000_000) return out;
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return out;
  const header = lines[headerIndex].replace(/^[ \t]*#[ \t]*/, '').replace(/\r$/, '');
  const separator = CSV_SEPARATORS.reduce((best, s) => (header.split(s).length > header.split(best).length ? s : best));
  if (header.split(separator).length < 2) return out;
  const columns: { index: number; name: string; verdict: KeyVerdict }[] = [];
  header.split(separator).forEach((cell, index) => {
    const name = cell
      .replace(/\(.*$/, '')
      .trim()
      .replace(/^["']|["']$/g, '')
      .replace(/[ \t]+/g, '_');
    if (!name || name.length > 60 || /salt/i.test(name)) return;
    // an OATH token import's `seed` column (`serial, seed, type, otplen`): each token's secret
    const verdict = classifyKey(/^seed$/i.test(name) && OTP_FILE.test(text.slice(0, 2000)) ? 'otp_seed' : name);
    if (verdict.sensitive) columns.push({ index, name, verdict });
  });
  if (!columns.length) return out;
  let offset = lines.slice(0, headerIndex + 1).reduce((n, l) => n + l.length + 1, 0);
  for (const line of lines.slice(headerIndex + 1, headerIndex + 5001)) {
    const row = line.replace(/\r$/, '');
    if (row.trim() && !/^[ \t]*#/.test(row)) {
      const starts: number[] = [0];
      for (let i = row.indexOf(separator); i >= 0; i = row.indexOf(separator, i + 1)) starts.push(i + 1);
      for (const c of columns) {
        if (c.index >= starts.length) continue;
        const from = starts[c.index];
        const to = c.index + 1 < starts.length ? starts[c.index + 1] - 1 : row.length;
        let cell = row.slice(from, to);
        const lead = cell.length - cell.trimStart().length;
        cell = cell.trim();
        const quoted = /^"[^"]*"$|^'[^']*'$/.test(cell);
        const value = quoted ? cell.slice(1, -1) : cell;
        if (!value || !isLiteral(value) || isPasswordDigest(c.verdict.kind, value)) continue;
        const looseness = nameLooseness(c.name);
        if (judgeNamedValue(looseness, value) !== 'literal') continue;
        // a row's state in a token's or a key's column (`pending`, `revoked`): a word of small letters is no token
        if (looseness.countable && /^[a-z]{1,20}$/.test(value)) continue;
        const start = offset + from + lead + (quoted ? 1 : 0);
        out.push({ name: c.name, kind: describeKind(c.verdict.kind), start, end: start + value.length, viaVariable: false });
      }
    }
    offset += line.length + 1;
  }
  return out;
}
