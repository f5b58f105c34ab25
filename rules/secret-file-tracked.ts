import { resolve } from 'node:path';
import { collectExposures } from '../src/detect/exposures.js';
import { ruleDocsUrl, type Rule, type RuleContext } from '../src/engine/rule.js';
import type { Origin } from '../src/model/origin.js';
import { absoluteFile, declaredSecrets } from './secret-mounts.js';

/** A file holding secrets, and where to report it. */
interface Candidate {
  path: string;
  /** As written (a `file:`) or as displayed (an env file). */
  file: string;
  origin: Origin;
  messageSuffix: 'Secret' | 'Env';
  data: { name?: string; variables?: string };
  modelPath: (string | number)[];
}

/** A secret's `file:`, an env_file or .env holding secrets, that git tracks or does not ignore. */
export const secretFileTracked: Rule = {
  meta: {
    id: 'secret-file-tracked',
    severity: 'error',
    description: 'A secret file, env_file or .env holding secrets is tracked, or not ignored, by git',
    tags: ['secrets-at-rest'],
    fixable: 'no',
    docs: {
      what: "Finds a top-level secret's `file:`, and an `env_file` or the project `.env` that holds secrets, which git tracks (`git ls-files`) or does not ignore (`git check-ignore`). Only files that exist are checked; outside a git repository there is nothing to check, and without git the rule says so once and checks nothing.",
      why: 'Moving a password into a secret file protects nothing when the file is committed: it is plaintext at rest in the repository and in every clone, fork and backup of it, forever in its history. A file that is merely not ignored is one `git add .` away from that.',
      example:
        '# .gitignore does not list secrets/\nservices:\n  db:\n    image: postgres:16\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password',
      instead:
        '# .gitignore lists secrets/ (and the file was never committed)\nservices:\n  db:\n    image: postgres:16\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password',
      cwe: ['CWE-538', 'CWE-312'],
      url: ruleDocsUrl('secret-file-tracked'),
    },
    messages: {
      trackedSecret: 'the file of secret "{{name}}" ({{file}}) is tracked by git (git ls-files): the secret is in plaintext in version control',
      notIgnoredSecret: 'the file of secret "{{name}}" ({{file}}) is not ignored by git (git check-ignore): add it to .gitignore before it is committed',
      trackedEnv: '{{file}} holds secrets ({{variables}}) and is tracked by git (git ls-files): they are in plaintext in version control',
      notIgnoredEnv: '{{file}} holds secrets ({{variables}}) and is not ignored by git (git check-ignore): add it to .gitignore before it is committed',
      noGit: 'git is not available: whether secret files are tracked in version control was not checked',
    },
  },
  check(context) {
    const candidates = secretFiles(context);
    if (!candidates.length) return;
    const statuses = context.git.statuses(candidates.map((c) => c.path));
    for (const c of candidates) {
      const status = statuses.get(c.path);
      if (status === 'no-git') {
        if (context.git.firstTime('secret-file-tracked: no git')) {
          context.report({ messageId: 'noGit', origin: c.origin, path: c.modelPath, severity: 'info' });
        }
        return;
      }
      if (status !== 'tracked' && status !== 'not-ignored') continue;
      context.report({
        messageId: `${status === 'tracked' ? 'tracked' : 'notIgnored'}${c.messageSuffix}`,
        data: { ...c.data, file: c.file },
        origin: c.origin,
        path: c.modelPath,
      });
    }
  },
};

/** The files of the project that hold secrets and exist: `file:` sources, then env files with secrets written in them. */
function secretFiles(context: RuleContext): Candidate[] {
  const { model, projectDirectory, host } = context;
  const out: Candidate[] = [];
  for (const s of declaredSecrets(model).values()) {
    if (!s.file) continue;
    const path = resolve(projectDirectory, String(s.file.value));
    if (host.stat(path)?.kind !== 'file') continue;
    out.push({
      path,
      file: String(s.file.value),
      origin: s.file.origin,
      messageSuffix: 'Secret',
      data: { name: s.name },
      modelPath: ['secrets', s.name, 'file'],
    });
  }
  // env_file and .env values the detectors judged hardcoded secrets, by file
  const byFile = new Map<string, { display: string; origin: Origin; names: string[]; path: (string | number)[] }>();
  for (const e of collectExposures(model)) {
    const v = e.verdict;
    if (v.class !== 'hardcoded' || (e.context !== 'env-file' && v.source !== 'dotenv')) continue;
    const path = absoluteFile(model, projectDirectory, v.origin.file);
    const name = v.variable ?? e.name ?? '';
    const seen = byFile.get(path);
    if (!seen) byFile.set(path, { display: v.origin.file, origin: v.origin, names: [name], path: e.path });
    else {
      if (!seen.names.includes(name)) seen.names.push(name);
      // reported at the file's first secret
      if (v.origin.range[0] < seen.origin.range[0]) Object.assign(seen, { origin: v.origin, path: e.path });
    }
  }
  for (const [path, f] of byFile) {
    if (host.stat(path)?.kind !== 'file') continue;
    out.push({ path, file: f.display, origin: f.origin, messageSuffix: 'Env', data: { variables: f.names.join(', ') }, modelPath: f.path });
  }
  return out;
}
