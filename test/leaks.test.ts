import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintText } from '../src/lint.js';
import { validateCompose } from '../src/preprocess/schema.js';

const SECRET = 'hunter2-Sup3r';

describe('error messages never carry a value', () => {
  it('a value that starts like a template is not named as a variable (found by the property test)', async () => {
    const { errors } = await lintText('c.yaml', 'services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: "${Sup3rSecretValue`x`"\n');
    expect(errors.map((e) => e.message)).toEqual(['Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)']);
  });

  it('an invalid template is described, not quoted', async () => {
    const { errors } = await lintText('c.yaml', `services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: "${SECRET}\${X"\n`);
    expect(errors).toEqual([
      { file: 'c.yaml', line: 5, column: 20, message: 'Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)' },
    ]);
  });

  it('an invalid env file line shows its name, not its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-leak-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n');
    writeFileSync(join(dir, '.env'), `BAD KEY=${SECRET}\n`);
    const result = await lint([dir], { cwd: dir });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/^invalid env file: /);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it.each([`PW=${SECRET}\${X`, `PW="${SECRET}`, `BAD KEY=${SECRET}`])('an invalid .env line (%#) is reported without its value', async (line) => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-leak-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n');
    writeFileSync(join(dir, '.env'), `${line}\n`);
    const result = await lint([dir], { cwd: dir });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^invalid env file: /)]);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('a duplicated KEY=VALUE in a list is named by its key only', () => {
    // (loading a project already drops duplicate variables, as compose-go does: checked on the schema itself)
    const issues = validateCompose({ services: { a: { image: 'x', environment: [`PASSWORD=${SECRET}`, `PASSWORD=${SECRET}`] } } });
    expect(issues.map((i) => i.message)).toEqual(['services.a.environment contains "PASSWORD=…" more than once']);
  });

  it('a bad YAML file is reported without its content', async () => {
    const { errors } = await lintText('c.yaml', `services:\n  a:\n    environment:\n      TOKEN: "${SECRET}\n    x: [\n`);
    expect(errors).toHaveLength(1);
    const message = errors[0].message;
    expect(message).toMatch(/^invalid YAML: /);
    expect(message).not.toContain(SECRET);
  });
});

describe('finding messages never carry a token written where a name goes', () => {
  // a file a script writes to, named with a token (the name goes into the message: "… holds a hardcoded password (NAME)")
  const TOKEN = 'ghp_aB3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7C';
  it.each([
    ['a heredoc', ['      - |', `        cat > /run/${TOKEN}_password <<EOF`, '        S3cr3tValue123x', '        EOF']],
    ['an echo', [`      - echo S3cr3tValue123x > /run/${TOKEN}_password`]],
  ])('%s into a file named with a token: the finding names a setting', async (_, script) => {
    const text = ['services:', '  a:', '    image: x', '    command:', '      - sh', '      - -c', ...script, ''].join('\n');
    const { findings } = await lintText('c.yaml', text);
    // named for the setting, or for the command that writes the file (`echo >`)
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/hardcoded password \((?:setting|echo >)\)/)]);
    expect(JSON.stringify(findings)).not.toContain(TOKEN.slice(4));
  });
});

describe('config output never carries a value', () => {
  it('masks what lint finds anywhere in the model: a flag glued to its password, a variable from the shell', async () => {
    const { loadProject } = await import('../src/preprocess/project.js');
    const { renderConfig } = await import('../src/compose-config.js');
    const dir = mkdtempSync(join(tmpdir(), 'cs-leak-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  r:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PW}\n    healthcheck:\n      test: ["CMD", "mysqladmin", "-pTopSecret99"]\n',
    );
    const project = loadProject({ projectDirectory: dir, mode: 'config', processEnv: { REDIS_PW: 'shell-secret-123' }, cwd: dir });
    const out = renderConfig(project, { format: 'yaml', showSecrets: false });
    expect(out).toContain('- -p********');
    expect(out).not.toMatch(/TopSecret99|shell-secret-123/);
    expect(renderConfig(project, { format: 'yaml', showSecrets: true })).toContain('-pTopSecret99');
  });
});
