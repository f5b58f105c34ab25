/**
 * A command (a shell-form string or an exec-form list) as one flat token list, each script of
 * `sh -c '…'` replaced by its own tokens; offsets stay those of the outermost string.
 */
import { lex, type Mapper, mkTok, offsetMapper, type Tok, tokMapper } from './lexer.js';
import { basename, isPrefixWord, isScriptFlag, SCRIPT_HOSTS, SHELLS } from './shell-words.js';

/** How deep `sh -c "bash -c '…'"` scripts are followed. */
const MAX_DEPTH = 4;
/** Longer commands are not looked at. */
export const MAX_COMMAND_LENGTH = 1_000_000;
/**
 * Commands longer than this (real ones are a few KB) are not tokenized: only the recognised
 * formats and URL credentials are looked for, which keeps the cost linear and small.
 */
export const FULL_ANALYSIS_LENGTH = 32_768;

/** `NAME=program … -option …`: a variable's value that is a command line with an option. */
const STORED_COMMAND = /^[A-Za-z_][A-Za-z0-9_]*=([A-Za-z][\w./-]{0,60}(?:[ \t][^\n]{0,4000}?)?[ \t]-{1,2}[A-Za-z][^\n]*)$/;

/** A word that is a command substitution, or a variable assigned one: the command inside. */
const SUBSTITUTED_COMMAND = /^(?:[A-Za-z_][A-Za-z0-9_]*=)?\$\((?!\()([\s\S]{1,32768})\)$/;

/** A crontab line's schedule: five fields, or `@daily` and its kind (a crontab file's reader, detect/exposures.ts, uses it too). */
export const CRON_SCHEDULE_SOURCE = String.raw`(?:@[a-z]{5,8}|(?:[\w*/,?#-]{1,40}[ \t]+){4}[\w*/,?#-]{1,40})`;
/** A crontab's line as a word of a command (echo's argument): a schedule that starts as one does, and the command after it. */
const CRONTAB_LINE = new RegExp(String.raw`^[ \t]*(?=[@\d*])${CRON_SCHEDULE_SOURCE}[ \t]+(\S[^\n]*)$`);

/** The tokens of the text `inner` that ends token t (a substitution's, a crontab line's or a stored command's), located in t. */
function innerTokens(t: Tok, inner: string, end: number, depth: number): Tok[] {
  const offset = end - inner.length;
  const whole = tokMapper(t);
  return tokenizeDeep(inner, (from, to, emit) => whole(from + offset, to + offset, (i, abs) => emit(i - offset, abs)), depth + 1);
}

/** Tokenize, replacing each `sh -c 'script'` argument by the script's own tokens. */
export function tokenizeDeep(s: string, mapper: Mapper, depth: number): Tok[] {
  const level = lex(s, mapper);
  if (depth >= MAX_DEPTH) return level;
  const out: Tok[] = [];
  /** The commands of `$(…)` words met since the last separator, read after their command. */
  const substitutions: Tok[][] = [];
  const flushSubstitutions = (at: number) => {
    for (const inner of substitutions) {
      out.push(mkTok(';', at, at, at, undefined, 'sep', true));
      inner[0].newCommand = true;
      for (const x of inner) out.push(x);
    }
    if (substitutions.length) out.push(mkTok(';', at, at, at, undefined, 'sep', true));
    substitutions.length = 0;
  };
  let atCommandStart = true;
  /** The current command's program (its first word's base name). */
  let program = '';
  let scriptNext = false;
  let host: string | undefined; // a shell (or su) seen in this command: its -c argument is a script
  for (let k = 0; k < level.length; k++) {
    const t = level[k];
    if (t.op === 'sep') {
      atCommandStart = true;
      program = '';
      host = undefined;
      scriptNext = false;
      flushSubstitutions(t.start);
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
    // a command's output taken as a word (`head=$(curl -u monitor:… "$RPC" | jq …)`, `echo "$(mysql -p… -e …)"`; not `$((…))`,
    // arithmetic): the command inside is read as one of its own after the command that holds it (whose arguments stay its own)
    const substituted = SUBSTITUTED_COMMAND.exec(t.text);
    if (substituted) {
      const inner = innerTokens(t, substituted[1], t.text.length - 1, depth);
      if (inner.length) substitutions.push(inner);
    }
    // a crontab's line written by echo or printf (`echo '*/5 * * * * wget --header="X-Cron-Key: …" …' | crontab -`): the
    // command after its schedule, read as one of its own after the echo
    const cron = (program === 'echo' || program === 'printf') && CRONTAB_LINE.exec(t.text);
    if (cron) {
      const inner = innerTokens(t, cron[1], t.text.length, depth);
      if (inner.length) substitutions.push(inner);
    }
    // a command line kept in a variable or an alias (`CLI="stalwart-cli -c admin:…"`, `alias m='mysql -p…'`): read as the
    // command it runs, after the assignment itself
    const stored = (atCommandStart || level[k - 1]?.text === 'alias') && STORED_COMMAND.exec(t.text);
    if (stored && (k + 1 === level.length || level[k + 1].op === 'sep')) {
      const inner = innerTokens(t, stored[1], t.text.length, depth);
      out.push(t, mkTok(';', t.end, t.end, t.end, undefined, 'sep', true));
      if (inner.length) inner[0].newCommand = true;
      for (const x of inner) out.push(x);
      atCommandStart = true;
      continue;
    }
    const b = basename(t.text);
    if (SHELLS.has(b) || (atCommandStart && SCRIPT_HOSTS.has(b))) host = b;
    else if (host && isScriptFlag(t.text)) scriptNext = true;
    else if (host && !/^[-+]/.test(t.text)) {
      // `sh -o pipefail -c`, `su user -c`: keep looking; `sh script.sh`: no script follows
      const prev = level[k - 1]?.text;
      if (!(prev === '-o' || prev === '+o' || host === 'su' || host === 'runuser')) host = undefined;
    }
    if (atCommandStart && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text) && !isPrefixWord(b)) program = b;
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text)) atCommandStart = isPrefixWord(b);
    out.push(t);
  }
  flushSubstitutions(level.length ? level[level.length - 1].end : 0);
  return out;
}

/**
 * The tokens of an exec-form command whose argument i starts at virtual offset `argStart[i]`.
 * `["sh", "-c", "script"]`, `["CMD-SHELL", "script"]` and a lone argument holding a whole
 * command line are followed into the script.
 */
export function tokenizeExec(tokens: readonly string[], argStart: readonly number[]): Tok[] {
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
    else if (hostSeen && isScriptFlag(text)) scriptNext = true;
    toks.push(mkTok(text, base, base + text.length, base));
  }
  return toks;
}

/** Split a shell-form string into tokens with offsets into the string (simple POSIX-ish quoting: '', "", backslash), and recurse into `sh -c "…"` / `bash -c` scripts. */
export function tokenize(command: string): { text: string; start: number; end: number }[] {
  if (!command || command.length > MAX_COMMAND_LENGTH) return [];
  const out: { text: string; start: number; end: number }[] = [];
  for (const t of tokenizeDeep(command, offsetMapper(0), 0)) if (!t.synthetic) out.push({ text: t.text, start: t.start, end: t.end });
  return out;
}
