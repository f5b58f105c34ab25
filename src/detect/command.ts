/**
 * Credentials on command lines: `--password x`, `-pSECRET`, `curl -u user:pass`,
 * `-H 'Authorization: Bearer …'`, `PGPASSWORD=x psql`, `redis-cli -a x`, URLs with
 * credentials and recognised token formats in any argument.
 */
import { classifyKey, describeKind } from './keys.js';
import { findUrlCredentials, isCommandSubstitution, isVariableOnly, judgeSecretValue, scanValue } from './scan.js';

export interface ArgCredential {
  /** index of the argument (token) holding the secret */
  arg: number;
  start: number;
  end: number;
  /** e.g. '--password', '-p', 'Authorization header', 'PGPASSWORD=' */
  via: string;
  description: string;
}

// ───────────────────────────── program tables (data) ─────────────────────────────

/** MySQL-family clients: `-pSECRET` (attached only; `-p` alone prompts), `--password=x` (`--password x` prompts). */
const MYSQL_FAMILY = new Set([
  'mysql',
  'mysqladmin',
  'mysqldump',
  'mysqlcheck',
  'mysqlimport',
  'mysqlshow',
  'mysqlslap',
  'mysqlpump',
  'mysqlbinlog',
  'mysql_upgrade',
  'mysqlsh',
  'mariadb',
  'mariadb-admin',
  'mariadb-dump',
  'mariadb-check',
  'mariadb-import',
  'mariadb-show',
  'mariadb-slap',
  'mariadb-upgrade',
  'mariadb-binlog',
  'mariadb-backup',
  'mariabackup',
  'xtrabackup',
]);

/** PostgreSQL clients: `-W`/`--password` only force a prompt and take no value. */
const POSTGRES_FAMILY = new Set([
  'psql',
  'pg_dump',
  'pg_dumpall',
  'pg_restore',
  'pg_isready',
  'pg_basebackup',
  'createdb',
  'dropdb',
  'createuser',
  'dropuser',
  'vacuumdb',
  'reindexdb',
  'clusterdb',
  'pgbench',
  'pg_upgrade',
]);

/** Programs whose short flag takes the password as the next argument (or attached). */
const SHORT_PASSWORD_FLAG: Readonly<Record<string, string>> = {
  'redis-cli': '-a',
  'valkey-cli': '-a',
  'keydb-cli': '-a',
  'dragonfly-cli': '-a',
  mongo: '-p',
  mongosh: '-p',
  mongodump: '-p',
  mongorestore: '-p',
  mongoexport: '-p',
  mongoimport: '-p',
  mongostat: '-p',
  mongotop: '-p',
  mongofiles: '-p',
  sqlcmd: '-P',
  bcp: '-P',
  osql: '-P',
  isql: '-P',
  sshpass: '-p',
  plink: '-pw',
  pscp: '-pw',
  psftp: '-pw',
  rabbitmqadmin: '-p',
  cqlsh: '-p',
  influx: '-p',
  mosquitto_sub: '-P',
  mosquitto_pub: '-P',
  mosquitto_rr: '-P',
  'nats-server': '--pass',
  nats: '--password',
  'kafka-console-producer': '--password',
  ldapsearch: '-w',
  ldapadd: '-w',
  ldapmodify: '-w',
  ldapdelete: '-w',
};

/** Of those, the ones that also take the password attached to the flag (`sshpass -pSECRET`). */
const ATTACHED_SHORT_FLAG = new Set(['sshpass', 'sqlcmd', 'bcp', 'osql', 'isql']);

/** Programs that take `user:password` (or `user%password`) after a user flag. */
const USER_PASS_FLAGS: Readonly<Record<string, { flags: readonly string[]; sep: string }>> = {
  curl: { flags: ['-u', '--user', '-U', '--proxy-user'], sep: ':' },
  wget: { flags: ['--user', '--http-user'], sep: ':' },
  http: { flags: ['-a', '--auth'], sep: ':' }, // httpie
  https: { flags: ['-a', '--auth'], sep: ':' },
  smbclient: { flags: ['-U', '--user'], sep: '%' },
};

/** Shells and wrappers whose `-c` argument is a script to tokenize in turn. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const SCRIPT_HOSTS = new Set([...SHELLS, 'su', 'runuser']);

/** Words that precede the program (wrappers, keywords); `gosu user cmd` and `su-exec user cmd` take one argument. */
const PREFIX_WORDS = new Set([
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
const PREFIX_WITH_ARG = new Set(['gosu', 'su-exec', 'chpst', 'setpriv', 'timeout', 'sudo', 'doas']);

/** Wrapper flags that take a value (`sudo -u user`, `env -u NAME`, `timeout -s KILL`). */
const WRAPPER_FLAGS_WITH_VALUE = new Set(['-u', '-g', '-U', '-C', '-h', '-p', '-s', '-k', '-S', '--user', '--group', '--signal', '--unset', '--chdir']);

// ───────────────────────────── tokenizer ─────────────────────────────

interface Tok {
  text: string;
  /** offsets of the raw token (quotes included) in the outermost string */
  start: number;
  end: number;
  /**
   * Where the characters of `text` are in the outermost string: `abs0` for a token that is
   * one contiguous run (the usual case), else `runs`, flat pairs `[textIndex, absIndex, …]`
   * of runs contiguous in both.
   */
  abs0: number;
  runs: number[] | undefined;
  /** an operator (`;`, `&&`, `|`, newline, redirection) */
  op: 'sep' | 'redirect' | undefined;
  /** a new command starts here (first token of an `sh -c` script) */
  newCommand: boolean;
  /** a separator added after an `sh -c` script; not part of the string, not returned */
  synthetic: boolean;
}

/** Every token has the same shape (keeps property access monomorphic on long commands). */
function mkTok(text: string, start: number, end: number, abs0: number, runs?: number[], op?: 'sep' | 'redirect', synthetic = false): Tok {
  return { text, start, end, abs0, runs: runs && runs.length > 2 ? runs : undefined, op, newCommand: false, synthetic };
}

/** Pattern ids too generic to rename a credential a rule already described. */
const GENERIC_PATTERNS = new Set(['url-credentials', 'connection-string-password', 'authorization-header', 'url-query-token', 'sql-password']);

/**
 * Maps offsets of the string being lexed to the outermost string: `emit(i, abs)` is called for
 * `from` and for every `i` in (from, to) where the mapping stops being contiguous.
 */
type Mapper = (from: number, to: number, emit: (i: number, abs: number) => void) => void;

const offsetMapper =
  (offset: number): Mapper =>
  (from, to, emit) => {
    if (to > from) emit(from, from + offset);
  };

/** Index (even) of the run holding text index i. */
function runOf(runs: number[], i: number): number {
  let lo = 0;
  let hi = runs.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid * 2] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo * 2;
}

/** Outermost-string offset of character i of a token. */
function absAt(t: Tok, i: number): number {
  if (!t.runs) return t.abs0 + i;
  const r = runOf(t.runs, i);
  return t.runs[r + 1] + (i - t.runs[r]);
}

function tokMapper(t: Tok): Mapper {
  const runs = t.runs;
  if (!runs) return offsetMapper(t.abs0);
  return (from, to, emit) => {
    if (to <= from) return;
    let r = runOf(runs, from);
    emit(from, runs[r + 1] + (from - runs[r]));
    for (r += 2; r < runs.length && runs[r] < to; r += 2) emit(runs[r], runs[r + 1]);
  };
}

const MAX_DEPTH = 4;
const MAX_COMMAND_LENGTH = 1_000_000;
/**
 * Commands longer than this (real ones are a few KB) are not tokenized: only the recognised
 * formats and URL credentials are looked for, which keeps the cost linear and small.
 */
const FULL_ANALYSIS_LENGTH = 32_768;

/** Characters that end a plain run inside a word. */
const SPECIAL = new Set([' ', '\t', '\r', '\f', '\v', '\n', ';', '&', '|', '(', ')', '<', '>', "'", '"', '\\', '$', '`']);

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * Tokenize one level of a shell string; `mapper` maps offsets of `s` to the outermost string.
 * `$(…)`, `${…}` and backticks stay inside their word.
 */
function lex(s: string, mapper: Mapper): Tok[] {
  const out: Tok[] = [];
  const n = s.length;
  let pieces: string[] = [];
  let runs: number[] = [];
  let len = 0;
  let inWord = false;
  let rawStart = 0;
  let lastAbs = 0;
  const keepAbs = (_: number, abs: number): void => {
    lastAbs = abs;
  };
  const absOf = (i: number): number => {
    mapper(i, i + 1, keepAbs);
    return lastAbs;
  };
  /** Append s[from, to) to the current word. */
  const addSpan = (from: number, to: number): void => {
    if (to <= from) return;
    pieces.push(s.slice(from, to));
    mapper(from, to, (i, abs) => {
      const ti = len + (i - from);
      const r = runs.length - 2;
      if (r >= 0 && runs[r + 1] + (ti - runs[r]) === abs) return;
      runs.push(ti, abs);
    });
    len += to - from;
  };
  const begin = (at: number): void => {
    if (!inWord) {
      inWord = true;
      rawStart = at;
    }
  };
  const endWord = (rawEnd: number): void => {
    if (inWord) {
      const start = absOf(rawStart);
      const end = rawEnd > rawStart ? absOf(rawEnd - 1) + 1 : start;
      out.push(mkTok(pieces.length === 1 ? pieces[0] : pieces.join(''), start, end, runs.length ? runs[1] : start, runs));
      pieces = [];
      runs = [];
      len = 0;
      inWord = false;
    }
  };
  const pushOp = (from: number, to: number, op: 'sep' | 'redirect'): void => {
    const start = absOf(from);
    out.push(mkTok(s.slice(from, to), start, absOf(to - 1) + 1, start, undefined, op));
  };
  let i = 0;
  while (i < n) {
    const c = s[i];
    if (isBlank(c)) {
      endWord(i);
      i++;
      continue;
    }
    if (c === '\n') {
      endWord(i);
      pushOp(i, i + 1, 'sep');
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      endWord(i);
      const next = s[i + 1];
      const two = (c === '&' && next === '&') || (c === '|' && (next === '|' || next === '&')) || (c === ';' && next === ';');
      pushOp(i, i + (two ? 2 : 1), 'sep');
      i += two ? 2 : 1;
      continue;
    }
    if (c === '<' || c === '>') {
      // a redirection; a single-digit word right before it (`2>`) is its fd
      let from = i;
      if (inWord && len === 1 && /^[0-9]$/.test(pieces.join('')) && rawStart === i - 1) {
        from = i - 1;
        pieces = [];
        runs = [];
        len = 0;
        inWord = false;
      } else endWord(i);
      let j = i + 1;
      while (j < n && (s[j] === '<' || s[j] === '>')) j++;
      if (s[j] === '&' || s[j] === '|') j++;
      pushOp(from, j, 'redirect');
      i = j;
      continue;
    }
    begin(i);
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const stop = close < 0 ? n : close;
      addSpan(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      let k = i + 1;
      let chunk = k;
      while (k < n && s[k] !== '"') {
        if (s[k] === '\\' && k + 1 < n && '"\\$`\n'.includes(s[k + 1])) {
          addSpan(chunk, k);
          if (s[k + 1] !== '\n') addSpan(k + 1, k + 2);
          k += 2;
          chunk = k;
          continue;
        }
        if (s[k] === '$' && s[k + 1] === '(') {
          k = skipBalanced(s, k + 1, '(', ')');
          continue;
        }
        k++;
      }
      addSpan(chunk, k);
      i = k + 1;
      continue;
    }
    if (c === '\\') {
      if (s[i + 1] !== '\n') addSpan(i + 1, Math.min(i + 2, n));
      i += 2;
      continue;
    }
    if (c === '$') {
      const open = s[i + 1] === '$' ? i + 2 : i + 1;
      if (s[open] === '(' || s[open] === '{') {
        const end = s[open] === '(' ? skipBalanced(s, open, '(', ')') : skipBalanced(s, open, '{', '}');
        addSpan(i, end);
        i = end;
        continue;
      }
      addSpan(i, i + 1);
      i++;
      continue;
    }
    if (c === '`') {
      const close = s.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      addSpan(i, end);
      i = end;
      continue;
    }
    // a run of plain characters
    let j = i + 1;
    while (j < n && !SPECIAL.has(s[j])) j++;
    addSpan(i, j);
    i = j;
  }
  endWord(n);
  return out;
}

/** Index after the bracket that closes the one at `open` (quotes inside are skipped roughly). */
function skipBalanced(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    const ch = s[k];
    if (ch === "'" && o === '(') {
      const close = s.indexOf("'", k + 1);
      if (close < 0) return s.length;
      k = close;
      continue;
    }
    if (ch === o) depth++;
    else if (ch === c) {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return s.length;
}

function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  let b = slash >= 0 ? word.slice(slash + 1) : word;
  if (/[A-Z]/.test(b)) b = b.toLowerCase();
  return b.endsWith('.exe') ? b.slice(0, -4) : b;
}

/** Tokenize, replacing each `sh -c 'script'` argument by the script's own tokens. */
function tokenizeDeep(s: string, mapper: Mapper, depth: number): Tok[] {
  const level = lex(s, mapper);
  if (depth >= MAX_DEPTH) return level;
  const out: Tok[] = [];
  let atCommandStart = true;
  let scriptNext = false;
  let host: string | undefined; // a shell (or su) seen in this command: its -c argument is a script
  for (let k = 0; k < level.length; k++) {
    const t = level[k];
    if (t.op === 'sep') {
      atCommandStart = true;
      host = undefined;
      scriptNext = false;
      out.push(t);
      continue;
    }
    if (t.op) {
      out.push(t);
      continue;
    }
    if (scriptNext) {
      scriptNext = false;
      host = undefined;
      const inner = tokenizeDeep(t.text, tokMapper(t), depth + 1);
      if (inner.length) {
        inner[0].newCommand = true;
        for (const x of inner) out.push(x);
        // the arguments after the script ($0, $1, …) belong to no command
        out.push(mkTok(';', t.end, t.end, t.end, undefined, 'sep', true));
        atCommandStart = true;
        continue;
      }
    }
    const b = basename(t.text);
    if (SHELLS.has(b) || (atCommandStart && SCRIPT_HOSTS.has(b))) host = b;
    else if (host && /^-[A-Za-z]*c[A-Za-z]*$/.test(t.text)) scriptNext = true;
    else if (host && !/^[-+]/.test(t.text)) {
      // `sh -o pipefail -c`, `su user -c`: keep looking; `sh script.sh`: no script follows
      const prev = level[k - 1]?.text;
      if (!(prev === '-o' || prev === '+o' || host === 'su' || host === 'runuser')) host = undefined;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text)) atCommandStart = PREFIX_WORDS.has(b) || PREFIX_WITH_ARG.has(b);
    out.push(t);
  }
  return out;
}

/** Split a shell-form string into tokens with offsets into the string (simple POSIX-ish quoting: '', "", backslash), and recurse into `sh -c "…"` / `bash -c` scripts. */
export function tokenize(command: string): { text: string; start: number; end: number }[] {
  if (!command || command.length > MAX_COMMAND_LENGTH) return [];
  const out: { text: string; start: number; end: number }[] = [];
  for (const t of tokenizeDeep(command, offsetMapper(0), 0)) if (!t.synthetic) out.push({ text: t.text, start: t.start, end: t.end });
  return out;
}

// ───────────────────────────── scanning ─────────────────────────────

interface Found {
  tok: number;
  start: number;
  end: number;
  via: string;
  description: string;
  viaVariable: boolean;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_.]*)=/;

/** Scan a flat token list (already tokenized, scripts expanded). */
function scanTokens(toks: Tok[]): Found[] {
  const found: Found[] = [];
  const byTok = new Map<number, Found[]>();
  const add = (f: Found): void => {
    found.push(f);
    const list = byTok.get(f.tok);
    if (list) list.push(f);
    else byTok.set(f.tok, [f]);
  };
  const overlapping = (k: number, s: number, e: number): Found | undefined => byTok.get(k)?.find((f) => s < f.end && f.start < e);

  /** Report text[start, end) of token k as a credential, unless it is empty, a reference or a switch. */
  const report = (k: number, start: number, end: number, via: string, description: string): void => {
    const t = toks[k];
    let s = start;
    let e = end;
    // quotes that survived (exec form: `-p"x"` is passed as is) are not part of the secret
    while (s < e && (t.text[s] === '"' || t.text[s] === "'") && t.text[e - 1] === t.text[s]) {
      s++;
      e--;
    }
    while (s < e && isBlank(t.text[s])) s++;
    while (e > s && isBlank(t.text[e - 1])) e--;
    if (e <= s) return;
    const value = t.text.slice(s, e);
    if (overlapping(k, s, e)) return;
    if (isVariableOnly(value)) {
      add({ tok: k, start: s, end: e, via, description, viaVariable: true });
      return;
    }
    if (isCommandSubstitution(value) || judgeSecretValue(value) !== 'literal') return;
    add({ tok: k, start: s, end: e, via, description, viaVariable: false });
  };

  /** A `NAME=value` token whose name is sensitive. */
  const assignment = (k: number, offset = 0, viaPrefix = ''): boolean => {
    const text = toks[k].text.slice(offset);
    const m = ASSIGNMENT.exec(text);
    if (!m) return false;
    const v = classifyKey(m[1]);
    if (!v.sensitive) return false;
    report(k, offset + m[0].length, toks[k].text.length, `${viaPrefix}${m[1]}=`, describeKind(v.kind));
    return true;
  };

  /** A header `Name: value` passed to -H / --header. */
  const header = (k: number, offset: number): void => {
    const text = toks[k].text;
    const m = /^[ \t]*([A-Za-z0-9_-]+)[ \t]*:[ \t]*/.exec(text.slice(offset));
    if (!m) return;
    const name = m[1];
    let s = offset + m[0].length;
    if (/^(?:proxy-)?authorization$/i.test(name)) {
      const scheme = /^(Bearer|Basic|Token|Bot|Digest|Negotiate|ApiKey|Key)[ \t]+/i.exec(text.slice(s));
      const kind = scheme ? scheme[1].toLowerCase() : '';
      if (scheme) s += scheme[0].length;
      const description = kind === 'basic' ? 'basic auth credentials' : kind === 'bearer' ? 'bearer token' : 'token';
      report(k, s, text.length, 'Authorization header', description);
      return;
    }
    const v = classifyKey(name);
    if (v.sensitive) report(k, s, text.length, `${name} header`, describeKind(v.kind));
  };

  /** `user:password` in token k from offset: report the password part. */
  const userPass = (k: number, offset: number, via: string, sep: string): void => {
    const text = toks[k].text;
    const at = text.indexOf(sep, offset);
    if (at < 0) return;
    report(k, at + sep.length, text.length, via, 'password');
  };

  /** openssl `pass:x` / `env:VAR` / `file:…` password sources. */
  const opensslPass = (k: number, via: string): void => {
    const text = toks[k].text;
    if (text.startsWith('pass:')) report(k, 5, text.length, via, 'password');
    else if (text.startsWith('env:') && text.length > 4) add({ tok: k, start: 4, end: text.length, via, description: 'password', viaVariable: true });
  };

  let program: string | undefined;
  let afterWrapper = false;
  let skipArgs = 0;
  let positionals: number[] = [];
  let batch = false; // htpasswd -b

  const endCommand = () => {
    afterWrapper = false;
    skipArgs = 0;
    if (program === undefined) return;
    if (program === 'htpasswd' && batch && positionals.length >= 2) {
      const k = positionals[positionals.length - 1];
      report(k, 0, toks[k].text.length, 'htpasswd -b', 'password');
    }
    if (program === 'mc') {
      const words = positionals.map((k) => toks[k].text);
      const at = words[0] === 'alias' && words[1] === 'set' ? 5 : words[0] === 'config' && words[1] === 'host' && words[2] === 'add' ? 6 : -1;
      if (at > 0 && positionals[at] !== undefined) report(positionals[at], 0, toks[positionals[at]].text.length, 'mc alias set', 'secret key');
    }
    if (program === 'rabbitmqctl') {
      const words = positionals.map((k) => toks[k].text);
      if ((words[0] === 'add_user' || words[0] === 'change_password') && positionals[2] !== undefined) {
        report(positionals[2], 0, toks[positionals[2]].text.length, `rabbitmqctl ${words[0]}`, 'password');
      }
    }
    program = undefined;
    if (positionals.length) positionals = [];
    batch = false;
  };

  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.op === 'sep' || t.newCommand) endCommand();
    if (t.op === 'redirect') {
      k++; // the redirection target
      continue;
    }
    if (t.op) continue;
    const text = t.text;

    if (program === undefined) {
      if (afterWrapper && text.startsWith('-')) {
        // flags of a wrapper (`env -i`, `sudo -E -u user`); the ones listed take a value
        if (WRAPPER_FLAGS_WITH_VALUE.has(text)) k++;
        continue;
      }
      if (skipArgs > 0) {
        skipArgs--;
        continue;
      }
      if (ASSIGNMENT.test(text)) {
        assignment(k);
        continue;
      }
      const b = basename(text);
      if (PREFIX_WORDS.has(b) || PREFIX_WITH_ARG.has(b)) {
        afterWrapper = true;
        if (b === 'gosu' || b === 'su-exec' || b === 'timeout' || b === 'setpriv') skipArgs = 1;
        continue;
      }
      afterWrapper = false;
      if (!text.startsWith('-')) {
        program = b;
        continue;
      }
      // arguments without a program: `command: --requirepass x` (the image's entrypoint runs them)
      program = '';
    }

    // ── arguments of `program` ──
    if (!text) continue;
    if (text.charCodeAt(0) !== 45 /* - */) {
      // a positional argument, or NAME=value
      if (text.indexOf('=') > 0 && ASSIGNMENT.test(text)) assignment(k);
      else positionals.push(k);
      continue;
    }
    const short = SHORT_PASSWORD_FLAG[program];
    const userPassFlags = USER_PASS_FLAGS[program];

    if (MYSQL_FAMILY.has(program) && /^-p./.test(text) && !text.startsWith('--')) {
      report(k, 2, text.length, '-p', 'password');
      continue;
    }
    if (MYSQL_FAMILY.has(program) && /^-[A-Za-z]*p$/.test(text)) continue; // prompts
    if (POSTGRES_FAMILY.has(program) && (text === '-W' || text === '--password')) continue;
    if (program === 'htpasswd' && /^-[A-Za-z]*b[A-Za-z]*$/.test(text)) {
      batch = true;
      continue;
    }
    if (program === 'openssl' && /^-(?:passin|passout|pass|k)$/.test(text) && k + 1 < toks.length) {
      if (text === '-k') report(k + 1, 0, toks[k + 1].text.length, text, 'password');
      else opensslPass(k + 1, text);
      k++;
      continue;
    }
    if (short && text === short) {
      if (k + 1 < toks.length && !toks[k + 1].op) {
        report(k + 1, 0, toks[k + 1].text.length, short, 'password');
        k++;
      }
      continue;
    }
    if (short && ATTACHED_SHORT_FLAG.has(program) && text.startsWith(short) && text.length > short.length && !text.startsWith('--')) {
      report(k, short.length, text.length, short, 'password');
      continue;
    }
    if (program === 'docker' && (text === '-p' || text === '--password') && toks[positionals[0]]?.text === 'login' && k + 1 < toks.length) {
      report(k + 1, 0, toks[k + 1].text.length, text, 'password');
      k++;
      continue;
    }
    if (userPassFlags) {
      const flag = userPassFlags.flags.find(
        (f) => text === f || text.startsWith(f + '=') || (f.length === 2 && text.startsWith(f) && text.length > 2 && !text.startsWith('--')),
      );
      if (flag) {
        if (text === flag) {
          if (k + 1 < toks.length && !toks[k + 1].op) {
            userPass(k + 1, 0, flag, userPassFlags.sep);
            k++;
          }
        } else {
          const offset = text.startsWith(flag + '=') ? flag.length + 1 : flag.length;
          userPass(k, offset, flag, userPassFlags.sep);
        }
        continue;
      }
    }
    if (text === '-H' || text === '--header') {
      if (k + 1 < toks.length && !toks[k + 1].op) {
        header(k + 1, 0);
        k++;
      }
      continue;
    }
    if (text.startsWith('--header=')) {
      header(k, 9);
      continue;
    }
    if (text === '-e' || text === '--env' || text === '--build-arg' || text === '--set' || text === '-o' || text === '--opt') {
      // docker run -e NAME=value, helm --set name=value, mount -o password=…
      if (k + 1 < toks.length && !toks[k + 1].op) {
        if (!assignment(k + 1)) optionList(k + 1);
        k++;
      }
      continue;
    }
    if (/^--(?:env|build-arg|set)=/.test(text)) {
      assignment(k, text.indexOf('=') + 1);
      continue;
    }

    // --name=value, --name value, -name=value, -name value (Java/Go style), -Dname=value
    const flag = /^(--?)([A-Za-z][A-Za-z0-9._-]*)(=)?/.exec(text);
    if (flag && (flag[1] === '--' || flag[2].length >= 4 || flag[3])) {
      let name = flag[2];
      const valueOffset = flag[0].length;
      if (flag[1] === '-' && /^D[a-z]/.test(name) && flag[3]) name = name.slice(1); // -Dspring.datasource.password=x
      const v = classifyKey(name);
      if (v.sensitive) {
        if (flag[3]) {
          if (ASSIGNMENT.test(text.slice(valueOffset)) && assignment(k, valueOffset)) continue;
          report(k, valueOffset, text.length, `${flag[1]}${flag[2]}`, describeKind(v.kind));
        } else if (/^[ \t]+\S/.test(text.slice(valueOffset))) {
          // exec form with flag and value in one argument: ["redis-server", "--requirepass s3cret"]
          const rest = text.slice(valueOffset);
          report(k, valueOffset + rest.length - rest.trimStart().length, text.length, `${flag[1]}${flag[2]}`, describeKind(v.kind));
        } else if (takesValue(program, name) && k + 1 < toks.length && !toks[k + 1].op && !/^-[A-Za-z-]/.test(toks[k + 1].text)) {
          report(k + 1, 0, toks[k + 1].text.length, `${flag[1]}${flag[2]}`, describeKind(v.kind));
          k++;
        }
        continue;
      }
      if (flag[3] && ASSIGNMENT.test(text.slice(valueOffset))) {
        assignment(k, valueOffset, `${flag[1]}${flag[2]}=`);
      }
    }
  }
  endCommand();

  // recognised formats and URL credentials anywhere, where no rule already reported: one scan
  // of all token texts joined by newlines (no pattern crosses a newline), mapped back to tokens
  const offsets: number[] = [];
  let length = 0;
  for (const t of toks) {
    offsets.push(length);
    length += (t.op ? 0 : t.text.length) + 1;
  }
  const joined = toks.map((t) => (t.op ? '' : t.text)).join('\n');
  const tokenAt = (pos: number): number => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const urls = findUrlCredentials(joined);
  /** Whether [s, e) lies in the password of a URL (`https://x:ghp_…@github.com`). */
  const inUrl = (s: number, e: number): boolean => {
    let lo = 0;
    let hi = urls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (urls[mid].end >= e) hi = mid;
      else lo = mid + 1;
    }
    return lo < urls.length && urls[lo].start <= s;
  };
  for (const m of scanValue(joined)) {
    const k = tokenAt(m.start);
    const start = m.start - offsets[k];
    const end = Math.min(m.end - offsets[k], toks[k].text.length);
    if (end <= start) continue;
    const hit = overlapping(k, start, end);
    if (hit) {
      if (!hit.viaVariable && hit.start <= start && end <= hit.end && !GENERIC_PATTERNS.has(m.patternId)) hit.description = m.description;
      continue;
    }
    const via = m.patternId === 'url-credentials' || inUrl(m.start, m.end) ? 'URL' : 'argument';
    add({ tok: k, start, end, via, description: m.description, viaVariable: false });
  }
  for (const u of urls) {
    if (!u.viaVariable) continue;
    const k = tokenAt(u.start);
    const start = u.start - offsets[k];
    const end = Math.min(u.end - offsets[k], toks[k].text.length);
    if (end <= start || overlapping(k, start, end)) continue;
    add({ tok: k, start, end, via: 'URL', description: u.description, viaVariable: true });
  }

  function optionList(k: number): void {
    // comma-separated options such as mount's `username=x,password=y`
    const text = toks[k].text;
    let offset = 0;
    for (const part of text.split(',')) {
      const m = ASSIGNMENT.exec(part);
      if (m) {
        const v = classifyKey(m[1]);
        if (v.sensitive) report(k, offset + m[0].length, offset + part.length, `${m[1]}=`, describeKind(v.kind));
      }
      offset += part.length + 1;
    }
  }

  return found.sort((a, b) => a.tok - b.tok || a.start - b.start);
}

/** Whether `--name` of `program` takes the next argument as its value. */
function takesValue(program: string | undefined, name: string): boolean {
  const n = name.toLowerCase();
  if (program && MYSQL_FAMILY.has(program) && n === 'password') return false;
  if (program && POSTGRES_FAMILY.has(program) && n === 'password') return false;
  if (program && (program === 'mongod' || program === 'mongos') && n === 'auth') return false;
  return true;
}

// ───────────────────────────── public API ─────────────────────────────

/**
 * Credentials in a command given as tokens (exec form). Values that are only a variable
 * reference (`$VAR`, `${VAR}`, `$$VAR`) are returned with `viaVariable: true`.
 * `["sh", "-c", "script"]`, `["CMD-SHELL", "script"]` and `["/bin/sh", "-ec", "script"]`
 * are followed into the script; offsets are then relative to the script argument.
 */
export function findCommandCredentials(tokens: string[]): (ArgCredential & { viaVariable: boolean })[] {
  if (!tokens.length) return [];
  // virtual offsets: argument i occupies [argStart[i], argStart[i] + length)
  const argStart: number[] = [];
  let total = 0;
  for (const t of tokens) {
    argStart.push(total);
    total += t.length + 1;
  }
  if (total > MAX_COMMAND_LENGTH) return [];
  if (total > FULL_ANALYSIS_LENGTH)
    return formatsOnly(tokens.join('\n')).map((m) => {
      const arg = argAt(argStart, m.absStart);
      return { arg, start: m.absStart - argStart[arg], end: m.absEnd - argStart[arg], via: m.via, description: m.description, viaVariable: m.viaVariable };
    });
  const toks: Tok[] = [];
  // `entrypoint: ["/bin/sh", "-c"]` + `command: ["redis-server --requirepass x"]`: one argument that is a whole command line
  const lone = tokens[0] === 'CMD' ? tokens.slice(1) : tokens;
  let scriptNext = tokens[0] === 'CMD-SHELL' || (lone.length === 1 && /\s/.test(lone[0].trim()) && !lone[0].trim().startsWith('-'));
  let hostSeen = false;
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i];
    const base = argStart[i];
    if (!text || (i === 0 && (text === 'CMD' || text === 'CMD-SHELL' || text === 'NONE'))) continue;
    if (scriptNext) {
      scriptNext = false;
      const inner = tokenizeDeep(text, offsetMapper(base), 1);
      if (inner.length) {
        inner[0].newCommand = true;
        for (const x of inner) toks.push(x);
      }
      // whatever follows the script ($0, $1…) is not part of a command
      toks.push(mkTok(';', base + text.length, base + text.length, base + text.length, undefined, 'sep', true));
      continue;
    }
    const b = basename(text);
    if (SCRIPT_HOSTS.has(b)) hostSeen = true;
    else if (hostSeen && /^-[A-Za-z]*c[A-Za-z]*$/.test(text)) scriptNext = true;
    toks.push(mkTok(text, base, base + text.length, base));
  }
  const out: (ArgCredential & { viaVariable: boolean })[] = [];
  for (const f of scanTokens(toks)) {
    const t = toks[f.tok];
    const absStart = absAt(t, f.start);
    const absEnd = absAt(t, f.end - 1) + 1;
    const arg = argAt(argStart, absStart);
    out.push({ arg, start: absStart - argStart[arg], end: absEnd - argStart[arg], via: f.via, description: f.description, viaVariable: f.viaVariable });
  }
  return out;
}

/** The argument holding virtual offset `pos`. */
function argAt(argStart: number[], pos: number): number {
  let lo = 0;
  let hi = argStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (argStart[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** For over-long commands: recognised formats and URL credentials only, with `arg: -1`. */
function formatsOnly(text: string): (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] {
  const out: (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] = [];
  for (const m of scanValue(text)) {
    out.push({
      arg: -1,
      start: m.start,
      end: m.end,
      via: m.patternId === 'url-credentials' ? 'URL' : 'argument',
      description: m.description,
      viaVariable: false,
      absStart: m.start,
      absEnd: m.end,
    });
  }
  for (const u of findUrlCredentials(text)) {
    if (u.viaVariable)
      out.push({ arg: -1, start: u.start, end: u.end, via: 'URL', description: u.description, viaVariable: true, absStart: u.start, absEnd: u.end });
  }
  return out.sort((a, b) => a.absStart - b.absStart);
}

/**
 * Convenience: credentials in a shell-form string; offsets relative to the string. `arg` is the
 * index into `tokenize(command)`; for commands over 32 KB (not tokenized, formats only) it is -1.
 */
export function findShellCredentials(command: string): (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] {
  if (!command || command.length > MAX_COMMAND_LENGTH) return [];
  if (command.length > FULL_ANALYSIS_LENGTH) return formatsOnly(command);
  const toks = tokenizeDeep(command, offsetMapper(0), 0);
  // argument numbers count the tokens `tokenize` returns (synthetic separators left out)
  const index: number[] = [];
  let n = 0;
  for (const t of toks) index.push(t.synthetic ? -1 : n++);
  return scanTokens(toks).map((f) => {
    const t = toks[f.tok];
    return {
      arg: index[f.tok],
      start: f.start,
      end: f.end,
      via: f.via,
      description: f.description,
      viaVariable: f.viaVariable,
      absStart: absAt(t, f.start),
      absEnd: absAt(t, f.end - 1) + 1,
    };
  });
}
