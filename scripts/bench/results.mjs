// bench/RESULTS.md: the latest table with the machine it ran on and how to read it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function factsLines(facts, settings) {
  return [
    `- date: ${facts.date}`,
    `- command: \`${settings.command}\``,
    `- commit: ${facts.commit}`,
    `- node: ${facts.node}`,
    `- CPU: ${facts.cpu}; memory ${facts.memory}`,
    `- load average (1, 5, 15 min) at start: ${facts.loadStart}; at end: ${facts.loadEnd}`,
    `- sections: ${settings.sections.join(', ')}; cold-start runs ${settings.coldRuns} (after one warm-up), other runs ${settings.runs}; timeout ${settings.timeoutMs / 1000} s (throughput and peers: 900 s, corpus copies: 600 s); RSS cap ${settings.maxRssMb} MiB; a run longer than ${settings.longMs / 1000} s is not repeated`,
    `- peak RSS: ${settings.rssMethod}`,
  ];
}

const HOW_TO_READ = `## How to read it

- Every figure is a whole process (or, for the pre-commit rows, the wall time of all the processes
  pre-commit would start), spawned with its output going to /dev/null; rows of a section run in
  alternated rounds (the order reverses every other round) and the time is the median of the runs.
  Peak RSS is the largest over the runs (of any one process of the row).
- Targets (from the performance issue): one small file at most 1.5× \`node -e 0\` (aim 1.2×); the
  corpus in one run at most 1.5× the parse floor (aim 1.0×) with a peak RSS under 150 MiB; every
  scaling series linear. \`met\` says pass or FAIL; the bench itself always exits 0.
- Parse floor: \`scripts/bench/parse-floor.mjs\` reads the same files and parses them with the same
  \`yaml\` package and options as \`src/load/parse.ts\`, and does nothing else.
- Linearity: k is the growth exponent of the last step between two completed sizes, on the time
  above start-up (median minus \`compose-secrets --version\`): time ∝ size^k, k = 1 linear, 2
  quadratic; pass when k ≤ 1.2. A size that hit the timeout gives a lower bound of k from the last
  completed size (its time is at least the timeout): a bound over 1.2 is a FAIL too; otherwise the
  verdict holds only up to the last completed size.
- Shapes: *N services* — each \`image: postgres:16\` with its own hardcoded \`POSTGRES_PASSWORD\`;
  *sharing one anchor* — \`x-db-env: &db-env\` with one password, every service
  \`environment: *db-env\`; *one long password* — one service whose \`POSTGRES_PASSWORD\` is that many
  random letters and digits on one line; *one realistic file* — units of 8 services (postgres,
  mysql, redis, an app with build args, a worker, traefik, grafana, nextcloud) with map and list
  environments, passthroughs, template defaults, URLs with credentials, a password in a command,
  merge keys and healthchecks, 4 units at 1×. Generated inputs live in \`.tmp/bench/\` (git-ignored)
  during the run.
- Peers (dclint, secretlint with \`@secretlint/secretlint-rule-preset-recommend\`) are installed
  with \`npm install --prefix ~/.cache/compose-secrets-bench\`, never into the repository, and get
  the same file list as our file-list row.
- The machine is shared: read the load average before comparing two tables.
`;

export function writeResults(root, facts, settings, table) {
  const text = [
    '# Benchmark results',
    '',
    'The latest `npm run bench -- --write`. Numbers from a busy machine are not comparable with a quiet',
    "one's: the load average says how busy it was.",
    '',
    ...factsLines(facts, settings),
    '',
    table,
    HOW_TO_READ,
  ].join('\n');
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'RESULTS.md'), text);
}
