/**
 * A credential written in a sentence of a comment: `initial superuser password was
 * Granite-quartz-2845`, `root password after the 2024-05 reset: Harbor-harbor-3816`, `old bot
 * token, revoked 2024-03? cAeF-bcfvzjoZ…=`. Someone kept the secret in a note beside the code;
 * it is committed with it. The secret's word comes first. A password is the word right after
 * `was`, `is`, `to`, `:` or `=` within a few words of it, shaped like one (upper and lower case
 * and a digit) or as a generator writes one from a smaller alphabet (isGeneratorWord); a token is
 * a generated-looking word anywhere after it on the line (24 or more letters and digits of both cases). Nothing else in a sentence is taken: `password is required`,
 * `the token is in the vault`, a path or a variable say where the secret is, not what it is.
 */
import { classifyKey } from './keys.js';
import { isGeneratedLiteral, isGeneratorWord, isHexTailed, isMixedPassword, isPasswordShaped } from './password-shape.js';
import { isPlaceholder } from './placeholder.js';
import { classifyValue } from './value-class.js';

export interface ProseCredential {
  start: number;
  end: number;
  kind: 'password' | 'token';
}

// (and the password's word in the languages the projects' notes are written in: German, Dutch, French, Spanish, Portuguese;
// a Wi-Fi network's pre-shared key, `the PSK is …`)
const SECRET_WORD =
  /\b(?:(password|passwd|passphrase|pwd|pw|pin|psk|passcode|credentials|creds|login|pass|passwort|kennwort|wachtwoord|mot de passe|contrase\u00f1a|senha)|(token|secret|api[ _-]?key|access[ _-]?key|key))\b/gi;
/** Right after the word and a blank, a word of its own: a password stated without a linking word. */
const JUXTAPOSED = /^[ \t]+([^\s"'`]{8,128})/;
/** Right after the word, a code span of a document (`` pass `fVG1…` ``): what it holds. */
const CODE_SPAN = /^[ \t]+`([^`\s]{8,128})`/;
/** A Markdown table's row up to its second cell: the first cell's words, the second cell as written and its value. */
const TABLE_ROW = /^[ \t]*\|[ \t]*([A-Za-z][\w .-]{0,40}?)[ \t]*\|[ \t]*(`?([^|`\s]{6,128})`?)(?=[ \t]*\|)/;
/** Words before the secret's word that make it another thing: the public half, a hash of it, its id (`the key id of our API key is …`), a denial (`token id (not the token): …`). */
const NOT_THE_SECRET_BEFORE =
  /\b(?:(?:public|publishable|anon|hashed|hash of the|encrypted|obscured|not the|not a|not its)|`?(?:id|ids|identifier|kid|key[ -]id|name|fingerprint|hash|prefix)`?[ \t]+of[ \t]+(?:[\w-]+[ \t]+){0,4})[ \t]*$/i;
/** Words after it that do the same: an identifier, a fingerprint, a hash, where it is kept. */
const NOT_THE_SECRET_AFTER = /^[ \t]*(?:id|ids|identifier|name|fingerprint|hash|digest|file|path|url|header|prefix|length|ttl|expiry|endpoint)\b/i;
/** After the word, within 60 characters of one line: the linking word and the password. */
const STATED = /^[^\n]{0,60}?(?:[ \t](?:was|is|to|be|are|were)[ \t]+|[ \t]*[:=][ \t]*)["'`]?([^\s"'`]{8,128})/i;
/** The same with `:` or `=` only: a remark whose own verb came first (`secret (kept until all nodes are updated): …`). */
const STATED_BY_SIGN = /^[^\n]{0,60}?[ \t]*[:=][ \t]*["'`]?([^\s"'`]{8,128})/;
/**
 * After the word: within 60 characters of one line `:` or `=`, or right after it a blank (not a word that says what of the
 * login it is: `login page / …`); then a user's name, a slash between blanks and the password.
 */
const SLASHED_LOGIN =
  /^(?:[^\n]{0,60}?[:=][ \t]*|[ \t]+(?!(?:page|screen|form|url|button|flow|prompt|name|id|method|shell)\b))["'`]?[A-Za-z][A-Za-z0-9_.@-]{0,63}["'`]?[ \t]+\/[ \t]+["'`]?([^\s"'`]{8,128})/i;
/** Words joined by hyphens with a number, as a passphrase generator writes them: three or more words of three or more letters. */
const PASSPHRASE = /^(?=[a-z-]*\d)[a-z]{3,12}\d{0,4}(?:-[a-z]{3,12}\d{0,4}){2,7}$/;
/** A sentence about a digest, whose hex is not a token. */
// (and a test vector's, a function's known output for a given input: `HMAC("key", "The quick brown fox…") = f7bc…`)
const DIGEST_WORD = /\b(?:sha\d*|md5|checksum|digest|hash|commit|fingerprint|revision|rev|test[ -]?vectors?)\b/i;
/** A generated token later on the line: letters of both cases and digits, base64's `+/=` allowed. */
const GENERATED = /(?<![\w+/=-])(?=[\w+/=-]*\d)(?=[\w+/=-]*[a-z])(?=[\w+/=-]*[A-Z])[A-Za-z0-9_+/-]{24,200}={0,2}(?![\w+/=-])/;

/** A password stated after its word: shaped like one, or a word a generator wrote from a smaller alphabet (`d34r3vehk7`). */
function isStatedPassword(word: string): boolean {
  return isPasswordShaped(word) || isGeneratorWord(word);
}

export function findProseCredential(line: string): ProseCredential | undefined {
  if (line.length > 400) return undefined;
  // a table's row that names the secret in its first cell and gives it in its second (`| Password | cA8q… |`)
  const row = TABLE_ROW.exec(line);
  if (row) {
    const kind = classifyKey(row[1].trim().replace(/[ \t-]+/g, '_'));
    const value = row[3];
    if (kind.sensitive && (isPasswordShaped(value) || isGeneratedLiteral(value)) && isLiteral(value)) {
      const start = row.index + row[0].length - row[2].length + (row[2].startsWith('`') ? 1 : 0);
      return { start, end: start + value.length, kind: kind.kind === 'password' ? 'password' : 'token' };
    }
  }
  for (const m of line.matchAll(SECRET_WORD)) {
    const after = m.index + m[0].length;
    const rest = line.slice(after);
    if (NOT_THE_SECRET_BEFORE.test(line.slice(Math.max(0, m.index - 40), m.index)) || NOT_THE_SECRET_AFTER.test(rest)) continue;
    // a password in a code span right after its word (`` user `news@…`, pass `fVG1…` ``), as documents write it
    const span = CODE_SPAN.exec(rest);
    if (span && m[1] && isStatedPassword(span[1]) && isLiteral(span[1])) {
      const start = after + span[0].length - span[1].length - 1;
      return { start, end: start + span[1].length, kind: 'password' };
    }
    // a token of a name and generated hex digits (`token `loop-4128df556837ef35``, `?token=oma-d825…`), in a code span or
    // stated (not a UUID: a token's word before one names a resource's id as often: tried in detect33, one false alarm of a
    // held-out set for one exposure of a tuned one)
    // (not after a bare `key`: a cache's or a build's key is written so too)
    const tokenWord = m[1] || /^key$/i.test(m[0]) ? undefined : (span?.[1] ?? STATED_BY_SIGN.exec(rest)?.[1]);
    if (tokenWord && isHexTailed(tokenWord) && isLiteral(tokenWord)) {
      const start = after + rest.indexOf(tokenWord);
      return { start, end: start + tokenWord.length, kind: 'token' };
    }
    // `pass` says password only so (`pass the token to…`, `pass: …` in a YAML file are other things)
    if (/^pass$/i.test(m[0])) continue;
    // a password right after its word (`temporary account for the contractor, password Xs8@5~z@X=_S (remove after go-live)`):
    // one shaped like a password, of both cases and digits, which no word of a sentence is
    const juxtaposed = /^(?:password|passwd|pwd|pw|passwort|kennwort|wachtwoord|mot de passe|contrase\u00f1a|senha)$/i.test(m[0])
      ? JUXTAPOSED.exec(rest)
      : null;
    if (juxtaposed) {
      const word = juxtaposed[1].replace(/[.,;:!?)\]]+$/, '');
      const start = after + juxtaposed[0].length - juxtaposed[1].length;
      if (isPasswordShaped(word) && isLiteral(word)) return { start, end: start + word.length, kind: 'password' };
    }
    // a bare `key` (`legacy CRM key (v1 API): DHNG…`) is too common a word to take what is stated after it: a generated token only
    if (m[0].length === 3 && /^key$/i.test(m[0])) {
      const generated = DIGEST_WORD.test(line) ? undefined : generatedToken(rest);
      if (generated) return { start: after + generated.start, end: after + generated.end, kind: 'token' };
      // or hex digits stated with a sign (`fallback key used during the migration: def00000f19e…`), in a sentence of no digest,
      // perhaps behind a vendor's prefix (`Old key (rotated 2025-11): zp_5358…`)
      const stated = STATED_BY_SIGN.exec(rest);
      const at = stated ? stated.index + stated[0].length - stated[1].length : 0;
      const hex = stated ? /^(?:[a-z]{2,8}_)?[0-9a-f]{32,256}(?![\w+/=-])/.exec(rest.slice(at)) : null;
      if (hex && !DIGEST_WORD.test(line) && isLiteral(hex[0])) return { start: after + at, end: after + at + hex[0].length, kind: 'token' };
      continue;
    }
    // a login written as `user / password` (`old creds from before we rotated: airbyte / Pylon_Harbor_62`, `login mkovacs / …`): its password
    const slashed = SLASHED_LOGIN.exec(rest);
    if (slashed) {
      const word = slashed[1].replace(/[.,;:!?)\]]+$/, '');
      const start = after + slashed.index + slashed[0].length - slashed[1].length;
      if ((m[1] ? isStatedPassword(word) : isPasswordShaped(word)) && isLiteral(word))
        return { start, end: start + word.length, kind: m[1] ? 'password' : 'token' };
    }
    // a URL's query parameter (an IPTV provider's `get.php?username=…&password=ktj4kg2b3g&type=m3u_plus`): the value up to
    // the next parameter, of letters and digits both
    const query = line[m.index - 1] === '?' || line[m.index - 1] === '&' ? /^=([^&#\s"'`<>]{6,200})/.exec(rest) : null;
    if (query && /\d/.test(query[1]) && /[A-Za-z]/.test(query[1]) && isLiteral(query[1])) {
      return { start: after + 1, end: after + 1 + query[1].length, kind: m[1] ? 'password' : 'token' };
    }
    for (const stated of [STATED.exec(rest), STATED_BY_SIGN.exec(rest)]) {
      if (!stated) continue;
      let word = stated[1].replace(/[.,;:!?)\]]+$/, '');
      let start = after + stated.index + stated[0].length - stated[1].length;
      // a login stated whole (`credentials used to be admin:EVHNz6aPjwr9`): its password
      const login = /^[A-Za-z][A-Za-z0-9_.@-]{0,63}:(?!\/\/)/.exec(word);
      if (login) {
        word = word.slice(login[0].length);
        start += login[0].length;
      }
      if ((m[1] ? isStatedPassword(word) : isPasswordShaped(word)) && isLiteral(word) && isLiteral(enclosingWord(rest, start - after, word.length))) {
        return { start, end: start + word.length, kind: m[1] ? 'password' : 'token' };
      }
      // a passphrase of words (`restic repo password: river-timber-zephyr-walnut97`), or a token of hex digits stated
      // with a sign (`API token for the scanner: 3896…`): where no digest, checksum or commit is in the sentence
      if (
        (m[1] ? PASSPHRASE.test(word) : /^[0-9a-f]{32,64}$/.test(word) && /[:=]/.test(stated[0].slice(0, -stated[1].length))) &&
        !DIGEST_WORD.test(line) &&
        isLiteral(word)
      ) {
        return { start, end: start + word.length, kind: m[1] ? 'password' : 'token' };
      }
    }
    const generated = generatedToken(rest);
    if (generated) return { start: after + generated.start, end: after + generated.end, kind: m[1] ? 'password' : 'token' };
  }
  return undefined;
}

/** The first generated-looking token of a text (GENERATED), when it is a literal and no part of a path or a hash's notation. */
function generatedToken(text: string): { start: number; end: number } | undefined {
  const m = GENERATED.exec(text);
  if (!m || isWordPath(m[0]) || !isLiteral(m[0]) || !isLiteral(enclosingWord(text, m.index, m[0].length))) return undefined;
  return { start: m.index, end: m.index + m[0].length };
}

/** Not a placeholder, and a value of no other kind (a public key, a hash, an identifier's format, a reference). */
function isLiteral(word: string): boolean {
  return !isPlaceholder(word) && classifyValue(word) === 'literal';
}

/** A line that speaks of a login: a login's, an account's or an administrator's word. */
// (or of the file of logins the password went into: Traefik's `usersFile`, an `htpasswd`, basic auth's)
const LOGIN_WORD =
  /\b(?:login|log[ -]in|logon|sign[ -]?in|credentials?|creds|account|password|passwd|admin(?:istrator)?|root|superuser|user(?:name)?|users?[ _-]?file|htpasswd|basic[ -]?auth)\b/i;
/** A user's name in lower case as logins are written, a slash between blanks and the password (`admin / Ro^oqvLZuJcM`), not part of a path. */
// (the password perhaps named again after the slash: `user: archive@… / pass: NSfk…`)
// (either perhaps in a Markdown code span: `` `admin` / `Snatch@6872x` ``)
const USER_SLASH_PASSWORD = /(?<![\w./-])`?([a-z][a-z0-9_.@-]{0,63})`?[ \t]+\/[ \t]+(?:pass(?:word)?:[ \t]*)?`?([^\s"'`]{8,128})/g;

/**
 * A login written as `user / password` in a sentence that speaks of a login or an administrator but names no secret word
 * before it (`Grafana for the exporter: admin / Ro^oqvLZuJcM`, `the break-glass login is admin / -^wFG…`): the password,
 * when shaped like one (a leading `-` is the password's own sign here, not an option's).
 */
export function findSlashedLogin(line: string): ProseCredential | undefined {
  if (line.length > 400 || !line.includes(' / ') || !LOGIN_WORD.test(line)) return undefined;
  for (const m of line.matchAll(USER_SLASH_PASSWORD)) {
    const word = m[2].replace(/[.,;:!?)\]]+$/, '');
    const after = line.slice(m.index + m[0].length);
    if (/^[ \t]+\/[ \t]/.test(after)) continue;
    if (!isMixedPassword(word.startsWith('-') ? word.slice(1) : word) || !isLiteral(word)) continue;
    const start = m.index + m[0].length - m[2].length;
    return { start, end: start + word.length, kind: 'password' };
  }
  return undefined;
}

/** The blank-delimited word around a match, its quotes taken off: a token inside a hash's notation (`SCRAM-SHA-256$4096:…$…`) is the hash's. */
function enclosingWord(text: string, start: number, length: number): string {
  const before = /[^\s"'`]*$/.exec(text.slice(0, start))![0];
  const after = /^[^\s"'`]*/.exec(text.slice(start + length))![0];
  return (before + text.slice(start, start + length) + after.replace(/[.,;:!?)\]]+$/, '')).replace(/^[:=]+/, '');
}

/** A path of words and numbers (`config/Controller/Api/Backend/ctrlBackend0`, `554/Streaming/Channels/101`), not base64. */
function isWordPath(word: string): boolean {
  return word.includes('/') && word.split('/').every((segment) => /^(?:[A-Z]?[a-z]+(?:[A-Z][a-z]+)*\d*|\d+|)$/.test(segment));
}
