import { isUserData, unknownFieldIndex } from '../preprocess/compose-fields.js';
import { commentLines } from '../preprocess/comments.js';
import { parseDotenvEntries } from '../preprocess/dotenv.js';
import { structuredRoots } from '../preprocess/mounted-files.js';
import {
  CI_DEFINITION,
  CRONTAB_FILE,
  DOCUMENT_FILE,
  isSecretsDirectoryPath,
  KEY_FILE,
  secretsDirectorySecretName,
  PACKAGE_MANIFEST,
  SHELL_SHEBANG,
  SOURCE_CODE_FILE,
  DOCKERFILE_NAME,
} from '../preprocess/project-files.js';
import { isChosenPassword, isGeneratedLiteral, isMixedPassword, isPasswordShaped, isRandomLetters, isShapedOrGenerated, UUID } from './password-shape.js';
import { findProseCredential, findSlashedLogin } from './prose.js';
import { findCallCredentials } from './credential-calls.js';
import { markdownParts } from './markdown-code.js';
import { basename, dirname } from 'node:path';
import { keyValueEntries, type ComposeModel, type KeyValueEntry, type MountedFile, type Path, type ServiceModel } from '../model/model.js';
import { originWithin, type Origin } from '../model/origin.js';
import { get, writtenText, type TreeMap, type TreeNode, type TreeScalar } from '../model/tree.js';
import { entrypointProgramOf, findCommandCredentials, findShellCredentials } from './command.js';
import { CRON_SCHEDULE_SOURCE } from './command/tokenize.js';
import {
  echoesIntoFiles,
  findEmbeddedAssignments,
  findPcpPasswords,
  findPppSecrets,
  findEcflowPasswords,
  findResourceMacroSecrets,
  findPropertiesUserPasswords,
  findQuotedUserPasswords,
  findUserPasswordPairs,
  findSecretsSectionValues,
  findUsersSectionPasswords,
  findCsvColumnSecrets,
  isDigestLength,
  isUserElementDigest,
} from './embedded.js';
import { isPublicBrowserKey, judgeEntry, judgeSecretVariable, judgeVariables, type EntryVerdict, type HardcodedVerdict } from './entry.js';
import { isBareApiKeyBesideSecret, isKeyOfPair, secretHalves } from './key-pairs.js';
import { defaultTable, type FileSuffixTable } from './file-suffix-images.js';
import { decideFix, type Fixability } from './fixability.js';
import { azureAccountKeyAt, classifyKey, describeKind, isCaptchaSecretByShape, nameLooseness, SECRET_BY_SHAPE } from './keys.js';
import { isNoValueMark, isPlaceholder, isStockDefault } from './placeholder.js';
import { isIssuedCredentialPlaceholder, StackWords } from './issued-credential.js';
import { defaultedVariable } from './value-class.js';
import { findUrlCredentials, isPasswordDigest, isStoredPasswordDigest, isVariableOnly, judgeNamedValue, judgeSecretValue, scanValue } from './scan.js';
import { POSTMARK_USER_KIND, postmarkUserTokens, usersHoldingSecret } from './user-token.js';
import { DESCRIBING, fileSecretHalves, isSettingName, lastSegment, sealedRanges, siblingKeyHalves, storedSaltRanges } from './file-structure.js';
import { VALUE_PATTERNS } from './patterns.js';

/** Where in a service (or the file) an exposure sits; rules choose exposures by context. */
export type ExposureContext =
  | 'environment'
  | 'env-file'
  | 'build-args'
  | 'labels'
  | 'command'
  | 'value'
  | 'mounted-file'
  | 'project-file'
  | 'comment'
  /** a top-level secret's `environment:` source whose variable the project's .env writes */
  | 'secret-source';

/** One secret exposure found in the model, before any rule decides how to report it. */
export interface Exposure {
  /** Unique in the process: findings name the exposures they report by id (an id holds no value). */
  id: number;
  verdict: EntryVerdict;
  context: ExposureContext;
  service?: string;
  path: Path;
  /** The variable, build arg, label, option or field name the secret is assigned to. */
  name?: string;
  /** For environment and build args: the entry, so fix planners can find key and value. */
  entry?: KeyValueEntry;
  /** Whether and how `fix` can rewrite it (undefined: it cannot), judged with the table of images that read `<VAR>_FILE`. */
  fix?: Fixability;
}

/** An exposure as the walk finds it, before it gets its id and fixability. */
type Found = Omit<Exposure, 'id' | 'fix'>;

let nextId = 1;
const cache = new WeakMap<ComposeModel, { found: (Found & { id: number })[]; judged: Map<FileSuffixTable, Exposure[]> }>();

/**
 * Every exposure in the model, computed once per model and shared by all rules, each with its
 * fixability under a table of images (the built-in one unless fix extends it). The same table
 * gives the same objects.
 */
export function collectExposures(model: ComposeModel, table: FileSuffixTable = defaultTable()): Exposure[] {
  let cached = cache.get(model);
  if (!cached) {
    const found: Found[] = [];
    const covered = new Set<TreeNode>();
    for (const service of model.services) collectFromService(service, found, covered);
    for (const secret of model.secretsFromVariables ?? []) {
      const verdict = judgeSecretVariable(secret.name, secret.passthrough);
      if (verdict) found.push({ verdict, context: 'secret-source', path: secret.path, name: secret.name });
    }
    const scripts = new Map<TreeNode, ShellEntrypoint | ImageProgram>();
    for (const service of model.services) {
      const command = get(service.node, 'command');
      if (!command) continue;
      const shell = shellEntrypoint(service);
      if (shell) scripts.set(command, shell);
      else {
        const program = imageProgram(service);
        if (program) scripts.set(command, program);
      }
    }
    collectFromTree(model.root, [], found, undefined, covered, { scripts, configTargets: configTargetNames(model) });
    // a mounted env file already read as one (`env_file: config/app.env` also bind-mounted) is reported there
    const fromFiles: Found[] = [];
    const overriddenKeys = keysSetLocally(model.mountedFiles ?? []);
    for (const mounted of model.mountedFiles ?? []) {
      const before = fromFiles.length;
      collectFromMountedFile(mounted, fromFiles);
      // a framework's committed `.env` default that its `.env.local` beside it sets again (Symfony's, Next.js's): a
      // placeholder there is the recipe's (`APP_SECRET=ThisTokenIsNotSoSecretChangeIt`), not what the application runs with
      const keys = basename(mounted.abs) === '.env' ? overriddenKeys.get(dirname(mounted.abs)) : undefined;
      if (keys) fromFiles.splice(before, Infinity, ...fromFiles.slice(before).filter((e) => !(isPlaceholderVerdict(e) && keys.has(e.name ?? ''))));
    }
    collectFromComments(model.comments ?? [], fromFiles);
    if (fromFiles.length) {
      const reported = new Map<string, Origin[]>();
      for (const e of found) {
        const o = e.verdict.origin;
        const list = reported.get(o.file);
        if (list) list.push(o);
        else reported.set(o.file, [o]);
      }
      const overlaps = (o: Origin) => reported.get(o.file)?.some((r) => r.range[0] < o.range[1] && o.range[0] < r.range[1]) ?? false;
      found.push(...fromFiles.filter((e) => !overlaps(e.verdict.origin)));
    }
    found.push(...restatedSecrets(model.mountedFiles ?? [], found));
    withoutIssuedPlaceholders(found, model);
    // every finding's name goes into a message: never a token written where a name goes (whichever reader found it)
    cached = { found: found.map((e) => ({ ...e, ...(e.name !== undefined ? { name: settingName(e.name) } : {}), id: nextId++ })), judged: new Map() };
    cache.set(model, cached);
  }
  let out = cached.judged.get(table);
  if (!out) {
    const services = new Map(model.services.map((s) => [s.name, s]));
    out = cached.found.map((e) => {
      const fix = decideFix(e, e.service === undefined ? undefined : services.get(e.service), table);
      return fix ? { ...e, fix } : { ...e };
    });
    cached.judged.set(table, out);
  }
  return out;
}

/**
 * Takes out the placeholders for credentials a provider outside the stack issues (`RESEND_API_KEY: your-resend-api-key`,
 * issued-credential.ts): they authenticate nothing. As a variable's default (`${GOOGLE_CLIENT_SECRET:-placeholder}`), the
 * variable still passes the real credential in when it is set, as an empty default's does: an optional pass-through
 * (ViaEnvVerdict.optional) instead.
 */
function withoutIssuedPlaceholders(found: Found[], model: ComposeModel): void {
  const stack = new StackWords(model);
  const issued = (e: Found) =>
    e.verdict.class === 'hardcoded' && e.verdict.placeholder && isIssuedCredentialPlaceholder(e.name, e.verdict.kind, e.verdict.value, stack);
  if (!found.some(issued)) return;
  const kept: Found[] = [];
  for (const e of found) {
    if (!issued(e)) kept.push(e);
    else if (e.context === 'environment' && e.verdict.class === 'hardcoded' && e.verdict.source === 'default' && e.verdict.variable !== undefined) {
      const origin = e.entry?.keyOrigin ?? e.verdict.origin;
      kept.push({ ...e, verdict: { class: 'via-env', origin, kind: e.verdict.kind, variables: [e.verdict.variable], optional: true } });
    }
  }
  found.splice(0, Infinity, ...kept);
}

function collectFromService(service: ServiceModel, out: Found[], covered: Set<TreeNode>): void {
  const lists: [KeyValueEntry[], ExposureContext][] = [
    [service.environment, 'environment'],
    [service.buildArgs, 'build-args'],
    [service.labels, 'labels'],
    [service.envFile, 'env-file'],
  ];
  // what the container receives: its environment and its env files, together
  const received = secretHalves([...service.environment, ...service.envFile]);
  const before = out.length;
  for (const [entries, context] of lists) {
    const siblings = context === 'environment' || context === 'env-file' ? received : secretHalves(entries);
    for (const entry of entries) {
      if (entry.node) covered.add(entry.node);
      for (const verdict of judgeEntry(entry, siblings)) {
        // a bare label is an empty label, not a passthrough
        if (context === 'labels' && verdict.class === 'via-env' && !entry.value) continue;
        out.push({ verdict, context, service: service.name, path: entry.path, name: entry.key, entry });
      }
    }
  }
  // a user name that is the token the password holds (Postmark's SMTP user): an exposure of that token
  const secrets = new Set<string>();
  for (const e of out.slice(before))
    if (e.verdict.class === 'hardcoded' && (e.context === 'environment' || e.context === 'env-file')) secrets.add(e.verdict.value);
  const literal = (entry: KeyValueEntry) =>
    entry.value && !entry.value.interpolation && typeof entry.value.value === 'string' ? entry.value.value : undefined;
  const reported = new Set(out.slice(before).map((e) => e.entry));
  for (const [entries, context] of lists) {
    if (context !== 'environment' && context !== 'env-file') continue;
    for (const { entry, kind } of usersHoldingSecret(entries, literal, secrets)) {
      if (reported.has(entry)) continue;
      const value = entry.value as TreeScalar;
      out.push({
        verdict: hardcoded(value.origin, kind, String(value.value)),
        context,
        service: service.name,
        path: entry.path,
        name: entry.key,
        entry,
      });
    }
  }
}

/** Paths already covered by the per-service key/value analysis. */
function coveredByService(path: Path): boolean {
  if (path[0] !== 'services' || path.length < 3) return false;
  const field = path[2];
  return field === 'environment' || field === 'labels' || (field === 'build' && path[3] === 'args');
}

const KEY_VALUE = /^[A-Za-z_][A-Za-z0-9_.-]*=/;

const COMMAND_FIELDS = new Set(['command', 'entrypoint']);

function isCommandPath(path: Path): boolean {
  if (path[0] !== 'services' || path.length < 3) return false;
  if (path.length === 3 && COMMAND_FIELDS.has(path[2] as string)) return true;
  return path.length === 4 && path[2] === 'healthcheck' && path[3] === 'test';
}

/**
 * Walks everything the per-service analysis does not cover. `covered` holds the value nodes of
 * service environments, build args and labels: an anchor defined in an `x-` field and used as a
 * service's environment is reported there, as an environment variable, not twice.
 */
function collectFromTree(
  node: TreeNode,
  path: Path,
  out: Found[],
  key: string | undefined,
  covered: Set<TreeNode>,
  context: TreeContext = { scripts: new Map(), configTargets: new Map() },
): void {
  if (coveredByService(path) || covered.has(node)) return;
  const service = path[0] === 'services' && typeof path[1] === 'string' && path.length >= 2 ? path[1] : undefined;
  if (isCommandPath(path)) {
    collectFromCommand(node, path, out, service, context.scripts.get(node));
    return;
  }
  switch (node.kind) {
    case 'map':
      for (const e of node.entries) collectFromTree(e.value, [...path, e.key], out, e.key, covered, context);
      return;
    case 'seq':
      // an extension's list of KEY=VALUE strings is an environment waiting to be used (x-env: &env [- DB_PASSWORD=…]);
      // so is one under a key Compose does not know (a misspelt `enviroment:`)
      if (isUserData(path)) {
        const entries = keyValueEntries({ ...node, items: node.items.filter((i) => i.kind === 'scalar' && KEY_VALUE.test(String(i.value))) }, path);
        const siblings = secretHalves(entries);
        for (const entry of entries) {
          if (entry.node) covered.add(entry.node);
          for (const verdict of judgeEntry(entry, siblings)) {
            // under a misspelt key nothing reaches a container: only what is written there counts
            if (verdict.class === 'via-env' && unknownFieldIndex(path) >= 0) continue;
            out.push({ verdict, context: 'value', service, path: entry.path, name: entry.key });
          }
        }
      }
      node.items.forEach((item, i) => {
        collectFromTree(item, [...path, i], out, key, covered, context);
      });
      return;
    case 'scalar':
      collectFromScalar(node, path, out, service, key, context.configTargets);
  }
}

function collectFromScalar(
  node: TreeScalar,
  path: Path,
  out: Found[],
  service: string | undefined,
  key: string | undefined,
  configTargets: ReadonlyMap<string, string>,
): void {
  if (node.value === null || typeof node.value === 'boolean') return;
  const text = writtenText(node);
  if (!text) return;
  // an extension field's value reaches nothing by itself (what an alias carries into a service is
  // judged there), nor does one under a key Compose does not know: only what is written in it
  // counts, not what a variable would fill in
  const inExtension = isUserData(path);
  const push = (verdict: EntryVerdict, name = key) => {
    if (!(inExtension && verdict.class === 'via-env')) out.push({ verdict, context: 'value', service, path, name });
  };
  const viaVariables = (fragment: string, kind: string, name = key) => {
    if (node.interpolation) for (const v of judgeVariables(fragment, node.interpolation, node.origin, kind)) push(v, name);
  };
  const keyVerdict = key !== undefined && !isComposeField(path) ? classifyKey(key) : undefined;
  if (keyVerdict?.sensitive) {
    if (/^\$\{?[A-Za-z_]/.test(text) && node.interpolation) {
      viaVariables(text, describeKind(keyVerdict.kind));
      return;
    }
    if (judgeNamedValue(nameLooseness(key!), text) === 'literal') {
      push(hardcoded(node.origin, describeKind(keyVerdict.kind), text));
      return;
    }
  }
  const configName = path[0] === 'configs' && path[2] === 'content' && typeof path[1] === 'string' ? path[1] : undefined;
  // a config that is a shell script (`#!/bin/sh`, run by an entrypoint or a cron job): read as a script
  if (configName !== undefined && SHELL_SHEBANG.test(text)) {
    collectFromCommand(node, path, out, service, undefined, 'value');
    return;
  }
  collectFromText(node, text, configName, push, viaVariables, false, configName === undefined ? undefined : configTargets.get(configName));
  if (configName !== undefined) collectConfigKeyPaths(node, text, out, push);
}

/** A line that opens a YAML mapping's nested block (`receivers:`, `  - pagerduty_configs:`). */
const NESTED_BLOCK_KEY = /^[ \t]*(?:-[ \t]+)?[\w.-]+:[ \t]*$/m;

/**
 * A config's content written as YAML (an Alertmanager's `content: |`): its settings by their key paths where the line alone
 * says too little (`pagerduty_configs: [{routing_key: …}]`), as a mounted YAML file's are; only what reading its lines
 * did not find, under a last key that is no secret's name by itself.
 */
function collectConfigKeyPaths(node: TreeScalar, text: string, out: readonly Found[], push: (verdict: EntryVerdict, name?: string) => void): void {
  if (!NESTED_BLOCK_KEY.test(text)) return;
  for (const root of structuredRoots('content.yaml', text) ?? []) {
    collectKeyPaths(root, [], new Set(), (scalar, keyPath) => {
      const last = keyPath[keyPath.length - 1];
      // (a bare `key` is judged where its line is read, by its value and the words around it: Synapse's
      // `old_signing_keys: {"ed25519:x": {key: …}}` holds a verify key)
      if (typeof last !== 'string' || keyPath.length < 2 || classifyKey(last).sensitive || /^(?:key|secret)$/i.test(last)) return;
      const dotted = keyPath.join('.');
      const verdict = classifyKey(dotted);
      const value = writtenText(scalar);
      if (
        !verdict.sensitive ||
        isVariableOnly(value) ||
        /\{\{[^{}]*\}\}|\$\{[^{}]+\}/.test(value) ||
        judgeNamedValue(nameLooseness(dotted), value) !== 'literal'
      )
        return;
      const origin = originWithin(node, scalar.origin.range[0], scalar.origin.range[1]);
      if (!overlapsFound(out, origin)) push(hardcoded(origin, describeKind(verdict.kind), value), dotted);
    });
  }
}

/** What a walk of the compose tree knows beforehand: the services' scripts, and the file names their configs are mounted as. */
interface TreeContext {
  scripts: ReadonlyMap<TreeNode, ShellEntrypoint | ImageProgram>;
  /** A config's name → the file name a service reads it by (`source: jmx_access`, `target: …/jmxremote.password`), as mountedFileName gives it. */
  configTargets: ReadonlyMap<string, string>;
}

/** The file names the services' long-syntax `configs:` mount each config as (the first target, when several do). */
function configTargetNames(model: ComposeModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const service of model.services) {
    const configs = get(service.node, 'configs');
    if (configs?.kind !== 'seq') continue;
    for (const item of configs.items) {
      if (item.kind !== 'map') continue;
      const source = get(item, 'source');
      const target = get(item, 'target');
      if (source?.kind !== 'scalar' || target?.kind !== 'scalar' || typeof source.value !== 'string' || typeof target.value !== 'string') continue;
      if (!out.has(source.value)) out.set(source.value, mountedFileName(basename(target.value)));
    }
  }
  return out;
}

/**
 * A file a service mounts, read as a config's content named for the file (`api_key.txt` as
 * `api_key`): the container reads it from the repository as it is, with nothing interpolated.
 */
function collectFromMountedFile(mounted: MountedFile, out: Found[]): void {
  const text = String(mounted.node.value);
  const service = mounted.services[0];
  const context = mounted.kept ? 'project-file' : 'mounted-file';
  // a translation's strings (`"password": "Parola d'ordine"`) are words shown to users, node-config's map names variables: their tokens only
  if (mounted.tokensOnly || TRANSLATION_FILE.test(mounted.file) || ENVIRONMENT_MAP_FILE.test(mounted.file)) {
    collectSelfIdentifying(mounted, text, out);
    collectFromPackageScripts(mounted, out);
    collectFromCiVariables(mounted, out);
    collectFromCommandKeys(mounted, out);
    if (CI_DEFINITION.test(mounted.file)) collectCiComments(mounted, text, out);
    return;
  }
  if (SHELL_SHEBANG.test(text)) {
    const before = out.length;
    collectFromCommand(mounted.node, mounted.path, out, service, undefined, context);
    collectCommentedSettings(mounted, text, out, before);
    return;
  }
  // a crontab: each line's command after its schedule (`0 7 * * 1-5 curl -u user:pass …`) is read as a script's
  if (CRONTAB_FILE.test(mounted.file)) {
    const before = out.length;
    const commands = withoutSchedules(text);
    collectFromCommand({ ...mounted.node, value: commands } as TreeScalar, mounted.path, out, service, undefined, context);
    collectCommentedSettings(mounted, text, out, before);
    return;
  }
  const file = basename(mounted.file);
  // a file of a directory of secrets (`./passwords:/passwords`) is a secret's file, named for the secret it holds
  const secretsDirectoryFile = mounted.secret === undefined && isSecretsDirectoryPath(mounted.file);
  const name = mounted.secret ?? (secretsDirectoryFile ? secretsDirectorySecretName(file) : mountedFileName(file));
  const sealed = sealedRanges(mounted);
  const halves = fileSecretHalves(mounted, text);
  const pairedKeys = siblingKeyHalves(mounted);
  const storedSalts = /salt/i.test(text) ? storedSaltRanges(mounted) : [];
  const snmpFile = /(?:^|[._-])snmp(?:[._-]|$)/i.test(file);
  const push = (verdict: EntryVerdict, key?: string) => {
    if (storedSalts.some(([a, b]) => verdict.origin.range[0] >= a && verdict.origin.range[1] <= b)) return;
    // a SealedSecret's values are encrypted for the cluster's controller: its private key is the secret
    if (sealed.some(([a, b]) => verdict.origin.range[0] >= a && verdict.origin.range[1] <= b)) return;
    // the identifying half of a key pair whose secret is set in the same file (`ApiKey` beside `ApiSecret`,
    // certbot's `dns_ovh_application_key` beside `…_application_secret`), unless its value has a secret's format
    if (
      verdict.class === 'hardcoded' &&
      // (by the setting's last segment, or its whole dotted name: `sms.auth.key` beside `sms.auth.secret`)
      ((key !== undefined && halves.size && (isKeyOfPair(lastSegment(key), halves, true) || (key.includes('.') && isKeyOfPair(key, halves, true)))) ||
        pairedKeys.some(([a, b]) => verdict.origin.range[0] >= a && verdict.origin.range[1] <= b) ||
        isBareApiKeyBesideSecret(text, verdict.origin.range[0])) &&
      !scanValue(verdict.value).length
    )
      return;
    // the path names the setting under the mount that brings the file in (`services.app.volumes.0.PASSWD`)
    // a placeholder in a file no service mounts is a template's value, not one a container runs
    // with; a stock default (`changeit`) is what the application runs with when nothing replaces it
    // (nor a template's beside the file it is the template of, in a mounted directory: `main-security.xml.dist`, which the
    // application does not read)
    if (
      verdict.class !== 'hardcoded' ||
      ((mounted.kept || (mounted.inDirectory && TEMPLATE_FILE.test(file))) && verdict.placeholder && !isStockDefault(verdict.value))
    )
      return;
    // nor is one commented out (`# encryptionKey=tititi…`, a stock file's sample line): nothing runs with it; nor a mark that
    // says there is no value (`00000`, `_DUMMY_PASSWORD`)
    if (verdict.placeholder && (isCommentedOut(text, verdict.origin.range[0]) || isNoValueMark(verdict.value))) return;
    const named = settingName(key ?? file);
    out.push({ verdict, context, service, path: [...mounted.path, named], name: named });
  };
  const before = out.length;
  // a secret's file holds that secret, whatever its name says; a key pair's public half (`signing.key.pub`, `id_ed25519.pub`)
  // holds none, whatever its format (Synapse's verify key is written as its signing key is)
  if (mounted.secret !== undefined || !PUBLIC_HALF_FILE.test(file))
    collectFromText(mounted.node, text, name, push, () => {}, mounted.secret !== undefined || secretsDirectoryFile);
  // a Makefile's recipes are shell command lines (`curl -u user:… https://…` in a `smoke:` target), read as a script's; so
  // are another program's settings that hold a command line (fail2ban's `actionban = curl -u …`, a unit's `ExecStart=`)
  // (a setting's command line: a password written down as a real one, not a program's own `%(ENV_X)s`)
  const makefile = MAKEFILE.test(file);
  const commands = makefile ? makefileRecipes(text) : mounted.roots?.length ? undefined : settingCommandLines(text);
  if (commands !== undefined) {
    const read: Found[] = [];
    collectFromCommand({ ...mounted.node, value: commands } as TreeScalar, mounted.path, read, service, undefined, context);
    const seen = foundInFile(out, mounted);
    for (const f of read)
      if (!overlapsFound(seen, f.verdict.origin) && (makefile || (f.verdict.class === 'hardcoded' && isWrittenDownPassword(f.verdict.value)))) out.push(f);
  }
  // a CSV file's secret column (`user;password;new password`), each row's cell
  if (CSV_FILE.test(file)) {
    for (const c of findCsvColumnSecrets(text)) {
      if (!out.slice(before).some((e) => e.verdict.origin.range[0] < c.end && c.start < e.verdict.origin.range[1]))
        push(hardcoded(originWithin(mounted.node, c.start, c.end), c.kind, text.slice(c.start, c.end)), c.name);
    }
  }
  // a YAML or JSON file's settings by their key paths (`api: {key: …}` is `api.key`), where the lines alone say too little
  const found = out.slice(before).map((e) => e.verdict.origin);
  // an anchor's value is met again under each alias: walked once, where it is first met
  const seen = new Set<TreeNode>();
  // every string setting by its last key, for the user names that hold a secret's token (below)
  const settings: { key: string; scalar: TreeScalar; dotted: string }[] = [];
  for (const root of mounted.roots ?? []) {
    collectKeyPaths(root, [], seen, (scalar, keyPath, parent) => {
      // (a template's `{"name": "PAPERLESS_SECRET_KEY", "set": "…"}`, Yacht's and Portainer's, sets the value too, and an option's
      // `default` is its value until one is set: info-beamer's node.json `{"name": "token", "type": "string", "default": "…"}`)
      const lastKey = keyPath[keyPath.length - 1];
      // (and a Node-RED http request's header, `{"keyValue": "X-Api-Key", "valueValue": "…"}`)
      const named = lastKey === 'value' || lastKey === 'set' || lastKey === 'default' || lastKey === 'valueValue' ? pairName(parent) : undefined;
      if (named) keyPath = [named];
      const last = keyPath[keyPath.length - 1];
      if (typeof last === 'string') settings.push({ key: last, scalar, dotted: keyPath.join('.') });
      const o = scalar.origin;
      if (found.some((f) => f.range[0] < o.range[1] && o.range[0] < f.range[1])) return;
      // an application's own YAML tag makes the value a lookup (Home Assistant `!secret name`, `!env_var X`)
      if (APPLICATION_TAG.test(text.slice(Math.max(0, o.range[0] - 64), o.range[0]))) return;
      // a list's entry under a secret's name is one of them when it is written as one (Netdisco's `community: ['…']`), not
      // a name (`secrets: [db_password, api_token]`, the secrets a tool is given by name)
      if (typeof last === 'number' && !isWrittenLikeSecret(writtenText(scalar))) return;
      // a setting that describes its parent in words (`credentials: [{string: {description: …}}]`) holds prose
      if (typeof last === 'string' && DESCRIBING.test(last)) return;
      // Sensu's `secrets: [{name: PAGERDUTY_TOKEN, secret: pagerduty_key}]`: the variable and the store's secret it is set from
      if (last === 'secret' && parent && parent.entries.length === 2 && parent.entries.some((e) => e.key === 'name')) return;
      const dotted = keyPath.join('.');
      // a YAML or JSON file named for SNMP (snmp_exporter's `snmp.yml`): its `community` is SNMP's, the v1/v2c password
      const value = writtenText(scalar);
      const verdict =
        isCaptchaSecretByShape(dotted, value) || (last === 'data' && isPlainKeyFile(parent))
          ? SECRET_BY_SHAPE
          : classifyKey(snmpFile && last === 'community' ? 'snmp.community' : dotted);
      // an Azure storage account's key under an access key's name (Atlantis's `name: ARM_ACCESS_KEY`, `value: gqQ8…==`)
      const azure = verdict.sensitive ? -1 : azureAccountKeyAt(last === undefined ? dotted : String(last), value);
      if (azure >= 0) {
        push(hardcoded(originWithin(scalar, azure, value.length), 'access key', value.slice(azure)), dotted);
        return;
      }
      // a value the application renders (`Bearer {{ secret('X') }}`, `${X}` inside a string) holds a reference, not the secret
      if (
        !verdict.sensitive ||
        isVariableOnly(value) ||
        /\{\{[^{}]*\}\}|\$\{[^{}]+\}/.test(value) ||
        judgeNamedValue(nameLooseness(dotted), value) !== 'literal' ||
        isStoredPasswordDigest(dotted, verdict.kind, value) ||
        ((verdict.kind === 'password' || verdict.kind === 'salt') && parent !== undefined && isSaltedDigestRecord(parent))
      )
        return;
      push(hardcoded(o, describeKind(verdict.kind), value), dotted);
    });
  }
  collectNamedSecretMap(mounted, name, out, before, push);
  collectCommentedSettings(mounted, text, out, before);
  // an Ansible task's command lines (`ansible.builtin.command: docker login … -p …`)
  collectFromCommandKeys(mounted, out);
  // a user name that is the token a secret of the same file holds (`username:` and `password:` both a Postmark token)
  const secrets = new Set<string>();
  for (const e of out.slice(before)) if (e.verdict.class === 'hardcoded') secrets.add(e.verdict.value);
  for (const { entry: u, kind } of usersHoldingSecret(settings, (x) => (typeof x.scalar.value === 'string' ? x.scalar.value : undefined), secrets)) {
    const o = u.scalar.origin;
    if (!overlapsFound(out.slice(before), o)) {
      push(hardcoded(o, kind, String(u.scalar.value)), u.dotted);
    }
  }
}

/**
 * A file named for secrets (a secret's `file:`, `keys.json`, `tokens.yml`) that is one flat map of
 * names to strings (`{"clubhouse": "MrXm…", "tournament": "723T…"}`: stream keys by channel, API keys by
 * client): each value is a secret whatever its name, as each line of a `name:secret` file is.
 */
function collectNamedSecretMap(mounted: MountedFile, name: string, out: Found[], before: number, push: (verdict: EntryVerdict, key?: string) => void): void {
  const root = mounted.roots?.length === 1 ? mounted.roots[0] : undefined;
  if (!root?.entries.length || root.entries.length > 200) return;
  if (mounted.secret === undefined && !/^(?:[\w-]{0,40}[._-])?(?:keys|tokens|secrets|api[_-]?keys|passwords)$/i.test(name)) return;
  if (!root.entries.every((e) => e.value?.kind === 'scalar' && typeof e.value.value === 'string')) return;
  // the names are its own (a channel's, a client's), not settings: `type`, `project_id`, `wifi_ssid`,
  // `wifi_password` make it a settings file (a service account's JSON, ESPHome's secrets.yaml), read by names
  if (root.entries.some((e) => isSettingName(String(e.key)))) return;
  // nor one where a secret was found already (a service account's private key)
  if (out.length > before) return;
  for (const e of root.entries) {
    const scalar = e.value as TreeScalar;
    const value = String(scalar.value);
    const o = scalar.origin;
    if (/\s/.test(value) || judgeSecretValue(value) !== 'literal' || !looksWrittenDown(value)) continue;
    push(hardcoded(o, 'secret', value), String(e.key));
  }
}

/**
 * A stored password's record: a `salt` beside a `password` (or `hash`, `value`) as long as a digest in hex or base64
 * (Mosquitto's dynamic-security clients: `"password": "MYZX…==", "salt": "bS6f…", "iterations": 101`). Neither is a
 * secret one types.
 */
function isSaltedDigestRecord(parent: TreeMap): boolean {
  const text = (key: string) => {
    // (xTeVe's authentication.json writes its fields with an underscore before them: `_password`, `_salt`)
    const e = parent.entries.find((x) => String(x.key).toLowerCase().replace(/^_+/, '') === key);
    return e?.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : undefined;
  };
  if (text('salt') === undefined) return false;
  // (OpenWebRX's users.json: `"password": {"encoding": "hash", "value": "8f9c…", "algorithm": "sha256", "salt": …}`)
  const stored = text('password') ?? text('hash') ?? text('password_hash') ?? text('value');
  return stored !== undefined && isDigestLength(stored);
}

/** An Authorization header's credential (`Authorization: Bearer …`, a string `"Basic …"`): self-identifying when generated. */
const HEADER_PATTERNS = new Set(['authorization-header', 'auth-scheme-value']);

/**
 * The credentials of a file read for tokens only (project-files.ts TOKEN_EXTENSIONS): those whose
 * format says what they are (a vendor's prefix, a private key block, a webhook URL's token), not
 * those that only a setting's name makes secret; placeholders (`sk_live_xxxx…`) left out.
 */
function collectSelfIdentifying(mounted: MountedFile, text: string, out: Found[]): void {
  // a token-only file the project keeps, or a mounted translation
  const context = mounted.kept ? 'project-file' : 'mounted-file';
  const found: [number, number][] = [];
  const sourceCode = SOURCE_CODE_FILE.test(mounted.file);
  for (const m of scanValue(text)) {
    const value = text.slice(m.start, m.end);
    // a header's generated token (`"Authorization": "Token token=8z64…"` in a model's code) says what it is too
    const header = HEADER_PATTERNS.has(m.patternId) && isGeneratedLiteral(value);
    // in source code, a URL's password a generator wrote or one chosen like a real one (`postgresql://osk:l=P_0GIS…@localhost/…`
    // as a lookup's fallback), not an example's word (`postgres://user:password@localhost`); a CI definition's or a document's
    // URLs are its jobs' throwaway services and examples
    const urlPassword = m.patternId === 'url-credentials' && sourceCode && (isPasswordShaped(value) || isGeneratedLiteral(value));
    // a browser's key under a public-by-design name (`REACT_APP_FIREBASE_API_KEY: "AIza…"` in a frontend's env.js)
    if (!(SELF_IDENTIFYING.has(m.patternId) || header || urlPassword) || isPublicBrowserKey(text, m.start, m.description)) continue;
    const verdict = hardcoded(originWithin(mounted.node, m.start, m.end), m.description, value);
    if (verdict.placeholder) continue;
    found.push([m.start, m.end]);
    out.push({ verdict, context, service: mounted.services[0], path: [...mounted.path, m.patternId], name: m.patternId });
  }
  // a Dockerfile's `ARG`/`ENV` defaults: baked into the image's layers and history, read as an environment's settings;
  // its comments' notes (`# vc admin for first boot: admin / …`) as a configuration's are
  const report = (f: Found) => {
    const [start, end] = f.verdict.origin.range;
    if ((f.verdict.class === 'hardcoded' && f.verdict.placeholder) || found.some(([s, e]) => s < end && start < e)) return;
    found.push([start, end]);
    out.push({ ...f, service: mounted.services[0] });
  };
  if (DOCKERFILE_NAME.test(basename(mounted.file))) {
    collectDockerfileDefaults(mounted, text, out, found);
    // its `RUN` lines are shell command lines, kept in the image's history (`pip install --extra-index-url https://user:…@…`,
    // `curl -u …`): credentials written down as real ones are (generated or chosen), not an example's word
    for (const f of writtenDownInCommands(mounted, dockerfileRunLines(text), context)) report(f);
    for (const comment of commentLines(mounted.file, text)) {
      const note = commentNote(mounted, comment, context);
      if (note) report(note);
    }
  }
  // a document (Markdown, or plain text: a project's `NOTES.txt`, `docs/handover.txt`): its commands and notes
  if (DOCUMENT_FILE.test(mounted.file)) collectFromDocumentedCommands(mounted, text, out);
  // a Jenkinsfile's shell steps (`sh 'docker login -u robot -p …'`) are command lines, read as a Dockerfile's RUN lines are
  if (JENKINSFILE.test(mounted.file)) for (const f of writtenDownInCommands(mounted, jenkinsShellSteps(text), context)) report(f);
  // (a Jenkinsfile is Groovy source)
  if (!SOURCE_CODE_FILE.test(mounted.file) && !JENKINSFILE.test(mounted.file)) return;
  // source code: a constant named for a secret holding a generated value (`const fallbackPassword = "ChhrZLq…"`); a
  // word, a header's name, a path or a URL is the program's own text
  for (const a of findEmbeddedAssignments(text)) {
    const value = text.slice(a.start, a.end);
    // (or, named for a password, chosen or of both cases and digits, ten or more: a seed script's `"password": "TLPdEF3f9yDE"`)
    const written = a.kind === 'password' ? isWrittenDownPassword(value) : isGeneratedLiteral(value);
    if (a.viaVariable || !written || found.some(([s, e]) => s < a.end && a.start < e)) continue;
    const verdict = hardcoded(originWithin(mounted.node, a.start, a.end), a.kind, value);
    if (verdict.placeholder) continue;
    found.push([a.start, a.end]);
    out.push({ verdict, context, service: mounted.services[0], path: [...mounted.path, a.name], name: a.name });
  }
  // a password passed to a call that takes one (`create_superuser('admin', '…', 'Falcon@2001x')`, `auth=('user', '…')`)
  for (const f of callCredentials(mounted, text)) report(f);
  // a note in a comment (`// old password (before the 2023 migration): 2OdcS3rMOhSf`): the sentence only, not a setting
  // commented out, which in code is as often an example of the program's own syntax (but one after a note's label is the note's)
  for (const comment of commentLines(mounted.file, text)) {
    const body = String(comment.value);
    const at = comment.origin.range[0];
    // a constant after a note's label (`// TODO remove before release: AuthToken = "c948…"`), read as the code's are
    const label = COMMENT_LABEL.exec(body)?.[0].length;
    if (label) {
      for (const a of findEmbeddedAssignments(body.slice(label))) {
        const value = body.slice(label + a.start, label + a.end);
        if (a.viaVariable || !isGeneratedLiteral(value)) continue;
        const start = at + label + a.start;
        report({
          verdict: hardcoded(originWithin(mounted.node, start, start + value.length), a.kind, value),
          context,
          path: [...mounted.path, a.name],
          name: a.name,
        });
      }
    }
    // a command commented out (`# manual testing: curl -H "Authorization: bc19…" …`), read as the command it was
    for (const c of commentedCommands(body, label ? [0, label] : [0])) {
      const verdict = hardcoded(originWithin(mounted.node, at + c.start, at + c.end), c.description, body.slice(c.start, c.end));
      report({ verdict, context, path: [...mounted.path, c.via], name: c.via });
    }
    const note = commentNote(mounted, comment, context);
    if (note) report(note);
  }
}

/** A comment's note (`// old password (before the 2023 migration): 2OdcS3rMOhSf`, `# admin / …`): the credential it states, if any. */
function commentNote(mounted: MountedFile, comment: TreeScalar, context: Found['context']): Found | undefined {
  const body = String(comment.value);
  const prose = findProseCredential(body) ?? findSlashedLogin(body);
  if (!prose) return undefined;
  const [start, end] = [comment.origin.range[0] + prose.start, comment.origin.range[0] + prose.end];
  return {
    verdict: hardcoded(originWithin(mounted.node, start, end), prose.kind, body.slice(prose.start, prose.end)),
    context,
    path: [...mounted.path, 'note'],
    name: 'note',
  };
}

/** The passwords a file's text passes to calls that take one (credential-calls.ts), each named for its call. */
function callCredentials(mounted: MountedFile, text: string): Found[] {
  return findCallCredentials(text).map((c) => ({
    verdict: hardcoded(originWithin(mounted.node as TreeScalar, c.start, c.end), c.kind, text.slice(c.start, c.end)),
    context: mounted.kept ? 'project-file' : 'mounted-file',
    path: [...mounted.path, c.call],
    name: c.call,
  }));
}

/**
 * A document's commands (markdown-code.ts: its shell blocks and inline code), read as a script's: a credential on a
 * command line (`mysql -p'…'`, `curl -H 'X-API-TOKEN: …'`, `printf '%s' '…' | docker secret create`) that is generated
 * or chosen like a real one. A document's examples are words and placeholders (`-p'secret'`, `<your-token>`): those
 * stay examples, as in source code.
 */
function collectFromDocumentedCommands(mounted: MountedFile, text: string, out: Found[]): void {
  const { commands, prose } = markdownParts(text);
  const seen = foundInFile(out, mounted);
  const report = (f: Found) => {
    if (overlapsFound(seen, f.verdict.origin)) return;
    seen.push(f);
    out.push(f);
  };
  const read: Found[] = [];
  if (/\S/.test(commands))
    collectFromCommand(
      { ...mounted.node, value: commands } as TreeScalar,
      mounted.path,
      read,
      mounted.services[0],
      undefined,
      mounted.kept ? 'project-file' : 'mounted-file',
    );
  for (const f of read) {
    if (f.verdict.class !== 'hardcoded' || f.verdict.placeholder) continue;
    const value = f.verdict.value;
    if (isGeneratedLiteral(value) || isChosenPassword(value)) report(f);
  }
  // a configuration's line in a code block (`bitcoin-rpcpassword=wzZ5…`, `password: …` of a snippet): a setting named for a
  // secret that holds a generated or chosen password, the whole line
  // (a line of prose that is such a setting alone, `=` its sign, too: an indented block that continues a paragraph)
  for (const [part, inProse] of [
    [commands, false],
    [prose, true],
  ] as const) {
    let line = 0;
    for (const text of part.split('\n')) {
      const m = CODE_BLOCK_SETTING.exec(text);
      if (m && (inProse ? /^[ \t]*[\w.-]+[ \t]*=/.test(text) : !/^[A-Za-z_][A-Za-z0-9_]*$/.test(m[1])) && classifyKey(m[1]).sensitive) {
        const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
        const start = line + m.indices![2][0] + (value.length < m[2].length ? 1 : 0);
        if ((isGeneratedLiteral(value) || isChosenPassword(value)) && judgeNamedValue(nameLooseness(m[1]), value) === 'literal' && !isPlaceholder(value))
          report({
            verdict: hardcoded(originWithin(mounted.node as TreeScalar, start, start + value.length), describeKind(classifyKey(m[1]).kind), value),
            context: mounted.kept ? 'project-file' : 'mounted-file',
            service: mounted.services[0],
            path: [...mounted.path, m[1]],
            name: m[1],
          });
      }
      line += text.length + 1;
    }
  }
  // a note in the document's prose (`the break-glass login is admin / …`, `restic repo password: …`), read as a comment's
  let at = 0;
  for (const line of prose.split('\n')) {
    const found = /\S/.test(line) ? (findProseCredential(line) ?? findSlashedLogin(line) ?? writtenUrlPassword(line)) : undefined;
    if (found)
      report({
        verdict: hardcoded(originWithin(mounted.node as TreeScalar, at + found.start, at + found.end), found.kind, line.slice(found.start, found.end)),
        context: mounted.kept ? 'project-file' : 'mounted-file',
        service: mounted.services[0],
        path: [...mounted.path, 'note'],
        name: 'note',
      });
    at += line.length + 1;
  }
  // a login written as two code spans (`admin` / `Stadt2016!`): the second, when of three kinds of character as a chosen or
  // generated password is (`kieserver1!`, `Wq4nB8vLz2x`; not `kapua-password`, a name)
  if (!text.includes('` / `') && !text.includes('`/`')) return;
  for (const m of text.matchAll(DOCUMENTED_LOGIN)) {
    const password = m[2];
    if (!isMixedPassword(password) || isPlaceholder(password)) continue;
    const start = m.indices![2][0];
    report({
      verdict: hardcoded(originWithin(mounted.node as TreeScalar, start, start + password.length), 'password', password),
      context: mounted.kept ? 'project-file' : 'mounted-file',
      service: mounted.services[0],
      path: [...mounted.path, 'login'],
      name: 'login',
    });
  }
}
/**
 * A URL's password in a document's sentence (`AMP was at http://hostadmin:y2RKh-WV~…@10.0.0.20:8080`), when written as a real
 * one is (generated, or chosen: an example's `user:password@` is neither).
 */
function writtenUrlPassword(line: string): { start: number; end: number; kind: string } | undefined {
  for (const m of findUrlCredentials(line)) {
    const value = line.slice(m.start, m.end);
    if (!m.viaVariable && (isGeneratedLiteral(value) || isChosenPassword(value)) && !isPlaceholder(value))
      return { start: m.start, end: m.end, kind: 'password' };
  }
  return undefined;
}

/** A login in a sentence: a user's name, a slash between blanks (or code spans) and the password, perhaps short (`guest / guest`). */
const RESTATED_LOGIN = /(?<![\w./-])`?[a-z][\w.@-]{0,63}`?(?:[ \t]+\/[ \t]+|`\/`)`?([^\s"'`/()]{4,128}?)`?(?=[\s.,;:!?)]|$)/dgm;

/**
 * A secret that another reader found written down, written again in a file of the project: a generated one anywhere, and
 * in a document a login that restates one the project runs with (README's `Management UI: … (guest / guest)` beside the
 * compose file's `RABBITMQ_DEFAULT_PASS: guest`), however weak.
 */
function restatedSecrets(files: readonly MountedFile[], found: readonly Found[]): Found[] {
  // (found where a setting, a command or a file holds it: not in a document's or a comment's sentence, whose reading is weaker)
  const written = new Map<string, Found>();
  for (const f of found)
    if (f.verdict.class === 'hardcoded' && f.context !== 'comment' && !DOCUMENT_FILE.test(f.verdict.origin.file) && !written.has(f.verdict.value))
      written.set(f.verdict.value, f);
  const out: Found[] = [];
  if (!written.size) return out;
  // a generated secret found in one place, written again in another file where nothing around it says what it is (a tile
  // server's URL path `https://t.skyvector.com/663b…/vfr/…` beside `.env`'s `SKYVECTOR_TILE_KEY=663b…`)
  const generated = [...written.entries()].filter(
    ([value, f]) => !(f.verdict as HardcodedVerdict).placeholder && RESTATED_SECRET.test(value) && isGeneratedLiteral(value),
  );
  for (const mounted of files) {
    // (a key pair's public half holds none: `id_ed25519.pub`)
    if (PUBLIC_HALF_FILE.test(basename(mounted.file))) continue;
    const text = String(mounted.node.value);
    const seen = foundInFile(found, mounted);
    const report = (start: number, value: string, kind: string, name: string) => {
      const verdict = hardcoded(originWithin(mounted.node, start, start + value.length), kind, value);
      if (overlapsFound(seen, verdict.origin)) return;
      const f: Found = { verdict, context: mounted.kept ? 'project-file' : 'mounted-file', service: mounted.services[0], path: [...mounted.path, name], name };
      seen.push(f);
      out.push(f);
    };
    for (const [value, f] of generated) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
        const [before, after] = [text[at - 1] ?? ' ', text[at + value.length] ?? ' '];
        if (!/[\w+$-]/.test(before) && !/[\w+=$-]/.test(after)) report(at, value, (f.verdict as HardcodedVerdict).kind, f.name ?? 'secret');
      }
    }
    if (!DOCUMENT_FILE.test(mounted.file) || !text.includes('/')) continue;
    // (not a sentence about a product's documented default, `Default Yacht login is … until changed`: the product's, described)
    for (const m of text.matchAll(RESTATED_LOGIN)) {
      if (written.has(m[1]) && !PRODUCT_DEFAULT_WORDS.test(lineAt(text, m.index))) report(m.indices![1][0], m[1], 'password', 'login');
    }
  }
  return out;
}

/** The line of `text` that holds offset `at`, without its line break. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at) + 1, end < 0 ? text.length : end);
}

/** Words of a sentence that describes a product's own default login rather than the deployment's. */
const PRODUCT_DEFAULT_WORDS = /\b(?:defaults?|documented|upstream|ships?|shipped)\b/i;

/** A generated secret long enough that finding it again is no coincidence: 16 characters or more, no blank. */
const RESTATED_SECRET = /^[^\s]{16,512}$/;

/** A user and a password as two code spans of a sentence: `` `admin` / `…` ``. */
const DOCUMENTED_LOGIN = /`([\w.@-]{1,64})`[ \t]?\/[ \t]?`([^`\s]{8,128})`/dg;

/**
 * An application's translations: a file under a locale directory (`user_locale/it.json`, `i18n/pt-BR.yml`). Not a file
 * named for a language alone: `ca.json` is step-ca's configuration, not Catalan.
 */
const TRANSLATION_FILE = /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?|user_locale)\/(?:[^/]+\/)*[^/]+\.(?:json|ya?ml|po|properties)$/;
/** node-config's map from settings to the environment variables that set them: its values are variables' names. */
const ENVIRONMENT_MAP_FILE = /(?:^|\/)custom-environment-variables\.(?:json5?|ya?ml|toml|cjs|js|ts)$/;

/** The exposures found so far in `mounted`'s file: what a later reader of the same file must not report again. */
function foundInFile(out: readonly Found[], mounted: MountedFile): Found[] {
  const file = originWithin(mounted.node as TreeScalar, 0, 0).file;
  return out.filter((f) => f.verdict.origin.file === file);
}

/** Whether an exposure found already covers part of an origin's range in the same file (the same value, read another way). */
function overlapsFound(found: readonly Found[], o: Origin): boolean {
  return found.some((f) => f.verdict.origin.file === o.file && f.verdict.origin.range[0] < o.range[1] && o.range[0] < f.verdict.origin.range[1]);
}

/**
 * A CI definition's variables (GitLab's `variables:`, GitHub Actions' `env:`, at the top, a job's or a step's, and a step's
 * `with:` inputs): a secret-named variable whose value a generator wrote (`TRADUORA_CLIENT_SECRET: "Rhh…"`, an API key's
 * UUID, a password of both cases and digits). CI files set
 * test databases' passwords (`POSTGRES_PASSWORD: postgres`) and read secrets from the CI's store (`${{ secrets.X }}`,
 * `$CI_JOB_TOKEN`): a word or a reference is not reported.
 */
function collectFromCiVariables(mounted: MountedFile, out: Found[]): void {
  const root = mounted.roots?.[0];
  if (!root || !CI_DEFINITION.test(mounted.file)) return;
  const earlier = foundInFile(out, mounted);
  const report = (f: Found) => {
    earlier.push(f);
    out.push(f);
  };
  const visit = (map: TreeMap, depth: number) => {
    for (const e of map.entries) {
      // a workflow's steps: a list of maps, each with its own `env:`
      if (e.value.kind === 'seq' && depth <= 4) for (const item of e.value.items) if (item.kind === 'map') visit(item, depth + 1);
      if (e.value.kind !== 'map' || depth > 4) continue;
      // a step's inputs (`with: password: …` of an SSH or registry login action) are set like its variables
      // (and a Drone or Woodpecker plugin's `settings:`, its inputs: `password: …` of an SSH or registry plugin)
      if (e.key === 'variables' || e.key === 'env' || e.key === 'with' || e.key === 'settings') {
        for (const v of e.value.entries) {
          const scalar = v.value.kind === 'map' ? (get(v.value, 'value') as TreeNode | undefined) : v.value;
          if (scalar?.kind !== 'scalar' || typeof scalar.value !== 'string') continue;
          const name = String(v.key);
          const value = scalar.value;
          // a value whose format says what it holds, whatever its name (GitLab's `DOCKER_AUTH_CONFIG: '{"auths": …}'`)
          const formats = /[{:]/.test(value) ? scanValue(value) : [];
          for (const m of formats) {
            const origin = originWithin(scalar as TreeScalar, m.start, m.end);
            // generated like the variables below (a service container's `postgres://postgres:postgres@…` is the CI's own)
            if (!SELF_IDENTIFYING.has(m.patternId) && !isGeneratedLiteral(value.slice(m.start, m.end))) continue;
            if (overlapsFound(earlier, origin)) continue;
            report({
              verdict: hardcoded(origin, m.description, value.slice(m.start, m.end)),
              context: 'project-file',
              service: undefined,
              path: [...mounted.path, name],
              name,
            });
          }
          if (formats.length) continue;
          const verdict = classifyKey(name);
          if (!verdict.sensitive || nameLooseness(name).loose === 'tail' || value.includes('$') || isPlaceholder(value)) continue;
          // a password shaped like one (`eJDC2KtfNtL9`, both cases and digits) is no test database's word
          const generated = isGeneratedLiteral(value) || (verdict.kind === 'password' ? isPasswordShaped(value) : UUID.test(value));
          if (!generated || overlapsFound(earlier, scalar.origin)) continue;
          report({
            verdict: hardcoded(scalar.origin, describeKind(verdict.kind), value),
            context: 'project-file',
            service: undefined,
            path: [...mounted.path, name],
            name,
          });
        }
      } else visit(e.value, depth + 1);
    }
  };
  visit(root, 0);
}

/**
 * A CI definition's settings commented out (`# DB_PASSWORD: CZr1…   # before moving to repo secrets`), read as its
 * variables are: a value a generator wrote or shaped like a password, not a test database's `postgres`.
 */
function collectCiComments(mounted: MountedFile, text: string, out: Found[]): void {
  const earlier = foundInFile(out, mounted);
  for (const f of commentedSettings(mounted, text)) {
    if (f.verdict.class !== 'hardcoded' || overlapsFound(earlier, f.verdict.origin)) continue;
    if (isGeneratedLiteral(f.verdict.value) || isPasswordShaped(f.verdict.value)) out.push(f);
  }
}

/** The keys of a CI definition's shell commands: GitHub Actions' `run:` (a step's), GitLab's `script:` and its neighbours (a job's). */
const CI_COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);
/** An Ansible task's command modules (`ansible.builtin.command: docker login … -p …`, `shell:`, `raw:`, their `cmd:`), read the same way. */
const ANSIBLE_COMMAND_KEYS = new Set(['command', 'shell', 'raw', 'cmd', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw']);
/**
 * The keys of a command line in another program's configuration (CNCjs's `"commands": "curl -u … https://nas/…"`, a job
 * runner's `command:`), read when the value starts as a command line does (COMMAND_LINE_START).
 */
const CONFIG_COMMAND_KEYS = new Set(['command', 'commands', 'cmd', 'exec']);
/** A program's name and an option after it: `curl -u …`, `/usr/bin/mysqldump --user …`. */
const COMMAND_LINE_START = /^[ \t]*(?:sudo[ \t]+)?(?:\/[\w.-]+)*[a-z][\w.+-]{0,40}[ \t]+(?:[^\s-][^\s]*[ \t]+){0,3}-/;
/** An Ansible playbook's or role's YAML: under an `ansible`, `playbooks`, `roles`, `tasks` or `handlers` directory, or named a playbook. */
const ANSIBLE_FILE = /(?:^|\/)(?:(?:ansible|playbooks?|roles|tasks|handlers)\/(?:[^/]+\/)*[^/]+|[^/]*playbook[^/]*)\.ya?ml$/i;

/**
 * A CI definition's shell commands (a step's `run: curl -u ci:… https://…`, a job's `script: - docker login -p …`): read as
 * a service's command is, each line a command line the runner executes; the CI's own secrets are references
 * (`${{ secrets.X }}`, `$CI_REGISTRY_PASSWORD`), which are not reported. What was found already is not reported again.
 * An Ansible task's commands are read so, and another program's configuration's command lines (CONFIG_COMMAND_KEYS).
 */
function collectFromCommandKeys(mounted: MountedFile, out: Found[]): void {
  const root = mounted.roots?.[0];
  const own = CI_DEFINITION.test(mounted.file) ? CI_COMMAND_KEYS : ANSIBLE_FILE.test(mounted.file) ? ANSIBLE_COMMAND_KEYS : undefined;
  const keys = own ?? CONFIG_COMMAND_KEYS;
  if (!root) return;
  const earlier = foundInFile(out, mounted);
  const context = mounted.kept ? 'project-file' : 'mounted-file';
  const read = (scalar: TreeNode, path: Path) => {
    if (scalar.kind !== 'scalar' || typeof scalar.value !== 'string') return;
    // another program's configuration: a command line that starts with a program's name and its options
    if (!own && !COMMAND_LINE_START.test(scalar.value)) return;
    const found: Found[] = [];
    // a Jinja expression (`{{ item.password }}`, Ansible's) is a variable: read as one word of the same length, `$JJJ…`
    // (not a CI's own `${{ secrets.X }}`, which the command reader knows)
    const masked = scalar.value.replace(/(?<!\$)\{\{[^{}\n]{0,200}\}\}/g, (m) => `$${'J'.repeat(m.length - 1)}`);
    collectFromCommand(masked === scalar.value ? scalar : { ...scalar, value: masked }, path, found, mounted.services[0], undefined, context);
    for (const f of found) {
      if (f.verdict.class !== 'hardcoded' || overlapsFound(earlier, f.verdict.origin)) continue;
      earlier.push(f);
      out.push(f);
    }
  };
  const visit = (node: TreeNode, path: Path, depth: number) => {
    if (depth > 6) return;
    if (node.kind === 'seq') for (const [i, item] of node.items.entries()) visit(item, [...path, i], depth + 1);
    if (node.kind !== 'map') return;
    for (const e of node.entries) {
      const key = String(e.key);
      if (!keys.has(key)) visit(e.value, [...path, key], depth + 1);
      else if (e.value.kind === 'seq')
        // (a list of lines, or of entries that hold their own command: CNCjs's `commands: [{title, commands}]`)
        for (const [i, item] of e.value.items.entries()) item.kind === 'scalar' ? read(item, [...path, key, i]) : visit(item, [...path, key, i], depth + 1);
      else read(e.value, [...path, key]);
    }
  };
  visit(root, mounted.path, 0);
}

/**
 * A package manifest's `scripts` (`"db": "psql postgres://app:…@db/app"`, `"sourcemaps": "sentry-cli … --auth-token …"`):
 * each a shell command line npm runs, read as a script is; what the token scan found already is not reported again.
 */
function collectFromPackageScripts(mounted: MountedFile, out: Found[]): void {
  if (!PACKAGE_MANIFEST.test(mounted.file)) return;
  const scripts = mounted.roots?.[0]?.entries.find((e) => e.key === 'scripts')?.value;
  if (scripts?.kind !== 'map') return;
  const earlier = foundInFile(out, mounted);
  for (const e of scripts.entries) {
    if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
    const found: Found[] = [];
    collectFromCommand(e.value, [...mounted.path, 'scripts', String(e.key)], found, undefined, undefined, 'project-file');
    for (const f of found) if (f.verdict.class === 'hardcoded' && !overlapsFound(earlier, f.verdict.origin)) out.push(f);
  }
}

/**
 * A Proxmox Backup Server client's key file whose key is not encrypted: `{"kdf": null, …, "data": "…", "fingerprint": …}`;
 * with a `kdf` the `data` is the key encrypted with a password.
 */
function isPlainKeyFile(parent: TreeMap | undefined): boolean {
  if (!parent) return false;
  const kdf = parent.entries.find((e) => e.key === 'kdf');
  return kdf?.value.kind === 'scalar' && (kdf.value.value === null || kdf.value.value === 'none') && parent.entries.some((e) => e.key === 'fingerprint');
}

/** A finding of a placeholder-like hardcoded value. */
function isPlaceholderVerdict(e: Found): boolean {
  return e.verdict.class === 'hardcoded' && e.verdict.placeholder === true;
}

/** The variables each directory's `.env.local` sets to a value, by the directory's absolute path. */
function keysSetLocally(files: readonly MountedFile[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of files) {
    if (basename(f.abs) !== '.env.local') continue;
    // read as compose-go reads a dotenv file; one it cannot read overrides nothing
    try {
      out.set(
        dirname(f.abs),
        new Set(
          parseDotenvEntries(String(f.node.value), () => '')
            .filter((e) => e.value !== '')
            .map((e) => e.key),
        ),
      );
    } catch {}
  }
  return out;
}

/** Formats that are a credential whatever names them: VALUE_PATTERNS matched whole, and the few whose secret part sits in a vendor's own frame. */
const SELF_IDENTIFYING = new Set([
  ...VALUE_PATTERNS.filter((p) => p.group === undefined && !p.notSecret).map((p) => p.id),
  'aws-secret-access-key',
  'azure-storage-account-key',
  'azure-shared-access-key',
  'webhook-url-token',
  'brewfather-stream-url',
  'steam-gslt',
  // `machine … login … password …`: a .netrc entry wherever it is written (a Dockerfile's `printf … > /root/.netrc`)
  'netrc-password',
]);

/**
 * A Dockerfile's `RUN` instructions in shell form with their continuation lines, everything else blanked (the same length:
 * offsets and lines stay); undefined when it has none.
 */
function dockerfileRunLines(text: string): string | undefined {
  let continued = false;
  return keptLines(text, (line) => {
    const run = continued ? null : /^[ \t]*RUN[ \t]+(?:--[\w-]+=\S+[ \t]+)*(?=[^\s[])/i.exec(line);
    const keep = continued || run !== null;
    continued = keep && /\\\r?$/.test(line);
    if (!keep) return undefined;
    return run ? ' '.repeat(run[0].length) + line.slice(run[0].length) : line;
  });
}

/** A Dockerfile's `ARG NAME=value` or `ENV NAME=value` (or `ENV NAME value`), the value perhaps quoted. */
const DOCKERFILE_DEFAULT =
  /^[ \t]*(ARG|ENV)[ \t]+([A-Za-z_][A-Za-z0-9_]{0,80})(?:=|[ \t]+(?=[^\s=]))(?:"([^"\n]{1,4096})"|'([^'\n]{1,4096})'|([^\s"'\\]{1,4096}))[ \t]*$/dgm;

/**
 * The secrets a Dockerfile's `ARG` and `ENV` lines write as their defaults: a literal under a secret's name
 * (`ENV DATASETTE_SECRET=48f7…`), or a URL's password that a generator wrote (`ARG PIP_EXTRA_INDEX_URL=https://ci:…@…`).
 * Each is in the image's history for whoever pulls it.
 */
function collectDockerfileDefaults(mounted: MountedFile, text: string, out: Found[], found: [number, number][]): void {
  const context = mounted.kept ? 'project-file' : 'mounted-file';
  const push = (start: number, end: number, kind: string, name: string) => {
    if (found.some(([s, e]) => s < end && start < e)) return;
    const verdict = hardcoded(originWithin(mounted.node, start, end), kind, text.slice(start, end));
    if (verdict.placeholder) return;
    found.push([start, end]);
    out.push({ verdict, context, service: mounted.services[0], path: [...mounted.path, name], name });
  };
  for (const m of text.matchAll(DOCKERFILE_DEFAULT)) {
    const g = m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : 5;
    const [start, end] = m.indices![g];
    const value = m[g];
    const verdict = classifyKey(m[2]);
    if (verdict.sensitive) {
      if (judgeNamedValue(nameLooseness(m[2]), value) === 'literal' && (isGeneratedLiteral(value) || isPasswordShaped(value)))
        push(start, end, describeKind(verdict.kind), m[2]);
      continue;
    }
    for (const u of findUrlCredentials(value))
      if (!u.viaVariable && isGeneratedLiteral(value.slice(u.start, u.end))) push(start + u.start, start + u.end, u.description, m[2]);
  }
}

/**
 * Settings commented out in a mounted or project file (`# service_key: 58bc…` in alertmanager.yml,
 * `#   password: "…"` in a users file, `# export API_TOKEN=…` in a script), read as a compose
 * file's are: the comment is committed with the file. Lines the file's own reading already
 * reported (an assignment a config scanner reads in comments too) are not reported again.
 */
function collectCommentedSettings(mounted: MountedFile, text: string, out: Found[], before: number): void {
  const comments = commentedSettings(mounted, text);
  // a password passed by position to a call that takes one (`create_superuser('admin', '…', 'Falcon@2001x')`), in code or a comment
  comments.push(...callCredentials(mounted, text));
  if (!comments.length) return;
  const reported = out.slice(before).map((e) => e.verdict.origin);
  for (const e of comments) {
    const o = e.verdict.origin;
    if (!reported.some((r) => r.line === o.line)) out.push({ ...e, service: mounted.services[0] });
  }
}

/** The settings and notes a file's comments hold (collectFromComment), and a note whose value is the next comment line. */
function commentedSettings(mounted: MountedFile, text: string): Found[] {
  const comments: Found[] = [];
  const lines = commentLines(mounted.file, text);
  collectFromComments(lines, comments);
  // a note whose value is the next comment line (`# fallback key used during the migration:` then `# def00000f19e…`)
  for (let i = 0; i + 1 < lines.length; i++) {
    const label = String(lines[i].value);
    const next = lines[i + 1];
    if (!label.endsWith(':') || next.origin.line !== lines[i].origin.line + 1 || /\s/.test(String(next.value))) continue;
    const prose = findProseCredential(`${label} ${next.value}`);
    if (!prose || prose.start <= label.length) continue;
    const start = prose.start - label.length - 1;
    comments.push({
      verdict: hardcoded(originWithin(next, start, prose.end - label.length - 1), prose.kind, String(next.value).slice(start, prose.end - label.length - 1)),
      context: 'comment',
      path: ['#', 'note'],
      name: 'note',
    });
  }
  return comments;
}

/**
 * The name a finding's message gives a setting: a token where a name goes (`# ghp_…: …`, a JSON
 * key that is a token, a file named for one, a path a script writes to such as `/run/ghp_…_password`)
 * is not repeated. A known format, or a run of twenty letters and digits of both cases with three
 * digits or more: what a generated token is and a setting's name is not.
 */
function settingName(name: string): string {
  return scanValue(name).length || GENERATED_RUN.test(name) ? 'setting' : name;
}
const GENERATED_RUN = /(?=[A-Za-z0-9]{20})(?=(?:[a-z0-9]{0,200}[A-Z]){2})(?=(?:[A-Z0-9]{0,200}[a-z]){2})(?=(?:[A-Za-z]{0,200}[0-9]){3})[A-Za-z0-9]{20,}/;

/** A YAML tag of an application's own right before a value: `!secret `, `!env_var `, `!ENV ` (not a core `!!str`, nor Summon's literal `!str`). */
const APPLICATION_TAG = /(?:^|[\s:,[{-])!(?!str[ \t])[A-Za-z][\w-]{0,30}[ \t]+$/;

/** Whether the line of a text at an offset is a comment (`#`, `;`, `//`, `<!--`, a doc block's `/*` or ` * `). */
function isCommentedOut(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*(?:#|;|\/\/|<!--|\/\*|\*(?!\/))/.test(text.slice(start, Math.min(offset, start + 200)));
}

/** A key pair's public half by its file's name. */
const PUBLIC_HALF_FILE = /\.pub$/i;

/**
 * The setting a mounted file is named for: its name without the extension (`api_key.txt` is
 * `api_key`), unless the extension is what names a secret (`authd.pass`, `vault.token`).
 */
function mountedFileName(file: string): string {
  const m = /^(.+)\.([A-Za-z0-9]{1,10})$/.exec(file);
  if (!m) return file;
  // a key pair's public half (`id_ed25519.pub`) is not its private key file
  if (m[2].toLowerCase() === 'pub') return `${m[1]}_pub`;
  // a tool's run-control file by its extension (Malcolm's `.opensearch.primary.curlrc`): read as the tool's
  if (/^curlrc$/i.test(m[2])) return `${m[1]}_curlrc`;
  // `authd.pass` holds a password; `master.key` (Rails) a master key: the name and its extension read together
  const joined = `${m[1]}_${m[2]}`;
  return !classifyKey(m[1]).sensitive && (classifyKey(m[2]).sensitive || classifyKey(joined).sensitive) ? joined : m[1];
}

/**
 * Every scalar of a tree with the keys above it (a list's items by index), each node once however
 * many aliases share it (a file of nested aliases would otherwise be walked exponentially).
 */
function collectKeyPaths(
  node: TreeNode,
  keyPath: (string | number)[],
  seen: Set<TreeNode>,
  visit: (scalar: TreeScalar, keyPath: (string | number)[], parent: TreeMap | undefined) => void,
  parent?: TreeMap,
): void {
  if (keyPath.length > 32 || seen.has(node)) return;
  seen.add(node);
  if (node.kind === 'map') for (const e of node.entries) collectKeyPaths(e.value, [...keyPath, e.key], seen, visit, node);
  else if (node.kind === 'seq') {
    for (let i = 0; i < node.items.length; i++) collectKeyPaths(node.items[i], [...keyPath, i], seen, visit);
  } else if (
    typeof node.value === 'string' &&
    (typeof keyPath.at(-1) === 'string' || (typeof keyPath.at(-1) === 'number' && typeof keyPath.at(-2) === 'string'))
  )
    // a setting's value, or an entry of a list of values right under a setting (Netdisco's `community: ['…', '…']`)
    visit(node, keyPath, parent);
}

/**
 * The name a `{key: …, value: …}` or `{name: …, value: …}` mapping gives its value (EdgeX's `secretData`, a Postman
 * environment's `values`, Kubernetes-style env lists, Node-RED's `{keyValue, valueValue}` headers): the setting the value
 * belongs to, not the word `value`.
 */
function pairName(parent: TreeMap | undefined): string | undefined {
  if (!parent || parent.entries.length > 6) return undefined;
  for (const e of parent.entries) {
    if (
      (e.key === 'key' || e.key === 'name' || e.key === 'keyValue') &&
      e.value.kind === 'scalar' &&
      typeof e.value.value === 'string' &&
      /^[A-Za-z_][\w.-]{0,80}$/.test(e.value.value)
    )
      return e.value.value;
  }
  return undefined;
}

/**
 * A variable set in a comment's sentence or before a command in it (`previously: PBS_PASSWORD='…' proxmox-backup-client
 * login`): a secret-named variable in capitals and a quoted value, or an unquoted one shaped like a password. Whether one was.
 */
function collectCommentVariable(node: TreeScalar, body: string, out: Found[]): boolean {
  for (const a of body.matchAll(COMMENT_VARIABLE)) {
    const g = a[2] !== undefined ? 2 : a[3] !== undefined ? 3 : 4;
    const value = a[g];
    const verdict = classifyKey(a[1]);
    if (!verdict.sensitive || isVariableOnly(value) || judgeNamedValue(nameLooseness(a[1]), value) !== 'literal') continue;
    if (g === 4 && !isPasswordShaped(value)) continue;
    const [s, e] = a.indices![g];
    out.push({ verdict: hardcoded(originWithin(node, s, e), describeKind(verdict.kind), value), context: 'comment', path: ['#', a[1]], name: a[1] });
    return true;
  }
  return false;
}

/**
 * A variable in capitals set inside a comment's sentence: `NAME='…'`, `NAME="…"` or `NAME=…` (after a blank or the
 * start); with blanks around `=` only before a quoted value (Python's `EMAIL_HOST_PASSWORD = '…'`).
 */
const COMMENT_VARIABLE = /(?<![^\s(])([A-Z][A-Z0-9_]{2,80})(?:=|[ \t]+=[ \t]+(?=['"])|:[ \t]+)(?:'([^'\s]{4,200})'|"([^"\s]{4,200})"|([^\s'"`;&|]{6,200}))/dg;
/**
 * A setting written in a comment: `KEY=value` or `key: value` (an environment's list item or a YAML entry commented out),
 * also after a word that says it is a former value (`<!-- old flagKeyKey: … (rotated 2023-11) -->`).
 */
const COMMENTED_SETTING =
  /^(?:(?:old|previous|former|legacy|prior|retired)[ \t]+(?=[A-Za-z_][\w.-]{0,80}(?:[ \t]*=|:[ \t])))?(?:-[ \t]*)?([A-Za-z_][A-Za-z0-9_.-]{0,80})(?:[ \t]*=[ \t]*|:[ \t]+)(\S.*)$/i;
/** A directive in a comment: a name, blanks, one value and nothing else (`# requirepass …`; motionEye's own `# @upload_password …`). */
const COMMENTED_DIRECTIVE = /^@?([A-Za-z_][A-Za-z0-9_.-]{0,80})[ \t]+([^\s#;]{1,4096})$/;
const COMMENTED_COMMAND = new Set(['command', 'entrypoint', 'test']);
/** The keyword of a web server's variable directive, before the variable and its value (Apache's `SetEnv`, nginx's `fastcgi_param`). */
const VARIABLE_DIRECTIVE_KEYWORD = /^(?:SetEnv|fastcgi_param)[ \t]+(?=[A-Za-z_])/i;
/**
 * A commented-out command's value that is a credential written down, not a word of a sentence
 * about the command (`# use --password to set it`): long enough, and not letters alone but a generator's.
 */
function looksWrittenDown(value: string): boolean {
  return value.length >= 6 && (!/^[A-Za-z]+$/.test(value) || isRandomLetters(value)) && !isPlaceholder(value);
}

/**
 * A comment that is a command line: a program's name, then a flag (`-p`, `--authkey`) or a pipe
 * into docker; a sentence has neither.
 */
// (or SteamCMD's `+login`)
const COMMENTED_COMMAND_LINE = /^(?:sudo[ \t]+)?[a-z][\w.-]{0,30}[ \t](?:[^\n]{0,2000}[ \t])?(?:-{1,2}[A-Za-z]|\+login[ \t]|\|[ \t]*(?:docker|podman)[ \t])/;

/**
 * The credentials of a comment's text read as the command it was, from the first of `starts` (offsets in `body`: its
 * beginning, after a note's label, after a list item's dash) where the text reads as a command that holds one.
 */
function commentedCommands(body: string, starts: readonly number[]): { start: number; end: number; description: string; via: string }[] {
  for (const command of starts) {
    const found = commentedCommandCredentials(body.slice(command));
    if (found.length) return found.map((c) => ({ start: command + c.absStart, end: command + c.absEnd, description: c.description, via: c.via }));
  }
  return [];
}

/** The credentials of a comment's text read as the command it was, when it reads as one: literals written down. */
function commentedCommandCredentials(line: string): ReturnType<typeof findShellCredentials> {
  if (!COMMENTED_COMMAND_LINE.test(line)) return [];
  return findShellCredentials(line).filter((c) => !c.viaVariable && looksWrittenDown(line.slice(c.absStart, c.absEnd)));
}

/**
 * The words of a command's exec form as a comment writes it (`["-d:0", "USERPWD", "…"]`) and where each word's text starts
 * in it: a list of double-quoted strings without escapes (each word is then its text as written), else undefined.
 */
function execFormWords(value: string): { words: string[]; starts: number[] } | undefined {
  if (!EXEC_FORM.test(value)) return undefined;
  const words: string[] = [];
  const starts: number[] = [];
  for (const m of value.matchAll(/"([^"\\]*)"/g)) {
    words.push(m[1]);
    starts.push(m.index + 1);
  }
  return { words, starts };
}
/** A flow list of double-quoted strings without escapes: `["a", "b"]`. */
const EXEC_FORM = /^\[[ \t]*"[^"\\]*"(?:[ \t]*,[ \t]*"[^"\\]*")*[ \t]*,?[ \t]*\]$/;

/** A comment's label of words before what it quotes (`first deploy used: `, `old: `). */
const COMMENT_LABEL = /^[A-Za-z][\w ,.()-]{0,60}?:[ \t]+(?=\S)/;

/** The first line of a KeePass key file's `<Data>`: hex in groups (version 2.0) or base64 (1.0). */
const KEEPASS_KEY_DATA = /<Data\b[^>\n]{0,200}>\s{0,200}([0-9A-Fa-f]{8}(?: [0-9A-Fa-f]{8}){1,7}|[A-Za-z0-9+/]{16,200}={0,2})/d;

/** A template's name by its last extension (`config.php.dist`, `app.ini.example`, `settings.sample`). */
const TEMPLATE_FILE = /\.(?:dist|example|sample|template|tpl|tmpl)$/i;

/**
 * A setting alone on a code block's line, as a configuration file writes it (`bitcoin-rpcpassword=…`, `rpc.password: …`): a
 * name a shell would not take for a variable (a shell's `NAME=value` is read as the command it is).
 */
const CODE_BLOCK_SETTING = /^[ \t]*([A-Za-z_][\w.-]{0,80})[ \t]*(?:=|:[ \t])[ \t]*("[^"\s]{1,200}"|'[^'\s]{1,200}'|[^\s"'#;]{1,200})[ \t]*$/d;

/**
 * Words that introduce a product's default login (`# The default users credentials are:`, `#Default id pass Username: …`):
 * what follows is the software's published default, which its vendor's documentation prints, not a secret of this project;
 * nothing runs with it from a comment (as with a stock default password commented out: isStockDefault). Not an initial
 * login (`-- initial admin login: admin / E2EL…`, `# initial superuser password was …`): that is most often the one the
 * project chose for its first start.
 */
const DEFAULT_LOGIN_NOTE = /\b(?:default|stock|built-?in|factory)\b[\w ]{0,24}?\b(?:credentials?|logins?|passwords?|passwd|accounts?|id pass)\b/i;

/** The lines a default-login note covers: its own and the comment lines right after it, at most this many. */
const DEFAULT_LOGIN_NOTE_REACH = 3;

/** The settings and notes of a file's comment lines (collectFromComment), but not a password under a note that calls it the default login. */
function collectFromComments(lines: readonly TreeScalar[], out: Found[]): void {
  const password = describeKind('password');
  let noteAt: TreeScalar | undefined;
  let previous: TreeScalar | undefined;
  for (const comment of lines) {
    // a note covers the lines of its own comment block only (consecutive comment lines of one file)
    if (!(previous?.origin.file === comment.origin.file && previous.origin.line + 1 === comment.origin.line)) noteAt = undefined;
    if (DEFAULT_LOGIN_NOTE.test(String(comment.value))) noteAt = comment;
    previous = comment;
    const covered = noteAt !== undefined && comment.origin.line - noteAt.origin.line < DEFAULT_LOGIN_NOTE_REACH;
    const found: Found[] = [];
    collectFromComment(comment, found);
    out.push(...(covered ? found.filter((e) => !(e.verdict.class === 'hardcoded' && e.verdict.kind === password)) : found));
  }
}

/**
 * A compose file's comment that is a setting commented out (`# - DB_PASSWORD=…`, `# key: …`,
 * `# command: redis-server --requirepass …`): committed with the file all the same. Prose is not
 * read (a value with blanks is a sentence, except a command's), nor a placeholder.
 */
function collectFromComment(node: TreeScalar, out: Found[]): void {
  const body = String(node.value);
  let m = COMMENTED_SETTING.exec(body);
  // a secret's setting after a note's label (`// TODO remove before release: AuthToken = "c948…"`)
  if (!m) {
    const label = COMMENT_LABEL.exec(body)?.[0].length;
    const after = label ? COMMENTED_SETTING.exec(body.slice(label)) : null;
    // (one value: a command after it, `# emergency unlock: RESTIC_PASSWORD=… restic unlock`, is read as the command it is)
    const value = after ? withoutRemark(after[2]) : '';
    if (after && value && !/\s/.test(value) && classifyKey(after[1]).sensitive) m = after;
  }
  if (!m) {
    // a directive commented out (`# requirepass 7qVs…` in redis.conf/keydb.conf, `# masterauth …`): a secret-named word, then one value
    // (a web server's variable directive commented out reads the same after its keyword: `# SetEnv SMTP_PASSWORD …`)
    const directive = COMMENTED_DIRECTIVE.exec(body.replace(VARIABLE_DIRECTIVE_KEYWORD, ''));
    if (directive) {
      const verdict = classifyKey(directive[1]);
      const value = directive[2];
      // (a heading's colon ends no value: `// SALT VARIABLE:` above the setting it explains)
      if (
        verdict.sensitive &&
        !value.endsWith(':') &&
        looksWrittenDown(value) &&
        !isVariableOnly(value) &&
        judgeNamedValue(nameLooseness(directive[1]), value) === 'literal'
      ) {
        const start = body.length - value.length;
        out.push({
          verdict: hardcoded(originWithin(node, start, body.length), describeKind(verdict.kind), value),
          context: 'comment',
          path: ['#', directive[1]],
          name: directive[1],
        });
        return;
      }
      // known formats and a URL's password in the value of a directive of any name (rtl_433's `# output mqtt://…,pass=…`); a
      // quoted argument is a command's (`# curl 'http://…'`), left to the command reader below
      if (!verdict.sensitive && !/^["']/.test(value)) {
        const found = scanValue(value);
        const start = body.length - value.length;
        for (const f of found)
          out.push({
            verdict: hardcoded(originWithin(node, start + f.start, start + f.end), f.description, value.slice(f.start, f.end)),
            context: 'comment',
            path: ['#', directive[1]],
            name: directive[1],
          });
        if (found.length) return;
      }
    }
    // a command commented out (`# mcrcon -p '…' stop`, `# tailscale up --authkey …`), also after a label of words (`# first
    // deploy used: printf '%s' '…' | docker secret create …`): read as the command it was
    const label = COMMENT_LABEL.exec(body)?.[0].length ?? 0;
    // (a YAML list's item commented out whole: a CI script's `# - docker login -u ci -p …`)
    const item = /^-[ \t]+(?=[A-Za-z./])/.exec(body)?.[0].length ?? 0;
    const commands = commentedCommands(body, label ? [0, label] : item ? [item] : [0]);
    for (const c of commands)
      out.push({
        verdict: hardcoded(originWithin(node, c.start, c.end), c.description, body.slice(c.start, c.end)),
        context: 'comment',
        path: ['#', c.via],
        name: c.via,
      });
    if (commands.length) return;
    if (collectCommentVariable(node, body, out)) return;
    collectCommentNote(node, body, out);
    return;
  }
  const key = settingName(m[1]);
  let value = withoutRemark(m[2]);
  let start = body.length - m[2].length;
  const push = (s: number, e: number, kind: string, name: string) => {
    const text = body.slice(s, e);
    // no model path: the comment's own, by the setting it comments out
    if (!isPlaceholder(text)) out.push({ verdict: hardcoded(originWithin(node, s, e), kind, text), context: 'comment', path: ['#', name], name });
  };
  if (COMMENTED_COMMAND.has(key.toLowerCase())) {
    // the exec form (`# command: ["-H", "https://…", "USERPWD", "user:…"]`), read word by word as a service's list is
    const exec = execFormWords(value);
    if (exec) {
      for (const c of findCommandCredentials(exec.words))
        if (!c.viaVariable) push(start + exec.starts[c.arg] + c.start, start + exec.starts[c.arg] + c.end, c.description, c.via);
      return;
    }
    for (const c of findShellCredentials(value)) if (!c.viaVariable) push(start + c.absStart, start + c.absEnd, c.description, c.via);
    return;
  }
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) {
    value = quoted[2];
    start += 1;
  }
  const verdict = classifyKey(key);
  // options for a program under a name that says nothing (`# - SOLR_OPTS=-Dbasicauth=solr:…`): read as its arguments
  if (!verdict.sensitive && value.startsWith('-')) {
    for (const c of findShellCredentials(value)) if (!c.viaVariable) push(start + c.absStart, start + c.absEnd, c.description, c.via);
    return;
  }
  // a command line after a one-word label (`# old: curl -u admin:… https://…`): read as the command it was
  if (!verdict.sensitive) {
    const found = commentedCommandCredentials(value);
    for (const c of found) push(start + c.absStart, start + c.absEnd, c.description, c.via);
    if (found.length) return;
  }
  if (!value || /\s/.test(value) || isVariableOnly(value)) {
    // a sentence that starts like a setting (`previously: PBS_PASSWORD='…' proxmox-backup-client login`), or a note after a
    // label (`emergency: mail backup to treasurer with smtp user tresorier / …`, `user: archive@… / pass: …`)
    if (!verdict.sensitive && !collectCommentVariable(node, body, out)) collectCommentNote(node, body, out);
    return;
  }
  if (verdict.sensitive && judgeNamedValue(nameLooseness(key), value) === 'literal') {
    push(start, start + value.length, describeKind(verdict.kind), key);
    return;
  }
  // known formats and a URL's password, under any name (`# NOTIFICATION_URLS: smtp://user:pw@host`)
  for (const f of scanValue(value)) push(start + f.start, start + f.end, f.description, key);
}

/** A commented setting's value without the remark after it: `# …`, or a note in parentheses (`# IGLU_SUPER_API_KEY: d29b…   (old key, rotated in March?)`). */
function withoutRemark(value: string): string {
  return value
    .replace(/[ \t]+#.*$/, '')
    .replace(/[ \t]+\([^()]*\)$/, '')
    .trimEnd();
}

/** A note in a comment's sentence (`initial superuser password was …`, `smtp user tresorier / …`): its password or token. */
function collectCommentNote(node: TreeScalar, body: string, out: Found[]): void {
  const prose = findProseCredential(body) ?? findSlashedLogin(body);
  if (!prose) {
    // a known format anywhere in a remark (`# old alert hook, replaced by the Discord one: https://hooks.slack.com/services/…`)
    for (const f of scanValue(body)) {
      const text = body.slice(f.start, f.end);
      if (!isPlaceholder(text))
        out.push({ verdict: hardcoded(originWithin(node, f.start, f.end), f.description, text), context: 'comment', path: ['#', 'note'], name: 'note' });
    }
    return;
  }
  out.push({
    verdict: hardcoded(originWithin(node, prose.start, prose.end), prose.kind, body.slice(prose.start, prose.end)),
    context: 'comment',
    path: ['#', 'note'],
    name: 'note',
  });
}

/** A SteamCMD script: its commands to install a game's server. */
const STEAM_RUNSCRIPT = /^[ \t]*(?:force_install_dir|app_update)[ \t]/m;
/** A SteamCMD script's login with a password (not `login anonymous`): the password. */
const STEAM_SCRIPT_LOGIN = /^[ \t]*login[ \t]+[^\s$]+[ \t]+([^\s$]+)/dgm;

/**
 * The secrets in a text of many lines (a config's content, a mounted file): known formats, a
 * content that is the secret alone or `name:secret` lines under a secret's name, URL credentials,
 * and assignments in any of the usual config syntaxes.
 */
function collectFromText(
  node: TreeScalar,
  text: string,
  configName: string | undefined,
  push: (verdict: EntryVerdict, name?: string) => void,
  viaVariables: (fragment: string, kind: string, name?: string) => void,
  /** The text is a secret's file: its whole content is a secret whatever the name says. */
  secretFile = false,
  /** The name a service reads a config's content by, when it is another than the config's (its target's file name). */
  targetName?: string,
): void {
  const assignments = findEmbeddedAssignments(text);
  // a `password = x` line that reads like a connection string's keyword is the setting it is, named for its key
  // and a user element's password that is a digest (isUserElementDigest) is no password
  const isSetting = (m: { patternId: string; start: number; end: number }) =>
    m.patternId === 'connection-string-password' &&
    (assignments.some((a) => !a.viaVariable && a.start === m.start && a.end === m.end) || isUserElementDigest(text, m.start, m.end));
  const matches = scanValue(text).filter((m) => !isSetting(m) && !isPublicBrowserKey(text, m.start, m.description));
  for (const m of matches) {
    push(hardcoded(originWithin(node, m.start, m.end), m.description, text.slice(m.start, m.end)));
  }
  const taken = (r: { start: number; end: number }) => matches.some((m) => m.start < r.end && r.start < m.end);
  // by the file's own name, and PgBouncer's auth_file (`"name" "password"` lines) whatever its name
  const byName = namedFileSecrets(text, configName, secretFile);
  const byTarget = targetName !== undefined && targetName !== configName ? namedFileSecrets(text, targetName, secretFile) : [];
  const named = [...byName, ...byTarget.filter((t) => !byName.some((n) => n.start < t.end && t.start < n.end))];
  const pushed = [...named, ...quotedUserPasswords(text)].filter((f) => !taken(f));
  for (const f of pushed) push(hardcoded(originWithin(node, f.start, f.end), f.kind, text.slice(f.start, f.end)), configName);
  // a file the text writes (a script's heredoc `cat > …/passwords.properties <<EOF`, `echo '"app" "…"' >> userlist.txt`)
  for (const f of writtenFileSecrets(text)) {
    if (!taken(f) && !pushed.some((r) => r.start < f.end && f.start < r.end))
      push(hardcoded(originWithin(node, f.start, f.end), f.kind, text.slice(f.start, f.end)), f.name);
  }
  // Postmark's SMTP user name, which is the server token
  for (const p of postmarkUserTokens(text)) {
    if (!taken(p) && !assignments.some((a) => a.start < p.end && p.start < a.end))
      push(hardcoded(originWithin(node, p.start, p.end), POSTMARK_USER_KIND, text.slice(p.start, p.end)), p.name);
  }
  // a SteamCMD script's `login USER PASSWORD` (`steamcmd +runscript update.txt`, beside `force_install_dir` and `app_update`)
  if (STEAM_RUNSCRIPT.test(text)) {
    for (const m of text.matchAll(STEAM_SCRIPT_LOGIN)) {
      const [start, end] = m.indices![1];
      if (!taken({ start, end }) && !isPlaceholder(m[1])) push(hardcoded(originWithin(node, start, end), 'password', m[1]), 'login');
    }
  }
  for (const p of findUsersSectionPasswords(text)) {
    const overlaps = (r: { start: number; end: number }) => r.start < p.end && p.start < r.end;
    if (!matches.some(overlaps) && !assignments.some(overlaps))
      push(hardcoded(originWithin(node, p.start, p.end), 'password', text.slice(p.start, p.end)), 'users');
  }
  for (const p of findSecretsSectionValues(text)) {
    const overlaps = (r: { start: number; end: number }) => r.start < p.end && p.start < r.end;
    if (!matches.some(overlaps) && !assignments.some(overlaps)) push(hardcoded(originWithin(node, p.start, p.end), p.kind, text.slice(p.start, p.end)), p.name);
  }
  for (const m of findUrlCredentials(text)) {
    if (m.viaVariable) viaVariables(text.slice(m.start, m.end), 'URL password');
  }
  for (const a of assignments) {
    if (a.viaVariable) {
      viaVariables(text.slice(a.start, a.end), a.kind, a.name);
      continue;
    }
    if (matches.some((m) => m.start < a.end && a.start < m.end)) continue;
    push(hardcoded(originWithin(node, a.start, a.end), a.kind, text.slice(a.start, a.end)), a.name);
  }
}

/**
 * The secrets a file holds by what its name says it is: a config named for a secret (`master_key`, `rcon_password`,
 * `mongo_keyfile`) whose content is the secret itself; one named for secrets (`api_keys`, `users`) written as
 * `name:secret[:role]` lines; a users file of `name = password` properties (ActiveMQ/Artemis `users.properties`, Jetty
 * realm); Pgpool-II's `.pcppass` (`host:port:user:password`).
 */
function namedFileSecrets(text: string, configName: string | undefined, secretFile: boolean): { start: number; end: number; kind: string }[] {
  if (configName === undefined) return [];
  const out: { start: number; end: number; kind: string }[] = [];
  const whole = secretFileContent(configName, text, secretFile);
  if (whole) out.push(whole);
  // users files and realms: Pentaho Carte's Jetty realm `kettle.pwd` (read as `kettle_pwd`) among them, and an auth file
  // of `user:password` lines (memcached's `-Y /etc/memcached/auth`, chisel's `--authfile`)
  const usersConfig = /(?:users?|realm|[_.-]pwd)(?:[_.-]?(?:properties|conf|txt))?$|^passwords(?:[_.-]properties)?$|^auth(?:file)?(?:[_.-]txt)?$/i.test(
    configName,
  );
  if (classifyKey(configName).sensitive || usersConfig) {
    const pairs = [
      ...findUserPasswordPairs(text),
      ...(usersConfig ? findPropertiesUserPasswords(text, /realm|^passwords|[_.-]pwd$/i.test(configName)).map((p) => ({ ...p, viaVariable: false })) : []),
    ];
    for (const p of pairs) {
      if (p.viaVariable) continue;
      // a scheme and a digest (GeoServer's `digest1:…` master password file) reads as name:secret, and is a hash
      if (judgeSecretValue(text.slice(text.lastIndexOf('\n', p.start) + 1, p.end)) === 'hash') continue;
      out.push({ start: p.start, end: p.end, kind: 'secret' });
    }
  }
  // curl's config file (`.curlrc`, Malcolm's `.opensearch.primary.curlrc`): `user: "name:password"`, `--user "…"`
  if (/curlrc$/i.test(configName)) {
    for (const m of text.matchAll(CURLRC_USER)) {
      const [start, end] = m.indices![1];
      if (judgeSecretValue(m[1]) === 'literal' && !isPlaceholder(m[1]) && !out.some((o) => o.start < end && start < o.end))
        out.push({ start, end, kind: 'password' });
    }
  }
  // a password file of `name password` lines (JMX's `jmxremote.password`: `monitorRole …`), every line of that shape
  if (/(?:^|[_.-])(?:password|passwd)$/i.test(configName)) {
    for (const p of findBlankSeparatedPasswords(text)) if (!out.some((o) => o.start < p.end && p.start < o.end)) out.push({ ...p, kind: 'password' });
  }
  // a KeePass key file (`.keyx`: XML, the key's bytes in `<Data>`), the second factor of a database: its key's first line
  if (text.includes('<KeyFile>')) {
    const data = KEEPASS_KEY_DATA.exec(text);
    if (data) out.push({ start: data.indices![1][0], end: data.indices![1][1], kind: 'encryption key' });
  }
  if (configName === '.pcppass') for (const p of findPcpPasswords(text)) out.push({ ...p, kind: 'password' });
  if (/\.ecf[._](?:custom_)?passwd$/.test(configName)) for (const p of findEcflowPasswords(text)) out.push({ ...p, kind: 'password' });
  if (/^(?:chap|pap)[_-]secrets$/.test(configName)) for (const p of findPppSecrets(text)) out.push({ ...p, kind: 'password' });
  // mountedFileName gives `resource` for resource.cfg
  if (configName === 'resource') for (const p of findResourceMacroSecrets(text)) out.push({ ...p, kind: 'password' });
  return out;
}

/** A curl config line giving a login: `user = "name:password"`, `user: …`, `--user …`, `-u …`, `proxy-user …`. */
const CURLRC_USER = /^[ \t]*(?:--?)?(?:user|u|proxy-user)(?:[ \t]*[=:][ \t]*|[ \t]+)["']?[^\s:"']{1,64}:([^\s"']{1,200})["']?[ \t]*$/dgm;

/** A `name password` line: a role or user's name, blanks, and its password. */
const BLANK_SEPARATED_PAIR = /^[ \t]*[A-Za-z_][\w.@-]{0,63}[ \t]+(\S{1,200})[ \t]*$/dgm;

/** The passwords of a file whose every line (comments and blank lines aside) is `name password`; none if one line is otherwise. */
function findBlankSeparatedPasswords(text: string): { start: number; end: number }[] {
  const lines = text.split('\n').filter((l) => l.trim() && !/^[ \t]*[#!]/.test(l));
  if (!lines.length || lines.length > 200 || !lines.every((l) => /^[ \t]*[A-Za-z_][\w.@-]{0,63}[ \t]+\S{1,200}[ \t]*\r?$/.test(l))) return [];
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(BLANK_SEPARATED_PAIR)) {
    const [start, end] = m.indices![1];
    if (judgeSecretValue(m[1]) === 'literal' && !isPlaceholder(m[1])) out.push({ start, end });
  }
  return out;
}

/**
 * The files a script writes whole, by name: a heredoc's body (`cat > /etc/app/passwords.properties <<'EOF'`, `tee`) and
 * a line echoed into a file (`echo '"app" "…"' >> /etc/pgbouncer/userlist.txt`), each with the name it is read by.
 */
const HEREDOC_TO_FILE =
  /(?:\bcat|\btee(?:[ \t]+-a)?)[ \t]+(?:>>?[ \t]*)?["']?([^\s'"<>;|&]{1,400})["']?[ \t]*<<-?[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]{0,30})\2[ \t]*\r?\n/g;

export function writtenFiles(text: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  if (text.length > 1_000_000) return out;
  if (text.includes('<<')) {
    const heredoc = new RegExp(HEREDOC_TO_FILE.source, 'g');
    for (let m = heredoc.exec(text); m; m = heredoc.exec(text)) {
      const start = m.index + m[0].length;
      // the body ends at the line that is the delimiter alone (indented under `<<-` and in a YAML block); the next
      // heredoc is looked for after it, so each character is read once
      let at = start;
      while (at < text.length) {
        const eol = text.indexOf('\n', at);
        const lineEnd = eol < 0 ? text.length : eol;
        if (text.slice(at, lineEnd).trim() === m[3]) break;
        at = lineEnd + 1;
      }
      const end = Math.min(at, text.length);
      out.push({ name: mountedFileName(basename(m[1])), start, end });
      heredoc.lastIndex = end;
    }
  }
  for (const e of echoesIntoFiles(text)) out.push({ name: mountedFileName(basename(e.file)), start: e.start, end: e.end });
  return out;
}

/** The secrets of the files a text writes (writtenFiles), each read by its name: offsets in `text`. */
function writtenFileSecrets(text: string): { start: number; end: number; kind: string; name: string }[] {
  const out: { start: number; end: number; kind: string; name: string }[] = [];
  for (const w of writtenFiles(text)) {
    const body = text.slice(w.start, w.end);
    for (const f of [...namedFileSecrets(body, w.name, false), ...quotedUserPasswords(body)]) {
      out.push({ start: w.start + f.start, end: w.start + f.end, kind: f.kind, name: w.name });
    }
  }
  return out;
}

/** PgBouncer's auth_file lines' passwords (findQuotedUserPasswords), as secrets of kind password. */
function quotedUserPasswords(text: string): { start: number; end: number; kind: string }[] {
  return findQuotedUserPasswords(text).map((p) => ({ ...p, kind: 'password' }));
}

const KEY_CONFIG = { sensitive: true, kind: 'secret' } as const;
const PRIVATE_KEY_CONFIG = { sensitive: true, kind: 'private-key' } as const;
/** A parameter expansion in a script's text, `$${…}` in a compose value: its default is `defaultedVariable`'s. */
const EXPANSION = /(\$?)(\$\{[A-Za-z_][^{}\n]{0,600}\})/g;

/** The literal defaults of secret-named variables in a script's text; `escapedOnly`: only `$${…}` (a compose value). */
function shellDefaults(text: string, escapedOnly: boolean): { name: string; kind: string; start: number; end: number }[] {
  if (!text.includes('${')) return [];
  const out: { name: string; kind: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(EXPANSION)) {
    if (escapedOnly && !m[1]) continue;
    // a shell's default follows `-` or `=` (`${TOKEN:0:4}` is four characters of the variable, not a default)
    if (!/^\$\{(?:(?:env|sys):)?[A-Za-z_][\w.]*:?[-=]/i.test(m[2])) continue;
    const d = defaultedVariable(m[2]);
    if (!d) continue;
    const verdict = classifyKey(d.name);
    if (!verdict.sensitive || judgeNamedValue(nameLooseness(d.name), d.value) !== 'literal' || isPasswordDigest(verdict.kind, d.value)) continue;
    const start = m.index! + m[0].length - 1 - d.value.length;
    out.push({ name: d.name, kind: describeKind(verdict.kind), start, end: start + d.value.length });
  }
  return out;
}
const CSV_FILE = /\.[ct]sv$/i;
/** A crontab line's schedule (five fields, or `@daily`), and a system crontab's user after it (`root`). */
const CRON_SCHEDULE = new RegExp(String.raw`^[ \t]*${CRON_SCHEDULE_SOURCE}(?:[ \t]+root)?(?=[ \t])`, 'gm');
/** make's files: `Makefile`, `makefile`, `GNUmakefile`, an included `*.mk`. */
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile|[\w.-]+\.mk)$/;

/** A Makefile's recipe lines (a tab first, then `@`/`-` prefixes), in place, the rest blanked out; `$$` is the shell's `$`. */
function makefileRecipes(text: string): string | undefined {
  return keptLines(text, (line) => {
    const recipe = /^\t[@+-]*/.exec(line);
    return recipe ? ' '.repeat(recipe[0].length) + line.slice(recipe[0].length).replace(/\$\$/g, ' $') : undefined;
  });
}

/**
 * The passwords written down as real ones (isWrittenDownPassword) in a file's command lines, given as its text with every
 * other line blanked (a Dockerfile's RUN lines, a Jenkinsfile's shell steps); none when it has none.
 */
function writtenDownInCommands(mounted: MountedFile, commands: string | undefined, context: Found['context']): Found[] {
  if (commands === undefined) return [];
  const read: Found[] = [];
  collectFromCommand({ ...mounted.node, value: commands } as TreeScalar, mounted.path, read, mounted.services[0], undefined, context);
  return read.filter((f) => f.verdict.class === 'hardcoded' && isWrittenDownPassword(f.verdict.value));
}

/** A Jenkins pipeline's file: `Jenkinsfile`, `Jenkinsfile.release`. */
const JENKINSFILE = /(?:^|\/)Jenkinsfile(?:\.[\w-]+)?$/i;
/** A pipeline's shell step and its string's opening quote: `sh '…'`, `sh(script: "…")`, `bat """`, `sh label: 'x', script: '''`. */
const SHELL_STEP = /^([ \t]*(?:sh|bat|powershell|pwsh)\b[ \t(]*(?:label:[ \t]*(?:'[^'\n]*'|"[^"\n]*")[ \t]*,[ \t]*)?(?:script:[ \t]*)?)('''|"""|'|")/;

/**
 * A Jenkinsfile's shell steps' command lines: a one-line `sh '…'` string's text, and the lines of a `sh '''…'''` block,
 * everything else blanked (the same length: offsets and lines stay); undefined when it has none.
 */
function jenkinsShellSteps(text: string): string | undefined {
  let block: string | undefined;
  const inner = (line: string, from: number, quote: string) => {
    const close = line.indexOf(quote, from);
    return close < 0 ? undefined : ' '.repeat(from) + line.slice(from, close) + ' '.repeat(line.length - close);
  };
  return keptLines(text, (line) => {
    if (block !== undefined) {
      const closed = inner(line, 0, block);
      if (closed !== undefined) block = undefined;
      return closed ?? line;
    }
    const step = SHELL_STEP.exec(line);
    if (!step) return undefined;
    const [from, quote] = [step[0].length, step[2]];
    const kept = inner(line, from, quote);
    if (kept === undefined && quote.length === 3) {
      block = quote;
      return ' '.repeat(from) + line.slice(from);
    }
    return kept;
  });
}

/**
 * `text` with the lines `keep` gives (each as long as the line it replaces) and every other line blanked, so that offsets
 * and lines stay; undefined when it keeps none.
 */
function keptLines(text: string, keep: (line: string) => string | undefined): string | undefined {
  let any = false;
  const lines = text.split('\n').map((line) => {
    const kept = keep(line);
    if (kept === undefined) return line.replace(/[^\r]/g, ' ');
    any = true;
    return kept;
  });
  return any ? lines.join('\n') : undefined;
}

/** A password written down as a real one is: generated, chosen, or of a password's shape and ten or more characters. */
function isWrittenDownPassword(value: string): boolean {
  return isGeneratedLiteral(value) || isChosenPassword(value) || (value.length >= 10 && isPasswordShaped(value));
}

/** A value written as a password or a token is: of a password's shape, generated, or letters with digits inside them. */
function isWrittenLikeSecret(value: string): boolean {
  return isShapedOrGenerated(value) || /^(?=[a-z0-9]{10,}$)[a-z0-9]*[a-z]\d+[a-z][a-z0-9]*$/i.test(value);
}

/**
 * A setting that holds a command line another program runs: fail2ban's `actionban`/`actionstart`, a systemd unit's
 * `ExecStart`/`ExecStartPre`, a `command`, `cmd`, `script` or a hook (`post_hook`, `prerotate`).
 */
const COMMAND_SETTING_LINE =
  /^([ \t]*(?:action[\w-]{0,20}|exec[\w-]{0,20}|[\w-]{0,30}(?:command|cmd)|script|program|run|(?:pre|post)[_-]?(?:hook|rotate|script|exec|command)s?)[ \t]*[=:][ \t]*)(\S[^\n]*)$/i;

/**
 * The command lines of a configuration's command settings (COMMAND_SETTING_LINE) whose value starts as one does
 * (COMMAND_LINE_START: a program's name and an option), everything else blanked (the same length: offsets and lines
 * stay); undefined when the text has none.
 */
function settingCommandLines(text: string): string | undefined {
  if (!/(?:action|exec|command|cmd|script|program|run|hook|rotate)[\w-]{0,20}[ \t]*[=:]/i.test(text)) return undefined;
  return keptLines(text, (line) => {
    const m = COMMAND_SETTING_LINE.exec(line);
    return m && COMMAND_LINE_START.test(m[2]) ? ' '.repeat(m[1].length) + m[2] : undefined;
  });
}

/** A crontab's text with each schedule blanked out (the same length: offsets and lines stay), leaving its commands. */
function withoutSchedules(text: string): string {
  return text.replace(CRON_SCHEDULE, (schedule) => ' '.repeat(schedule.length));
}
/** A shell program (`sh`, `/bin/bash`, `ash`) and the flag that makes it run its next argument (`-c`, `-ec`). */
const SHELL_PROGRAM = /(^|\/)(ba|z|da|a)?sh$/;
const SHELL_COMMAND_FLAG = /^-[a-z]{0,5}c$/;
const POWERSHELL = /(?:^|[\\/])(?:powershell|pwsh)(?:\.exe)?$/i;

/**
 * The secret of a config whose name says it holds one, when its content is that secret alone: one
 * token (`content: 43a6c7…`), or a key block — lines of base64 under an optional header line (a
 * borg key export, a Mongo keyfile wrapped at 76 columns). A name ending in `file` names the file
 * the content is (`mongo_keyfile`).
 */
function secretFileContent(name: string, text: string, secretFile: boolean): { start: number; end: number; kind: string } | undefined {
  const base = name.replace(/[_.-]?file$/i, '');
  // a config called `key` or `keyfile` (a replica set's keyfile), or a tool's hidden key file (Pgpool-II's `.pgpoolkey`),
  // holds a key; a secret's file, its secret
  // or one named as a private key file (RustDesk's `id_ed25519`: the key in base64, not PEM)
  // (Chainlink's `.api`: the operator's e-mail address, then the password)
  const named = /^keys?$|^\.[a-z]{2,16}key$/i.test(base)
    ? KEY_CONFIG
    : KEY_FILE.test(base)
      ? PRIVATE_KEY_CONFIG
      : base === '.api'
        ? classifyKey('password')
        : classifyKey(base);
  const verdict = named.sensitive ? named : secretFile ? KEY_CONFIG : named;
  if (!verdict.sensitive) return undefined;
  // comment lines before the secret (`# bearer tokens accepted by the API`) are no part of it
  const comments = /^(?:[ \t]*#[^\n]*\n|[ \t]*\n)*/.exec(text)![0].length;
  const start = comments + text.slice(comments).length - text.slice(comments).trimStart().length;
  const body = text.slice(comments).trim();
  // a PIN or a passcode (an APRS-IS passcode's five digits) is a number
  if (/(?:^|[_.-])(?:pin|passcode)$/i.test(base) && /^\d{4,10}$/.test(body)) return { start, end: start + body.length, kind: describeKind(verdict.kind) };
  const lines = body.split('\n').map((l) => l.trim());
  // a secret then the token made with it (Prysm's `auth-token`: its signing secret in hex, then the JWT): the secret
  if (lines.length === 2 && /^(?:[0-9a-f]{32,128}|[0-9A-F]{32,128})$/.test(lines[0]) && !/\s/.test(lines[1]))
    return { start, end: start + lines[0].length, kind: describeKind(verdict.kind) };
  // a credentials file of two lines, user then password (OpenVPN `auth-user-pass`, a `clinic_auth` config)
  if (lines.length === 2 && /^[A-Za-z0-9_.@-]{1,64}$/.test(lines[0]) && !/\s/.test(lines[1]) && judgeNamedValue(nameLooseness(base), lines[1]) === 'literal') {
    // the body is trimmed, so the password ends it
    return { start: start + body.length - lines[1].length, end: start + body.length, kind: describeKind(verdict.kind) };
  }
  if (lines.length === 1) {
    // `name:secret` lines are pairs (findUserPasswordPairs): the secret is a part of the line
    // (nor a properties line, `CurrentVersion=3` under its comment: a setting); a secret's own file named for a secret holds
    // it however short (reef-pi's stock `reef-pi`); another (Zabbix's `.POSTGRES_USER` secret: `zabbix`) only a value of a
    // secret's length
    if (
      /\s/.test(body) ||
      body.includes(':') ||
      body.length < (secretFile && named.sensitive ? 4 : 8) ||
      isPropertiesLine(body) ||
      judgeNamedValue(nameLooseness(base), body) !== 'literal'
    )
      return undefined;
    return { start, end: start + body.length, kind: describeKind(verdict.kind) };
  }
  const block = lines.slice(1);
  // lines of base64 (the last one may be short)
  if (block.length < 2 || !block.every((l, i) => /^[A-Za-z0-9+/=]+$/.test(l) && (l.length >= 40 || i === block.length - 1))) return undefined;
  const first = lines[0];
  if (!/^(?:[A-Za-z0-9_ -]{0,40}[ \t])?[A-Za-z0-9+/=]{16,}$/.test(first)) return undefined;
  return { start, end: start + first.length, kind: describeKind(verdict.kind) };
}

/**
 * A properties line (`CurrentVersion=3`, `log.level=info`): a setting's name, as words are written (lower, upper or camel
 * case, dotted), then `=` and a value; not a generator's string with a `=` among its signs (`hXWhz=sGrQNk2Yf3hvtc`).
 */
function isPropertiesLine(line: string): boolean {
  const m = /^([A-Za-z][A-Za-z_.-]{3,60})=[\w.-]*$/.exec(line);
  return m !== null && /^(?:[a-z]+(?:[_.-]?[a-z0-9]+)*|[A-Z][A-Z0-9]*(?:[_.-][A-Z0-9]+)*|[A-Z]?[a-z]+(?:[A-Z][a-z0-9]+)*)$/.test(m[1]);
}

/** Keys that are part of the Compose format itself, whose names say nothing about secrecy. */
function isComposeField(path: Path): boolean {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return true;
  if (last.startsWith('x-')) return false;
  // inside x- extensions, unknown (misspelt) fields and driver/logging options every key is user data
  if (isUserData(path)) return false;
  const parent = path[path.length - 2];
  return !(parent === 'options' || parent === 'driver_opts' || parent === 'labels' || parent === 'annotations');
}

/**
 * What a shell entrypoint makes of the service's command: `entrypoint: ["/bin/sh", "-c"]` (or
 * `bash -ec`) runs the command's first item as a script ('script'); `entrypoint: /bin/sh` alone
 * takes the command as its arguments, so `command: ["-c", "script"]` is a script too ('shell').
 */
type ShellEntrypoint = 'script' | 'shell';

function shellEntrypoint(service: ServiceModel): ShellEntrypoint | undefined {
  const entrypoint = get(service.node, 'entrypoint');
  let words: string[] = [];
  if (entrypoint?.kind === 'seq') words = entrypoint.items.map((i) => (i.kind === 'scalar' ? String(i.value ?? '') : ''));
  else if (entrypoint?.kind === 'scalar' && typeof entrypoint.value === 'string') words = entrypoint.value.trim().split(/\s+/);
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  if (SHELL_COMMAND_FLAG.test(last) && words.length >= 2 && SHELL_PROGRAM.test(words[words.length - 2])) return 'script';
  // PowerShell: `powershell -NoProfile -Command` runs the command's first item as a script
  if (/^-(?:c|command)$/i.test(last) && words.some((w) => POWERSHELL.test(w))) return 'script';
  return SHELL_PROGRAM.test(last) ? 'shell' : undefined;
}

/** The image's own program takes the command as its arguments (no entrypoint set): see entrypointProgramOf. */
interface ImageProgram {
  program: string;
}

function imageProgram(service: ServiceModel): ImageProgram | undefined {
  if (get(service.node, 'entrypoint')) return undefined;
  const image = get(service.node, 'image');
  if (image?.kind !== 'scalar' || typeof image.value !== 'string') return undefined;
  const program = entrypointProgramOf(image.value);
  return program ? { program } : undefined;
}

/** `how`: the command is run by a shell entrypoint (see ShellEntrypoint), or is the arguments of the image's program. */
function collectFromCommand(
  node: TreeNode,
  path: Path,
  out: Found[],
  service: string | undefined,
  how?: ShellEntrypoint | ImageProgram,
  context: ExposureContext = 'command',
): void {
  const script = typeof how === 'string' ? how : undefined;
  const program = typeof how === 'object' && path[2] === 'command' ? how.program : undefined;
  const push = (verdict: EntryVerdict, name?: string) => out.push({ verdict, context, service, path, name });
  const report = (scalar: TreeScalar, text: string, m: { start: number; end: number; via: string; description: string; viaVariable: boolean }) => {
    const origin = originWithin(scalar, m.start, m.end);
    if (m.viaVariable) {
      // `$$VAR` is the container's own variable, flagged where it is set; `${VAR}` is interpolated by
      // Compose: passed through the environment, or a literal from .env written into the command line
      if (scalar.interpolation) for (const v of judgeVariables(text.slice(m.start, m.end), scalar.interpolation, origin, m.description)) push(v, m.via);
      return;
    }
    push(hardcoded(origin, m.description, text.slice(m.start, m.end)), m.via);
  };
  // a script's own settings (logstash -e '… password => "x"', a heredoc config) besides its options
  const scriptSettings = (scalar: TreeScalar, text: string, found: { absStart: number; absEnd: number; viaVariable: boolean }[]) => {
    const taken = found.map((m): [number, number] => [m.absStart, m.absEnd]);
    const free = (s: number, e: number) => !taken.some(([a, b]) => a < e && s < b);
    // what is reported as written, not as a variable: a variable's default may lie inside a variable's span
    const written = found.filter((m) => !m.viaVariable).map((m): [number, number] => [m.absStart, m.absEnd]);
    for (const a of findEmbeddedAssignments(text)) {
      if (!free(a.start, a.end)) continue;
      report(scalar, text, { start: a.start, end: a.end, via: a.name, description: a.kind, viaVariable: a.viaVariable });
      taken.push([a.start, a.end]);
      if (!a.viaVariable) written.push([a.start, a.end]);
    }
    // formats in the script as written, where quoting splits them across words: a heredoc's
    // `CREATE ROLE … PASSWORD '…'`, a .pgpass line written by `echo`
    for (const m of scanValue(text)) {
      if (!free(m.start, m.end)) continue;
      report(scalar, text, { start: m.start, end: m.end, via: m.patternId, description: m.description, viaVariable: false });
      written.push([m.start, m.end]);
    }
    // a file the script writes whole (a heredoc into `passwords.properties`, a line echoed into `userlist.txt`), by its name
    for (const f of writtenFileSecrets(text)) {
      if (!free(f.start, f.end)) continue;
      report(scalar, text, { start: f.start, end: f.end, via: f.name, description: f.kind, viaVariable: false });
      taken.push([f.start, f.end]);
      written.push([f.start, f.end]);
    }
    // a password passed to a call of code the script runs (`manage.py shell -c "…create_superuser('admin', '…', '…')"`)
    if (text.includes('(')) {
      for (const c of findCallCredentials(text)) {
        if (!free(c.start, c.end)) continue;
        report(scalar, text, { start: c.start, end: c.end, via: c.call, description: c.kind, viaVariable: false });
        taken.push([c.start, c.end]);
        written.push([c.start, c.end]);
      }
    }
    // a secret-named variable's default the script writes (`DB_PASSWORD=${DB_PASSWORD:-…}`,
    // `: "${API_TOKEN:=…}"`): what the program runs with unless the environment says otherwise.
    // In a compose value only the container's own `$${X:-…}`: a `${X:-…}` there is Compose's.
    for (const d of shellDefaults(text, scalar.interpolation !== undefined)) {
      if (written.some(([a, b]) => a < d.end && d.start < b)) continue;
      push(hardcoded(originWithin(scalar, d.start, d.end), d.kind, text.slice(d.start, d.end)), d.name);
      written.push([d.start, d.end]);
    }
  };
  if (node.kind === 'scalar') {
    const text = writtenText(node);
    // `entrypoint: /bin/sh` with `command: -c "script"`: the shell's arguments, read as the shell's command line
    const shell = script === 'shell' && path[2] === 'command' && SHELL_COMMAND_FLAG.test(text.trimStart().split(/\s/, 1)[0]) ? 'sh ' : '';
    const found = findShellCredentials(shell + text, program).map((m) => ({ ...m, absStart: m.absStart - shell.length, absEnd: m.absEnd - shell.length }));
    for (const m of found) report(node, text, { ...m, start: m.absStart, end: m.absEnd });
    scriptSettings(node, text, found);
    return;
  }
  if (node.kind !== 'seq') return;
  const items = node.items.filter((i): i is TreeScalar => i.kind === 'scalar');
  const texts = items.map(writtenText);
  // healthcheck ["CMD-SHELL", "script"] and ["sh", "-c", "script"] carry a shell script in one item
  const shellAt = texts[0] === 'CMD-SHELL' ? 1 : -1;
  const tokens: number[] = [];
  texts.forEach((t, i) => {
    const isScript =
      i === shellAt ||
      (script === 'script' && i === 0 && path[2] === 'command') ||
      (script === 'shell' && i === 1 && path[2] === 'command' && SHELL_COMMAND_FLAG.test(texts[0])) ||
      (i >= 2 && texts[i - 1] === '-c' && SHELL_PROGRAM.test(texts[i - 2])) ||
      // `["CMD", "powershell", "-NoProfile", "-Command", "script"]`
      (i >= 2 && /^-(?:c|command)$/i.test(texts[i - 1]) && texts.slice(0, i - 1).some((w) => POWERSHELL.test(w)));
    if (isScript) {
      const found = findShellCredentials(t);
      for (const m of found) report(items[i], t, { ...m, start: m.absStart, end: m.absEnd });
      scriptSettings(items[i], t, found);
    } else if (!(i === 0 && (t === 'CMD' || t === 'NONE'))) {
      tokens.push(i);
    }
  });
  const args = tokens.map((i) => texts[i]);
  for (const m of findCommandCredentials(args, program)) {
    const i = tokens[m.arg];
    report(items[i], texts[i], m);
  }
}

function hardcoded(origin: Origin, kind: string, value: string): HardcodedVerdict {
  return { class: 'hardcoded', origin, kind, placeholder: isPlaceholder(value), source: 'literal', value };
}
