/**
 * The table of images whose entrypoint reads `<VAR>_FILE` (the official images, from
 * docker-library/docs): where a variable can become `<VAR>_FILE: /run/secrets/<name>` safely.
 * fix extends it with `--file-suffix-images FILE`.
 */
import builtin from '../../data/file-suffix-images.json' with { type: 'json' };
import { dictionary, emptyDictionary } from '../dictionary.js';

/** One image of the table: the variables its entrypoint reads from `<VAR>_FILE`. */
export interface FileSuffixImage {
  image: string;
  variables: string[];
  note?: string;
}

export interface FileSuffixTable {
  images: FileSuffixImage[];
  /** Images where a `*_FILE` variable means something else (a path, a flag): never safe. */
  notFileSuffix: Record<string, string>;
}

/** Whether the image of a service reads `<VAR>_FILE` for a variable, and why. */
export interface SafetyVerdict {
  safe: boolean;
  /** Why, saying "the image" without naming it: findings are printed where any text of the files could be a secret's. */
  reason: string;
  /** The same, naming the image (fix's report). */
  detail: string;
}

/**
 * Image families whose `_FILE` support depends on the version: rabbitmq dropped
 * RABBITMQ_DEFAULT_*_FILE in 3.9. A tag below the version is safe; any other tag is not.
 */
const SUPPORTED_BELOW: Readonly<Record<string, [number, number]>> = dictionary({ rabbitmq: [3, 9] });

let shared: FileSuffixTable | undefined;

/** The built-in table, one instance for every run that does not extend it. */
export function defaultTable(): FileSuffixTable {
  shared ??= builtinTable();
  return shared;
}

/** The table shipped in data/file-suffix-images.json (docker-library/docs, MIT), as a copy to extend. */
export function builtinTable(): FileSuffixTable {
  const t = builtin as unknown as { images: FileSuffixImage[]; notFileSuffix: Record<string, string> };
  // keyed by image names from the user's files (`image: constructor`): no prototype to answer them
  return {
    images: t.images.map((i) => ({ image: i.image, variables: [...i.variables], note: i.note })),
    notFileSuffix: Object.assign(emptyDictionary<string>(), t.notFileSuffix),
  };
}

/**
 * The repository part of an image reference, without registry, `library/`, tag and digest:
 * `docker.io/library/postgres:16-alpine@sha256:…` → `postgres`, `ghcr.io/org/app:1` → `org/app`.
 */
export function normalizeImage(ref: string): string {
  let s = ref.trim().toLowerCase();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const parts = s.split('/');
  // a first component with a dot or a port, or `localhost`, is a registry
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  let last = parts[parts.length - 1];
  const colon = last.indexOf(':');
  if (colon >= 0) last = last.slice(0, colon);
  parts[parts.length - 1] = last;
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** The tag of an image reference, if any (`postgres:16` → `16`). */
export function imageTag(ref: string): string | undefined {
  const noDigest = ref.split('@')[0];
  const last = noDigest.split('/').pop() ?? '';
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : undefined;
}

/** Is it safe to replace `variable` with `variable_FILE` for a service running `image` (built locally: `built`)? */
export function judgeImage(table: FileSuffixTable, image: string | undefined, variable: string, built: boolean): SafetyVerdict {
  if (built) return verdict(false, `the image is built from a Dockerfile, so nothing is known about whether it reads ${variable}_FILE`);
  if (!image) return verdict(false, 'the service has no image');
  const name = normalizeImage(image);
  if (table.notFileSuffix[name] !== undefined) {
    return verdict(false, `the image gives *_FILE variables another meaning (${table.notFileSuffix[name]})`, name);
  }
  const entry = table.images.find((i) => i.image === name);
  if (!entry) return verdict(false, `the image is not known to read ${variable}_FILE`, name);
  if (!entry.variables.includes(variable)) return verdict(false, `the image reads *_FILE only for ${entry.variables.join(', ')}`, name);
  const below = SUPPORTED_BELOW[name];
  if (below) {
    const m = /^(\d+)\.(\d+)/.exec(imageTag(image) ?? '');
    const ok = m && (Number(m[1]) < below[0] || (Number(m[1]) === below[0] && Number(m[2]) < below[1]));
    if (!ok) return verdict(false, `the image dropped ${variable}_FILE in ${below.join('.')}; the tag does not show an older version`, name);
  }
  return verdict(true, `the image reads ${variable}_FILE`, name);
}

/** A verdict whose reason says "the image", and whose detail names it ("image postgres"). */
function verdict(safe: boolean, reason: string, image?: string): SafetyVerdict {
  return { safe, reason, detail: image === undefined ? reason : reason.replace(/^the image/, `image ${image}`) };
}
