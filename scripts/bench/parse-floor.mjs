// The parse floor: reads each file and parses it with the same `yaml` package and options that
// src/load/parse.ts uses, and nothing else. Paths come as arguments, or as `@listfile` (one a line).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const files = args.length === 1 && args[0].startsWith('@') ? readFileSync(args[0].slice(1), 'utf8').split('\n').filter(Boolean) : args;
let documents = 0;
let failed = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    failed++;
    continue;
  }
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: false, stringKeys: false });
  if (!Array.isArray(docs)) continue;
  documents += docs.length;
  if (docs.some((doc) => doc.errors.length)) failed++;
}
process.stdout.write(`${files.length} files, ${documents} documents, ${failed} unreadable or invalid\n`);
