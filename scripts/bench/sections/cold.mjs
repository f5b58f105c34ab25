// Cold start: whole processes of a one-file lint and of the pre-commit hook, against `node -e 0`.
import { join } from 'node:path';
import { listFiles } from '../inputs.mjs';
import { HOOK_FILES, hookJobs, precommitPartitions } from '../precommit.mjs';
import { makeRow } from '../rows.mjs';

const SMALL_FILE = 'fixtures/demo/compose.yaml';

export function coldRows(ctx) {
  const { root, cli } = ctx;
  const node = process.execPath;
  const one = (argv) => ({ argvs: [argv], cwd: root });
  const base = makeRow('cold start', 'node -e 0', one([node, '-e', '0']), { okCodes: [0] });
  const vsNode = { row: base, name: 'node -e 0' };
  const hookFiles = listFiles(join(root, 'fixtures'), HOOK_FILES, root);
  const jobs = hookJobs();
  const partitions = precommitPartitions([node, cli, 'lint'], hookFiles, jobs);
  return [
    base,
    makeRow('cold start', 'compose-secrets --version', one([node, cli, '--version']), { okCodes: [0], baseline: vsNode }),
    makeRow('cold start', `lint one small file (${SMALL_FILE})`, one([node, cli, 'lint', '--no-color', SMALL_FILE]), {
      okCodes: [1],
      baseline: vsNode,
      target: { ratio: 1.5, aim: 1.2 },
    }),
    makeRow(
      'cold start',
      `pre-commit path: lint the ${hookFiles.length} fixture files the hook's \`files:\` selects, as pre-commit splits them (${partitions.length} invocations, ${jobs} at a time)`,
      { argvs: partitions, concurrency: jobs, cwd: root },
      { okCodes: [0, 1, 2], baseline: vsNode },
    ),
    makeRow(
      'cold start',
      `pre-commit entry as the README writes it: \`npx compose-secrets lint ${SMALL_FILE}\``,
      one(['npx', 'compose-secrets', 'lint', SMALL_FILE]),
      {
        okCodes: [1],
        baseline: vsNode,
        note: 'npx resolves the local bin first; the ratio shows what npx adds',
      },
    ),
  ];
}
