/**
 * The one check pipeline every command uses (lint of files and of standard input, fix before and
 * after rewriting): the rules over the project's effective model and over each compose file on
 * its own, inline suppressions, the settings (rules turned off, allowed names, severities, rule
 * options), and one finding per rule and location.
 */
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import { GitIndex } from '../load/git.js';
import { buildModel } from '../model/model.js';
import { resolvePassthrough, type Project } from '../preprocess/project.js';
import { emptySettings, isAllowed, type Settings } from '../settings.js';
import type { Rule } from './rule.js';
import { findingKey, mergeInto, runRules, sortFindings, type RunOptions } from './run.js';
import { unusedDirectives, withoutSuppressed } from './suppress.js';
import type { Finding } from './types.js';

export interface CheckOptions {
  rules: readonly Rule[];
  /** Rule levels and options, allowed names (`ignore` is for discovery, not here). Options are validated by validateRuleOptions. */
  settings?: Settings;
  /** The table of images that read `<VAR>_FILE`, which decides fixability (default: the built-in one; fix extends it). */
  fileSuffixImages?: FileSuffixTable;
  /** A few bits about each finding's value, for a baseline (lint/baseline.ts); none when absent. */
  valueTag?: (value: string) => string;
  /** Also report inline directives that silence nothing (`unused-ignore` warnings). */
  reportUnusedIgnores?: boolean;
  /** What git said in this run, shared by its projects (default: one index for this project). */
  git?: GitIndex;
}

/** The findings of one project, sorted by file and position. */
export function checkProject(project: Project, options: CheckOptions): Finding[] {
  const settings = options.settings ?? emptySettings();
  const rules = activeRules(options.rules, settings);
  const run: RunOptions = {
    sourceText: project.sourceText,
    projectDirectory: project.projectDirectory,
    host: project.host,
    options: (rule) => ({ ...rule.meta.defaultOptions, ...settings.ruleOptions?.[rule.meta.id] }),
    fileSuffixImages: options.fileSuffixImages,
    policy: settings.policy,
    valueTag: options.valueTag,
    git: options.git ?? new GitIndex(),
  };
  const found = runRules(project.model, rules, run);
  // each file on its own too: a literal that a later file overrides or resets is still committed.
  // Only the rules about values: a file alone does not define the project (an override file
  // mounts a secret its base file defines).
  const valueRules = rules.filter((r) => r.claims || r.meta.eachFile);
  for (const root of valueRules.length ? project.fileRoots : []) {
    // a one-file project whose tree came through preprocessing unchanged is the same tree: the
    // effective model's findings already hold everything it would report (lint of the corpus
    // spent a third of its time checking each file twice)
    if (root === project.root) continue;
    const model = buildModel(root);
    resolvePassthrough(model, project.environment);
    found.push(...runRules(model, valueRules, run));
  }
  const kept = mergeDuplicates(withoutSuppressed(found, project.sourceText))
    .filter((f) => !isAllowed(f.path, settings))
    .map((f) => withSeverity(f, settings));
  if (!options.reportUnusedIgnores) return kept;
  const ids = rules.map((r) => r.meta.id);
  return sortFindings([...kept, ...unusedDirectives(found, project.sources, project.sourceText, ids)]);
}

/** The rules the settings leave on. */
export function activeRules(rules: readonly Rule[], settings: Settings): Rule[] {
  return rules.filter((r) => settings.rules[r.meta.id] !== 'off');
}

/**
 * One finding per rule and location (a value seen in the effective model and in its own file, or
 * by several projects), naming every service that receives it; the first report decides the rest.
 */
export function mergeDuplicates(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const key = findingKey(f);
    const prev = seen.get(key);
    if (!prev) seen.set(key, f);
    else mergeInto(prev, f, false);
  }
  return sortFindings([...seen.values()]);
}

function withSeverity(f: Finding, settings: Settings): Finding {
  const level = settings.rules[f.ruleId];
  return level && level !== 'off' ? { ...f, severity: level } : f;
}
