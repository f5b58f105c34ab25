import { splitWords } from './keys.js';
import { isGeneratedToken } from './password-shape.js';

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

/** The user-named settings among `entries` whose value is one of `secrets` (values reported as secrets beside them). */
export function usersHoldingSecret<T extends { key: string }>(
  entries: Iterable<T>,
  literalOf: (e: T) => string | undefined,
  secrets: ReadonlySet<string>,
): T[] {
  const out: T[] = [];
  if (!secrets.size) return out;
  for (const entry of entries) {
    if (!isUserName(entry.key)) continue;
    const value = literalOf(entry);
    if (value !== undefined && secrets.has(value) && isGeneratedToken(value)) out.push(entry);
  }
  return out;
}

/** What a message calls the secret a user name holds. */
export const USER_TOKEN_KIND = 'token (the same value as the secret set beside it)';
