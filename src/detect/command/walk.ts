/**
 * Walks a flat token list command by command: skips wrappers (`exec`, `sudo -u user`, `gosu
 * user`), reads `NAME=value` assignments, finds the program, and hands each of its flags first
 * to the program's handler (programs.ts), then to the flags all programs share.
 */
import { classifyKey, describeKind, nameLooseness, splitWords } from '../keys.js';
import { judgeNamedValue } from '../scan.js';
import { isPasswordShaped } from '../password-shape.js';
import { accountCommandSecret } from './account.js';
import { ASSIGNMENT, reportAssignment, reportHeader, reportOptionList, reportPassSource } from './arguments.js';
import { Findings, type Found } from './findings.js';
import { scanFormats } from './formats.js';
import { scanPipedSecrets } from './piped.js';
import { type Command, hasValueAfter, type ProgramHandler, takesValue } from './handlers.js';
import type { Tok } from './lexer.js';
import { PROGRAMS } from './programs.js';
import { basename, isPrefixWord, PREFIX_SKIPS_ONE, SHELLS, WRAPPER_FLAGS_WITH_VALUE } from './shell-words.js';

/**
 * Scan a flat token list (already tokenized, scripts expanded). `entrypointProgram`: the program
 * the image runs when the command gives it only arguments (`curlimages/curl` with `command: -u
 * user:pass …`, `atmoz/sftp` with `command: user:pass:1001`).
 */
export function scanTokens(toks: Tok[], entrypointProgram?: string): Found[] {
  const f = new Findings(toks);
  new Walker(f, entrypointProgram).walk();
  scanPipedSecrets(f);
  scanFormats(f);
  return f.sorted();
}

interface CurrentCommand extends Command {
  readonly handler: ProgramHandler | undefined;
  readonly positionals: number[];
  /** `kubectl exec … --` was read: the next word starts the command run in the container. */
  execDashes?: boolean;
}

class Walker {
  /** the command whose arguments are being read; undefined before its program */
  private command: CurrentCommand | undefined;
  private afterWrapper = false;
  private skipArgs = 0;

  constructor(
    private readonly f: Findings,
    private entrypointProgram?: string,
  ) {}

  walk(): void {
    const toks = this.f.toks;
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      if (t.op === 'sep' || t.newCommand) this.endCommand();
      if (t.op === 'redirect') {
        k++; // the redirection target
        continue;
      }
      if (t.op) continue;
      if (this.command === undefined) {
        const used = this.beforeProgram(k, t.text);
        if (used !== undefined) {
          k += used;
          continue;
        }
      }
      k += this.argument(k, t.text);
    }
    this.endCommand();
  }

  private endCommand(): void {
    this.afterWrapper = false;
    this.skipArgs = 0;
    const command = this.command;
    if (command === undefined) return;
    command.handler?.end?.(this.f, command);
    accountCommandSecret(this.f, command);
    this.command = undefined;
  }

  private startCommand(program: string): void {
    this.command = { program, handler: PROGRAMS.get(program), positionals: [], passwordInArguments: false };
  }

  /**
   * Token k before the program: an assignment, a wrapper or one of its flags, or the program.
   * Returns how many following tokens it used, or undefined when token k is the first argument of
   * a command without program (`command: --requirepass x`: the image's entrypoint runs them).
   */
  private beforeProgram(k: number, text: string): number | undefined {
    if (this.afterWrapper && text.startsWith('-')) {
      // flags of a wrapper (`env -i`, `sudo -E -u user`); the ones listed take a value
      return WRAPPER_FLAGS_WITH_VALUE.has(text) ? 1 : 0;
    }
    if (this.skipArgs > 0) {
      this.skipArgs--;
      return 0;
    }
    if (ASSIGNMENT.test(text)) {
      reportAssignment(this.f, k);
      return 0;
    }
    // the command's first word is an argument of the image's own program: a flag, a `name:value` list item, or the
    // subcommand of a program whose image's command starts with one (`jpillora/chisel` with `server --auth …`)
    const implied = this.entrypointProgram;
    this.entrypointProgram = undefined;
    if (implied !== undefined && (text.startsWith('-') || /^[^/=\s]+:/.test(text) || this.isSubcommandOf(implied, text))) {
      this.startCommand(implied);
      return undefined;
    }
    const b = basename(text);
    if (isPrefixWord(b)) {
      this.afterWrapper = true;
      if (PREFIX_SKIPS_ONE.has(b)) this.skipArgs = 1;
      return 0;
    }
    this.afterWrapper = false;
    if (!text.startsWith('-')) {
      this.startCommand(b);
      return 0;
    }
    this.startCommand('');
    return undefined;
  }

  /** A word that is a subcommand of `program`, whose image's command starts with one: not a program of its own, nor a shell. */
  private isSubcommandOf(program: string, text: string): boolean {
    return (
      PROGRAMS.get(program)?.subcommandFirst === true && /^[a-z][a-z-]{1,20}$/.test(text) && !PROGRAMS.has(text) && !SHELLS.has(text) && !isPrefixWord(text)
    );
  }

  /** Token k as an argument of the current command; returns how many following tokens it used. */
  private argument(k: number, text: string): number {
    const command = this.command as CurrentCommand;
    if (!text) return 0;
    const inner = execStep(this.f, command, k, text);
    if (inner === 'command') {
      // the command run in the container (`docker compose exec db mysqldump -p…`): a command of its own
      this.endCommand();
      return this.beforeProgram(k, text) ?? this.argument(k, text);
    }
    if (inner !== undefined) return inner;
    if (text.charCodeAt(0) !== 45 /* - */) {
      // a positional argument, or NAME=value
      // base64 with its padding (`…UaHM=`) reads like an empty NAME=: an argument
      if (text.indexOf('=') > 0 && ASSIGNMENT.test(text) && !BASE64_PADDED.test(text)) reportAssignment(this.f, k);
      else {
        const previous = command.positionals[command.positionals.length - 1];
        if (previous === k - 1 && !NAME_ARGUMENT_BUILTINS.has(command.program)) settingArgument(this.f, previous, k);
        command.positionals.push(k);
      }
      return 0;
    }
    const used = command.handler?.flag?.(this.f, k, text, command);
    if (used === undefined && command.handler === undefined && command.program !== '') {
      const taken = unknownProgramPasswordFlag(this.f, k, text);
      if (taken !== undefined) return taken;
    }
    return used ?? sharedFlag(this.f, k, text, command.handler);
  }
}

/**
 * Programs that run a command in a container, and their subcommands that do
 * (`docker exec [options] CONTAINER COMMAND…`, `docker compose exec SERVICE COMMAND…`,
 * `kubectl exec POD -- COMMAND…`): the command after the container is read as one of its own.
 */
const EXEC_SUBCOMMANDS: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['docker', [['exec'], ['container', 'exec'], ['compose', 'exec']]],
  ['podman', [['exec'], ['container', 'exec'], ['compose', 'exec']]],
  ['docker-compose', [['exec']]],
  ['podman-compose', [['exec']]],
  ['kubectl', [['exec']]],
  ['oc', [['exec']]],
]);
/** Their options that take a value (`-u user`, `-e NAME=value`, `--workdir /app`, `-c container`, `-f compose.yaml`). */
const EXEC_FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  '-u',
  '--user',
  '-w',
  '--workdir',
  '--env-file',
  '--index',
  '--detach-keys',
  '-c',
  '--container',
  '-n',
  '--namespace',
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--project-directory',
  '--context',
  '-H',
  '--host',
]);

/**
 * Token k of a command that may run another in a container: 'command' where that command starts,
 * how many tokens an option of the exec used (its value), or undefined to read the token as usual.
 */
function execStep(f: Findings, command: CurrentCommand, k: number, text: string): number | 'command' | undefined {
  const forms = EXEC_SUBCOMMANDS.get(command.program);
  if (!forms) return undefined;
  // the first words only (a form is two at most, and one more says the container was named): constant work a token
  const words = command.positionals.slice(0, 3).map((i) => f.toks[i]?.text);
  const form = forms.find((w) => w.length <= words.length && w.every((x, i) => words[i] === x));
  if (!form) return undefined;
  if (command.program === 'kubectl' || command.program === 'oc') {
    // the command follows `--`
    if (command.execDashes) return 'command';
    if (text !== '--') return undefined;
    command.execDashes = true;
    return 0;
  }
  // the container's name is the positional after the subcommand
  if (words.length > form.length) return 'command';
  // its options: `-e NAME=value` is read as everywhere (sharedFlag), the others' values skipped
  if (!text.startsWith('-') || ASSIGNMENT_FLAGS.has(text) || /^--env=/.test(text)) return undefined;
  return EXEC_FLAGS_WITH_VALUE.has(text) && hasValueAfter(f, k) ? 1 : 0;
}

/** Flags whose value is `NAME=value` or an option list: docker run -e NAME=value, helm --set name=value, mount -o password=…. */
const BASE64_PADDED = /^[A-Za-z0-9+/]{8,}={1,2}$/;
const ASSIGNMENT_FLAGS: ReadonlySet<string> = new Set(['-e', '--env', '--build-arg', '--set', '-o', '--opt']);

/** Flags that mean the same for every program; returns how many following tokens the flag used. */
function sharedFlag(f: Findings, k: number, text: string, handler: ProgramHandler | undefined): number {
  if (text === '-H' || text === '--header') {
    if (!hasValueAfter(f, k)) return 0;
    reportHeader(f, k + 1, 0);
    return 1;
  }
  if (text.startsWith('--header=')) {
    reportHeader(f, k, 9);
    return 0;
  }
  if (PAIR_OPTIONS.has(text) && hasPairAfter(f, k)) {
    // `--set NAME VALUE` (Meshtastic's `--set mqtt.password x`, `--ch-set psk base64:…`), not Helm's `--set name=value`
    settingArgument(f, k + 1, k + 2);
    return 2;
  }
  if (ASSIGNMENT_FLAGS.has(text)) {
    if (!hasValueAfter(f, k)) return 0;
    if (!reportAssignment(f, k + 1)) reportOptionList(f, k + 1);
    return 1;
  }
  if (/^--(?:env|build-arg|set)=/.test(text)) {
    // Helm's `--set=k=v`; Moodle's `--set=v` of the setting `--name=` named
    if (!reportAssignment(f, k, text.indexOf('=') + 1) && text.startsWith('--set=')) settingValueOption(f, k, k, 6);
    return 0;
  }
  if (SHORT_FLAG.test(text) && !DOCKER_PAIR_FLAGS.has(text) && hasValueAfter(f, k)) {
    // any program's one-letter option given `user:password` (`stalwart-cli -c admin:…`, `-a user:…`): the password,
    // when it is shaped like one (an image's `app:v1.2` or a port pair is not)
    const pair = LOGIN_PAIR.exec(f.toks[k + 1].text);
    if (pair && ACCOUNT_NAME.test(pair[1]) && !pair[2].includes('/') && isPasswordShaped(pair[2])) {
      f.report(k + 1, pair[1].length + 1, pair[0].length, text, 'password');
      return 1;
    }
  }
  return namedOption(f, k, text, handler);
}

/** A one-letter option; docker's `-v`/`-p`/`-t`/`-l`/`-w`/`-e`/`-o` take `a:b` values that are no logins. */
const SHORT_FLAG = /^-[A-Za-z]$/;
const DOCKER_PAIR_FLAGS: ReadonlySet<string> = new Set(['-v', '-p', '-t', '-l', '-w', '-e', '-o']);
/** The user half of a login: an account's name (`admin`, `svc-backup`, `ops@example.org`). */
const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_.@-]{1,63}$/;

const NAMED_OPTION = /^(--?)([A-Za-z][A-Za-z0-9._-]*)(=)?/;

/** --name=value, --name value, -name=value, -name value (Java/Go style), -Dname=value, for a name that says secret. */
function namedOption(f: Findings, k: number, text: string, handler: ProgramHandler | undefined): number {
  const flag = NAMED_OPTION.exec(text);
  if (!flag || !(flag[1] === '--' || flag[2].length >= 4 || flag[3])) return 0;
  let name = flag[2];
  const valueOffset = flag[0].length;
  if (flag[1] === '-' && /^D[a-z]/.test(name) && flag[3]) name = name.slice(1); // -Dspring.datasource.password=x
  const v = classifyKey(name);
  if (!v.sensitive && LOGIN_OPTION.test(name)) return loginOption(f, k, text, valueOffset, `${flag[1]}${flag[2]}`, flag[3] !== undefined);
  if (!v.sensitive) {
    if (flag[3] && ASSIGNMENT.test(text.slice(valueOffset))) reportAssignment(f, k, valueOffset, `${flag[1]}${flag[2]}=`);
    else if (flag[3] && VALUE_OPTIONS.has(name)) settingValueOption(f, k, k, valueOffset);
    else if (!flag[3] && flag[1] === '--' && VALUE_OPTIONS.has(name) && hasValueAfter(f, k) && !f.toks[k + 1].text.startsWith('-')) {
      // `--value x`: Knox's `knoxcli.sh create-alias ldapSystemPassword --cluster sandbox --value x`
      settingValueOption(f, k, k + 1, 0);
      return 1;
    }
    return 0;
  }
  // a name that only loosely says secret (`-Dsonar.projectKey`) holding a word or a name: a setting, as in an environment
  const loose = nameLooseness(name);
  const named = (value: string) => !loose.loose || value.includes('$') || judgeNamedValue(loose, value.replace(/^(["'])(.*)\1$/, '$2')) === 'literal';
  if (flag[3]) {
    if (!named(text.slice(valueOffset))) return 0;
    if (!(ASSIGNMENT.test(text.slice(valueOffset)) && reportAssignment(f, k, valueOffset))) {
      f.report(k, valueOffset, text.length, `${flag[1]}${flag[2]}`, describeKind(v.kind));
    }
    return 0;
  }
  const rest = text.slice(valueOffset);
  if (/^[ \t]+\S/.test(rest)) {
    // exec form with flag and value in one argument: ["redis-server", "--requirepass s3cret"]
    f.report(k, valueOffset + rest.length - rest.trimStart().length, text.length, `${flag[1]}${flag[2]}`, describeKind(v.kind));
    return 0;
  }
  if (takesValue(handler, name) && hasValueAfter(f, k) && !isOptionShaped(f.toks[k + 1].text)) {
    if (!named(f.toks[k + 1].text)) return 1;
    // an OpenSSL-style pass phrase source (`-passout pass:x`) or the secret itself
    if (!reportPassSource(f, k + 1, `${flag[1]}${flag[2]}`, describeKind(v.kind))) f.reportToken(k + 1, `${flag[1]}${flag[2]}`, describeKind(v.kind));
    return 1;
  }
  return 0;
}

/**
 * An argument shaped as an option (`-x`, `--maxmemory`, `-Dname=value`), not a generated value that starts with a dash
 * (`--requirepass -BSUV3WFpdMoOp7zLVon…`: letters of both cases and digits, twelve or more, no `=`, `.` or `:`).
 */
function isOptionShaped(text: string): boolean {
  if (!/^-[A-Za-z-]/.test(text)) return false;
  return !(/^-[A-Za-z0-9_+-]{12,}$/.test(text) && !text.startsWith('--') && isPasswordShaped(text.slice(1)));
}

/**
 * An option whose name says login but not secret, which takes `user:password`: `--rpc-login`, Tinode's chatbot
 * `--login-basic`, a bare or HTTP `--auth` (`--http-auth=user:pw`); a value that is no pair (`--auth=none`) is a setting.
 */
const LOGIN_OPTION = /(?:^|[._-])(?:login(?:[._-]basic)?|auth)$/i;
const AUTH_OPTION = /auth$/i;
/** A login given as `user:password` (monerod's `--rpc-login=user:pw`, p2pool's `--rpc-login user:pw`): the password, not a number (`uid:gid`). */
const LOGIN_PAIR = /^([A-Za-z0-9_.@-]{1,64}):(?!\d+$)(\S{1,4096})$/;

function loginOption(f: Findings, k: number, text: string, valueOffset: number, via: string, attached: boolean): number {
  const at = attached ? k : k + 1;
  if (!attached && !hasValueAfter(f, k)) return 0;
  const value = attached ? text.slice(valueOffset) : f.toks[at].text;
  const pair = LOGIN_PAIR.exec(value);
  // `--auth` also takes a method and its parameter (`--auth=basic:realm`): a word after its colon is no password
  if (pair && !(AUTH_OPTION.test(via) && /^[a-z]+$/.test(pair[2]))) {
    const start = (attached ? valueOffset : 0) + pair[1].length + 1;
    f.report(at, start, start + pair[2].length, via, 'password');
  }
  return attached || !pair ? 0 : 1;
}

/** Shell builtins whose arguments are variables' names (`read -r user pass1 pass2`), never a setting and its value. */
const NAME_ARGUMENT_BUILTINS: ReadonlySet<string> = new Set(['read', 'local', 'declare', 'typeset', 'readonly', 'unset']);

/**
 * A setting given to an admin tool as two arguments, name then value: `occ ldap:set-config s01
 * ldapAgentPassword x`, `redis-cli CONFIG SET requirepass x`. The name must say secret on its own
 * (a compound such as `ldapAgentPassword`); a bare noun (`password x`) only with a value shaped
 * like a password.
 */
function settingArgument(f: Findings, nameTok: number, valueTok: number): void {
  const name = f.toks[nameTok].text;
  const verdict = secretSettingName(name);
  if (!verdict) return;
  const value = f.toks[valueTok].text;
  // a word (`UNLIMITED`, `primary`, a key name) is another argument; a password has a digit, mixed case or a symbol
  const bare = value.replace(/^(["'])(.*)\1$/, '$2');
  // (nor a test's closing bracket: `[ ! -f DEFAULT_PASSWORD ]` names a file)
  if (bare.length < 4 || /^\d+$/.test(bare) || !/\d|[a-z][^a-z]*[A-Z]|[A-Z][^A-Z]*[a-z]|[^\w.-]/.test(bare)) return;
  // a variable inside a word (`base64:${CHANNEL_PSK}`): a reference, not a value written down
  if (/\$\{?[A-Za-z_]/.test(bare) && !/^\$\{?[A-Za-z_]\w*\}?$/.test(bare)) return;
  // a key written with its encoding (Meshtastic's `--ch-set psk base64:W26S…=`): a key, whatever the name's length
  const encodedKey = /^(?:base64|hex):[A-Za-z0-9+/]{16,}={0,2}$/.test(bare);
  if (splitWords(name).length < 2 && !isPasswordShaped(value) && !encodedKey) return;
  f.reportToken(valueTok, name, describeKind(verdict.kind));
}

/** Options followed by a setting's name and its value, two arguments (Meshtastic's `--set mqtt.password x`, `--ch-set psk x`). */
const PAIR_OPTIONS: ReadonlySet<string> = new Set(['--set', '--ch-set']);

/** Two arguments after option k, neither an option nor an operator, the first no `name=value`: a name and its value. */
function hasPairAfter(f: Findings, k: number): boolean {
  const [name, value] = [f.toks[k + 1], f.toks[k + 2]];
  return (
    name !== undefined && value !== undefined && !name.op && !value.op && !name.text.startsWith('-') && !name.text.includes('=') && !value.text.startsWith('-')
  );
}

/** Options that give the value of a setting named before them (`--set=`, `--value=`). */
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['value', 'set', 'val']);

/**
 * `--value=x` / `--set=x` (token k) of the setting a `--name=` option or an argument just before names: Nextcloud's
 * `occ config:system:set mail_smtppassword --value=x`, Moodle's `cfg.php --name=smtppass --set=x`; the value from
 * `valueOffset` of token `valueTok` (k itself, or the next token of `--value x`). The name must say secret on its own,
 * and it is looked for among the three tokens before, past another option's value (`--cluster sandbox`).
 */
function settingValueOption(f: Findings, k: number, valueTok: number, valueOffset: number): void {
  for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
    const t = f.toks[j];
    if (t.op) return;
    // the value of the option before it (`--cluster sandbox`), not a setting's name
    if (j > 0 && j > k - 4 && !f.toks[j - 1].op && /^--?[A-Za-z][\w-]*$/.test(f.toks[j - 1].text)) continue;
    const named = /^--name=(.+)$/.exec(t.text)?.[1] ?? (t.text.startsWith('-') ? undefined : t.text);
    if (named === undefined || !SETTING_NAME.test(named)) continue;
    const verdict = secretSettingName(named);
    if (!verdict) return;
    f.report(valueTok, valueOffset, f.toks[valueTok].text.length, named, describeKind(verdict.kind));
    return;
  }
}

/**
 * A setting's name as an admin tool takes it (camelCase, snake_case, dotted), not a subcommand (`activate-tsig-key`); a
 * dotted path's words may be hyphenated (PaperCut's `server-command set-config auth.webservices.auth-token …`).
 */
const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_.]{2,80}$|^(?=.{3,80}$)[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+$/;

/** A subcommand that sets a password: `set-admin-password`, `change-password`, `reset-user-password`. */
const PASSWORD_SETTER = /^(?:set|change|reset|update)-(?:[a-z]{2,20}-)?password$/;

/** The verdict on an argument that names a setting, when the name says secret on its own (not loosely) and is no file's name. */
function secretSettingName(name: string): ReturnType<typeof classifyKey> | undefined {
  // a subcommand that sets a password to its argument (Frappe's `bench --site s set-admin-password …`)
  if (PASSWORD_SETTER.test(name)) return classifyKey(name.slice(name.indexOf('-') + 1));
  if (!SETTING_NAME.test(name) || FILE_NAME.test(name)) return undefined;
  const verdict = classifyKey(name);
  return verdict.sensitive && !verdict.loose ? verdict : undefined;
}

/** A file's name (`private.key 2048` is a key file and its size), not a setting's. */
const FILE_NAME = /\.(?:key|pem|crt|cer|der|csr|p12|pfx|jks|txt|json|ya?ml|conf|cfg|ini|env|properties)$/i;

/** Short flags that take a password in many admin tools (`add-user.sh -p`, `dsconf -w`, `-P`, PuTTY's `-pw`). */
const UNKNOWN_PROGRAM_PASSWORD_FLAGS: ReadonlySet<string> = new Set(['-p', '-P', '-w', '-pw']);

/**
 * For a program the table does not know: a short password flag followed by a value shaped like a
 * password (mixed case and digits: `-p 'Raven_Otter_18'`); a port, a path or a name is not one.
 */
function unknownProgramPasswordFlag(f: Findings, k: number, text: string): number | undefined {
  if (isGluedPasswordAfterUser(f, k, text)) {
    f.report(k, 2, text.length, '-p', 'password');
    return 0;
  }
  if (!UNKNOWN_PROGRAM_PASSWORD_FLAGS.has(text) || !hasValueAfter(f, k)) return undefined;
  const value = f.toks[k + 1].text;
  // after a user given by its flag (`maxctrl -u admin -p mariadb`), the flag's value is that user's password, whatever
  // its strength; a port, a number, a path or a mapping (`docker run -u 1000 -p 8080:80`) is not one
  if (!isPasswordShaped(value) && !(userBefore(f, k) && isWeakPassword(value))) return undefined;
  f.reportToken(k + 1, text, 'password');
  return 1;
}

/** A user flag with its value (`-u admin`, `--user admin`, `-U admin`, `--username admin`) before token k in its command. */
function userBefore(f: Findings, k: number): boolean {
  for (let i = k - 2; i >= 0 && i >= k - 12; i--) {
    if (f.toks[i].op || f.toks[i + 1].op) return false;
    if (/^(?:-u|-U|--user|--username)$/.test(f.toks[i].text) && /^[A-Za-z_][\w.@-]{0,63}$/.test(f.toks[i + 1].text)) return true;
  }
  return false;
}

/** A password a person chose (`mariadb`, `admin123`): a literal of 4 or more characters, not a number, port, path or flag. */
function isWeakPassword(value: string): boolean {
  const v = value.replace(/^(["'])(.*)\1$/, '$2');
  if (v.length < 4 || v.length > 128 || /^[-/$~.]|:\/\/|^\d+(?:[:./-]\d+)*(?:\/\w+)?$/.test(v)) return false;
  return judgeNamedValue({}, v) === 'literal';
}

/**
 * The MySQL client's convention, taken up by other database shells (TDengine's `taos`, Doris,
 * StarRocks): the password glued to `-p` right after a user (`-uroot -pX`, `-u root -pX`). A port
 * glued to `-p` (`-p5432`) is digits only, and without a user before it the flag means anything.
 */
function isGluedPasswordAfterUser(f: Findings, k: number, text: string): boolean {
  if (text.length < 3 || !text.startsWith('-p') || /^-p\d+$/.test(text)) return false;
  const user = (i: number) => i >= 0 && !f.toks[i].op && /^-u[A-Za-z0-9_.@-]+$/.test(f.toks[i].text);
  const userFlag = (i: number) => i >= 1 && !f.toks[i].op && !f.toks[i - 1].op && f.toks[i - 1].text === '-u';
  const previous = [k - 1, k - 2, k - 3].filter((i) => i >= 0 && !f.toks.slice(i, k).some((t) => t.op));
  return previous.some((i) => user(i) || userFlag(i)) && isPasswordShaped(text.slice(2));
}
