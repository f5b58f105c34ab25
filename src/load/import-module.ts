/**
 * `import()` of a user's module (a custom formatter). The CLI runs as a script compiled from a V8
 * code cache (scripts/lib/code-cache.mjs), where Node 20 cannot import: its launcher hands the
 * bundle its own import as CLI_IMPORT (a parameter of the bundle's wrapper, named by the build).
 * Everywhere else (the library, the tests) this is the plain import().
 */
declare const CLI_IMPORT: ((specifier: string) => Promise<unknown>) | undefined;

export function importModule(specifier: string): Promise<unknown> {
  return typeof CLI_IMPORT === 'function' ? CLI_IMPORT(specifier) : import(specifier);
}
