/**
 * fix's private view of every file it reads: an in-memory overlay over the file system. Each file
 * is read once (a snapshot, checked again before writing) and edited in memory; projects are
 * reloaded from the overlay to check the result. Nothing is written anywhere until the end, when
 * the changed files are written all at once (transaction.ts) — no copy of a secret is ever kept
 * outside the project and the secrets directory, even when the process is killed.
 */
import { join, isAbsolute, relative, resolve } from 'node:path';
import { hostError, nodeHost, OverlayHost, type FileHost, type FileStat } from '../load/host.js';
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

export class Workspace implements FileHost {
  private readonly copies = new Map<string, Copy>();
  /** The current text of every file read or written (with its BOM), over the file system. */
  private readonly overlay = new OverlayHost(nodeHost);
  /** Per file, the line correspondences of each write, in order. */
  private readonly versions = new Map<string, { forward: number[]; backward: number[] }[]>();

  constructor(
    readonly cwd: string,
    private readonly ops: FileOps = nodeFileOps,
  ) {}

  /** How a real path is shown: relative to the working directory. */
  display(abs: string): string {
    const rel = relative(this.cwd, abs);
    return rel && !isAbsolute(rel) ? rel : abs;
  }

  /** Reads a real file into the workspace (once). */
  ensure(abs: string): void {
    if (this.copies.has(abs)) return;
    const original = this.ops.read(abs);
    const bom = original?.startsWith('\uFEFF') ?? false;
    this.copies.set(abs, { abs, original, current: original === undefined ? undefined : bom ? original.slice(1) : original, bom });
    if (original !== undefined) this.overlay.write(abs, original);
  }

  /** FileHost: a file as the workspace holds it (read into it on first use). */
  readText(path: string): string {
    const abs = resolve(path);
    this.ensure(abs);
    if (this.copies.get(abs)!.current === undefined) throw hostError('ENOENT', abs);
    return this.overlay.readText(abs);
  }

  /** FileHost: a file the workspace holds, else the file system's. */
  stat(path: string): FileStat | undefined {
    const abs = resolve(path);
    const copy = this.copies.get(abs);
    if (copy && copy.current === undefined) return undefined;
    return this.overlay.stat(abs);
  }

  /** FileHost: a directory's names as the workspace holds it (files it deleted left out). */
  list(path: string): string[] | undefined {
    const dir = resolve(path);
    return this.overlay.list(dir)?.filter((name) => {
      const copy = this.copies.get(join(dir, name));
      return !copy || copy.current !== undefined;
    });
  }

  /** FileHost: the file system's resolution of links (the workspace writes no links). */
  realpath(path: string): string | undefined {
    return nodeHost.realpath?.(resolve(path));
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
    this.overlay.write(abs, c.bom ? `\uFEFF${text}` : text);
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

  /** Loads a project from the workspace: every file it reads is read into the workspace. */
  load(options: LoadOptions): Project {
    const real = (f: string) => resolve(this.cwd, f);
    for (const f of options.files) this.ensure(real(f));
    const project = loadProject({
      files: options.files.map(real),
      envFiles: options.envFiles?.map(real),
      projectDirectory: options.projectDirectory && real(options.projectDirectory),
      mode: 'lint',
      cwd: this.cwd,
      host: this,
      projectFiles: false,
    });
    // the project's .env is the workspace's even when it does not exist
    this.ensure(join(project.projectDirectory, '.env'));
    return project;
  }
}
