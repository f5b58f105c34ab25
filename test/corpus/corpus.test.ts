import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/compose-config.js';
import { lint } from '../../src/lint.js';
import { LoadError } from '../../src/load/parse.js';
import { loadProject } from '../../src/preprocess/project.js';
import { CORPUS, HAS_SHARED, REPO, walk } from '../helpers.js';

const files = HAS_SHARED ? walk(CORPUS, (n) => /\.ya?ml$/.test(n)).map((f) => relative(REPO, f)) : [];
const short = (f: string) => f.replace('../shared/corpus/', '');

describe.skipIf(!HAS_SHARED)(`every compose file of ../shared/corpus (skipped: ${HAS_SHARED ? 'no' : '../shared/corpus is absent'})`, () => {
  it('lints all of them; only the broken ones give errors, each one located line', async () => {
    expect(files.length).toBeGreaterThan(2300);
    const result = await lint(files, { cwd: REPO });
    for (const e of result.errors) {
      expect(e.message).not.toContain('\n');
      expect(e.line).toBeGreaterThan(0);
    }
    expect(result.errors.map((e) => `${short(e.file)}:${e.line}: ${e.message.slice(0, 60)}`)).toEqual([
      'compose-spec__compose-go/loader/testdata/compose-include-cycle.yaml:2: include cycle: ../shared/corpus/compose-spec__compose-go/loa',
      'compose-spec__compose-go/loader/testdata/remote/cycle/compose-cycle.yaml:4: cannot extend service "bar": file remote:cycle/compose.yaml:',
      'compose-spec__compose-go/loader/testdata/remote/cycle/compose.yaml:4: cannot extend service "foo": file remote:cycle/compose-cycle',
      'compose-spec__compose-go/loader/testdata/remote/nested/compose.yaml:4: cannot extend service "foo": file remote:nested/compose-nest',
      'coollabsio__coolify/templates/compose/dify.yaml:351: Invalid template: "${" is not followed by a variable name',
      'coollabsio__coolify/templates/compose/gramps-web.yaml:45: a merge key (<<) needs a mapping or a list of mappings, not ',
      'coollabsio__coolify/templates/compose/langfuse.yaml:73: a merge key (<<) needs a mapping or a list of mappings, not ',
      'coollabsio__coolify/templates/compose/langfuse.yaml:89: a merge key (<<) needs a mapping or a list of mappings, not ',
      'coollabsio__coolify/templates/compose/signoz.yaml:488: Invalid template: a variable name after "${" is not followed',
    ]);
    // the wrong-composefile fixtures are valid YAML; their faults are for the schema (config), not lint
    expect(result.files.filter((f) => f.includes('wrong-composefile'))).toHaveLength(3);
  });

  it('loads each one with `config` semantics: valid, a schema issue, or a clean located error', () => {
    let valid = 0;
    let schema = 0;
    const errors: string[] = [];
    for (const f of files) {
      try {
        const issues = validateProject(loadProject({ files: [f], mode: 'config', processEnv: {}, cwd: REPO }));
        if (issues.length) schema++;
        else valid++;
        for (const i of issues) expect(i.message).not.toContain('\n');
      } catch (err) {
        if (!(err instanceof LoadError)) throw new Error(`${f}: ${(err as Error).stack}`);
        expect(err.message).not.toContain('\n');
        errors.push(`${short(err.file)}: ${err.message}`);
      }
    }
    // missing env files and unset required variables (no environment is given here) are most of the errors
    const kinds = errors.map((e) => (/required variable/.test(e) ? 'required' : /env file .* not found/.test(e) ? 'env-file' : 'other'));
    expect({ valid, schema, required: kinds.filter((k) => k === 'required').length, envFile: kinds.filter((k) => k === 'env-file').length }).toEqual({
      valid: 2151,
      schema: 64,
      required: 52,
      envFile: 31,
    });
    expect(errors.filter((_, i) => kinds[i] === 'other')).toEqual([
      'compose-spec__compose-go/loader/testdata/compose-include-cycle.yaml: include cycle: ../shared/corpus/compose-spec__compose-go/loader/testdata/compose-include-cycle.yaml -> ../shared/corpus/compose-spec__compose-go/loader/testdata/compose-include-cycle.yaml',
      'compose-spec__compose-go/loader/testdata/remote/cycle/compose-cycle.yaml: cannot extend service "bar": file remote:cycle/compose.yaml: no such file',
      'compose-spec__compose-go/loader/testdata/remote/cycle/compose.yaml: cannot extend service "foo": file remote:cycle/compose-cycle.yaml: no such file',
      'compose-spec__compose-go/loader/testdata/remote/nested/compose.yaml: cannot extend service "foo": file remote:nested/compose-nested.yaml: no such file',
      // messages never quote the template (it may hold a secret): they say what is wrong, naming the variable
      'coollabsio__coolify/templates/compose/dify.yaml: Invalid template: "${" is not followed by a variable name',
      'coollabsio__coolify/templates/compose/gramps-web.yaml: a merge key (<<) needs a mapping or a list of mappings, not a list',
      'coollabsio__coolify/templates/compose/langfuse.yaml: a merge key (<<) needs a mapping or a list of mappings, not a list',
      'coollabsio__coolify/templates/compose/signoz.yaml: Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)',
    ]);
  });
});
