import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { collectExposures } from '../../src/detect/exposures.js';
import { checkProject } from '../../src/engine/check.js';
import { memoryHost } from '../../src/load/host.js';
import { loadProject } from '../../src/preprocess/project.js';

/** A project of in-memory files in /p. */
function project(files: Record<string, string>) {
  return loadProject({ projectDirectory: '/p', mode: 'lint', cwd: '/p', host: memoryHost(files, '/p') });
}

describe('checkProject', () => {
  it('runs the rules about secrets on the whole project only: an override mounting a secret its base defines is fine', () => {
    const p = project({
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
      'compose.override.yaml': 'services:\n  db:\n    secrets: [db_password]\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n',
    });
    expect(checkProject(p, { rules: RULES }).map((f) => `${f.origin.file}:${f.origin.line} ${f.ruleId}`)).toEqual([]);
  });

  it('still reports a literal that a later file overrides: it is committed all the same', () => {
    const p = project({
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: first-Secret-9\n',
      'compose.override.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
    });
    expect(checkProject(p, { rules: RULES }).map((f) => `${f.origin.file}:${f.origin.line} ${f.ruleId} ${f.fix?.applicability}`)).toEqual([
      'compose.override.yaml:4 secret-via-environment safe',
      'compose.yaml:5 secret-in-environment safe',
    ]);
  });

  it('a finding says how fix rewrites it; a value shared by several services is as safe as its least safe use', () => {
    const p = project({
      'compose.yaml': [
        'x-env: &env',
        '  POSTGRES_PASSWORD: shared-Secret-9',
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment: *env',
        '  app:',
        '    image: example/app',
        '    environment: *env',
        '  db2:',
        '    image: docker.io/library/postgres:16-alpine',
        '    environment:',
        '      POSTGRES_PASSWORD: other-Secret-9',
        '      POSTGRES_DB: ${X:-app}',
        '    command: ["postgres", "-c", "password=x-Secret-9"]',
        '',
      ].join('\n'),
    });
    const findings = checkProject(p, { rules: RULES });
    expect(findings.map((f) => [f.origin.line, f.services.join(','), f.fixable, f.fix])).toEqual([
      [
        2,
        'db,app',
        true,
        {
          applicability: 'unsafe',
          reason: 'the image is not known to read POSTGRES_PASSWORD_FILE',
          detail: 'image example/app is not known to read POSTGRES_PASSWORD_FILE',
        },
      ],
      [13, 'db2', true, { applicability: 'safe', reason: 'the image reads POSTGRES_PASSWORD_FILE', detail: 'image postgres reads POSTGRES_PASSWORD_FILE' }],
      [15, 'db2', false, undefined],
    ]);
  });

  it('a finding names its exposures by id, and holds no value', () => {
    const p = project({ 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      API_TOKEN: tok-Secret-Value-9\n' });
    const [finding] = checkProject(p, { rules: RULES });
    const exposure = collectExposures(p.model).find((e) => e.path.join('.') === 'services.a.environment.API_TOKEN')!;
    // the project's exposure (a one-file project whose tree preprocessing left as it was is not
    // checked a second time on its own)
    expect(finding.exposures).toEqual([exposure.id]);
    expect(JSON.stringify(finding)).not.toContain('tok-Secret');
  });
});
