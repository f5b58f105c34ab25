/** What fix is asked (FixOptions) and what it answers (FixResult). */
import type { Settings } from '../settings.js';
import type { FollowUp, Rewrite, SecretDef, Skipped, Target } from './plan.js';
import type { FileOps } from './transaction.js';

export interface FixOptions {
  /** Files or directories, grouped into projects as lint does. */
  paths?: string[];
  /** Compose files of one project (`-f`). */
  files?: string[];
  envFiles?: string[];
  projectDirectory?: string;
  /** 'swarm' (default): external secrets and a provisioning script; 'compose': `file:` / `environment:` sources. */
  target?: Target;
  /** Where secret files go (default: `secrets/` in each project's directory). */
  secretsDir?: string;
  dryRun?: boolean;
  /** Also apply fixes that need the application (or the Dockerfile) to change. */
  unsafeFixes?: boolean;
  /** Only findings of these rules. */
  rules?: string[];
  /** Rules turned off and names allowed by .compose-secrets.json are neither fixed nor reported. */
  settings?: Settings;
  /** Write the provisioning script here (default: returned for printing). */
  provisionScript?: string;
  /** Replace an existing --provision-script file that fix did not write, or an existing --patch file. */
  force?: boolean;
  /** With dryRun: write the diff with the secret values unmasked (a patch `git apply` takes) to this file, mode 0600. */
  patch?: string;
  /** A JSON file extending the table of images that read `<VAR>_FILE`. */
  fileSuffixImages?: string;
  cwd?: string;
}

/** FixOptions with the hooks tests use; not part of the public API. */
export interface FixRunOptions extends FixOptions {
  /** File operations of the final write (tests inject failures). */
  ops?: FileOps;
  /** Called after planning, right before anything is written (tests simulate a concurrent edit, or kill the process). */
  beforeWrite?: () => void;
}

/** A secret the run created, or an existing one it reused. */
export interface FixSecret {
  name: string;
  kind: SecretDef['kind'];
  externalName?: string;
  /** The secret file, as displayed. */
  file?: string;
  /** The variable of an `environment:` source or of a provisioning step. */
  variable?: string;
  reused: boolean;
  users: SecretDef['users'];
}

export interface FixResult {
  target: Target;
  dryRun: boolean;
  /** The compose files of each project fixed. */
  projects: string[][];
  secrets: FixSecret[];
  rewrites: Rewrite[];
  skipped: Skipped[];
  followUps: FollowUp[];
  /** Files changed (or that would change), as displayed; `created` for new ones. */
  files: { file: string; created: boolean }[];
  /** Secret files written (or that would be); `present` when one already held the value. */
  secretFiles: { file: string; present: boolean }[];
  /** Unified diff of every changed file, secret values masked. */
  diff: string;
  /** The --patch file written (unmasked diff, mode 0600), as displayed. */
  patch?: string;
  /** The Swarm provisioning script (target swarm, when secrets were created); `file` when written. */
  provision?: { text: string; file?: string };
  /** Lines to add to Dockerfiles for build secrets. */
  dockerfile: { service: string; dockerfile: string; secret: string; key: string }[];
  /** Projects that could not be loaded (left alone). */
  errors: { file: string; line?: number; column?: number; message: string }[];
  /** Problems that did not stop fix: directories that could not be searched. */
  warnings: { file: string; message: string }[];
  /** Whether files were written (false for --dry-run or when nothing changed). */
  written: boolean;
}
