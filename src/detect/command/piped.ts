/**
 * A secret written into a pipe whose reader stores or uses it: `printf '%s' 'VALUE' | docker secret
 * create NAME -`, `echo "VALUE" | docker login -u me --password-stdin`, `echo 'VALUE' | saslpasswd2 -p user`. The reader says what the
 * text is, whatever the writer's arguments look like; `cat file |` and `$(…)` carry no value.
 */
import type { Findings } from './findings.js';
import type { Tok } from './lexer.js';

/** Keystores of the Elastic stack and its forks, whose `add --stdin` (or `-x`) reads a setting's secret value from the pipe. */
const KEYSTORES = new Set(['elasticsearch-keystore', 'opensearch-keystore', 'kibana-keystore', 'logstash-keystore']);

/** The reader of a pipe that takes its input for a secret (`docker secret create`), or undefined. */
function secretReader(words: readonly string[]): string | undefined {
  const [program, ...args] = words.map((w) => w.replace(/^.*\//, ''));
  if (program === undefined) return undefined;
  const last = args[args.length - 1];
  // `docker secret create NAME -` (or /dev/stdin): the value is the secret
  if ((program === 'docker' || program === 'podman') && args[0] === 'secret' && args[1] === 'create' && (last === '-' || last === '/dev/stdin'))
    return `${program} secret create`;
  // a registry login that reads its password from the pipe (`docker login`, `helm registry login`, `skopeo login` … `--password-stdin`)
  if (args.includes('--password-stdin')) return `${program} --password-stdin`;
  // Cyrus SASL's `saslpasswd2 -p` (the password from the pipe), a keystore's `add --stdin`, `passwd --stdin`, `htpasswd -i`,
  // `chpasswd` (`user:password` lines), `gh auth login --with-token`, `vault login -`
  if (program === 'saslpasswd2' && args.includes('-p')) return 'saslpasswd2 -p';
  if (KEYSTORES.has(program) && args[0] === 'add' && (args.includes('--stdin') || args.includes('-x'))) return `${program} add --stdin`;
  if (program === 'passwd' && args.includes('--stdin')) return 'passwd --stdin';
  if (program === 'htpasswd' && args.some((a) => /^-[a-zA-Z]*i[a-zA-Z]*$/.test(a))) return 'htpasswd -i';
  if (program === 'chpasswd' && !args.includes('-e')) return 'chpasswd';
  if (program === 'gh' && args[0] === 'auth' && args.includes('--with-token')) return 'gh auth login --with-token';
  return program === 'vault' && args[0] === 'login' && last === '-' ? 'vault login -' : undefined;
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
