import { relative, resolve } from 'node:path';
import { RULES } from '../rules/index.js';
import { expandRuleIds } from './engine/aliases.js';
import { activeRules, checkProject, mergeDuplicates, type CheckOptions } from './engine/check.js';
import type { Rule } from './engine/rule.js';
import { validateRuleOptions } from './engine/rule-options.js';
import type { Finding, InputError } from './engine/types.js';
import { detached, forgetTexts } from './detect/text-memo.js';
import { discover } from './load/discover.js';
import { isFile, memoryHost, nodeHost, runHost } from './load/host.js';
import { SettingsLookup } from './lint/settings-lookup.js';
import type { Policy } from './policy/policy.js';
import { type Baseline, type BaselineEntry, entryOf, matchBaseline, valueTagger } from './lint/baseline.js';
import { InvalidYamlError, LoadError } from './load/parse.js';
import { coveringProjects, groupIntoProjects } from './load/projects.js';
import { readText } from './load/read.js';
import { hasEnvFileName, isEnvFile, isOverrideFile, type LintUnit, ownerUnit } from './lint/owner.js';
import { loadProject, type Project } from './preprocess/project.js';
import { loadSettings, type Settings } from './settings.js';

export interface LintOptions {
  /** Compose files of one project, in order (`-f`); positional paths are then not needed. */
  files?: string[];
  envFiles?: string[];
  projectDirectory?: string;
  /** Only these rule ids. */
  rules?: string[];
  /** Standard input's text, for the path `-` (defaults to reading process.stdin). */
  stdin?: () => Promise<string>;
  /** How `-` is named in results. */
  stdinName?: string;
  /** Directory that file names in results are relative to (default: the current directory). */
  cwd?: string;
  /** Rule levels and options, allowed names, ignored files, for every file (default: the nearest settings file above each file, as the CLI reads them). */
  settings?: Settings;
  /** An access policy for every file, over the settings' own (`--policy FILE`). */
  policy?: Policy;
  /** Report only the findings this baseline does not hold (lint/baseline.ts); its stale entries become warnings. */
  baseline?: Baseline;
  /** Also report `compose-secrets-ignore` comments that silence nothing (rule id `unused-ignore`, a warning). */
  reportUnusedIgnores?: boolean;
  /** Return the baseline entries of every finding for a baseline file with this salt (`compose-secrets baseline`). */
  record?: { salt: string; file: string };
}

/** A finding in the stable JSON shape (format version 1). */
export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The (first) service receiving the value; null for findings outside services. */
  service: string | null;
  services: string[];
  path: (string | number)[];
  fixable: boolean;
  /** How `compose-secrets fix` rewrites it: safely, or only with `--unsafe-fixes`, and why; null when it cannot. */
  fix: { applicability: 'safe' | 'unsafe'; reason: string } | null;
  redacted?: string;
}

export interface LintResult {
  version: 1;
  files: string[];
  findings: JsonFinding[];
  errors: InputError[];
  /** Paths that held no compose file. */
  notFound: { path: string; reason: string }[];
  /** Problems that did not stop the lint: directories that could not be searched. */
  warnings: { file: string; message: string }[];
  /** How many findings `--quiet` left out (set by the CLI; not in the JSON format). */
  hidden?: number;
  /** With a baseline: how many findings it held, and its entries nothing matched any more (not in the JSON format; stale ones are also warnings). */
  baseline?: { known: number; stale: BaselineEntry[] };
  /** With `record`: the entries of every finding. */
  baselineEntries?: BaselineEntry[];
}

/**
 * Lints compose projects: the `-f` files as one project, or each path given (a directory's
 * compose.yaml with its override is one project; other compose files are projects of their own,
 * with their directory's .env). One bad file never stops the others. A value seen by several
 * projects (an extends base, an included file) is reported once.
 */
export async function lint(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const salt = options.baseline?.salt ?? options.record?.salt;
  // an alias (secret-misuse) runs every rule it stands for
  const only = options.rules?.length ? expandRuleIds(options.rules) : undefined;
  // the file system as this run sees it: what is at a path, and directories that several projects
  // walk, are read once
  const host = runHost(nodeHost);
  const lookup = new SettingsLookup(cwd, options.settings, only, salt ? valueTagger(salt) : undefined, options.reportUnusedIgnores, options.policy, host);
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const names = new Set<string>();
  const units: LintUnit[] = [];
  // files of other names taken for compose files on their lines alone: one that is not YAML is not one
  let byShape = new Set<string>();
  let notFound: LintResult['notFound'] = [];
  const warnings: LintResult['warnings'] = [];
  if (options.files?.length) {
    units.push({ files: options.files });
  } else {
    const found = await discover(paths.length ? paths : ['.'], [], cwd, { byContent: lookup.settingsFor(cwd).findByContent !== false, trustShape: true });
    byShape = found.byShape;
    notFound = found.empty;
    for (const s of found.skipped) warnings.push({ file: s.path, message: s.reason });
    const kept: string[] = [];
    for (const f of found.files) if (!(await lookup.isIgnored(f))) kept.push(f);
    for (const unit of groupIntoProjects(kept, cwd, host)) {
      const alone = unit.length === 1 ? unit[0] : undefined;
      const owner = alone !== undefined && (isEnvFile(alone) || isOverrideFile(alone)) ? ownerUnit(alone, cwd) : undefined;
      if (alone !== undefined && hasEnvFileName(alone) && !owner) {
        // an env file no project reads: nothing to lint it as
        if (isFile(host, resolve(cwd, alone))) {
          names.add(displayPath(alone, cwd));
          warnings.push({ file: displayPath(alone, cwd), message: 'not linted: no compose project in this directory or above it reads this file' });
          continue;
        }
      }
      units.push(owner ?? { files: unit });
    }
  }
  // each project is checked as soon as it is loaded and only its results are kept, so its
  // documents are released before the next one is read
  const checked: CheckedProject[] = [];
  for (const { files: unit, focus } of units) {
    // the texts the last project's detectors remembered are rarely another project's (text-memo.ts)
    forgetTexts();
    if (unit.length === 1 && unit[0] === '-') {
      const name = options.stdinName ?? '<stdin>';
      names.add(name);
      try {
        findings.push(...checkText(name, await readText('-', options.stdin), cwd, await lookup.checkFor('-'), errors));
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        errors.push({ file: name, line: err.line, column: err.column, message: err.message });
      }
      continue;
    }
    let project: Project;
    try {
      project = loadProject({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory, mode: 'lint', cwd, host });
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      if (err instanceof InvalidYamlError && unit.length === 1 && byShape.has(unit[0])) continue;
      for (const f of unit) names.add(displayPath(f, cwd));
      errors.push({ file: err.file, line: err.line, column: err.column, message: err.message });
      continue;
    }
    checked.push({
      files: project.files,
      sources: project.sources,
      read: [...project.sources, ...(project.model.mountedFiles ?? []).filter((m) => !m.kept).map((m) => m.file)],
      dotenv: (project.model.mountedFiles ?? []).filter((m) => m.kept && project.sources.includes(m.file)).map((m) => m.file),
      wholeFiles: project.wholeFiles,
      errors: noteErrors(project),
      findings: checkProject(project, await lookup.checkFor(project.files[0] ?? '-')).map(detachFinding),
      focus: focus && new Set(focus.map((f) => displayPath(f, cwd))),
    });
  }
  // a file kept beside one project that another project reads (its env_file, a file it mounts) is that project's to report
  const read = new Set(checked.flatMap((p) => p.read));
  // a project's .env is read by the project itself, and by every other project of its directory
  const dotenv = new Set(checked.flatMap((p) => p.dotenv));
  const ownedElsewhere = (f: Finding) => f.data?.context === 'project-file' && read.has(f.origin.file) && !dotenv.has(f.origin.file);
  for (const project of withoutSubsumed(checked)) {
    const { focus } = project;
    for (const f of focus ?? project.files) names.add(f);
    errors.push(...project.errors);
    findings.push(...project.findings.filter((f) => (!focus || focus.has(f.origin.file)) && !ownedElsewhere(f)));
  }
  // nothing linted: why is an error in every format, not only a warning of the stylish one
  if (!names.size) {
    errors.push(...notFound.map((n) => ({ file: n.path, message: n.reason })));
    notFound = [];
  }
  let all = withoutRepeatedDotenvLines(mergeDuplicates(findings), dotenv);
  const result: LintResult = { version: 1, files: [...names], findings: [], errors: dedupeErrors(errors), notFound, warnings };
  if (options.record) result.baselineEntries = all.map((f) => entryOf(f, cwd, resolve(cwd, options.record!.file)));
  if (options.baseline) {
    const match = matchBaseline(all, options.baseline, cwd, result.files);
    all = match.fresh;
    result.baseline = { known: match.known, stale: match.stale };
    const name = displayPath(options.baseline.file, cwd);
    for (const e of match.stale)
      warnings.push({ file: name, message: `stale entry: ${e.ruleId} at ${e.path.join('.')} in ${e.file} is no longer found (--prune removes it)` });
  }
  result.findings = all.map(toJson);
  return result;
}

export interface LintTextOptions {
  /** Only these rule ids. */
  rules?: string[];
  /** As for lint (default: .compose-secrets.json in `cwd`). */
  settings?: Settings;
  /** Directory the text is taken to be in (default: the current directory); nothing else in it is read. */
  cwd?: string;
}

/**
 * Lints the text of one compose file as a file named `file` alone in an empty directory: no .env,
 * and no other file for extends or include. Problems with the text are `errors` of the result.
 */
export async function lintText(file: string, text: string, options: LintTextOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const check = await checkOptions(options, cwd);
  const errors: InputError[] = [];
  let findings: Finding[] = [];
  try {
    findings = checkText(file, text.replace(/^\uFEFF/, ''), cwd, check, errors);
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    errors.push({ file, line: err.line, column: err.column, message: err.message });
  }
  return { version: 1, files: [file], findings: findings.map(toJson), errors: dedupeErrors(errors), notFound: [], warnings: [] };
}

/** The rules and settings of a run: the settings file unless settings are given, rule options validated. */
async function checkOptions(options: { rules?: string[]; settings?: Settings }, cwd: string): Promise<CheckOptions & { settings: Settings }> {
  const settings =
    options.settings ??
    loadSettings(
      cwd,
      undefined,
      RULES.map((r) => r.meta.id),
    );
  await validateRuleOptions(RULES, settings);
  const ids = options.rules?.length ? expandRuleIds(options.rules) : undefined;
  const chosen: readonly Rule[] = ids ? RULES.filter((r) => ids.includes(r.meta.id)) : RULES;
  return { rules: activeRules(chosen, settings), settings };
}

/** The findings of a text taken as a lone compose file (standard input); throws LoadError when it cannot be loaded. */
function checkText(name: string, text: string, cwd: string, check: CheckOptions, errors: InputError[]): Finding[] {
  const abs = resolve(cwd, name);
  const project = loadProject({ files: [abs], mode: 'lint', cwd, host: memoryHost({ [abs]: text }) });
  errors.push(...noteErrors(project));
  return checkProject(project, check);
}

/** The problems that did not stop a project from loading (lint mode), as input errors. */
function noteErrors(project: Project): InputError[] {
  return project.notes.filter((n) => n.severity === 'error').map((n) => ({ file: n.file, line: n.line, column: n.column, message: n.message }));
}

/**
 * A finding as the report keeps it until every project is checked: each of its strings a copy of
 * its own. A service name or a key read from a file is a V8 slice of the file's whole text, and a
 * message is built of such slices: kept as they are, the findings of the corpus held 5 MB of file
 * texts (some 18,000 of them) alive to the end of the run.
 */
function detachFinding(f: Finding): Finding {
  f.message = detached(f.message);
  f.origin = { ...f.origin, file: detached(f.origin.file) };
  if (f.service !== undefined) f.service = detached(f.service);
  f.services = f.services.map(detached);
  f.path = f.path.map((p) => (typeof p === 'string' ? detached(p) : p));
  if (f.redacted !== undefined) f.redacted = detached(f.redacted);
  if (f.fix) f.fix = { ...f.fix, reason: detached(f.fix.reason), detail: detached(f.fix.detail) };
  if (f.data) f.data = Object.fromEntries(Object.entries(f.data).map(([k, v]) => [detached(k), typeof v === 'string' ? detached(v) : v]));
  return f;
}

/**
 * What lint keeps of a project once it is checked: its files, what it read, its results, and the
 * files (displayed) whose findings are reported — every file's when `focus` is absent.
 */
interface CheckedProject {
  files: string[];
  sources: string[];
  /** The files (displayed) it reads: its compose and env files, the files its services mount. */
  read: string[];
  /** Its .env files, read as project files too (their lines no service reads are reported as such). */
  dotenv: string[];
  /** The compose files it reads whole (an extends base gives one service only: it does not cover that file's project). */
  wholeFiles: string[];
  errors: InputError[];
  findings: Finding[];
  focus?: Set<string>;
}

/**
 * Drops projects whose files another project already reads (a file that is included or extended
 * by another one, found on its own by the directory walk): it is linted with the variables and
 * context of the project that uses it, which then reports the findings in everything it read.
 * A directory's default compose file that another project only `extends` stays a project of its
 * own: the extending project takes one service from it, not the rest (a repository's compose.yaml
 * extended by .devcontainer/compose.yaml).
 * Of two projects of the same files, the first is kept, with both focuses (coveringProjects).
 */
function withoutSubsumed(projects: CheckedProject[]): CheckedProject[] {
  const cover = coveringProjects(projects);
  const kept: CheckedProject[] = [];
  projects.forEach((p, i) => {
    if (cover[i] < 0) kept.push(p);
    else {
      const q = projects[cover[i]];
      if (q.focus) for (const f of p.focus ?? p.sources) q.focus.add(f);
    }
  });
  return kept;
}

/**
 * A .env line that one project reports as a value it carries to a service (secret-in-env-file) and
 * another, which carries nothing from it, as a line of a project file: reported once, as the first.
 */
function withoutRepeatedDotenvLines(findings: Finding[], dotenv: ReadonlySet<string>): Finding[] {
  if (!dotenv.size) return findings;
  const line = (f: Finding) => `${f.origin.file}\u0000${f.origin.line}`;
  const otherwise = new Set(findings.filter((f) => dotenv.has(f.origin.file) && f.data?.context !== 'project-file').map(line));
  return otherwise.size ? findings.filter((f) => !(f.data?.context === 'project-file' && otherwise.has(line(f)))) : findings;
}

function displayPath(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)) || file;
}

function dedupeErrors(errors: InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.file}:${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function toJson(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.origin.file,
    line: f.origin.line,
    column: f.origin.column,
    endLine: f.origin.endLine,
    endColumn: f.origin.endColumn,
    message: f.message,
    service: f.service ?? null,
    services: f.services,
    path: f.path,
    fixable: f.fixable,
    fix: f.fix ? { applicability: f.fix.applicability, reason: f.fix.reason } : null,
  };
  if (f.redacted !== undefined) out.redacted = f.redacted;
  return out;
}
