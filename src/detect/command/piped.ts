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

interface Command {
  words: number[];
  end: string | undefined;
  /** The file its standard output is written to (`> password.txt`, `>> x`), if any. */
  output?: string;
}

/** The commands of a token list: token indexes of each, split at separators, with the separator that ends it. */
function commands(toks: readonly Tok[]): Command[] {
  const out: Command[] = [];
  let words: number[] = [];
  let output: string | undefined;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.op === 'redirect') {
      if ((t.text === '>' || t.text === '>>' || t.text === '1>') && toks[k + 1] && !toks[k + 1].op) output = toks[k + 1].text;
      k++;
      continue;
    }
    if (t.op === 'sep' || t.newCommand) {
      if (words.length) out.push({ words, end: t.op === 'sep' ? t.text : undefined, output });
      words = [];
      output = undefined;
      if (t.op === 'sep') continue;
    }
    words.push(k);
  }
  if (words.length) out.push({ words, end: undefined, output });
  return out;
}

/**
 * A file named for the one secret it holds (`data/prysm-wallet/password.txt`, `jwt.hex`, `api.token`, `.vault_pass`): what is
 * written into it is that secret.
 */
const SECRET_FILE_TARGET =
  /(?:^|[/._-])(?:password|passwd|passphrase|pass|secret|token|api[_-]?key|jwt[_-]?secret|jwt)(?:\.(?:txt|hex))?$|\.(?:secret|token|password|passwd)$/i;

/** The value `echo`/`printf` writes as it is: echo's one argument, printf's after a `%s` format. */
function writtenValue(toks: readonly Tok[], writer: Command): number | undefined {
  const program = toks[writer.words[0]].text;
  const args = writer.words.slice(1).filter((k) => !/^-[neE]{1,3}$/.test(toks[k].text));
  if (program === 'echo' && args.length === 1) return args[0];
  if (program !== 'printf') return undefined;
  // printf's value follows a format that prints it as it is
  if (args.length === 2 && /^%s(?:\\n)?$/.test(toks[args[0]].text)) return args[1];
  // or its one argument, a format with no conversion or escape in it, printed as it is (`printf 'q0Jl…' | docker secret create …`)
  if (args.length === 1 && !/[%\\]/.test(toks[args[0]].text)) return args[0];
  return undefined;
}

/** Reports the value an `echo`/`printf` writes into such a pipe, or into a file named for a secret (`> password.txt`). */
export function scanPipedSecrets(f: Findings): void {
  const toks = f.toks;
  if (!toks.some((t) => (t.op === 'sep' && t.text === '|') || t.op === 'redirect')) return;
  const list = commands(toks);
  for (let i = 0; i < list.length; i++) {
    const writer = list[i];
    const reader = writer.end === '|' && i + 1 < list.length ? secretReader(list[i + 1].words.map((k) => toks[k].text)) : undefined;
    const file = writer.end !== '|' && writer.output !== undefined && SECRET_FILE_TARGET.test(writer.output) ? writer.output : undefined;
    if (reader === undefined && file === undefined) continue;
    const value = writtenValue(toks, writer);
    // a file of one secret holds one word (Postfix's `sasl_passwd` lines, `host user:password`, are read as the file they are)
    if (value === undefined || (file !== undefined && /\s/.test(toks[value].text))) continue;
    if (reader !== undefined) f.reportToken(value, reader, 'secret');
    else f.reportToken(value, `${toks[writer.words[0]].text} >`, /pass/i.test(file!) ? 'password' : 'secret');
  }
}
