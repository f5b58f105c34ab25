/**
 * From exposures to plans: the decisions (decide.ts: which entry is moved or refused, which secret
 * holds its value, whether the fix is safe) carried out as edits on the files that hold the nodes
 * (see edit.ts): the entry rewritten, the secret mounted, its definition placed. Nothing here
 * touches the disk.
 */
import { dirname, join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { collectExposures, type Exposure } from '../detect/exposures.js';
import { serviceNamed, type ComposeModel } from '../model/model.js';
import { get } from '../model/tree.js';
import { decide, decideSecret, describeRewrite, skip, type Group } from './decide.js';
import { DotenvFileEdits, EditError, YamlFile, type Located } from './edit.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import type { SecretStore } from './store.js';

export type Target = 'swarm' | 'compose';

export type SecretSource = { value: string } | { variable: string };

/** The variable a stored value came through: `set` (a .env value: any value of the variable wins, even empty) or `nonEmpty` (a `:-` default). */
export interface VariableOverride {
  variable: string;
  when: 'set' | 'nonEmpty';
  /** The value is the template's default, not what the variable holds (.env): an `environment:` source cannot keep it. */
  fromDefault?: true;
}

/** A top-level secret: one this run creates, or an existing one it reuses. */
export interface SecretDef {
  name: string;
  kind: 'external' | 'file' | 'environment' | 'unknown';
  /** `v:<value>` or `e:<VARIABLE>`; undefined when an existing secret's value cannot be known. */
  identity?: string;
  source?: SecretSource;
  /** A value read through a variable (.env, a template default): the variable still wins when it is set at provisioning time. */
  override?: VariableOverride;
  externalName?: string;
  /** The secret file (absolute) for a value. */
  storePath?: string;
  created: boolean;
  /** Where the secret is used: `service KEY` descriptions, in order. */
  users: { service: string; key: string; file: string; line: number; build: boolean }[];
}

export type RewriteSource = 'literal' | 'default' | 'dotenv' | 'env-file' | 'passthrough';

/** One rewritten entry. */
export interface Rewrite {
  file: string;
  line: number;
  context: 'environment' | 'env-file' | 'build-args';
  key: string;
  /** `KEY_FILE` for variables; undefined for a build argument (removed). */
  newKey?: string;
  services: string[];
  secret: string;
  safe: boolean;
  reason: string;
  source: RewriteSource;
  /** For a value that came from a template (`${DB_PASSWORD}` from .env, `${X:-default}`). */
  variable?: string;
  /** Where the .env value was written (source 'dotenv'). */
  dotenv?: { file: string; line: number };
}

/** A fixable finding left as it is, and why. */
export interface Skipped {
  file: string;
  line: number;
  key: string;
  services: string[];
  kind: 'unsafe' | 'unsupported' | 'conflict';
  reason: string;
  /** Origins (originKey) of the exposures, to match lint findings. */
  origins: string[];
}

export interface FollowUp {
  file: string;
  line: number;
  message: string;
}

/** What the planner needs from its caller. */
export interface PlanContext {
  model: ComposeModel;
  /** The compose files of the project (-f), absolute, in order. */
  projectFiles: string[];
  /** Every file the project read, absolute. */
  sources: string[];
  target: Target;
  unsafeFixes: boolean;
  table: FileSuffixTable;
  secretsDir: string;
  registry: SecretRegistry;
  store: SecretStore;
  /** The current text of a file (absolute path), BOM removed. */
  text(abs: string): string | undefined;
  /** Absolute path of a displayed file name. */
  abs(display: string): string;
  /** Displayed name of an absolute path. */
  display(abs: string): string;
  /** Whether a finding of a selected rule reports the exposure. */
  selected(e: Exposure): boolean;
  /** The project's name (Compose's: `name:`, else its directory), which prefixes a Swarm name another project holds. */
  projectName: string;
  /** Swarm names of the whole run: what each is created from (see decideSecret). */
  swarmNames: SwarmNames;
}

/**
 * The Swarm secret names of everything one run provisions, each with the identity of what it is
 * created from. Projects of one run share it: one name never stands for two values (the script
 * would create it once, from one of them).
 */
export class SwarmNames {
  private readonly owners = new Map<string, string>();

  /** Whether `name` can stand for `identity`: free, or already standing for it. */
  fits(name: string, identity: string): boolean {
    const owner = this.owners.get(name);
    return owner === undefined || owner === identity;
  }

  claim(name: string, identity: string): void {
    if (!this.owners.has(name)) this.owners.set(name, identity);
  }
}

/** Every secret name a project knows, and which value each holds. */
export class SecretRegistry {
  /** By name, in the order added (add()). */
  readonly defs = new Map<string, SecretDef>();
  /** Names that cannot be given to a new secret: defined anywhere, or a mount target. */
  readonly taken = new Set<string>();
  /** The defs by identity, in the order added: find() is a lookup, not a pass over every secret (one a service: quadratic). */
  private readonly byIdentity = new Map<string, SecretDef[]>();

  /** Registers a secret under its name (its name becomes taken); a name already known keeps its secret. */
  add(def: SecretDef): void {
    if (this.defs.has(def.name)) return;
    this.defs.set(def.name, def);
    this.taken.add(def.name);
    if (def.identity === undefined) return;
    const same = this.byIdentity.get(def.identity);
    if (same) same.push(def);
    else this.byIdentity.set(def.identity, [def]);
  }

  /** Reads the existing top-level secrets of a project (and every secret name its files define). */
  static fromProject(ctx: {
    model: ComposeModel;
    sources: string[];
    secretsDir: string;
    text(abs: string): string | undefined;
    abs(display: string): string;
    readFile(abs: string): string | undefined;
  }): SecretRegistry {
    const reg = new SecretRegistry();
    const secrets = get(ctx.model.root, 'secrets');
    if (secrets?.kind === 'map') {
      for (const e of secrets.entries) {
        reg.taken.add(e.key);
        const def: SecretDef = { name: e.key, kind: 'unknown', created: false, users: [] };
        // the value, when the secret file holding it can be read
        const readValue = (path: string) => {
          const value = ctx.readFile(path);
          if (value === undefined) return;
          def.identity = `v:${value}`;
          def.source = { value };
          def.storePath = path;
        };
        const file = get(e.value, 'file');
        const env = get(e.value, 'environment');
        const external = get(e.value, 'external');
        const name = get(e.value, 'name');
        if (file?.kind === 'scalar' && typeof file.value === 'string') {
          def.kind = 'file';
          readValue(join(dirname(ctx.abs(file.origin.file)), file.value));
        } else if (env?.kind === 'scalar' && typeof env.value === 'string') {
          def.kind = 'environment';
          def.identity = `e:${env.value}`;
          def.source = { variable: env.value };
        } else if (external?.kind === 'scalar' && (external.value === true || external.value === 'true')) {
          def.kind = 'external';
          def.externalName = name?.kind === 'scalar' && name.value !== null ? String(name.value) : e.key;
          // a previous run of fix kept the value beside the project
          readValue(join(ctx.secretsDir, e.key));
        }
        reg.add(def);
      }
    }
    for (const service of ctx.model.services) {
      const mounts = get(service.node, 'secrets');
      if (mounts?.kind !== 'seq') continue;
      for (const m of mounts.items) {
        const target = get(m, 'target');
        if (target?.kind === 'scalar' && target.value !== null && !String(target.value).includes('/')) reg.taken.add(String(target.value));
      }
    }
    // secret names defined by any file the project reads (an extends base keeps its own)
    for (const abs of ctx.sources) {
      const text = ctx.text(abs);
      if (text === undefined || !/\bsecrets\s*:/.test(text)) continue;
      try {
        for (const name of definedSecrets(new YamlFile(abs, text))) reg.taken.add(name);
      } catch {
        // not YAML (an env file)
      }
    }
    return reg;
  }

  /** A known secret holding this value (or variable), usable by a build (no external secret) when `build`. */
  find(identity: string, build: boolean): SecretDef | undefined {
    return this.byIdentity.get(identity)?.find((d) => !(build && d.kind === 'external'));
  }

  /** A secret the project defined before this run holding this value. */
  findExisting(identity: string, build: boolean): SecretDef | undefined {
    return this.byIdentity.get(identity)?.find((d) => !d.created && !(build && d.kind === 'external'));
  }
}

/** The edits of one round, by absolute file path. */
export interface Editors {
  yaml: Map<string, YamlFile>;
  dotenv: Map<string, DotenvFileEdits>;
}

export interface RoundResult {
  rewrites: Rewrite[];
  skipped: Skipped[];
  /** The ids of the exposures left as they are (the skipped ones): lint's findings of them are explained. */
  skippedExposures: Set<number>;
  followUps: FollowUp[];
  editors: Editors;
}

/** Plans one round: every selected fixable exposure of the model, grouped by the text that holds it. */
export function planRound(ctx: PlanContext): RoundResult {
  const editors: Editors = { yaml: new Map(), dotenv: new Map() };
  const result: RoundResult = { rewrites: [], skipped: [], skippedExposures: new Set(), followUps: [], editors };
  const groups = groupExposures(ctx);
  const defsToPlace = new Map<string, Set<string>>();
  for (const g of groups) {
    const skippedBefore = result.skipped.length;
    try {
      planGroup(ctx, g, result, defsToPlace);
    } catch (err) {
      if (!(err instanceof EditError)) throw err;
      result.skipped.push(skip(g, 'unsupported', err.message));
    }
    if (result.skipped.length > skippedBefore) for (const e of g.exposures) result.skippedExposures.add(e.id);
  }
  // top-level definitions: in each file that got a mount outside the merged files, and in the first compose file
  const primary = defsToPlace.size ? primaryFile(ctx) : '';
  for (const [name, files] of defsToPlace) {
    const def = ctx.registry.defs.get(name)!;
    const targets = new Set<string>([...files].filter((f) => !ctx.projectFiles.includes(f)));
    if (!rootHasSecret(ctx.model, name)) targets.add(primary);
    for (const abs of targets) {
      const f = yamlEditor(ctx, editors, abs);
      if (f && !definedSecrets(f).includes(name)) addDefinition(f, abs, def);
    }
  }
  return result;
}

function groupExposures(ctx: PlanContext): Group[] {
  const byKey = new Map<string, Group>();
  for (const e of collectExposures(ctx.model, ctx.table)) {
    if (!e.fix || !ctx.selected(e)) continue;
    const entry = e.entry!;
    const context = e.context as Group['context'];
    const origin = entry.form === 'list' && context !== 'env-file' ? entry.node!.origin : entry.keyOrigin;
    const key = `${origin.file}\u0000${origin.range[0]}\u0000${context}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { key, file: origin.file, start: origin.range[0], context, entry, exposures: [], services: [] }));
    g.exposures.push(e);
    if (e.service && !g.services.includes(e.service)) g.services.push(e.service);
  }
  const order = (file: string) => {
    const i = ctx.projectFiles.indexOf(ctx.abs(file));
    return i < 0 ? ctx.projectFiles.length : i;
  };
  return [...byKey.values()].sort((a, b) => order(a.file) - order(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.start - b.start);
}

/** Carries out the decisions on one group (decide.ts) as text edits: the entry rewritten, the secret mounted, its definition placed. */
function planGroup(ctx: PlanContext, g: Group, result: RoundResult, defsToPlace: Map<string, Set<string>>): void {
  const decision = decide(ctx, g);
  if ('refused' in decision) {
    result.skipped.push(decision.refused);
    return;
  }
  const { entry, context } = g;
  const { build, newKey } = decision;
  const found = locateEntry(ctx, g, result);
  const { abs, yfile, yamlLoc } = found;

  // the secret (decided only once the entry is found: a refused entry creates none)
  const def = decideSecret(ctx, g, decision);

  // rewrite the entry
  const target = `/run/secrets/${def.name}`;
  if (context === 'env-file') {
    let d = result.editors.dotenv.get(abs);
    if (!d) result.editors.dotenv.set(abs, (d = new DotenvFileEdits(g.file, ctx.text(abs)!)));
    d.rewrite(entry.keyOrigin.range, entry.value ? entry.value.origin.range : undefined, newKey!, target);
  } else if (build) {
    const loc = yamlLoc!;
    yfile!.removeEntry(entry.form === 'map' ? { pair: loc.node as Pair } : { item: loc.node as Node }, loc.parent, loc.parentPair);
  } else {
    const loc = yamlLoc!;
    yfile!.rewriteEntry(entry.form === 'map' ? { pair: loc.node as Pair } : { item: loc.node as Scalar }, newKey!, target);
  }

  const mountFiles = mountSecret(ctx, g, result, found, def.name, build);
  if (def.created || !rootHasSecret(ctx.model, def.name)) {
    let files = defsToPlace.get(def.name);
    if (!files) defsToPlace.set(def.name, (files = new Set()));
    for (const f of mountFiles) files.add(f);
  }

  result.rewrites.push(describeRewrite(g, decision, def));
}

/** Where a group's entry is written: its file, and in YAML its node (checked to be the entry, and not anchored elsewhere). */
interface Found {
  abs: string;
  yfile?: YamlFile;
  yamlLoc?: Located<Pair> | Located<Node>;
}

function locateEntry(ctx: PlanContext, g: Group, result: RoundResult): Found {
  const { entry, context } = g;
  const abs = ctx.abs(g.file);
  let yamlLoc: Located<Pair> | Located<Node> | undefined;
  let yfile: YamlFile | undefined;
  if (context === 'env-file') {
    if (!ctx.text(abs)) throw new EditError(`cannot read ${g.file}`);
  } else {
    yfile = yamlEditor(ctx, result.editors, abs);
    if (!yfile) throw new EditError(`cannot edit ${g.file}`);
    yamlLoc = entry.form === 'map' ? yfile.pairAtKey(entry.keyOrigin.range[0]) : yfile.itemAt(entry.node!.origin.range[0]);
    if (!yamlLoc) throw new EditError(`cannot find ${entry.key} in ${g.file} at line ${entry.keyOrigin.line}`);
    if (entry.form === 'map') {
      const pair = yamlLoc.node as Pair;
      if (!isScalar(pair.key) || String((pair.key as Scalar).value) !== entry.key)
        throw new EditError(`unexpected text for ${entry.key} at line ${entry.keyOrigin.line}`);
      const v = pair.value as Node | null;
      const dangling = v ? yfile.danglingAnchors(v.range![0], v.range![1], v) : [];
      if (dangling.length) throw new EditError(`the value is anchored (&${dangling[0]}) and used elsewhere; move it by hand`);
      if (v && yfile.resolve(v) !== v) {
        const target = yfile.resolve(v)!;
        result.followUps.push({
          file: g.file,
          line: yfile.line(target.range![0]),
          message: `the value of ${entry.key} is still written here (anchor &${(v as unknown as { source: string }).source}); remove it once nothing else uses it`,
        });
      }
    } else if (!isScalar(yamlLoc.node)) {
      throw new EditError(`unexpected list item for ${entry.key} at line ${entry.keyOrigin.line}`);
    } else {
      const dangling = yfile.danglingAnchors(yamlLoc.node.range![0], yamlLoc.node.range![1], yamlLoc.node);
      if (dangling.length) throw new EditError(`the entry is anchored (&${dangling[0]}) and used elsewhere; move it by hand`);
    }
  }

  return { abs, yfile, yamlLoc };
}

/**
 * Mounts the secret: in the service whose definition holds the entry, else in each receiving service
 * (a service left out here gets its mount after the files are reloaded, see project.ts). Returns
 * the files that got a mount.
 */
function mountSecret(ctx: PlanContext, g: Group, result: RoundResult, found: Found, secret: string, build: boolean): Set<string> {
  const { abs, yfile, yamlLoc } = found;
  const mountFiles = new Set<string>();
  const owner =
    yamlLoc &&
    yamlLoc.path[0] === 'services' &&
    typeof yamlLoc.path[1] === 'string' &&
    (build ? yamlLoc.path[2] === 'build' && yamlLoc.path[3] === 'args' : yamlLoc.path[2] === 'environment')
      ? yamlLoc.path[1]
      : undefined;
  if (owner !== undefined && yfile) {
    const map = yfile.serviceMap(owner);
    if (!map) throw new EditError(`cannot find service ${owner} in ${g.file}`);
    if (!mountsSecret(ctx, owner, secret, build)) addMount(yfile, map, secret, build);
    mountFiles.add(abs);
  } else {
    // an environment in a mapping that services merge (`<<: *defaults`): the mount goes beside it, once
    const holder =
      yfile && yamlLoc && !build && yamlLoc.parentPair && isScalar(yamlLoc.parentPair.key) && (yamlLoc.parentPair.key as Scalar).value === 'environment'
        ? yfile.mapHolding(yamlLoc.parentPair)
        : undefined;
    const merging = holder ? g.services.filter((s) => yfile!.serviceMap(s) && yfile!.mergeSources(yfile!.serviceMap(s)!).includes(holder)) : [];
    if (holder && merging.length) {
      addMount(yfile!, holder, secret, false);
      mountFiles.add(abs);
    }
    for (const s of g.services) {
      if (merging.includes(s) || mountsSecret(ctx, s, secret, build)) continue;
      const file = ownFile(ctx, result.editors, s, abs);
      if (!file) continue;
      addMount(file.editor, file.map, secret, build);
      mountFiles.add(file.abs);
    }
  }
  return mountFiles;
}

/** The editor of a compose file of the round (created on first use); undefined when it is not YAML. */
export function yamlEditor(ctx: PlanContext, editors: Editors, abs: string): YamlFile | undefined {
  let f = editors.yaml.get(abs);
  if (f) return f;
  const text = ctx.text(abs);
  if (text === undefined) return undefined;
  f = new YamlFile(ctx.display(abs), text);
  editors.yaml.set(abs, f);
  return f;
}

/** The first compose file, or the first of the merged files that already has a top-level `secrets:`. */
export function primaryFile(ctx: Pick<PlanContext, 'projectFiles' | 'text'>): string {
  for (const f of ctx.projectFiles) if (/^secrets\s*:/m.test(ctx.text(f) ?? '')) return f;
  return ctx.projectFiles[0];
}

/** The names of the top-level secrets of a model. */
export function rootSecretNames(model: ComposeModel): Set<string> {
  const s = get(model.root, 'secrets');
  return new Set(s?.kind === 'map' ? s.entries.map((e) => e.key) : []);
}

export function rootHasSecret(model: ComposeModel, name: string): boolean {
  const s = get(model.root, 'secrets');
  return s?.kind === 'map' && s.entries.some((e) => e.key === name);
}

/** The names under a file's own top-level `secrets:`. */
function definedSecrets(f: YamlFile): string[] {
  const map = f.rootMap('secrets');
  const pair = map && f.pairOf(map, 'secrets');
  if (!pair || !isMap(pair.value)) return [];
  return (pair.value as YAMLMap).items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
}

/** Whether a service of the model mounts the secret already (runtime `secrets:` or `build.secrets`). */
export function mountsSecret(ctx: Pick<PlanContext, 'model'>, serviceName: string, secret: string, build: boolean): boolean {
  const s = serviceNamed(ctx.model, serviceName);
  if (!s) return false;
  const list = build ? get(get(s.node, 'build'), 'secrets') : get(s.node, 'secrets');
  if (list?.kind !== 'seq') return false;
  return list.items.some((i) => {
    const source = i.kind === 'scalar' ? i : get(i, 'source');
    return source?.kind === 'scalar' && String(source.value) === secret;
  });
}

/** Adds `secret` to a service mapping's `secrets:` (or its build's), repeating what `<<` merged in. */
export function addMount(f: YamlFile, map: YAMLMap, secret: string, build: boolean): void {
  if (!build) f.requireVersion(1);
  if (build) {
    const b = f.resolve(f.pairOf(map, 'build')?.value as Node | undefined);
    if (!isMap(b)) throw new EditError("the service's build is not a mapping");
    if (!seqHas(f, f.pairOf(b, 'secrets')?.value as Node | undefined, secret)) f.addSeqItem(b, 'secrets', secret);
    return;
  }
  const own = f.pairOf(map, 'secrets');
  if (own) {
    if (!seqHas(f, own.value as Node | undefined, secret)) f.addSeqItem(map, 'secrets', secret);
    return;
  }
  const merged = f.mergedPairs(map).find((p) => isScalar(p.key) && p.key.value === 'secrets');
  const inheritedSeq = merged ? f.resolve(merged.value as Node) : undefined;
  if (seqHas(f, inheritedSeq, secret)) return;
  const inherited = isSeq(inheritedSeq) ? inheritedSeq.items.map((i) => f.flowItem(i as Node)) : [];
  f.addSeqItem(map, 'secrets', secret, inherited);
}

function seqHas(f: YamlFile, node: Node | undefined, secret: string): boolean {
  const seq = f.resolve(node);
  if (!isSeq(seq)) return false;
  return seq.items.some((i) => {
    const n = f.resolve(i as Node);
    if (isScalar(n)) return String(n.value) === secret;
    if (isMap(n)) {
      const src = n.items.find((p) => isScalar(p.key) && p.key.value === 'source');
      return Boolean(src && isScalar(src.value) && String(src.value.value) === secret);
    }
    return false;
  });
}

/**
 * The mapping of a service to add a mount to: in the file that holds the entry when it defines
 * the service, else in the first compose file that does, else in any file the project read.
 */
export function ownFile(
  ctx: PlanContext,
  editors: Editors,
  serviceName: string,
  preferred: string,
): { editor: YamlFile; map: YAMLMap; abs: string } | undefined {
  const candidates = [preferred, ...ctx.projectFiles, ...ctx.sources.filter((s) => !ctx.projectFiles.includes(s))];
  for (const abs of candidates) {
    let f: YamlFile | undefined;
    try {
      f = yamlEditor(ctx, editors, abs);
    } catch {
      continue;
    }
    const map = f?.serviceMap(serviceName);
    if (f && map) return { editor: f, map, abs };
  }
  return undefined;
}

/** The top-level definition of a secret, written into one file. */
function addDefinition(f: YamlFile, abs: string, def: SecretDef): void {
  const root = f.rootMap('secrets') ?? f.rootMap('services') ?? f.rootMap();
  if (!root) throw new EditError(`${f.name} has no top-level mapping`);
  f.addMapEntry(root, 'secrets', def.name, definitionPairs(def, abs));
  f.requireVersion(definitionVersion(def));
}

/** The 3.x file format a definition needs under docker stack: `name:` from 3.5, secrets from 3.1. */
export function definitionVersion(def: SecretDef): number {
  return def.kind === 'external' ? 5 : 1;
}

export function definitionPairs(def: SecretDef, inFile: string): [string, string][] {
  if (def.kind === 'external')
    return [
      ['external', 'true'],
      ['name', def.externalName!],
    ];
  if (def.kind === 'environment') return [['environment', (def.source as { variable: string }).variable]];
  return [['file', relativeFile(dirname(inFile), def.storePath!)]];
}

/** `./secrets/x` (posix separators) from a directory to a file. */
export function relativeFile(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}
