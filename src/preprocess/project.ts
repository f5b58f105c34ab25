import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { STACK_FILE_NAME } from '../load/discover.js';
import { isFile, nodeHost, readHostText, type FileHost } from '../load/host.js';
import { pathName, quoteService } from '../load/messages.js';
import { LoadError, parseComposeText } from '../load/parse.js';
import { defaultComposeFiles } from '../load/projects.js';
import { buildModel, type ComposeModel, type KeyValueEntry, type MountedFile, type SecretFromVariable } from '../model/model.js';
import type { Origin } from '../model/origin.js';
import { get, getEntry, type TreeEntry, type TreeMap, type TreeNode, type TreeScalar, wholeFileScalar } from '../model/tree.js';
import { buildEnvironment, readDotenvFile, type DotenvFile } from './environment.js';
import { resolveExtends } from './extends.js';
import { commentLines } from './comments.js';
import { findMountedFiles, structuredRoots } from './mounted-files.js';
import { findProjectFiles } from './project-files.js';
import { interpolateScalar, interpolateTree, setUse, type EnvValue, type InterpolationProblem } from './interpolate-tree.js';
import { hasReferences } from './interpolate.js';
import { applyResetTags, enforceUnicity, mergeRoots } from './merge.js';

export interface ProjectOptions {
  /** Compose files in order (`-f`); default: compose.yaml (or docker-compose.yml…) plus its override in the project directory. */
  files?: string[];
  projectDirectory?: string;
  /** `--env-file`s; default: the project directory's `.env` when it exists. */
  envFiles?: string[];
  /** Active profiles; default: COMPOSE_PROFILES. Ignored in lint mode, which sees every service. */
  profiles?: string[];
  /** The process environment ('config' mode); lint never reads it. */
  processEnv?: Record<string, string | undefined>;
  /** 'config' applies the real environment, profiles and required variables; 'lint' sees every service and needs no environment. */
  mode: 'config' | 'lint';
  /** Paths in origins are relative to this directory. */
  cwd?: string;
  /** Where files are read from (default: the file system). */
  host?: FileHost;
  /**
   * Read the configuration files the project keeps that no service mounts (project-files.ts;
   * default true). fix changes none of them and depends on none, so it leaves them out of its
   * workspace: a provisioning script it wrote beside the project is not a file it reads.
   */
  projectFiles?: boolean;
}

/** A problem that does not stop loading (lint mode): a missing env file, an unset required variable. */
export interface ProjectNote {
  file: string;
  line?: number;
  column?: number;
  message: string;
  severity: 'error' | 'info';
}

export interface Project {
  name: string;
  projectDirectory: string;
  /** The compose files given or found, as displayed. */
  files: string[];
  /** Every file read: compose files, included and extended ones, .env and env_file files. */
  sources: string[];
  /** The compose files read whole (given, found, included), not those only an `extends` took a service from. */
  wholeFiles: string[];
  root: TreeMap;
  model: ComposeModel;
  environment: ReadonlyMap<string, EnvValue>;
  notes: ProjectNote[];
  /** Each compose file's own tree (interpolated, before extends, include and merging): lint also looks at these, because a literal that a later file overrides or resets is still in the repository. */
  fileRoots: TreeMap[];
  /** The text of a file the project read, by its displayed name. */
  sourceText(file: string): string | undefined;
  /** Where the project's files were read from. */
  host: FileHost;
}

/** Loads a project the way `docker compose config` does, keeping every value's origin. Throws LoadError. */
export function loadProject(options: ProjectOptions): Project {
  return new ProjectLoader(options).load();
}

interface LoadContext {
  env: ReadonlyMap<string, EnvValue>;
  /** Chain of included files, for cycle detection. */
  includeChain: string[];
}

class ProjectLoader {
  private readonly cwd: string;
  private readonly host: FileHost;
  private readonly lenient: boolean;
  private readonly projectFiles: boolean;
  private readonly processEnv: Record<string, string | undefined>;
  private readonly notes: ProjectNote[] = [];
  private readonly sources = new Set<string>();
  private readonly wholeFiles = new Set<string>();
  /** The text of each .env and env_file read, by displayed name (their comments are committed too). */
  private readonly dotenvTexts = new Map<string, string>();
  /** The project's own .env files (or --env-file), as displayed: not the env_file files of its services. */
  private readonly projectDotenv = new Set<string>();
  private readonly textCache = new Map<string, string>();
  private readonly interpolated = new Map<string, TreeMap>();

  constructor(private readonly options: ProjectOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.host = options.host ?? nodeHost;
    this.lenient = options.mode === 'lint';
    this.projectFiles = options.projectFiles !== false;
    this.processEnv = options.mode === 'lint' ? {} : (options.processEnv ?? process.env);
  }

  display(abs: string): string {
    const rel = relative(this.cwd, abs);
    return rel && !isAbsolute(rel) ? rel : abs;
  }

  load(): Project {
    const given = this.options.files?.length
      ? this.options.files.map((f) => resolve(this.cwd, f))
      : (this.composeFileFromEnv() ?? defaultComposeFiles(resolve(this.cwd, this.options.projectDirectory ?? '.'), this.host));
    if (!given.length) {
      throw new LoadError(
        this.display(resolve(this.cwd, this.options.projectDirectory ?? '.')),
        'no compose file found (compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml)',
      );
    }
    const projectDirectory = resolve(this.cwd, this.options.projectDirectory ?? dirname(given[0]));
    // a project of stack files alone is deployed by `docker stack deploy`, which reads no .env; `config` prints
    // what `docker compose config` would, and compose reads it whatever the files are called
    const stackOnly = this.options.mode === 'lint' && !this.options.envFiles?.length && given.every((f) => STACK_FILE_NAME.test(basename(f)));
    // (its .env is read all the same, as a file of the project: committed with the stack, a secret in it is in the repository)
    const projectDotenv = this.projectDotenvFiles(projectDirectory);
    const dotenvFiles = stackOnly ? [] : projectDotenv;
    const env = buildEnvironment(dotenvFiles, this.processEnv);
    let root: TreeMap | undefined;
    for (const file of given) {
      const fileRoot = this.loadComposeFile(file, { env, includeChain: [] });
      root = root ? mergeRoots(root, fileRoot) : fileRoot;
    }
    // a one-file project still needs its tags stripped and duplicate list entries removed, as compose-go does
    root = enforceUnicity(applyResetTags(root!));
    if (this.options.mode === 'config') root = this.applyProfiles(root, env);
    const model = buildModel(root);
    this.attachEnvFiles(model, env);
    // (after the env_files: their bare names pass variables through too)
    resolvePassthrough(model, env);
    // lint reads what containers read from the repository; `config` prints the model and needs none of it
    if (this.lenient) {
      this.attachMountedFiles(model, projectDirectory);
      // a setting commented out in a compose file or an env file is committed with it
      model.comments = [
        ...[...this.wholeFiles].flatMap((file) => commentLines(file, this.textCache.get(resolve(this.cwd, file)) ?? '')),
        ...[...this.dotenvTexts].flatMap(([file, text]) => commentLines(file, text)),
      ];
    }
    const name = this.projectName(root, projectDirectory, env);
    return {
      name,
      projectDirectory,
      files: given.map((f) => this.display(f)),
      sources: [...this.sources],
      wholeFiles: [...this.wholeFiles],
      root,
      model,
      environment: env,
      notes: this.notes,
      sourceText: (file: string) => this.sourceText(file),
      fileRoots: [...this.interpolated.values()],
      host: this.host,
    };
  }

  /** The text of a file this project read (compose, env or env_file), read again on demand for env files. */
  private sourceText(file: string): string | undefined {
    const abs = resolve(this.cwd, file);
    let text = this.textCache.get(abs);
    if (text === undefined && this.sources.has(this.display(abs))) {
      try {
        text = this.host.readText(abs);
        this.textCache.set(abs, text);
      } catch {
        return undefined;
      }
    }
    return text;
  }

  private composeFileFromEnv(): string[] | undefined {
    const value = this.processEnv.COMPOSE_FILE;
    if (!value) return undefined;
    const sep = this.processEnv.COMPOSE_PATH_SEPARATOR ?? ':';
    return value
      .split(sep)
      .filter(Boolean)
      .map((f) => resolve(this.cwd, f));
  }

  private projectDotenvFiles(projectDirectory: string): DotenvFile[] {
    const lookup = (name: string) => this.processEnv[name];
    const dotenv = join(projectDirectory, '.env');
    const files = this.options.envFiles?.length
      ? this.options.envFiles.map((f) => this.readDotenv(resolve(this.cwd, f), lookup))
      : isFile(this.host, dotenv)
        ? [this.readDotenv(dotenv, lookup)]
        : [];
    for (const f of files) this.projectDotenv.add(f.file);
    return files;
  }

  private readDotenv(abs: string, lookup?: (name: string) => string | undefined): DotenvFile {
    this.sources.add(this.display(abs));
    const dotenv = readDotenvFile(abs, lookup, this.display(abs), this.host);
    this.dotenvTexts.set(dotenv.file, dotenv.text);
    return dotenv;
  }

  private readText(abs: string): string {
    let text = this.textCache.get(abs);
    if (text === undefined) {
      text = readHostText(this.host, abs, this.display(abs)).replace(/^\uFEFF/, '');
      this.textCache.set(abs, text);
      this.sources.add(this.display(abs));
    }
    return text;
  }

  /** One file parsed (all its documents merged) and interpolated, without include or extends. */
  private parseAndInterpolate(abs: string, env: ReadonlyMap<string, EnvValue>): TreeMap {
    const cacheKey = `${abs}\u0000${envKey(env)}`;
    const cached = this.interpolated.get(cacheKey);
    if (cached) return cached;
    const display = this.display(abs);
    const parsed = parseComposeText(display, this.readText(abs));
    for (const p of parsed.problems) {
      if (!this.lenient) throw p;
      this.notes.push({ file: p.file, line: p.line, column: p.column, message: p.message, severity: 'error' });
    }
    let merged: TreeMap | undefined;
    for (const doc of parsed.roots) {
      if (!doc) continue;
      const { root, problems } = interpolateTree(doc, env, { lenient: this.lenient });
      for (const p of problems) {
        if (this.lenient) {
          this.notes.push({ file: p.origin.file, line: p.origin.line, column: p.origin.column, message: p.message, severity: 'error' });
        } else {
          throw new LoadError(p.origin.file, p.message, p.origin.line, p.origin.column);
        }
      }
      merged = merged ? mergeRoots(merged, root) : root;
    }
    const result = merged ?? emptyRoot(display);
    this.interpolated.set(cacheKey, result);
    return result;
  }

  /** A compose file with its includes and extends resolved. */
  private loadComposeFile(abs: string, ctx: LoadContext): TreeMap {
    this.wholeFiles.add(this.display(abs));
    let root = this.parseAndInterpolate(abs, ctx.env);
    root = resolveExtends(root, abs, {
      loadFile: (other: string) => this.parseAndInterpolate(isAbsolute(other) ? other : resolve(dirname(abs), other), ctx.env),
    });
    const include = getEntry(root, 'include');
    if (include) root = this.applyIncludes(root, include, abs, ctx);
    return root;
  }

  private applyIncludes(root: TreeMap, include: TreeEntry, abs: string, ctx: LoadContext): TreeMap {
    const chain = [...ctx.includeChain, abs];
    let result: TreeMap = { ...root, entries: root.entries.filter((e) => e.key !== 'include') };
    const items = include.value.kind === 'seq' ? include.value.items : [include.value];
    for (const item of items) {
      const spec = this.includeSpec(item, abs);
      if (!spec) continue;
      for (const file of spec.paths) {
        if (chain.includes(file)) {
          throw new LoadError(
            item.origin.file,
            `include cycle: ${[...chain, file].map((f) => pathName(this.display(f))).join(' -> ')}`,
            item.origin.line,
            item.origin.column,
          );
        }
        if (!isFile(this.host, file)) {
          throw new LoadError(item.origin.file, `included file ${pathName(this.display(file))} not found`, item.origin.line, item.origin.column);
        }
      }
      const env = this.includeEnvironment(spec, ctx.env);
      let included: TreeMap | undefined;
      for (const file of spec.paths) {
        const r = this.loadComposeFile(file, { env, includeChain: chain });
        included = included ? mergeRoots(included, r) : r;
      }
      if (included) result = this.addIncluded(result, included);
    }
    return result;
  }

  private includeSpec(item: TreeNode, abs: string): { paths: string[]; projectDirectory: string; envFiles: string[] | undefined; origin: Origin } | undefined {
    const base = dirname(abs);
    const strings = (n: TreeNode | undefined): string[] =>
      !n ? [] : n.kind === 'scalar' ? (n.value === null ? [] : [String(n.value)]) : n.kind === 'seq' ? n.items.flatMap(strings) : [];
    if (item.kind === 'scalar') {
      const p = resolve(base, String(item.value));
      return { paths: [p], projectDirectory: dirname(p), envFiles: undefined, origin: item.origin };
    }
    if (item.kind !== 'map') return undefined;
    const paths = strings(get(item, 'path')).map((p) => resolve(base, p));
    if (!paths.length) return undefined;
    const pd = get(item, 'project_directory');
    const projectDirectory = pd?.kind === 'scalar' && pd.value !== null ? resolve(base, String(pd.value)) : dirname(paths[0]);
    const envFile = get(item, 'env_file');
    const envFiles = envFile ? strings(envFile).map((p) => resolve(base, p)) : undefined;
    return { paths, projectDirectory, envFiles, origin: item.origin };
  }

  /** An included project sees the including project's variables, plus its own env files for names not set yet. */
  private includeEnvironment(
    spec: { projectDirectory: string; envFiles: string[] | undefined; origin: Origin },
    parent: ReadonlyMap<string, EnvValue>,
  ): ReadonlyMap<string, EnvValue> {
    const files = spec.envFiles ?? [join(spec.projectDirectory, '.env')].filter((f) => isFile(this.host, f));
    if (!files.length) return parent;
    const env = new Map(parent);
    for (const f of files) {
      if (!isFile(this.host, f)) {
        const message = `env file ${pathName(this.display(f))} of include not found`;
        if (!this.lenient) throw new LoadError(spec.origin.file, message, spec.origin.line, spec.origin.column);
        this.notes.push({ file: spec.origin.file, line: spec.origin.line, column: spec.origin.column, message, severity: 'info' });
        continue;
      }
      const dotenv = this.readDotenv(f, (name) => parent.get(name)?.value);
      for (const e of dotenv.entries) {
        if (!e.inherited && !env.has(e.key)) env.set(e.key, { value: e.value, source: 'dotenv', origin: e.valueOrigin });
      }
    }
    return env;
  }

  /** Adds an included project's resources; defining one that already exists is an error, as in Compose. */
  private addIncluded(root: TreeMap, included: TreeMap): TreeMap {
    const entries = [...root.entries];
    for (const section of included.entries) {
      if (section.value.kind !== 'map') continue;
      const idx = entries.findIndex((e) => e.key === section.key);
      if (idx < 0) {
        entries.push(section);
        continue;
      }
      const mine = entries[idx].value;
      if (mine.kind !== 'map') continue;
      const merged = [...section.value.entries];
      for (const e of mine.entries) {
        const clash = section.value.entries.find((s) => s.key === e.key);
        if (clash && section.key === 'services') {
          throw new LoadError(
            e.keyOrigin.file,
            `service ${quoteService(e.key)} is also defined by the included file ${pathName(clash.keyOrigin.file)}`,
            e.keyOrigin.line,
            e.keyOrigin.column,
          );
        }
        if (!clash) merged.push(e);
      }
      entries[idx] = { ...entries[idx], value: { ...mine, entries: merged } };
    }
    return { ...root, entries };
  }

  private applyProfiles(root: TreeMap, env: ReadonlyMap<string, EnvValue>): TreeMap {
    const active = new Set(
      this.options.profiles?.length
        ? this.options.profiles
        : (env.get('COMPOSE_PROFILES')?.value ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    );
    const services = get(root, 'services');
    if (services?.kind !== 'map') return root;
    const keep = services.entries.filter((e) => {
      const profiles = get(e.value, 'profiles');
      if (profiles?.kind !== 'seq' || !profiles.items.length) return true;
      return active.has('*') || profiles.items.some((p) => p.kind === 'scalar' && active.has(String(p.value)));
    });
    if (keep.length === services.entries.length) return root;
    return { ...root, entries: root.entries.map((e) => (e.key === 'services' ? { ...e, value: { ...services, entries: keep } } : e)) };
  }

  /** The files the services mount, read once for lint (mounted-files.ts), their texts kept for sourceText. */
  private attachMountedFiles(model: ComposeModel, projectDirectory: string): void {
    const display = (abs: string) => this.display(abs);
    const mounted = findMountedFiles(model, this.host, this.cwd, projectDirectory, display);
    // the configuration files beside the compose files that nothing here reads already
    const known = new Set([...mounted.map((m) => m.abs), ...[...this.sources].map((s) => resolve(this.cwd, s))]);
    model.mountedFiles = this.projectFiles ? [...mounted, ...findProjectFiles(this.host, projectDirectory, known, display)] : mounted;
    for (const m of model.mountedFiles) this.textCache.set(m.abs, String(m.node.value));
    // a .env a service mounts (Laravel's `.:/var/www/html`) is read whole as that mounted file already
    if (this.projectFiles) model.mountedFiles.push(...this.dotenvAsProjectFiles().filter((d) => !mounted.some((m) => m.abs === d.abs)));
  }

  /**
   * The project's .env read as a file of its own, like a stage's `.env.production`: a secret in it
   * is committed with the project whether or not a service reads it (`CODER_SESSION_TOKEN=…` for
   * the CLI). A value that interpolation carries to a service is reported where it is carried, so
   * collectExposures keeps only the lines nothing else reports.
   */
  private dotenvAsProjectFiles(): MountedFile[] {
    return [...this.dotenvTexts]
      .filter(([file]) => this.projectDotenv.has(file))
      .map(([file, text]) => ({
        file,
        abs: resolve(this.cwd, file),
        node: wholeFileScalar(file, text),
        roots: structuredRoots(file, text),
        path: ['files', file],
        services: [],
        kept: true,
      }));
  }

  /** Reads each service's env_file entries (they are what the container receives, below `environment`). */
  private attachEnvFiles(model: ComposeModel, env: ReadonlyMap<string, EnvValue>): void {
    for (const service of model.services) {
      const node = get(service.node, 'env_file');
      if (!node) continue;
      const items = node.kind === 'seq' ? node.items : [node];
      for (const item of items) {
        let path: TreeScalar | undefined;
        let required = true;
        let raw = false;
        if (item.kind === 'scalar') path = item;
        else if (item.kind === 'map') {
          const p = get(item, 'path');
          if (p?.kind === 'scalar') path = p;
          const r = get(item, 'required');
          if (r?.kind === 'scalar' && (r.value === false || r.value === 'false')) required = false;
          const f = get(item, 'format');
          raw = f?.kind === 'scalar' && f.value === 'raw';
        }
        if (!path || path.value === null) continue;
        // relative to the file that defines the service (extends has already rebased inherited paths onto it)
        const base = resolve(this.cwd, dirname(service.nameOrigin.file));
        const abs = resolve(base, String(path.value));
        if (!isFile(this.host, abs)) {
          if (!required) continue;
          const message = `env file ${pathName(this.display(abs))} not found (env_file of service ${quoteService(service.name)})`;
          if (this.lenient) {
            this.notes.push({ file: path.origin.file, line: path.origin.line, column: path.origin.column, message, severity: 'info' });
            continue;
          }
          throw new LoadError(path.origin.file, message, path.origin.line, path.origin.column);
        }
        const file = raw ? this.readRawEnvFile(abs) : this.readDotenv(abs, (name) => env.get(name)?.value);
        for (const e of file.entries) {
          const entry: KeyValueEntry = {
            key: e.key,
            keyOrigin: e.keyOrigin,
            value: e.inherited ? undefined : this.envFileValue(file, e, env, raw),
            path: ['services', service.name, 'env_file', e.key],
            form: 'list',
          };
          service.envFile.push(entry);
        }
      }
    }
  }

  /**
   * An env_file value as the container gets it. Compose expands `${VAR}` in unquoted and
   * double-quoted values from the project environment: such a value keeps its template and the
   * variables it read, like a value of the compose file, so a secret read from the host is
   * passed through the environment and one read from .env is a literal there.
   */
  private envFileValue(file: DotenvFile, e: DotenvFile['entries'][number], env: ReadonlyMap<string, EnvValue>, raw: boolean): TreeScalar {
    const written = file.text.slice(e.valueStart, e.valueEnd);
    const plain: TreeScalar = { kind: 'scalar', value: e.value, origin: e.valueOrigin, sourceOffset: 0 };
    if (raw || e.quoted === 'single' || !hasReferences(written)) return plain;
    const problems: InterpolationProblem[] = [];
    const interpolated = interpolateScalar({ ...plain, value: written }, env, { lenient: true }, problems);
    return interpolated.interpolation ? { ...interpolated, value: e.value } : plain;
  }

  /** `format: raw`: every line is KEY=VALUE taken literally. */
  private readRawEnvFile(abs: string): DotenvFile {
    const display = this.display(abs);
    const text = this.readText(abs);
    const entries: DotenvFile['entries'] = [];
    let offset = 0;
    let line = 1;
    for (const l of text.split('\n')) {
      const eq = l.indexOf('=');
      if (eq > 0) {
        const keyOrigin: Origin = { file: display, range: [offset, offset + eq], line, column: 1, endLine: line, endColumn: eq + 1 };
        const value = l.slice(eq + 1).replace(/\r$/, '');
        const valueOrigin: Origin = {
          file: display,
          range: [offset + eq + 1, offset + eq + 1 + value.length],
          line,
          column: eq + 2,
          endLine: line,
          endColumn: eq + 2 + value.length,
        };
        entries.push({
          key: l.slice(0, eq),
          value,
          line,
          column: 1,
          keyStart: offset,
          keyEnd: offset + eq,
          valueStart: offset + eq + 1,
          valueEnd: offset + eq + 1 + value.length,
          quoted: 'none',
          inherited: false,
          keyOrigin,
          valueOrigin,
        });
      }
      offset += l.length + 1;
      line++;
    }
    return { file: display, text, entries };
  }

  private projectName(root: TreeMap, projectDirectory: string, env: ReadonlyMap<string, EnvValue>): string {
    const fromEnv = env.get('COMPOSE_PROJECT_NAME')?.value;
    const name = get(root, 'name');
    const raw = fromEnv || (name?.kind === 'scalar' && name.value !== null ? String(name.value) : '') || projectDirectory.split(/[\\/]/).pop() || 'project';
    return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  }
}

function envKey(env: ReadonlyMap<string, EnvValue>): string {
  let key = '';
  for (const [k, v] of env) key += `${k}=${v.value}\u0000`;
  return key;
}

function emptyRoot(file: string): TreeMap {
  return { kind: 'map', entries: [], origin: { file, range: [0, 0], line: 1, column: 1, endLine: 1, endColumn: 1 } };
}

/**
 * A bare `- KEY` (or `KEY:` with no value) in `environment`, and a bare `KEY` line of an env_file, takes its value from
 * the project environment — the shell, and the project's .env files — as compose-go resolves it. Records that
 * resolution on the entry (lint has no shell: it only sees .env values).
 */
export function resolvePassthrough(model: ComposeModel, env: ReadonlyMap<string, EnvValue>): void {
  for (const service of model.services) {
    for (const entry of [...service.environment, ...service.envFile]) {
      if (entry.value) continue;
      const found = env.get(entry.key);
      if (found) entry.passthrough = setUse(entry.key, found);
    }
  }
  // a top-level secret's `environment: VAR` takes VAR's value from the same environment
  const secrets = get(model.root, 'secrets');
  if (secrets?.kind !== 'map') return;
  const out: SecretFromVariable[] = [];
  for (const { key, value } of secrets.entries) {
    const variable = value.kind === 'map' ? get(value, 'environment') : undefined;
    if (variable?.kind !== 'scalar' || typeof variable.value !== 'string') continue;
    const found = env.get(variable.value);
    out.push({ name: key, variable: variable.value, path: ['secrets', key, 'environment'], ...(found ? { passthrough: setUse(variable.value, found) } : {}) });
  }
  model.secretsFromVariables = out;
}
