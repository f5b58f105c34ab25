/**
 * A command that creates an account or sets its password, of any program: the password is an
 * argument after the account's (`prosodyctl register USER HOST PASSWORD`, `ejabberdctl register …`,
 * `setup email add ADDRESS PASSWORD` of docker-mailserver, `pocketbase admin upsert EMAIL PASSWORD`).
 * Known programs whose secret sits elsewhere are in the program table; this is the shape they share.
 */
import { isMixedPassword, isPasswordShaped } from '../password-shape.js';
import type { Findings } from './findings.js';
import type { Command } from './handlers.js';

/** Words that say "make this account" or "set its password" by themselves. */
const ACCOUNT_VERBS = new Set([
  'register',
  'adduser',
  'add_user',
  'add-user',
  'useradd',
  'upsert',
  'passwd',
  'change_password',
  'change-password',
  'changepassword',
  'set_password',
  'set-password',
  'setpassword',
  'reset_password',
  'reset-password',
]);
/** A program named for setting passwords (ZEO's `zeopasswd -f auth.db USER PASSWORD`, Samba's `smbpasswd`). */
const PASSWD_PROGRAM = /^[a-z][a-z_-]{1,15}passwd\d?$/;
/** `add`, `create` say so only after what they add: `user add`, `email add`, `admin create`. */
const GENERIC_VERBS = new Set(['add', 'create', 'new', 'set']);
const ACCOUNT_NOUNS = new Set(['user', 'users', 'admin', 'account', 'accounts', 'email', 'mailbox', 'superuser', 'login', 'member']);

/**
 * After the verb: the account (and a host or role), then the password: two to four arguments, one
 * after the first shaped like a password (mixed case and digits: not a name, a host, a path or a number).
 */
export function accountCommandSecret(f: Findings, command: Command): void {
  const p = command.positionals;
  const verb = verbAt(f, command);
  if (verb === undefined) return;
  const args = p.slice(verb + 1);
  if (args.length < 2 || args.length > 4) return;
  // the first argument names the account; the password is one of the rest (an option's value may follow it)
  // (a program named for passwords, `zeopasswd`, takes one of three kinds of character too: `vzOFkCpG!n`)
  const shaped = PASSWD_PROGRAM.test(command.program) ? (w: string) => isPasswordShaped(w) || isMixedPassword(w) : isPasswordShaped;
  const password = args.slice(1).find((k) => shaped(f.toks[k].text) && !f.toks[k].text.includes('@'));
  if (password === undefined) return;
  f.reportToken(password, verb < 0 ? command.program : `${command.program} ${f.toks[p[verb]].text}`.trim(), 'password');
}

/** Where the account verb is among the positionals (−1: the program is the verb, `useradd`), if anywhere in the first four. */
function verbAt(f: Findings, command: Command): number | undefined {
  // a program named for setting passwords (ZEO's `zeopasswd -f auth.db USER PASSWORD`, Samba's `smbpasswd`)
  if (ACCOUNT_VERBS.has(command.program) || PASSWD_PROGRAM.test(command.program)) return -1;
  const p = command.positionals;
  for (let i = 0; i < Math.min(p.length, 4); i++) {
    const w = f.toks[p[i]].text.toLowerCase();
    if (ACCOUNT_VERBS.has(w)) return i;
    if (GENERIC_VERBS.has(w) && i > 0 && ACCOUNT_NOUNS.has(f.toks[p[i - 1]].text.toLowerCase())) return i;
  }
  return undefined;
}
