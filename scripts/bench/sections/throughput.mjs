// Throughput: the whole corpus in one run, as a directory and as an explicit file list, against
// the parse floor (reading and parsing the same files with the same `yaml`), and peers.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listFiles, YAML_FILE } from '../inputs.mjs';
import { preparePeers } from '../peers.mjs';
import { fewestInvocations, HOOK_FILES, hookJobs, precommitPartitions } from '../precommit.mjs';
import { makeRow, noteRow } from '../rows.mjs';

const S = 'throughput';
const TARGET = { ratio: 1.5, aim: 1.0, rssMb: 150 };
const TIMEOUT_MS = 900_000;

/** The files `lint <dir>` finds, as its JSON report lists them. */
function discovered(ctx, dir) {
  const r = spawnSync(process.execPath, [ctx.cli, 'lint', '--format', 'json', dir], { cwd: ctx.root, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    return JSON.parse(r.stdout).files.filter((f) => f !== '-');
  } catch {
    return null;
  }
}

export function throughputRows(ctx, { peers }) {
  const { root, cli, corpus, work, log } = ctx;
  if (!existsSync(corpus)) return [noteRow(S, 'corpus', `skipped: no corpus at ${corpus}`)];
  const node = process.execPath;
  const floor = join(root, 'scripts/bench/parse-floor.mjs');
  const dir = relative(root, corpus) || '.';
  const found = discovered(ctx, dir);
  if (!found) return [noteRow(S, 'corpus', 'skipped: `lint --format json` on the corpus gave no report')];
  const listFile = join(work, 'corpus-discovered.txt');
  writeFileSync(listFile, `${found.join('\n')}\n`);
  const yamlFiles = listFiles(corpus, YAML_FILE, root);
  const job = (argvs, concurrency = 1) => ({ argvs, concurrency, cwd: root });
  const opts = (extra) => ({ okCodes: [0, 1, 2], timeoutMs: TIMEOUT_MS, ...extra });

  const floorDir = makeRow(
    S,
    `parse floor: read + \`yaml\`-parse the ${found.length} files \`lint ${dir}\` finds`,
    job([[node, floor, `@${listFile}`]]),
    opts(),
  );
  const floorArgs = fewestInvocations([node, floor], yamlFiles);
  const floorList = makeRow(
    S,
    `parse floor: read + \`yaml\`-parse the ${yamlFiles.length} YAML files (${plural(floorArgs.length, 'invocation')})`,
    job(floorArgs),
    opts(),
  );
  const listArgs = fewestInvocations([node, cli, 'lint'], yamlFiles);
  const list = makeRow(
    S,
    `lint the corpus's ${yamlFiles.length} YAML files as arguments (${plural(listArgs.length, 'invocation')})`,
    job(listArgs),
    opts({
      baseline: { row: floorList, name: 'floor' },
      target: TARGET,
    }),
  );
  const hookFiles = yamlFiles.filter((f) => HOOK_FILES.test(relative(dir, f)));
  const jobs = hookJobs();
  const hookArgs = precommitPartitions([node, cli, 'lint'], hookFiles, jobs);
  const rows = [
    makeRow(
      S,
      `lint the corpus as a directory (\`lint ${dir}\`, ${found.length} files found)`,
      job([[node, cli, 'lint', dir]]),
      opts({
        baseline: { row: floorDir, name: 'floor' },
        target: TARGET,
      }),
    ),
    floorDir,
    list,
    floorList,
    makeRow(
      S,
      `pre-commit --all-files: the ${hookFiles.length} files the hook selects, as pre-commit splits them (${hookArgs.length} invocations, ${jobs} at a time)`,
      job(hookArgs, jobs),
      opts({
        baseline: { row: list, name: 'ours (file list)' },
      }),
    ),
  ];
  if (!peers) return rows;
  const { peers: tools, note } = preparePeers(log);
  if (!tools.length) return [...rows, noteRow(S, 'peers (dclint, secretlint)', note)];
  for (const tool of tools) {
    const argvs = fewestInvocations(tool.argv, yamlFiles);
    rows.push(
      makeRow(
        S,
        `peer: ${tool.name} on the same ${yamlFiles.length} files (${plural(argvs.length, 'invocation')})`,
        job(argvs),
        opts({
          baseline: { row: floorList, name: 'floor' },
          compareTo: list,
        }),
      ),
    );
  }
  return rows;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
