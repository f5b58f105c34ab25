/**
 * Lookup tables and objects keyed by names read from a user's files. A plain `{}` answers
 * `constructor`, `toString` or `__proto__` from Object.prototype (a SilverStripe config's
 * `constructor:` key, a service named `constructor`): these have no prototype, so a name finds
 * only what was put there, and `__proto__` is a key like any other.
 */

/** A frozen table of `entries` with no prototype. */
export function dictionary<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** An empty object with no prototype, to fill with names from a user's files. */
export function emptyDictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
