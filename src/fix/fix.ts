/**
 * `compose-secrets fix`: moves secrets out of environment variables, env files and build
 * arguments into Compose `secrets:`.
 *
 * The entry of fix. Flow, per project: load it from a private in-memory copy of its files
 * (workspace.ts); plan a round of rewrites from the exposures that lint reports as fixable
 * (plan.ts); apply them as surgical text edits (edit.ts); reload and add any mount or definition the services still miss; repeat until a
 * round finds nothing (a value shadowed in a base file shows up once the override is rewritten).
 * Then check the result: it parses, validates against the Compose schema no worse than before,
 * and lint finds no fixable finding but the ones skipped on purpose. Only then, and only without
 * --dry-run, are the secret files and the changed files written, all or nothing (transaction.ts).
 *
 * Modules: run.ts (the run over all projects), project.ts (the rounds of one project), verify.ts
 * (the checks of the result), advice.ts (what is left to do by hand), positions.ts (lines and
 * secret ranges across file versions), outputs.ts (the script's and --patch's paths).
 */
export { FixError } from './errors.js';
export type { FixOptions, FixResult, FixRunOptions, FixSecret } from './options.js';
export type { FollowUp, Rewrite, Skipped, Target } from './plan.js';
export { runFix } from './run.js';
