/** The next version of a versioned name: `app_db_password_v3` → `_v4`, `tls-key-2` → `-3`; unversioned → `_v2`. */
import { VERSION_SUFFIX } from '../../rules/secret-unversioned-external.js';

export function nextVersion(name: string): string {
  const m = VERSION_SUFFIX.exec(name);
  if (!m) return `${name}_v2`;
  const digits = m[1];
  const next = String(Number(digits) + 1).padStart(digits.length, '0');
  return name.slice(0, name.length - digits.length) + next;
}

/** The next version of a file name, on its stem: `db.txt` → `db_v2.txt`, `db_v2.txt` → `db_v3.txt`, `.env.db` → `.env.db_v2`. */
export function nextFileVersion(path: string): string {
  const slash = path.lastIndexOf('/') + 1;
  const base = path.slice(slash);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  return path.slice(0, slash) + nextVersion(stem) + ext;
}
