/**
 * A secret written into a pipe whose reader stores or uses it: `printf '%s' 'VALUE' | docker secret
 * create NAME -`, `echo "VALUE" | docker login -u me --password-stdin`. The reader says what the
 * text is, whatever the writer's arguments look like; `cat file |` and `$(…)` carry no value.
 */
import type { Findings } from './findings.js';
import type { Tok } from './lexer.js';

/** The reader of a pipe that takes its input for a secret (`docker secret create`), or undefined. */
function secretReader(words: readonly string[]): string | undefined {
  const [program, ...args] = words.map((w) => w.replace(/^.*\//, ''));
  if (program !== 'docker' && program !== 'podman') return undefined;
  // `docker secret create NAME -` (or /dev/stdin): the value is the secret
  const last = args[args.length - 1];
  if (args[0] === 'secret' && args[1] === 'create' && (last === '-' || last === '/dev/stdin')) return `${program} secret create`;
  // `docker login … --password-stdin`
  return args[0] === 'login' && args.includes('--password-stdin') ? `${program} login --password-stdin` : undefined;
}

/** The commands of a token list: token indexes of each, split at separators, with the separator that ends it. */
function commands(toks: readonly Tok[]): { words: number[]; end: string | undefined }[] {
  const out: { words: number[]; end: string | undefined }[] = [];
  let words: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.op === 'redirect') {
      k++;
      continue;
    }
    if (t.op === 'sep' || t.newCommand) {
      if (words.length) out.push({ words, end: t.op === 'sep' ? t.text : undefined });
      words = [];
      if (t.op === 'sep') continue;
    }
    words.push(k);
  }
  if (words.length) out.push({ words, end: undefined });
  return out;
}

/** Reports the value an `echo`/`printf` writes into such a pipe. */
export function scanPipedSecrets(f: Findings): void {
  const toks = f.toks;
  if (!toks.some((t) => t.op === 'sep' && t.text === '|')) return;
  const list = commands(toks);
  for (let i = 0; i + 1 < list.length; i++) {
    const writer = list[i];
    const reader = writer.end === '|' ? secretReader(list[i + 1].words.map((k) => toks[k].text)) : undefined;
    if (reader === undefined) continue;
    const program = toks[writer.words[0]].text;
    const args = writer.words.slice(1).filter((k) => !/^-[neE]{1,3}$/.test(toks[k].text));
    let value: number | undefined;
    if (program === 'echo' && args.length === 1) value = args[0];
    // printf's value follows a format that prints it as it is
    else if (program === 'printf' && args.length === 2 && /^%s(?:\\n)?$/.test(toks[args[0]].text)) value = args[1];
    if (value !== undefined) f.reportToken(value, reader, 'secret');
  }
}
