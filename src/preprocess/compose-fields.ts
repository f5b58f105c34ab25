/**
 * The keys the Compose Specification defines at the top level and in a service: anything else
 * (apart from `x-` extensions) is unknown to Compose — most often a typo such as `enviroment:`.
 * Values under an unknown key reach no container, but they are still in the repository, so the
 * detector reads them as user data, like an extension field's. The lists are read from
 * schema/compose-spec.json at build time (scripts/build-schema.mjs).
 */
import { serviceFields, topLevelFields } from '../generated/compose-fields.js';
import type { Path } from '../model/model.js';

export const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(topLevelFields);

export const SERVICE_FIELDS: ReadonlySet<string> = new Set(serviceFields);

/** Whether a key is an extension field (`x-…`), which Compose ignores by design. */
export function isExtensionKey(key: string | number): boolean {
  return typeof key === 'string' && key.startsWith('x-');
}

/**
 * The index in `path` of the first key Compose does not know (top level, or a field of a service),
 * or -1. Extension keys are not unknown: they are user data by design.
 */
export function unknownFieldIndex(path: Path): number {
  const top = path[0];
  if (top === undefined) return -1;
  if (typeof top === 'string' && !TOP_LEVEL_FIELDS.has(top) && !isExtensionKey(top)) return 0;
  if (top === 'services' && path.length >= 3) {
    const field = path[2];
    if (typeof field === 'string' && !SERVICE_FIELDS.has(field) && !isExtensionKey(field)) return 2;
  }
  return -1;
}

/** Whether a path runs through an extension field or a key Compose does not know: everything below is user data. */
export function isUserData(path: Path): boolean {
  return path.some(isExtensionKey) || unknownFieldIndex(path) >= 0;
}
