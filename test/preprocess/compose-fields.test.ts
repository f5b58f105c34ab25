import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserData, SERVICE_FIELDS, TOP_LEVEL_FIELDS, unknownFieldIndex } from '../../src/preprocess/compose-fields.js';
import { REPO } from '../helpers.js';

const schema = JSON.parse(readFileSync(join(REPO, 'schema/compose-spec.json'), 'utf8'));

describe('Compose fields', () => {
  it('are exactly the properties the vendored Compose schema defines', () => {
    expect([...TOP_LEVEL_FIELDS].sort()).toEqual(Object.keys(schema.properties).sort());
    expect([...SERVICE_FIELDS].sort()).toEqual(Object.keys(schema.$defs.service.properties).sort());
  });

  it('locate the first unknown key of a path', () => {
    expect(unknownFieldIndex(['services', 'db', 'enviroment', 'X'])).toBe(2);
    expect(unknownFieldIndex(['servces', 'db', 'environment'])).toBe(0);
    expect(unknownFieldIndex(['services', 'db', 'environment', 'X'])).toBe(-1);
    expect(unknownFieldIndex(['services', 'db', 'x-notes'])).toBe(-1);
    expect(unknownFieldIndex(['x-shared', 'A'])).toBe(-1);
    expect(unknownFieldIndex(['secrets', 'anything'])).toBe(-1);
  });

  it('treat what is under an extension or an unknown key as user data', () => {
    expect(isUserData(['services', 'db', 'enviroment', 'X'])).toBe(true);
    expect(isUserData(['x-env', 'X'])).toBe(true);
    expect(isUserData(['services', 'db', 'environment', 'X'])).toBe(false);
  });
});
