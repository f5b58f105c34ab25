/**
 * A private copy of every file fix reads, kept under a temporary directory with the same absolute
 * layout. Fix edits the copy, reloads projects from it to check the result (the loader reads
 * files from disk), and only at the end writes the real files, all at once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadProject, type Project } from '../preprocess/project.js';
import { lineMaps } from './diff.js';
import { nodeFileOps, type FileOps } from './transaction.js';

interface Copy {
  abs: string;
  /** The text as read (with a BOM if it had one); undefined when the file did not exist. */
  original: string | undefined;
  /** The current text, BOM removed. */
  current: string | undefined;
  bom: boolean;
}

export interface LoadOptions {
  files: string[];
  envFiles?: string[];
  projectDirectory?: string;
}

export class Workspace {
  readonly root: string;
  private readonly copies = new Map<string, Copy>();
  /** Per file, the line correspondences of each write, in order. */
  private readonly versions = new Map<string, { forward: number[]; backward: number[] }[]>();

  constructor(
    readonly cwd: string,
    private readonly ops: FileOps = nodeFileOps,
  ) {
    this.root = mkdtempSync(join(tmpdir(), 'compose-secrets-fix-'));
  }

  /** The copy's path of a real absolute path. */
  mirror(abs: string): string {
    return join(this.root, abs);
  }

  /** The real path of a path in the copy. */
  real(mirrored: string): string {
    const rel = relative(this.root, mirrored);
    return rel.startsWith('..') || isAbsolute(rel) ? mirrored : resolve('/', rel);
  }

  /** How a real path is shown: relative to the working directory. */
  display(abs: string): string {
    const rel = relative(this.cwd, abs);
    return rel && !isAbsolute(rel) ? rel : abs;
  }

  /** Copies a real file into the workspace (once). */
  ensure(abs: string): void {
    if (this.copies.has(abs)) return;
    const original = this.ops.read(abs);
    const bom = original?.startsWith('\uFEFF') ?? false;
    this.copies.set(abs, { abs, original, current: original === undefined ? undefined : bom ? original.slice(1) : original, bom });
    if (original !== undefined) {
      mkdirSync(dirname(this.mirror(abs)), { recursive: true });
      writeFileSync(this.mirror(abs), original);
    }
  }

  has(abs: string): boolean {
    return this.copies.has(abs);
  }

  /** The current text of a file (BOM removed); copies it in first. */
  text(abs: string): string | undefined {
    this.ensure(abs);
    return this.copies.get(abs)!.current;
  }

  write(abs: string, text: string): void {
    this.ensure(abs);
    const c = this.copies.get(abs)!;
    const list = this.versions.get(abs) ?? [];
    list.push(lineMaps(c.current ?? '', text));
    this.versions.set(abs, list);
    c.current = text;
    mkdirSync(dirname(this.mirror(abs)), { recursive: true });
    writeFileSync(this.mirror(abs), c.bom ? `\uFEFF${text}` : text);
  }

  /** How many times a file was written: positions taken from a model are in that version of it. */
  version(abs: string): number {
    return this.versions.get(abs)?.length ?? 0;
  }

  /** A line of version `v` of a file, as a line of the file as read (`final` false) or as it will be written (`final`). */
  mapLine(abs: string, line: number, v: number, final: boolean): number {
    const list = this.versions.get(abs) ?? [];
    if (final) for (let i = v; i < list.length; i++) line = list[i].forward[Math.min(line, list[i].forward.length - 1)] ?? line;
    else for (let i = v - 1; i >= 0; i--) line = list[i].backward[Math.min(line, list[i].backward.length - 1)] ?? line;
    return line;
  }

  /** Files whose text differs from what was read: [absolute path, before (null: new), after]. */
  changed(): { abs: string; before: string | null; after: string }[] {
    const out: { abs: string; before: string | null; after: string }[] = [];
    for (const c of this.copies.values()) {
      if (c.current === undefined) continue;
      const after = c.bom ? `\uFEFF${c.current}` : c.current;
      if (after !== c.original) out.push({ abs: c.abs, before: c.original ?? null, after });
    }
    return out.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  }

  /**
   * Loads a project from the copy. The real files are loaded first to learn every file the
   * project reads (includes, extends, .env, env_file), which are then copied in.
   */
  load(options: LoadOptions): Project {
    const real = (f: string) => resolve(this.cwd, f);
    const mirrored = (f: string) => this.mirror(real(f));
    const first = loadProject({
      files: options.files.map(real),
      envFiles: options.envFiles?.map(real),
      projectDirectory: options.projectDirectory && real(options.projectDirectory),
      mode: 'lint',
      cwd: this.cwd,
    });
    for (const s of first.sources) this.ensure(real(s));
    for (const f of options.files) this.ensure(real(f));
    const dotenv = join(first.projectDirectory, '.env');
    this.ensure(dotenv);
    for (;;) {
      const project = loadProject({
        files: options.files.map(mirrored),
        envFiles: options.envFiles?.map(mirrored),
        projectDirectory: options.projectDirectory ? mirrored(options.projectDirectory) : undefined,
        mode: 'lint',
        cwd: this.mirror(this.cwd),
      });
      const missing = project.sources.map((s) => this.real(resolve(this.mirror(this.cwd), s))).filter((abs) => !this.copies.has(abs));
      if (!missing.length) return project;
      for (const abs of missing) this.ensure(abs);
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
