/**
 * The shape of an entry of the program table (programs.ts) and how an entry becomes the
 * handler the token walker calls: the declarative fields are turned into flag and end-of-command
 * functions here, once, at module load.
 */
import { reportUserPass } from './arguments.js';
import type { Findings } from './findings.js';

/** The command being scanned, as a program's handler sees it. */
export interface Command {
  /** the program (basename, lower case, no `.exe`); '' for arguments given without one */
  readonly program: string;
  /** indexes of its positional arguments (all of them once the command ends) */
  readonly positionals: readonly number[];
  /** a flag said the password is one of the positional arguments (`htpasswd -b`) */
  passwordInArguments: boolean;
}

/**
 * What a program makes of flag token k (text `text`): undefined when the flag is none of its
 * own (the flags all programs share are looked at next), else how many of the following tokens
 * the flag took as its value (0 or 1).
 */
export type FlagHandler = (f: Findings, k: number, text: string, command: Command) => number | undefined;

/** Run when the command ends, when all its positional arguments are known. */
export type EndHandler = (f: Findings, command: Command) => void;

/** A subcommand whose positional argument number `at` (counting the subcommand's own words from 0) is a secret. */
export interface SubcommandSecret {
  words: readonly string[];
  at: number;
  via: string;
  description: string;
}

/**
 * One program or family of programs that take the same flags. The fields apply in this order:
 * `flag`, `prompts`, `passwordFlag`, `userPass`; the first that knows the flag decides.
 */
export interface ProgramEntry {
  /** names as invoked, lower case, without directory or `.exe` */
  programs: readonly string[];
  /** logic for the flags the fields below cannot describe */
  flag?: FlagHandler;
  /** flags that only make the program prompt for the password: skipped, nothing follows them */
  prompts?: readonly string[];
  /** the flag whose next argument is the password (`redis-cli -a x`) */
  passwordFlag?: string;
  /** the password may also be attached to `passwordFlag` (`sshpass -pSECRET`) */
  attached?: boolean;
  /** flags whose value is `user<sep>password`, as the next argument, after `=`, or attached to a short flag (`curl -u user:pass`) */
  userPass?: { flags: readonly string[]; sep: string };
  /** option names (lower case) that take no value for this program though they name a secret (`mysql --password` prompts) */
  switches?: readonly string[];
  /** subcommands that take a secret as a positional argument (`rabbitmqctl add_user NAME PASSWORD`) */
  subcommands?: readonly SubcommandSecret[];
  /** logic for the end of the command (positional arguments) that `subcommands` cannot describe */
  end?: EndHandler;
  /** an image's command for the program starts with a subcommand (`jpillora/chisel` with `server --auth …`) */
  subcommandFirst?: boolean;
}

/** An entry ready for the walker. */
export interface ProgramHandler {
  flag: FlagHandler | undefined;
  end: EndHandler | undefined;
  /** see ProgramEntry.switches */
  switches: ReadonlySet<string> | undefined;
  /** see ProgramEntry.subcommandFirst */
  subcommandFirst: boolean;
}

/** The handler of every program named in the entries; a program named twice is an error in the table. */
export function compilePrograms(entries: readonly ProgramEntry[]): ReadonlyMap<string, ProgramHandler> {
  const out = new Map<string, ProgramHandler>();
  for (const entry of entries) {
    const handler: ProgramHandler = {
      flag: flagHandler(entry),
      end: endHandler(entry),
      switches: entry.switches ? new Set(entry.switches) : undefined,
      subcommandFirst: entry.subcommandFirst === true,
    };
    for (const program of entry.programs) {
      if (out.has(program)) throw new Error(`the program table names ${program} twice`);
      out.set(program, handler);
    }
  }
  return out;
}

/** Whether option `name` of the program takes the next argument as its value. */
export function takesValue(handler: ProgramHandler | undefined, name: string): boolean {
  return !handler?.switches?.has(name.toLowerCase());
}

function flagHandler(entry: ProgramEntry): FlagHandler | undefined {
  const parts: FlagHandler[] = [];
  if (entry.flag) parts.push(entry.flag);
  if (entry.prompts) parts.push(promptFlags(new Set(entry.prompts)));
  if (entry.passwordFlag) parts.push(passwordFlag(entry.passwordFlag, entry.attached === true));
  if (entry.userPass) parts.push(userPassFlags(entry.userPass.flags, entry.userPass.sep));
  if (parts.length <= 1) return parts[0];
  return (f, k, text, command) => {
    for (const part of parts) {
      const used = part(f, k, text, command);
      if (used !== undefined) return used;
    }
    return undefined;
  };
}

function endHandler(entry: ProgramEntry): EndHandler | undefined {
  const { subcommands, end } = entry;
  if (!subcommands) return end;
  return (f, command) => {
    subcommandSecret(f, command, subcommands);
    end?.(f, command);
  };
}

/** Whether token k has a next token that can be a flag's value (not an operator). */
export function hasValueAfter(f: Findings, k: number): boolean {
  return k + 1 < f.toks.length && !f.toks[k + 1].op;
}

function promptFlags(prompts: ReadonlySet<string>): FlagHandler {
  return (_f, _k, text) => (prompts.has(text) ? 0 : undefined);
}

function passwordFlag(flag: string, attached: boolean): FlagHandler {
  return (f, k, text) => {
    if (text === flag) {
      if (!hasValueAfter(f, k)) return 0;
      f.reportToken(k + 1, flag, 'password');
      return 1;
    }
    if (attached && text.startsWith(flag) && text.length > flag.length && !text.startsWith('--')) {
      f.report(k, flag.length, text.length, flag, 'password');
      return 0;
    }
    return undefined;
  };
}

/** A cluster of short flags (`-fsSL`, `-fsu`): letters only, several of them. */
const CLUSTER = /^-[A-Za-z]{2,8}$/;

function userPassFlags(flags: readonly string[], sep: string): FlagHandler {
  return (f, k, text) => {
    // a short flag last in a cluster (curl's `-fsu user:pass`) takes the next argument like the flag alone
    const clustered = flags.find((x) => x.length === 2 && CLUSTER.test(text) && text.endsWith(x[1]) && !text.startsWith(x));
    if (clustered) {
      if (!hasValueAfter(f, k)) return 0;
      reportUserPass(f, k + 1, 0, clustered, sep);
      return 1;
    }
    const flag = flags.find(
      (x) => text === x || text.startsWith(x + '=') || (x.length === 2 && text.startsWith(x) && text.length > 2 && !text.startsWith('--')),
    );
    if (!flag) return undefined;
    if (text === flag) {
      if (!hasValueAfter(f, k)) return 0;
      reportUserPass(f, k + 1, 0, flag, sep);
      return 1;
    }
    reportUserPass(f, k, text.startsWith(flag + '=') ? flag.length + 1 : flag.length, flag, sep);
    return 0;
  };
}

/** The first subcommand the positional arguments start with: its secret argument, if given. */
function subcommandSecret(f: Findings, command: Command, subcommands: readonly SubcommandSecret[]): void {
  const p = command.positionals;
  const sub = subcommands.find((s) => s.words.every((w, i) => p[i] !== undefined && f.toks[p[i]].text === w));
  if (sub && p[sub.at] !== undefined) f.reportToken(p[sub.at], sub.via, sub.description);
}
