import builtin from '../../data/file-suffix-images.json' with { type: 'json' };
import { LoadError } from '../load/parse.js';
import { readUserFileSync } from '../load/read.js';

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

/** Whether the image of a service reads `<VAR>_FILE` for a variable, and why (for the report). */
export interface SafetyVerdict {
  safe: boolean;
  reason: string;
}

/**
 * Image families whose `_FILE` support depends on the version: rabbitmq dropped
 * RABBITMQ_DEFAULT_*_FILE in 3.9. A tag below the version is safe; any other tag is not.
 */
const SUPPORTED_BELOW: Record<string, [number, number]> = { rabbitmq: [3, 9] };

/** The table shipped in data/file-suffix-images.json (docker-library/docs, MIT). */
export function builtinTable(): FileSuffixTable {
  const t = builtin as unknown as { images: FileSuffixImage[]; notFileSuffix: Record<string, string> };
  return { images: t.images.map((i) => ({ image: i.image, variables: [...i.variables], note: i.note })), notFileSuffix: { ...t.notFileSuffix } };
}

/** The built-in table extended with a user's file of the same shape (`--file-suffix-images`). Throws Error with a readable reason. */
export function loadImageTable(extraFile?: string): FileSuffixTable {
  const table = builtinTable();
  if (!extraFile) return table;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readUserFileSync(extraFile).replace(/^\uFEFF/, ''));
  } catch (err) {
    // our reader's reason, or our own for JSON (JSON.parse's message quotes the text)
    throw new Error(`cannot read ${extraFile}: ${err instanceof LoadError ? err.message : 'not valid JSON'}`);
  }
  const images = (parsed as { images?: unknown })?.images;
  if (!Array.isArray(images)) throw new Error(`${extraFile}: expected {"images": [{"image": "name", "variables": ["VAR", …]}]}`);
  for (const [i, raw] of images.entries()) {
    const item = raw as { image?: unknown; variables?: unknown };
    if (typeof item?.image !== 'string' || !Array.isArray(item.variables) || !item.variables.every((v) => typeof v === 'string')) {
      throw new Error(`${extraFile}: images[${i}] needs "image" (a string) and "variables" (a list of strings)`);
    }
    const name = normalizeImage(item.image);
    const existing = table.images.find((e) => e.image === name);
    if (existing) existing.variables.push(...(item.variables as string[]).filter((v) => !existing.variables.includes(v)));
    else table.images.push({ image: name, variables: [...(item.variables as string[])], note: `from ${extraFile}` });
  }
  const extraNot = (parsed as { notFileSuffix?: unknown }).notFileSuffix;
  if (extraNot && typeof extraNot === 'object') {
    for (const [k, v] of Object.entries(extraNot)) table.notFileSuffix[normalizeImage(k)] = String(v);
  }
  return table;
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
  if (built) return { safe: false, reason: `the image is built from a Dockerfile, so nothing is known about whether it reads ${variable}_FILE` };
  if (!image) return { safe: false, reason: 'the service has no image' };
  const name = normalizeImage(image);
  if (table.notFileSuffix[name] !== undefined) {
    return { safe: false, reason: `image ${name} gives *_FILE variables another meaning (${table.notFileSuffix[name]})` };
  }
  const entry = table.images.find((i) => i.image === name);
  if (!entry) return { safe: false, reason: `image ${name} is not known to read ${variable}_FILE` };
  if (!entry.variables.includes(variable)) return { safe: false, reason: `image ${name} reads *_FILE only for ${entry.variables.join(', ')}` };
  const below = SUPPORTED_BELOW[name];
  if (below) {
    const m = /^(\d+)\.(\d+)/.exec(imageTag(image) ?? '');
    const ok = m && (Number(m[1]) < below[0] || (Number(m[1]) === below[0] && Number(m[2]) < below[1]));
    if (!ok) return { safe: false, reason: `image ${name} dropped ${variable}_FILE in ${below.join('.')}; the tag does not show an older version` };
  }
  return { safe: true, reason: `image ${name} reads ${variable}_FILE` };
}
