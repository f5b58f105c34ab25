import { RULES } from '../rules/index.js';
import { relative, resolve } from 'node:path';
import { runRules, sortFindings } from './engine/run.js';
import { withoutSuppressed } from './engine/suppress.js';
import { emptySettings, isAllowed, type Settings } from './settings.js';
import type { Finding, InputError } from './engine/types.js';
import { discover } from './load/discover.js';
import { LoadError, parseComposeText } from './load/parse.js';
import { readText } from './load/read.js';
import { buildModel } from './model/model.js';
import { originKey } from './model/origin.js';
import { groupIntoProjects } from './load/projects.js';
import { loadProject, resolvePassthrough, type Project } from './preprocess/project.js';
import { interpolateTree } from './preprocess/interpolate-tree.js';

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
  /** Rule levels, allowed names, ignored files (the CLI reads them from .compose-secrets.json). */
  settings?: Settings;
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
  redacted?: string;
}

export interface LintResult {
  version: 1;
  files: string[];
  findings: JsonFinding[];
  errors: InputError[];
  /** Paths that held no compose file. */
  notFound: { path: string; reason: string }[];
}

/**
 * Lints compose projects: the `-f` files as one project, or each path given (a directory's
 * compose.yaml with its override is one project; other compose files are projects of their own,
 * with their directory's .env). One bad file never stops the others. A value seen by several
 * projects (an extends base, an included file) is reported once.
 */
export async function lint(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const settings = options.settings ?? emptySettings();
  const rules = (options.rules?.length ? RULES.filter((r) => options.rules!.includes(r.meta.id)) : RULES).filter((r) => settings.rules[r.meta.id] !== 'off');
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const names = new Set<string>();
  const units: string[][] = [];
  let notFound: LintResult['notFound'] = [];
  if (options.files?.length) {
    units.push(options.files);
  } else {
    const found = await discover(paths.length ? paths : ['.'], settings.ignore, cwd);
    notFound = found.empty;
    units.push(...groupIntoProjects(found.files, cwd));
  }
  const projects: Project[] = [];
  for (const unit of units) {
    if (unit.length === 1 && unit[0] === '-') {
      const name = options.stdinName ?? '<stdin>';
      names.add(name);
      try {
        findings.push(...lintText(name, await readText('-', options.stdin), rules, errors));
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        errors.push({ file: name, line: err.line, column: err.column, message: err.message });
      }
      continue;
    }
    try {
      projects.push(loadProject({ files: unit, envFiles: options.envFiles, projectDirectory: options.projectDirectory, mode: 'lint', cwd }));
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      for (const f of unit) names.add(displayPath(f, cwd));
      errors.push({ file: err.file, line: err.line, column: err.column, message: err.message });
    }
  }
  for (const project of withoutSubsumed(projects)) {
    for (const f of project.files) names.add(f);
    for (const n of project.notes) if (n.severity === 'error') errors.push({ file: n.file, line: n.line, column: n.column, message: n.message });
    const found = runRules(project.model, rules, { sourceText: project.sourceText });
    // each file on its own too: a literal that a later file overrides or resets is still committed
    for (const root of project.fileRoots) {
      const model = buildModel(root);
      resolvePassthrough(model, project.environment);
      found.push(...runRules(model, rules, { sourceText: project.sourceText }));
    }
    findings.push(...withoutSuppressed(found, project.sourceText));
  }
  const kept = applySettings(mergeDuplicates(findings), settings);
  return { version: 1, files: [...names], findings: kept.map(toJson), errors: dedupeErrors(errors), notFound };
}

/**
 * Drops projects whose files another project already reads (a file that is included or extended
 * by another one, found on its own by the directory walk): it is linted with the variables and
 * context of the project that uses it.
 */
function withoutSubsumed(projects: Project[]): Project[] {
  return projects.filter((p) => !projects.some((q) => q !== p && p.files.every((f) => q.sources.includes(f)) && !q.files.every((f) => p.sources.includes(f))));
}

function displayPath(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)) || file;
}

/** Severity overrides and allowed names from the settings. */
function applySettings(findings: Finding[], settings: Settings): Finding[] {
  return findings
    .filter((f) => !isAllowed(f.path, settings))
    .map((f) => {
      const level = settings.rules[f.ruleId];
      return level && level !== 'off' ? { ...f, severity: level } : f;
    });
}

/** One finding per rule and location, naming every service that receives the value. */
function mergeDuplicates(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${originKey(f.origin)}`;
    const prev = seen.get(key);
    if (!prev) seen.set(key, f);
    else for (const s of f.services) if (!prev.services.includes(s)) prev.services.push(s);
  }
  return sortFindings([...seen.values()]);
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

/** Lints the text of one compose file (every YAML document in it), without a project around it. Throws LoadError when it cannot be parsed. */
export function lintText(file: string, text: string, rules = RULES, errors: InputError[] = []): Finding[] {
  const parsed = parseComposeText(file, text);
  for (const p of parsed.problems) errors.push({ file, line: p.line, column: p.column, message: p.message });
  const out: Finding[] = [];
  for (const root of parsed.roots) {
    if (!root) continue;
    const { root: interpolated, problems } = interpolateTree(root, new Map(), { lenient: true });
    for (const p of problems) errors.push({ file, line: p.origin.line, column: p.origin.column, message: p.message });
    out.push(...runRules(buildModel(interpolated), rules));
  }
  return withoutSuppressed(out, (f) => (f === file ? text : undefined));
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
  };
  if (f.redacted !== undefined) out.redacted = f.redacted;
  return out;
}
