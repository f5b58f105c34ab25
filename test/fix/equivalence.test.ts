/**
 * The equivalence checker on its own: two loaded configurations (the disk before, an overlay after),
 * compared service by service under every variable unset and each one set.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareProject, environmentsFor, SENTINEL, type ExternalSource } from '../../src/fix/equivalence.js';
import { nodeHost, OverlayHost } from '../../src/load/host.js';
import { cleanup } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

/** Compares `before` (written to disk) with the same files overlaid by `after`. */
function compare(before: Record<string, string>, after: Record<string, string>, externals: Record<string, ExternalSource> = {}, oneAtATime = false) {
  const dir = mkdtempSync(join(tmpdir(), 'cs-equivalence-'));
  temps.push(dir);
  for (const [f, t] of Object.entries(before)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  const overlay = new OverlayHost(nodeHost);
  for (const [f, t] of Object.entries(after)) overlay.write(join(dir, f), t);
  return compareProject(
    {
      files: ['compose.yaml'],
      cwd: dir,
      before: nodeHost,
      after: overlay,
      fileContent: (abs) => {
        try {
          return overlay.readText(abs);
        } catch {
          return undefined;
        }
      },
      external: (name) => externals[name],
    },
    oneAtATime,
  ).map((d) => `${d.file}:${d.line} ${d.service} ${d.key}: ${d.reason}`);
}

const service = (env: string[], extra: string[] = []) =>
  ['services:', '  db:', '    image: postgres:16', '    environment:', ...env.map((e) => `      ${e}`), ...extra, ''].join('\n');
const mounted = ['    secrets:', '      - pw', 'secrets:', '  pw:', '    file: ./secrets/pw'];

describe('equivalence', () => {
  it('environmentsFor: all unset, then each variable set alone', () => {
    expect(environmentsFor(['B', 'A', 'B'])).toEqual([{}, { A: SENTINEL }, { B: SENTINEL }]);
  });

  it('an unchanged project has no difference', () => {
    const files = { 'compose.yaml': service(['POSTGRES_PASSWORD: s3cret', 'X: ${X:-1}']) };
    expect(compare(files, {})).toEqual([]);
  });

  it('VAR → VAR_FILE naming a mounted secret that holds exactly the value is equivalent', () => {
    expect(
      compare(
        { 'compose.yaml': service(['POSTGRES_PASSWORD: s3cret']) },
        { 'compose.yaml': service(['POSTGRES_PASSWORD_FILE: /run/secrets/pw'], mounted), 'secrets/pw': 's3cret' },
      ),
    ).toEqual([]);
  });

  it('a secret with an added newline is not the value', () => {
    expect(
      compare(
        { 'compose.yaml': service(['POSTGRES_PASSWORD: s3cret']) },
        { 'compose.yaml': service(['POSTGRES_PASSWORD_FILE: /run/secrets/pw'], mounted), 'secrets/pw': 's3cret\n' },
      ),
    ).toEqual(['compose.yaml:5 db POSTGRES_PASSWORD: would be replaced by POSTGRES_PASSWORD_FILE, whose secret pw does not hold the same value']);
  });

  it('VAR_FILE naming nothing mounted is a difference (the sibling sharing an env_file)', () => {
    expect(
      compare(
        { 'compose.yaml': service([], ['    env_file: db.env']).replace('    environment:\n', ''), 'db.env': 'POSTGRES_PASSWORD=s3cret\n' },
        { 'db.env': 'POSTGRES_PASSWORD_FILE=/run/secrets/pw\n' },
      ),
    ).toEqual(['db.env:1 db POSTGRES_PASSWORD: would be replaced by POSTGRES_PASSWORD_FILE, which names no secret the service mounts']);
  });

  it("an env_file's bare name passes the variable through: a secret from the same variable is equivalent, a file's is not", () => {
    const before = { 'compose.yaml': service([], ['    env_file: db.env']).replace('    environment:\n', ''), 'db.env': 'POSTGRES_PASSWORD\n' };
    const fromVariable = ['    secrets:', '      - pw', 'secrets:', '  pw:', '    environment: POSTGRES_PASSWORD'];
    expect(
      compare(before, {
        'compose.yaml': service([], ['    env_file: db.env', ...fromVariable]).replace('    environment:\n', ''),
        'db.env': 'POSTGRES_PASSWORD_FILE=/run/secrets/pw\n',
      }),
    ).toEqual([]);
    expect(
      compare(before, {
        'compose.yaml': service([], ['    env_file: db.env', ...mounted]).replace('    environment:\n', ''),
        'db.env': 'POSTGRES_PASSWORD_FILE=/run/secrets/pw\n',
        'secrets/pw': 's3cret',
      }),
    ).toEqual(['db.env:1 db POSTGRES_PASSWORD: would be replaced by POSTGRES_PASSWORD_FILE, whose secret pw does not hold the same value']);
  });

  it('a default moved into a file differs once the variable is set', () => {
    expect(
      compare(
        { 'compose.yaml': service(['POSTGRES_PASSWORD: ${DB_PASSWORD:-changeme}']) },
        { 'compose.yaml': service(['POSTGRES_PASSWORD_FILE: /run/secrets/pw'], mounted), 'secrets/pw': 'changeme' },
      ),
    ).toEqual([
      'compose.yaml:5 db POSTGRES_PASSWORD: would be replaced by POSTGRES_PASSWORD_FILE, whose secret pw does not hold the same value when DB_PASSWORD is set',
    ]);
  });

  it('an external secret provisioned from the stored default, or the variable when set, is equivalent', () => {
    const external = ['    secrets:', '      - pw', 'secrets:', '  pw:', '    external: true', '    name: pw_v1'];
    expect(
      compare(
        { 'compose.yaml': service(['POSTGRES_PASSWORD: ${DB_PASSWORD:-changeme}']) },
        { 'compose.yaml': service(['POSTGRES_PASSWORD_FILE: /run/secrets/pw'], external) },
        { pw_v1: { value: 'changeme', override: { variable: 'DB_PASSWORD', when: 'nonEmpty' } } },
      ),
    ).toEqual([]);
  });

  it('a variable that appears, or a value that changes, is a difference', () => {
    expect(compare({ 'compose.yaml': service(['A: x']) }, { 'compose.yaml': service(['A: y', 'B: z']) })).toEqual([
      'compose.yaml:5 db A: would receive a different value',
      'compose.yaml:6 db B: would receive a variable it did not receive before',
    ]);
  });

  it('several variables compared at once give what one at a time gives (random projects)', () => {
    const vars = ['A', 'B', 'C'];
    const template = fc.oneof(
      { arbitrary: fc.constantFrom('v', '${A}', '${B:-d}', '${A}${B}', '${A:+${C}}', '${C:-${A}}', '$$A', '${B}'), weight: 30 },
      // SENTINEL written in a file: the values are compared one variable at a time
      { arbitrary: fc.constant(SENTINEL), weight: 1 },
    );
    const entry = fc.record({ key: fc.constantFrom('K1', 'K2', 'A', 'B'), value: fc.option(template, { nil: undefined }) });
    const change = fc.oneof(
      { arbitrary: fc.constant('same'), weight: 12 },
      { arbitrary: fc.constant('environment'), weight: 3 },
      { arbitrary: fc.constantFrom('literal', 'file', 'drop', 'other-variable'), weight: 2 },
    );
    const spec = fc.record({
      services: fc.array(fc.array(fc.tuple(entry, change), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      dotenv: fc.constantFrom('', 'B=x\n', 'C=${A}\n', 'A=\n'),
      anchor: fc.boolean(),
      envFile: fc.option(fc.constantFrom('K3=${B}\n', 'K3=${C:-1}\n', 'B\n'), { nil: undefined }),
    });
    let checked = 0;
    let differing = 0;
    fc.assert(
      fc.property(spec, (p) => {
        const before: string[] = [];
        const after: string[] = [];
        const secrets: string[] = [];
        const files: Record<string, string> = {};
        if (p.anchor) before.push('x-env: &env', '  K9: ${A}'), after.push('x-env: &env', '  K9: ${A}');
        before.push('services:');
        after.push('services:');
        p.services.forEach((entries, i) => {
          const head = [`  s${i}:`, '    image: postgres:16'];
          if (p.envFile !== undefined) head.push('    env_file: s.env');
          before.push(...head, '    environment:');
          after.push(...head, '    environment:');
          const mounts: string[] = [];
          const seen = new Set<string>();
          for (const [{ key, value }, how] of entries) {
            if (seen.has(key)) continue;
            seen.add(key);
            const line = value === undefined ? `      - ${key}` : `      - ${key}=${value}`;
            before.push(line);
            const name = `s${i}_${key.toLowerCase()}`;
            if (how === 'same') after.push(line);
            else if (how === 'literal') after.push(`      - ${key}=other`);
            else if (how === 'other-variable') after.push(`      - ${key}=\${${vars[i % 3]}}`);
            else if (how === 'drop') continue;
            else {
              after.push(`      - ${key}_FILE=/run/secrets/${name}`);
              mounts.push(`      - ${name}`);
              if (how === 'file') {
                secrets.push(`  ${name}:`, `    file: ./${name}`);
                files[name] = value ?? '';
              } else secrets.push(`  ${name}:`, `    environment: ${/^\$\{?(\w)/.exec(value ?? '')?.[1] ?? key}`);
            }
          }
          if (mounts.length) after.push('    secrets:', ...mounts);
        });
        if (p.anchor) {
          const shared = ['  anchored:', '    image: postgres:16', '    environment: *env'];
          before.push(...shared);
          after.push(...shared);
        }
        if (secrets.length) after.push('secrets:', ...secrets);
        const common: Record<string, string> = {};
        if (p.dotenv) common['.env'] = p.dotenv;
        if (p.envFile !== undefined) common['s.env'] = p.envFile;
        const b = { ...common, 'compose.yaml': `${before.join('\n')}\n` };
        const a = { ...files, 'compose.yaml': `${after.join('\n')}\n` };
        const expected = compare(b, a, {}, true);
        expect(compare(b, a)).toEqual(expected);
        if (expected.length) differing++;
        checked++;
      }),
      { numRuns: 150, seed: 20261202 },
    );
    expect(checked).toBe(150);
    // the cases are not all equivalent (nor all different)
    expect(differing).toBeGreaterThan(15);
    expect(differing).toBeLessThan(135);
  });
});
