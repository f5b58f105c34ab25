/**
 * Whether a YAML file of another name is a compose file: app templates (`templates/compose/*.yaml`),
 * `pwd.yml`, `scenarios/*.yml`. A cheap look at the text first (a `services:` key at the top
 * level, and none of the keys of a Kubernetes manifest, a GitHub workflow or an Ansible play),
 * then a parse: the top level is a mapping whose `services` maps names to services, at least one
 * with a key only a compose service has. Lint, which parses every file it takes anyway, lets plain
 * lines settle it without the parse (composeShape).
 */
import { parseDocument } from 'yaml';
import { readUserFile } from './read.js';

/** Larger files are not looked into: compose files are small, generated YAML is not. */
const MAX_BYTES = 1024 * 1024;
const SERVICES_KEY = /^services:[ \t]*(?:#.*)?$/m;
const OTHER_KINDS = /^(?:apiVersion|kind|jobs|on|hosts|tasks|roles|steps|stages):/m;
const SERVICE_KEYS = [
  'image',
  'build',
  'environment',
  'command',
  'ports',
  'volumes',
  'depends_on',
  'env_file',
  'extends',
  'container_name',
  'healthcheck',
  'deploy',
  'secrets',
];

/**
 * Whether the file is a compose file; with `trustShape`, 'shape' when its lines alone said so
 * (composeShape) and it was not parsed.
 */
export async function isComposeText(path: string, trustShape = false): Promise<boolean | 'shape'> {
  let text: string;
  try {
    text = await readUserFile(path, { maxBytes: MAX_BYTES });
  } catch {
    return false;
  }
  if (!trustShape) return looksLikeCompose(text);
  const shape = composeShape(text);
  if (shape !== undefined) return shape && 'shape';
  return parsedShape(text);
}

export function looksLikeCompose(text: string): boolean {
  if (!SERVICES_KEY.test(text) || OTHER_KINDS.test(text)) return false;
  return parsedShape(text);
}

/**
 * The same verdict from the lines alone, when they are plain enough to be sure of it: block
 * mappings all the way to each service's keys, no anchors, merges, flow collections, tabs or
 * document markers (undefined otherwise, and the text is parsed). It does not see a YAML error
 * elsewhere in the file: a caller that trusts it must drop a file whose parse fails.
 */
export function composeShape(text: string): boolean | undefined {
  if (!SERVICES_KEY.test(text) || OTHER_KINDS.test(text)) return false;
  if (DOCUMENT_MARKER.test(text) || ANCHOR.test(text)) return undefined;
  const lines = text.split('\n');
  let at = lines.findIndex((l) => SERVICES_KEY.test(l));
  // a second top-level services key is an error the parse reports
  if (lines.some((l, i) => i > at && SERVICES_KEY.test(l))) return undefined;
  let serviceIndent = -1;
  let keyIndent = -1;
  let services = 0;
  let withServiceKey = false;
  for (at++; at < lines.length; at++) {
    const line = lines[at];
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    if (rest === '' || rest === '\r' || rest.startsWith('#')) continue;
    if (line.startsWith('\t') || line[indent] === '\t') return undefined;
    if (indent === 0) break;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent < serviceIndent) return undefined;
    if (indent === serviceIndent) {
      if (!SERVICE_HEADER.test(rest)) return undefined;
      services++;
      keyIndent = -1;
      continue;
    }
    if (keyIndent < 0) keyIndent = indent;
    if (indent < keyIndent) return undefined;
    if (indent === keyIndent) {
      const key = BLOCK_KEY.exec(rest)?.[1];
      if (key === undefined || key === '<<') return undefined;
      if (SERVICE_KEYS.includes(key)) withServiceKey = true;
    }
  }
  return services > 0 && withServiceKey ? true : undefined;
}

/** A document start or end, or a directive: several documents, or a header the parse must read. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;
/** An anchor (and so perhaps aliases, and an alias bomb toJS would refuse): parsed. */
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/;
/** A service's name and nothing else on its line (its keys below it), or an empty service. */
const SERVICE_HEADER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*:[ \t]*(?:#.*)?\r?$/;
/** A plain key of a block mapping, and what follows it. */
const BLOCK_KEY = /^([A-Za-z0-9_<][A-Za-z0-9_.<-]*):(?:[ \t]|\r?$)/;

function parsedShape(text: string): boolean {
  let root: unknown;
  try {
    const doc = parseDocument(text);
    if (doc.errors.length) return false;
    root = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return false;
  }
  if (!isMapping(root) || !isMapping(root.services)) return false;
  const services = Object.values(root.services);
  return services.length > 0 && services.every((s) => s === null || isMapping(s)) && services.some((s) => isMapping(s) && SERVICE_KEYS.some((k) => k in s));
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
