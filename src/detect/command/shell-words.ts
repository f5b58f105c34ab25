/**
 * Words of the shell and of wrapper programs, as opposed to programs that take a password:
 * which words run a script (`sh -c`), which come before the program (`exec`, `sudo -u user`),
 * and how a word names a program.
 */

/** Shells and wrappers whose `-c` argument is a script to tokenize in turn. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
export const SCRIPT_HOSTS: ReadonlySet<string> = new Set([...SHELLS, 'su', 'runuser']);

/** Words that precede the program (wrappers, keywords); `gosu user cmd` and `su-exec user cmd` take one argument. */
export const PREFIX_WORDS: ReadonlySet<string> = new Set([
  'exec',
  'env',
  'nohup',
  'time',
  'command',
  'builtin',
  'nice',
  'ionice',
  'then',
  'do',
  'else',
  'elif',
  'if',
  'while',
  'until',
  '!',
  '{',
  '}',
  'export',
  'readonly',
  'local',
  'declare',
  'typeset',
  'tini',
  'dumb-init',
  '--',
  'xargs',
  'stdbuf',
]);
export const PREFIX_WITH_ARG: ReadonlySet<string> = new Set(['gosu', 'su-exec', 'chpst', 'setpriv', 'timeout', 'sudo', 'doas']);

/** Of those, the ones whose first argument (a user, a duration) comes before the program. */
export const PREFIX_SKIPS_ONE: ReadonlySet<string> = new Set(['gosu', 'su-exec', 'timeout', 'setpriv']);

/** Wrapper flags that take a value (`sudo -u user`, `env -u NAME`, `timeout -s KILL`). */
export const WRAPPER_FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  '-u',
  '-g',
  '-U',
  '-C',
  '-h',
  '-p',
  '-s',
  '-k',
  '-S',
  '--user',
  '--group',
  '--signal',
  '--unset',
  '--chdir',
]);

/** Whether the word comes before the program it runs (`exec`, `env`, `sudo`, `if`…). */
export function isPrefixWord(name: string): boolean {
  return PREFIX_WORDS.has(name) || PREFIX_WITH_ARG.has(name);
}

/** A flag cluster with `c` (`-c`, `-ec`, `-lc`): a shell's script follows. */
export function isScriptFlag(word: string): boolean {
  return /^-[A-Za-z]*c[A-Za-z]*$/.test(word);
}

/** The program a word names: `/usr/bin/MySQL.exe` → `mysql`. */
export function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  let b = slash >= 0 ? word.slice(slash + 1) : word;
  if (/[A-Z]/.test(b)) b = b.toLowerCase();
  return b.endsWith('.exe') ? b.slice(0, -4) : b;
}
