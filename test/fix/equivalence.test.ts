/**
 * The equivalence checker on its own: two loaded configurations (the disk before, an overlay after),
 * compared service by service under every variable unset and each one set.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareProject, environmentsFor, SENTINEL, type ExternalSource } from '../../src/fix/equivalence.js';
import { nodeHost, OverlayHost } from '../../src/load/host.js';
import { cleanup } from './helpers.js';

const temps: string[] = [];
afterAll(() => cleanup(temps));

/** Compares `before` (written to disk) with the same files overlaid by `after`. */
function compare(before: Record<string, string>, after: Record<string, string>, externals: Record<string, ExternalSource> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cs-equivalence-'));
  temps.push(dir);
  for (const [f, t] of Object.entries(before)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), t);
  }
  const overlay = new OverlayHost(nodeHost);
  for (const [f, t] of Object.entries(after)) overlay.write(join(dir, f), t);
  return compareProject({
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
  }).map((d) => `${d.file}:${d.line} ${d.service} ${d.key}: ${d.reason}`);
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
});
