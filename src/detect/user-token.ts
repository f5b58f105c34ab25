import { splitWords } from './keys.js';
import { isGeneratedToken, UUID } from './password-shape.js';

/**
 * A user name that is the secret itself. Some services take one token as both user and password
 * (Postmark's SMTP server token is written as `SMTP_USER` and `SMTP_PASSWORD`); a user-named
 * setting holding exactly the value of a secret reported beside it exposes that secret as much as
 * the password line does. Only a generated token counts: `admin`/`admin` is a weak password, and
 * its user name tells nothing more.
 */

/** The last words of a setting that names a user: `SMTP_USER`, `EMAIL_HOST_USER`, `username`, `MAIL_USER_NAME`, `login`. */
export function isUserName(name: string): boolean {
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last === 'user' || last === 'username' || last === 'login' || (last === 'name' && words[words.length - 2] === 'user');
}

/** Postmark's SMTP host: its user name is a server token (a UUID), the password the same token. As a value, and in a text. */
const POSTMARK_HOST = String.raw`(?:smtp|smtp-broadcasts)\.postmarkapp\.com`;
const POSTMARK_SMTP_HOST = new RegExp(`^${POSTMARK_HOST}$`, 'i');
const POSTMARK_IN_TEXT = new RegExp(`\\b${POSTMARK_HOST}\\b`, 'i');

/**
 * The user-named settings among `entries` whose value is one of `secrets` (values reported as
 * secrets beside them), or a UUID where the entries name Postmark's SMTP host (the password may
 * be a reference to the user setting, or absent: the user name alone is the token), each with
 * what a message calls it.
 */
export function usersHoldingSecret<T extends { key: string }>(
  entries: Iterable<T>,
  literalOf: (e: T) => string | undefined,
  secrets: ReadonlySet<string>,
): { entry: T; kind: string }[] {
  const out: { entry: T; kind: string }[] = [];
  const list = [...entries];
  const postmark = list.some((e) => POSTMARK_SMTP_HOST.test(literalOf(e) ?? ''));
  if (!secrets.size && !postmark) return out;
  for (const entry of list) {
    if (!isUserName(entry.key)) continue;
    const value = literalOf(entry);
    if (value === undefined) continue;
    if (secrets.has(value) && isGeneratedToken(value)) out.push({ entry, kind: USER_TOKEN_KIND });
    else if (postmark && UUID.test(value)) out.push({ entry, kind: POSTMARK_USER_KIND });
  }
  return out;
}

/** A text's user-named lines (`MAIL_USERNAME=…`, `user: …`) holding a UUID where the text names Postmark's SMTP host. */
export function postmarkUserTokens(text: string): { start: number; end: number; name: string }[] {
  if (!POSTMARK_IN_TEXT.test(text)) return [];
  const out: { start: number; end: number; name: string }[] = [];
  for (const m of text.matchAll(POSTMARK_USER_LINE)) {
    if (isUserName(m[1])) out.push({ start: m.indices![2][0], end: m.indices![2][1], name: m[1] });
  }
  return out;
}
/** `NAME=uuid`, `name: uuid`, a JSON member, or a SQL settings row `('smtp_username', 'uuid'),`. */
const POSTMARK_USER_LINE =
  /^[ \t]*(?:export[ \t]+)?\(?[ \t]*["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*(?:=|:|,)[ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})["']?[ \t]*\)?[ \t]*[,;]?[ \t]*\r?$/dgim;

/** What a message calls Postmark's SMTP user name. */
export const POSTMARK_USER_KIND = "Postmark server token (Postmark's SMTP user name)";

/** What a message calls the secret a user name holds. */
export const USER_TOKEN_KIND = 'token (the same value as the secret set beside it)';
