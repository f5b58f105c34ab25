/**
 * Whether a YAML file of another name is a compose file: app templates (`templates/compose/*.yaml`),
 * `pwd.yml`, `scenarios/*.yml`. A cheap look at the text first (a `services:` key at the top
 * level, and none of the keys of a Kubernetes manifest, a GitHub workflow or an Ansible play),
 * then a parse: the top level is a mapping whose `services` maps names to services, at least one
 * with a key only a compose service has.
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

export async function isComposeText(path: string): Promise<boolean> {
  let text: string;
  try {
    text = await readUserFile(path, { maxBytes: MAX_BYTES });
  } catch {
    return false;
  }
  return looksLikeCompose(text);
}

export function looksLikeCompose(text: string): boolean {
  if (!SERVICES_KEY.test(text) || OTHER_KINDS.test(text)) return false;
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
