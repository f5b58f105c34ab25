import { builtinTable, normalizeImage, type FileSuffixTable } from '../detect/file-suffix-images.js';
import { LoadError } from '../load/parse.js';
import { readUserFileSync } from '../load/read.js';

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
