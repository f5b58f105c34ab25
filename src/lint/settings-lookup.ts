/**
 * The settings of each linted file: the settings given (the API's `settings`, `--config`), or the
 * nearest settings file above the file, up to the repository's root, each file read once. Its
 * `ignore` patterns are relative to the settings file; its rules and options make one set of
 * check options, validated once.
 */
import { dirname, relative, resolve } from 'node:path';
import { RULES } from '../../rules/index.js';
import { activeRules, type CheckOptions } from '../engine/check.js';
import type { Rule } from '../engine/rule.js';
import { validateRuleOptions } from '../engine/rule-options.js';
import { ignoreMatcher } from '../load/discover.js';
import { GitIndex } from '../load/git.js';
import { type FileHost, nodeHost } from '../load/host.js';
import type { Policy } from '../policy/policy.js';
import { emptySettings, findSettingsFile, loadSettings, type Settings } from '../settings.js';

export type RunCheck = CheckOptions & { settings: Settings };

export class SettingsLookup {
  private readonly byDir = new Map<string, Settings>();
  private readonly byFile = new Map<string, Settings>();
  /** Each directory's nearest settings file (findSettingsFile's memo). */
  private readonly nearest = new Map<string, string | undefined>();
  private readonly checks = new Map<Settings, RunCheck>();
  private readonly ignores = new Map<Settings, (file: string) => boolean>();
  /** What git says, asked once per repository for the whole run (every settings file's checks share it). */
  private readonly git: GitIndex;

  constructor(
    private readonly cwd: string,
    private readonly given: Settings | undefined,
    private readonly only: readonly string[] | undefined,
    private readonly valueTag: ((value: string) => string) | undefined,
    private readonly reportUnusedIgnores = false,
    private readonly policy: Policy | undefined = undefined,
    /** Where settings files are looked for (lint: the run's host, which answers most of these stats from directory listings). */
    private readonly host: FileHost = nodeHost,
  ) {
    this.git = new GitIndex(resolve(cwd));
  }

  /** The settings of the files of a directory. */
  settingsFor(dir: string): Settings {
    if (this.given) return this.given;
    const abs = resolve(this.cwd, dir);
    let settings = this.byDir.get(abs);
    if (!settings) {
      const file = findSettingsFile(abs, this.host, this.nearest);
      settings = file
        ? (this.byFile.get(file) ??
          loadSettings(
            this.cwd,
            relative(this.cwd, file) || file,
            RULES.map((r) => r.meta.id),
          ))
        : emptySettings();
      if (file) this.byFile.set(file, settings);
      this.byDir.set(abs, settings);
    }
    return settings;
  }

  /** The check options of a file (`-`: of the working directory). */
  async checkFor(file: string): Promise<RunCheck> {
    const settings = this.settingsFor(file === '-' ? this.cwd : dirname(resolve(this.cwd, file)));
    let check = this.checks.get(settings);
    if (!check) {
      await validateRuleOptions(RULES, settings);
      const chosen: readonly Rule[] = this.only?.length ? RULES.filter((r) => this.only!.includes(r.meta.id)) : RULES;
      check = {
        rules: activeRules(chosen, settings),
        settings: this.policy ? { ...settings, policy: this.policy } : settings,
        reportUnusedIgnores: this.reportUnusedIgnores,
        git: this.git,
        ...(this.valueTag ? { valueTag: this.valueTag } : {}),
      };
      this.checks.set(settings, check);
    }
    return check;
  }

  /** Whether the settings of a file ignore it. */
  async isIgnored(file: string): Promise<boolean> {
    if (file === '-') return false;
    const settings = this.settingsFor(dirname(resolve(this.cwd, file)));
    if (!settings.ignore.length) return false;
    let ignored = this.ignores.get(settings);
    if (!ignored) this.ignores.set(settings, (ignored = await ignoreMatcher(settings.ignore, settings.baseDir ?? this.cwd)));
    return ignored(resolve(this.cwd, file));
  }
}
