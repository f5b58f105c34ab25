import { describe, expect, it } from 'vitest';
import { commentLines } from '../../src/preprocess/comments.js';

/** Each comment line's body with its line and column. */
function comments(file: string, text: string): string[] {
  return commentLines(file, text).map((c) => `${c.origin.line}:${c.origin.column} ${c.value}`);
}

describe('whole-line comments by the file’s language', () => {
  it('reads # lines in every file', () => {
    expect(comments('compose.yaml', 'services:\n  # old: x\n  app: {}\n')).toEqual(['2:5 old: x']);
  });

  it('reads // in code, -- in SQL and ; in INI files, ledgers and zone files, and not in other files', () => {
    expect(comments('config.php', "<?php\n// old password: x\n$a = 'http://host';\n")).toEqual(['2:4 old password: x']);
    expect(comments('seed.sql', '-- pw: x\n--- a rule\nSELECT 1; -- trailing\n')).toEqual(['1:4 pw: x']);
    expect(comments('odoo.conf', '[options]\n; old: x\n')).toEqual(['2:3 old: x']);
    expect(comments('db.example.lan', '; router admin / x\n@ IN SOA ns\n')).toEqual(['1:3 router admin / x']);
    expect(comments('notes.txt', '// not a comment\n-- nor this\n; nor this\n')).toEqual([]);
    expect(comments('run.sh', '  --password=x \\\n')).toEqual([]);
  });

  it('reads a one-line <!-- --> in XML without its end, and not in other files', () => {
    expect(comments('setup.xml', '<a>\n  <!-- old key: x (rotated) -->\n<!--\n</a>\n')).toEqual(['2:8 old key: x (rotated)']);
    expect(comments('notes.md', '<!-- old key: x -->\n')).toEqual([]);
  });
});
