/**
 * A credential written in a sentence of a comment: `initial superuser password was
 * Granite-quartz-2845`, `root password after the 2024-05 reset: Harbor-harbor-3816`, `old bot
 * token, revoked 2024-03? cAeF-bcfvzjoZ…=`. Someone kept the secret in a note beside the code;
 * it is committed with it. The secret's word comes first. A password is the word right after
 * `was`, `is`, `to`, `:` or `=` within a few words of it, shaped like one (upper and lower case
 * and a digit); a token is a generated-looking word anywhere after it on the line (24 or more
 * letters and digits of both cases). Nothing else in a sentence is taken: `password is required`,
 * `the token is in the vault`, a path or a variable say where the secret is, not what it is.
 */
import { isPasswordShaped } from './password-shape.js';
import { isPlaceholder } from './placeholder.js';
import { classifyValue } from './value-class.js';

export interface ProseCredential {
  start: number;
  end: number;
  kind: 'password' | 'token';
}

const SECRET_WORD = /\b(?:(password|passwd|passphrase|pwd|pin|credentials|creds|login)|(token|secret|api[ _-]?key|access[ _-]?key))\b/gi;
/** Words before the secret's word that make it another thing: the public half, a hash of it. */
const NOT_THE_SECRET_BEFORE = /\b(?:public|publishable|anon|hashed|hash of the|encrypted|obscured)[ \t]+$/i;
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
/** A generated token later on the line: letters of both cases and digits, base64's `+/=` allowed. */
const GENERATED = /(?<![\w+/=-])(?=[\w+/=-]*\d)(?=[\w+/=-]*[a-z])(?=[\w+/=-]*[A-Z])[A-Za-z0-9_+/-]{24,200}={0,2}(?![\w+/=-])/;

export function findProseCredential(line: string): ProseCredential | undefined {
  if (line.length > 400) return undefined;
  for (const m of line.matchAll(SECRET_WORD)) {
    const after = m.index + m[0].length;
    const rest = line.slice(after);
    if (NOT_THE_SECRET_BEFORE.test(line.slice(Math.max(0, m.index - 40), m.index)) || NOT_THE_SECRET_AFTER.test(rest)) continue;
    // a login written as `user / password` (`old creds from before we rotated: airbyte / Pylon_Harbor_62`, `login mkovacs / …`): its password
    const slashed = SLASHED_LOGIN.exec(rest);
    if (slashed) {
      const word = slashed[1].replace(/[.,;:!?)\]]+$/, '');
      const start = after + slashed.index + slashed[0].length - slashed[1].length;
      if (isPasswordShaped(word) && isLiteral(word)) return { start, end: start + word.length, kind: m[1] ? 'password' : 'token' };
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
      if (isPasswordShaped(word) && isLiteral(word)) {
        return { start, end: start + word.length, kind: m[1] ? 'password' : 'token' };
      }
    }
    const generated = GENERATED.exec(rest);
    if (generated && isLiteral(generated[0])) {
      const start = after + generated.index;
      return { start, end: start + generated[0].length, kind: m[1] ? 'password' : 'token' };
    }
  }
  return undefined;
}

/** Not a placeholder, and a value of no other kind (a public key, a hash, an identifier's format, a reference). */
function isLiteral(word: string): boolean {
  return !isPlaceholder(word) && classifyValue(word) === 'literal';
}
