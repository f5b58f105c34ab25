// Types of code-cache.mjs for the tests that read the launcher's wrapping (test/fix/cli.test.ts).
export const WRAP_HEAD: string;
export const IMPORT_PARAMETER: string;
export const WRAP_TAIL: string;
export function launcherSource(bundle: string, cache: string): string;
export function train(bundleFile: string, cacheFile: string, argv: string[], cwd: string): number | string;
