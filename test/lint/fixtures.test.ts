import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectExposures } from '../../src/detect/exposures.js';
import { lint } from '../../src/lint.js';
import { loadProject } from '../../src/preprocess/project.js';
import { formatJson } from '../../src/report/json.js';
import { formatStylish } from '../../src/report/stylish.js';
import { expectOutput, findingLine, folders, REPO } from '../helpers.js';

/** Every fixture folder, each with its expected.txt: the exact findings of `lint <folder>`. */
const cases = ['fixtures/demo', ...folders(join(REPO, 'fixtures/lint')).map((d) => `fixtures/lint/${d}`)];

describe.each(cases)('lint %s', (folder) => {
  it('reports exactly the expected findings', async () => {
    const result = await lint([folder], { cwd: REPO });
    expect(result.errors).toEqual([]);
    expectOutput(join(REPO, folder, 'expected.txt'), result.findings.map(findingLine).join('\n') + '\n');
  });

  it('never prints a detected value, nor its first half, in any format', async () => {
    const result = await lint([folder], { cwd: REPO });
    const outputs = [formatJson(result), formatStylish(result, { color: false }), formatStylish(result, { color: true })];
    const values = secretValues(folder);
    // every finding that reports a value must have had one detected
    expect(values.length).toBeGreaterThanOrEqual(result.findings.filter((f) => f.redacted).length > 0 ? 1 : 0);
    for (const value of values) {
      for (const out of outputs) {
        expect(out.includes(value), `value of length ${value.length} leaked`).toBe(false);
        const half = value.slice(0, Math.ceil(value.length / 2));
        if (half.length >= 5) expect(out.includes(half), `prefix of a value of length ${value.length} leaked`).toBe(false);
      }
    }
  });
});

/** The values the detectors found, read from the same model lint uses. */
function secretValues(folder: string): string[] {
  const dir = join(REPO, folder);
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(folder, f));
  const values: string[] = [];
  for (const file of files) {
    const project = loadProject({ files: [file], mode: 'lint', cwd: REPO });
    for (const e of collectExposures(project.model)) if (e.verdict.class === 'hardcoded' && e.verdict.value.length >= 4) values.push(e.verdict.value);
  }
  return values;
}
