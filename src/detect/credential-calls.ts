/**
 * A password passed by position to a library call that takes one: Django's
 * `create_superuser('admin', 'ops@…', 'Falcon@2001x')`, PHP's `ldap_bind($ds, 'cn=…', '…')` and
 * `new PDO($dsn, 'app', '…')`, Python's `ftp.login('user', '…')`, `jwt.encode(payload, '…')`. No name
 * stands beside such a value; the function's own signature says what it is. Only a string literal
 * shaped like a chosen or generated password is taken: a variable, an expression, a placeholder or a
 * plain word is not a password written down. A Hardhat network's `accounts: ["0x…"]` is a private key the same way.
 */
import { isChosenPassword, isGeneratedLiteral, isPasswordShaped, isRandomLetters } from './password-shape.js';
import { isPlaceholder } from './placeholder.js';
import { classifyValue } from './value-class.js';

export interface CallCredential {
  start: number;
  end: number;
  kind: 'password' | 'secret' | 'private key';
  /** The function, as the finding names it (`create_superuser`). */
  call: string;
}

interface CredentialCall {
  /** The call's name as written before `(`, with its receiver when it is part of the name (`new PDO`). */
  name: RegExp;
  /** The argument holding the secret, 1-based; `last` for the last of at least `min` arguments. */
  argument: number | 'last';
  min?: number;
  kind: 'password' | 'secret';
}

/** Calls whose signature puts a password or a key at a known position. */
const CREDENTIAL_CALLS: readonly CredentialCall[] = [
  // Django's user managers: (username, email, password); a custom user model's (email, password)
  { name: /(?<![\w$])create_superuser$/, argument: 'last', min: 2, kind: 'password' },
  { name: /(?<![\w$])create_user$/, argument: 'last', min: 3, kind: 'password' },
  { name: /(?<![\w$])set_password$/, argument: 1, kind: 'password' },
  // ftplib, smtplib, imaplib and clients written after them: login(user, password)
  { name: /\.login$/, argument: 2, kind: 'password' },
  // PHP's LDAP and MySQL: ldap_bind(link, dn, password), mysqli_connect(host, user, password), new PDO(dsn, user, password)
  { name: /(?<![\w$])ldap_bind$/, argument: 3, kind: 'password' },
  { name: /(?<![\w$])(?:mysqli_connect|mysql_connect|new[ \t]+mysqli|new[ \t]+\\?PDO)$/, argument: 3, kind: 'password' },
  // python-ldap: simple_bind_s(who, cred)
  { name: /\.simple_bind(?:_s)?$/, argument: 2, kind: 'password' },
  // JDBC: DriverManager.getConnection(url, user, password)
  { name: /(?<![\w$])DriverManager\.getConnection$/, argument: 3, kind: 'password' },
  // requests' and httpx's basic auth: HTTPBasicAuth(user, password)
  { name: /(?<![\w$])(?:HTTP(?:Basic|Digest)Auth|BasicAuth)$/, argument: 2, kind: 'password' },
  // SCiMMA's hop-client and clients like it: Auth(user, password) (`hop.auth.Auth`)
  { name: /(?<![\w$])(?:hop\.auth\.)?Auth$/, argument: 2, kind: 'password' },
  // sbt's and Ivy's repository login: Credentials(realm, host, user, password)
  { name: /(?<![\w$.])Credentials$/, argument: 4, kind: 'password' },
  // PyJWT and jsonwebtoken: encode/sign(payload, key)
  { name: /(?<![\w$])jwt\.(?:encode|sign)$/, argument: 2, kind: 'secret' },
];

/** A call's name just before `(`: words joined by `.`, `::` or `->`, after `new` when it is one. */
const CALL = /(?:\bnew[ \t]+\\?)?[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*[ \t]*\(/g;

/** A quoted string literal, as the whole argument (Python's `r`/`b`/`u` prefixes allowed). */
const STRING_LITERAL = /^[rbuRBU]?(["'])((?:(?!\1)[^\\\n]|\\.)*)\1$/;

/**
 * A login written as a pair of strings under an authentication's name: requests' `auth=('user', '…')`, Elasticsearch's
 * `http_auth=('elastic', '…')`, a test's `AUTH = ("harvester", "…")`.
 */
const AUTH_PAIR =
  /(?<![\w$])(?:[a-z_]*auth|credentials|creds)[ \t]*[=:][ \t]*[([][ \t]*(["'])[^"'\n]{1,64}\1[ \t]*,[ \t]*(["'])((?:(?!\2)[^\\\n])+)\2[ \t]*,?[ \t]*[)\]]/gi;

/** Hardhat's and Truffle's network `accounts: ["0x…"]`: the private keys of the accounts the tool deploys and signs with. */
const HARDHAT_ACCOUNTS = /(?<![\w$])accounts[ \t]*:[ \t]*\[[ \t]*(["'`])((?:0x)?[0-9a-fA-F]{64})\1/g;

/** The methods that type a value into a form's field: Playwright's, Puppeteer's, Selenium's, WebdriverIO's. */
const FILL_METHODS = 'fill|type|send_keys|sendKeys|setValue|pressSequentially';

/**
 * A browser automation's login (a crawler's behaviour, an end-to-end test): a form's password field, by a selector that
 * names it, given a string: Playwright's `page.fill('#password', '…')` and `.locator('…password…').fill('…')`, Puppeteer's
 * `page.type(…)`, Selenium's `.send_keys('…')`, the DOM's `querySelector("input[name=password]").value = "…"`.
 */
const FORM_PASSWORD = new RegExp(
  `(["'\`])[^"'\`\n]{0,80}pass(?:word|wd)?(?![a-z])[^"'\`\n]{0,80}\\1[ \t]*(?:\\)[ \t]*(?:\\.(?:${FILL_METHODS})[ \t]*\\([ \t]*|\\.value[ \t]*=[ \t]*)|,[ \t]*)(["'\`])([^"'\`\n\\\\$]{4,128})\\2`,
  'gi',
);
/** A filler's call just before a selector (`page.fill(` of `page.fill('#password', …)`). */
const FILL_CALL_BEFORE = new RegExp(`\\.(?:${FILL_METHODS})[ \t]*\\([ \t]*$`);

/** Shaped like a password someone chose or a generator wrote, and written down: not a placeholder nor a value of another kind. */
function isWrittenPassword(value: string): boolean {
  // (a generator's letters alone too: `TucgxSaopjSE`)
  return (isChosenPassword(value) || isGeneratedLiteral(value) || isRandomLetters(value)) && !isPlaceholder(value) && classifyValue(value) === 'literal';
}

/** The secrets passed by position to the calls of CREDENTIAL_CALLS on `text`, and the passwords of logins written as pairs, with their offsets in it. */
export function findCallCredentials(text: string): CallCredential[] {
  const out: CallCredential[] = [];
  if (!text.includes('(') && !text.includes('[')) return out;
  if (text.includes('accounts'))
    for (const m of text.matchAll(HARDHAT_ACCOUNTS)) {
      const start = m.index + m[0].length - m[2].length - 1;
      if (!isPlaceholder(m[2])) out.push({ start, end: start + m[2].length, kind: 'private key', call: 'accounts' });
    }
  if (/auth|cred/i.test(text))
    for (const m of text.matchAll(AUTH_PAIR)) {
      const value = m[3];
      if (!isWrittenPassword(value)) continue;
      const start = m.index + m[0].lastIndexOf(m[2] + value + m[2]) + 1;
      out.push({ start, end: start + value.length, kind: 'password', call: 'auth' });
    }
  if (/pass/i.test(text))
    for (const m of text.matchAll(FORM_PASSWORD)) {
      const value = m[3];
      // the selector's own call before it, for `page.fill('#password', …)`: a filler, not any call's two strings
      if (!m[0].includes(')') && !FILL_CALL_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      // (the selector says password: a value of both cases and digits is one)
      if (!(isWrittenPassword(value) || (isPasswordShaped(value) && !isPlaceholder(value) && classifyValue(value) === 'literal'))) continue;
      const start = m.index + m[0].length - value.length - 1;
      if (!out.some((o) => o.start === start)) out.push({ start, end: start + value.length, kind: 'password', call: 'form' });
    }
  for (const m of text.matchAll(CALL)) {
    const name = m[0].slice(0, -1).trimEnd();
    const call = CREDENTIAL_CALLS.find((c) => c.name.test(name));
    if (!call) continue;
    const args = splitArguments(text, m.index + m[0].length);
    if (!args) continue;
    const index = call.argument === 'last' ? (args.length >= (call.min ?? 1) ? args.length - 1 : -1) : call.argument - 1;
    const arg = args[index];
    if (!arg) continue;
    const literal = STRING_LITERAL.exec(arg.text);
    if (!literal) continue;
    const value = literal[2];
    const start = arg.start + arg.text.indexOf(literal[1]) + 1;
    // (the signature says password: one of both cases and digits, ten or more characters, is one too: `AgOVAGh9jqpI`)
    const shaped = call.kind === 'password' && value.length >= 10 && isPasswordShaped(value) && !isPlaceholder(value) && classifyValue(value) === 'literal';
    if (!(isWrittenPassword(value) || shaped) || out.some((o) => o.start === start)) continue;
    out.push({
      start,
      end: start + value.length,
      kind: call.kind,
      call: name
        .replace(/^new[ \t]+\\?/, '')
        .split(/\.|::|->/)
        .pop()!,
    });
  }
  return out;
}

/** The arguments of a call whose `(` ends before `from`, each trimmed with its offset; undefined past 600 characters or a line's end in a string. */
function splitArguments(text: string, from: number): { text: string; start: number }[] | undefined {
  const args: { text: string; start: number }[] = [];
  let depth = 0;
  let quote = '';
  let begin = from;
  const limit = Math.min(text.length, from + 600);
  const push = (end: number) => {
    const raw = text.slice(begin, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) args.push({ text: raw.trim(), start: begin + lead });
  };
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      else if (ch === '\n') return undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) {
        push(i);
        return args;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      push(i);
      begin = i + 1;
    }
  }
  return undefined;
}
